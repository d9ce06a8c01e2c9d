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

TEST_CASE("decode_text: a byte-order mark followed by invalid UTF-8 is refused") {
  Diagnostics diagnostics;
  DecodedText out;
  CHECK_FALSE(decode_text("\xEF\xBB\xBFid\n\xCD\xC5", "b.csv", out, diagnostics));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics.items()[0].span.line == 2);
  CHECK(diagnostics.items()[0].message ==
        "not valid UTF-8 text although it starts with a UTF-8 byte-order mark (first bad byte at line 2)");
}

}  // namespace
}  // namespace cadence
