#include "adapters/pack/pack_loader.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "adapters/pack/yaml_document.h"
#include "engine/calendar/calendar_table.h"

namespace cadence {
namespace {

using pack_detail::contains;
using pack_detail::in_quotes;
using pack_detail::join;
using pack_detail::YamlDocument;


// FNV-1a, 64 bits: a checksum of the pack's bytes for audit runs, not a
// security measure.
class Fnv1a {
 public:
  void add(std::string_view bytes) {
    for (unsigned char c : bytes) {
      hash_ ^= c;
      hash_ *= 0x100000001b3ULL;
    }
  }
  std::string hex() const {
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash_));
    return text;
  }

 private:
  unsigned long long hash_ = 0xcbf29ce484222325ULL;
};

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

class PackReader {
 public:
  PackReader(Pack& pack, Diagnostics& diagnostics, bool file_access)
      : pack_(pack), diagnostics_(diagnostics), file_access_(file_access) {}

  // Reads the file at `display` (its name in diagnostics) into the pack's
  // sources and checksum.
  std::optional<std::string> read(const std::string& display) {
    auto text = read_file(display);
    if (text) add_source(display, *text);
    return text;
  }

  void add_source(const std::string& name, const std::string& text) {
    pack_.sources.add(name, text);
    checksum_.add(text);
  }

  // `relative` resolved against the pack's folder, as shown in diagnostics.
  std::string resolve(const std::string& relative) const {
    std::filesystem::path base = directory_.empty() ? std::filesystem::path() : std::filesystem::path(directory_);
    return (base / relative).lexically_normal().string();
  }

  void load(const std::string& file, const std::string& text, const std::string& directory) {
    directory_ = directory;
    pack_.directory = directory.empty() ? "." : directory;
    YamlDocument document(file, text, diagnostics_);
    auto root = document.parse();
    if (root) {
      try {
        read_pack(document, *root);
      } catch (const YAML::Exception& exception) {
        // Accessors avoid throwing calls; this is the boundary if one slips.
        SourceSpan span{file, exception.mark.line + 1, exception.mark.column + 1, 1, ""};
        if (exception.mark.line < 0) span.line = span.column = 0;
        diagnostics_.error(span, "YAML: " + exception.msg);
      }
    }
    pack_.checksum = checksum_.hex();
  }

 private:
  // --- the pack file ---------------------------------------------------------
  void read_pack(YamlDocument& document, const YAML::Node& root) {
    const YAML::Node none(YAML::NodeType::Undefined);
    if (!document.check_mapping(root, none, "the pack",
                                {"pack", "schema", "calendars", "rules", "weak_branches", "bulletins", "tests"})) {
      return;
    }
    SourceSpan top{document.file(), 1, 1, 1, ""};
    document.require(root, top, "the pack", {"pack", "schema", "rules"});
    // One fresh key node per lookup: assigning to a yaml-cpp node that
    // already refers to a node would overwrite that node.
    auto section = [&](std::string_view name, auto reader) {
      YAML::Node key;
      YAML::Node value = YamlDocument::find(root, name, &key);
      if (value.IsDefined()) (this->*reader)(document, key, value);
    };
    section("pack", &PackReader::read_meta);
    section("schema", &PackReader::read_schema);
    section("calendars", &PackReader::read_calendars);
    section("rules", &PackReader::read_rules);
    section("weak_branches", &PackReader::read_weak);
    section("bulletins", &PackReader::read_bulletins);
    section("tests", &PackReader::read_tests);
  }

  void read_meta(YamlDocument& document, const YAML::Node& key, const YAML::Node& meta) {
    if (!document.check_mapping(meta, key, "'pack'", {"id", "title", "version"})) return;
    document.require(meta, document.span(key), "'pack'", {"id"});
    for (auto it = meta.begin(); it != meta.end(); ++it) {
      const std::string field = YamlDocument::key_name(it->first);
      auto value = document.text(it->first, it->second);
      if (!value) continue;
      if (field == "id") pack_.id = *value;
      if (field == "title") pack_.title = *value;
      if (field == "version") pack_.version = *value;
    }
  }

  void read_schema(YamlDocument& document, const YAML::Node& key, const YAML::Node& node) {
    if (!node.IsScalar()) {
      pack_.schema = pack_detail::read_schema(document, node, key);
      return;
    }
    // A file next to the pack.
    const SourceSpan at = document.span(node);
    if (!file_access_) {
      document.error(at, "a pack read from text cannot name a schema file; write the schema inline");
      return;
    }
    const std::string path = resolve(YamlDocument::restore(node.Scalar()));
    auto text = read(path);
    if (!text) {
      document.error(at, "cannot read the schema file " + in_quotes(path));
      return;
    }
    YamlDocument schema_document(path, *text, diagnostics_);
    if (auto root = schema_document.parse()) {
      pack_.schema = pack_detail::read_schema(schema_document, *root, YAML::Node(YAML::NodeType::Undefined));
    }
  }

