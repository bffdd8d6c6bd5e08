// http_echo_server: the ceiling for bench/http/run.sh.
//
// The least a Beast HTTP/1.1 keep-alive server can do per request: parse
// it and send its body back with 200. Same threading as dynarock-server
// (one io_context per thread, connections dealt round-robin, TCP_NODELAY),
// no protocol, no engine. Prints "echo listening on 127.0.0.1:PORT".
//
// Usage: http_echo_server [--port N] [--threads N]
#include <utility>  // before Asio: Boost 1.74 with g++ 12 in C++20

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

class Session : public std::enable_shared_from_this<Session> {
 public:
  // As dynarock-server's sessions: room for a whole request per read.
  explicit Session(tcp::socket s) : stream_(std::move(s)) { buffer_.reserve(16384); }
  void Start() {
    beast::error_code ec;
    stream_.socket().set_option(tcp::no_delay(true), ec);
    Read();
  }

 private:
  void Read() {
    parser_.emplace();
    parser_->body_limit(16u << 20);
    http::async_read(stream_, buffer_, *parser_, [self = shared_from_this()](beast::error_code ec, size_t) {
      if (ec) return;
      self->Answer();
    });
  }
  void Answer() {
    auto& req = parser_->get();
    res_ = {};
    res_.result(http::status::ok);
    res_.version(req.version());
    res_.set(http::field::content_type, "application/x-amz-json-1.0");
    res_.body() = std::move(req.body());
    res_.keep_alive(req.keep_alive());
    res_.prepare_payload();
    http::async_write(stream_, res_, [self = shared_from_this()](beast::error_code ec, size_t) {
      if (ec || !self->res_.keep_alive()) return;
      self->Read();
    });
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::response<http::string_body> res_;
};

int main(int argc, char** argv) {
  unsigned short port = 0;
  int threads = static_cast<int>(std::thread::hardware_concurrency());
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--port") == 0) port = static_cast<unsigned short>(std::atoi(argv[i + 1]));
    if (std::strcmp(argv[i], "--threads") == 0) threads = std::max(1, std::atoi(argv[i + 1]));
  }
  std::vector<std::unique_ptr<asio::io_context>> contexts;
  for (int i = 0; i < threads; ++i) contexts.push_back(std::make_unique<asio::io_context>(1));
  tcp::acceptor acceptor(*contexts[0], tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  std::printf("echo listening on 127.0.0.1:%u\n", unsigned{acceptor.local_endpoint().port()});
  std::fflush(stdout);

  size_t next = 0;
  std::function<void()> accept = [&] {
    asio::io_context& target = *contexts[next];
    next = (next + 1) % contexts.size();
    acceptor.async_accept(target, [&](beast::error_code ec, tcp::socket socket) {
      if (!ec) {
        asio::post(target, [s = std::move(socket)]() mutable { std::make_shared<Session>(std::move(s))->Start(); });
      }
      accept();
    });
  };
  accept();
  std::vector<std::thread> pool;
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> guards;
  for (auto& c : contexts) guards.emplace_back(c->get_executor());
  for (size_t i = 1; i < contexts.size(); ++i) pool.emplace_back([&c = *contexts[i]] { c.run(); });
  contexts[0]->run();  // until killed: a benchmark peer, stopped by run.sh
  for (auto& t : pool) t.join();
}
