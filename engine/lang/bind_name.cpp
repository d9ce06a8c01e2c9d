// Binding a name: a column of the filter's record set, the rule's value,
// `period`, a let, org.<attribute> or period.<field>; and the errors that
// say what a name could not be (a record set outside an aggregate, a let
// inside a filter).
#include <utility>

#include "engine/lang/binder_internal.h"

namespace cadence::lang {

Type type_of_column(ColumnType type) {
  switch (type) {
    case ColumnType::kInteger:
    case ColumnType::kNumber: return Type::kNumber;
    case ColumnType::kText:
    case ColumnType::kEnum: return Type::kText;
    case ColumnType::kDate: return Type::kDate;
    case ColumnType::kWeek:
    case ColumnType::kMonth:
    case ColumnType::kQuarter:
    case ColumnType::kYear: return Type::kPeriod;
    case ColumnType::kBool: return Type::kBool;
  }
  return Type::kNull;
}

namespace {

class NameBinder {
 public:
  NameBinder(BindEnvironment& environment, BinderHost& host, Diagnostics& diagnostics)
      : environment_(environment), host_(host), diagnostics_(diagnostics) {}

  BoundPtr bind(const Expr& expr) {
    const auto& path = expr.path;
    const Schema& schema = *environment_.schema;
    const RecordSetSchema* current = host_.row_set();
    if (path.size() == 1) {
      const std::string& name = path[0];
      if (current != nullptr) {
        int column = current->column_index(name);
        if (column >= 0) {
          warn_if_shadowing(expr, *current);
          return row_column(expr, *current, column);
        }
      }
      if (name == "value" && environment_.value_visible) {
        if (current != nullptr) {
          // Filters run per row, before the rule has a value (and a row frame
          // has no let slots to read it from).
          host_.error(expr.span, "the rule's value cannot be used inside a filter over " + quoted(current->name) +
                               "; filters see the record set's columns, org.* and period.*");
          return nullptr;
        }
        auto node = make(BoundKind::kLet, environment_.value_type, expr.span);
        node->payload_as<LetRef>().slot = environment_.value_slot;
        node->depends_on_period = true;
        return node;
      }
      if (name == "period") {
        auto node = make(BoundKind::kPeriod, Type::kPeriod, expr.span);
        node->depends_on_period = true;
        return node;
      }
      for (std::size_t slot = 0; slot < environment_.lets.size(); ++slot) {
        const LetInfo& let = environment_.lets[slot];
        if (let.name != name) continue;
        if (current != nullptr) {
          host_.error(expr.span, "let " + quoted(name) + " cannot be used inside a filter over " +
                               quoted(current->name) + "; filters see the record set's columns, org.* and period.*");
          return nullptr;
        }
        auto node = make(BoundKind::kLet, let.type, expr.span);
        node->payload_as<LetRef>().slot = static_cast<int>(slot);
        node->depends_on_period = let.depends_on_period;
        return node;
      }
      if (schema.find(name) != nullptr) {
        host_.error(expr.span, "record set " + quoted(name) + " can only be used inside an aggregate, e.g. count(" +
                             name + ")");
        return nullptr;
      }
      std::string message = "unknown name " + quoted(name);
      if (current != nullptr) {
        std::vector<std::string> columns;
        for (const auto& column : current->columns) columns.push_back(column.name);
        message += " (columns of " + current->name + ": " + join_names(columns) + ")";
      } else if (name == "value") {
        message += " ('value' is visible in fail, warn and message only)";
      }
      host_.error(expr.span, message);
      return nullptr;
    }
    if (path[0] == "org") return bind_org_attribute(expr);
    if (path[0] == "period") return bind_period_field(expr);
    if (current != nullptr && path.size() == 2 && path[0] == current->name) {
      int column = current->column_index(path[1]);
      if (column >= 0) return row_column(expr, *current, column);
      host_.error(expr.span, "unknown column " + quoted(path[1]) + " in record set " + quoted(current->name));
      return nullptr;
    }
    if (const RecordSetSchema* set = schema.find(path[0]); set != nullptr && path.size() == 2) {
      if (set->column_index(path[1]) < 0) {
        host_.error(expr.span, "unknown column " + quoted(path[1]) + " in record set " + quoted(set->name));
      } else {
        host_.error(expr.span, "column " + quoted(expr.dotted_name()) +
                             " can only be used inside an aggregate, e.g. sum(" + expr.dotted_name() + ")");
      }
      return nullptr;
    }
    host_.error(expr.span, "unknown name " + quoted(expr.dotted_name()));
    return nullptr;
  }

