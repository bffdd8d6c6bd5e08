// Test helpers: a server on 127.0.0.1 port 0 over a fake operation handler,
// and a raw-socket HTTP client. Every socket has a receive timeout, so a
// test that goes wrong fails instead of hanging.
#pragma once

#include <utility>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "server/dynamo_protocol.h"
#include "server/http_server.h"

namespace dynarock::server::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

// A stand-in for JsonApi: "Put" stores the body under a counter, "Get"
// returns the stored bodies as a JSON array, "Echo" answers the body,
// "Fail" answers a ValidationException, anything else UnknownOperation.
class FakeOperations {
 public:
  OperationResult Handle(std::string_view op, std::string_view body) {
    if (op == "Echo") return {200, std::string(body)};
    if (op == "Put") {
      std::lock_guard lock(mu_);
      stored_.push_back(std::string(body));
      return {200, "{}"};
    }
    if (op == "Get") {
      std::lock_guard lock(mu_);
      std::string out = "[";
      for (size_t i = 0; i < stored_.size(); ++i) out += (i ? "," : "") + stored_[i];
      return {200, out + "]"};
    }
    if (op == "Fail") {
      return {400, R"({"__type":"com.amazonaws.dynamodb.v20120810#ValidationException","message":"bad"})"};
    }
    return {400, R"({"__type":"com.amazon.coral.service#UnknownOperationException"})"};
  }
  size_t stored() {
    std::lock_guard lock(mu_);
    return stored_.size();
  }

 private:
  std::mutex mu_;
  std::vector<std::string> stored_;
};

// DynamoProtocol over FakeOperations behind an HttpServer on 127.0.0.1:0.
struct TestServer {
  explicit TestServer(HttpServerOptions options = {}, ProtocolOptions protocol_options = {})
      : protocol(protocol_options,
                 [this](std::string_view op, std::string_view body) { return ops.Handle(op, body); }) {
    options.host = "127.0.0.1";
    options.port = 0;
    if (options.threads == 0) options.threads = 2;
    auto started = HttpServer::Start(options, &protocol);
    if (!started.ok()) throw std::runtime_error(started.status().message());
    server = std::move(started).value();
  }
  uint16_t port() const { return server->port(); }

  FakeOperations ops;
  DynamoProtocol protocol;
  std::unique_ptr<HttpServer> server;
};

inline const char* kAuth =
    "AWS4-HMAC-SHA256 Credential=AKID/20240102/us-east-1/dynamodb/aws4_request, "
    "SignedHeaders=host;x-amz-date, Signature=0123456789abcdef";

// A well-formed DynamoDB request for operation with body.
inline std::string Request(std::string_view op, std::string_view body, std::string_view extra_headers = "") {
  std::string r = "POST / HTTP/1.1\r\nHost: localhost\r\n";
  r += "X-Amz-Target: DynamoDB_20120810." + std::string(op) + "\r\n";
  r += "Content-Type: application/x-amz-json-1.0\r\n";
  r += "X-Amz-Date: 20240102T030405Z\r\n";
  r += "Authorization: " + std::string(kAuth) + "\r\n";
  r += extra_headers;
  r += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  r += body;
  return r;
}

class Client {
 public:
  explicit Client(uint16_t port) : socket_(ioc_) {
    socket_.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    timeval tv{10, 0};  // a hung test fails after 10 s instead of hanging
    setsockopt(socket_.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
  }
  void Send(std::string_view bytes) { asio::write(socket_, asio::buffer(bytes.data(), bytes.size())); }
  // Reads one response; throws on a closed connection or a timeout.
  beast::http::response<beast::http::string_body> Read() {
    beast::http::response_parser<beast::http::string_body> parser;
    parser.body_limit(64u << 20);
    beast::http::read(socket_, buffer_, parser);
    return parser.release();
  }
  beast::http::response<beast::http::string_body> RoundTrip(std::string_view bytes) {
    Send(bytes);
    return Read();
  }
  // True when the server closes the connection (reads until EOF or reset).
  bool ReadsEof() {
    char buf[4096];
    boost::system::error_code ec;
    while (true) {
      socket_.read_some(asio::buffer(buf), ec);
      if (ec == asio::error::eof || ec == asio::error::connection_reset) return true;
      if (ec) return false;  // timeout
    }
  }
  tcp::socket& socket() { return socket_; }

 private:
  asio::io_context ioc_;
  tcp::socket socket_;
  beast::flat_buffer buffer_;
};

}  // namespace dynarock::server::testing