  // --- calendars ---------------------------------------------------------------
  void read_calendars(YamlDocument& document, const YAML::Node& key, const YAML::Node& node) {
    if (!document.check_mapping(node, key, "'calendars'", {"regions", "files", "events"})) return;
    CalendarSpec& calendars = pack_.calendars;
    YAML::Node regions_key;
    YAML::Node regions = YamlDocument::find(node, "regions", &regions_key);
    if (regions.IsDefined()) {
      if (auto names = document.text_list(regions_key, regions)) calendars.regions = *names;
    } else {
      calendars.regions = {"national"};
    }
    YAML::Node files_key;
    YAML::Node files = YamlDocument::find(node, "files", &files_key);
    std::vector<SourceSpan> spans;
    auto names = files.IsDefined() ? document.text_list(files_key, files, &spans) : std::nullopt;
    for (std::size_t i = 0; names && i < names->size(); ++i) {
      if (!file_access_) {
        document.error(spans[i], "a pack read from text cannot name calendar files");
        continue;
      }
      const std::string path = resolve((*names)[i]);
      auto text = read(path);
      if (!text) {
        document.error(spans[i], "cannot read the calendar file " + in_quotes(path));
        continue;
      }
      auto entries = parse_calendar_csv(*text, path, diagnostics_);
      std::set<std::string> ignored;
      for (const auto& entry : entries) {
        if (!contains(calendars.regions, entry.region)) ignored.insert(entry.region);
      }
      for (const auto& region : ignored) {
        document.warning(spans[i], "calendar file " + in_quotes(path) + " has days of region " + in_quotes(region) +
                                       ", which is not in regions: [" + join(calendars.regions) +
                                       "]; they are ignored");
      }
      calendars.entries.insert(calendars.entries.end(), entries.begin(), entries.end());
    }
    YAML::Node events_key;
    YAML::Node events = YamlDocument::find(node, "events", &events_key);
    if (events.IsDefined() && document.check_names(events, events_key, "event calendar")) {
      std::set<std::string> seen;
      for (auto it = events.begin(); it != events.end(); ++it) {
        const std::string name = YamlDocument::key_name(it->first);
        if (seen.insert(name).second) read_event_calendar(document, name, it->first, it->second);
      }
    }
  }

  void read_event_calendar(YamlDocument& document, const std::string& name, const YAML::Node& key,
                           const YAML::Node& node) {
    const std::string what = "event calendar " + in_quotes(name);
    if (!document.check_mapping(node, key, what, {"periods", "record_set", "column"})) return;
    YAML::Node periods_key;
    YAML::Node periods = YamlDocument::find(node, "periods", &periods_key);
    YAML::Node set_key;
    YAML::Node set = YamlDocument::find(node, "record_set", &set_key);
    YAML::Node column_key;
    YAML::Node column = YamlDocument::find(node, "column", &column_key);
    if (periods.IsDefined() == (set.IsDefined() || column.IsDefined())) {
      document.error(document.span(key), what + " needs either periods: [...] or record_set: and column:");
      return;
    }
    if (periods.IsDefined()) {
      std::vector<SourceSpan> spans;
      auto texts = document.text_list(periods_key, periods, &spans);
      if (!texts) return;
      std::vector<Period> parsed;
      for (std::size_t i = 0; i < texts->size(); ++i) {
        if (auto period = parse_period(document, (*texts)[i], spans[i])) parsed.push_back(*period);
      }
      pack_.calendars.events.emplace_back(name, std::move(parsed));
      return;
    }
    document.require(node, document.span(key), what, {"record_set", "column"});
    CalendarSpec::EventSource source;
    source.name = name;
    source.span = document.span(key);
    auto set_name = set.IsDefined() ? document.text(set_key, set) : std::nullopt;
    auto column_name = column.IsDefined() ? document.text(column_key, column) : std::nullopt;
    if (!set_name || !column_name) return;
    const RecordSetSchema* record_set = pack_.schema.find(*set_name);
    if (record_set == nullptr) {
      document.error(document.span(set), "unknown record set " + in_quotes(*set_name) + " in " + what);
      return;
    }
    const ColumnSchema* schema_column = record_set->column(*column_name);
    if (schema_column == nullptr) {
      document.error(document.span(column), "unknown column " + in_quotes(*column_name) + " in record set " +
                                                in_quotes(*set_name));
      return;
    }
    if (schema_column->type != ColumnType::kDate && !is_period_type(schema_column->type)) {
      document.error(document.span(column), "column " + in_quotes(*column_name) + " is " +
                                                std::string(to_string(schema_column->type)) +
                                                "; an event calendar needs a date or period column");
      return;
    }
    source.record_set = *set_name;
    source.column = *column_name;
    pack_.calendars.event_sources.push_back(std::move(source));
  }

  std::vector<std::string> event_calendar_names() const {
    std::vector<std::string> names;
    for (const auto& calendar : pack_.calendars.events) names.push_back(calendar.name());
    for (const auto& source : pack_.calendars.event_sources) names.push_back(source.name);
    return names;
  }

  std::optional<Period> parse_period(YamlDocument& document, const std::string& text, const SourceSpan& span) {
    auto period = Period::parse(text);
    if (!period) {
      document.error(span, in_quotes(text) + (Period::is_out_of_range_text(text)
                                                  ? " is outside the supported dates " + std::string(kSupportedDates)
                                                  : " is not a period (write 2023-W10, 2023-03, 2023-Q1 or 2023)"));
    }
    return period;
  }

