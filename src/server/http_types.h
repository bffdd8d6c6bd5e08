// The HTTP message types the server passes around, and the interface between
// the connection handling (http_server) and what answers a request
// (dynamo_protocol), so that each is tested without the other.
#pragma once

// Boost 1.74 Asio uses std::exchange without including <utility> (g++ 12, C++20).
#include <utility>

#include <boost/beast/http.hpp>
#include <string>
#include <string_view>

namespace dynarock::server {

namespace http = boost::beast::http;
using HttpRequest = http::request<http::string_body>;
using HttpResponse = http::response<http::string_body>;

// A request that passed the protocol's checks, on its way through the
// operation (see RequestHandler).
struct PendingOperation {
  std::string_view operation;  // points into the request's headers
  bool gunzipped = false;      // the body is `decoded`, not the request's
  std::string decoded;
  bool amz_json = true;        // answer as application/x-amz-json-1.0
  bool writes = false;         // an item write: the server may run it on its write lane
  // The operation's answer, set by Run.
  int http_status = 0;
  std::string response_body;

  std::string_view Body(const std::string& request_body) const {
    return gunzipped ? std::string_view(decoded) : std::string_view(request_body);
  }
};

// Answers requests in up to three steps, so that the server can run the
// operation itself elsewhere (an item write on its write lane) while the
// protocol's work stays on the connection's thread: Begin checks the
// request and either answers it (returns false) or fills a PendingOperation
// (returns true); Run runs the operation; End puts its answer into the
// response. Called on the server's threads, concurrently: implementations
// must be thread-safe. Never throw.
class RequestHandler {
 public:
  virtual ~RequestHandler() = default;
  virtual bool Begin(const HttpRequest& req, HttpResponse& res, PendingOperation* op) = 0;
  virtual void Run(const HttpRequest& req, PendingOperation& op) = 0;
  virtual void End(const HttpRequest& req, PendingOperation& op, HttpResponse& res) = 0;
  // Fills res for a request that could not be read: 413 (body over the
  // limit) or 400 (not HTTP, headers too large). The connection closes after.
  virtual void Reject(int http_status, HttpResponse& res) = 0;

  // All three steps on the calling thread: fills res (status, headers,
  // body) for a complete request.
  void Handle(const HttpRequest& req, HttpResponse& res) {
    PendingOperation op;
    if (!Begin(req, res, &op)) return;
    Run(req, op);
    End(req, op, res);
  }
};

}  // namespace dynarock::server
