// The server over real sockets on 127.0.0.1 (port picked by the OS), with
// the fake operation handler of test_client.h.
#include "server/http_server.h"

#include <boost/asio/read.hpp>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <array>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "server/encoding.h"
#include "server/http_session.h"
#include "server/test_client.h"

namespace dynarock::server {
namespace {

using testing::Client;
using testing::Request;
using testing::TestServer;
namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

void RequireWireHeaders(const beast::http::response<beast::http::string_body>& res) {
  REQUIRE(res["x-amzn-RequestId"].size() == 52);
  REQUIRE(std::string(res["x-amz-crc32"]) == std::to_string(Crc32(res.body())));
}

TEST_CASE("many requests on one keep-alive connection", "[http]") {
  TestServer s;
  Client c(s.port());
  std::set<std::string> ids;
  for (int i = 0; i < 500; ++i) {
    std::string body = R"({"i":)" + std::to_string(i) + "}";
    auto res = c.RoundTrip(Request("Echo", body));
    REQUIRE(res.result_int() == 200);
    REQUIRE(res.body() == body);
    REQUIRE(res.keep_alive());
    RequireWireHeaders(res);
    REQUIRE(res[beast::http::field::content_type] == "application/x-amz-json-1.0");
    ids.insert(std::string(res["x-amzn-RequestId"]));
  }
  REQUIRE(ids.size() == 500);
}

TEST_CASE("pipelined requests are answered in order", "[http]") {
  TestServer s;
  Client c(s.port());
  std::string batch;
  for (int i = 0; i < 20; ++i) batch += Request("Echo", std::to_string(i));
  c.Send(batch);
  for (int i = 0; i < 20; ++i) REQUIRE(c.Read().body() == std::to_string(i));
}

TEST_CASE("Connection: close and HTTP/1.0 end the connection after the response", "[http]") {
  TestServer s;
  {
    Client c(s.port());
    auto res = c.RoundTrip(Request("Echo", "{}", "Connection: close\r\n"));
    REQUIRE(res.result_int() == 200);
    REQUIRE_FALSE(res.keep_alive());
    REQUIRE(c.ReadsEof());
  }
  {
    Client c(s.port());
    std::string r = Request("Echo", "{}");
    r.replace(r.find("HTTP/1.1"), 8, "HTTP/1.0");
    auto res = c.RoundTrip(r);
    REQUIRE(res.body() == "{}");
    REQUIRE(c.ReadsEof());
  }
}

// Reads raw bytes up to and including the first blank line.
std::string ReadHead(Client& c) {
  std::string head;
  char ch;
  while (!head.ends_with("\r\n\r\n")) {
    asio::read(c.socket(), asio::buffer(&ch, 1));
    head += ch;
  }
  return head;
}

TEST_CASE("Expect: 100-continue gets 100 Continue, then the answer", "[http]") {
  TestServer s;
  std::string body = R"({"big":"body"})";
  std::string request = Request("Echo", body, "Expect: 100-continue\r\n");
  std::string head = request.substr(0, request.size() - body.size());

  Client c(s.port());
  c.Send(head);
  REQUIRE(ReadHead(c) == "HTTP/1.1 100 Continue\r\n\r\n");
  c.Send(body);
  auto res = c.Read();
  REQUIRE(res.result_int() == 200);
  REQUIRE(res.body() == body);
  // The connection goes on as usual, with and without the header.
  REQUIRE(c.RoundTrip(Request("Echo", "1")).body() == "1");
  c.Send(head);
  REQUIRE(ReadHead(c) == "HTTP/1.1 100 Continue\r\n\r\n");
  c.Send(body);
  REQUIRE(c.Read().body() == body);

  // A client that sends its body without waiting still gets both answers.
  Client eager(s.port());
  eager.Send(request);
  REQUIRE(eager.Read().result_int() == 100);
  REQUIRE(eager.Read().body() == body);

  // No body, nothing to continue: the answer comes at once.
  Client empty(s.port());
  REQUIRE(empty.RoundTrip(Request("Echo", "", "Expect: 100-continue\r\n")).result_int() == 200);
}

TEST_CASE("Expect: 100-continue with a body over the limit gets 413, not 100", "[http]") {
  HttpServerOptions options;
  options.body_limit = 100;
  TestServer s(options);
  Client c(s.port());
  std::string request = Request("Echo", std::string(101, 'x'), "Expect: 100-continue\r\n");
  c.Send(request.substr(0, request.size() - 101));
  auto res = c.Read();
  REQUIRE(res.result_int() == 413);
  REQUIRE_FALSE(res.keep_alive());
}

TEST_CASE("response heads are rendered byte for byte", "[http]") {
  HttpResponse res{http::status::ok, 11};
  res.set("x-amzn-RequestId", "ABC");
  res.set(http::field::content_type, "application/x-amz-json-1.0");
  res.body() = "{}";
  res.keep_alive(true);
  res.prepare_payload();
  REQUIRE(RenderResponseHead(res) ==
          "HTTP/1.1 200 OK\r\nx-amzn-RequestId: ABC\r\n"
          "Content-Type: application/x-amz-json-1.0\r\nContent-Length: 2\r\n\r\n");

  HttpResponse closing{http::status::payload_too_large, 11};
  closing.keep_alive(false);
  closing.prepare_payload();
  REQUIRE(RenderResponseHead(closing) ==
          "HTTP/1.1 413 Payload Too Large\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");

  HttpResponse old{http::status::not_found, 10};
  old.keep_alive(true);
  old.body() = "x";
  old.prepare_payload();
  REQUIRE(RenderResponseHead(old) ==
          "HTTP/1.0 404 Not Found\r\nConnection: keep-alive\r\nContent-Length: 1\r\n\r\n");
}

TEST_CASE("health check over the wire", "[http]") {
  TestServer s;
  Client c(s.port());
  auto res = c.RoundTrip("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
  REQUIRE(res.result_int() == 200);
  REQUIRE(res.body() == "healthy: dynamodb.us-east-1.amazonaws.com ");
  RequireWireHeaders(res);
}

TEST_CASE("gzip both ways over the wire", "[http]") {
  TestServer s;
  Client c(s.port());
  std::string body = R"({"data":")" + std::string(20000, 'q') + R"("})";
  std::string gz = GzipCompress(body).value();
  std::string r = "POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: DynamoDB_20120810.Echo\r\n"
                  "Content-Type: application/x-amz-json-1.0\r\nX-Amz-Date: 20240102T030405Z\r\n"
                  "Authorization: " + std::string(testing::kAuth) +
                  "\r\nContent-Encoding: gzip\r\nAccept-Encoding: gzip, deflate\r\nContent-Length: " +
                  std::to_string(gz.size()) + "\r\n\r\n" + gz;
  auto res = c.RoundTrip(r);
  REQUIRE(res.result_int() == 200);
  REQUIRE(res[beast::http::field::content_encoding] == "gzip");
  RequireWireHeaders(res);  // CRC32 of the gzip bytes, as the SDKs check it
  std::string plain;
  REQUIRE(GzipDecompress(res.body(), 1 << 20, &plain) == GunzipError::kNone);
  REQUIRE(plain == body);
}

TEST_CASE("16 MB request limit: 413 at the limit + 1, a body at the limit passes", "[http]") {
  TestServer s;
  {
    // Only the headers are sent: the declared length alone is refused.
    Client c(s.port());
    std::string r = Request("Put", "");
    r.replace(r.find("Content-Length: 0"), 17, "Content-Length: " + std::to_string((16 << 20) + 1));
    auto res = c.RoundTrip(r);
    REQUIRE(res.result_int() == 413);
    RequireWireHeaders(res);
    REQUIRE_FALSE(res.keep_alive());
    REQUIRE(c.ReadsEof());
  }
  {
    // A client that sends the whole oversized body still reads the 413.
    Client c(s.port());
    std::string big((16 << 20) + 1, 'x');
    std::thread writer([&] {
      boost::system::error_code ec;
      std::string r = Request("Put", big);
      asio::write(c.socket(), asio::buffer(r), ec);  // may fail once the server closes
    });
    auto res = c.Read();
    writer.join();
    REQUIRE(res.result_int() == 413);
  }
  {
    Client c(s.port());
    std::string body = "\"" + std::string((16 << 20) - 2, 'y') + "\"";
    auto res = c.RoundTrip(Request("Echo", body));
    REQUIRE(res.result_int() == 200);
    REQUIRE(res.body().size() == body.size());
  }
  REQUIRE(s.ops.stored() == 0);
}

TEST_CASE("garbage, truncated and oversized-header requests do not stop the server", "[http]") {
  TestServer s;
  Client writer(s.port());
  REQUIRE(writer.RoundTrip(Request("Put", R"({"n":1})")).result_int() == 200);

  SECTION("garbage bytes get 400 and a close") {
    Client c(s.port());
    std::string garbage;
    for (int i = 0; i < 2000; ++i) garbage.push_back(static_cast<char>((i * 7919) % 256));
    c.Send("\x16\x03\x01" + garbage + "\r\n\r\n");
    auto res = c.Read();
    REQUIRE(res.result_int() == 400);
    REQUIRE(c.ReadsEof());
  }
  SECTION("a bad Content-Length gets 400") {
    Client c(s.port());
    auto res = c.RoundTrip("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n");
    REQUIRE(res.result_int() == 400);
  }
  SECTION("oversized headers get 400") {
    Client c(s.port());
    std::string r = Request("Put", "{}", "X-Big: " + std::string(70000, 'h') + "\r\n");
    c.Send(r.substr(0, r.size()));
    auto res = c.Read();
    REQUIRE(res.result_int() == 400);
  }
  SECTION("a truncated request followed by a disconnect") {
    Client c(s.port());
    std::string r = Request("Put", R"({"n":2,"pad":"xxxxxxxxxxxxxxxxxxxxxxx"})");
    c.Send(r.substr(0, r.size() - 10));
    // Destroying the client closes the socket mid-body.
  }
  SECTION("a disconnect in the middle of the headers") {
    Client c(s.port());
    c.Send("POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Tar");
  }
  SECTION("a client that closes before reading its response") {
    Client c(s.port());
    c.Send(Request("Echo", std::string(200000, 'r')));
  }
  // The server still serves, and only the complete write was stored.
  Client c(s.port());
  auto res = c.RoundTrip(Request("Get", ""));
  REQUIRE(res.result_int() == 200);
  REQUIRE(res.body() == R"([{"n":1}])");
  REQUIRE(writer.RoundTrip(Request("Get", "")).body() == R"([{"n":1}])");
}

TEST_CASE("a slow client is cut off by the request timeout while others are served", "[http]") {
  HttpServerOptions options;
  options.threads = 1;  // one thread: a held thread would block the fast client
  options.request_timeout = std::chrono::milliseconds(300);
  TestServer s(options);
  Client slow(s.port());
  std::string r = Request("Put", R"({"slow":true})");
  slow.Send(r.substr(0, 30));
  Client fast(s.port());
  REQUIRE(fast.RoundTrip(Request("Echo", "{}")).result_int() == 200);
  REQUIRE(slow.ReadsEof());  // closed by the server, without a response
  REQUIRE(s.ops.stored() == 0);
}

TEST_CASE("concurrent clients each get their own answers", "[http]") {
  TestServer s;
  constexpr int kClients = 8, kRequests = 200;
  std::atomic<int> good{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kClients; ++t) {
    threads.emplace_back([&, t] {
      Client c(s.port());
      for (int i = 0; i < kRequests; ++i) {
        std::string body = std::to_string(t * 100000 + i);
        auto res = c.RoundTrip(Request(i % 10 == 0 ? "Put" : "Echo", body));
        if (res.result_int() == 200 && (i % 10 == 0 || res.body() == body)) ++good;
      }
    });
  }
  for (auto& t : threads) t.join();
  REQUIRE(good == kClients * kRequests);
  REQUIRE(s.ops.stored() == kClients * kRequests / 10);
}

TEST_CASE("Stop closes idle connections and joins; a second Stop is a no-op", "[http]") {
  TestServer s;
  Client idle(s.port());
  REQUIRE(idle.RoundTrip(Request("Echo", "{}")).result_int() == 200);
  uint16_t port = s.port();
  s.server->Stop();
  REQUIRE(idle.ReadsEof());
  s.server->Stop();
  boost::system::error_code ec;
  asio::io_context ioc;
  tcp::socket sock(ioc);
  sock.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), ec);
  REQUIRE(ec);  // nothing listens any more
}

TEST_CASE("Stop lets a request in progress finish, also a write on the lane", "[http]") {
  // "Slow" runs on the connection's thread, "PutItem" on the write lane.
  for (std::string op : {"Slow", "PutItem"}) {
    INFO(op);
    std::atomic<bool> entered{false};
    std::atomic<bool> release{false};
    DynamoProtocol protocol({}, [&](std::string_view, std::string_view body) {
      entered = true;
      while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(1));
      return OperationResult{200, std::string(body)};
    });
    HttpServerOptions options;
    options.port = 0;
    auto server = HttpServer::Start(options, &protocol).value();
    Client c(server->port());
    c.Send(Request(op, "{\"x\":1}"));
    while (!entered) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    std::thread stopper([&] { server->Stop(); });
    // Usually Stop is waiting by now; either way the answer must arrive
    // whole and the connection must then close.
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    release = true;
    stopper.join();
    auto res = c.Read();
    REQUIRE(res.result_int() == 200);
    REQUIRE(res.body() == "{\"x\":1}");
    REQUIRE(c.ReadsEof());
  }
}

