// One HTTP/1.1 connection (Session) and the I/O thread it lives on (Worker):
// the inside of HttpServer, see http_server.h for the threading rules.
//
// A session reads a request with Beast's parser, answers it with the
// RequestHandler (its operation here, or on the write lane when it is an
// item write), and writes the response
// itself: the head is rendered into one string (RenderResponseHead) and
// sent with the body in one gather write, which costs a fraction of Beast's
// serializer. Time limits are deadlines checked by the worker's sweep
// timer rather than a timer armed per read and write.
#pragma once

#include <utility>  // before Asio (see http_types.h)

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <unordered_set>

#include "server/http_server.h"
#include "server/http_types.h"

namespace dynarock::server {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
// Sockets bound to the concrete io_context executor: the default
// polymorphic any_io_executor costs a type-erased copy per operation.
using Executor = asio::io_context::executor_type;
using Socket = asio::basic_stream_socket<tcp, Executor>;
using Clock = std::chrono::steady_clock;

class Session;

// One io_context and its thread. `sessions` and `stopping` are touched only
// on that thread.
struct Worker {
  asio::io_context ioc{1};
  asio::executor_work_guard<Executor> guard{ioc.get_executor()};
  asio::steady_timer sweep_timer{ioc};
  std::unordered_set<Session*> sessions;
  bool stopping = false;
  std::thread thread;

  // Every interval, closes the sessions whose deadline has passed; stops
  // once stopping with no session left.
  void StartSweep(Clock::duration interval);
  // On this worker's thread: close idle sessions, let the others finish
  // their response (and linger), then stop sweeping.
  void BeginStop();
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  // lane: the write lane's worker, or null when writes run here too;
  // lane_runs_all: every operation, not only item writes, runs there.
  Session(Socket socket, Worker* worker, Worker* lane, bool lane_runs_all, const HttpServerOptions& options,
          RequestHandler* handler);
  ~Session();

  void Start();
  // Server stop: an idle connection closes now; one whose request is being
  // answered closes after its response is written.
  void Shutdown();
  // Closes the connection if its deadline is before now (see Worker).
  void CloseIfExpired(Clock::time_point now);

 private:
  void Read();
  void OnHeader(boost::system::error_code ec);
  void ReadBody();
  void OnRead(boost::system::error_code ec);
  void RunOnLane();
  void Respond();
  void Reject(int status);
  void Write();
  void Linger();
  void DrainSome();
  void Close();

  Socket socket_;
  Worker* worker_;
  Worker* lane_;
  bool lane_runs_all_;
  const HttpServerOptions& options_;
  RequestHandler* handler_;
  boost::beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  PendingOperation op_;
  HttpResponse res_;
  std::string head_;  // the rendered status line and headers of res_
  // When the pending read or write must have finished; max() while the
  // request is being answered.
  Clock::time_point deadline_ = Clock::time_point::max();
  bool reading_ = false;
  bool closing_ = false;
  char drain_[4096];
};

// "HTTP/1.1 200 OK\r\n", every field in order as "Name: value\r\n", then
// the blank line: what precedes the body on the wire.
std::string RenderResponseHead(const HttpResponse& res);

}  // namespace dynarock::server
