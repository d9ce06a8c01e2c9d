#include "engine/eval/rule_run.h"

#include <algorithm>

#include "engine/eval/evidence.h"
#include "engine/eval/requirement.h"
#include "engine/eval/waivers.h"

namespace cadence {

namespace {

using lang::BoundExpr;
using lang::BoundKind;
using lang::Type;

// Whether an expression reads a let slot (then it can only be evaluated in
// the frame whose let slots hold its batch).
bool reads_lets(const BoundExpr& expr) {
  if (expr.kind == BoundKind::kLet) return true;
  for (const auto& operand : expr.operands) {
    if (reads_lets(*operand)) return true;
  }
  return false;
}

// out[j] = values[items[j]]: a batch's column narrowed to some of its items.
void gather_items(const Vec& values, const std::vector<std::size_t>& items, Vec& out) {
  out.reset(values.type, items.size());
  out.period_kind = values.period_kind;
  const std::size_t n = items.size();
  if (values.type == Type::kText) {
    for (std::size_t j = 0; j < n; ++j) out.text[j] = values.text[items[j]];
  } else {
    for (std::size_t j = 0; j < n; ++j) out.num[j] = values.num[items[j]];
  }
  auto narrow = [&](const auto& from, auto& to) {
    if (from.empty()) return;
    to.resize(n);
    for (std::size_t j = 0; j < n; ++j) to[j] = from[items[j]];
  };
  narrow(values.den, out.den);
  narrow(values.null, out.null);
  narrow(values.zero_denominator, out.zero_denominator);
}

}  // namespace

// What one period's batches reuse: each period on its own thread has its own.
struct RuleRun::PeriodWork {
  PeriodWork(const CompiledRule& rule, std::size_t period_slot, const Period& at)
      : slot(period_slot),
        period(at),
        period_text(at.to_string()),
        lets(rule.lets.size() + 1),
        plain_hits(std::make_unique_for_overwrite<std::size_t[]>(kOrgChunk)),
        message_values(rule.message.size()),
        message_parts(rule.message.size(), nullptr) {}

