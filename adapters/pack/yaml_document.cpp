#include "adapters/pack/yaml_document.h"

#include <algorithm>
#include <charconv>
#include <cctype>
#include <cmath>
#include <exception>

namespace cadence::pack_detail {

std::string in_quotes(std::string_view text) { return "'" + std::string(text) + "'"; }

std::string join(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

bool contains(const std::vector<std::string>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

namespace {

int utf8_length(std::string_view text) {
  int count = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++count;
  }
  return count;
}


std::string_view trim_right(std::string_view text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

std::string_view trim(std::string_view text) {
  text = trim_right(text);
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  return text;
}

int indentation(std::string_view line) {
  int count = 0;
  while (static_cast<std::size_t>(count) < line.size() && line[static_cast<std::size_t>(count)] == ' ') ++count;
  return count;
}

bool is_blank(std::string_view line) { return trim(line).empty(); }

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> previous(b.size() + 1);
  std::vector<std::size_t> current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
    }
    std::swap(previous, current);
  }
  return previous[b.size()];
}

// The rule language writes named arguments as `where: cond`, and YAML does
// not allow ": " inside a plain scalar (`value: count(x, where: y)` is a YAML
// error). So that rule writers need not quote every such expression, on a
// `key: value` line whose value is a plain scalar, every later ": " becomes
// ":\x1F" before yaml-cpp sees the text, and readers turn it back. This only
// changes lines that would otherwise be YAML errors, and keeps every byte
// offset, so marks still point at the original text.
constexpr char kColonGuard = '\x1F';

std::string protect_colons(std::string text) {
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::size_t i = start;
    auto skip_spaces = [&] {
      while (i < end && text[i] == ' ') ++i;
    };
    skip_spaces();
    while (i + 1 < end && text[i] == '-' && text[i + 1] == ' ') {
      i += 2;
      skip_spaces();
    }
    bool candidate = i < end && text[i] != '#' && text[i] != '"' && text[i] != '\'' && text[i] != '{' &&
                     text[i] != '[';
    std::size_t colon = candidate ? text.find(": ", i) : std::string::npos;
    if (colon != std::string::npos && colon < end) {
      i = colon + 2;
      skip_spaces();
      const std::string_view kNotPlain = "\"'|>[{&*!%@`#";
      if (i < end && kNotPlain.find(text[i]) == std::string_view::npos) {
        for (; i + 1 < end; ++i) {
          if (text[i] == ' ' && text[i + 1] == '#') break;  // a comment
          if (text[i] == ':' && text[i + 1] == ' ') text[i + 1] = kColonGuard;
        }
      }
    }
    start = end + 1;
  }
  return text;
}

}  // namespace

std::string YamlDocument::restore(std::string text) {
  for (std::size_t at = text.find(kColonGuard); at != std::string::npos; at = text.find(kColonGuard, at + 1)) {
    if (at > 0 && text[at - 1] == ':') text[at] = ' ';
  }
  return text;
}

std::string suggest(std::string_view word, const std::vector<std::string_view>& candidates) {
  std::string best;
  std::size_t best_distance = 3;
  for (std::string_view candidate : candidates) {
    std::size_t distance = edit_distance(word, candidate);
    if (distance < best_distance && distance < word.size()) {
      best_distance = distance;
      best = std::string(candidate);
    }
  }
  return best;
}

YamlDocument::YamlDocument(std::string file, std::string_view text, Diagnostics& diagnostics)
    : file_(std::move(file)), diagnostics_(diagnostics) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  text_ = protect_colons(std::string(text));
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
  }
}

std::optional<YAML::Node> YamlDocument::parse() {
  try {
    return YAML::Load(text_);
  } catch (const YAML::Exception& exception) {
    SourceSpan span{file_, 0, 0, 1, ""};
    if (exception.mark.line >= 0) {
      span.line = exception.mark.line + 1;
      span.column = column_of(exception.mark.line, exception.mark.column);
    }
    error(span, "YAML syntax: " + exception.msg);
  } catch (const std::exception& exception) {
    error(SourceSpan{file_, 0, 0, 1, ""}, std::string("YAML: ") + exception.what());
  }
  return std::nullopt;
}

std::string_view YamlDocument::line_text(int line) const {
  if (line < 0 || static_cast<std::size_t>(line) >= line_starts_.size()) return {};
  std::size_t start = line_starts_[static_cast<std::size_t>(line)];
  std::size_t end = text_.find('\n', start);
  if (end == std::string::npos) end = text_.size();
  std::string_view result(text_.data() + start, end - start);
  if (!result.empty() && result.back() == '\r') result.remove_suffix(1);
  return result;
}