// Records which thread answered each operation.
struct ThreadRecorder {
  std::mutex mu;
  std::map<std::string, std::set<std::thread::id>> threads;
  OperationResult operator()(std::string_view op, std::string_view body) {
    std::lock_guard lock(mu);
    threads[std::string(op)].insert(std::this_thread::get_id());
    return {200, std::string(body)};
  }
};

// Runs a server with three I/O threads over a ThreadRecorder and drives six
// clients on their own connections (dealt round-robin to the threads) with
// a mix of item writes and reads; every answer must be the request's own.
// Returns which threads answered each operation.
std::map<std::string, std::set<std::thread::id>> ThreadsPerOperation(bool write_lane) {
  ThreadRecorder recorder;
  DynamoProtocol protocol({}, std::ref(recorder));
  HttpServerOptions options;
  options.port = 0;
  options.threads = 3;
  options.write_lane = write_lane;
  auto server = HttpServer::Start(options, &protocol).value();
  constexpr int kClients = 6, kRequests = 50;
  std::atomic<int> good{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < kClients; ++t) {
    clients.emplace_back([port = server->port(), &good] {
      Client c(port);
      for (int i = 0; i < kRequests; ++i) {
        const char* op = std::array{"PutItem", "GetItem", "UpdateItem", "Query", "BatchWriteItem"}[i % 5];
        std::string body = "{\"i\":" + std::to_string(i) + "}";
        auto res = c.RoundTrip(Request(op, body));
        if (res.result_int() == 200 && res.body() == body) ++good;
      }
    });
  }
  for (auto& c : clients) c.join();
  server->Stop();
  REQUIRE(good == kClients * kRequests);
  return recorder.threads;
}

