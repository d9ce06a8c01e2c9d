#include "engine/eval/row_filter.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "engine/eval/aggregator.h"
#include "engine/eval/rational.h"
#include "engine/lang/builtin.h"

namespace cadence {

using lang::BinaryOp;
using lang::BoundExpr;
using lang::BoundKind;
using lang::Type;

struct RowFilter::Node {
  enum class Kind : uint8_t {
    kCodeEquals,  // a text or enum column (==, !=) one text: its dictionary code
    kCodeSet,     // a text or enum column in (or not in) a list: accepted codes
    kCompare,     // an integer, date, period or bool column against a constant or the slot's period bound
    kWithin,      // a date column within the slot's period
    kMember,      // a member-correlated exists() at the row's member
    kAnd,
    kOr,
  };
  Kind kind = Kind::kAnd;
  BinaryOp op = BinaryOp::kEqual;
  const int32_t* codes = nullptr;     // date days, period ordinals, bools, dictionary codes
  const int64_t* integers = nullptr;  // integer columns (codes is then null)
  const uint8_t* nulls = nullptr;     // null when the column has no nulls
  int32_t code = -1;                  // kCodeEquals: the text's code (−1: never occurs)
  bool equal = true;                  // kCodeEquals: == (or !=)
  std::vector<uint8_t> accepted;      // kCodeSet: by dictionary code
  int64_t numerator = 0;              // kCompare with a constant: numerator / denominator
  int64_t denominator = 1;
  std::vector<int64_t> by_slot;  // kCompare with a period bound: the day per slot
  std::vector<int32_t> first;    // kWithin: the slot's period's first and last day
  std::vector<int32_t> last;
  int member = -1;                                        // kMember: the aggregate
  mutable std::vector<const AggregateValues*> looked_up;  // kMember: by slot + 1
  std::vector<Node> children;                             // kAnd, kOr
  mutable std::vector<uint8_t> scratch;                   // kAnd, kOr: a child's mask
};

namespace {

using Node = RowFilter::Node;

// The column's arrays in a node.
void read_column(const Column& column, Node& node) {
  if (column.type() == ColumnType::kInteger) {
    node.integers = column.integers().data();
  } else {
    node.codes = column.codes().data();
  }
  if (column.has_nulls()) node.nulls = column.nulls().data();
}

bool is_text(ColumnType type) {
  return type == ColumnType::kText || type == ColumnType::kEnum;
}

struct Compiler {
  const RecordSet& set;
  const std::vector<Period>* periods;

  const Column* row_column(const BoundExpr& expr) const {
    if (expr.kind != BoundKind::kRowColumn || expr.column() < 0) return nullptr;
    return &set.column(static_cast<std::size_t>(expr.column()));
  }

  std::optional<Node> compile(const BoundExpr& expr) const {
    switch (expr.kind) {
      case BoundKind::kBinary:
        if (expr.binary_op() == BinaryOp::kAnd || expr.binary_op() == BinaryOp::kOr) return junction(expr);
        if (lang::is_comparison(expr.binary_op())) return comparison(expr);
        return std::nullopt;
      case BoundKind::kIn: return membership(expr);
      case BoundKind::kCall:
        if (expr.builtin().is("within")) return within(expr);
        return std::nullopt;
      case BoundKind::kRowAggregate: {
        if (expr.type != Type::kBool) return std::nullopt;
        Node node;
        node.kind = Node::Kind::kMember;
        node.member = expr.aggregate();
        node.looked_up.assign((periods != nullptr ? periods->size() : 0) + 1, nullptr);
        return node;
      }
      case BoundKind::kRowColumn: {
        // A bool column on its own: true where it is 1.
        const Column* column = row_column(expr);
        if (column == nullptr || column->type() != ColumnType::kBool) return std::nullopt;
        Node node;
        node.kind = Node::Kind::kCompare;
        node.op = BinaryOp::kNotEqual;
        read_column(*column, node);
        return node;
      }
      default: return std::nullopt;
    }
  }

