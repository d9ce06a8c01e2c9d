// The builtin functions of the expression evaluator.
#include <algorithm>
#include <limits>
#include <optional>

#include "engine/calendar/date.h"
#include "engine/eval/expression_evaluator_internal.h"

namespace cadence::expression {

namespace {

// Whether every pair a[i] / d[i] is already the ratio's exact form, which
// holds for d[i] in [1, 2^61] and a[i] in [−2^61, 2^61) (make_rational
// reduces from 2^62). One pass of adds, shifts and ors, which the compiler
// vectorises even for plain x86-64 (it has no 64-bit compare there); the
// general loop below costs some 30 instructions a cell.
bool all_plain_ratios(const int64_t* a, const int64_t* d, std::size_t n) {
  uint64_t outside = 0;
  for (std::size_t i = 0; i < n; ++i) {
    outside |= (static_cast<uint64_t>(d[i]) - 1) >> 61;
    outside |= (static_cast<uint64_t>(a[i]) + (uint64_t{1} << 61)) >> 62;
  }
  return outside == 0;
}

}  // namespace

void ExpressionEvaluator::call(const BoundExpr& expr, Vec& out) {
  const std::size_t n = frame_.size;
  switch (expr.function) {
    case BuiltinFunction::kRatio: ratio(expr, out); return;
    case BuiltinFunction::kFailed:
    case BuiltinFunction::kStreak:
    case BuiltinFunction::kValueOf: frame_.sources->rule_result(expr, frame_, out); return;
    case BuiltinFunction::kPeriodStart:
    case BuiltinFunction::kPeriodEnd:
    case BuiltinFunction::kPeriodIndex:
    case BuiltinFunction::kPeriodYear: period_part(expr, out); return;
    case BuiltinFunction::kIsEvent: {
      out.reset(Type::kBool, n);
      const auto& events = frame_.calendars->events[static_cast<std::size_t>(expr.index)];
      for (std::size_t i = 0; i < n; ++i) {
        out.num[i] = frame_.period_slot(i) >= 0 && events.contains(frame_.period(i)) ? 1 : 0;
      }
      return;
    }
    case BuiltinFunction::kInCalendar: in_calendar(expr, out); return;
    case BuiltinFunction::kCountIn: count_in(expr, out); return;
    default: break;
  }
  std::vector<Scratch> args(expr.operands.size());
  for (std::size_t k = 0; k < expr.operands.size(); ++k) eval(*expr.operands[k], *args[k]);
  out.reset(expr.type, n);
  if (expr.function == BuiltinFunction::kCoalesce) {
    coalesce(args, out);
  } else if (expr.function == BuiltinFunction::kAbs || expr.function == BuiltinFunction::kMin2 ||
             expr.function == BuiltinFunction::kMax2) {
    number_call(expr, args, out);
  } else {
    scalar_call(expr, args, out);
  }
}

void ExpressionEvaluator::ratio(const BoundExpr& expr, Vec& out) {
  const std::size_t n = frame_.size;
  Scratch numerator_scratch;
  Scratch denominator_scratch;
  const Vec& numerator = operand(*expr.operands[0], *numerator_scratch);
  const Vec& denominator = operand(*expr.operands[1], *denominator_scratch);
  out.reset(Type::kNumber, n);
  // A zero denominator: the declared value, or null marked as such
  // (the rule's on_zero decides between skipping and a violation).
  auto on_zero = [&](std::size_t i) {
    if (expr.on_zero == lang::ZeroDenominator::kValue) {
      out.set_number(i, expr.constant.number);
      return;
    }
    out.set_null(i);
    if (out.zero_denominator.empty()) out.zero_denominator.assign(n, 0);
    out.zero_denominator[i] = 1;
  };
  if (numerator.den.empty() && denominator.den.empty() && numerator.null.empty() &&
      denominator.null.empty()) {
    // Counts over counts (learners / active), the shape of every rate:
    // the ratio is the pair itself, kept unreduced like divide() keeps it.
    if (all_plain_ratios(numerator.num.data(), denominator.num.data(), n)) {
      // Every denominator positive and no part large enough for
      // make_rational to reduce: the parts are copied as they are
      // (assigned, not zeroed first: a rate rule makes one per cell).
      std::copy_n(numerator.num.data(), n, out.num.data());
      out.den.assign(denominator.num.data(), denominator.num.data() + n);
      return;
    }
    out.den.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      const int64_t d = denominator.num[i];
      const int64_t a = numerator.num[i];
      if (d == 0) continue;                         // below: the rule's zero policy
      constexpr int64_t kLimit = int64_t{1} << 62;  // make_rational reduces beyond it
      if (a >= kLimit || a <= -kLimit || d >= kLimit || d <= -kLimit) {
        out.set_number(i, divide(Rational{a, 1}, Rational{d, 1}));
        continue;
      }
      out.num[i] = d < 0 ? -a : a;
      out.den[i] = d < 0 ? -d : d;
    }
    for (std::size_t i = 0; i < n; ++i) {
      if (denominator.num[i] != 0) continue;
      out.den[i] = 1;
      on_zero(i);
    }
    return;
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (numerator.is_null(i) || denominator.is_null(i)) {
      out.set_null(i);
      continue;
    }
    Rational d = denominator.number(i);
    if (d.numerator == 0) {
      on_zero(i);
      continue;
    }
    out.set_number(i, divide(numerator.number(i), d));
  }
}

