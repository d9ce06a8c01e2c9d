// The event calendars' builtins (the pack's `calendars: events:` and those
// drawn from a record set column):
//   is_event(episodes)           is the current period one of the calendar's
//   in_calendar(week, episodes)  is the period one of them (a date: in one of them)
//   count_in(episodes, period)   how many of them start inside the period
#include "engine/calendar/event_calendar.h"

#include <algorithm>
#include <optional>

#include "engine/lang/binder_internal.h"
#include "engine/lang/builtins/kernel.h"

namespace cadence::lang {
namespace {

// The argument naming an event calendar (`episodes` or "episodes"), or
// nullopt after reporting the error. `example` shows the call written right.
std::optional<CalendarReference> event_calendar(const Expr& arg, std::string_view example, BinderHost& host) {
  std::string name;
  if (arg.kind == ExprKind::kName && arg.path.size() == 1) name = arg.path[0];
  if (arg.kind == ExprKind::kLiteral && arg.literal.kind == LiteralKind::kString) name = arg.literal.text;
  const auto& calendars = host.environment().event_calendars;
  std::string known = calendars.empty() ? std::string(" (the pack declares none under calendars: events:)")
                                        : " (known: " + join_names(calendars) + ")";
  if (name.empty()) {
    host.error(arg.span, "expected the name of an event calendar here, e.g. " + std::string(example) + known);
    return std::nullopt;
  }
  auto found = std::find(calendars.begin(), calendars.end(), name);
  if (found == calendars.end()) {
    host.error(arg.span, "unknown event calendar " + quoted(name) + known);
    return std::nullopt;
  }
  return CalendarReference{static_cast<int>(found - calendars.begin()), name};
}

std::optional<PeriodKind> event_calendar_kind(int calendar, BinderHost& host) {
  const auto& kinds = host.environment().event_calendar_kinds;
  if (calendar < 0 || static_cast<std::size_t>(calendar) >= kinds.size()) return std::nullopt;
  return kinds[static_cast<std::size_t>(calendar)];
}

// The kind of period an expression gives, where the text alone says it: a
// literal, `period` (the rule's cadence, in a filter too: the window is a
// period of the rule's cadence), a period column, period ± n.
std::optional<PeriodKind> static_period_kind(const BoundExpr& expr, BinderHost& host) {
  if (expr.type != Type::kPeriod) return std::nullopt;
  switch (expr.kind) {
    case BoundKind::kConstant: return expr.constant().period.kind();
    case BoundKind::kPeriod: return host.environment().cadence;
    case BoundKind::kRowColumn:
    case BoundKind::kOrgColumn: {
      const RecordSetSchema* set = expr.kind == BoundKind::kRowColumn
                                       ? host.row_set()
                                       : host.environment().schema->find(kOrgsRecordSet);
      if (set == nullptr) return std::nullopt;
      ColumnType type = set->columns[static_cast<std::size_t>(expr.column())].type;
      if (!is_period_type(type)) return std::nullopt;
      return period_kind_of(type);
    }
    case BoundKind::kBinary: return static_period_kind(*expr.operands[0], host);
    default: return std::nullopt;
  }
}

const EventCalendar& calendar_of(const BoundExpr& call, const CallFrame& frame) {
  return (*frame.events)[static_cast<std::size_t>(std::get<CalendarReference>(call.call()).calendar)];
}

// --- is_event ----------------------------------------------------------------
BoundPtr bind_is_event(const Expr& call, const Builtin& self, BinderHost& host) {
  check_named(call, {}, host);
  if (!check_arity(call, 1, host)) return host.poisoned(call.span);
  auto calendar = event_calendar(*call.operands[0], "is_event(episodes)", host);
  if (!calendar) return host.poisoned(call.span);
  auto node = call_node(call, self, Type::kBool, {});
  node->payload_as<CallNode>().data = std::move(*calendar);
  node->depends_on_period = true;
  return node;
}

void execute_is_event(const BoundExpr& call, CallFrame& frame, Vec& out) {
  out.reset(Type::kBool, frame.size);
  const EventCalendar& events = calendar_of(call, frame);
  for (std::size_t i = 0; i < frame.size; ++i) {
    out.num[i] = frame.period_slot(i) >= 0 && events.contains(frame.period(i)) ? 1 : 0;
  }
}

// --- in_calendar ---------------------------------------------------------------
// in_calendar(week, episodes): the period is one of the calendar's periods
// (same kind and the same period), or the date lies in one of them. Usable
// in a filter (the row's week) and in a rule (`period`, a let).
BoundPtr bind_in_calendar(const Expr& call, const Builtin& self, BinderHost& host) {
  check_named(call, {}, host);
  if (!check_arity(call, 2, host)) return host.poisoned(call.span);
  auto value = host.bind(*call.operands[0]);
  auto calendar = event_calendar(*call.operands[1], "in_calendar(week, episodes)", host);
  if (value->type != Type::kPeriod && value->type != Type::kDate && value->type != Type::kNull) {
    host.error(call.operands[0]->span,
               "in_calendar() expects a period or a date here, got " + std::string(to_string(value->type)));
    return host.poisoned(call.span);
  }
  if (!calendar) return host.poisoned(call.span);
  const std::string& name = calendar->name;
  std::optional<PeriodKind> held = event_calendar_kind(calendar->calendar, host);
  std::optional<PeriodKind> tested = static_period_kind(*value, host);
  if (held && tested && *held != *tested) {
    std::string message = "this is a " + std::string(to_string(*tested)) + " but " + quoted(name) +
                          " holds " + std::string(to_string(*held)) + "s, so in_calendar() would never hold";
    if (*tested > *held) {
      message += "; count_in(" + name + ", ...) counts its " + std::string(to_string(*held)) + "s in a " +
                 std::string(to_string(*tested));
    }
    host.error(call.operands[0]->span, message);
    return host.poisoned(call.span);
  }
  std::vector<BoundPtr> operands;
  operands.push_back(std::move(value));
  auto node = call_node(call, self, Type::kBool, std::move(operands));
  node->payload_as<CallNode>().data = std::move(*calendar);
  return node;
}

// A period is in the calendar when it is one of its periods (a month is
// never one of a calendar's weeks); a date when it lies in one of them. A
// null operand (an empty cell) gives null, which a filter treats as false.
void execute_in_calendar(const BoundExpr& call, CallFrame& frame, Vec& out) {
  const std::size_t n = frame.size;
  const Vec& value = frame.argument(0);
  out.reset(Type::kBool, n);
  if (value.type == Type::kNull) {
    out.null.assign(n, 1);
    return;
  }
  const EventCalendar& calendar = calendar_of(call, frame);
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
      found = calendar.contains(period_item(value, i));
    } else {
      Date date = date_item(value, i);
      for (PeriodKind kind : kinds) found = found || calendar.contains(Period::containing(kind, date));
    }
    out.num[i] = found ? 1 : 0;
  }
}

