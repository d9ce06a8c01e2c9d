// Formatting values for people: finding messages and explanations.
//
//   "{org.name} {period} 参学率 {value:percent}（{learners}/{active}）"
//   → "城关一支部 2023-W10 参学率 41.7%（5/12）"
//
// Formats: percent (×100, one decimal, "%"), int (rounded half-up), decimal
// (up to 6 decimals, trailing zeros dropped), date (ISO). Without a format a
// number prints as an integer when it is one, else as decimal. Null prints "—".
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/eval/vector.h"
#include "engine/plan/plan.h"

namespace cadence {

std::string format_value(const Vec& values, std::size_t item, std::string_view format);
std::string format_number(const Rational& value, std::string_view format);
void append_value(std::string& out, const Vec& values, std::size_t item, std::string_view format);
void append_number(std::string& out, const Rational& value, std::string_view format);
// The rule's message for one item of a batch: `placeholder_values[m]` holds
// the values of message part m (unused for literal parts).
std::string render_message(const CompiledRule& rule, const std::vector<const Vec*>& placeholder_values,
                           std::size_t item);

}  // namespace cadence