// period.start, .end, .index, .year: null where an item has no period.
void ExpressionEvaluator::period_part(const BoundExpr& expr, Vec& out) {
  const std::size_t n = frame_.size;
  out.reset(expr.type, n);
  for (std::size_t i = 0; i < n; ++i) {
    if (frame_.period_slot(i) < 0) {
      out.set_null(i);
      continue;
    }
    const Period& period = frame_.period(i);
    switch (expr.function) {
      case BuiltinFunction::kPeriodStart: out.num[i] = period.first_day().days(); break;
      case BuiltinFunction::kPeriodEnd: out.num[i] = period.last_day().days(); break;
      case BuiltinFunction::kPeriodIndex: out.num[i] = period.index(); break;
      default: out.num[i] = period.year(); break;
    }
  }
}

// in_calendar(x, calendar): a period is in it when it is one of its
// periods (a month is never one of a calendar's weeks); a date when it lies
// in one of them. A null operand (an empty cell) gives null, which a filter
// treats as false.
void ExpressionEvaluator::in_calendar(const BoundExpr& expr, Vec& out) {
  const std::size_t n = frame_.size;
  Scratch value_holder;
  Vec& value = *value_holder;
  eval(*expr.operands[0], value);
  out.reset(Type::kBool, n);
  if (value.type == Type::kNull) {
    out.null.assign(n, 1);
    return;
  }
  const EventCalendar& calendar = frame_.calendars->events[static_cast<std::size_t>(expr.index)];
  // The kinds the calendar holds: a date is in it when the period of one of
  // these kinds that contains the date is.
  std::vector<PeriodKind> kinds;
  for (const Period& period : calendar.periods()) {
    if (std::find(kinds.begin(), kinds.end(), period.kind()) == kinds.end()) kinds.push_back(period.kind());
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (value.is_null(i)) {
      out.set_null(i);
      continue;
    }
    bool found = false;
    if (value.type == Type::kPeriod) {
      found = calendar.contains(Period::from_ordinal(value.period_kind, static_cast<int32_t>(value.num[i])));
    } else {
      Date date = Date::from_days(static_cast<int32_t>(value.num[i]));
      for (PeriodKind kind : kinds) found = found || calendar.contains(Period::containing(kind, date));
    }
    out.num[i] = found ? 1 : 0;
  }
}

// count_in(calendar, period): the calendar's periods whose first day lies
// in the period — for weeks their Monday, the rule weeks_in() counts by
// (DOMAIN.md DOM-S3, "ISO weeks whose Monday falls in the month"). Items of
// a batch mostly share one period: the last count is kept.
void ExpressionEvaluator::count_in(const BoundExpr& expr, Vec& out) {
  const std::size_t n = frame_.size;
  Scratch period_holder;
  Vec& period = *period_holder;
  eval(*expr.operands[0], period);
  out.reset(Type::kNumber, n);
  if (period.type == Type::kNull) {
    out.null.assign(n, 1);
    return;
  }
  const EventCalendar& calendar = frame_.calendars->events[static_cast<std::size_t>(expr.index)];
  std::optional<int64_t> last_ordinal;
  int64_t last_count = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (period.is_null(i)) {
      out.set_null(i);
      continue;
    }
    if (!last_ordinal || *last_ordinal != period.num[i]) {
      Period within = Period::from_ordinal(period.period_kind, static_cast<int32_t>(period.num[i]));
      last_count =
          std::count_if(calendar.periods().begin(), calendar.periods().end(),
                        [&within](const Period& event) { return within.contains(event.first_day()); });
      last_ordinal = period.num[i];
    }
    out.num[i] = last_count;
  }
}

// coalesce(a, b): a where it has a value, else b.
void ExpressionEvaluator::coalesce(const std::vector<Scratch>& args, Vec& out) {
  for (std::size_t i = 0; i < frame_.size; ++i) {
    const Vec& pick = args[0]->is_null(i) ? *args[1] : *args[0];
    if (pick.is_null(i)) {
      out.set_null(i);
    } else if (out.type == Type::kText) {
      out.text[i] = pick.text[i];
    } else if (out.type == Type::kNumber) {
      out.set_number(i, pick.number(i));
    } else {
      out.num[i] = pick.num[i];
      out.period_kind = pick.period_kind;
    }
  }
}

