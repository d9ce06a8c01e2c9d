// `calendars:` of pack.yaml: the region chain, the working-day tables and the
// event calendars (rules/README.md "calendars").
#include <optional>
#include <set>
#include <utility>

#include "adapters/pack/key_table.h"
#include "engine/calendar/calendar_table.h"

namespace cadence::pack_detail {
namespace {

using NodePair = std::optional<std::pair<YAML::Node, YAML::Node>>;  // key, value

void read_calendar_files(SectionReader& reader, const YAML::Node& key, const YAML::Node& value, Pack& pack) {
  YamlDocument& document = reader.document();
  CalendarSpec& calendars = pack.calendars;
  std::vector<SourceSpan> spans;
  auto names = document.text_list(key, value, &spans);
  for (std::size_t i = 0; names && i < names->size(); ++i) {
    if (!reader.can_read_files()) {
      document.error(spans[i], "a pack read from text cannot name calendar files");
      continue;
    }
    const std::string path = reader.resolve((*names)[i]);
    auto text = reader.read(path);
    if (!text) {
      document.error(spans[i], "cannot read the calendar file " + in_quotes(path));
      continue;
    }
    auto entries = parse_calendar_csv(*text, path, reader.diagnostics());
    std::set<std::string> ignored;
    for (const auto& entry : entries) {
      if (!contains(calendars.regions, entry.region)) ignored.insert(entry.region);
    }
    for (const auto& region : ignored) {
      document.warning(spans[i], "calendar file " + in_quotes(path) + " has days of region " +
                                     in_quotes(region) + ", which is not in regions: [" +
                                     join(calendars.regions) + "]; they are ignored");
    }
    calendars.entries.insert(calendars.entries.end(), entries.begin(), entries.end());
  }
}

// An event calendar is read into this first: it is either `periods:` or
// `record_set:` and `column:`, which only the whole mapping tells.
struct EventDraft {
  NodePair periods;
  NodePair record_set;
  NodePair column;
};

constexpr std::array<Key<EventDraft>, 3> kEventKeys{{
    {"periods", Presence::kOptional,
     [](SectionReader&, const YAML::Node& key, const YAML::Node& value, EventDraft& draft) {
       draft.periods.emplace(key, value);
     }},
    {"record_set", Presence::kOptional,
     [](SectionReader&, const YAML::Node& key, const YAML::Node& value, EventDraft& draft) {
       draft.record_set.emplace(key, value);
     }},
    {"column", Presence::kOptional,
     [](SectionReader&, const YAML::Node& key, const YAML::Node& value, EventDraft& draft) {
       draft.column.emplace(key, value);
     }},
}};

void read_listed_events(SectionReader& reader, const std::string& name, const NodePair& periods, Pack& pack) {
  std::vector<SourceSpan> spans;
  auto texts = reader.document().text_list(periods->first, periods->second, &spans);
  if (!texts) return;
  std::vector<Period> parsed;
  for (std::size_t i = 0; i < texts->size(); ++i) {
    if (auto period = reader.parse_period((*texts)[i], spans[i])) parsed.push_back(*period);
  }
  pack.calendars.events.emplace_back(name, std::move(parsed));
}

void read_column_events(SectionReader& reader, const std::string& name, const YAML::Node& key,
                        const EventDraft& draft, Pack& pack) {
  YamlDocument& document = reader.document();
  const std::string what = "event calendar " + in_quotes(name);
  if (!draft.record_set || !draft.column) {
    document.error(document.span(key), what + " is missing the required key " +
                                           in_quotes(draft.column ? "record_set" : "column"));
    return;
  }
  auto set_name = document.text(draft.record_set->first, draft.record_set->second);
  auto column_name = document.text(draft.column->first, draft.column->second);
  if (!set_name || !column_name) return;
  const RecordSetSchema* record_set = pack.schema.find(*set_name);
  if (record_set == nullptr) {
    document.error(document.span(draft.record_set->second),
                   "unknown record set " + in_quotes(*set_name) + " in " + what);
    return;
  }
  const SourceSpan column_span = document.span(draft.column->second);
  const ColumnSchema* column = record_set->column(*column_name);
  if (column == nullptr) {
    document.error(column_span,
                   "unknown column " + in_quotes(*column_name) + " in record set " + in_quotes(*set_name));
    return;
  }
  if (column->type != ColumnType::kDate && !is_period_type(column->type)) {
    document.error(column_span, "column " + in_quotes(*column_name) + " is " +
                                    std::string(to_string(column->type)) +
                                    "; an event calendar needs a date or period column");
    return;
  }
  CalendarSpec::EventSource source;
  source.name = name;
  source.span = document.span(key);
  source.record_set = *set_name;
  source.column = *column_name;
  pack.calendars.event_sources.push_back(std::move(source));
}

void read_event_calendar(SectionReader& reader, const std::string& name, const YAML::Node& key,
                         const YAML::Node& node, Pack& pack) {
  YamlDocument& document = reader.document();
  const std::string what = "event calendar " + in_quotes(name);
  EventDraft draft;
  if (!read_keys(reader, node, key, what, document.span(key), kEventKeys, draft)) return;
  if (draft.periods.has_value() == (draft.record_set.has_value() || draft.column.has_value())) {
    document.error(document.span(key), what + " needs either periods: [...] or record_set: and column:");
    return;
  }
  if (draft.periods) {
    read_listed_events(reader, name, draft.periods, pack);
  } else {
    read_column_events(reader, name, key, draft, pack);
  }
}

void read_event_calendars(SectionReader& reader, const YAML::Node& key, const YAML::Node& value, Pack& pack) {
  if (!reader.document().check_names(value, key, "event calendar")) return;
  std::set<std::string> seen;
  for (auto it = value.begin(); it != value.end(); ++it) {
    const std::string name = YamlDocument::key_name(it->first);
    if (seen.insert(name).second) read_event_calendar(reader, name, it->first, it->second, pack);
  }
}

// The region chain first: the files' days are filtered by it.
constexpr std::array<Key<Pack>, 3> kCalendarKeys{{
    {"regions", Presence::kOptional,
     [](SectionReader& reader, const YAML::Node& key, const YAML::Node& value, Pack& pack) {
       if (auto names = reader.document().text_list(key, value)) pack.calendars.regions = *names;
     },
     Order::kFirst},
    {"files", Presence::kOptional, read_calendar_files, Order::kFirst},
    {"events", Presence::kOptional, read_event_calendars, Order::kFirst},
}};

}  // namespace

void read_calendars(SectionReader& reader, const YAML::Node& key, const YAML::Node& value, Pack& pack) {
  pack.calendars.regions = {"national"};
  read_keys(reader, value, key, "'calendars'", reader.document().span(key), kCalendarKeys, pack);
}

}  // namespace cadence::pack_detail