  // --- rules -------------------------------------------------------------------
  void read_rules(YamlDocument& document, const YAML::Node& key, const YAML::Node& node) {
    if (!node.IsSequence()) {
      document.error(document.value_span(key, node), "rules: must be a list of rules (each item starts with '- id:')");
      return;
    }
    std::map<std::string, int> first_line;
    for (const auto& item : node) {
      RuleSpec rule = read_rule(document, item);
      if (rule.id.empty()) continue;
      auto [it, inserted] = first_line.emplace(rule.id, rule.id_span.line);
      if (!inserted) {
        document.error(rule.id_span, "duplicate rule id " + in_quotes(rule.id) + " (first defined at line " +
                                         std::to_string(it->second) + ")");
        continue;
      }
      pack_.rules.push_back(std::move(rule));
    }
  }

  static bool is_rule_id(std::string_view id) {
    // Rule ids are dotted names so that failed(study.weekly_rate) can name them.
    std::size_t start = 0;
    while (start <= id.size()) {
      std::size_t dot = id.find('.', start);
      std::string_view part = id.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
      if (!YamlDocument::is_identifier(part)) return false;
      if (dot == std::string_view::npos) return true;
      start = dot + 1;
    }
    return false;
  }

  RuleSpec read_rule(YamlDocument& document, const YAML::Node& node) {
    RuleSpec rule;
    rule.span = document.span(node);
    if (!document.check_mapping(node, YAML::Node(YAML::NodeType::Undefined), "rule",
                                {"id", "title", "source", "weight", "severity", "cadence", "only", "let", "scope",
                                 "value", "fail", "warn", "deadline", "target", "shortfall", "unit", "message",
                                 "waivers"})) {
      return rule;
    }
    document.require(node, rule.span, "rule", {"id", "cadence"});
    std::optional<std::string> id;
    YAML::Node id_key;
    if (YAML::Node id_node = YamlDocument::find(node, "id", &id_key); id_node.IsDefined()) {
      id = document.text(id_key, id_node);
      rule.id_span = document.span(id_node);
      if (id && !is_rule_id(*id)) {
        document.error(rule.id_span, "rule id " + in_quotes(*id) +
                                         " must be dotted names of letters, digits and '_', e.g. study.weekly_rate");
        id.reset();
      }
    }
    // Read the cadence before the waivers, which are checked against it.
    if (YAML::Node cadence = YamlDocument::find(node, "cadence"); cadence.IsDefined()) {
      YAML::Node cadence_key;
      YamlDocument::find(node, "cadence", &cadence_key);
      rule.cadence_span = document.value_span(cadence_key, cadence);
      if (auto text = document.text(cadence_key, cadence)) {
        if (auto kind = parse_period_kind(*text)) {
          rule.cadence = *kind;
        } else {
          std::string suggestion = pack_detail::suggest(*text, {"week", "month", "quarter", "year"});
          document.error(rule.cadence_span, "unknown cadence " + in_quotes(*text) +
                                                (suggestion.empty() ? std::string(" (known: week, month, quarter, year)")
                                                                    : " (did you mean " + in_quotes(suggestion) + "?)"));
        }
      }
    }
    for (auto it = node.begin(); it != node.end(); ++it) {
      const std::string field = YamlDocument::key_name(it->first);
      const YAML::Node value = it->second;
      if (field == "title") {
        if (auto text = document.text(it->first, value)) rule.title = *text;
      } else if (field == "source") {
        if (auto text = document.text(it->first, value)) rule.source = *text;
      } else if (field == "unit") {
        if (auto text = document.text(it->first, value)) rule.unit = *text;
      } else if (field == "weight") {
        if (auto weight = document.number(it->first, value)) {
          if (*weight <= 0) {
            document.error(document.span(value), "'weight' must be greater than 0, got " + YamlDocument::restore(value.Scalar()));
          } else {
            rule.weight = *weight;
          }
        }
      } else if (field == "severity") {
        if (auto text = document.text(it->first, value)) {
          if (*text == "normal" || *text == "high") {
            rule.severity = *text;
          } else {
            document.error(document.span(value), "unknown severity " + in_quotes(*text) + " (known: normal, high)");
          }
        }
      } else if (field == "only") {
        rule.only_events_span = document.value_span(it->first, value);
        if (auto text = document.text(it->first, value)) {
          auto names = event_calendar_names();
          if (!contains(names, *text)) {
            document.error(rule.only_events_span,
                           "unknown event calendar " + in_quotes(*text) +
                               (names.empty() ? std::string(" (declare it under calendars: events:)")
                                              : " (known: " + join(names) + ")"));
          }
          rule.only_events = *text;
        }
      } else if (field == "let") {
        read_lets(document, it->first, value, rule);
      } else if (field == "scope" || field == "value" || field == "fail" || field == "warn" ||
                 field == "deadline") {
        auto expression = document.expression(it->first, value);
        if (!expression) continue;
        ExprText& target = field == "scope"   ? rule.scope
                           : field == "value" ? rule.value
                           : field == "fail"  ? rule.fail
                           : field == "warn"  ? rule.warn
                                              : rule.deadline;
        target = std::move(*expression);
      } else if (field == "target") {
        read_target(document, it->first, value, rule);
      } else if (field == "shortfall") {
        if (auto text = document.text(it->first, value)) {
          if (*text == "relative") {
            rule.shortfall = ShortfallKind::kRelative;
          } else if (*text == "unit") {
            rule.shortfall = ShortfallKind::kUnit;
          } else if (*text == "auto") {
            rule.shortfall = ShortfallKind::kAuto;
          } else {
            document.error(document.span(value), "unknown shortfall " + in_quotes(*text) + " (known: relative, unit, auto)");
          }
        }
      } else if (field == "message") {
        if (auto text = document.positioned_text(it->first, value, rule.message_span)) rule.message = *text;
      } else if (field == "waivers") {
        read_waivers(document, it->first, value, rule);
      }
    }
    if (id) rule.id = *id;
    return rule;
  }

