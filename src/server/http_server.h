// HttpServer: HTTP/1.1 with keep-alive on Boost.Beast, answering with a
// RequestHandler.
//
// One io_context per thread, each run by exactly one thread: a connection
// lives on one of them (accepted connections are dealt round-robin), so a
// connection's handlers never run concurrently and need no strand or lock.
// The handler runs on that thread, except for the operation of an item
// write (PendingOperation::writes): with write_lane on, that step (Run)
// runs on one extra thread, the write lane, and the answer goes back to
// the connection's thread to be completed and sent. Why: when two threads
// write to RocksDB at once, one waits for the other's write group by
// spinning and sched_yield; on a small machine that wait costs more than
// the write (measured on 2 cores: 28.7 -> 24.6 us of server CPU per
// PutItem, docs/performance.md). Reads never wait on each other and stay
// on the connection's thread, except when there are only one or two
// connection threads: then every operation runs on the lane, so that the
// threads form a pipeline (on 2 cores shared with a load generator, two
// connection threads and the lane gave 87-98k GetItem/s with a p99 under
// 1 ms, against 92-108k with a p99 of 2-4 ms with reads on the connection
// threads).
// TCP_NODELAY is set on every connection.
// Reading one request (headers and body) must finish within
// request_timeout, or the connection is closed: a slow or silent client
// costs a socket, never a thread.
//
// Thread-safety: Stop may be called from any thread, once or more.
// Ownership: does not own the handler, which must outlive the server.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "dynarock/status.h"
#include "server/http_types.h"

namespace dynarock::server {

struct HttpServerOptions {
  // Address to listen on.
  // Default: "127.0.0.1"
  std::string host = "127.0.0.1";
  // Port; 0 lets the OS pick (see HttpServer::port()).
  // Default: 8000
  uint16_t port = 8000;
  // I/O threads; 0 = std::thread::hardware_concurrency().
  // Default: 0
  int threads = 0;
  // Run item writes' operations on one dedicated thread (see above).
  // Default: true
  bool write_lane = true;
  // Largest request body; larger gets 413 and the connection closes.
  // Default: 16 MiB (DynamoDB's request limit)
  size_t body_limit = size_t{16} << 20;
  // Largest request line plus headers; larger gets 400 and a close.
  // Default: 64 KiB
  size_t header_limit = size_t{64} << 10;
  // Time allowed to receive one whole request, including the wait for it
  // on an idle keep-alive connection, and to send one response.
  // Default: 60 s
  std::chrono::milliseconds request_timeout{60000};
};

class HttpServer {
 public:
  // Binds, listens and starts the I/O threads. Returns the running server,
  // or IOError if the address cannot be bound (names host:port and why).
  static Result<std::unique_ptr<HttpServer>> Start(const HttpServerOptions& options,
                                                   RequestHandler* handler);

  // Stops: closes the listener, closes idle connections, lets requests in
  // progress finish and their responses go out, then joins the threads.
  ~HttpServer();
  void Stop();

  // The bound port (the OS's pick when options.port was 0).
  uint16_t port() const;
  const std::string& host() const;

  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  class Impl;

 private:
  explicit HttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace dynarock::server
