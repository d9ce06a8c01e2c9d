// `bulletins:` of pack.yaml: the monthly bulletin's definitions, their
// per-unit lines and figures (rules/README.md "Bulletins").
#include <algorithm>
#include <map>

#include "adapters/pack/key_table.h"
#include "engine/lang/template.h"

namespace cadence::pack_detail {
namespace {

using NodePair = std::optional<std::pair<YAML::Node, YAML::Node>>;  // key, value

// --- figures -------------------------------------------------------------------

struct FigureDraft {
  BulletinFigure figure;
  std::string what;         // "figure 'rate'", for messages
  std::string measure_key;  // the measure given first
  NodePair names;           // checked once the measure is known
};

template <FigureMeasure Measure>
void read_measure(SectionReader& reader, const YAML::Node& key, const YAML::Node& value, FigureDraft& draft) {
  YamlDocument& document = reader.document();
  const std::string field = YamlDocument::key_name(key);
  if (!draft.measure_key.empty()) {
    document.error(document.span(key), draft.what + " has both " + in_quotes(draft.measure_key) + " and " +
                                           in_quotes(field) + "; give one measure");
    return;
  }
  draft.measure_key = field;
  draft.figure.measure = Measure;
  draft.figure.span = document.span(value);
  auto text = document.text(key, value);
  if (text && reader.check_rule(*text, draft.figure.span)) draft.figure.rule = *text;
}

constexpr std::array<Key<FigureDraft>, 5> kFigureKeys{{
    {"findings", Presence::kOptional, read_measure<FigureMeasure::kFindings>},
    {"sum", Presence::kOptional, read_measure<FigureMeasure::kSum>},
    {"rate", Presence::kOptional, read_measure<FigureMeasure::kRate>},
    {"remaining", Presence::kOptional, read_measure<FigureMeasure::kRemaining>},
    {"names", Presence::kOptional,
     [](SectionReader&, const YAML::Node& key, const YAML::Node& value, FigureDraft& draft) {
       draft.names.emplace(key, value);
     }},
}};

void read_figure_names(YamlDocument& document, FigureDraft& draft) {
  auto names = document.integer(draft.names->first, draft.names->second);
  if (!names) return;
  if (*names < 0) {
    document.error(document.span(draft.names->second), "'names' must be 0 or more");
  } else if (!draft.measure_key.empty() && draft.figure.measure != FigureMeasure::kFindings) {
    document.error(document.span(draft.names->first),
                   "'names' lists the orgs of a 'findings' figure, not of " + in_quotes(draft.measure_key));
  } else {
    draft.figure.names = *names;
  }
}

void read_figures(SectionReader& reader, const YAML::Node& key, const YAML::Node& node, BulletinLine& line) {
  YamlDocument& document = reader.document();
  if (!document.check_names(node, key, "figure")) return;
  for (auto it = node.begin(); it != node.end(); ++it) {
    FigureDraft draft;
    draft.figure.name = YamlDocument::key_name(it->first);
    draft.what = "figure " + in_quotes(draft.figure.name);
    if (!read_keys(reader, it->second, it->first, draft.what, document.span(it->first), kFigureKeys, draft))
      continue;
    if (draft.measure_key.empty()) {
      document.error(document.span(it->first),
                     draft.what + " needs a measure: findings, sum, rate or remaining, each naming a rule");
      draft.figure.span = document.span(it->first);
    }
    if (draft.names) read_figure_names(document, draft);
    // A figure with an error stays, so that the text's placeholders still
    // resolve and report nothing more; the pack does not load anyway.
    line.figures.push_back(std::move(draft.figure));
  }
}

// --- per-unit lines --------------------------------------------------------------

struct LineDraft {
  BulletinLine line;
  std::optional<ExprText> text;
};

constexpr std::array<Key<LineDraft>, 3> kLineKeys{{
    {"label", Presence::kRequired,
     [](SectionReader& reader, const YAML::Node& key, const YAML::Node& value, LineDraft& draft) {
       if (auto label = reader.document().text(key, value)) draft.line.label = *label;
     }},
    {"text", Presence::kRequired,
     [](SectionReader& reader, const YAML::Node& key, const YAML::Node& value, LineDraft& draft) {
       draft.text = reader.document().template_text(key, value);
       if (draft.text) draft.line.text = draft.text->text;
     }},
    {"figures", Presence::kRequired,
     [](SectionReader& reader, const YAML::Node& key, const YAML::Node& value, LineDraft& draft) {
       read_figures(reader, key, value, draft.line);
     }},
}};

// Splits the text into literals and placeholders (engine/lang/template.h); a
// placeholder names a figure. A figure the text never shows is a warning,
// unless the line already has errors (a misspelt placeholder would report its
// figure twice).
void split_line_text(SectionReader& reader, const ExprText& text, BulletinLine& line, bool had_errors) {
  YamlDocument& document = reader.document();
  const int errors_before = reader.diagnostics().error_count();
  std::vector<bool> used(line.figures.size(), false);
  std::vector<std::string_view> known;
  std::vector<std::string> known_names;
  for (const auto& figure : line.figures) {
    known.push_back(figure.name);
    known_names.push_back(figure.name);
  }
  for (auto& part : lang::parse_template(text.text, text.where, "text", reader.diagnostics())) {
    if (part.kind == lang::TemplatePart::Kind::kLiteral) {
      line.parts.push_back({std::move(part.literal), -1});
      continue;
    }
    auto found = std::find(known.begin(), known.end(), part.inside);
    if (found == known.end()) {
      std::string message = "unknown figure " + in_quotes(part.inside) + " in the text";
      std::string suggestion = suggest(part.inside, known);
      if (!suggestion.empty()) {
        message += " (did you mean " + in_quotes(suggestion) + "?)";
      } else if (!known.empty()) {
        message += " (figures: " + join(known_names) + ")";
      }
      document.error(part.span, message);
      continue;
    }
    const auto figure = static_cast<std::size_t>(found - known.begin());
    line.parts.push_back({"", static_cast<int>(figure)});
    used[figure] = true;
  }
  if (had_errors || reader.diagnostics().error_count() > errors_before) return;
  for (std::size_t f = 0; f < line.figures.size(); ++f) {
    if (!used[f]) {
      document.warning(line.figures[f].span, "figure " + in_quotes(line.figures[f].name) +
                                                 " is not shown: the text has no {" + line.figures[f].name +
                                                 "}");
    }
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
void read_lines(SectionReader& reader, const YAML::Node& key, const YAML::Node& node,
                BulletinDefinition& bulletin) {
  YamlDocument& document = reader.document();
  if (!node.IsSequence()) {
    document.error(document.value_span(key, node),
                   "per_unit: must be a list of lines (label, text, figures)");
    return;
  }
  for (const auto& item : node) {
    LineDraft draft;
    draft.line.span = document.span(item);
    const int errors_before = reader.diagnostics().error_count();
    if (!read_keys(reader, item, YAML::Node(YAML::NodeType::Undefined), "per_unit line", draft.line.span,
                   kLineKeys, draft)) {
      continue;
    }
    if (draft.text)
      split_line_text(reader, *draft.text, draft.line, reader.diagnostics().error_count() > errors_before);
    bulletin.per_unit.push_back(std::move(draft.line));
  }
}

// --- the bulletin ----------------------------------------------------------------

constexpr std::array<Key<BulletinDefinition>, 2> kUnitKeys{{
    {"kind", Presence::kOptional,
     [](SectionReader& reader, const YAML::Node& key, const YAML::Node& value, BulletinDefinition& bulletin) {
       auto text = reader.document().text(key, value);
       if (!text) return;
       const RecordSetSchema* orgs = reader.pack().schema.find(kOrgsRecordSet);
       const ColumnSchema* kind = orgs == nullptr ? nullptr : orgs->column("kind");
       if (kind != nullptr && kind->type == ColumnType::kEnum && !kind->values.empty() &&
           !contains(kind->values, *text)) {
         reader.document().error(reader.document().span(value),
                                 in_quotes(*text) + " is not an org kind (" + join(kind->values) + ")");
         return;
       }
       bulletin.unit_kind = *text;
     }},
    {"depth", Presence::kOptional,
     [](SectionReader& reader, const YAML::Node& key, const YAML::Node& value, BulletinDefinition& bulletin) {
       auto depth = reader.document().integer(key, value);
       if (!depth) return;
       if (*depth < 0) {
         reader.document().error(reader.document().span(value), "'depth' must be 0 (the root) or more");
         return;
       }
       bulletin.unit_depth = *depth;
     }},
}};

template <int BulletinDefinition::*Field>
void read_band_count(SectionReader& reader, const YAML::Node& key, const YAML::Node& value,
                     BulletinDefinition& bulletin) {
  auto count = reader.document().integer(key, value);
  if (!count) return;
  if (*count < 0) {
    reader.document().error(reader.document().span(value),
                            in_quotes(YamlDocument::key_name(key)) + " must be 0 or more");
    return;
  }
  bulletin.*Field = *count;
}

template <std::optional<double> BulletinDefinition::*Field>
void read_band_line(SectionReader& reader, const YAML::Node& key, const YAML::Node& value,
                    BulletinDefinition& bulletin) {
  auto line = reader.document().fraction(key, value);
  if (!line) return;
  if (*line < 0 || *line > 1) {
    reader.document().error(reader.document().span(value), in_quotes(YamlDocument::key_name(key)) +
                                                               " is a rate: write a percentage such as 90%");
    return;
  }
  bulletin.*Field = *line;
}

constexpr std::array<Key<BulletinDefinition>, 2> kCommendKeys{{
    {"top", Presence::kOptional, read_band_count<&BulletinDefinition::commend_top>},
    {"at_least", Presence::kOptional, read_band_line<&BulletinDefinition::excellence_line>},
}};

constexpr std::array<Key<BulletinDefinition>, 2> kCriticiseKeys{{
    {"bottom", Presence::kOptional, read_band_count<&BulletinDefinition::criticise_bottom>},
    {"below", Presence::kOptional, read_band_line<&BulletinDefinition::floor>},
}};

// --- the document (GB/T 9704-2012, DOMAIN.md §10) ----------------------------------

// A document text whose placeholders name fields the writer fills in. An
// unknown field is an error at the placeholder (with a suggestion); a field
// the text must show (the document number's {number}) is an error at the
// value when absent; a format after ':' is refused (the writer chooses it).
void read_document_text(SectionReader& reader, const YAML::Node& key, const YAML::Node& value,
                        const std::vector<std::string_view>& fields, std::string_view required,
                        DocumentText& target) {
  YamlDocument& document = reader.document();
  auto text = document.template_text(key, value);
  if (!text) return;
  target.span = document.span(value);
  std::vector<std::string> field_names(fields.begin(), fields.end());
  const std::string what = in_quotes(YamlDocument::key_name(key));
  bool shows_required = required.empty();
  bool unknown = false;  // a misspelt {numbr} already says what is wrong
  for (auto& part : lang::parse_template(text->text, text->where, YamlDocument::key_name(key),
                                         reader.diagnostics())) {
    if (part.kind == lang::TemplatePart::Kind::kLiteral) {
      target.parts.push_back({std::move(part.literal), ""});
      continue;
    }
    if (std::find(fields.begin(), fields.end(), part.inside) == fields.end()) {
      std::string message = "unknown field " + in_quotes(part.inside) + " in " + what;
      std::string suggestion = suggest(part.inside, fields);
      message += suggestion.empty() ? " (fields: " + join(field_names) + ")"
                                    : " (did you mean " + in_quotes(suggestion) + "?)";
      document.error(part.span, message);
      unknown = true;
      continue;
    }
    if (part.inside == required) shows_required = true;
    target.parts.push_back({"", part.inside});
  }
  if (!shows_required && !unknown) {
    document.error(target.span, what + " must show {" + std::string(required) +
                                    "}, the sequence number given on the command line (--number)");
  }
}

void read_text_into(SectionReader& reader, const YAML::Node& key, const YAML::Node& value, std::string& target) {
  if (auto text = reader.document().text(key, value)) target = *text;
}

void read_list_into(SectionReader& reader, const YAML::Node& key, const YAML::Node& value,
                    std::vector<std::string>& target) {
  if (auto list = reader.document().text_list(key, value)) target = *list;
}

constexpr std::array<Key<BulletinDocumentSpec>, 8> kDocumentKeys{{
    {"issuer", Presence::kRequired,
     [](SectionReader& reader, const YAML::Node& key, const YAML::Node& value, BulletinDocumentSpec& spec) {
       read_text_into(reader, key, value, spec.issuer);
     }},
    {"number", Presence::kRequired,
     [](SectionReader& reader, const YAML::Node& key, const YAML::Node& value, BulletinDocumentSpec& spec) {
       read_document_text(reader, key, value, {"year", "number"}, "number", spec.number);
       // GB/T 9704 7.2.4: the year in 六角括号 〔〕; [] and （） are the usual slips.
       auto text = reader.document().text(key, value);
       if (text && text->find("〔") == std::string::npos) {
         reader.document().error(reader.document().span(value),
                                 "the document number writes the year in 〔〕 (GB/T 9704-2012 7.2.4), e.g. "
                                 "\"固团通〔{year}〕{number}号\"");
       }
     }},
    {"title", Presence::kRequired,
     [](SectionReader& reader, const YAML::Node& key, const YAML::Node& value, BulletinDocumentSpec& spec) {
       read_document_text(reader, key, value, {"month", "year"}, "", spec.title);
     }},
    {"addressee", Presence::kRequired,
     [](SectionReader& reader, const YAML::Node& key, const YAML::Node& value, BulletinDocumentSpec& spec) {
       read_text_into(reader, key, value, spec.addressee);
     }},
    {"requirements", Presence::kOptional,
     [](SectionReader& reader, const YAML::Node& key, const YAML::Node& value, BulletinDocumentSpec& spec) {
       read_list_into(reader, key, value, spec.requirements);
     }},
    {"copy_to", Presence::kOptional,
     [](SectionReader& reader, const YAML::Node& key, const YAML::Node& value, BulletinDocumentSpec& spec) {
       read_list_into(reader, key, value, spec.copy_to);
     }},
    {"printer", Presence::kOptional,
     [](SectionReader& reader, const YAML::Node& key, const YAML::Node& value, BulletinDocumentSpec& spec) {
       read_text_into(reader, key, value, spec.printer);
     }},
    {"issue_day", Presence::kOptional,
     [](SectionReader& reader, const YAML::Node& key, const YAML::Node& value, BulletinDocumentSpec& spec) {
       auto day = reader.document().integer(key, value);
       if (!day) return;
       if (*day < 1 || *day > 28) {
         reader.document().error(reader.document().span(value),
                                 "'issue_day' is a day of the following month, 1 to 28");
         return;
       }
       spec.issue_day = *day;
     }},
}};

constexpr std::array<Key<DispatchSpec>, 5> kDispatchKeys{{
    {"rate_rule", Presence::kRequired,
     [](SectionReader& reader, const YAML::Node& key, const YAML::Node& value, DispatchSpec& spec) {
       auto text = reader.document().text(key, value);
       if (text && reader.check_rule(*text, reader.document().span(value))) spec.rate_rule = *text;
     }},
    {"streak_rule", Presence::kOptional,
     [](SectionReader& reader, const YAML::Node& key, const YAML::Node& value, DispatchSpec& spec) {
       auto text = reader.document().text(key, value);
       if (text && reader.check_rule(*text, reader.document().span(value))) spec.streak_rule = *text;
     }},
    {"branch_kind", Presence::kOptional,
     [](SectionReader& reader, const YAML::Node& key, const YAML::Node& value, DispatchSpec& spec) {
       read_text_into(reader, key, value, spec.branch_kind);
     }},
    {"below", Presence::kOptional,
     [](SectionReader& reader, const YAML::Node& key, const YAML::Node& value, DispatchSpec& spec) {
       auto line = reader.document().fraction(key, value);
       if (!line) return;
       if (*line < 0 || *line > 1) {
         reader.document().error(reader.document().span(value), "'below' is a rate: write a percentage such as 60%");
         return;
       }
       spec.floor = *line;
     }},
    {"title", Presence::kRequired,
     [](SectionReader& reader, const YAML::Node& key, const YAML::Node& value, DispatchSpec& spec) {
       read_document_text(reader, key, value, {"unit", "week"}, "", spec.title);
     }},
}};

// A bulletin, with the ids of the bulletins before it (duplicates are errors).
struct BulletinDraft {
  BulletinDefinition bulletin;
  std::map<std::string, int>& first_line;
};

constexpr std::array<Key<BulletinDraft>, 10> kBulletinKeys{{
    {"id", Presence::kRequired,
     [](SectionReader& reader, const YAML::Node& key, const YAML::Node& value, BulletinDraft& draft) {
       auto text = reader.document().text(key, value);
       if (!text) return;
       reader.check_unique(draft.first_line, *text, reader.document().span(value), "bulletin id");
       draft.bulletin.id = *text;
     }},
    {"title", Presence::kOptional,
     [](SectionReader& reader, const YAML::Node& key, const YAML::Node& value, BulletinDraft& draft) {
       if (auto text = reader.document().text(key, value)) draft.bulletin.title = *text;
     }},
    {"rate_rule", Presence::kRequired,
     [](SectionReader& reader, const YAML::Node& key, const YAML::Node& value, BulletinDraft& draft) {
       auto text = reader.document().text(key, value);
       if (text && reader.check_rule(*text, reader.document().span(value))) draft.bulletin.rate_rule = *text;
     }},
    {"unit", Presence::kOptional,
     [](SectionReader& reader, const YAML::Node& key, const YAML::Node& value, BulletinDraft& draft) {
       read_keys(reader, value, key, "'unit'", reader.document().span(key), kUnitKeys, draft.bulletin);
     }},
    {"commend", Presence::kOptional,
     [](SectionReader& reader, const YAML::Node& key, const YAML::Node& value, BulletinDraft& draft) {
       read_keys(reader, value, key, "'commend'", reader.document().span(key), kCommendKeys, draft.bulletin);
     }},
    {"criticise", Presence::kOptional,
     [](SectionReader& reader, const YAML::Node& key, const YAML::Node& value, BulletinDraft& draft) {
       read_keys(reader, value, key, "'criticise'", reader.document().span(key), kCriticiseKeys,
                 draft.bulletin);
     }},
    {"other_rules", Presence::kOptional,
     [](SectionReader& reader, const YAML::Node& key, const YAML::Node& value, BulletinDraft& draft) {
       draft.bulletin.other_rules = reader.rule_list(key, value);
     }},
    {"per_unit", Presence::kOptional,
     [](SectionReader& reader, const YAML::Node& key, const YAML::Node& value, BulletinDraft& draft) {
       read_lines(reader, key, value, draft.bulletin);
     }},
    {"document", Presence::kOptional,
     [](SectionReader& reader, const YAML::Node& key, const YAML::Node& value, BulletinDraft& draft) {
       BulletinDocumentSpec spec;
       spec.span = reader.document().span(key);
       if (read_keys(reader, value, key, "'document'", spec.span, kDocumentKeys, spec)) {
         draft.bulletin.document = std::move(spec);
       }
     }},
    {"dispatch", Presence::kOptional,
     [](SectionReader& reader, const YAML::Node& key, const YAML::Node& value, BulletinDraft& draft) {
       DispatchSpec spec;
       spec.span = reader.document().span(key);
       if (read_keys(reader, value, key, "'dispatch'", spec.span, kDispatchKeys, spec)) {
         draft.bulletin.dispatch = std::move(spec);
       }
     }},
}};

}  // namespace

void read_bulletins(SectionReader& reader, const YAML::Node& key, const YAML::Node& node, Pack& pack) {
  YamlDocument& document = reader.document();
  if (!node.IsSequence()) {
    document.error(document.value_span(key, node), "bulletins: must be a list of bulletin definitions");
    return;
  }
  std::map<std::string, int> first_line;
  for (const auto& item : node) {
    BulletinDraft draft{BulletinDefinition{}, first_line};
    draft.bulletin.span = document.span(item);
    if (!read_keys(reader, item, YAML::Node(YAML::NodeType::Undefined), "bulletin", draft.bulletin.span,
                   kBulletinKeys, draft)) {
      continue;
    }
    pack.bulletins.push_back(std::move(draft.bulletin));
  }
}

}  // namespace cadence::pack_detail