  void read_lets(YamlDocument& document, const YAML::Node& key, const YAML::Node& node, RuleSpec& rule) {
    if (!document.check_names(node, key, "let")) return;
    std::set<std::string> seen;
    for (auto it = node.begin(); it != node.end(); ++it) {
      LetSpec let;
      let.name = YamlDocument::key_name(it->first);
      let.name_span = document.span(it->first);
      if (!seen.insert(let.name).second) continue;
      auto expression = document.expression(it->first, it->second);
      if (!expression) continue;
      let.expr = std::move(*expression);
      rule.lets.push_back(std::move(let));
    }
  }

  void read_target(YamlDocument& document, const YAML::Node& key, const YAML::Node& node, RuleSpec& rule) {
    if (!document.check_mapping(node, key, "'target'", {"amount", "pacing"})) return;
    TargetSpec target;
    target.span = document.span(key);
    document.require(node, target.span, "'target'", {"amount"});
    for (auto it = node.begin(); it != node.end(); ++it) {
      const std::string field = YamlDocument::key_name(it->first);
      if (field == "amount") {
        if (auto expression = document.expression(it->first, it->second)) target.amount = std::move(*expression);
      } else if (field == "pacing") {
        if (auto text = document.text(it->first, it->second)) {
          if (*text != "linear") {
            document.error(document.span(it->second), "unknown pacing " + in_quotes(*text) + " (known: linear)");
          }
          target.pacing = *text;
        }
      }
    }
    rule.target = std::move(target);
  }

  void read_waivers(YamlDocument& document, const YAML::Node& key, const YAML::Node& node, RuleSpec& rule) {
    if (!node.IsSequence()) {
      document.error(document.value_span(key, node), "waivers: must be a list of waivers");
      return;
    }
    for (const auto& item : node) {
      Waiver waiver;
      waiver.span = document.span(item);
      if (!document.check_mapping(item, YAML::Node(YAML::NodeType::Undefined), "waiver",
                                  {"org", "subtree", "from", "to", "reason", "expires"})) {
        continue;
      }
      document.require(item, waiver.span, "waiver", {"org", "reason"});
      for (auto it = item.begin(); it != item.end(); ++it) {
        const std::string field = YamlDocument::key_name(it->first);
        const YAML::Node value = it->second;
        if (field == "org") {
          if (auto text = document.text(it->first, value)) waiver.org = *text;
        } else if (field == "subtree") {
          if (auto flag = document.boolean(it->first, value)) waiver.subtree = *flag;
        } else if (field == "reason") {
          if (auto text = document.text(it->first, value)) waiver.reason = *text;
        } else if (field == "from" || field == "to") {
          auto text = document.text(it->first, value);
          if (!text) continue;
          auto period = parse_period(document, *text, document.span(value));
          if (!period) continue;
          if (period->kind() != rule.cadence) {
            document.error(document.span(value), in_quotes(*text) + " is a " + std::string(to_string(period->kind())) +
                                                     " but the rule runs every " +
                                                     std::string(to_string(rule.cadence)));
            continue;
          }
          (field == "from" ? waiver.from : waiver.to) = *period;
        } else if (field == "expires") {
          auto text = document.text(it->first, value);
          if (!text) continue;
          if (auto date = Date::parse(*text)) {
            waiver.expires = *date;
          } else {
            document.error(document.span(value),
                           in_quotes(*text) + (Date::is_out_of_range_text(*text)
                                                   ? " is outside the supported dates " + std::string(kSupportedDates)
                                                   : " is not a date (write YYYY-MM-DD, e.g. 2023-12-31)"));
          }
        }
      }
      if (waiver.from && waiver.to && *waiver.to < *waiver.from) {
        document.error(waiver.span, "waiver ends (" + waiver.to->to_string() + ") before it starts (" +
                                        waiver.from->to_string() + ")");
      }
      rule.waivers.push_back(std::move(waiver));
    }
  }

  // References to rules from the policy, bulletins and tests.
  bool check_rule(YamlDocument& document, const std::string& id, const SourceSpan& span) {
    std::vector<std::string_view> ids;
    for (const auto& rule : pack_.rules) {
      if (rule.id == id) return true;
      ids.push_back(rule.id);
    }
    std::string message = "unknown rule " + in_quotes(id);
    std::string suggestion = pack_detail::suggest(id, ids);
    if (!suggestion.empty()) message += " (did you mean " + in_quotes(suggestion) + "?)";
    document.error(span, message);
    return false;
  }

  std::vector<std::string> rule_list(YamlDocument& document, const YAML::Node& key, const YAML::Node& value) {
    std::vector<std::string> result;
    std::vector<SourceSpan> spans;
    auto ids = document.text_list(key, value, &spans);
    for (std::size_t i = 0; ids && i < ids->size(); ++i) {
      if (check_rule(document, (*ids)[i], spans[i])) result.push_back((*ids)[i]);
    }
    return result;
  }

