// The builtin functions of the rule language as a registry (DuckDB's scalar
// function catalog with its execute_*.cpp files): one entry per builtin,
// holding its binding (arity, argument types, diagnostics with positions)
// and its execution over a batch. The entries live in engine/lang/builtins/,
// one file per builtin or per small family; a file there registers its
// entries in `register_<file name>(BuiltinRegistry&)`, which the build finds
// by the file name (engine/lang/CMakeLists.txt), so adding a builtin is
// adding one file (and its test, tests/engine/lang/builtins/).
//
// The binder (binder.cpp, bind_name.cpp) looks builtins up here and calls
// their `bind`; the bound call node points at its entry, and the evaluator
// (engine/eval/evaluate_call.cpp) calls its `execute` through a CallFrame.
// Execution works on the evaluator's batch vectors (engine/eval/vector.h,
// header-only, which knows no more than bound.h and rational.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/calendar/date.h"
#include "engine/calendar/period.h"
#include "engine/lang/ast.h"
#include "engine/lang/bound.h"

namespace cadence {
struct Vec;
class WorkingCalendar;
class EventCalendar;
}  // namespace cadence

namespace cadence::lang {

class BinderHost;
class CallFrame;

struct Builtin {
  // As written: `ratio`; `period.start` for a builtin reached by a name.
  std::string_view name;
  // Evaluates the call for every item of the frame into `out`.
  void (*execute)(const BoundExpr& call, CallFrame& frame, Vec& out) = nullptr;
  // The signature most builtins have (DuckDB's ScalarFunction): these
  // argument types, no named arguments, this result; bind_fixed() checks a
  // call against it.
  std::vector<Type> arguments{};
  Type result = Type::kNull;
  // A binding of its own instead, for a builtin with named arguments, a
  // type that follows its arguments or an argument naming a rule or a
  // calendar: checks the call, reporting each problem at its text through
  // the host, and returns the call node (call_node, binder_internal.h) with
  // its payload, or null / a poisoned node after an error.
  BoundPtr (*bind)(const Expr& call, const Builtin& self, BinderHost& host) = nullptr;
  // False for a builtin reached by a name, not by a call (period.start).
  bool callable = true;

  bool is(std::string_view other) const { return name == other; }
};

// The registered builtins, found by name. Filled once, before first use
// (thread-safe); entries live as long as the program.
class BuiltinRegistry {
 public:
  void add(const Builtin& builtin);
  const Builtin* find(std::string_view name) const;
  const std::vector<const Builtin*>& all() const { return entries_; }

 private:
  std::vector<const Builtin*> entries_;
};

const BuiltinRegistry& builtins();
// The builtin of that name; aborts when there is none (a bug: callers name
// builtins that engine/lang/builtins/ defines).
const Builtin& builtin(std::string_view name);

// What a builtin's execution sees of the evaluator: the batch's size and
// periods, the calendars, the call's arguments and other rules' results.
// The evaluator (engine/eval/evaluate_call.cpp) implements it.
class CallFrame {
 public:
  std::size_t size = 0;
  const int32_t* period_slots = nullptr;  // per item index into *periods; null = scalar_period_slot
  int32_t scalar_period_slot = 0;
  const std::vector<Period>* periods = nullptr;
  const WorkingCalendar* working = nullptr;
  const std::vector<EventCalendar>* events = nullptr;

  int32_t period_slot(std::size_t i) const {
    return period_slots != nullptr ? period_slots[i] : scalar_period_slot;
  }
  const Period& period(std::size_t i) const { return (*periods)[static_cast<std::size_t>(period_slot(i))]; }

  // Operand k of the call, evaluated over the batch (a let is read in
  // place); valid until execute returns.
  virtual const Vec& argument(std::size_t k) = 0;
  // failed(), streak(), value(): another rule's results for the batch.
  virtual void rule_result(const BoundExpr& call, Vec& out) = 0;
  // Calendar arithmetic whose result leaves the supported dates: throws
  // CalendarRangeError at the call (engine/eval/expression_evaluator.h).
  [[noreturn]] virtual void out_of_range(const BoundExpr& call, std::string_view result) = 0;

  // The date, or out_of_range(call, "a date") when there is none.
  Date checked(std::optional<Date> date, const BoundExpr& call) {
    if (!date) out_of_range(call, "a date");
    return *date;
  }

 protected:
  ~CallFrame() = default;
};

// Binding helpers for the builtins' files, reporting through the host.
//
// Named arguments other than `allowed` are errors at their names.
void check_named(const Expr& call, std::initializer_list<std::string_view> allowed, BinderHost& host);
// False (after an error at the call) when the call has not `count` operands.
bool check_arity(const Expr& call, std::size_t count, BinderHost& host);
// Binds the argument; an error at it when its type is not `type` (or null).
BoundPtr expect(const Expr& arg, Type type, const std::string& function, BinderHost& host);
// A call checked against the builtin's signature (Builtin::arguments and
// result): no named arguments, the arity, each argument's type.
BoundPtr bind_fixed(const Expr& call, const Builtin& self, BinderHost& host);
// A call of the builtin: its own bind, or bind_fixed.
BoundPtr bind_call(const Expr& call, const Builtin& self, BinderHost& host);

}  // namespace cadence::lang
