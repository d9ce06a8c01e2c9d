// markdown_text and html_text (adapters/report/markup.h): data never becomes
// Markdown or HTML structure.
#include "adapters/report/markup.h"

#include <doctest/doctest.h>

namespace cadence {
namespace {

TEST_CASE("a line break and a heading marker in a name stay text on one line") {
  CHECK(markdown_text("第一行\n# 标题") == "第一行 \\# 标题");
  CHECK(markdown_text("a\r\nb\rc") == "a b c");
  CHECK(markdown_text("# 标题") == "\\# 标题");
}

TEST_CASE("raw HTML, pipes, emphasis, links and code are escaped") {
  CHECK(markdown_text("<script>alert(1)</script>") == "\\<script\\>alert(1)\\</script\\>");
  CHECK(markdown_text("a|b") == "a\\|b");
  CHECK(markdown_text("*x* _y_ `z` ~~s~~ [l](http://e) &amp;") ==
        "\\*x\\* \\_y\\_ \\`z\\` \\~\\~s\\~\\~ \\[l\\](http://e) \\&amp;");
  CHECK(markdown_text("back\\slash") == "back\\\\slash");
}

TEST_CASE("block markers at the start of a text are escaped, inside it they are plain") {
  CHECK(markdown_text("- item") == "\\- item");
  CHECK(markdown_text("+ item") == "\\+ item");
  CHECK(markdown_text("=====") == "\\=====");
  CHECK(markdown_text("1. first") == "1\\. first");
  CHECK(markdown_text("12) first") == "12\\) first");
  CHECK(markdown_text("    code") == "&#32;&#32;&#32;&#32;code");
  CHECK(markdown_text("2023-W10 41.7%（5/12）") == "2023-W10 41.7%（5/12）");
  CHECK(markdown_text("bulletin-basic 0.4.0") == "bulletin-basic 0.4.0");
}

TEST_CASE("an underscore inside a word stays as written") {
  CHECK(markdown_text("study.weekly_rate") == "study.weekly_rate");
  CHECK(markdown_text("_rate") == "\\_rate");
  CHECK(markdown_text("rate_") == "rate\\_");
}

TEST_CASE("html_text escapes the five characters of HTML syntax") {
  CHECK(html_text("<b>\"x\" & 'y'</b>") == "&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;");
  CHECK(html_text("原州区团委") == "原州区团委");
}

}  // namespace
}  // namespace cadence