int YamlDocument::column_of(int line, int byte_column) const {
  std::string_view text = line_text(line);
  std::size_t bytes = std::min(static_cast<std::size_t>(std::max(byte_column, 0)), text.size());
  return utf8_length(text.substr(0, bytes)) + 1 + std::max(0, byte_column - static_cast<int>(text.size()));
}

SourceSpan YamlDocument::span(const YAML::Node& node) const {
  SourceSpan span{file_, 0, 0, 1, ""};
  YAML::Mark mark = node.Mark();
  if (mark.line < 0) return span;
  span.line = mark.line + 1;
  span.column = column_of(mark.line, mark.column);
  if (node.IsScalar()) {
    std::string_view rest = line_text(mark.line);
    rest = rest.substr(std::min(rest.size(), static_cast<std::size_t>(mark.column)));
    int length = utf8_length(node.Scalar());
    if (!rest.empty() && (rest.front() == '"' || rest.front() == '\'')) length += 2;
    if (!rest.empty() && (rest.front() == '|' || rest.front() == '>')) length = 1;
    span.length = std::clamp(length, 1, std::max(1, utf8_length(trim_right(rest))));
  }
  return span;
}

SourceSpan YamlDocument::value_span(const YAML::Node& key, const YAML::Node& value) const {
  if (!value.IsDefined() || (value.IsNull() && value.Mark().line != key.Mark().line)) return span(key);
  return span(value);
}

std::string YamlDocument::key_name(const YAML::Node& key) { return key.IsScalar() ? key.Scalar() : std::string(); }

std::string YamlDocument::describe(const YAML::Node& node) const {
  if (node.IsMap()) return "a mapping";
  if (node.IsSequence()) return "a list";
  if (node.IsNull() || !node.IsDefined()) return "nothing";
  return in_quotes(restore(node.Scalar()));
}

bool YamlDocument::check_mapping(const YAML::Node& node, const YAML::Node& key, std::string_view what,
                                 std::initializer_list<std::string_view> known) {
  if (!node.IsMap()) {
    SourceSpan where = key.IsDefined() ? value_span(key, node) : span(node);
    error(where, std::string(what) + " must be a mapping of keys to values, got " + describe(node));
    return false;
  }
  std::vector<std::string_view> candidates(known.begin(), known.end());
  std::vector<std::pair<std::string, int>> seen;
  for (auto it = node.begin(); it != node.end(); ++it) {
    const YAML::Node entry_key = it->first;
    if (!entry_key.IsScalar()) {
      error(span(entry_key), "a key in " + std::string(what) + " must be plain text");
      continue;
    }
    const std::string name = entry_key.Scalar();
    auto previous = std::find_if(seen.begin(), seen.end(), [&](const auto& pair) { return pair.first == name; });
    if (previous != seen.end()) {
      error(span(entry_key), "duplicate key " + in_quotes(name) + " in " + std::string(what) + " (first at line " +
                                 std::to_string(previous->second) + ")");
      continue;
    }
    seen.emplace_back(name, span(entry_key).line);
    if (std::find(candidates.begin(), candidates.end(), name) != candidates.end()) continue;
    std::string message = "unknown key " + in_quotes(name) + " in " + std::string(what);
    std::string suggestion = suggest(name, candidates);
    if (!suggestion.empty()) {
      message += " (did you mean " + in_quotes(suggestion) + "?)";
    } else {
      std::string list;
      for (auto candidate : candidates) list += (list.empty() ? "" : ", ") + std::string(candidate);
      message += " (known: " + list + ")";
    }
    error(span(entry_key), message);
  }
  return true;
}

bool YamlDocument::is_identifier(std::string_view name) {
  if (name.empty() || (std::isdigit(static_cast<unsigned char>(name.front())) != 0)) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  });
}

YAML::Node YamlDocument::find(const YAML::Node& mapping, std::string_view name, YAML::Node* key) {
  if (mapping.IsMap()) {
    for (auto it = mapping.begin(); it != mapping.end(); ++it) {
      if (key_name(it->first) != name) continue;
      if (key != nullptr) *key = it->first;
      return it->second;
    }
  }
  return YAML::Node(YAML::NodeType::Undefined);
}

