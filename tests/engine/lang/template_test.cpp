#include "engine/lang/template.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace cadence::lang {
namespace {

// A message at line 3, column 14 of pack.yaml.
ExprOrigin message_origin() {
  ExprOrigin where;
  where.origin = SourceSpan{"pack.yaml", 3, 14, 1, ""};
  where.continuation_column = 14;
  return where;
}

std::vector<TemplatePart> parse(std::string_view text, Diagnostics& diagnostics) {
  return parse_template(text, message_origin(), "message", diagnostics);
}

std::string errors(std::string_view text) {
  Diagnostics diagnostics;
  parse(text, diagnostics);
  std::string out;
  for (const auto& item : diagnostics.items()) out += render(item, nullptr) + "\n";
  return out;
}

TEST_CASE("literals and placeholders alternate, and doubled braces are literal braces") {
  Diagnostics diagnostics;
  auto parts = parse("{org.name} 参学率 {value:percent} {{x}}", diagnostics);
  CHECK(diagnostics.empty());
  REQUIRE(parts.size() == 4);
  CHECK(parts[0].kind == TemplatePart::Kind::kPlaceholder);
  CHECK(parts[0].expression == "org.name");
  CHECK_FALSE(parts[0].has_format);
  CHECK(parts[1].literal == " 参学率 ");
  CHECK(parts[2].expression == "value");
  CHECK(parts[2].format == "percent");
  CHECK(parts[3].literal == " {x}");
}

TEST_CASE("a named argument's colon stays in the expression, the format is after the last top-level colon") {
  Diagnostics diagnostics;
  auto parts =
      parse("{count(members, where: status == \"active\")} and {count(members, where: x == \"a:b}\"):int}",
            diagnostics);
  CHECK(diagnostics.empty());
  REQUIRE(parts.size() == 3);
  CHECK(parts[0].expression == "count(members, where: status == \"active\")");
  CHECK(parts[0].format.empty());
  CHECK_FALSE(parts[0].has_format);
  // A '}' or ':' inside a string literal belongs to the string.
  CHECK(parts[2].expression == "count(members, where: x == \"a:b}\")");
  CHECK(parts[2].format == "int");
  CHECK(parts[2].inside == "count(members, where: x == \"a:b}\"):int");
}

TEST_CASE("positions count code points from the template's origin") {
  Diagnostics diagnostics;
  auto parts = parse("团支部 {org.name} {value:percnt}", diagnostics);
  REQUIRE(parts.size() == 4);
  // '{' is the 5th code point: column 14 + 4.
  CHECK(parts[1].span.column == 18);
  CHECK(parts[1].span.length == 10);
  CHECK(parts[1].expression_origin.origin.line == 3);
  CHECK(parts[1].expression_origin.origin.column == 19);
  CHECK(parts[3].format_span.column == 14 + 22);
}

TEST_CASE("positions stay exact in a template placed by anchors (a quoted YAML scalar with escapes)") {
  // message: "a\"b {x}" at line 5: the value a"b {x} has its 'b' at column 15
  // of the file, one further than a copy would put it.
  ExprOrigin where;
  where.origin = SourceSpan{"pack.yaml", 5, 11, 1, ""};
  where.anchors = {{0, 5, 11}, {2, 5, 14}};
  Diagnostics diagnostics;
  auto parts = parse_template("a\"b {x}", where, "message", diagnostics);
  REQUIRE(parts.size() == 2);
  CHECK(parts[1].span.column == 16);
  CHECK(parts[1].expression_origin.origin.column == 17);
}

TEST_CASE("unbalanced braces are errors at the brace, naming the text") {
  CHECK(errors("{org.name} 本周未开展 {value") ==
        "pack.yaml:3:31: error: '{' in the message is never closed (write '{{' for a literal brace)\n");
  CHECK(errors("a } b") ==
        "pack.yaml:3:16: error: '}' in the message without its '{' (write '}}' for a literal brace)\n");
  Diagnostics diagnostics;
  auto parts = parse_template("x {\"}", message_origin(), "text", diagnostics);
  REQUIRE(diagnostics.items().size() == 1);
  CHECK(diagnostics.items()[0].message == "'{' in the text is never closed (write '{{' for a literal brace)");
  REQUIRE(parts.size() == 1);
  CHECK(parts[0].literal == "x ");
}

}  // namespace
}  // namespace cadence::lang
