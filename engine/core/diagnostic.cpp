#include "engine/core/diagnostic.h"

#include <algorithm>
#include <numeric>

#include "engine/core/utf8.h"

namespace cadence {

std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kNote: return "note";
  }
  return "error";
}

std::string_view SourceMap::line(const std::string& file, int line) const {
  auto found = texts_.find(file);
  if (found == texts_.end() || line < 1) return {};
  std::string_view text = found->second;
  for (int current = 1; current < line; ++current) {
    auto newline = text.find('\n');
    if (newline == std::string_view::npos) return {};
    text.remove_prefix(newline + 1);
  }
  auto end = text.find('\n');
  std::string_view result = text.substr(0, end);
  if (!result.empty() && result.back() == '\r') result.remove_suffix(1);
  return result;
}

void Diagnostics::add(Severity severity, SourceSpan span, std::string message) {
  if (severity == Severity::kError) ++error_count_;
  items_.push_back(Diagnostic{severity, std::move(span), std::move(message)});
}

void Diagnostics::append(const Diagnostics& other) {
  for (const auto& item : other.items_) add(item.severity, item.span, item.message);
}

int Diagnostics::warning_count() const {
  return static_cast<int>(std::count_if(items_.begin(), items_.end(), [](const Diagnostic& d) {
    return d.severity == Severity::kWarning;
  }));
}

std::vector<Diagnostic> Diagnostics::sorted() const {
  std::vector<Diagnostic> result = items_;
  std::stable_sort(result.begin(), result.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.span.file != b.span.file) return a.span.file < b.span.file;
    if (a.span.line != b.span.line) return a.span.line < b.span.line;
    return a.span.column < b.span.column;
  });
  return result;
}

int display_width(std::string_view utf8) {
  int width = 0;
  for_each_code_point(utf8, [&](char32_t code_point) { width += is_wide(code_point) ? 2 : 1; });
  return width;
}

std::string render(const Diagnostic& diagnostic, const SourceMap* sources) {
  const SourceSpan& span = diagnostic.span;
  std::string out = span.file.empty() ? std::string("<input>") : span.file;
  if (span.line > 0) {
    out += ':' + std::to_string(span.line);
    if (span.column > 0) out += ':' + std::to_string(span.column);
  }
  out += ": ";
  out += to_string(diagnostic.severity);
  out += ": ";
  if (!span.field.empty()) out += "column '" + span.field + "': ";
  out += diagnostic.message;
  if (sources == nullptr || span.line < 1) return out;
  std::string_view source_line = sources->line(span.file, span.line);
  if (source_line.empty()) return out;
  std::string gutter = std::to_string(span.line);
  std::string blank(gutter.size(), ' ');
  out += "\n " + gutter + " | " + std::string(source_line);
  if (span.column < 1) return out;
  // Pad with the display width of the text before the column, keeping tabs so
  // that the caret lines up whatever the terminal's tab stops are.
  std::string padding;
  int column = 1;
  int underline = 0;
  for_each_code_point(source_line, [&](char32_t code_point) {
    if (column < span.column) {
      if (code_point == U'\t') {
        padding += '\t';
      } else {
        padding.append(is_wide(code_point) ? 2 : 1, ' ');
      }
    } else if (column < span.column + std::max(span.length, 1)) {
      underline += is_wide(code_point) ? 2 : 1;
    }
    ++column;
  });
  if (column < span.column) padding.append(static_cast<std::size_t>(span.column - column), ' ');
  std::string marker = "^";
  if (underline > 1) marker += std::string(static_cast<std::size_t>(underline - 1), '~');
  out += "\n " + blank + " | " + padding + marker;
  return out;
}

std::string render_all(const Diagnostics& diagnostics, const SourceMap* sources, std::size_t limit) {
  std::string out;
  auto items = diagnostics.sorted();
  std::size_t shown = 0;
  for (const auto& item : items) {
    if (shown == limit) break;
    out += render(item, sources);
    out += '\n';
    ++shown;
  }
  if (items.size() > shown) {
    out += "... and " + std::to_string(items.size() - shown) + " more problems\n";
  }
  return out;
}

}  // namespace cadence
