#include "engine/table/column.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "engine/calendar/date.h"
#include "engine/calendar/period.h"

namespace cadence {
namespace {

TEST_CASE("a dictionary hands out codes in first-seen order") {
  Dictionary dictionary;
  CHECK(dictionary.intern("branch") == 0);
  CHECK(dictionary.intern("团支部") == 1);
  CHECK(dictionary.intern("branch") == 0);
  CHECK(dictionary.size() == 2);
  CHECK(dictionary.text(1) == "团支部");
  CHECK(dictionary.find("团支部") == 1);
  CHECK(dictionary.find("committee") == -1);
}

// "B1", "", "团支部", packed as a store snapshot holds them.
Dictionary packed_dictionary() {
  Dictionary dictionary;
  dictionary.assign_packed(std::string("B1\0\0团支部\0", 14), {0, 3, 4, 14});
  return dictionary;
}

TEST_CASE("a packed dictionary reads, finds and interns like one built by intern") {
  Dictionary dictionary = packed_dictionary();
  CHECK(dictionary.size() == 3);
  CHECK(dictionary.view(2) == "团支部");
  CHECK(dictionary.view(1).empty());
  CHECK(dictionary.find("团支部") == 2);
  CHECK(dictionary.find("") == 1);
  CHECK(dictionary.find("B") == -1);
  CHECK(dictionary.text(0) == "B1");
  CHECK(dictionary.text(2) == "团支部");
  CHECK(dictionary.view(2) == "团支部");  // still readable once the strings are made

  Dictionary copy = dictionary;
  CHECK(copy.size() == 3);
  CHECK(copy.text(2) == "团支部");

  CHECK(dictionary.intern("B1") == 0);
  CHECK(dictionary.intern("B2") == 3);
  CHECK(dictionary.size() == 4);
  CHECK(dictionary.view(3) == "B2");
  CHECK(dictionary.text(2) == "团支部");
  CHECK(dictionary.find("B2") == 3);
  CHECK(copy.find("B2") == -1);  // copies are independent
}

TEST_CASE("a packed dictionary finds the first of repeated texts") {
  Dictionary dictionary;
  dictionary.assign_packed(std::string("a\0b\0a\0", 6), {0, 2, 4, 6});
  CHECK(dictionary.find("a") == 0);
  CHECK(dictionary.find("b") == 1);
  Dictionary empty;
  empty.assign_packed("", {0});
  CHECK(empty.size() == 0);
  CHECK(empty.find("a") == -1);
  CHECK(empty.intern("a") == 0);
}

TEST_CASE("a dictionary keeps finding every text while its index grows") {
  Dictionary dictionary;
  for (int i = 0; i < 5000; ++i) CHECK(dictionary.intern("M" + std::to_string(i)) == i);
  bool all_found = true;
  for (int i = 0; i < 5000; ++i) all_found = all_found && dictionary.find("M" + std::to_string(i)) == i;
  CHECK(all_found);
  CHECK(dictionary.find("M5000") == -1);
  std::vector<std::string> texts;
  for (int i = 0; i < 5000; ++i) texts.push_back(std::to_string(i * 7));
  dictionary.assign(texts);
  CHECK(dictionary.find("34993") == 4999);
  CHECK(dictionary.find("M1") == -1);
}

TEST_CASE("the null mask stays empty until the first null") {
  Column column(ColumnType::kInteger);
  column.append_integer(4);
  column.append_integer(5);
  CHECK_FALSE(column.has_nulls());
  column.append_null();
  column.append_integer(7);
  CHECK(column.has_nulls());
  CHECK(column.size() == 4);
  CHECK(column.nulls() == std::vector<uint8_t>{0, 0, 1, 0});
  CHECK(column.integer(2) == 0);  // null rows hold 0
  CHECK(column.integer(3) == 7);
}

TEST_CASE("text columns intern their values") {
  Column column(ColumnType::kText);
  column.append_text("B1");
  column.append_text("B2");
  column.append_text("B1");
  CHECK(column.codes() == std::vector<int32_t>{0, 1, 0});
  CHECK(column.text(2) == "B1");
  CHECK(column.dictionary().size() == 2);
}

TEST_CASE("format renders each type as a report prints it") {
  Column integers(ColumnType::kInteger);
  integers.append_integer(-12);
  CHECK(integers.format(0) == "-12");

  Column numbers(ColumnType::kNumber);
  numbers.append_number(2.5);
  numbers.append_number(0.1);
  numbers.append_number(3.0);
  CHECK(numbers.format(0) == "2.5");
  CHECK(numbers.format(1) == "0.1");
  CHECK(numbers.format(2) == "3");

  Column texts(ColumnType::kEnum);
  texts.append_text("theme_day");
  CHECK(texts.format(0) == "theme_day");

  Column dates(ColumnType::kDate);
  dates.append_code(Date::from_ymd(2023, 3, 1).days());
  CHECK(dates.format(0) == "2023-03-01");

  Column weeks(ColumnType::kWeek);
  weeks.append_code(Period::week(2023, 10).ordinal());
  CHECK(weeks.format(0) == "2023-W10");
  Column months(ColumnType::kMonth);
  months.append_code(Period::month(2023, 3).ordinal());
  CHECK(months.format(0) == "2023-03");
  Column quarters(ColumnType::kQuarter);
  quarters.append_code(Period::quarter(2023, 1).ordinal());
  CHECK(quarters.format(0) == "2023-Q1");

  Column flags(ColumnType::kBool);
  flags.append_code(1);
  flags.append_code(0);
  flags.append_null();
  CHECK(flags.format(0) == "true");
  CHECK(flags.format(1) == "false");
  CHECK(flags.format(2) == "");
}

TEST_CASE("permute reorders values and nulls together") {
  Column column(ColumnType::kNumber);
  column.append_number(1.5);
  column.append_null();
  column.append_number(3.5);
  column.permute({2, 0, 1});
  CHECK(column.numbers() == std::vector<double>{3.5, 1.5, 0.0});
  CHECK(column.nulls() == std::vector<uint8_t>{0, 0, 1});
  CHECK(column.format(0) == "3.5");
  CHECK(column.format(2) == "");
}

TEST_CASE("permute of a column without nulls keeps the mask empty") {
  Column column(ColumnType::kText);
  column.append_text("a");
  column.append_text("b");
  column.permute({1, 0});
  CHECK(column.text(0) == "b");
  CHECK_FALSE(column.has_nulls());
}

}  // namespace
}  // namespace cadence