  // --- weak branches -------------------------------------------------------------
  void read_weak(YamlDocument& document, const YAML::Node& key, const YAML::Node& node) {
    WeakPolicy& weak = pack_.weak;
    weak.span = document.span(key);
    weak.present = true;
    if (!document.check_mapping(node, key, "'weak_branches'",
                                {"score_threshold", "window", "veto", "plan_due_days", "scope"})) {
      return;
    }
    for (auto it = node.begin(); it != node.end(); ++it) {
      const std::string field = YamlDocument::key_name(it->first);
      const YAML::Node value = it->second;
      if (field == "score_threshold") {
        if (auto threshold = document.number(it->first, value)) {
          if (*threshold < 0) {
            document.error(document.span(value), "'score_threshold' must be 0 or more");
          } else {
            weak.score_threshold = *threshold;
          }
        }
      } else if (field == "window") {
        if (auto text = document.text(it->first, value)) {
          // "3m": a count and a unit letter (d, w, m, q, y).
          bool ok = text->size() >= 2 && std::string_view("dwmqy").find(text->back()) != std::string_view::npos &&
                    std::all_of(text->begin(), text->end() - 1, [](char c) { return c >= '0' && c <= '9'; }) &&
                    (*text)[0] != '0';
          if (ok) {
            weak.window = *text;
          } else {
            document.error(document.span(value), "window: " + in_quotes(*text) +
                                                     " is not a window; write a count and a unit: 3m (months), 12w "
                                                     "(weeks), 90d, 1q, 1y");
          }
        }
      } else if (field == "veto") {
        weak.veto_rules = rule_list(document, it->first, value);
      } else if (field == "plan_due_days") {
        if (auto days = document.integer(it->first, value)) {
          if (*days <= 0) {
            document.error(document.span(value), "'plan_due_days' must be at least 1");
          } else {
            weak.plan_due_days = *days;
          }
        }
      } else if (field == "scope") {
        if (auto expression = document.expression(it->first, value)) weak.scope = std::move(*expression);
      }
    }
  }

  // --- bulletins -----------------------------------------------------------------
  void read_bulletins(YamlDocument& document, const YAML::Node& key, const YAML::Node& node) {
    if (!node.IsSequence()) {
      document.error(document.value_span(key, node), "bulletins: must be a list of bulletin definitions");
      return;
    }
    std::map<std::string, int> first_line;
    for (const auto& item : node) {
      BulletinDefinition bulletin;
      bulletin.span = document.span(item);
      if (!document.check_mapping(
              item, YAML::Node(YAML::NodeType::Undefined), "bulletin",
              {"id", "title", "rate_rule", "unit", "commend", "criticise", "other_rules", "per_unit"})) {
        continue;
      }
      document.require(item, bulletin.span, "bulletin", {"id", "rate_rule"});
      for (auto it = item.begin(); it != item.end(); ++it) {
        const std::string field = YamlDocument::key_name(it->first);
        const YAML::Node value = it->second;
        if (field == "id") {
          if (auto text = document.text(it->first, value)) {
            auto [first, inserted] = first_line.emplace(*text, document.span(value).line);
            if (!inserted) {
              document.error(document.span(value), "duplicate bulletin id " + in_quotes(*text) + " (first at line " +
                                                       std::to_string(first->second) + ")");
            }
            bulletin.id = *text;
          }
        } else if (field == "title") {
          if (auto text = document.text(it->first, value)) bulletin.title = *text;
        } else if (field == "rate_rule") {
          if (auto text = document.text(it->first, value)) {
            if (check_rule(document, *text, document.span(value))) bulletin.rate_rule = *text;
          }
        } else if (field == "other_rules") {
          bulletin.other_rules = rule_list(document, it->first, value);
        } else if (field == "per_unit") {
          read_bulletin_lines(document, it->first, value, bulletin);
        } else if (field == "unit") {
          read_bulletin_unit(document, it->first, value, bulletin);
        } else if (field == "commend" || field == "criticise") {
          read_bulletin_band(document, field, it->first, value, bulletin);
        }
      }
      pack_.bulletins.push_back(std::move(bulletin));
    }
  }

  // per_unit: lines counted for every unit, each a label, a text with
  // {figure} placeholders and the figures, each measured from one rule:
  //   - label: 学社衔接
  //     text: "待办 {pending} 件（超期 {overdue} 件），完成率 {rate}"
  //     figures:
  //       pending: {remaining: transfer.completion}
  //       overdue: {sum: transfer.stale_application}
  //       rate: {rate: transfer.completion}
  void read_bulletin_lines(YamlDocument& document, const YAML::Node& key, const YAML::Node& node,
                           BulletinDefinition& bulletin) {
    if (!node.IsSequence()) {
      document.error(document.value_span(key, node),
                     "per_unit: must be a list of lines (label, text, figures)");
      return;
    }
    for (const auto& item : node) {
      BulletinLine line;
      line.span = document.span(item);
      if (!document.check_mapping(item, YAML::Node(YAML::NodeType::Undefined), "per_unit line",
                                  {"label", "text", "figures"})) {
        continue;
      }
      document.require(item, line.span, "per_unit line", {"label", "text", "figures"});
      const int errors_before = diagnostics_.error_count();
      SourceSpan text_span;
      bool has_text = false;
      for (auto it = item.begin(); it != item.end(); ++it) {
        const std::string field = YamlDocument::key_name(it->first);
        if (field == "label") {
          if (auto text = document.text(it->first, it->second)) line.label = *text;
        } else if (field == "text") {
          if (auto text = document.positioned_text(it->first, it->second, text_span)) {
            line.text = *text;
            has_text = true;
          }
        } else if (field == "figures") {
          read_bulletin_figures(document, it->first, it->second, line);
        }
      }
      if (has_text) split_line_text(document, text_span, line, diagnostics_.error_count() > errors_before);
      bulletin.per_unit.push_back(std::move(line));
    }
  }

