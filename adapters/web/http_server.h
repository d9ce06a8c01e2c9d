// The HTTP/1.1 listener of `cadence serve` (Boost.Beast), the only file that
// knows Beast. It reads each request with hard limits — headers 8 KiB, body
// 64 KiB (413 beyond), 30 s to send a request — turns it into an HttpRequest
// (http_message.h), calls the handler and writes its response with the
// security headers every page gets (nosniff, no framing, a Content-Security-
// Policy allowing only this origin's scripts and styles). A request Beast
// cannot parse gets 400 and the connection is closed.
//
// Threads: the handler is called from `threads` threads at once and must be
// thread-safe. serve() returns when SIGINT or SIGTERM arrives.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "adapters/web/http_message.h"
#include "engine/core/status.h"

namespace cadence::web {

using Handler = std::function<HttpResponse(const HttpRequest&)>;

struct ListenOptions {
  std::string address = "127.0.0.1";
  uint16_t port = 8080;  // 0: any free port (the listening line names it)
  int threads = 2;
};

// Binds, calls `on_listening` with the URL actually bound
// ("http://127.0.0.1:41234/"), serves until a signal. An address that cannot
// be bound is an error Status.
Status serve(const ListenOptions& options, const Handler& handler,
             const std::function<void(const std::string& url)>& on_listening);

// "127.0.0.1:8080" → address and port; "[::1]:8080" for IPv6.
Result<ListenOptions> parse_listen(const std::string& text);

}  // namespace cadence::web
