// The web workspace's own view of an HTTP exchange, independent of Boost.Beast
// (http_server.cpp converts), so that the application, its tests and the
// fuzz target need no sockets.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace cadence::web {

enum class Method : unsigned char { kGet, kPost, kOther };

struct HttpRequest {
  Method method = Method::kGet;
  std::string target;  // as received: "/org/O1?page=2"
  std::string body;    // at most the server's body limit
  // Headers the application reads (names lower-case); absent → "".
  std::string host;
  std::string origin;
  std::string cookie;
  std::string content_type;
  std::string peer;  // the client's address, for rate limits and the audit log
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers (Set-Cookie, Location)
};

}  // namespace cadence::web
