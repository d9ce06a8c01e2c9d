// Aggregate binding, in the order a reader checks a call: the target, then
// over:, window:, the row context it is written in, where:, and last the
// canonical text under which the aggregate table shares it.
#include "engine/lang/binder_internal.h"

#include "engine/core/status.h"

namespace cadence::lang {

namespace {

const NamedArg* named(const Expr& call, std::string_view name) {
  for (const auto& arg : call.named) {
    if (arg.name == name) return &arg;
  }
  return nullptr;
}

class AggregateBinder {
 public:
  AggregateBinder(const Expr& expr, AggregateFunction function, BindEnvironment& environment, BinderHost& host,
                  Diagnostics& diagnostics)
      : expr_(expr),
        name_(expr.path[0]),
        function_(function),
        environment_(environment),
        host_(host),
        diagnostics_(diagnostics) {}

  BoundPtr run() {
    if (!resolve_target()) return nullptr;
    CADENCE_ASSERT(set_ != nullptr);
    read_over();
    read_window();
    if (!check_row_context()) return nullptr;
    bind_where();
    spec_.canonical = canonical(spec_.over);
    if (spec_.over == Over::kSubtree) spec_.per_org_canonical = canonical(Over::kSelf);
    return register_aggregate();
  }

 private:
  // The record set and column the aggregate reads, checked against the
  // function: false after reporting an error.
  bool resolve_target() {
    if (expr_.operands.size() != 1) {
      host_.error(expr_.span, name_ + "() takes one record set or column, then where:, over:, window:");
      return false;
    }
    const Expr& target = *expr_.operands[0];
    set_ = target.kind == ExprKind::kName ? environment_.schema->find(target.path[0]) : nullptr;
    if (set_ == nullptr) {
      std::string what = target.kind == ExprKind::kName ? quoted(target.path[0]) : std::string("this");
      host_.error(target.span, name_ + "() aggregates a record set: " + what + " is not one");
      return false;
    }
    spec_.function = function_;
    spec_.record_set = set_->name;
    spec_.span = expr_.span;
    if (target.path.size() > 2) {
      host_.error(target.span, "write record_set.column, e.g. study.learners");
      return false;
    }
    if (target.path.size() == 2) {
      spec_.column = set_->column_index(target.path[1]);
      if (spec_.column < 0) {
        host_.error(target.span, "unknown column " + quoted(target.path[1]) + " in record set " + quoted(set_->name));
        return false;
      }
      spec_.column_type = type_of_column(set_->columns[static_cast<std::size_t>(spec_.column)].type);
    }
    return check_column(target);
  }

  bool check_column(const Expr& target) {
    const AggregateFunction function = function_;
    bool needs_column = function == AggregateFunction::kSum || function == AggregateFunction::kMin ||
                        function == AggregateFunction::kMax || function == AggregateFunction::kAvg ||
                        function == AggregateFunction::kCountDistinct;
    if (needs_column && spec_.column < 0) {
      host_.error(target.span, name_ + "() needs a column, e.g. " + name_ + "(" + set_->name + ".<column>)");
      return false;
    }
    bool numeric = function == AggregateFunction::kSum || function == AggregateFunction::kAvg;
    if (numeric && spec_.column_type != Type::kNumber) {
      host_.error(target.span, name_ + "() needs a numeric column; " + target.dotted_name() + " is " +
                                   std::string(to_string(spec_.column_type)));
      return false;
    }
    if ((function == AggregateFunction::kMin || function == AggregateFunction::kMax) &&
        spec_.column_type != Type::kNumber && spec_.column_type != Type::kDate) {
      host_.error(target.span, name_ + "() needs a number or date column");
      return false;
    }
    return true;
  }

  // over: self (default) or subtree.
  void read_over() {
    if (const NamedArg* over = named(expr_, "over")) {
      const Expr& value = *over->value;
      bool is_name = value.kind == ExprKind::kName && value.path.size() == 1;
      if (is_name && value.path[0] == "subtree") {
        spec_.over = Over::kSubtree;
      } else if (is_name && value.path[0] == "self") {
        spec_.over = Over::kSelf;
      } else {
        host_.error(value.span, "over: must be self or subtree");
      }
    }
    if (spec_.over == Over::kSubtree && set_->org_column.empty()) {
      host_.error(expr_.span,
                  "record set " + quoted(set_->name) + " has no org column, so it cannot be pooled over a subtree");
    }
    if (spec_.over == Over::kSubtree && function_ == AggregateFunction::kCountDistinct) {
      host_.error(expr_.span, "count_distinct() over a subtree is not supported; pool counts with sum or count");
    }
  }

  // window: period (default), year_to_date, all or last <n> <unit>; a
  // record set without a time column is read whole.
  void read_window() {
    if (const NamedArg* window = named(expr_, "window")) {
      const Expr& value = *window->value;
      bool is_name = value.kind == ExprKind::kName && value.path.size() == 1;
      if (value.kind == ExprKind::kLastWindow) {
        spec_.window.kind = WindowKind::kLast;
        spec_.window.length = value.literal.duration;
        if (spec_.window.length.unit == DurationUnit::kWorkingDay || spec_.window.length.count < 1) {
          host_.error(value.span, "a rolling window is a positive number of days, weeks, months, quarters or years");
        }
      } else if (is_name && value.path[0] == "period") {
        spec_.window.kind = WindowKind::kPeriod;
      } else if (is_name && value.path[0] == "year_to_date") {
        spec_.window.kind = WindowKind::kYearToDate;
      } else if (is_name && value.path[0] == "all") {
        spec_.window.kind = WindowKind::kAll;
      } else {
        host_.error(value.span, "window: must be period, year_to_date, all or last <n> <unit>");
      }
    }
    bool timeless = set_->time_column.empty();
    if (timeless && named(expr_, "window") != nullptr && spec_.window.kind != WindowKind::kAll) {
      diagnostics_.warning(named(expr_, "window")->value->span,
                           "record set " + quoted(set_->name) + " has no time column: the window is ignored");
    }
    if (timeless) spec_.window.kind = WindowKind::kAll;
  }

