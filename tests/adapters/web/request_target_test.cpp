#include "adapters/web/request_target.h"

#include <doctest/doctest.h>

using namespace cadence::web;

TEST_CASE("a target splits into decoded path segments and query parameters") {
  auto target = parse_target("/explain/O1/B%31/2023-W10?page=2&q=%E5%9B%BA%E5%8E%9F+x");
  REQUIRE(target);
  CHECK(target->segments == std::vector<std::string>{"explain", "O1", "B1", "2023-W10"});
  CHECK(target->query.at("page") == "2");
  CHECK(target->query.at("q") == "固原 x");
  CHECK(parse_target("/")->segments.empty());
  CHECK(parse_target("/org/O1/")->segments == std::vector<std::string>{"org", "O1"});
}

TEST_CASE("path traversal, bad escapes, control characters and bad UTF-8 are refused") {
  for (const char* bad : {"/static/../../etc/passwd", "/static/%2e%2e/x", "/static/.", "/a//b", "/static/a%2fb",
                          "/static/a%5cb", "/static/a\\b", "/org/%00", "/org/%0a", "/org/%zz", "/org/%4", "/org/%",
                          "/org/%C0%AF", "/org/%ED%A0%80", "/org/%FF", "relative", "", "/?q=%", "/?q=%00",
                          "/org/a#b"}) {
    INFO(bad);
    CHECK_FALSE(parse_target(bad));
  }
  CHECK_FALSE(parse_target("/" + std::string(5000, 'a')));
  std::string many = "/?";
  for (int i = 0; i < 65; ++i) many += "p" + std::to_string(i) + "=1&";
  CHECK_FALSE(parse_target(many));
}

TEST_CASE("form bodies decode like queries and the first of a repeated field wins") {
  auto form = parse_form("csrf=abc&note=%E8%AE%A1%E5%88%92+A&step=plan&step=close");
  REQUIRE(form);
  CHECK(form->at("note") == "计划 A");
  CHECK(form->at("step") == "plan");
  CHECK_FALSE(parse_form("note=%G1"));
}

TEST_CASE("cookies are found by exact name") {
  CHECK(cookie_value("a=1; cadence_session=xyz; b=2", "cadence_session") == "xyz");
  CHECK(cookie_value("xcadence_session=1", "cadence_session").empty());
  CHECK(cookie_value("", "cadence_session").empty());
}

TEST_CASE("url_encode keeps unreserved bytes and escapes the rest") {
  CHECK(url_encode("O1-a_b.c~") == "O1-a_b.c~");
  CHECK(url_encode("a/b c") == "a%2Fb%20c");
  auto encoded = parse_target("/org/" + url_encode("固原"));
  REQUIRE(encoded);
  CHECK(encoded->segments.at(1) == "固原");
  // An encoded slash still cannot smuggle a path into a segment.
  CHECK_FALSE(parse_target("/org/" + url_encode("固原/..")));
}