  std::optional<Node> junction(const BoundExpr& expr) const {
    Node node;
    node.kind = expr.binary_op() == BinaryOp::kAnd ? Node::Kind::kAnd : Node::Kind::kOr;
    for (const auto& operand : expr.operands) {
      auto child = compile(*operand);
      if (!child) return std::nullopt;
      node.children.push_back(std::move(*child));
    }
    return node;
  }

  std::optional<Node> comparison(const BoundExpr& expr) const {
    const BoundExpr* column_side = expr.operands[0].get();
    const BoundExpr* other = expr.operands[1].get();
    BinaryOp op = expr.binary_op();
    if (column_side->kind != BoundKind::kRowColumn) {
      std::swap(column_side, other);
      op = lang::swapped(op);
    }
    const Column* column = row_column(*column_side);
    if (column == nullptr) return std::nullopt;
    Node node;
    node.op = op;
    read_column(*column, node);
    const ColumnType type = column->type();
    if (other->kind == BoundKind::kConstant) {
      const lang::Constant& constant = other->constant();
      if (is_text(type) && constant.type == Type::kText &&
          (op == BinaryOp::kEqual || op == BinaryOp::kNotEqual)) {
        node.kind = Node::Kind::kCodeEquals;
        node.code = column->dictionary().find(constant.text);
        node.equal = op == BinaryOp::kEqual;
        return node;
      }
      node.kind = Node::Kind::kCompare;
      if (type == ColumnType::kInteger && constant.type == Type::kNumber) {
        node.numerator = constant.number.numerator;
        node.denominator = constant.number.denominator;
        return node;
      }
      if (type == ColumnType::kDate && constant.type == Type::kDate) {
        node.numerator = constant.date.days();
        return node;
      }
      if (is_period_type(type) && constant.type == Type::kPeriod) {
        node.numerator = constant.period.ordinal();
        return node;
      }
      if (type == ColumnType::kBool && constant.type == Type::kBool) {
        node.numerator = constant.number.numerator;
        return node;
      }
      return std::nullopt;
    }
    // `completed_on <= period.end`: the bound of the row's period.
    bool bound =
        other->kind == BoundKind::kCall && other->operands.empty() &&
        (other->builtin().is("period.start") || other->builtin().is("period.end"));
    if (!bound || type != ColumnType::kDate || periods == nullptr) return std::nullopt;
    node.kind = Node::Kind::kCompare;
    for (const Period& period : *periods) {
      node.by_slot.push_back(other->builtin().is("period.start") ? period.first_day().days()
                                                                 : period.last_day().days());
    }
    return node;
  }

  std::optional<Node> membership(const BoundExpr& expr) const {
    const Column* column = row_column(*expr.operands[0]);
    if (column == nullptr || !is_text(column->type())) return std::nullopt;
    const Dictionary& dictionary = column->dictionary();
    // One comparison per distinct text: enums and short lists of kinds, not
    // a text column of ids.
    constexpr int32_t kMostTexts = 1 << 16;
    if (dictionary.size() > kMostTexts) return std::nullopt;
    for (const auto& item : expr.list()) {
      if (item.type != Type::kText) return std::nullopt;
    }
    Node node;
    node.kind = Node::Kind::kCodeSet;
    read_column(*column, node);
    // Null rows hold code 0, so code 0 has an entry even in an empty
    // dictionary (a column of nulls); the null mask then clears those rows.
    node.accepted.assign(std::max<std::size_t>(static_cast<std::size_t>(dictionary.size()), 1), 0);
    for (int32_t code = 0; code < dictionary.size(); ++code) {
      const std::string_view text = dictionary.view(code);
      bool found = std::any_of(expr.list().begin(), expr.list().end(),
                               [&](const lang::Constant& item) { return item.text == text; });
      node.accepted[static_cast<std::size_t>(code)] = found != expr.negated() ? 1 : 0;
    }
    return node;
  }

