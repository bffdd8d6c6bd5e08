#include "server/http_server.h"

#include <utility>  // before Asio (see http_types.h)

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <mutex>
#include <thread>
#include <unordered_set>
#include <vector>

namespace dynarock::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;
// Streams and sockets bound to the concrete io_context executor: the default
// polymorphic any_io_executor costs a type-erased copy per operation.
using Executor = asio::io_context::executor_type;
using Socket = asio::basic_stream_socket<tcp, Executor>;
using Stream = beast::basic_stream<tcp, Executor>;

class Session;

// One io_context and its thread. `sessions` and `stopping` are touched only
// on that thread.
struct Worker {
  asio::io_context ioc{1};
  asio::executor_work_guard<asio::io_context::executor_type> guard{ioc.get_executor()};
  std::unordered_set<Session*> sessions;
  bool stopping = false;
  std::thread thread;
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(Socket socket, Worker* worker, const HttpServerOptions& options, RequestHandler* handler)
      : stream_(std::move(socket)), worker_(worker), options_(options), handler_(handler) {
    worker_->sessions.insert(this);
  }
  ~Session() { worker_->sessions.erase(this); }

  void Start() {
    beast::error_code ec;
    stream_.socket().set_option(tcp::no_delay(true), ec);
    if (worker_->stopping) return Close();
    Read();
  }

  // Server stop: an idle connection closes now; one whose request is being
  // answered closes after its response is written.
  void Shutdown() {
    closing_ = true;
    if (reading_) {
      beast::error_code ec;
      stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
      stream_.socket().close(ec);
    }
  }

 private:
  void Read() {
    if (closing_) return Close();
    parser_.emplace();
    parser_->body_limit(options_.body_limit);
    parser_->header_limit(static_cast<uint32_t>(options_.header_limit));
    stream_.expires_after(options_.request_timeout);
    reading_ = true;
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code ec, size_t) { self->OnRead(ec); });
  }

  void OnRead(beast::error_code ec) {
    reading_ = false;
    if (ec == http::error::body_limit) return Reject(413);
    // A request Beast could not parse (not HTTP, headers too large, a bad
    // length or chunk) gets 400; the stream's state is unknown, so close.
    if (ec && ec.category() == http::make_error_code(http::error::bad_method).category() &&
        ec != http::error::end_of_stream && ec != http::error::partial_message) {
      return Reject(400);
    }
    // End of stream, a truncated request, a reset or a timeout: nothing to
    // answer, the client is gone or silent.
    if (ec || closing_) return Close();

    HttpRequest& req = parser_->get();
    res_ = {};
    handler_->Handle(req, res_);
    res_.version(req.version());
    res_.keep_alive(req.keep_alive() && !closing_);
    res_.prepare_payload();
    Write();
  }

  void Reject(int status) {
    res_ = {};
    handler_->Reject(status, res_);
    res_.version(11);
    res_.keep_alive(false);
    res_.prepare_payload();
    Write();
  }

  void Write() {
    stream_.expires_after(options_.request_timeout);
    http::async_write(stream_, res_, [self = shared_from_this()](beast::error_code ec, size_t) {
      if (ec) return self->Close();
      if (!self->res_.keep_alive()) return self->Linger();
      self->Read();
    });
  }

  // After a response that ends the connection: stop sending, then read and
  // drop what the client is still sending (the rest of an oversized body)
  // for a short while, so that closing does not reset the connection
  // before the client has read the response.
  void Linger() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return Close();
    stream_.expires_after(std::chrono::seconds(2));
    DrainSome();
  }

  void DrainSome() {
    stream_.async_read_some(asio::buffer(drain_, sizeof(drain_)),
                            [self = shared_from_this()](beast::error_code ec, size_t) {
                              if (ec) return self->Close();
                              self->DrainSome();
                            });
  }

  void Close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.socket().close(ec);
  }

  Stream stream_;
  Worker* worker_;
  const HttpServerOptions& options_;
  RequestHandler* handler_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  HttpResponse res_;
  bool reading_ = false;
  bool closing_ = false;
  char drain_[4096];
};