TEST_CASE("item writes run on the one write lane; reads on the connections' threads", "[http]") {
  auto threads = ThreadsPerOperation(/*write_lane=*/true);
  std::set<std::thread::id> writers, readers;
  for (const char* op : {"PutItem", "UpdateItem", "BatchWriteItem"}) {
    writers.insert(threads[op].begin(), threads[op].end());
  }
  for (const char* op : {"GetItem", "Query"}) readers.insert(threads[op].begin(), threads[op].end());
  REQUIRE(writers.size() == 1);
  REQUIRE(readers.size() == 3);  // six connections over three threads
  REQUIRE_FALSE(readers.contains(*writers.begin()));
}

TEST_CASE("without the write lane, writes run on the connections' threads", "[http]") {
  auto threads = ThreadsPerOperation(/*write_lane=*/false);
  REQUIRE(threads["PutItem"].size() == 3);
  REQUIRE(threads["PutItem"] == threads["GetItem"]);
}

// DynamoProtocol over an echo, recording on which threads Begin and Run of
// each operation ran.
class StepRecorder : public RequestHandler {
 public:
  bool Begin(const HttpRequest& req, HttpResponse& res, PendingOperation* op) override {
    bool pending = protocol_.Begin(req, res, op);
    if (pending) Record(begin_, op->operation);
    return pending;
  }
  void Run(const HttpRequest& req, PendingOperation& op) override {
    Record(run_, op.operation);
    protocol_.Run(req, op);
  }
  void End(const HttpRequest& req, PendingOperation& op, HttpResponse& res) override { protocol_.End(req, op, res); }
  void Reject(int status, HttpResponse& res) override { protocol_.Reject(status, res); }