  void read_bulletin_figures(YamlDocument& document, const YAML::Node& key, const YAML::Node& node,
                             BulletinLine& line) {
    if (!document.check_names(node, key, "figure")) return;
    static const std::pair<std::string_view, FigureMeasure> kMeasures[] = {
        {"findings", FigureMeasure::kFindings},
        {"sum", FigureMeasure::kSum},
        {"rate", FigureMeasure::kRate},
        {"remaining", FigureMeasure::kRemaining}};
    for (auto it = node.begin(); it != node.end(); ++it) {
      BulletinFigure figure;
      figure.name = YamlDocument::key_name(it->first);
      const YAML::Node value = it->second;
      const std::string what = "figure " + in_quotes(figure.name);
      if (!document.check_mapping(value, it->first, what,
                                  {"findings", "sum", "rate", "remaining", "names"})) {
        continue;
      }
      std::string measure_key;
      for (auto field_it = value.begin(); field_it != value.end(); ++field_it) {
        const std::string field = YamlDocument::key_name(field_it->first);
        for (const auto& [name, measure] : kMeasures) {
          if (field != name) continue;
          if (!measure_key.empty()) {
            document.error(document.span(field_it->first), what + " has both " + in_quotes(measure_key) +
                                                               " and " + in_quotes(field) +
                                                               "; give one measure");
            continue;
          }
          measure_key = field;
          figure.measure = measure;
          figure.span = document.span(field_it->second);
          auto text = document.text(field_it->first, field_it->second);
          if (text && check_rule(document, *text, figure.span)) figure.rule = *text;
        }
      }
      if (measure_key.empty()) {
        document.error(document.span(it->first),
                       what + " needs a measure: findings, sum, rate or remaining, each naming a rule");
        figure.span = document.span(it->first);
      }
      YAML::Node names_key;
      const YAML::Node names_value = YamlDocument::find(value, "names", &names_key);
      if (names_value.IsDefined()) {
        if (auto names = document.integer(names_key, names_value)) {
          if (*names < 0) {
            document.error(document.span(names_value), "'names' must be 0 or more");
          } else if (!measure_key.empty() && figure.measure != FigureMeasure::kFindings) {
            document.error(document.span(names_key),
                           "'names' lists the orgs of a 'findings' figure, not of " + in_quotes(measure_key));
          } else {
            figure.names = *names;
          }
        }
      }
      // A figure with an error stays, so that the text's placeholders still
      // resolve and report nothing more; the pack does not load anyway.
      line.figures.push_back(std::move(figure));
    }
  }

  // Splits the text into literals and placeholders. Errors point at the
  // placeholder (columns count code points; exact on a one-line text). A
  // figure the text never shows is a warning, unless the line already has
  // errors (a misspelt placeholder would report its figure twice).
  void split_line_text(YamlDocument& document, const SourceSpan& where, BulletinLine& line, bool had_errors) {
    const int errors_before = diagnostics_.error_count();
    const std::string& text = line.text;
    std::vector<bool> used(line.figures.size(), false);
    std::string literal;
    auto at = [&](std::size_t byte, int length) {
      SourceSpan span = where;
      span.column += code_points(std::string_view(text).substr(0, byte));
      span.length = length;
      return span;
    };
    auto flush = [&] {
      if (!literal.empty()) line.parts.push_back({std::move(literal), -1});
      literal.clear();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
      char c = text[i];
      if ((c == '{' || c == '}') && i + 1 < text.size() && text[i + 1] == c) {
        literal += c;
        ++i;
        continue;
      }
      if (c == '}') {
        document.error(at(i, 1), "'}' in the text without its '{' (write '}}' for a literal brace)");
        continue;
      }
      if (c != '{') {
        literal += c;
        continue;
      }
      std::size_t close = text.find('}', i + 1);
      if (close == std::string::npos) {
        document.error(at(i, 1), "'{' in the text is never closed (write '{{' for a literal brace)");
        break;
      }
      std::string name = text.substr(i + 1, close - i - 1);
      int figure = -1;
      std::vector<std::string_view> known;
      std::vector<std::string> known_names;
      for (std::size_t f = 0; f < line.figures.size(); ++f) {
        if (line.figures[f].name == name) figure = static_cast<int>(f);
        known.push_back(line.figures[f].name);
        known_names.push_back(line.figures[f].name);
      }
      if (figure < 0) {
        std::string message = "unknown figure " + in_quotes(name) + " in the text";
        std::string suggestion = pack_detail::suggest(name, known);
        if (!suggestion.empty()) {
          message += " (did you mean " + in_quotes(suggestion) + "?)";
        } else if (!known.empty()) {
          message += " (figures: " + join(known_names) + ")";
        }
        document.error(at(i, code_points(std::string_view(text).substr(i, close - i + 1))), message);
      } else {
        flush();
        line.parts.push_back({"", figure});
        used[static_cast<std::size_t>(figure)] = true;
      }
      i = close;
    }
    flush();
    if (had_errors || diagnostics_.error_count() > errors_before) return;
    for (std::size_t f = 0; f < line.figures.size(); ++f) {
      if (!used[f]) {
        document.warning(line.figures[f].span, "figure " + in_quotes(line.figures[f].name) +
                                                   " is not shown: the text has no {" + line.figures[f].name +
                                                   "}");
      }
    }
  }

