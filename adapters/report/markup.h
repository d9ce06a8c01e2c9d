// Escaping text for the Markdown and HTML reports: every text a report did
// not write itself (names, ids, messages, notes, rule ids and titles from the
// pack, the data cut-off) goes through one of these, in every context —
// table cells, headings, list items and prose alike — so that data never
// becomes structure (issue 29: a name holding a line break and `# 标题`
// made a heading, `<script>` raw HTML).
//
// markdown_text: a backslash before each ASCII punctuation character that
// CommonMark / GFM give a meaning inline (\ ` * _ [ ] < > | # ~ &; `_`
// not between two ASCII letters or digits, where it is inert), so `|`
// cannot end a table cell, `<` cannot open HTML and `#` cannot close a
// heading; line breaks (CR, LF, CR LF) become a space, so a text stays on
// its line (a heading stays a heading, a cell a cell). At the text's start,
// where it follows a list marker or a heading's `#`, the block markers too:
// `-`, `+`, `=`, the `.` or `)` of "1." and "1)", and leading spaces (as
// &#32;, which cannot indent code).
//   markdown_text("a|b\n# 标题 <script>") → "a\|b \# 标题 \<script\>"
//   markdown_text("- 1. x")               → "\- 1. x"
// html_text: & < > " ' as character references; safe in element content
// and in quoted attribute values.
//   html_text("<b>\"x\" & 'y'</b>") → "&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;"
#pragma once

#include <string>
#include <string_view>

namespace cadence {

std::string markdown_text(std::string_view text);
std::string html_text(std::string_view text);

}  // namespace cadence
