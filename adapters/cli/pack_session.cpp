#include "adapters/cli/pack_session.h"

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "adapters/i18n/translate.h"
#include "adapters/pack/pack_loader.h"

namespace cadence {

std::string resolve_pack_path(const std::string& given) {
  if (!given.empty()) return given;
  if (const char* environment = std::getenv("CADENCE_PACK"); environment != nullptr && *environment != '\0') {
    return environment;
  }
  const std::string shipped = "rules/guyuan-2023";
  if (std::filesystem::exists(shipped)) return shipped;
  return std::string(CADENCE_SOURCE_DIR) + "/" + shipped;
}

Result<const BulletinDefinition*> find_bulletin_definition(const Pack& pack, const std::string& id) {
  for (const auto& candidate : pack.bulletins) {
    if (id.empty() || candidate.id == id) return &candidate;
  }
  return Status::invalid_input(id.empty() ? tr("the pack defines no bulletin")
                                          : fill(tr("the pack has no bulletin '{1}'"), {id}));
}

std::optional<CompiledPack> load_compiled_pack(const std::string& path, bool print_warnings) {
  Diagnostics diagnostics;
  SourceMap sources;
  CompiledPack result;
  result.pack = load_pack(path, diagnostics, &sources);
  if (result.pack) result.plan = compile(*result.pack, diagnostics);
  Diagnostics shown;
  for (const auto& item : diagnostics.items()) {
    if (item.severity == Severity::kError || print_warnings) shown.add(item.severity, item.span, item.message);
  }
  if (!shown.empty()) std::cerr << render_all(shown, result.pack ? &result.pack->sources : &sources);
  result.warnings = diagnostics.warning_count();
  if (diagnostics.has_errors() || !result.plan) return std::nullopt;
  return result;
}

namespace {

// The rule one of whose expressions starts last at or before `span` in the
// same file: the expression the span lies in. nullptr when none does (an
// expression outside the rules, such as the weak-branch scope).
const RuleSpec* rule_at(const Pack& pack, const SourceSpan& span) {
  const RuleSpec* found = nullptr;
  std::pair<int, int> best{0, 0};
  auto consider = [&](const RuleSpec& rule, const ExprText& expr) {
    const SourceSpan& at = expr.where.origin;
    if (!expr.present() || at.file != span.file) return;
    const std::pair<int, int> start{at.line, at.column};
    if (start <= std::pair<int, int>{span.line, span.column} && start >= best) {
      best = start;
      found = &rule;
    }
  };
  for (const RuleSpec& rule : pack.rules) {
    for (const LetSpec& let : rule.lets) consider(rule, let.expr);
    for (const ExprText* expr : {&rule.scope, &rule.value, &rule.fail, &rule.warn, &rule.deadline}) {
      consider(rule, *expr);
    }
    if (rule.target) consider(rule, rule.target->amount);
  }
  return found;
}

}  // namespace

std::string render_calendar_range_error(const Pack& pack, const CalendarRangeError& error) {
  const RuleSpec* rule = rule_at(pack, error.span());
  Diagnostic diagnostic;
  diagnostic.span = error.span();
  diagnostic.message = (rule != nullptr ? "rule " + rule->id + ": " : std::string()) + error.what();
  return render(diagnostic, &pack.sources);
}

int report_calendar_range_error(const CompiledPack& compiled, std::string_view command,
                                const CalendarRangeError& error) {
  std::cerr << "cadence " << command << ": " << render_calendar_range_error(*compiled.pack, error);
  return 2;
}

}  // namespace cadence