  static int code_points(std::string_view text) {
    int count = 0;
    for (unsigned char c : text) {
      if ((c & 0xC0) != 0x80) ++count;
    }
    return count;
  }

  void read_bulletin_unit(YamlDocument& document, const YAML::Node& key, const YAML::Node& node,
                          BulletinDefinition& bulletin) {
    if (!document.check_mapping(node, key, "'unit'", {"kind", "depth"})) return;
    for (auto it = node.begin(); it != node.end(); ++it) {
      const std::string field = YamlDocument::key_name(it->first);
      if (field == "kind") {
        auto text = document.text(it->first, it->second);
        if (!text) continue;
        const RecordSetSchema* orgs = pack_.schema.find(kOrgsRecordSet);
        const ColumnSchema* kind = orgs == nullptr ? nullptr : orgs->column("kind");
        if (kind != nullptr && kind->type == ColumnType::kEnum && !kind->values.empty() &&
            !contains(kind->values, *text)) {
          document.error(document.span(it->second),
                         in_quotes(*text) + " is not an org kind (" + join(kind->values) + ")");
          continue;
        }
        bulletin.unit_kind = *text;
      } else if (field == "depth") {
        if (auto depth = document.integer(it->first, it->second)) {
          if (*depth < 0) {
            document.error(document.span(it->second), "'depth' must be 0 (the root) or more");
          } else {
            bulletin.unit_depth = *depth;
          }
        }
      }
    }
  }

  void read_bulletin_band(YamlDocument& document, const std::string& band, const YAML::Node& key,
                          const YAML::Node& node, BulletinDefinition& bulletin) {
    const bool commend = band == "commend";
    const std::string count_key = commend ? "top" : "bottom";
    const std::string line_key = commend ? "at_least" : "below";
    if (!document.check_mapping(node, key, "'" + band + "'", {count_key, line_key})) return;
    for (auto it = node.begin(); it != node.end(); ++it) {
      const std::string field = YamlDocument::key_name(it->first);
      if (field == count_key) {
        if (auto count = document.integer(it->first, it->second)) {
          if (*count < 0) {
            document.error(document.span(it->second), in_quotes(field) + " must be 0 or more");
          } else {
            (commend ? bulletin.commend_top : bulletin.criticise_bottom) = *count;
          }
        }
      } else if (field == line_key) {
        if (auto line = document.fraction(it->first, it->second)) {
          if (*line < 0 || *line > 1) {
            document.error(document.span(it->second), in_quotes(field) + " is a rate: write a percentage such as 90%");
          } else {
            (commend ? bulletin.excellence_line : bulletin.floor) = *line;
          }
        }
      }
    }
  }

  // --- rule tests ----------------------------------------------------------------
  void read_tests(YamlDocument& document, const YAML::Node& key, const YAML::Node& node) {
    if (!node.IsSequence()) {
      document.error(document.value_span(key, node), "tests: must be a list of rule tests");
      return;
    }
    std::map<std::string, int> first_line;
    for (const auto& item : node) {
      RuleTestSpec test;
      test.span = document.span(item);
      if (!document.check_mapping(item, YAML::Node(YAML::NodeType::Undefined), "test",
                                  {"name", "periods", "facts", "expect", "rules"})) {
        continue;
      }
      document.require(item, test.span, "test", {"name", "periods", "expect"});
      for (auto it = item.begin(); it != item.end(); ++it) {
        const std::string field = YamlDocument::key_name(it->first);
        const YAML::Node value = it->second;
        if (field == "name") {
          if (auto text = document.text(it->first, value)) {
            auto [first, inserted] = first_line.emplace(*text, document.span(value).line);
            if (!inserted) {
              document.error(document.span(value), "duplicate test name " + in_quotes(*text) + " (first at line " +
                                                       std::to_string(first->second) + ")");
            }
            test.name = *text;
          }
        } else if (field == "periods") {
          std::vector<SourceSpan> spans;
          auto texts = document.text_list(it->first, value, &spans);
          for (std::size_t i = 0; texts && i < texts->size(); ++i) {
            if (auto period = parse_period(document, (*texts)[i], spans[i])) test.periods.push_back(*period);
          }
        } else if (field == "rules") {
          test.rules = rule_list(document, it->first, value);
        } else if (field == "expect") {
          read_expectations(document, it->first, value, test);
        } else if (field == "facts") {
          read_facts(document, it->first, value, test);
        }
      }
      pack_.tests.push_back(std::move(test));
    }
  }

