#include "adapters/csv/text_encoding.h"

#include <doctest/doctest.h>

namespace cadence {
namespace {

TEST_CASE("first_invalid_utf8 rejects overlong forms, surrogates and truncated sequences") {
  CHECK(first_invalid_utf8("plain ascii text, long enough for the fast path") == std::string_view::npos);
  CHECK(first_invalid_utf8("团员 ok") == std::string_view::npos);
  CHECK(first_invalid_utf8("ab\xC0\xAF") == 2);           // overlong '/'
  CHECK(first_invalid_utf8("\xED\xA0\x80") == 0);         // surrogate U+D800
  CHECK(first_invalid_utf8("abcdefgh\xE5\x9B") == 8);     // truncated
  CHECK(first_invalid_utf8("\xF4\x90\x80\x80") == 0);     // above U+10FFFF
}

TEST_CASE("decode_text: GBK is converted, UTF-8 passes through untouched") {
  Diagnostics diagnostics;
  DecodedText gbk;
  REQUIRE(decode_text("\xCD\xC5\xD4\xB1", "g.csv", gbk, diagnostics));  // 团员 in GBK
  CHECK(gbk.encoding == TextEncoding::kGb18030);
  CHECK(gbk.text == "团员");
  DecodedText utf8;
  std::string_view bytes = "团员";
  REQUIRE(decode_text(bytes, "u.csv", utf8, diagnostics));
  CHECK(utf8.encoding == TextEncoding::kUtf8);
  CHECK(utf8.text.data() == bytes.data());
  CHECK(diagnostics.empty());
}

TEST_CASE("decode_text: a byte-order mark followed by invalid UTF-8 is refused at the bad byte") {
  Diagnostics diagnostics;
  DecodedText out;
  CHECK_FALSE(decode_text("\xEF\xBB\xBFid\n团\xCD\xC5", "b.csv", out, diagnostics));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics.items()[0].span.line == 2);
  CHECK(diagnostics.items()[0].span.column == 2);
  CHECK(diagnostics.items()[0].message.starts_with(
      "not valid UTF-8: byte 0xCD here is not part of a UTF-8 character (the file starts with a UTF-8 byte-order mark"));
}

// Issue 29: a UTF-8 file with one Latin-1 byte was decoded whole as GB18030,
// "José" becoming "Jos茅". Mostly-UTF-8 files are refused at the stray byte.
TEST_CASE("decode_text: a UTF-8 file with one Latin-1 byte is refused there, not read as GB18030") {
  Diagnostics diagnostics;
  DecodedText out;
  CHECK_FALSE(decode_text("id,name\nM1,Jos\xC3\xA9\nM2,Ren\xE9\n", "m.csv", out, diagnostics));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics.items()[0].span.line == 3);
  CHECK(diagnostics.items()[0].span.column == 7);
  CHECK(diagnostics.items()[0].message.starts_with("not valid UTF-8: byte 0xE9 here"));
  CHECK(out.converted.empty());
}

TEST_CASE("decode_text: ASCII with Latin-1 accents is neither UTF-8 nor GBK Chinese") {
  // 0xE9 0x73 ("\xE9s") is a valid GB18030 pair, a rare extension ideograph.
  Diagnostics diagnostics;
  DecodedText out;
  CHECK_FALSE(decode_text("id,name\nM1,Jos\xE9s\n", "l.csv", out, diagnostics));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics.items()[0].span.line == 2);
  CHECK(diagnostics.items()[0].span.column == 7);
  CHECK(diagnostics.items()[0].message.find("nor is the file GBK/GB18030 Chinese text") != std::string::npos);
}

TEST_CASE("decode_text: two encodings pasted together are refused at the first bad byte") {
  Diagnostics diagnostics;
  DecodedText out;
  // Line 2 UTF-8 团员团员, line 3 GBK 张三张三张三 (more bad bytes than UTF-8 characters).
  CHECK_FALSE(decode_text("name\n团员团员\n\xD5\xC5\xC8\xFD\xD5\xC5\xC8\xFD\xD5\xC5\xC8\xFD\xD5\xC5\xC8\xFD\n",
                          "x.csv", out, diagnostics));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics.items()[0].span.line == 3);
  CHECK(diagnostics.items()[0].span.column == 1);
}

TEST_CASE("decode_text: a named encoding is used, and a byte not valid in it is refused with its position") {
  Diagnostics diagnostics;
  DecodedText latin1;
  REQUIRE(decode_text("M1,Ren\xE9\n", "l.csv", EncodingChoice::kLatin1, latin1, diagnostics));
  CHECK(latin1.encoding == TextEncoding::kLatin1);
  CHECK(latin1.text == "M1,René\n");
  DecodedText gbk;
  REQUIRE(decode_text("\xD5\xC5", "g.csv", EncodingChoice::kGb18030, gbk, diagnostics));  // 张: valid UTF-8? no
  CHECK(gbk.text == "张");
  DecodedText utf8;
  REQUIRE(decode_text("\xEF\xBB\xBF团", "u.csv", EncodingChoice::kUtf8, utf8, diagnostics));
  CHECK(utf8.text == "团");
  CHECK(diagnostics.empty());

  DecodedText bad_gbk;
  CHECK_FALSE(decode_text("id\nM1,\xD5\xC5,\xFF\xFF\n", "g.csv", EncodingChoice::kGb18030, bad_gbk, diagnostics));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics.items()[0].span.line == 2);
  CHECK(diagnostics.items()[0].span.column == 6);
  CHECK(diagnostics.items()[0].message == "not valid GB18030: byte 0xFF here does not start a GB18030 character (--encoding gb18030)");

  Diagnostics utf8_diagnostics;
  DecodedText bad_utf8;
  CHECK_FALSE(decode_text("\xD5\xC5", "g.csv", EncodingChoice::kUtf8, bad_utf8, utf8_diagnostics));
  REQUIRE(utf8_diagnostics.size() == 1);
  CHECK(utf8_diagnostics.items()[0].message.ends_with("(--encoding utf-8)"));
}

TEST_CASE("parse_encoding_choice knows the names and their aliases") {
  CHECK(parse_encoding_choice("auto") == EncodingChoice::kDetect);
  CHECK(parse_encoding_choice("UTF-8") == EncodingChoice::kUtf8);
  CHECK(parse_encoding_choice("gbk") == EncodingChoice::kGb18030);
  CHECK(parse_encoding_choice("ISO-8859-1") == EncodingChoice::kLatin1);
  CHECK_FALSE(parse_encoding_choice("utf-16").has_value());
}

}  // namespace
}  // namespace cadence