  std::size_t slot;
  const Period& period;
  const std::string period_text;
  Verdict* verdicts = nullptr;  // the period's, by org
  Rational* values = nullptr;   // the period's, by org; null unless kept
  bool requested = false;       // findings were asked for in this period
  std::vector<Vec> lets;        // the let slots, then the value
  Vec scope_mask;
  Vec fail;
  Vec warn;
  Vec numerator;
  Vec denominator;
  Vec line;  // the hits' lines, for a rule whose line varies
  Vec scratch;
  std::vector<std::size_t> hits;  // the batch items that are findings
  // The plain verdict loop's hits, written unconditionally (no zeroing).
  const std::unique_ptr<std::size_t[]> plain_hits;
  std::vector<OrgIndex> hit_orgs;
  std::vector<Vec> message_values;
  std::vector<MessageText> messages;  // a batch's, rendered together
  std::vector<const Vec*> message_parts;
};

// One batch of a period's candidate orgs.
struct RuleRun::Batch {
  const OrgIndex* orgs = nullptr;
  std::size_t size = 0;
  Frame frame;          // the batch's orgs, with the period's let slots
  bool scoped = false;  // the scope is judged per batch (not cached)
  bool plain = false;   // judged on the plain path
};

RuleRun::RuleRun(EvaluationContext& context, ScopeCache& scopes, const CompiledRule& rule)
    : context_(context),
      rule_(rule),
      periods_(context.periods(rule.index)),
      outcome_(context.results().outcome(rule.index)),
      keep_values_(context.request().keep_values || context.value_read(rule.index)),
      scope_cached_(!rule.scope_depends_on_period && !periods_.empty()),
      message_(rule),
      fail_score_(rule, from_double(rule.spec->weight), false),
      warn_score_(rule, from_double(rule.spec->weight), true),
      part_reads_lets_(rule.message.size(), false) {
  const std::size_t orgs = static_cast<std::size_t>(context.dataset().tree().size());
  outcome_.periods = periods_;
  outcome_.verdicts.assign(periods_.size(), std::vector<Verdict>(orgs, Verdict::kOutOfScope));
  if (keep_values_) outcome_.values.assign(periods_.size(), std::vector<Rational>(orgs, Rational{}));
  outcome_.requested.assign(periods_.size(), false);
  if (rule.value_is_ratio) {
    outcome_.rates_above_one.assign(periods_.size(), 0);
    outcome_.first_above_one.assign(periods_.size(), kNoOrg);
  }
  const std::set<Period>& requested = context.requested(rule.index);
  for (std::size_t s = 0; s < periods_.size(); ++s) outcome_.requested[s] = requested.count(periods_[s]) > 0;
  // The orgs in scope, once, when the scope does not depend on the period.
  if (scope_cached_ && rule.scope) cached_scope_ = scopes.orgs(context, rule, periods_);
  candidates_ = cached_scope_ ? cached_scope_.get() : &context.every_org();
  numerator_reads_lets_ = rule.value_is_ratio && reads_lets(*rule.value->operands[0]);
  denominator_reads_lets_ = rule.value_is_ratio && reads_lets(*rule.value->operands[1]);
  line_reads_lets_ = rule.line != nullptr && reads_lets(*rule.line);
  for (std::size_t m = 0; m < rule.message.size(); ++m) {
    if (rule.message[m].expr) part_reads_lets_[m] = reads_lets(*rule.message[m].expr);
  }
}

std::vector<FindingBatch> RuleRun::run() {
  // Periods are independent (a streak reads verdicts of another rule, all
  // computed before this one starts): they run on the request's threads,
  // each with its own batch vectors, and their findings are joined in
  // period order, so the outcome does not depend on the thread count.
  std::vector<std::vector<FindingBatch>> period_findings(periods_.size());
  context_.parallel_for(periods_.size(), [&](std::size_t s) { run_period(s, period_findings[s]); });
  std::vector<FindingBatch> lists;
  for (auto& period_lists : period_findings) {
    for (auto& list : period_lists) lists.push_back(std::move(list));
  }
  return lists;
}

void RuleRun::run_period(std::size_t slot, std::vector<FindingBatch>& findings) {
  PeriodWork work(rule_, slot, periods_[slot]);
  work.verdicts = outcome_.verdicts[slot].data();
  work.values = keep_values_ ? outcome_.values[slot].data() : nullptr;
  work.requested = outcome_.requested[slot];
  const bool no_event =
      rule_.event_calendar >= 0 &&
      !context_.calendars().events[static_cast<std::size_t>(rule_.event_calendar)].contains(work.period);
  const bool pending = !no_event && not_yet_due(work);
  const std::vector<OrgIndex>& candidates = *candidates_;
  for (std::size_t begin = 0; begin < candidates.size(); begin += kOrgChunk) {
    Batch batch;
    batch.orgs = candidates.data() + begin;
    batch.size = std::min(kOrgChunk, candidates.size() - begin);
    batch.frame =
        context_.cell_frame(batch.orgs, batch.size, &periods_, static_cast<int32_t>(slot), &work.lets);
    if (no_event || pending) {
      // The week had no episode: not evaluated, never scored as 0 % (DOM-S1).
      // Or its deadline has not passed at the audit's date: the branch may
      // still comply, so the period is not graded yet.
      if (scope_cached_) {
        const Verdict verdict = no_event ? Verdict::kNoEvent : Verdict::kPending;
        for (std::size_t i = 0; i < batch.size; ++i) work.verdicts[batch.orgs[i]] = verdict;
      }
      continue;
    }
    judge_batch(work, batch);
    if (work.hits.empty()) continue;
    build_findings(work, batch, findings.emplace_back());
  }
}

// The audit's as-of date is not after the period's deadline (the rule's
// `deadline:` at the root, else the period's last day: rule_deadline in
// evidence.h, the same day the weekly audit schedules by): graded only from
// the day after.
bool RuleRun::not_yet_due(const PeriodWork& work) const {
  const EvaluationRequest& request = context_.request();
  const std::optional<Date>& as_of = request.graded_on ? request.graded_on : request.as_of;
  if (!as_of || context_.dataset().tree().size() == 0) return false;
  Date deadline = work.period.last_day();
  if (rule_.deadline) {
    const OrgIndex root = 0;
    Frame frame = context_.cell_frame(&root, 1, &periods_, static_cast<int32_t>(work.slot), nullptr);
    Vec value;
    evaluate_expression(*rule_.deadline, frame, value);
    if (!value.is_null(0)) deadline = Date::from_days(static_cast<int32_t>(value.num[0]));
  }
  return !(deadline < *as_of);
}

void RuleRun::judge_batch(PeriodWork& work, Batch& batch) {
  for (std::size_t k = 0; k < rule_.lets.size(); ++k) {
    if (rule_.lets[k].expr) evaluate_expression(*rule_.lets[k].expr, batch.frame, work.lets[k]);
  }
  batch.scoped = !scope_cached_ && rule_.scope;
  if (batch.scoped) evaluate_expression(*rule_.scope, batch.frame, work.scope_mask);
  Vec& value = work.lets[static_cast<std::size_t>(rule_.value_slot)];
  evaluate_expression(*rule_.value, batch.frame, value);
  evaluate_expression(*rule_.fail, batch.frame, work.fail);
  if (rule_.warn) evaluate_expression(*rule_.warn, batch.frame, work.warn);
  work.hits.clear();
  batch.plain = !batch.scoped && !rule_.warn && rule_.spec->waivers.empty() && work.values == nullptr &&
                value.null.empty() && work.fail.null.empty() && work.requested &&
                context_.request().under == kNoOrg;
  if (batch.plain) {
    judge_plain(work, batch);
  } else {
    judge_general(work, batch);
  }
  if (rule_.value_is_ratio) count_rates_above_one(work, batch);
}

// A rate above 100 % passes a `value < t` line silently: counted, so that
// the audit can say so (one pass over the batch's values).
void RuleRun::count_rates_above_one(PeriodWork& work, const Batch& batch) {
  const Vec& value = work.lets[static_cast<std::size_t>(rule_.value_slot)];
  int64_t& count = outcome_.rates_above_one[work.slot];
  OrgIndex& first = outcome_.first_above_one[work.slot];
  for (std::size_t i = 0; i < batch.size; ++i) {
    const int64_t denominator = value.den.empty() ? 1 : value.den[i];
    if (value.num[i] <= denominator || value.is_null(i)) continue;
    if (batch.scoped && !work.scope_mask.truth(i)) continue;
    ++count;
    if (first == kNoOrg || batch.orgs[i] < first) first = batch.orgs[i];
  }
}

void RuleRun::judge_plain(PeriodWork& work, const Batch& batch) {
  // Every org in scope, no null, no warning band, no waiver, values not
  // kept: the verdict is the fail test's. Without a branch: the failing
  // cells come in no order a branch predictor could learn.
  static_assert(static_cast<int>(Verdict::kFail) - static_cast<int>(Verdict::kPass) == 2);
  std::size_t found = 0;
  for (std::size_t i = 0; i < batch.size; ++i) {
    const auto failed = static_cast<uint8_t>(work.fail.num[i] != 0);
    work.verdicts[static_cast<std::size_t>(batch.orgs[i])] =
        static_cast<Verdict>(static_cast<uint8_t>(Verdict::kPass) + 2 * failed);
    work.plain_hits[found] = i;
    found += failed;
  }
  work.hits.assign(work.plain_hits.get(), work.plain_hits.get() + found);
}

void RuleRun::judge_general(PeriodWork& work, const Batch& batch) {
  const OrgTree& tree = context_.dataset().tree();
  const EvaluationRequest& request = context_.request();
  const Vec& value = work.lets[static_cast<std::size_t>(rule_.value_slot)];
  for (std::size_t i = 0; i < batch.size; ++i) {
    const OrgIndex org = batch.orgs[i];
    if (batch.scoped && !work.scope_mask.truth(i)) continue;
    Verdict verdict;
    if (value.is_null(i)) {
      bool zero = !value.zero_denominator.empty() && value.zero_denominator[i];
      const auto* policy = rule_.value->kind == lang::BoundKind::kCall ? std::get_if<lang::ZeroPolicy>(&rule_.value->call()) : nullptr;
      bool violation = zero && policy != nullptr && policy->kind == lang::ZeroDenominator::kViolation;
      verdict = violation ? Verdict::kFail : zero ? Verdict::kZeroDenominator : Verdict::kNoValue;
    } else if (work.fail.truth(i)) {
      verdict = Verdict::kFail;
    } else if (rule_.warn && work.warn.truth(i)) {
      verdict = Verdict::kWarn;
    } else {
      verdict = Verdict::kPass;
    }
    if (is_finding(verdict)) {
      for (const auto& waiver : rule_.spec->waivers) {
        if (waiver_applies(waiver, tree, org, work.period, request.as_of)) verdict = Verdict::kWaived;
      }
    }
    work.verdicts[static_cast<std::size_t>(org)] = verdict;
    if (work.values != nullptr && !value.is_null(i)) work.values[org] = value.number(i);
    if (is_finding(verdict) && work.requested &&
        (request.under == kNoOrg || tree.in_subtree(org, request.under))) {
      work.hits.push_back(i);
    }
  }
}

void RuleRun::hit_values(PeriodWork& work, const Batch& batch, const BoundExpr& expr, bool expr_reads_lets,
                         Vec& out) {
  if (expr.kind == BoundKind::kLet) {
    gather_items(work.lets[static_cast<std::size_t>(expr.let_slot())], work.hits, out);
  } else if (expr_reads_lets) {
    evaluate_expression(expr, batch.frame, work.scratch);
    gather_items(work.scratch, work.hits, out);
  } else {
    Frame hit_frame = context_.cell_frame(work.hit_orgs.data(), work.hit_orgs.size(), &periods_,
                                          static_cast<int32_t>(work.slot), nullptr);
    evaluate_expression(expr, hit_frame, out);
  }
}

void RuleRun::render_messages(PeriodWork& work, const Batch& batch) {
  for (std::size_t m = 0; m < rule_.message.size(); ++m) {
    const BoundExpr* part = rule_.message[m].expr.get();
    if (part == nullptr) continue;
    if (part->kind == BoundKind::kPeriod) {
      // "{period}": the batch's one period, formatted once.
      work.message_values[m].reset(Type::kText, work.hits.size());
      std::fill(work.message_values[m].text.begin(), work.message_values[m].text.end(), work.period_text);
    } else {
      hit_values(work, batch, *part, part_reads_lets_[m], work.message_values[m]);
    }
    work.message_parts[m] = &work.message_values[m];
  }
  message_.render_batch(work.message_parts, work.hits.size(), work.messages);
}

void RuleRun::build_findings(PeriodWork& work, const Batch& batch, FindingBatch& out) {
  // What only findings need (the ratio's parts, the message) is computed
  // for the findings alone, in a frame of their orgs: most cells pass.
  const std::vector<std::size_t>& hits = work.hits;
  work.hit_orgs.resize(hits.size());
  for (std::size_t j = 0; j < hits.size(); ++j) work.hit_orgs[j] = batch.orgs[hits[j]];
  if (rule_.value_is_ratio) {
    hit_values(work, batch, *rule_.value->operands[0], numerator_reads_lets_, work.numerator);
    hit_values(work, batch, *rule_.value->operands[1], denominator_reads_lets_, work.denominator);
  }
  if (rule_.line != nullptr) hit_values(work, batch, *rule_.line, line_reads_lets_, work.line);
  const bool full = context_.request().detail == EvaluationRequest::Detail::kFull;
  if (full) render_messages(work, batch);
  // The list's org runs for the ranking, from the batch's orgs (in index
  // order), not from the findings.
  out.runs = FindingList::org_runs(work.hit_orgs.size(), [&](std::size_t j) { return work.hit_orgs[j]; });
  const OrgTree& tree = context_.dataset().tree();
  const Vec& value = work.lets[static_cast<std::size_t>(rule_.value_slot)];
  // Locals, not members: a finding's int64_t stores may alias the score
  // lines' integers, which would be reloaded for every finding.
  const ScoreLine fail_score = fail_score_;
  const ScoreLine warn_score = warn_score_;
  const bool value_is_ratio = rule_.value_is_ratio;
  const int rule_index = rule_.index;
  std::vector<Finding>& findings = out.findings;
  const Finding blank;
  findings.reserve(hits.size());
  for (std::size_t j = 0; j < hits.size(); ++j) {
    const std::size_t i = hits[j];
    const OrgIndex org = batch.orgs[i];
    Verdict verdict = work.verdicts[static_cast<std::size_t>(org)];
    // Built in place from a blank copied (a few wide registers) rather than
    // cleared (a `rep stos` each, slow to start): BENCHMARKS.md "Figures behind engine/eval's comments".
    Finding& finding = findings.emplace_back(blank);
    finding.rule = rule_index;
    finding.org = org;
    finding.period = work.period;
    finding.status = verdict;
    finding.value = value.is_null(i) ? Rational{} : value.number(i);
    if (value_is_ratio && !work.numerator.is_null(j) && !work.denominator.is_null(j)) {
      Rational n = work.numerator.number(j);
      Rational d = work.denominator.number(j);
      if (n.denominator == 1 && d.denominator == 1) {
        finding.has_ratio = true;
        finding.numerator = n.numerator;
        finding.denominator = d.numerator;
      }
    }
    finding.value_micros = to_micros(finding.value);
    if (rule_.line != nullptr && verdict == Verdict::kFail && !work.line.is_null(j)) {
      const Rational line = work.line.number(j);
      finding.has_line = true;
      finding.numerator = line.numerator;
      finding.denominator = line.denominator;
      finding.score_micros = fail_score.micros(finding.value, line);
    } else {
      finding.score_micros = (verdict == Verdict::kWarn ? warn_score : fail_score).micros(finding.value);
    }
    if (full) finding.message = std::move(work.messages[j]);
    if (full && finding.has_ratio && !tree.children(org).empty()) {
      // A pooled rate: who pulled it below the line it crossed.
      const Requirement requirement = requirement_of(rule_, finding);
      if (requirement.has_threshold) {
        finding.pulled_down =
            contributors(context_, rule_, org, static_cast<int32_t>(work.slot), requirement.threshold);
      }
    }
  }
  // Sized exactly, so no list is ever reallocated.
  CADENCE_ASSERT(findings.size() == hits.size());
}

}  // namespace cadence
