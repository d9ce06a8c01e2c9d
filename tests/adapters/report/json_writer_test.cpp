#include "adapters/report/json_writer.h"

#include <doctest/doctest.h>

#include <string>

namespace cadence {
namespace {

TEST_CASE("nested objects and arrays get their commas and colons, nothing else") {
  JsonWriter json;
  json.begin_object();
  json.field("a", "x");
  json.key("b");
  json.begin_array();
  json.raw("1");
  json.value("y");
  json.begin_object();
  json.end_object();
  json.begin_array();
  json.end_array();
  json.end_array();
  json.raw_field("c", "true");
  json.end_object();
  CHECK(json.take() == R"({"a":"x","b":[1,"y",{},[]],"c":true})");
}

TEST_CASE("a top-level array of objects separates the objects") {
  JsonWriter json;
  json.begin_array();
  for (const char* id : {"O1", "O2"}) {
    json.begin_object();
    json.field("id", id);
    json.raw_field("n", "0.5");
    json.end_object();
  }
  json.end_array();
  CHECK(json.take() == R"([{"id":"O1","n":0.5},{"id":"O2","n":0.5}])");
}

TEST_CASE("strings escape quotes, backslashes and control characters, and keep UTF-8 as it is") {
  CHECK(JsonWriter::escape("say \"hi\"\\") == R"("say \"hi\"\\")");
  CHECK(JsonWriter::escape("a\nb\rc\td") == R"("a\nb\rc\td")");
  CHECK(JsonWriter::escape(std::string_view("\x01\x1f\0", 3)) == R"("\u0001\u001f\u0000")");
  CHECK(JsonWriter::escape("\x7f/") == "\"\x7f/\"");  // DEL and '/' need no escape (RFC 8259 §7)
  CHECK(JsonWriter::escape("庙寨村团支部") == "\"庙寨村团支部\"");
}

TEST_CASE("keys are escaped like values") {
  JsonWriter json;
  json.begin_object();
  json.field("k\"1", "v\n");
  json.end_object();
  CHECK(json.take() == R"({"k\"1":"v\n"})");
}

}  // namespace
}  // namespace cadence
