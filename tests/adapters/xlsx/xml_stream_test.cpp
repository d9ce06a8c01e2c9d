#include "adapters/xlsx/xml_stream.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace cadence {
namespace {

// Records events as text: "<row r=1>", "text", "</row>"; consecutive texts
// are joined (expat may split them anywhere).
class Recorder : public XmlHandler {
 public:
  void start(std::string_view name, const char** attributes) override {
    std::string event = "<" + std::string(name);
    for (const char** at = attributes; *at != nullptr; at += 2) event += std::string(" ") + at[0] + "=" + at[1];
    events.push_back(event + ">");
    last_was_text_ = false;
    if (stream != nullptr && ++starts == stop_at) stream->stop();
  }
  void end(std::string_view name) override {
    events.push_back("</" + std::string(name) + ">");
    last_was_text_ = false;
  }
  void text(std::string_view text) override {
    if (last_was_text_) {
      events.back() += text;
    } else {
      events.emplace_back(text);
    }
    last_was_text_ = true;
  }

  std::vector<std::string> events;
  XmlStream* stream = nullptr;  // to stop at the `stop_at`-th start
  int stop_at = 0;
  int starts = 0;

 private:
  bool last_was_text_ = false;
};

const std::string kSheet = R"(<?xml version="1.0"?><x:sheetData xmlns:x="urn:s" xmlns:r="urn:r">)"
                           R"(<x:row r="1"><x:c r:id="A1" t="s">团&amp;支部</x:c></x:row></x:sheetData>)";

TEST_CASE("element names lose their prefix, and attributes keep theirs, found by local name") {
  Recorder recorder;
  XmlStream stream(recorder);
  CHECK(stream.feed(kSheet));
  CHECK(stream.finish());
  CHECK(recorder.events == std::vector<std::string>{"<sheetData xmlns:x=urn:s xmlns:r=urn:r>", "<row r=1>",
                                                    "<c r:id=A1 t=s>", "团&支部", "</c>", "</row>", "</sheetData>"});
  const char* attributes[] = {"r:id", "A1", "t", "s", nullptr};
  CHECK(std::string(find_attribute(attributes, "id")) == "A1");
  CHECK(std::string(find_attribute(attributes, "t")) == "s");
  CHECK(find_attribute(attributes, "r") == nullptr);
  CHECK(find_attribute(nullptr, "t") == nullptr);
}

TEST_CASE("a document fed one byte at a time gives the same events") {
  Recorder whole;
  XmlStream whole_stream(whole);
  REQUIRE(whole_stream.feed(kSheet));
  REQUIRE(whole_stream.finish());
  Recorder bytes;
  XmlStream stream(bytes);
  for (char c : kSheet) REQUIRE(stream.feed(std::string_view(&c, 1)));
  CHECK(stream.finish());
  CHECK(bytes.events == whole.events);
}

TEST_CASE("a DOCTYPE is refused before any entity is expanded") {
  Recorder recorder;
  XmlStream stream(recorder);
  CHECK_FALSE(stream.feed(R"(<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>)"));
  CHECK(stream.refused_doctype());
  CHECK(recorder.events.empty());
  CHECK_FALSE(stream.finish());
}

TEST_CASE("a malformed document fails with expat's reason and line, and an unfinished one fails at the end") {
  Recorder recorder;
  XmlStream stream(recorder);
  CHECK_FALSE(stream.feed("<a>\n<b></a>"));
  CHECK(stream.error() == "mismatched tag at line 2");

  Recorder open;
  XmlStream unfinished(open);
  CHECK(unfinished.feed("<a><b/>"));
  CHECK_FALSE(unfinished.finish());
}

TEST_CASE("a handler can stop the parse, and nothing after it is reported") {
  Recorder recorder;
  XmlStream stream(recorder);
  recorder.stream = &stream;
  recorder.stop_at = 2;
  CHECK_FALSE(stream.feed("<a><b>text</b><c/><d/></a>"));
  CHECK(stream.stopped());
  CHECK(recorder.events == std::vector<std::string>{"<a>", "<b>"});
  CHECK_FALSE(stream.feed("<e/>"));
  CHECK_FALSE(stream.finish());
}

}  // namespace
}  // namespace cadence
