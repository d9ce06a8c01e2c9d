// Problems in user input, as data.
//
// Everything that reads user input (a rule pack, an expression, a CSV row, a
// calendar file) reports problems as Diagnostic values collected in a
// Diagnostics list, never by throwing. All problems are reported, not only the
// first. Rendered, a diagnostic reads:
//
//   rules/b.yaml:12:18: error: unknown column 'learnerz' in record set 'study'
//      12 |     value: sum(study.learnerz)
//         |                      ^~~~~~~~
//
// A tabular source (CSV, XLSX) names the row's line and the column by header:
//
//   members.csv:7: error: column 'birth_date' (出生日期): '2023-02-30' is not a date
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace cadence {

enum class Severity { kError, kWarning, kNote };

std::string_view to_string(Severity severity);

// Where a problem is. line and column are 1-based; 0 means unknown. column
// counts Unicode code points, so a caret lines up under Chinese text too.
struct SourceSpan {
  std::string file;
  int line = 0;
  int column = 0;
  int length = 1;     // code points underlined
  std::string field;  // tabular sources: the column's header, e.g. "出生日期"

  friend bool operator==(const SourceSpan&, const SourceSpan&) = default;
};

struct Diagnostic {
  Severity severity = Severity::kError;
  SourceSpan span;
  std::string message;

  friend bool operator==(const Diagnostic&, const Diagnostic&) = default;
};

// Source texts by file name, so that rendering can show the offending line.
class SourceMap {
 public:
  void add(std::string file, std::string text) { texts_[std::move(file)] = std::move(text); }
  // The line (1-based) of a file without its newline; empty if unknown.
  std::string_view line(const std::string& file, int line) const;

 private:
  std::map<std::string, std::string> texts_;
};

class Diagnostics {
 public:
  void error(SourceSpan span, std::string message) { add(Severity::kError, std::move(span), std::move(message)); }
  void warning(SourceSpan span, std::string message) { add(Severity::kWarning, std::move(span), std::move(message)); }
  void note(SourceSpan span, std::string message) { add(Severity::kNote, std::move(span), std::move(message)); }
  void add(Severity severity, SourceSpan span, std::string message);
  void append(const Diagnostics& other);

  bool has_errors() const { return error_count_ > 0; }
  int error_count() const { return error_count_; }
  int warning_count() const;
  bool empty() const { return items_.empty(); }
  std::size_t size() const { return items_.size(); }
  const std::vector<Diagnostic>& items() const { return items_; }

  // Sorted by file, line, column, then insertion order: a stable report.
  std::vector<Diagnostic> sorted() const;

 private:
  std::vector<Diagnostic> items_;
  int error_count_ = 0;
};

// "file:line:col: error: message", then the source line and a caret when the
// source is known and the span has a line. No trailing newline.
std::string render(const Diagnostic& diagnostic, const SourceMap* sources = nullptr);

// All diagnostics, sorted, each followed by a newline; at most `limit` of them,
// then "... and N more problems".
std::string render_all(const Diagnostics& diagnostics, const SourceMap* sources = nullptr,
                       std::size_t limit = 200);

// Terminal display width of a UTF-8 string: East Asian wide characters take 2.
int display_width(std::string_view utf8);

}  // namespace cadence
