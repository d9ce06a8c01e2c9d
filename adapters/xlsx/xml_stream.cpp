#include "adapters/xlsx/xml_stream.h"

#include <expat.h>

#include <climits>
#include <cstring>

namespace cadence {
namespace {

std::string_view local_name(const char* name) {
  std::string_view view(name);
  std::size_t colon = view.rfind(':');
  return colon == std::string_view::npos ? view : view.substr(colon + 1);
}

}  // namespace

struct XmlStream::Impl {
  XML_Parser parser = nullptr;
  XmlHandler* handler = nullptr;
  XmlStream* owner = nullptr;
};

struct XmlCallbacks {
  static XmlStream& stream(void* data) { return *static_cast<XmlStream*>(data); }
  static void start(void* data, const XML_Char* name, const XML_Char** attributes) {
    stream(data).impl_->handler->start(local_name(name), attributes);
  }
  static void end(void* data, const XML_Char* name) { stream(data).impl_->handler->end(local_name(name)); }
  static void text(void* data, const XML_Char* text, int length) {
    stream(data).impl_->handler->text(std::string_view(text, static_cast<std::size_t>(length)));
  }
  static void refuse(XmlStream& owner) {
    owner.refused_doctype_ = true;
    XML_StopParser(owner.impl_->parser, XML_FALSE);
  }
  static void doctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) { refuse(stream(data)); }
  static void entity(void* data, const XML_Char*, int, const XML_Char*, int, const XML_Char*, const XML_Char*,
                     const XML_Char*, const XML_Char*) {
    refuse(stream(data));
  }
};

const char* find_attribute(const char** attributes, std::string_view name) {
  for (const char** at = attributes; at != nullptr && *at != nullptr; at += 2) {
    if (local_name(at[0]) == name) return at[1];
  }
  return nullptr;
}

XmlStream::XmlStream(XmlHandler& handler) : impl_(std::make_unique<Impl>()) {
  impl_->parser = XML_ParserCreate(nullptr);
  impl_->handler = &handler;
  impl_->owner = this;
  XML_SetUserData(impl_->parser, this);
  XML_SetElementHandler(impl_->parser, &XmlCallbacks::start, &XmlCallbacks::end);
  XML_SetCharacterDataHandler(impl_->parser, &XmlCallbacks::text);
  XML_SetStartDoctypeDeclHandler(impl_->parser, &XmlCallbacks::doctype);
  XML_SetEntityDeclHandler(impl_->parser, &XmlCallbacks::entity);
}

XmlStream::~XmlStream() {
  if (impl_->parser != nullptr) XML_ParserFree(impl_->parser);
}

bool XmlStream::feed(std::string_view chunk) {
  if (refused_doctype_ || stopped_) return false;
  while (!chunk.empty()) {
    std::size_t piece = std::min<std::size_t>(chunk.size(), INT_MAX / 2);
    if (XML_Parse(impl_->parser, chunk.data(), static_cast<int>(piece), XML_FALSE) != XML_STATUS_OK) return false;
    chunk.remove_prefix(piece);
  }
  return !refused_doctype_ && !stopped_;
}

bool XmlStream::finish() {
  if (refused_doctype_ || stopped_) return false;
  return XML_Parse(impl_->parser, nullptr, 0, XML_TRUE) == XML_STATUS_OK && !refused_doctype_ && !stopped_;
}

void XmlStream::stop() {
  stopped_ = true;
  XML_StopParser(impl_->parser, XML_FALSE);
}

std::string XmlStream::error() const {
  return std::string(XML_ErrorString(XML_GetErrorCode(impl_->parser))) + " at line " +
         std::to_string(XML_GetCurrentLineNumber(impl_->parser));
}

}  // namespace cadence