bool YamlDocument::check_names(const YAML::Node& node, const YAML::Node& key, std::string_view what) {
  if (!node.IsMap()) {
    SourceSpan where = key.IsDefined() ? value_span(key, node) : span(node);
    error(where, in_quotes(key_name(key)) + " must be a mapping of names to " + std::string(what) + ", got " +
                     describe(node));
    return false;
  }
  std::vector<std::pair<std::string, int>> seen;
  for (auto it = node.begin(); it != node.end(); ++it) {
    const std::string name = key_name(it->first);
    auto previous = std::find_if(seen.begin(), seen.end(), [&](const auto& pair) { return pair.first == name; });
    if (previous != seen.end()) {
      error(span(it->first), "duplicate " + std::string(what) + " " + in_quotes(name) + " (first at line " +
                                 std::to_string(previous->second) + ")");
      continue;
    }
    seen.emplace_back(name, span(it->first).line);
    if (!is_identifier(name)) {
      error(span(it->first), in_quotes(name) + " is not a usable name: write letters, digits and '_', "
                                            "not starting with a digit");
    }
  }
  return true;
}

void YamlDocument::require(const YAML::Node& mapping, const SourceSpan& at, std::string_view what,
                           std::initializer_list<std::string_view> required) {
  if (!mapping.IsMap()) return;
  for (std::string_view name : required) {
    bool found = false;
    for (auto it = mapping.begin(); it != mapping.end() && !found; ++it) found = key_name(it->first) == name;
    if (!found) error(at, std::string(what) + " is missing the required key " + in_quotes(name));
  }
}

std::optional<std::string> YamlDocument::text(const YAML::Node& key, const YAML::Node& value) {
  if (value.IsScalar()) return restore(value.Scalar());
  std::string name = key_name(key);
  if (value.IsNull() || !value.IsDefined()) {
    error(value_span(key, value), in_quotes(name) + " needs a value");
  } else {
    error(value_span(key, value), in_quotes(name) + " must be text, got " + describe(value));
  }
  return std::nullopt;
}

std::optional<double> YamlDocument::number(const YAML::Node& key, const YAML::Node& value) {
  auto scalar = text(key, value);
  if (!scalar) return std::nullopt;
  double result = 0;
  const char* begin = scalar->data();
  const char* end = begin + scalar->size();
  if (!scalar->empty() && *begin == '+') ++begin;
  auto [stop, failure] = std::from_chars(begin, end, result);
  if (failure != std::errc() || stop != end || !std::isfinite(result)) {
    error(span(value), in_quotes(key_name(key)) + " must be a number, got " + in_quotes(*scalar));
    return std::nullopt;
  }
  return result;
}

std::optional<int> YamlDocument::integer(const YAML::Node& key, const YAML::Node& value) {
  auto scalar = text(key, value);
  if (!scalar) return std::nullopt;
  int result = 0;
  const char* begin = scalar->data();
  const char* end = begin + scalar->size();
  auto [stop, failure] = std::from_chars(begin, end, result);
  if (failure != std::errc() || stop != end) {
    error(span(value), in_quotes(key_name(key)) + " must be a whole number, got " + in_quotes(*scalar));
    return std::nullopt;
  }
  return result;
}

std::optional<bool> YamlDocument::boolean(const YAML::Node& key, const YAML::Node& value) {
  auto scalar = text(key, value);
  if (!scalar) return std::nullopt;
  if (*scalar == "true") return true;
  if (*scalar == "false") return false;
  error(span(value), in_quotes(key_name(key)) + " must be true or false, got " + in_quotes(*scalar));
  return std::nullopt;
}

std::optional<double> YamlDocument::fraction(const YAML::Node& key, const YAML::Node& value) {
  if (value.IsScalar() && !value.Scalar().empty() && value.Scalar().back() == '%') {
    std::string digits = value.Scalar().substr(0, value.Scalar().size() - 1);
    double result = 0;
    auto [stop, failure] = std::from_chars(digits.data(), digits.data() + digits.size(), result);
    if (failure != std::errc() || stop != digits.data() + digits.size() || !std::isfinite(result)) {
      error(span(value), in_quotes(key_name(key)) + " must be a number or a percentage, got " + in_quotes(value.Scalar()));
      return std::nullopt;
    }
    return result / 100;
  }
  return number(key, value);
}

std::optional<std::vector<std::string>> YamlDocument::text_list(const YAML::Node& key, const YAML::Node& value,
                                                                std::vector<SourceSpan>* spans) {
  std::vector<std::string> result;
  if (value.IsScalar()) {
    result.push_back(restore(value.Scalar()));
    if (spans != nullptr) spans->push_back(span(value));
    return result;
  }
  if (!value.IsSequence()) {
    error(value_span(key, value), in_quotes(key_name(key)) + " must be a list, got " + describe(value));
    return std::nullopt;
  }
  bool ok = true;
  for (const auto& item : value) {
    if (!item.IsScalar()) {
      error(span(item), "an item of " + in_quotes(key_name(key)) + " must be text, got " + describe(item));
      ok = false;
      continue;
    }
    result.push_back(restore(item.Scalar()));
    if (spans != nullptr) spans->push_back(span(item));
  }
  if (!ok) return std::nullopt;
  return result;
}