class HttpServer::Impl {
 public:
  Impl(const HttpServerOptions& options, RequestHandler* handler)
      : options_(options), handler_(handler) {}

  Status Listen() {
    int n = options_.threads > 0 ? options_.threads : static_cast<int>(std::thread::hardware_concurrency());
    if (n <= 0) n = 1;
    for (int i = 0; i < n; ++i) workers_.push_back(std::make_unique<Worker>());
    acceptor_.emplace(workers_[0]->ioc);

    beast::error_code ec;
    auto fail = [&](std::string_view what) {
      return Status::IOError("cannot listen on " + options_.host + ":" + std::to_string(options_.port) + ": " +
                             std::string(what) + ": " + ec.message());
    };
    asio::ip::address address = asio::ip::make_address(options_.host, ec);
    if (ec) return fail("bad address");
    tcp::endpoint endpoint(address, options_.port);
    acceptor_->open(endpoint.protocol(), ec);
    if (ec) return fail("open");
    acceptor_->set_option(asio::socket_base::reuse_address(true), ec);
    if (ec) return fail("SO_REUSEADDR");
    acceptor_->bind(endpoint, ec);
    if (ec) return fail("bind");
    acceptor_->listen(asio::socket_base::max_listen_connections, ec);
    if (ec) return fail("listen");
    port_ = acceptor_->local_endpoint(ec).port();
    if (ec) return fail("local_endpoint");

    Accept();
    for (auto& w : workers_) {
      Worker* worker = w.get();
      worker->thread = std::thread([worker] { worker->ioc.run(); });
    }
    return Status::OK();
  }

  void Stop() {
    if (stopped_.exchange(true)) return;
    asio::post(workers_[0]->ioc, [this] {
      beast::error_code ec;
      acceptor_->close(ec);
    });
    for (auto& w : workers_) {
      Worker* worker = w.get();
      asio::post(worker->ioc, [worker] {
        worker->stopping = true;
        // Shutdown may end a session (and erase it) only later, from its
        // own completion handler, so iterating here is safe.
        for (Session* s : worker->sessions) s->Shutdown();
      });
      worker->guard.reset();
    }
    for (auto& w : workers_) {
      if (w->thread.joinable()) w->thread.join();
    }
  }

  uint16_t port() const { return port_; }
  const std::string& host() const { return options_.host; }

 private:
  void Accept() {
    Worker* target = workers_[next_worker_].get();
    next_worker_ = (next_worker_ + 1) % workers_.size();
    acceptor_->async_accept(target->ioc, [this, target](beast::error_code ec, Socket socket) {
      if (ec == asio::error::operation_aborted || !acceptor_->is_open()) return;
      if (!ec) {
        // The socket belongs to target's io_context; the session is made
        // on its thread so that the session set needs no lock.
        asio::post(target->ioc, [this, target, s = std::move(socket)]() mutable {
          std::make_shared<Session>(std::move(s), target, options_, handler_)->Start();
        });
      }
      // Other errors (EMFILE, a connection reset while queued) concern one
      // connection: keep accepting.
      Accept();
    });
  }

  HttpServerOptions options_;
  RequestHandler* handler_;
  std::vector<std::unique_ptr<Worker>> workers_;
  std::optional<tcp::acceptor> acceptor_;
  size_t next_worker_ = 0;  // used on workers_[0]'s thread only
  uint16_t port_ = 0;
  std::atomic<bool> stopped_{false};
};

Result<std::unique_ptr<HttpServer>> HttpServer::Start(const HttpServerOptions& options,
                                                      RequestHandler* handler) {
  auto impl = std::make_unique<Impl>(options, handler);
  Status s = impl->Listen();
  if (!s.ok()) return s;
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HttpServer::~HttpServer() { Stop(); }
void HttpServer::Stop() { impl_->Stop(); }
uint16_t HttpServer::port() const { return impl_->port(); }
const std::string& HttpServer::host() const { return impl_->host(); }

}  // namespace dynarock::server
