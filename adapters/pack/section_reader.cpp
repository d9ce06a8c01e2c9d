#include "adapters/pack/section_reader.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace cadence::pack_detail {
namespace {

std::optional<std::string> read_file(const std::filesystem::path& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return buffer.str();
}

}  // namespace

std::optional<std::string> SectionReader::read(const std::string& display) {
  auto text = read_file(display);
  if (text) add_source(display, *text);
  return text;
}

void SectionReader::add_source(const std::string& name, const std::string& text) {
  pack_.sources.add(name, text);
  checksum_.add(name, text);
}

std::string SectionReader::checksum() const { return checksum_.hex(directory_); }

std::string SectionReader::resolve(const std::string& relative) const {
  std::filesystem::path base =
      directory_.empty() ? std::filesystem::path() : std::filesystem::path(directory_);
  return (base / relative).lexically_normal().string();
}

bool SectionReader::check_rule(const std::string& id, const SourceSpan& span) {
  std::vector<std::string_view> ids;
  for (const auto& rule : pack_.rules) {
    if (rule.id == id) return true;
    ids.push_back(rule.id);
  }
  std::string message = "unknown rule " + in_quotes(id);
  std::string suggestion = suggest(id, ids);
  if (!suggestion.empty()) message += " (did you mean " + in_quotes(suggestion) + "?)";
  document().error(span, message);
  return false;
}

std::vector<std::string> SectionReader::rule_list(const YAML::Node& key, const YAML::Node& value) {
  std::vector<std::string> result;
  std::vector<SourceSpan> spans;
  auto ids = document().text_list(key, value, &spans);
  for (std::size_t i = 0; ids && i < ids->size(); ++i) {
    if (check_rule((*ids)[i], spans[i])) result.push_back((*ids)[i]);
  }
  return result;
}

std::optional<Period> SectionReader::parse_period(const std::string& text, const SourceSpan& span) {
  auto period = Period::parse(text);
  if (!period) {
    document().error(span, in_quotes(text) + (Period::is_out_of_range_text(text)
                                                  ? " is outside the supported dates " + std::string(kSupportedDates)
                                                  : " is not a period (write 2023-W10, 2023-03, 2023-Q1 or 2023)"));
  }
  return period;
}

std::optional<Date> SectionReader::parse_date(const std::string& text, const SourceSpan& span) {
  auto date = Date::parse(text);
  if (!date) {
    document().error(span, in_quotes(text) + (Date::is_out_of_range_text(text)
                                                  ? " is outside the supported dates " + std::string(kSupportedDates)
                                                  : " is not a date (write YYYY-MM-DD, e.g. 2023-12-31)"));
  }
  return date;
}

void SectionReader::check_unique(std::map<std::string, int>& first_line, const std::string& name,
                                 const SourceSpan& span, std::string_view what) {
  auto [first, inserted] = first_line.emplace(name, span.line);
  if (inserted) return;
  document().error(span, "duplicate " + std::string(what) + " " + in_quotes(name) + " (first at line " +
                             std::to_string(first->second) + ")");
}

std::vector<std::string> SectionReader::event_calendar_names() const {
  std::vector<std::string> names;
  for (const auto& calendar : pack_.calendars.events) names.push_back(calendar.name());
  for (const auto& source : pack_.calendars.event_sources) names.push_back(source.name);
  return names;
}

}  // namespace cadence::pack_detail