lang::ExprOrigin YamlDocument::origin_of(const YAML::Node& value, std::string& text) const {
  lang::ExprOrigin where;
  where.origin = SourceSpan{file_, 0, 0, 1, ""};
  text = value.Scalar();
  YAML::Mark mark = value.Mark();
  if (mark.line < 0 || mark.pos < 0 || static_cast<std::size_t>(mark.pos) >= text_.size()) return where;
  const char first = text_[static_cast<std::size_t>(mark.pos)];
  where.origin.line = mark.line + 1;
  where.origin.column = column_of(mark.line, mark.column);
  where.continuation_column = where.origin.column;

  if (first == '"' || first == '\'') {
    // The text starts after the quote. Lines of a quoted scalar spread over
    // several lines are folded by YAML: positions there are approximate.
    where.origin.column = column_of(mark.line, mark.column + 1);
    where.continuation_column = indentation(line_text(mark.line + 1)) + 1;
    return where;
  }

  if (first == '|' || first == '>') {
    // The content starts on the next line; its indentation is that of the
    // first non-blank line.
    int content_line = mark.line + 1;
    int indent = -1;
    for (int line = content_line; static_cast<std::size_t>(line) < line_starts_.size(); ++line) {
      if (!is_blank(line_text(line))) {
        indent = indentation(line_text(line));
        break;
      }
    }
    if (indent < 0) return where;
    where.origin.line = content_line + 1;
    where.origin.column = indent + 1;
    where.continuation_column = indent + 1;
    if (first == '>') {
      // Folding turns line breaks into spaces, which would move every later
      // line onto the first. For an expression a line break is whitespace
      // too, so keep the lines as written: positions stay exact.
      std::string raw;
      int line = content_line;
      std::string pending_blank;
      bool any = false;
      for (; static_cast<std::size_t>(line) < line_starts_.size(); ++line) {
        std::string_view content = line_text(line);
        if (is_blank(content)) {
          pending_blank += '\n';
          continue;
        }
        if (indentation(content) < indent) break;
        raw += pending_blank + (any ? "\n" : "");
        pending_blank.clear();
        any = true;
        raw += std::string(content.substr(static_cast<std::size_t>(indent)));
      }
      text = raw;
    }
    return where;
  }

  // A plain scalar: on one line in the common case.
  std::string_view rest = line_text(mark.line).substr(
      std::min(line_text(mark.line).size(), static_cast<std::size_t>(mark.column)));
  if (text.find('\n') == std::string::npos && rest.substr(0, text.size()) == text) return where;
  // Folded over several lines: rebuild the lines as written so that positions
  // after the first line stay exact, if the continuation lines share one
  // indentation (otherwise keep YAML's folded text; positions approximate).
  std::vector<std::string_view> parts{trim_right(rest)};
  std::string folded(parts.front());
  int continuation = -1;
  for (int line = mark.line + 1; static_cast<std::size_t>(line) < line_starts_.size(); ++line) {
    std::string_view content = line_text(line);
    if (is_blank(content)) break;
    if (continuation < 0) continuation = indentation(content);
    if (indentation(content) != continuation) break;
    parts.push_back(trim(content));
    folded += " " + std::string(parts.back());
    if (folded == text) {
      std::string raw;
      for (std::size_t i = 0; i < parts.size(); ++i) raw += (i == 0 ? "" : "\n") + std::string(parts[i]);
      text = raw;
      where.continuation_column = continuation + 1;
      return where;
    }
    if (folded.size() >= text.size()) break;
  }
  return where;
}

std::optional<ExprText> YamlDocument::expression(const YAML::Node& key, const YAML::Node& value) {
  if (value.IsMap() || value.IsSequence()) {
    error(value_span(key, value), in_quotes(key_name(key)) + " must be an expression, got " + describe(value) +
                                      "; quote an expression that starts with '{' or '['");
    return std::nullopt;
  }
  if (!value.IsScalar() || trim(value.Scalar()).empty()) {
    error(value_span(key, value), in_quotes(key_name(key)) + " needs an expression");
    return std::nullopt;
  }
  ExprText result;
  result.where = origin_of(value, result.text);
  result.text = restore(result.text);
  return result;
}

std::optional<std::string> YamlDocument::positioned_text(const YAML::Node& key, const YAML::Node& value,
                                                         SourceSpan& where) {
  auto scalar = text(key, value);
  if (!scalar) return std::nullopt;
  std::string ignored;
  where = origin_of(value, ignored).origin;
  return scalar;
}

}  // namespace cadence::pack_detail
