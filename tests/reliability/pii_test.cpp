// mask_id_numbers (adapters/report/pii.h): all but the last 4 characters of
// every ID-card number are masked; nothing else changes.
#include <doctest/doctest.h>

#include "adapters/report/pii.h"

namespace cadence {
namespace {

TEST_CASE("an 18-character ID with check X keeps only its last 4") {
  CHECK(mask_id_numbers("11010519491231002X") == "**************002X");
  CHECK(mask_id_numbers("11010519491231002x") == "**************002x");
}

TEST_CASE("an 18-digit ID and a 15-digit old ID are masked") {
  CHECK(mask_id_numbers("640402199001011234") == "**************1234");
  CHECK(mask_id_numbers("110105491231002") == "***********1002");
}

TEST_CASE("IDs inside Chinese text and CSV cells are masked in place") {
  CHECK(mask_id_numbers("张三，身份证号11010519491231002X。") == "张三，身份证号**************002X。");
  CHECK(mask_id_numbers("M1,640402199001011234,640402199001015678\n") ==
        "M1,**************1234,**************5678\n");
}

TEST_CASE("digit runs of other lengths are left alone") {
  CHECK(mask_id_numbers("1234567890123456") == "1234567890123456");        // 16
  CHECK(mask_id_numbers("12345678901234567") == "12345678901234567");      // 17, no X
  CHECK(mask_id_numbers("1234567890123456789") == "1234567890123456789");  // 19
  CHECK(mask_id_numbers("11010519491231002X5") == "11010519491231002X5");  // X inside a longer run
  CHECK(mask_id_numbers("2023-W10 0.600000") == "2023-W10 0.600000");
  CHECK(mask_id_numbers("") == "");
}

TEST_CASE("is_id_number accepts exactly one whole ID") {
  CHECK(is_id_number("11010519491231002X"));
  CHECK(is_id_number("110105491231002"));
  CHECK_FALSE(is_id_number("11010519491231002X "));
  CHECK_FALSE(is_id_number("X1010519491231002"));
  CHECK_FALSE(is_id_number("1234567890123456"));
}

}  // namespace
}  // namespace cadence