// --- count_in ------------------------------------------------------------------
// count_in(episodes, period): how many of the calendar's periods start
// inside the period — a week by its Monday, as weeks_in() counts (DOMAIN.md
// DOM-S3: the month's weeks are the ISO weeks whose Monday falls in it).
BoundPtr bind_count_in(const Expr& call, const Builtin& self, BinderHost& host) {
  check_named(call, {}, host);
  if (!check_arity(call, 2, host)) return host.poisoned(call.span);
  auto calendar = event_calendar(*call.operands[0], "count_in(episodes, period)", host);
  auto period = expect(*call.operands[1], Type::kPeriod, "count_in", host);
  if (!calendar) return host.poisoned(call.span);
  std::vector<BoundPtr> operands;
  operands.push_back(std::move(period));
  auto node = call_node(call, self, Type::kNumber, std::move(operands));
  node->payload_as<CallNode>().data = std::move(*calendar);
  return node;
}

// Items of a batch mostly share one period: the last count is kept.
void execute_count_in(const BoundExpr& call, CallFrame& frame, Vec& out) {
  const std::size_t n = frame.size;
  const Vec& period = frame.argument(0);
  out.reset(Type::kNumber, n);
  if (period.type == Type::kNull) {
    out.null.assign(n, 1);
    return;
  }
  const EventCalendar& calendar = calendar_of(call, frame);
  std::optional<int64_t> last_ordinal;
  int64_t last_count = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (period.is_null(i)) {
      out.set_null(i);
      continue;
    }
    if (!last_ordinal || *last_ordinal != period.num[i]) {
      Period within = period_item(period, i);
      last_count =
          std::count_if(calendar.periods().begin(), calendar.periods().end(),
                        [&within](const Period& event) { return within.contains(event.first_day()); });
      last_ordinal = period.num[i];
    }
    out.num[i] = last_count;
  }
}

const Builtin kIsEvent{.name = "is_event", .execute = execute_is_event, .bind = bind_is_event};
const Builtin kInCalendar{.name = "in_calendar", .execute = execute_in_calendar, .bind = bind_in_calendar};
const Builtin kCountIn{.name = "count_in", .execute = execute_count_in, .bind = bind_count_in};

}  // namespace

void register_event_calendar(BuiltinRegistry& registry) {
  registry.add(kIsEvent);
  registry.add(kInCalendar);
  registry.add(kCountIn);
}

}  // namespace cadence::lang
