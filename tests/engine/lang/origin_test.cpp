#include "engine/lang/origin.h"

#include <doctest/doctest.h>

namespace cadence::lang {
namespace {

TEST_CASE("without anchors, lines after the first start at the continuation column") {
  ExprOrigin where;
  where.origin = SourceSpan{"pack.yaml", 4, 12, 1, ""};
  where.continuation_column = 7;
  const std::string_view text = "count(x) +\n中文 + y";
  Locator locator(where, text);
  SourceSpan first = locator.span(0, 5);
  CHECK(first.line == 4);
  CHECK(first.column == 12);
  CHECK(first.length == 5);
  SourceSpan y = locator.span(text.find('y'), text.size());
  CHECK(y.line == 5);
  CHECK(y.column == 7 + 5);  // two code points of 中文, then " + "
}

TEST_CASE("anchors place every piece of a folded or escaped text") {
  // value: "a \"b\"
  //   c"            -> the value: a "b" c
  ExprOrigin where;
  where.origin = SourceSpan{"pack.yaml", 2, 9, 1, ""};
  where.anchors = {{0, 2, 9}, {3, 2, 13}, {5, 2, 16}, {6, 3, 3}};
  const std::string_view text = "a \"b\" c";
  CHECK(locate(where, text, 0, 1).column == 9);
  CHECK(locate(where, text, 3, 4).column == 13);  // b
  SourceSpan c = locate(where, text, 6, 7);
  CHECK(c.line == 3);
  CHECK(c.column == 3);
}

TEST_CASE("origin_at moves the origin and keeps the later anchors") {
  ExprOrigin where;
  where.origin = SourceSpan{"pack.yaml", 2, 9, 1, ""};
  where.anchors = {{0, 2, 9}, {6, 3, 3}};
  ExprOrigin part = origin_at(where, "a b c d", 2);
  CHECK(part.origin.line == 2);
  CHECK(part.origin.column == 11);
  REQUIRE(part.anchors.size() == 1);
  CHECK(part.anchors[0].offset == 4);
  CHECK(part.anchors[0].line == 3);
}

}  // namespace
}  // namespace cadence::lang
