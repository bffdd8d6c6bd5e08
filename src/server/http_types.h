// The HTTP message types the server passes around, and the interface between
// the connection handling (http_server) and what answers a request
// (dynamo_protocol), so that each is tested without the other.
#pragma once

// Boost 1.74 Asio uses std::exchange without including <utility> (g++ 12, C++20).
#include <utility>

#include <boost/beast/http.hpp>

namespace dynarock::server {

namespace http = boost::beast::http;
using HttpRequest = http::request<http::string_body>;
using HttpResponse = http::response<http::string_body>;

// Answers requests. Called on the server's I/O threads, concurrently:
// implementations must be thread-safe.
class RequestHandler {
 public:
  virtual ~RequestHandler() = default;
  // Fills res (status, headers, body) for a complete request. Never throws.
  virtual void Handle(const HttpRequest& req, HttpResponse& res) = 0;
  // Fills res for a request that could not be read: 413 (body over the
  // limit) or 400 (not HTTP, headers too large). The connection closes after.
  virtual void Reject(int http_status, HttpResponse& res) = 0;
};

}  // namespace dynarock::server
