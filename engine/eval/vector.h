// A column of values for a batch of items (orgs of a rule's cell batch, or
// rows of a record set being filtered): the evaluator's unit of work.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "engine/calendar/period.h"
#include "engine/eval/rational.h"
#include "engine/lang/bound.h"

namespace cadence {

struct Vec {
  lang::Type type = lang::Type::kNull;
  // number: numerator; bool: 0/1; date: days; period: ordinal.
  std::vector<int64_t> num;
  // number: denominator (empty = all 1).
  std::vector<int64_t> den;
  std::vector<std::string_view> text;
  std::vector<uint8_t> null;  // empty = no nulls
  // ratio() only: 1 where the denominator was zero (and on_zero is skip or violation).
  std::vector<uint8_t> zero_denominator;
  PeriodKind period_kind = PeriodKind::kWeek;

  std::size_t size() const { return type == lang::Type::kText ? text.size() : num.size(); }
  bool is_null(std::size_t i) const { return !null.empty() && null[i] != 0; }
  void set_null(std::size_t i) {
    if (null.empty()) null.assign(size(), 0);
    null[i] = 1;
  }
  Rational number(std::size_t i) const { return {num[i], den.empty() ? 1 : den[i]}; }
  bool truth(std::size_t i) const { return !is_null(i) && num[i] != 0; }

  // Sizes the vector for n items of a type, with no nulls. The items' values
  // are left as they were (a batch vector is reset for every node of every
  // batch; zeroing 32 KiB each time was a tenth of the evaluation): the
  // writer sets every item, or marks it null, whose value is then unspecified.
  void reset(lang::Type new_type, std::size_t n) {
    type = new_type;
    null.clear();
    den.clear();
    zero_denominator.clear();
    if (new_type == lang::Type::kText) {
      text.resize(n);
      num.clear();
    } else {
      num.resize(n);
      text.clear();
    }
  }
  void set_number(std::size_t i, const Rational& value) {
    num[i] = value.numerator;
    if (value.denominator != 1) {
      if (den.empty()) den.assign(num.size(), 1);
      den[i] = value.denominator;
    } else if (!den.empty()) {
      den[i] = 1;
    }
  }
};

}  // namespace cadence