// The builtins of dates and periods, item by item: null when any argument is.
void ExpressionEvaluator::scalar_call(const BoundExpr& expr, const std::vector<Scratch>& args, Vec& out) {
  const std::size_t n = frame_.size;
  auto any_null = [&](std::size_t i) {
    for (const auto& arg : args) {
      if (arg->is_null(i)) return true;
    }
    return false;
  };
  auto period_of = [](const Vec& vec, std::size_t i) {
    return Period::from_ordinal(vec.period_kind, static_cast<int32_t>(vec.num[i]));
  };
  auto date_of = [](const Vec& vec, std::size_t i) {
    return Date::from_days(static_cast<int32_t>(vec.num[i]));
  };
  int64_t within_ordinal = std::numeric_limits<int64_t>::min();
  PeriodKind within_kind = PeriodKind::kWeek;
  int64_t within_first = 0;
  int64_t within_last = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (any_null(i)) {
      out.set_null(i);
      continue;
    }
    switch (expr.function) {
      case BuiltinFunction::kWithin: {
        // Rows of a batch mostly share the period: its days are computed once.
        if (args[1]->num[i] != within_ordinal || args[1]->period_kind != within_kind) {
          Period period = period_of(*args[1], i);
          within_ordinal = args[1]->num[i];
          within_kind = period.kind();
          within_first = period.first_day().days();
          within_last = period.last_day().days();
        }
        out.num[i] = args[0]->num[i] >= within_first && args[0]->num[i] <= within_last ? 1 : 0;
        break;
      }
      case BuiltinFunction::kDayOfNextMonth: {
        // "by the 5th of the next month" (contract.md B5): no roll-forward;
        // wrap in roll_forward() for the 民法典 §203 variant (DOM-C3).
        Period month = Period::containing(PeriodKind::kMonth, period_of(*args[0], i).last_day());
        Date first = month.next().first_day();
        Rational day = args[1]->number(i);
        // Clamped first so that `- 1` cannot overflow; far days leave the range anyway.
        const int64_t whole =
            std::clamp<int64_t>(day.numerator / day.denominator, -(int64_t{1} << 40), int64_t{1} << 40);
        out.num[i] = checked(first.plus_days(whole - 1), expr).days();
        break;
      }
      case BuiltinFunction::kWorkingDaysAfter: {
        Rational count = args[1]->number(i);
        out.num[i] = checked(frame_.calendars->working.working_days_after(date_of(*args[0], i),
                                                                           count.numerator / count.denominator),
                             expr)
                         .days();
        break;
      }
      case BuiltinFunction::kRollForward: {
        const Date rolled = frame_.calendars->working.roll_forward(date_of(*args[0], i));
        out.num[i] = checked(rolled.is_supported() ? std::optional<Date>(rolled) : std::nullopt, expr).days();
        break;
      }
      case BuiltinFunction::kWeeksIn: {
        // ISO weeks whose Monday falls in the period (DOM-S3: "每月四期").
        Period period = period_of(*args[0], i);
        Date first = period.first_day();
        int offset = (7 + static_cast<int>(Weekday::kMonday) - static_cast<int>(first.weekday())) % 7;
        int64_t span = period.last_day() - (first + offset);
        out.num[i] = span < 0 ? 0 : span / 7 + 1;
        break;
      }
      case BuiltinFunction::kYearShare: {
        // Annual targets are paced linearly: by the end of March a target of
        // 500 expects 500 × 90/365 (DESIGN.md "annual targets with pacing").
        Period period = period_of(*args[0], i);
        Date end = period.last_day();
        Date january_first = Date::from_ymd(end.year(), 1, 1);
        int32_t days_in_year = Date::from_ymd(end.year() + 1, 1, 1) - january_first;
        out.set_number(i, make_rational(end - january_first + 1, days_in_year));
        break;
      }
      case BuiltinFunction::kYear:
        out.num[i] =
            args[0]->type == Type::kPeriod ? period_of(*args[0], i).year() : date_of(*args[0], i).year();
        break;
      case BuiltinFunction::kMonth: out.num[i] = date_of(*args[0], i).month(); break;
      case BuiltinFunction::kAge: {
        Date birth = date_of(*args[0], i);
        Date at = date_of(*args[1], i);
        int years = at.year() - birth.year();
        if (at.month() < birth.month() || (at.month() == birth.month() && at.day() < birth.day())) --years;
        out.num[i] = years;
        break;
      }
      case BuiltinFunction::kDaysBetween: out.num[i] = args[1]->num[i] - args[0]->num[i]; break;
      default: break;
    }
  }
}

// abs, min and max of numbers, item by item: null when any argument is.
void ExpressionEvaluator::number_call(const BoundExpr& expr, const std::vector<Scratch>& args, Vec& out) {
  for (std::size_t i = 0; i < frame_.size; ++i) {
    if (args[0]->is_null(i) || (args.size() > 1 && args[1]->is_null(i))) {
      out.set_null(i);
      continue;
    }
    switch (expr.function) {
      case BuiltinFunction::kAbs: {
        Rational value = args[0]->number(i);
        out.set_number(i, value.numerator < 0 ? negate(value) : value);
        break;
      }
      case BuiltinFunction::kMin2:
      case BuiltinFunction::kMax2: {
        int order = compare(args[0]->number(i), args[1]->number(i));
        bool first = expr.function == BuiltinFunction::kMin2 ? order <= 0 : order >= 0;
        out.set_number(i, first ? args[0]->number(i) : args[1]->number(i));
        break;
      }
      default: break;
    }
  }
}

}  // namespace cadence::expression