  // "rule,org,period,status", e.g. "study.weekly_rate,B1,2023-W10,fail".
  void read_expectations(YamlDocument& document, const YAML::Node& key, const YAML::Node& node, RuleTestSpec& test) {
    if (node.IsSequence() && node.size() == 0) return;  // `expect: []`: no findings
    std::vector<SourceSpan> spans;
    auto lines = document.text_list(key, node, &spans);
    for (std::size_t i = 0; lines && i < lines->size(); ++i) {
      const std::string& line = (*lines)[i];
      std::vector<std::string> fields;
      std::size_t start = 0;
      while (true) {
        std::size_t comma = line.find(',', start);
        std::string field = line.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        field.erase(0, field.find_first_not_of(' '));
        field.erase(field.find_last_not_of(' ') + 1);
        fields.push_back(field);
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
      if (fields.size() != 4) {
        document.error(spans[i], "an expected finding is \"rule,org,period,status\", e.g. "
                                 "\"study.weekly_rate,B1,2023-W10,fail\"; got " +
                                     std::to_string(fields.size()) + " fields");
        continue;
      }
      bool ok = check_rule(document, fields[0], spans[i]);
      if (!Period::parse(fields[2])) {
        document.error(spans[i], in_quotes(fields[2]) +
                                     (Period::is_out_of_range_text(fields[2])
                                          ? " is outside the supported dates " + std::string(kSupportedDates)
                                          : " is not a period (write 2023-W10, 2023-03, 2023-Q1 or 2023)"));
        ok = false;
      }
      if (fields[3] != "fail" && fields[3] != "warn") {
        document.error(spans[i], "status " + in_quotes(fields[3]) + " must be fail or warn");
        ok = false;
      }
      if (ok) test.expect.push_back(fields[0] + "," + fields[1] + "," + fields[2] + "," + fields[3]);
    }
  }

  void read_facts(YamlDocument& document, const YAML::Node& key, const YAML::Node& node, RuleTestSpec& test) {
    if (!document.check_names(node, key, "record set")) return;
    for (auto it = node.begin(); it != node.end(); ++it) {
      const std::string name = YamlDocument::key_name(it->first);
      const RecordSetSchema* set = pack_.schema.find(name);
      if (set == nullptr) {
        document.error(document.span(it->first), "unknown record set " + in_quotes(name) + " in facts");
        continue;
      }
      auto& rows = test.facts[name];
      if (!it->second.IsSequence()) {
        document.error(document.value_span(it->first, it->second),
                       "facts of " + in_quotes(name) + " must be a list of rows, e.g. - {org_id: B1, week: 2023-W10}");
        continue;
      }
      const YAML::Node row_list = it->second;  // a copy: it->second is a temporary's member
      for (const auto& row_node : row_list) {
        std::vector<std::string_view> columns;
        for (const auto& column : set->columns) columns.push_back(column.name);
        if (!row_node.IsMap()) {
          document.error(document.span(row_node), "a row of " + in_quotes(name) + " must be a mapping of columns to values");
          continue;
        }
        std::map<std::string, std::string> row;
        for (auto cell = row_node.begin(); cell != row_node.end(); ++cell) {
          const std::string column = YamlDocument::key_name(cell->first);
          if (set->column_index(column) < 0) {
            std::string message = "unknown column " + in_quotes(column) + " in record set " + in_quotes(name);
            std::string suggestion = pack_detail::suggest(column, columns);
            if (!suggestion.empty()) message += " (did you mean " + in_quotes(suggestion) + "?)";
            document.error(document.span(cell->first), message);
            continue;
          }
          if (cell->second.IsNull()) {
            row[column] = "";
          } else if (auto text = document.text(cell->first, cell->second)) {
            row[column] = *text;
          }
        }
        rows.push_back(std::move(row));
      }
    }
  }

  Pack& pack_;
  Diagnostics& diagnostics_;
  bool file_access_;
  std::string directory_;
  Fnv1a checksum_;
};

std::unique_ptr<Pack> finish(std::unique_ptr<Pack> pack, const Diagnostics& local, Diagnostics& diagnostics,
                             SourceMap* sources) {
  diagnostics.append(local);
  if (sources != nullptr) *sources = pack->sources;
  if (local.has_errors()) return nullptr;
  return pack;
}

}  // namespace

std::unique_ptr<Pack> load_pack(const std::string& path, Diagnostics& diagnostics, SourceMap* sources) {
  auto pack = std::make_unique<Pack>();
  Diagnostics local;
  std::error_code error;
  std::filesystem::path given(path);
  std::filesystem::path file = std::filesystem::is_directory(given, error) ? given / "pack.yaml" : given;
  const std::string display = file.lexically_normal().string();
  PackReader reader(*pack, local, /*file_access=*/true);
  auto text = reader.read(display);
  if (!text) {
    local.error(SourceSpan{display, 0, 0, 1, ""}, "cannot read the pack file " + in_quotes(display));
    return finish(std::move(pack), local, diagnostics, sources);
  }
  reader.load(display, *text, file.lexically_normal().parent_path().string());
  return finish(std::move(pack), local, diagnostics, sources);
}

std::unique_ptr<Pack> load_pack_from_text(const std::string& yaml, const std::string& file_name,
                                          Diagnostics& diagnostics, SourceMap* sources) {
  auto pack = std::make_unique<Pack>();
  Diagnostics local;
  PackReader reader(*pack, local, /*file_access=*/false);
  reader.add_source(file_name, yaml);
  reader.load(file_name, yaml, "");
  return finish(std::move(pack), local, diagnostics, sources);
}

}  // namespace cadence