  std::set<std::thread::id> BeginThreads(const std::string& op) { return Get(begin_, op); }
  std::set<std::thread::id> RunThreads(const std::string& op) { return Get(run_, op); }

 private:
  using Threads = std::map<std::string, std::set<std::thread::id>>;
  void Record(Threads& threads, std::string_view op) {
    std::lock_guard lock(mu_);
    threads[std::string(op)].insert(std::this_thread::get_id());
  }
  std::set<std::thread::id> Get(Threads& threads, const std::string& op) {
    std::lock_guard lock(mu_);
    return threads[op];
  }
  DynamoProtocol protocol_{{}, [](std::string_view, std::string_view body) {
                             return OperationResult{200, std::string(body)};
                           }};
  std::mutex mu_;
  Threads begin_, run_;
};

TEST_CASE("with one or two connection threads, every operation runs on the lane", "[http]") {
  for (int threads : {1, 2}) {
    INFO(threads);
    StepRecorder recorder;
    HttpServerOptions options;
    options.port = 0;
    options.threads = threads;
    auto server = HttpServer::Start(options, &recorder).value();
    std::vector<std::unique_ptr<Client>> clients;  // one per connection thread
    for (int t = 0; t < threads; ++t) clients.push_back(std::make_unique<Client>(server->port()));
    for (auto& c : clients) {
      for (const char* op : {"PutItem", "GetItem", "Query", "DescribeTable", "DeleteItem"}) {
        REQUIRE(c->RoundTrip(Request(op, "{}")).body() == "{}");
      }
    }
    server->Stop();
    std::set<std::thread::id> begin, run;
    for (std::string op : {"PutItem", "GetItem", "Query", "DescribeTable", "DeleteItem"}) {
      auto b = recorder.BeginThreads(op), r = recorder.RunThreads(op);
      begin.insert(b.begin(), b.end());
      run.insert(r.begin(), r.end());
    }
    REQUIRE(begin.size() == static_cast<size_t>(threads));
    REQUIRE(run.size() == 1);
    REQUIRE_FALSE(begin.contains(*run.begin()));
  }
}

TEST_CASE("binding a used port fails with IOError naming the address", "[http]") {
  TestServer s;
  HttpServerOptions options;
  options.port = s.port();
  DynamoProtocol protocol({}, [](std::string_view, std::string_view) { return OperationResult{}; });
  auto r = HttpServer::Start(options, &protocol);
  REQUIRE_FALSE(r.ok());
  REQUIRE(r.status().code() == ErrorCode::kIOError);
  REQUIRE(r.status().message().find("127.0.0.1:" + std::to_string(s.port())) != std::string::npos);
  options.host = "not-an-address";
  REQUIRE_FALSE(HttpServer::Start(options, &protocol).ok());
}

}  // namespace
}  // namespace dynarock::server
