#include "adapters/store/coded_findings.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tests/engine/eval/pack_builder.h"

namespace cadence {
namespace {

using testing::compile_or_fail;
using testing::make_pack;
using testing::rule;
using testing::RuleOptions;

// A maker of `text` that counts how often it was asked.
auto counted(int& made, std::string text) {
  return [&made, text] {
    ++made;
    return text;
  };
}

TEST_CASE("ValueCodes gives one code per key in order of first use and makes each text once") {
  std::vector<std::string> texts;
  ValueCodes codes(texts);
  int made = 0;
  CHECK(codes.code({1, 0}, counted(made, "a")) == 0);
  CHECK(codes.code({1, 0}, counted(made, "not made: the last key")) == 0);
  CHECK(codes.code({2, 0}, counted(made, "b")) == 1);
  CHECK(codes.code({1, 0}, counted(made, "not made: in the hash")) == 0);
  CHECK(codes.code({0, 1}, counted(made, "c")) == 2);  // the halves of a key are not interchangeable
  CHECK(codes.code({1, 0}, counted(made, "not made")) == 0);
  CHECK(texts == std::vector<std::string>{"a", "b", "c"});
  CHECK(made == 3);
}

TEST_CASE("ValueCodes does not take a first key {0, 0} for the last one of an empty dictionary") {
  std::vector<std::string> texts;
  ValueCodes codes(texts);
  int made = 0;
  CHECK(codes.code({0, 0}, counted(made, "zero")) == 0);
  CHECK(texts == std::vector<std::string>{"zero"});
}

Finding finding(OrgIndex org, const std::string& period, int rule_index, Verdict status, int64_t value,
                std::string message = "") {
  Finding out;
  out.rule = rule_index;
  out.org = org;
  out.period = *Period::parse(period);
  out.status = status;
  out.value = Rational{value, 1};
  out.value_micros = value * 1000000;
  out.score_micros = 1000000 + value;
  out.message = message;
  return out;
}

TEST_CASE("to_coded keeps every field of every finding, each repeated text once") {
  RuleOptions low;
  low.warn = "value < 3";
  auto pack = make_pack({rule("few", PeriodKind::kWeek, "count(study)", "value < 3"),
                         rule("low", PeriodKind::kWeek, "count(study)", "value < 1", low)});
  auto plan = compile_or_fail(*pack);
  const Dataset dataset = testing::root_with_branches(2).build();
  const OrgIndex b1 = *dataset.tree().find("B1");
  const OrgIndex b2 = *dataset.tree().find("B2");
  std::vector<Finding> list;
  list.push_back(finding(b1, "2023-W10", 0, Verdict::kFail, 1, "B1 has 1"));
  list.push_back(finding(b2, "2023-W10", 0, Verdict::kFail, 0));
  list.push_back(finding(b1, "2023-W11", 0, Verdict::kFail, 1));
  list.push_back(finding(b2, "2023-W10", 1, Verdict::kWarn, 2));
  list.back().has_ratio = true;
  list.back().numerator = 2;
  list.back().denominator = 5;
  const FindingList findings(std::move(list));

  const CodedFindings coded = to_coded(*plan, dataset, findings);
  CHECK(coded.rules == std::vector<std::string>{"few", "low"});
  CHECK(coded.org_ids.size() == 3);
  CHECK(coded.periods == std::vector<std::string>{"2023-W10", "2023-W11"});
  CHECK(coded.statuses == std::vector<std::string>{"fail", "warn"});
  // Gaps: 3 − 1, 3 − 0, then the warning's against the warn line as a ratio
  // 2/5: 13 more make (2 + 13) / 5 = 3.
  CHECK(coded.gaps == std::vector<std::string>{"2", "3", "13"});

  // Each finding read back through the dictionaries.
  std::vector<std::string> rows;
  for (const auto& row : coded.findings) {
    rows.push_back(coded.rules[row.rule] + "|" + coded.org_ids[row.org] + "|" + coded.periods[row.period] + "|" +
                   coded.statuses[row.status] + "|" + coded.gaps[row.gap] + "|" + std::to_string(row.value_micros) +
                   "|" + std::to_string(row.score_micros) + "|" +
                   (row.numerator ? std::to_string(*row.numerator) + "/" + std::to_string(*row.denominator) : "-") +
                   "|" + std::string(row.message));
  }
  CHECK(rows == std::vector<std::string>{"few|B1|2023-W10|fail|2|1000000|1000001|-|B1 has 1",
                                         "few|B2|2023-W10|fail|3|0|1000000|-|",
                                         "few|B1|2023-W11|fail|2|1000000|1000001|-|",
                                         "low|B2|2023-W10|warn|13|2000000|1000002|2/5|"});
}

}  // namespace
}  // namespace cadence
