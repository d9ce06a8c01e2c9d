// Parsing what a client sends: the request target (path and query), form
// bodies (application/x-www-form-urlencoded) and the Cookie header.
//
// Everything here is untrusted text. Percent-escapes are decoded strictly: a
// bad escape, an encoded NUL or control character, text that is not UTF-8,
// an empty, "." or ".." path segment, or a backslash is refused (nullopt),
// so no later code can be led outside the routes it knows. Limits: a target
// of at most 4096 bytes, at most 64 parameters. A parameter given twice keeps
// its first value.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cadence::web {

using Parameters = std::map<std::string, std::string, std::less<>>;

struct RequestTarget {
  std::vector<std::string> segments;  // "/org/O1/" → {"org", "O1"}; "/" → {}
  Parameters query;
};

std::optional<RequestTarget> parse_target(std::string_view target);

// "a=1&b=x+y" → {a: "1", b: "x y"}; nullopt on a bad escape or too many fields.
std::optional<Parameters> parse_form(std::string_view body);

// The value of cookie `name` in a Cookie header ("a=1; b=2"), "" when absent.
std::string cookie_value(std::string_view header, std::string_view name);

// Percent-encodes a path segment or a query value (unreserved bytes kept).
std::string url_encode(std::string_view text);

}  // namespace cadence::web
