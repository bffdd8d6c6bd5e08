#include "server/http_server.h"

#include <utility>  // before Asio (see http_types.h)

#include <algorithm>
#include <atomic>
#include <boost/asio/post.hpp>
#include <boost/beast/core/error.hpp>
#include <thread>
#include <vector>

#include "server/http_session.h"

namespace dynarock::server {

namespace beast = boost::beast;

namespace {

// How often each worker looks for connections past their deadline: often
// enough that a limit is kept to within an eighth of itself, never more
// than once every 10 ms.
Clock::duration SweepInterval(std::chrono::milliseconds request_timeout) {
  return std::clamp<Clock::duration>(request_timeout / 8, std::chrono::milliseconds(10), std::chrono::seconds(1));
}

}  // namespace

class HttpServer::Impl {
 public:
  Impl(const HttpServerOptions& options, RequestHandler* handler)
      : options_(options), handler_(handler) {}

  Status Listen() {
    int n = options_.threads > 0 ? options_.threads : static_cast<int>(std::thread::hardware_concurrency());
    if (n <= 0) n = 1;
    for (int i = 0; i < n; ++i) workers_.push_back(std::make_unique<Worker>());
    if (options_.write_lane) lane_ = std::make_unique<Worker>();
    // With one or two connection threads (a small machine), every operation
    // runs on the lane: the threads then form a pipeline (HTTP and protocol
    // | operation) in which each is idle part of the time, rather than two
    // CPU-bound threads that wait for each other's scheduler slices. With
    // more, reads stay on the connection threads so that they scale.
    lane_runs_all_ = lane_ != nullptr && n <= 2;
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
      worker->StartSweep(SweepInterval(options_.request_timeout));
      worker->thread = std::thread([worker] { worker->ioc.run(); });
    }
    if (lane_) lane_->thread = std::thread([lane = lane_.get()] { lane->ioc.run(); });
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
      asio::post(worker->ioc, [worker] { worker->BeginStop(); });
      worker->guard.reset();
    }
    for (auto& w : workers_) {
      if (w->thread.joinable()) w->thread.join();
    }
    // Last: until every connection's thread has ended, a request may still
    // be on the lane or about to be posted to it.
    if (lane_) {
      lane_->guard.reset();
      if (lane_->thread.joinable()) lane_->thread.join();
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
          std::make_shared<Session>(std::move(s), target, lane_.get(), lane_runs_all_, options_, handler_)
              ->Start();
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
  std::unique_ptr<Worker> lane_;  // runs no sessions, only posted operations
  bool lane_runs_all_ = false;
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