  std::optional<Node> within(const BoundExpr& expr) const {
    const Column* column = row_column(*expr.operands[0]);
    if (column == nullptr || column->type() != ColumnType::kDate ||
        expr.operands[1]->kind != BoundKind::kPeriod || periods == nullptr) {
      return std::nullopt;
    }
    Node node;
    node.kind = Node::Kind::kWithin;
    read_column(*column, node);
    for (const Period& period : *periods) {
      node.first.push_back(period.first_day().days());
      node.last.push_back(period.last_day().days());
    }
    return node;
  }
};

}  // namespace

RowFilter::RowFilter(std::unique_ptr<Node> root, MemberValues member_values, bool reads_period)
    : root_(std::move(root)), member_values_(std::move(member_values)), reads_period_(reads_period) {}

RowFilter::~RowFilter() = default;

std::unique_ptr<RowFilter> RowFilter::compile(const BoundExpr& filter, const RecordSet& set,
                                              const std::vector<Period>* periods,
                                              MemberValues member_values) {
  auto root = Compiler{set, periods}.compile(filter);
  if (!root) return nullptr;
  return std::make_unique<RowFilter>(std::make_unique<Node>(std::move(*root)), std::move(member_values),
                                     filter.depends_on_period);
}

namespace {

// mask[i] = op(value(i), bound(i)) for every row, one loop per operator.
template <typename Value, typename Bound>
void fill(BinaryOp op, std::size_t count, Value value, Bound bound, uint8_t* mask) {
  switch (op) {
    case BinaryOp::kEqual:
      for (std::size_t i = 0; i < count; ++i) mask[i] = value(i) == bound(i);
      break;
    case BinaryOp::kNotEqual:
      for (std::size_t i = 0; i < count; ++i) mask[i] = value(i) != bound(i);
      break;
    case BinaryOp::kLess:
      for (std::size_t i = 0; i < count; ++i) mask[i] = value(i) < bound(i);
      break;
    case BinaryOp::kLessEqual:
      for (std::size_t i = 0; i < count; ++i) mask[i] = value(i) <= bound(i);
      break;
    case BinaryOp::kGreater:
      for (std::size_t i = 0; i < count; ++i) mask[i] = value(i) > bound(i);
      break;
    case BinaryOp::kGreaterEqual:
      for (std::size_t i = 0; i < count; ++i) mask[i] = value(i) >= bound(i);
      break;
    default: std::fill(mask, mask + count, uint8_t{0}); break;
  }
}

}  // namespace

void RowFilter::select(std::size_t first, std::size_t count, const int32_t* slots, int32_t scalar_slot,
                       uint8_t* mask) const {
  select(*root_, first, count, slots, scalar_slot, mask);
}

// A member's aggregate as a condition: true where its value is non-zero.
void RowFilter::select_member(const Node& node, std::size_t first, std::size_t count, const int32_t* slots,
                              int32_t scalar_slot, uint8_t* mask) const {
  // The values of the batch's one slot, looked up once; per row otherwise.
  auto values_for = [&](int32_t slot) -> const AggregateValues& {
    const auto at = static_cast<std::size_t>(slot + 1);
    // A snapshot aggregate's pass may come with no period list at all.
    if (at >= node.looked_up.size()) node.looked_up.resize(at + 1, nullptr);
    const AggregateValues*& values = node.looked_up[at];
    if (values == nullptr) values = &member_values_(node.member, slot);
    return *values;
  };
  if (slots == nullptr && scalar_slot < 0) {
    std::fill(mask, mask + count, uint8_t{0});
    return;
  }
  const AggregateValues* scalar = slots == nullptr ? &values_for(scalar_slot) : nullptr;
  for (std::size_t i = 0; i < count; ++i) {
    if (scalar == nullptr && slots[i] < 0) {
      mask[i] = 0;  // no period: the member's value is null
      continue;
    }
    const AggregateValues& values = scalar != nullptr ? *scalar : values_for(slots[i]);
    const std::size_t row = first + i;
    mask[i] = row < values.size() && !values.is_null(row) && values.num[row] != 0 ? 1 : 0;
  }
}

void RowFilter::select(const Node& node, std::size_t first, std::size_t count, const int32_t* slots,
                       int32_t scalar_slot, uint8_t* mask) const {
  auto slot_of = [&](std::size_t i) { return slots != nullptr ? slots[i] : scalar_slot; };
  const int32_t* codes = node.codes != nullptr ? node.codes + first : nullptr;
  switch (node.kind) {
    case Node::Kind::kAnd:
    case Node::Kind::kOr: {
      const bool is_and = node.kind == Node::Kind::kAnd;
      node.scratch.resize(count);
      uint8_t* other = node.scratch.data();
      select(node.children.front(), first, count, slots, scalar_slot, mask);
      for (std::size_t c = 1; c < node.children.size(); ++c) {
        select(node.children[c], first, count, slots, scalar_slot, other);
        if (is_and) {
          for (std::size_t i = 0; i < count; ++i) mask[i] &= other[i];
        } else {
          for (std::size_t i = 0; i < count; ++i) mask[i] |= other[i];
        }
      }
      return;  // each child already left its null rows false
    }
    case Node::Kind::kMember: select_member(node, first, count, slots, scalar_slot, mask); return;
    case Node::Kind::kCodeEquals: {
      const int32_t code = node.code;
      if (node.equal) {
        for (std::size_t i = 0; i < count; ++i) mask[i] = codes[i] == code;
      } else {
        for (std::size_t i = 0; i < count; ++i) mask[i] = codes[i] != code;
      }
      break;
    }
    case Node::Kind::kCodeSet: {
      const uint8_t* accepted = node.accepted.data();
      for (std::size_t i = 0; i < count; ++i) mask[i] = accepted[codes[i]];
      break;
    }
    case Node::Kind::kWithin:
      for (std::size_t i = 0; i < count; ++i) {
        const int32_t slot = slot_of(i);
        mask[i] = slot >= 0 && codes[i] >= node.first[static_cast<std::size_t>(slot)] &&
                  codes[i] <= node.last[static_cast<std::size_t>(slot)];
      }
      break;
    case Node::Kind::kCompare: {
      const int64_t* integers = node.integers != nullptr ? node.integers + first : nullptr;
      auto value = [&](std::size_t i) -> int64_t { return integers != nullptr ? integers[i] : codes[i]; };
      if (!node.by_slot.empty()) {
        auto bound = [&](std::size_t i) {
          const int32_t slot = slot_of(i);
          return slot < 0 ? 0 : node.by_slot[static_cast<std::size_t>(slot)];
        };
        fill(node.op, count, value, bound, mask);
        // A row without a period has a null bound: never true.
        for (std::size_t i = 0; i < count; ++i) {
          if (slot_of(i) < 0) mask[i] = 0;
        }
      } else if (node.denominator == 1) {
        const int64_t constant = node.numerator;
        fill(
            node.op, count, value, [constant](std::size_t) { return constant; }, mask);
      } else {
        // value op n/d  ⇔  value·d op n (d > 0).
        const Int128 constant = node.numerator;
        const int64_t denominator = node.denominator;
        fill(
            node.op, count, [&](std::size_t i) { return Int128{value(i)} * denominator; },
            [constant](std::size_t) { return constant; }, mask);
      }
      break;
    }
  }
  // A null value is never true (the interpreter's null comparison).
  if (node.nulls != nullptr) {
    const uint8_t* nulls = node.nulls + first;
    for (std::size_t i = 0; i < count; ++i) mask[i] &= static_cast<uint8_t>(nulls[i] == 0);
  }
}

}  // namespace cadence