  // A bare column name inside a filter wins over a built-in name spelled the
  // same (`period`, the rule's `value`, `org`): say so where it happens, and
  // how to reach each of the two. The qualified form (notices.period) is
  // silent: it can only mean the column.
  void warn_if_shadowing(const Expr& expr, const RecordSetSchema& set) {
    const std::string& name = expr.path[0];
    const std::string qualified = set.name + "." + name;
    std::string hidden;
    std::string other;
    if (name == "period") {
      hidden = "the audited period";
      other = "the audited period itself cannot be named inside this filter (period.start, period.end, "
              "period.index and period.year still mean it)";
    } else if (name == "value" && environment_.value_visible) {
      hidden = "the rule's value";
      other = "the rule's value cannot be used inside a filter";
    } else if (name == "org") {
      other = "org.<attribute> still means the row's org (org.id, org.kind, ...)";
    } else {
      return;
    }
    diagnostics_.warning(expr.span, quoted(name) + " here is the column " + qualified +
                                        (hidden.empty() ? std::string() : ", not " + hidden) +
                                        ": a column hides the name inside a filter over " + set.name +
                                        ". Write " + qualified + " to say so; " + other);
  }

  BoundPtr row_column(const Expr& expr, const RecordSetSchema& set, int column) {
    auto node = make(BoundKind::kRowColumn, type_of_column(set.columns[static_cast<std::size_t>(column)].type),
                     expr.span);
    node->payload_as<ColumnRef>().column = column;
    // A row's values are the same whichever period asks; the period a row
    // belongs to is a property of the window, not of the column.
    return node;
  }

  BoundPtr bind_org_attribute(const Expr& expr) {
    const auto& path = expr.path;
    if (path.size() != 2) {
      host_.error(expr.span, "write org.<attribute>, e.g. org.kind");
      return nullptr;
    }
    if (path[1] == "depth") return make(BoundKind::kOrgDepth, Type::kNumber, expr.span);
    const RecordSetSchema* orgs = environment_.schema->find(kOrgsRecordSet);
    int column = orgs == nullptr ? -1 : orgs->column_index(path[1]);
    if (column < 0) {
      std::vector<std::string> names{"depth"};
      if (orgs != nullptr) {
        for (const auto& c : orgs->columns) names.push_back(c.name);
      }
      host_.error(expr.span, "unknown org attribute " + quoted(path[1]) + " (known: " + join_names(names) + ")");
      return nullptr;
    }
    auto node = make(BoundKind::kOrgColumn, type_of_column(orgs->columns[static_cast<std::size_t>(column)].type),
                     expr.span);
    node->payload_as<ColumnRef>().column = column;
    return node;
  }

  // period.start, .end, .index, .year: builtins reached by a name
  // (engine/lang/builtins/period_part.cpp).
  BoundPtr bind_period_field(const Expr& expr) {
    const auto& path = expr.path;
    const Builtin* field = path.size() == 2 ? builtins().find("period." + path[1]) : nullptr;
    if (field != nullptr) {
      auto node = make(BoundKind::kCall, field->result, expr.span);
      node->payload_as<CallNode>().builtin = field;
      node->depends_on_period = true;
      return node;
    }
    host_.error(expr.span, "unknown period field " + quoted(expr.dotted_name()) +
                         " (known: period.start, period.end, period.index, period.year)");
    return nullptr;
  }

 private:
  BindEnvironment& environment_;
  BinderHost& host_;
  Diagnostics& diagnostics_;
};

}  // namespace

BoundPtr bind_name(const Expr& expr, BindEnvironment& environment, BinderHost& host, Diagnostics& diagnostics) {
  return NameBinder(environment, host, diagnostics).bind(expr);
}

}  // namespace cadence::lang
