#include "server/http_session.h"

#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/read.hpp>
#include <array>

namespace dynarock::server {

namespace beast = boost::beast;
using boost::system::error_code;

std::string RenderResponseHead(const HttpResponse& res) {
  std::string head;
  head.reserve(256);
  head += res.version() == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
  head += std::to_string(res.result_int());
  head += ' ';
  beast::string_view reason = res.reason();
  head.append(reason.data(), reason.size());
  head += "\r\n";
  for (const auto& field : res) {
    head.append(field.name_string().data(), field.name_string().size());
    head += ": ";
    head.append(field.value().data(), field.value().size());
    head += "\r\n";
  }
  head += "\r\n";
  return head;
}

// ------------------------------------------------------------------ Worker

void Worker::StartSweep(Clock::duration interval) {
  sweep_timer.expires_after(interval);
  sweep_timer.async_wait([this, interval](error_code ec) {
    // While stopping, sweeping goes on until the last session has ended:
    // one may still be lingering after its last response.
    if (ec || (stopping && sessions.empty())) return;
    Clock::time_point now = Clock::now();
    // CloseIfExpired only closes sockets; sessions leave the set later,
    // from their own completion handlers, so iterating here is safe.
    for (Session* s : sessions) s->CloseIfExpired(now);
    StartSweep(interval);
  });
}

void Worker::BeginStop() {
  stopping = true;
  if (sessions.empty()) sweep_timer.cancel();
  // Shutdown ends a session (and erases it) only later, from its own
  // completion handler, so iterating here is safe.
  for (Session* s : sessions) s->Shutdown();
}

// ----------------------------------------------------------------- Session

Session::Session(Socket socket, Worker* worker, Worker* lane, bool lane_runs_all, const HttpServerOptions& options,
                 RequestHandler* handler)
    : socket_(std::move(socket)),
      worker_(worker),
      lane_(lane),
      lane_runs_all_(lane_runs_all),
      options_(options),
      handler_(handler) {
  // A flat_buffer starts with room for 512 bytes and Beast reads at most
  // what fits: a typical request (500-1000 bytes) would take two reads.
  buffer_.reserve(16384);
  worker_->sessions.insert(this);
}

Session::~Session() {
  worker_->sessions.erase(this);
  // The last session of a stopping worker: nothing left to sweep, and the
  // pending sweep must not keep the worker's thread up until it fires.
  if (worker_->stopping && worker_->sessions.empty()) worker_->sweep_timer.cancel();
}

void Session::Start() {
  error_code ec;
  socket_.set_option(tcp::no_delay(true), ec);
  if (worker_->stopping) return Close();
  Read();
}

void Session::Shutdown() {
  closing_ = true;
  if (reading_) Close();
}

void Session::CloseIfExpired(Clock::time_point now) {
  if (deadline_ <= now) Close();
}

void Session::Read() {
  if (closing_) return Close();
  parser_.emplace();
  parser_->body_limit(options_.body_limit);
  parser_->header_limit(static_cast<uint32_t>(options_.header_limit));
  deadline_ = Clock::now() + options_.request_timeout;
  reading_ = true;
  http::async_read_header(socket_, buffer_, *parser_,
                          [self = shared_from_this()](error_code ec, size_t) { self->OnHeader(ec); });
}

void Session::OnHeader(error_code ec) {
  if (ec || parser_->is_done()) return OnRead(ec);
  // A client that asks whether to send its body (curl does above 1 MB)
  // is told to go ahead. One over the body limit never gets here: the
  // parser refuses its Content-Length with the header.
  const HttpRequest& req = parser_->get();
  if (req.version() >= 11 && beast::iequals(req[http::field::expect], "100-continue")) {
    static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
    asio::async_write(socket_, asio::buffer(kContinue.data(), kContinue.size()),
                      [self = shared_from_this()](error_code ec, size_t) {
                        if (ec) return self->OnRead(ec);
                        self->ReadBody();
                      });
    return;
  }
  ReadBody();
}

void Session::ReadBody() {
  http::async_read(socket_, buffer_, *parser_,
                   [self = shared_from_this()](error_code ec, size_t) { self->OnRead(ec); });
}

void Session::OnRead(error_code ec) {
  reading_ = false;
  deadline_ = Clock::time_point::max();
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

  const HttpRequest& req = parser_->get();
  res_ = {};
  op_ = {};
  if (!handler_->Begin(req, res_, &op_)) return Respond();
  if (lane_ != nullptr && (op_.writes || lane_runs_all_)) return RunOnLane();
  handler_->Run(req, op_);
  handler_->End(req, op_, res_);
  Respond();
}

// Runs the operation on the write lane, then completes and sends the
// answer on this connection's thread. Nothing else touches the session meanwhile: no read
// or write is pending, the deadline is max(), and Shutdown only sets
// closing_ (reading_ is false). The guard keeps this thread's io_context
// running until the answer is back, so a stopping server still sends it
// (Stop joins the lane last).
void Session::RunOnLane() {
  asio::post(lane_->ioc, [self = shared_from_this(),
                          home = asio::make_work_guard(worker_->ioc.get_executor())]() mutable {
    self->handler_->Run(self->parser_->get(), self->op_);
    Worker* worker = self->worker_;  // read before self is moved from
    asio::post(worker->ioc, [self = std::move(self), home = std::move(home)] {
      self->handler_->End(self->parser_->get(), self->op_, self->res_);
      self->Respond();
    });
  });
}

void Session::Respond() {
  res_.version(parser_->get().version());
  res_.keep_alive(parser_->get().keep_alive() && !closing_);
  res_.prepare_payload();
  Write();
}

void Session::Reject(int status) {
  res_ = {};
  handler_->Reject(status, res_);
  res_.version(11);
  res_.keep_alive(false);
  res_.prepare_payload();
  Write();
}

void Session::Write() {
  head_ = RenderResponseHead(res_);
  std::array<asio::const_buffer, 2> buffers{asio::buffer(head_), asio::buffer(res_.body())};
  deadline_ = Clock::now() + options_.request_timeout;
  asio::async_write(socket_, buffers, [self = shared_from_this()](error_code ec, size_t) {
    self->deadline_ = Clock::time_point::max();
    if (ec) return self->Close();
    if (!self->res_.keep_alive()) return self->Linger();
    self->Read();
  });
}

// After a response that ends the connection: stop sending, then read and
// drop what the client is still sending (the rest of an oversized body) for
// a short while, so that closing does not reset the connection before the
// client has read the response.
void Session::Linger() {
  error_code ec;
  socket_.shutdown(tcp::socket::shutdown_send, ec);
  if (ec) return Close();
  deadline_ = Clock::now() + std::chrono::seconds(2);
  DrainSome();
}

void Session::DrainSome() {
  socket_.async_read_some(asio::buffer(drain_, sizeof(drain_)), [self = shared_from_this()](error_code ec, size_t) {
    if (ec) return self->Close();
    self->DrainSome();
  });
}

void Session::Close() {
  error_code ec;
  socket_.shutdown(tcp::socket::shutdown_both, ec);
  socket_.close(ec);
}

}  // namespace dynarock::server
