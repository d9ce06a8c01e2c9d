#include "adapters/web/http_server.h"

// Boost 1.74's asio uses std::exchange without including <utility>: under
// C++20 it must come first.
#include <utility>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <charconv>
#include <chrono>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

namespace cadence::web {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

constexpr std::size_t kHeaderLimit = 8 * 1024;
constexpr std::size_t kBodyLimit = 64 * 1024;
constexpr auto kRequestTimeout = std::chrono::seconds(30);

// Images for ECharts are data: URLs; everything else comes from this origin.
constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'";

HttpRequest to_request(const http::request<http::string_body>& message, const std::string& peer) {
  HttpRequest request;
  request.method = message.method() == http::verb::get    ? Method::kGet
                   : message.method() == http::verb::post ? Method::kPost
                                                          : Method::kOther;
  request.target = std::string(message.target());
  request.body = message.body();
  request.host = std::string(message[http::field::host]);
  request.origin = std::string(message[http::field::origin]);
  request.cookie = std::string(message[http::field::cookie]);
  request.content_type = std::string(message[http::field::content_type]);
  request.peer = peer;
  return request;
}

http::response<http::string_body> to_message(HttpResponse response, unsigned version, bool keep_alive) {
  http::response<http::string_body> message{static_cast<http::status>(response.status), version};
  message.set(http::field::server, "cadence");
  message.set(http::field::content_type, response.content_type);
  message.set("X-Content-Type-Options", "nosniff");
  message.set("X-Frame-Options", "DENY");
  message.set("Referrer-Policy", "same-origin");
  message.set("Content-Security-Policy", kContentSecurityPolicy);
  message.set(http::field::cache_control, "no-store");
  for (auto& [name, value] : response.headers) message.insert(name, value);
  message.body() = std::move(response.body);
  message.keep_alive(keep_alive);
  message.prepare_payload();
  return message;
}

HttpResponse plain(int status, std::string text) {
  HttpResponse response;
  response.status = status;
  response.content_type = "text/plain; charset=utf-8";
  response.body = std::move(text);
  return response;
}

// One connection: read a request, answer, repeat while keep-alive.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket socket, const Handler& handler) : stream_(std::move(socket)), handler_(handler) {
    beast::error_code error;
    auto endpoint = stream_.socket().remote_endpoint(error);
    if (!error) peer_ = endpoint.address().to_string();
  }

  void start() {
    asio::dispatch(stream_.get_executor(), beast::bind_front_handler(&Connection::read, shared_from_this()));
  }

 private:
  void read() {
    parser_.emplace();
    parser_->header_limit(kHeaderLimit);
    parser_->body_limit(kBodyLimit);
    stream_.expires_after(kRequestTimeout);
    http::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Connection::on_read, shared_from_this()));
  }

  void on_read(beast::error_code error, std::size_t /*bytes*/) {
    if (error == http::error::end_of_stream || error == beast::error::timeout || error == asio::error::eof ||
        error == asio::error::connection_reset) {
      return close();
    }
    if (error == http::error::body_limit) return reply(plain(413, "request body too large\n"), 11, false);
    if (error == http::error::header_limit) return reply(plain(431, "request headers too large\n"), 11, false);
    if (error) return reply(plain(400, "malformed request\n"), 11, false);
    const auto& message = parser_->get();
    HttpResponse response;
    try {
      response = handler_(to_request(message, peer_));
    } catch (const std::exception&) {
      // A bug must not take the server down; the handler's own errors are
      // responses, never exceptions.
      response = plain(500, "internal error\n");
    }
    reply(std::move(response), message.version(), message.keep_alive());
  }

  void reply(HttpResponse response, unsigned version, bool keep_alive) {
    response_ = std::make_shared<http::response<http::string_body>>(to_message(std::move(response), version, keep_alive));
    // A client that stops reading does not hold the connection for ever.
    stream_.expires_after(kRequestTimeout);
    http::async_write(stream_, *response_,
                      beast::bind_front_handler(&Connection::on_write, shared_from_this(), keep_alive));
  }

  void on_write(bool keep_alive, beast::error_code error, std::size_t /*bytes*/) {
    response_.reset();
    if (error || !keep_alive) return close();
    read();
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::shared_ptr<http::response<http::string_body>> response_;
  const Handler& handler_;
  std::string peer_;
};

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(asio::io_context& context, tcp::acceptor acceptor, const Handler& handler)
      : context_(context), acceptor_(std::move(acceptor)), handler_(handler) {}

  void accept() {
    acceptor_.async_accept(asio::make_strand(context_),
                           beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
  }

 private:
  void on_accept(beast::error_code error, tcp::socket socket) {
    if (error == asio::error::operation_aborted) return;
    if (!error) std::make_shared<Connection>(std::move(socket), handler_)->start();
    accept();
  }

  asio::io_context& context_;
  tcp::acceptor acceptor_;
  const Handler& handler_;
};

}  // namespace

Result<ListenOptions> parse_listen(const std::string& text) {
  ListenOptions options;
  std::size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon + 1 == text.size()) {
    return Status::invalid_input("--listen must be ADDRESS:PORT, e.g. 127.0.0.1:8080, not '" + text + "'");
  }
  std::string address = text.substr(0, colon);
  if (address.size() >= 2 && address.front() == '[' && address.back() == ']') address = address.substr(1, address.size() - 2);
  unsigned port = 0;
  const char* begin = text.data() + colon + 1;
  const char* end = text.data() + text.size();
  auto [rest, code] = std::from_chars(begin, end, port);
  if (code != std::errc() || rest != end || port > 65535) {
    return Status::invalid_input("--listen: the port must be a number 0..65535, not '" + text.substr(colon + 1) + "'");
  }
  beast::error_code error;
  asio::ip::make_address(address, error);
  if (error) return Status::invalid_input("--listen: '" + address + "' is not an IP address");
  options.address = address;
  options.port = static_cast<uint16_t>(port);
  return options;
}

Status serve(const ListenOptions& options, const Handler& handler,
             const std::function<void(const std::string& url)>& on_listening) {
  asio::io_context context(options.threads);
  beast::error_code error;
  const tcp::endpoint endpoint(asio::ip::make_address(options.address, error), options.port);
  if (error) return Status::invalid_input("'" + options.address + "' is not an IP address");
  tcp::acceptor acceptor(context);
  acceptor.open(endpoint.protocol(), error);
  if (!error) acceptor.set_option(asio::socket_base::reuse_address(true), error);
  if (!error) acceptor.bind(endpoint, error);
  if (!error) acceptor.listen(asio::socket_base::max_listen_connections, error);
  if (error) {
    return Status::io_error("cannot listen on " + options.address + ":" + std::to_string(options.port) + ": " +
                            error.message());
  }
  const tcp::endpoint bound = acceptor.local_endpoint();
  std::string host = bound.address().is_v6() ? "[" + bound.address().to_string() + "]" : bound.address().to_string();
  std::make_shared<Listener>(context, std::move(acceptor), handler)->accept();

  asio::signal_set signals(context, SIGINT, SIGTERM);
  signals.async_wait([&context](const beast::error_code&, int) { context.stop(); });
  on_listening("http://" + host + ":" + std::to_string(bound.port()) + "/");

  std::vector<std::thread> workers;
  for (int i = 1; i < options.threads; ++i) workers.emplace_back([&context] { context.run(); });
  context.run();
  for (auto& worker : workers) worker.join();
  return Status::ok();
}

}  // namespace cadence::web
