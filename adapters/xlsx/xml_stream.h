// Streaming XML parsing with expat for the parts of an XLSX file, refusing
// what an XLSX part never needs and attackers use: a DOCTYPE and entity
// declarations (billion laughs, external entities).
//
// Element and attribute names are reported without their namespace prefix
// ("x:row" → "row", "r:id" → "id"): writers differ in the prefixes they use
// for the same SpreadsheetML namespace. Not thread-safe.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace cadence {

class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  // attributes: name, value, name, value, ..., nullptr (expat's layout).
  virtual void start(std::string_view name, const char** attributes) = 0;
  virtual void end(std::string_view name) = 0;
  virtual void text(std::string_view text) = 0;
};

// The value of attribute `name` (prefix ignored), or nullptr.
const char* find_attribute(const char** attributes, std::string_view name);

class XmlStream {
 public:
  explicit XmlStream(XmlHandler& handler);
  ~XmlStream();
  XmlStream(const XmlStream&) = delete;
  XmlStream& operator=(const XmlStream&) = delete;

  // Feeds the next chunk; false once the document is known to be bad or
  // stop() was called.
  bool feed(std::string_view chunk);
  // Ends the document; false if it is incomplete or bad.
  bool finish();
  // Called from a handler: stop parsing (a limit was reached).
  void stop();

  bool refused_doctype() const { return refused_doctype_; }
  bool stopped() const { return stopped_; }
  // Expat's message and line for a malformed document.
  std::string error() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  bool refused_doctype_ = false;
  bool stopped_ = false;
  friend struct XmlCallbacks;
};

}  // namespace cadence