  // Row context: a member-correlated aggregate inside a members filter.
  bool check_row_context() {
    const RecordSetSchema* outer = host_.row_set();
    if (outer == nullptr) return true;
    if (outer->name == kMembersRecordSet && !set_->member_column.empty()) {
      // A member's own rows are read over all time: a window written here
      // would be silently ignored, so it is refused (rules/README.md
      // "Refused forms"); a date condition in where: says what is meant.
      const NamedArg* window = named(expr_, "window");
      if (window != nullptr && spec_.window.kind != WindowKind::kAll && !set_->time_column.empty()) {
        const ColumnSchema* time = set_->column(set_->time_column);
        const std::string by_date = time != nullptr && time->type == ColumnType::kDate
                                        ? "within(" + set_->time_column + ", period)"
                                        : set_->time_column + " == period";
        host_.error(window->value->span,
                    "window: is not applied inside a filter over members: " + name_ + "() reads each member's " +
                        quoted(set_->name) + " rows over all time; select them by date in where: instead, e.g. " +
                        "where: " + by_date + ", or write window: all");
        return false;
      }
      spec_.per_member = true;
      spec_.window.kind = WindowKind::kAll;
    } else if (set_->org_column.empty()) {
      host_.error(expr_.span,
                  "an aggregate inside a filter must be over a record set with an org column or a member column");
      return false;
    }
    return true;
  }

  // where: a condition on the record set's rows; then whether the value
  // depends on the period at all.
  void bind_where() {
    if (const NamedArg* where = named(expr_, "where")) {
      spec_.filter = host_.bind_filter(*where->value, *set_);
      if (spec_.filter->type != Type::kBool && spec_.filter->type != Type::kNull) {
        host_.error(where->value->span,
                    "where: needs a condition (bool), got " + std::string(to_string(spec_.filter->type)));
      }
    }
    bool filter_uses_period = spec_.filter != nullptr && spec_.filter->depends_on_period;
    if (filter_uses_period &&
        (spec_.window.kind == WindowKind::kLast || spec_.window.kind == WindowKind::kYearToDate)) {
      host_.error(named(expr_, "where")->value->span,
                  "a filter that uses the period cannot be combined with a rolling or year-to-date window");
    }
    spec_.snapshot = spec_.window.kind == WindowKind::kAll && !filter_uses_period;
  }

  // The text under which the aggregate table shares equal aggregates.
  std::string canonical(Over over) const {
    std::string canonical = std::string(to_string(function_)) + "(" + set_->name;
    if (spec_.column >= 0) canonical += "." + set_->columns[static_cast<std::size_t>(spec_.column)].name;
    if (spec_.filter) canonical += ", where: " + to_string(*spec_.filter);
    if (over == Over::kSubtree) canonical += ", over: subtree";
    static const char* const kUnits[] = {"days", "working days", "weeks", "months", "quarters", "years"};
    switch (spec_.window.kind) {
      case WindowKind::kPeriod: break;
      case WindowKind::kAll: canonical += ", window: all"; break;
      case WindowKind::kYearToDate: canonical += ", window: year_to_date"; break;
      case WindowKind::kLast:
        canonical += ", window: last " + std::to_string(spec_.window.length.count) + " " +
                     kUnits[static_cast<int>(spec_.window.length.unit)];
        break;
    }
    if (spec_.per_member) canonical += ", per member";
    return canonical + ")";
  }

  BoundPtr register_aggregate() {
    bool depends_on_period = !spec_.snapshot;
    bool per_member = spec_.per_member;
    Type result = Type::kNumber;
    if (function_ == AggregateFunction::kExists) result = Type::kBool;
    if ((function_ == AggregateFunction::kMin || function_ == AggregateFunction::kMax)) result = spec_.column_type;
    if (host_.failed()) return nullptr;
    int index = environment_.aggregates->add(std::move(spec_));
    auto node = make(per_member ? BoundKind::kRowAggregate : BoundKind::kAggregate, result, expr_.span);
    node->payload_as<AggregateRef>().aggregate = index;
    node->depends_on_period = depends_on_period;
    return node;
  }

  const Expr& expr_;
  const std::string& name_;
  const AggregateFunction function_;
  BindEnvironment& environment_;
  BinderHost& host_;
  Diagnostics& diagnostics_;
  const RecordSetSchema* set_ = nullptr;
  AggregateSpec spec_;
};

}  // namespace

BoundPtr bind_aggregate(const Expr& expr, AggregateFunction function, BindEnvironment& environment,
                        BinderHost& host, Diagnostics& diagnostics) {
  return AggregateBinder(expr, function, environment, host, diagnostics).run();
}

}  // namespace cadence::lang
