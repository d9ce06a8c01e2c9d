// `rules:` of pack.yaml: each rule, its lets, target and waivers
// (rules/README.md "Rules"). Expressions are kept as text with their origin;
// compile() parses and binds them.
#include <map>
#include <set>

#include "adapters/pack/key_table.h"

namespace cadence::pack_detail {
namespace {

// Rule ids are dotted names so that failed(study.weekly_rate) can name them.
bool is_rule_id(std::string_view id) {
  std::size_t start = 0;
  while (start <= id.size()) {
    std::size_t dot = id.find('.', start);
    std::string_view part =
        id.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (!YamlDocument::is_identifier(part)) return false;
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
  return false;
}

template <std::string RuleSpec::*Field>
void read_text(SectionReader& reader, const YAML::Node& key, const YAML::Node& value, RuleSpec& rule) {
  if (auto text = reader.document().text(key, value)) rule.*Field = *text;
}

template <ExprText RuleSpec::*Field>
void read_expression(SectionReader& reader, const YAML::Node& key, const YAML::Node& value, RuleSpec& rule) {
  if (auto expression = reader.document().expression(key, value)) rule.*Field = std::move(*expression);
}

void read_id(SectionReader& reader, const YAML::Node& key, const YAML::Node& value, RuleSpec& rule) {
  YamlDocument& document = reader.document();
  auto id = document.text(key, value);
  rule.id_span = document.span(value);
  if (id && !is_rule_id(*id)) {
    document.error(rule.id_span,
                   "rule id " + in_quotes(*id) +
                       " must be dotted names of letters, digits and '_', e.g. study.weekly_rate");
    return;
  }
  if (id) rule.id = *id;
}

void read_cadence(SectionReader& reader, const YAML::Node& key, const YAML::Node& value, RuleSpec& rule) {
  YamlDocument& document = reader.document();
  rule.cadence_span = document.value_span(key, value);
  auto text = document.text(key, value);
  if (!text) return;
  if (auto kind = parse_period_kind(*text)) {
    rule.cadence = *kind;
    return;
  }
  std::string suggestion = suggest(*text, {"week", "month", "quarter", "year"});
  document.error(rule.cadence_span,
                 "unknown cadence " + in_quotes(*text) +
                     (suggestion.empty() ? std::string(" (known: week, month, quarter, year)")
                                         : " (did you mean " + in_quotes(suggestion) + "?)"));
}

void read_weight(SectionReader& reader, const YAML::Node& key, const YAML::Node& value, RuleSpec& rule) {
  auto weight = reader.document().number(key, value);
  if (!weight) return;
  if (*weight <= 0) {
    reader.document().error(reader.document().span(value),
                            "'weight' must be greater than 0, got " + value.Scalar());
    return;
  }
  rule.weight = *weight;
}

void read_severity(SectionReader& reader, const YAML::Node& key, const YAML::Node& value, RuleSpec& rule) {
  auto text = reader.document().text(key, value);
  if (!text) return;
  if (auto severity = parse_rule_severity(*text)) {
    rule.severity = *severity;
  } else {
    reader.document().error(reader.document().span(value),
                            "unknown severity " + in_quotes(*text) + " (known: low, medium, high, critical)");
  }
}

void read_only(SectionReader& reader, const YAML::Node& key, const YAML::Node& value, RuleSpec& rule) {
  rule.only_events_span = reader.document().value_span(key, value);
  auto text = reader.document().text(key, value);
  if (!text) return;
  auto names = reader.event_calendar_names();
  if (!contains(names, *text)) {
    reader.document().error(rule.only_events_span,
                            "unknown event calendar " + in_quotes(*text) +
                                (names.empty() ? std::string(" (declare it under calendars: events:)")
                                               : " (known: " + join(names) + ")"));
  }
  rule.only_events = *text;
}

void read_lets(SectionReader& reader, const YAML::Node& key, const YAML::Node& node, RuleSpec& rule) {
  YamlDocument& document = reader.document();
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

constexpr std::array<Key<TargetSpec>, 2> kTargetKeys{{
    {"amount", Presence::kRequired,
     [](SectionReader& reader, const YAML::Node& key, const YAML::Node& value, TargetSpec& target) {
       if (auto expression = reader.document().expression(key, value)) target.amount = std::move(*expression);
     }},
    {"pacing", Presence::kOptional,
     [](SectionReader& reader, const YAML::Node& key, const YAML::Node& value, TargetSpec& target) {
       auto text = reader.document().text(key, value);
       if (!text) return;
       if (*text != "linear") {
         reader.document().error(reader.document().span(value),
                                 "unknown pacing " + in_quotes(*text) + " (known: linear)");
       }
       target.pacing = *text;
     }},
}};

void read_target(SectionReader& reader, const YAML::Node& key, const YAML::Node& node, RuleSpec& rule) {
  TargetSpec target;
  target.span = reader.document().span(key);
  if (!read_keys(reader, node, key, "'target'", target.span, kTargetKeys, target)) return;
  rule.target = std::move(target);
}

void read_shortfall(SectionReader& reader, const YAML::Node& key, const YAML::Node& value, RuleSpec& rule) {
  auto text = reader.document().text(key, value);
  if (!text) return;
  if (*text == "relative") {
    rule.shortfall = ShortfallKind::kRelative;
  } else if (*text == "unit") {
    rule.shortfall = ShortfallKind::kUnit;
  } else if (*text == "auto") {
    rule.shortfall = ShortfallKind::kAuto;
  } else {
    reader.document().error(reader.document().span(value),
                            "unknown shortfall " + in_quotes(*text) + " (known: relative, unit, auto)");
  }
}

void read_message(SectionReader& reader, const YAML::Node& key, const YAML::Node& value, RuleSpec& rule) {
  if (auto text = reader.document().template_text(key, value)) rule.message = std::move(*text);
}

// A waiver is read with the rule's cadence at hand: its periods must be of
// that kind.
struct WaiverDraft {
  Waiver waiver;
  PeriodKind cadence;
};

template <std::optional<Period> Waiver::*Field>
void read_waiver_period(SectionReader& reader, const YAML::Node& key, const YAML::Node& value,
                        WaiverDraft& draft) {
  YamlDocument& document = reader.document();
  auto text = document.text(key, value);
  if (!text) return;
  auto period = reader.parse_period(*text, document.span(value));
  if (!period) return;
  if (period->kind() != draft.cadence) {
    document.error(document.span(value),
                   in_quotes(*text) + " is a " + std::string(to_string(period->kind())) +
                       " but the rule runs every " + std::string(to_string(draft.cadence)));
    return;
  }
  draft.waiver.*Field = *period;
}

constexpr std::array<Key<WaiverDraft>, 6> kWaiverKeys{{
    {"org", Presence::kRequired,
     [](SectionReader& reader, const YAML::Node& key, const YAML::Node& value, WaiverDraft& draft) {
       if (auto text = reader.document().text(key, value)) draft.waiver.org = *text;
     }},
    {"subtree", Presence::kOptional,
     [](SectionReader& reader, const YAML::Node& key, const YAML::Node& value, WaiverDraft& draft) {
       if (auto flag = reader.document().boolean(key, value)) draft.waiver.subtree = *flag;
     }},
    {"from", Presence::kOptional, read_waiver_period<&Waiver::from>},
    {"to", Presence::kOptional, read_waiver_period<&Waiver::to>},
    {"reason", Presence::kRequired,
     [](SectionReader& reader, const YAML::Node& key, const YAML::Node& value, WaiverDraft& draft) {
       if (auto text = reader.document().text(key, value)) draft.waiver.reason = *text;
     }},
    {"expires", Presence::kOptional,
     [](SectionReader& reader, const YAML::Node& key, const YAML::Node& value, WaiverDraft& draft) {
       auto text = reader.document().text(key, value);
       if (!text) return;
       if (auto date = reader.parse_date(*text, reader.document().span(value))) draft.waiver.expires = *date;
     }},
}};

void read_waivers(SectionReader& reader, const YAML::Node& key, const YAML::Node& node, RuleSpec& rule) {
  YamlDocument& document = reader.document();
  if (!node.IsSequence()) {
    document.error(document.value_span(key, node), "waivers: must be a list of waivers");
    return;
  }
  for (const auto& item : node) {
    WaiverDraft draft{Waiver{}, rule.cadence};
    draft.waiver.span = document.span(item);
    if (!read_keys(reader, item, YAML::Node(YAML::NodeType::Undefined), "waiver", draft.waiver.span,
                   kWaiverKeys, draft)) {
      continue;
    }
    const Waiver& waiver = draft.waiver;
    if (waiver.from && waiver.to && *waiver.to < *waiver.from) {
      document.error(waiver.span, "waiver ends (" + waiver.to->to_string() + ") before it starts (" +
                                      waiver.from->to_string() + ")");
    }
    rule.waivers.push_back(std::move(draft.waiver));
  }
}

// The id and the cadence are read first: waivers are checked against the
// cadence. The order of the others is the order of "known:" in messages.
constexpr std::array<Key<RuleSpec>, 18> kRuleKeys{{
    {"id", Presence::kRequired, read_id, Order::kFirst},
    {"title", Presence::kOptional, read_text<&RuleSpec::title>},
    {"source", Presence::kOptional, read_text<&RuleSpec::source>},
    {"weight", Presence::kOptional, read_weight},
    {"severity", Presence::kOptional, read_severity},
    {"cadence", Presence::kRequired, read_cadence, Order::kFirst},
    {"only", Presence::kOptional, read_only},
    {"let", Presence::kOptional, read_lets},
    {"scope", Presence::kOptional, read_expression<&RuleSpec::scope>},
    {"value", Presence::kOptional, read_expression<&RuleSpec::value>},
    {"fail", Presence::kOptional, read_expression<&RuleSpec::fail>},
    {"warn", Presence::kOptional, read_expression<&RuleSpec::warn>},
    {"deadline", Presence::kOptional, read_expression<&RuleSpec::deadline>},
    {"target", Presence::kOptional, read_target},
    {"shortfall", Presence::kOptional, read_shortfall},
    {"unit", Presence::kOptional, read_text<&RuleSpec::unit>},
    {"message", Presence::kOptional, read_message},
    {"waivers", Presence::kOptional, read_waivers},
}};

}  // namespace

void read_rules(SectionReader& reader, const YAML::Node& key, const YAML::Node& node, Pack& pack) {
  YamlDocument& document = reader.document();
  if (!node.IsSequence()) {
    document.error(document.value_span(key, node),
                   "rules: must be a list of rules (each item starts with '- id:')");
    return;
  }
  std::map<std::string, int> first_line;
  for (const auto& item : node) {
    RuleSpec rule;
    rule.span = document.span(item);
    if (!read_keys(reader, item, YAML::Node(YAML::NodeType::Undefined), "rule", rule.span, kRuleKeys, rule))
      continue;
    if (rule.id.empty()) continue;
    auto [it, inserted] = first_line.emplace(rule.id, rule.id_span.line);
    if (!inserted) {
      document.error(rule.id_span, "duplicate rule id " + in_quotes(rule.id) + " (first defined at line " +
                                       std::to_string(it->second) + ")");
      continue;
    }
    pack.rules.push_back(std::move(rule));
  }
}

}  // namespace cadence::pack_detail
