// mask_id_numbers (adapters/report/pii.h): all but the last 4 characters of
// every ID-card number are masked; nothing else changes.
#include <doctest/doctest.h>

#include "adapters/report/pii.h"

#include <sstream>
#include <string>

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

// What a MaskingStreambuf passes on when `text` is written in pieces of
// `piece` bytes, with a flush after each piece when `flush`.
std::string through_stream(const std::string& text, std::size_t piece, bool flush) {
  std::ostringstream target;
  {
    MaskedOstream out(target);
    for (std::size_t at = 0; at < text.size(); at += piece) {
      out << text.substr(at, piece);
      if (flush) out.flush();
    }
  }
  return target.str();
}

TEST_CASE("a stream masks an ID number written in pieces, whatever the cut") {
  const std::string text = "张三 11010519491231002X, 110105491231002; 640402199001011234\nM1,12345678901234567890123\n";
  const std::string expected = mask_id_numbers(text);
  CHECK(expected.find("11010519491231002X") == std::string::npos);
  for (std::size_t piece : {1, 2, 3, 5, 7, 17, 18, 19, 64, 1000}) {
    CAPTURE(piece);
    CHECK(through_stream(text, piece, false) == expected);
    CHECK(through_stream(text, piece, true) == expected);
  }
}

TEST_CASE("a stream holds back a trailing digit run until it ends") {
  std::ostringstream target;
  MaskingStreambuf masking(target.rdbuf());
  std::ostream out(&masking);
  out << "id 11010519" << std::flush;
  CHECK(target.str() == "id ");  // the run may still become an ID number
  out << "4912310021" << std::flush;
  CHECK(target.str() == "id ");
  out << "\n" << std::flush;
  CHECK(target.str() == "id **************0021\n");
  out << "17 digits then X: 12345678901234567X" << std::flush;
  out << "9 makes it a longer run" << std::flush;
  CHECK(masking.finish());
  CHECK(target.str() == "id **************0021\n17 digits then X: 12345678901234567X9 makes it a longer run");
}

TEST_CASE("a check X followed by a digit still held back is not the end of an ID number") {
  // The X and the digit after it reach the stream in different writes, and
  // the digit is held back (it may start an ID number) when the X is written.
  std::ostringstream target;
  MaskingStreambuf masking(target.rdbuf());
  std::ostream out(&masking);
  out << "a 20775051399380961x" << std::flush << "6" << std::flush << "20259140 b";
  CHECK(masking.finish());
  CHECK(target.str() == "a 20775051399380961x620259140 b");
}

TEST_CASE("a run longer than any ID number is passed on and its rest is not taken for a new run") {
  const std::string text = std::string(40, '7') + "1101051949123100210" + " 110105194912310021";
  CHECK(through_stream(text, 25, true) == mask_id_numbers(text));
  CHECK(mask_id_numbers(text).substr(0, 59) == text.substr(0, 59));
}

TEST_CASE("masking in place keeps the length and reads the byte before") {
  std::string text = "110105491231002 tail";
  mask_id_numbers_in_place(text.data(), text.size(), true);  // continues a digit run: not an ID
  CHECK(text == "110105491231002 tail");
  mask_id_numbers_in_place(text.data(), text.size(), false);
  CHECK(text == "***********1002 tail");
}

TEST_CASE("a write error reaches the stream that was masked") {
  std::ostringstream target;
  struct Failing : std::streambuf {
    int_type overflow(int_type) override { return traits_type::eof(); }
    std::streamsize xsputn(const char*, std::streamsize) override { return 0; }
  } failing;
  std::ostream sink(&failing);
  {
    MaskedOstream out(sink);
    out << "text";
  }
  CHECK(sink.bad());
}

}  // namespace
}  // namespace cadence
