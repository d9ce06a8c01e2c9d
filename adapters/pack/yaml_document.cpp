#include "adapters/pack/yaml_document.h"

#include <algorithm>
#include <charconv>
#include <cctype>
#include <cmath>
#include <exception>

#include "engine/core/utf8.h"

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

std::string_view trim_right(std::string_view text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

std::string_view trim(std::string_view text) {
  text = trim_right(text);
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  return text;
}

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

}  // namespace

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
  text_ = std::string(text);
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
  }
}

std::optional<YAML::Node> YamlDocument::parse() {
  // Named arguments left unquoted would be YAML errors (or, inside a flow
  // mapping, silently different keys): say how to write them instead.
  if (report_unquoted_named_arguments()) return std::nullopt;
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
  return code_point_count(text.substr(0, bytes)) + 1 + std::max(0, byte_column - static_cast<int>(text.size()));
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
    int length = code_point_count(node.Scalar());
    if (!rest.empty() && (rest.front() == '"' || rest.front() == '\'')) length += 2;
    if (!rest.empty() && (rest.front() == '|' || rest.front() == '>')) length = 1;
    span.length = std::clamp(length, 1, std::max(1, code_point_count(trim_right(rest))));
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
  return in_quotes(node.Scalar());
}

bool YamlDocument::check_mapping(const YAML::Node& node, const YAML::Node& key, std::string_view what,
                                 const std::vector<std::string_view>& known) {
  if (!node.IsMap()) {
    SourceSpan where = key.IsDefined() ? value_span(key, node) : span(node);
    error(where, std::string(what) + " must be a mapping of keys to values, got " + describe(node));
    return false;
  }
  const std::vector<std::string_view>& candidates = known;
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
                           const std::vector<std::string_view>& required) {
  if (!mapping.IsMap()) return;
  for (std::string_view name : required) {
    bool found = false;
    for (auto it = mapping.begin(); it != mapping.end() && !found; ++it) found = key_name(it->first) == name;
    if (!found) error(at, std::string(what) + " is missing the required key " + in_quotes(name));
  }
}

std::optional<std::string> YamlDocument::text(const YAML::Node& key, const YAML::Node& value) {
  if (value.IsScalar()) return value.Scalar();
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
    result.push_back(value.Scalar());
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
    result.push_back(item.Scalar());
    if (spans != nullptr) spans->push_back(span(item));
  }
  if (!ok) return std::nullopt;
  return result;
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
  result.text = value.Scalar();
  result.where = origin_of(value);
  return result;
}

std::optional<ExprText> YamlDocument::template_text(const YAML::Node& key, const YAML::Node& value) {
  auto scalar = text(key, value);
  if (!scalar) return std::nullopt;
  ExprText result;
  result.text = std::move(*scalar);
  result.where = origin_of(value);
  return result;
}

}  // namespace cadence::pack_detail
