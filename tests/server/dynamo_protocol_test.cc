// DynamoProtocol without sockets: requests built as Beast messages.
#include "server/dynamo_protocol.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "server/encoding.h"
#include "server/test_client.h"
#include "server/timestamps.h"

namespace dynarock::server {
namespace {

using testing::FakeOperations;

// A clock stopped at `amz_date` (YYYYMMDDTHHMMSSZ) plus `extra`.
std::function<std::chrono::system_clock::time_point()> ClockAt(std::string_view amz_date,
                                                               std::chrono::milliseconds extra = {}) {
  std::optional<std::chrono::sys_seconds> t = ParseAmzDate(amz_date);
  REQUIRE(t);
  std::chrono::system_clock::time_point at = *t + extra;
  return [at] { return at; };
}

HttpRequest MakeRequest(std::string_view op, std::string body) {
  HttpRequest req{http::verb::post, "/", 11};
  req.set(http::field::host, "localhost:8000");
  req.set("X-Amz-Target", "DynamoDB_20120810." + std::string(op));
  req.set(http::field::content_type, "application/x-amz-json-1.0");
  req.set("X-Amz-Date", "20240102T030405Z");
  req.set(http::field::authorization, testing::kAuth);
  req.body() = std::move(body);
  req.prepare_payload();
  return req;
}

struct Fixture {
  explicit Fixture(ProtocolOptions options = {})
      : protocol(options, [this](std::string_view op, std::string_view body) { return ops.Handle(op, body); }) {}
  HttpResponse Send(const HttpRequest& req) {
    HttpResponse res;
    protocol.Handle(req, res);
    // Every response carries these three, and the CRC covers the body as sent.
    REQUIRE(res["x-amzn-RequestId"].size() == 52);
    REQUIRE(res[http::field::date].size() == 29);
    REQUIRE(std::string(res[http::field::date]).ends_with(" GMT"));
    REQUIRE(std::string(res["x-amz-crc32"]) == std::to_string(Crc32(res.body())));
    return res;
  }
  std::string Type(const HttpResponse& res) {
    return nlohmann::json::parse(res.body()).at("__type").get<std::string>();
  }
  FakeOperations ops;
  DynamoProtocol protocol;
};

TEST_CASE("a good request reaches the operation handler", "[protocol]") {
  Fixture f;
  HttpResponse res = f.Send(MakeRequest("Echo", R"({"a":1})"));
  REQUIRE(res.result_int() == 200);
  REQUIRE(res.body() == R"({"a":1})");
  REQUIRE(res[http::field::content_type] == "application/x-amz-json-1.0");
  REQUIRE(res[http::field::content_encoding].empty());

  HttpResponse fail = f.Send(MakeRequest("Fail", "{}"));
  REQUIRE(fail.result_int() == 400);
  REQUIRE(f.Type(fail) == "com.amazonaws.dynamodb.v20120810#ValidationException");

  // application/json is accepted and echoed, as DynamoDB does.
  HttpRequest json = MakeRequest("Echo", "{}");
  json.set(http::field::content_type, "application/json; charset=utf-8");
  REQUIRE(f.Send(json)[http::field::content_type] == "application/json");
}

// Begin alone: whether the request gets as far as its operation, and how
// it is marked.
struct Begun {
  bool pending;
  PendingOperation op;
};
Begun BeginOnly(Fixture& f, const HttpRequest& req) {
  Begun b;
  HttpResponse res;
  b.pending = f.protocol.Begin(req, res, &b.op);
  return b;
}

TEST_CASE("the item writes are the operations marked as writing", "[protocol]") {
  Fixture f;
  for (const char* op : {"PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems"}) {
    Begun b = BeginOnly(f, MakeRequest(op, "{}"));
    REQUIRE(b.pending);
    REQUIRE(b.op.operation == op);
    REQUIRE(b.op.writes);
  }
  for (const char* op : {"GetItem", "Query", "Scan", "BatchGetItem", "TransactGetItems", "CreateTable",
                         "DescribeTable", "PutItemX", "Put"}) {
    Begun b = BeginOnly(f, MakeRequest(op, "{}"));
    REQUIRE(b.pending);
    REQUIRE_FALSE(b.op.writes);
  }
  // A request answered by Begin itself never reaches an operation.
  HttpRequest other_service = MakeRequest("PutItem", "{}");
  other_service.set("X-Amz-Target", "DynamoDBStreams_20120810.PutItem");
  REQUIRE_FALSE(BeginOnly(f, other_service).pending);
  other_service.erase("X-Amz-Target");
  REQUIRE_FALSE(BeginOnly(f, other_service).pending);
  REQUIRE(f.ops.stored() == 0);
}

TEST_CASE("the three steps can run apart; a gzip body reaches Run decoded", "[protocol]") {
  Fixture f;
  HttpRequest req = MakeRequest("Echo", GzipCompress(R"({"z":1})").value());
  req.set(http::field::content_encoding, "gzip");
  req.prepare_payload();
  HttpResponse res;
  PendingOperation op;
  REQUIRE(f.protocol.Begin(req, res, &op));
  PendingOperation moved = std::move(op);  // as a server hands it to another thread
  REQUIRE(moved.Body(req.body()) == R"({"z":1})");
  f.protocol.Run(req, moved);
  REQUIRE(moved.http_status == 200);
  f.protocol.End(req, moved, res);
  REQUIRE(res.result_int() == 200);
  REQUIRE(res.body() == R"({"z":1})");
  REQUIRE(std::string(res["x-amz-crc32"]) == std::to_string(Crc32(res.body())));
}

TEST_CASE("GET is DynamoDB's health check", "[protocol]") {
  Fixture f;
  HttpRequest req{http::verb::get, "/", 11};
  HttpResponse res = f.Send(req);
  REQUIRE(res.result_int() == 200);
  REQUIRE(res.body() == "healthy: dynamodb.us-east-1.amazonaws.com ");
}

TEST_CASE("other methods and body types get DynamoDB's 404", "[protocol]") {
  Fixture f;
  for (http::verb v : {http::verb::put, http::verb::delete_, http::verb::head, http::verb::patch}) {
    HttpRequest req{v, "/", 11};
    HttpResponse res = f.Send(req);
    REQUIRE(res.result_int() == 404);
    REQUIRE(res.body() == "<UnknownOperationException/>\n");
    REQUIRE(std::string(res["x-amz-crc32"]) == "3552371480");
  }
  HttpRequest text = MakeRequest("Echo", "{}");
  text.set(http::field::content_type, "text/plain");
  REQUIRE(f.Send(text).result_int() == 404);
}

TEST_CASE("a missing or bad X-Amz-Target is UnknownOperationException", "[protocol]") {
  Fixture f;
  for (std::string target : {"", "DynamoDB_20120810.", "DynamoDB_20111205.GetItem", "GetItem",
                             "DynamoDB_20120810.Get.Item", "dynamodb_20120810.GetItem"}) {
    HttpRequest req = MakeRequest("Echo", "{}");
    if (target.empty()) {
      req.erase("X-Amz-Target");
    } else {
      req.set("X-Amz-Target", target);
    }
    HttpResponse res = f.Send(req);
    REQUIRE(res.result_int() == 400);
    REQUIRE(f.Type(res) == "com.amazon.coral.service#UnknownOperationException");
  }
  REQUIRE(f.ops.stored() == 0);
}

TEST_CASE("malformed JSON is reported before the target and the signature", "[protocol]") {
  Fixture f;
  HttpRequest req = MakeRequest("Echo", "{not json");
  req.erase("X-Amz-Target");
  req.erase(http::field::authorization);
  HttpResponse res = f.Send(req);
  REQUIRE(res.result_int() == 400);
  REQUIRE(f.Type(res) == "com.amazon.coral.service#SerializationException");
}

TEST_CASE("a missing Authorization is MissingAuthenticationTokenException", "[protocol]") {
  Fixture f;
  HttpRequest req = MakeRequest("Put", "{}");
  req.erase(http::field::authorization);
  HttpResponse res = f.Send(req);
  REQUIRE(res.result_int() == 400);
  auto j = nlohmann::json::parse(res.body());
  REQUIRE(j["__type"] == "com.amazon.coral.service#MissingAuthenticationTokenException");
  REQUIRE(j["message"] == "Request is missing Authentication Token");

  HttpRequest no_date = MakeRequest("Put", "{}");
  no_date.erase("X-Amz-Date");
  REQUIRE(f.Type(f.Send(no_date)) == "com.amazon.coral.service#IncompleteSignatureException");
  REQUIRE(f.ops.stored() == 0);
}

TEST_CASE("gzip request bodies are decoded; responses gzipped when accepted", "[protocol]") {
  Fixture f;
  std::string body = R"({"payload":")" + std::string(3000, 'z') + R"("})";
  HttpRequest req = MakeRequest("Echo", GzipCompress(body).value());
  req.set(http::field::content_encoding, "gzip");
  req.set(http::field::accept_encoding, "br;q=1.0, gzip;q=0.8");
  req.prepare_payload();
  HttpResponse res = f.Send(req);  // checks the CRC over the gzip bytes
  REQUIRE(res.result_int() == 200);
  REQUIRE(res[http::field::content_encoding] == "gzip");
  REQUIRE(res.body().size() < body.size());
  std::string plain;
  REQUIRE(GzipDecompress(res.body(), 1 << 20, &plain) == GunzipError::kNone);
  REQUIRE(plain == body);

  HttpRequest refused = MakeRequest("Echo", body);
  refused.set(http::field::accept_encoding, "gzip;q=0, identity");
  REQUIRE(f.Send(refused)[http::field::content_encoding].empty());

  HttpRequest corrupt = MakeRequest("Put", "definitely not gzip");
  corrupt.set(http::field::content_encoding, "gzip");
  HttpResponse bad = f.Send(corrupt);
  REQUIRE(bad.result_int() == 400);
  REQUIRE(f.Type(bad) == "com.amazon.coral.service#SerializationException");
  REQUIRE(f.ops.stored() == 0);
}

TEST_CASE("a gzip body that inflates past the limit is 413", "[protocol]") {
  ProtocolOptions options;
  options.max_body_bytes = 1 << 20;
  Fixture f(options);
  HttpRequest req = MakeRequest("Put", GzipCompress(std::string((1 << 20) + 1, ' ')).value());
  req.set(http::field::content_encoding, "gzip");
  req.prepare_payload();
  HttpResponse res = f.Send(req);
  REQUIRE(res.result_int() == 413);
  REQUIRE(f.ops.stored() == 0);
}

TEST_CASE("with credentials, only valid signatures pass", "[protocol]") {
  CredentialStore store;
  store.Add("AKIDDYNAROCKTEST", "dynarock/secret+key/EXAMPLE");
  ProtocolOptions options;
  options.credentials = &store;
  options.clock = ClockAt("20240102T030405Z");  // when it was signed
  Fixture f(options);
  // The botocore-signed request of sigv4_test.cc, through the protocol; the
  // fake has no GetItem, so the handler's UnknownOperation proves it passed.
  HttpRequest req = MakeRequest("GetItem", R"({"TableName":"t","Key":{"pk":{"S":"a"}}})");
  req.set(http::field::user_agent, "anything");
  req.set(http::field::authorization,
          "AWS4-HMAC-SHA256 Credential=AKIDDYNAROCKTEST/20240102/us-east-1/dynamodb/aws4_request, "
          "SignedHeaders=content-type;host;x-amz-date;x-amz-target, "
          "Signature=64f30bd55f0463de9976ab9846e78f7e46f356e4bd8ec6f2d799873d158b31d2");
  HttpResponse ok = f.Send(req);
  REQUIRE(ok.result_int() == 400);
  REQUIRE(f.Type(ok) == "com.amazon.coral.service#UnknownOperationException");

  HttpRequest tampered = req;
  tampered.body() = R"({"TableName":"t","Key":{"pk":{"S":"b"}}})";
  tampered.prepare_payload();
  REQUIRE(f.Type(f.Send(tampered)) == "com.amazon.coral.service#InvalidSignatureException");

  HttpRequest host_unsigned = req;
  host_unsigned.set(http::field::authorization,
                    "AWS4-HMAC-SHA256 Credential=AKIDDYNAROCKTEST/20240102/us-east-1/dynamodb/aws4_request, "
                    "SignedHeaders=content-type;x-amz-date;x-amz-target, Signature=00");
  HttpResponse no_host = f.Send(host_unsigned);
  REQUIRE(f.Type(no_host) == "com.amazon.coral.service#InvalidSignatureException");
  REQUIRE(nlohmann::json::parse(no_host.body())["message"] ==
          "'Host' must be a 'SignedHeader' in the AWS Authorization.");

  HttpRequest unknown = MakeRequest("Put", "{}");  // testing::kAuth's key AKID is not listed
  REQUIRE(f.Type(f.Send(unknown)) == "com.amazon.coral.service#UnrecognizedClientException");

  HttpRequest missing = MakeRequest("Put", "{}");
  missing.erase(http::field::authorization);
  REQUIRE(f.Type(f.Send(missing)) == "com.amazon.coral.service#MissingAuthenticationTokenException");
  REQUIRE(f.ops.stored() == 0);
}

TEST_CASE("a throwing handler becomes InternalServerError, not a crash", "[protocol]") {
  DynamoProtocol protocol({}, [](std::string_view, std::string_view) -> OperationResult {
    throw std::runtime_error("boom");
  });
  HttpResponse res;
  protocol.Handle(MakeRequest("Put", "{}"), res);
  REQUIRE(res.result_int() == 500);
  REQUIRE(nlohmann::json::parse(res.body())["__type"] == "com.amazonaws.dynamodb.v20120810#InternalServerError");
}

}  // namespace
}  // namespace dynarock::server

namespace dynarock::server {
namespace {

TEST_CASE("CORS: any origin, and preflights are answered", "[protocol]") {
  Fixture f;
  HttpRequest preflight{http::verb::options, "/", 11};
  preflight.set(http::field::origin, "http://localhost:3000");
  preflight.set(http::field::access_control_request_method, "POST");
  preflight.set(http::field::access_control_request_headers, "content-type,x-amz-target,authorization");
  HttpResponse res = f.Send(preflight);
  REQUIRE(res.result_int() == 200);
  REQUIRE(res.body().empty());
  REQUIRE(res[http::field::access_control_allow_origin] == "*");
  REQUIRE(res[http::field::access_control_allow_methods] == "POST");
  REQUIRE(res[http::field::access_control_allow_headers] == "content-type,x-amz-target,authorization");
  REQUIRE(res[http::field::access_control_max_age] == "172800");

  HttpRequest post = MakeRequest("Echo", "{}");
  post.set(http::field::origin, "http://localhost:3000");
  HttpResponse answer = f.Send(post);
  REQUIRE(answer.result_int() == 200);
  REQUIRE(answer[http::field::access_control_allow_origin] == "*");

  // Without an Origin, OPTIONS is just another non-POST method.
  HttpRequest plain{http::verb::options, "/", 11};
  REQUIRE(f.Send(plain).result_int() == 404);
}

}  // namespace
}  // namespace dynarock::server

namespace dynarock::server {
namespace {

// The botocore-signed GetItem of sigv4_test.cc (20240102T030405Z). The fake
// has no GetItem, so UnknownOperationException means it passed every check.
HttpRequest SignedGetItem() {
  HttpRequest req = MakeRequest("GetItem", R"({"TableName":"t","Key":{"pk":{"S":"a"}}})");
  req.set(http::field::authorization,
          "AWS4-HMAC-SHA256 Credential=AKIDDYNAROCKTEST/20240102/us-east-1/dynamodb/aws4_request, "
          "SignedHeaders=content-type;host;x-amz-date;x-amz-target, "
          "Signature=64f30bd55f0463de9976ab9846e78f7e46f356e4bd8ec6f2d799873d158b31d2");
  return req;
}

struct SignedFixture {
  explicit SignedFixture(std::string_view now, std::chrono::milliseconds extra = {}) {
    store.Add("AKIDDYNAROCKTEST", "dynarock/secret+key/EXAMPLE");
    ProtocolOptions options;
    options.credentials = &store;
    options.clock = ClockAt(now, extra);
    f.emplace(options);
  }
  // The __type and message of the answer to req.
  std::pair<std::string, std::string> Answer(const HttpRequest& req) {
    HttpResponse res = f->Send(req);
    REQUIRE(res.result_int() == 400);
    auto j = nlohmann::json::parse(res.body());
    return {j.at("__type").get<std::string>(), j.value("message", "")};
  }
  CredentialStore store;
  std::optional<Fixture> f;
};

const std::string kPassed = "com.amazon.coral.service#UnknownOperationException";
const std::string kInvalid = "com.amazon.coral.service#InvalidSignatureException";

TEST_CASE("with credentials, X-Amz-Date must be within 15 minutes of the clock", "[protocol][expiry]") {
  // Signed at 03:04:05: accepted from 02:49:05 to 03:19:05 inclusive.
  REQUIRE(SignedFixture("20240102T031905Z").Answer(SignedGetItem()).first == kPassed);
  REQUIRE(SignedFixture("20240102T031905Z", std::chrono::milliseconds(999)).Answer(SignedGetItem()).first ==
          kPassed);
  REQUIRE(SignedFixture("20240102T024905Z").Answer(SignedGetItem()).first == kPassed);
  REQUIRE(SignedFixture("20240102T030405Z").Answer(SignedGetItem()).first == kPassed);

  auto late = SignedFixture("20240102T031906Z").Answer(SignedGetItem());
  REQUIRE(late.first == kInvalid);
  REQUIRE(late.second ==
          "Signature expired: 20240102T030405Z is now earlier than 20240102T030406Z "
          "(20240102T031906Z - 15 min.)");

  auto early = SignedFixture("20240102T024904Z", std::chrono::milliseconds(999)).Answer(SignedGetItem());
  REQUIRE(early.first == kInvalid);
  REQUIRE(early.second ==
          "Signature not yet current: 20240102T030405Z is still later than 20240102T030404Z "
          "(20240102T024904Z + 15 min.)");

  // Across a day and a year boundary.
  HttpRequest new_year = SignedGetItem();
  new_year.set("X-Amz-Date", "20231231T235959Z");
  auto stale = SignedFixture("20240101T001500Z").Answer(new_year);
  REQUIRE(stale.second ==
          "Signature expired: 20231231T235959Z is now earlier than 20240101T000000Z "
          "(20240101T001500Z - 15 min.)");
}

TEST_CASE("the date is checked before Host, algorithm, scope, key and signature", "[protocol][expiry]") {
  SignedFixture s("20261126T103000Z");
  const std::string kExpired =
      "Signature expired: 20240102T030405Z is now earlier than 20261126T101500Z (20261126T103000Z - 15 min.)";
  // An unknown key with its own scope (testing::kAuth), a bad signature.
  REQUIRE(s.Answer(MakeRequest("Put", "{}")) == std::pair{kInvalid, kExpired});
  HttpRequest req = SignedGetItem();
  req.set(http::field::authorization,
          "AWS4-HMAC-SHA25 Credential=nobody/2/3/4/aws4_request, SignedHeaders=x-amz-date, Signature=1");
  REQUIRE(s.Answer(req) == std::pair{kInvalid, kExpired});
  REQUIRE(s.f->ops.stored() == 0);

  // But after the header's own parameters and the JSON syntax.
  req.set(http::field::authorization, "AWS4-HMAC-SHA256 Credential=a/b/c/d/e, Signature=1");
  REQUIRE(s.Answer(req).first == "com.amazon.coral.service#IncompleteSignatureException");
  HttpRequest bad_json = MakeRequest("Put", "{oops");
  REQUIRE(s.Answer(bad_json).first == "com.amazon.coral.service#SerializationException");

  // Within the window, the next check answers.
  SignedFixture in_time("20240102T030405Z");
  REQUIRE(in_time.Answer(req).first == "com.amazon.coral.service#IncompleteSignatureException");
  req.set(http::field::authorization,
          "AWS4-HMAC-SHA25 Credential=nobody/2/3/4/aws4_request, SignedHeaders=x-amz-date, Signature=1");
  REQUIRE(in_time.Answer(req).second == "'Host' must be a 'SignedHeader' in the AWS Authorization.");
}

TEST_CASE("with credentials, a date not in ISO-8601 basic format is IncompleteSignature", "[protocol][expiry]") {
  SignedFixture s("20240102T030405Z");
  HttpRequest req = SignedGetItem();
  req.erase("X-Amz-Date");
  req.set(http::field::date, "Tue, 02 Jan 2024 03:04:05 GMT");
  auto answer = s.Answer(req);
  REQUIRE(answer.first == "com.amazon.coral.service#IncompleteSignatureException");
  REQUIRE(answer.second ==
          "Date must be in ISO-8601 'basic format'. Got 'Tue, 02 Jan 2024 03:04:05 GMT'. "
          "See http://en.wikipedia.org/wiki/ISO_8601");
  // A basic-format Date header stands in for X-Amz-Date.
  req.set(http::field::date, "20240102T030405Z");
  REQUIRE(s.Answer(req).first == "com.amazon.coral.service#InvalidSignatureException");  // not signed as sent
  REQUIRE(s.Answer(req).second.starts_with("The request signature we calculated does not match"));
}

TEST_CASE("without credentials a request never expires", "[protocol][expiry]") {
  for (const char* now : {"20261126T103000Z", "29991231T235959Z", "19700101T000000Z"}) {
    ProtocolOptions options;
    options.clock = ClockAt(now);
    Fixture f(options);
    HttpResponse res = f.Send(MakeRequest("Echo", "{}"));  // dated 20240102T030405Z
    REQUIRE(res.result_int() == 200);
    HttpRequest odd_date = MakeRequest("Echo", "{}");
    odd_date.set("X-Amz-Date", "yesterday");
    REQUIRE(f.Send(odd_date).result_int() == 200);
  }
}

TEST_CASE("every response has an IMF-fixdate Date from the clock", "[protocol][date]") {
  auto date_of = [](std::string_view now, std::chrono::milliseconds extra, const HttpRequest& req) {
    ProtocolOptions options;
    options.clock = ClockAt(now, extra);
    Fixture f(options);
    return std::string(f.Send(req)[http::field::date]);
  };
  HttpRequest echo = MakeRequest("Echo", "{}");
  REQUIRE(date_of("20261126T101500Z", {}, echo) == "Thu, 26 Nov 2026 10:15:00 GMT");
  REQUIRE(date_of("20240229T000009Z", std::chrono::milliseconds(999), echo) == "Thu, 29 Feb 2024 00:00:09 GMT");
  REQUIRE(date_of("20000101T235959Z", {}, echo) == "Sat, 01 Jan 2000 23:59:59 GMT");
  REQUIRE(date_of("19991231T000000Z", {}, echo) == "Fri, 31 Dec 1999 00:00:00 GMT");
  REQUIRE(date_of("20230305T070809Z", {}, echo) == "Sun, 05 Mar 2023 07:08:09 GMT");
  REQUIRE(date_of("20210816T120000Z", {}, echo) == "Mon, 16 Aug 2021 12:00:00 GMT");
  REQUIRE(date_of("20250610T235900Z", {}, echo) == "Tue, 10 Jun 2025 23:59:00 GMT");

  // Errors, the health check, a 404 and a preflight carry it too.
  const std::string kNow = "Thu, 26 Nov 2026 10:15:00 GMT";
  REQUIRE(date_of("20261126T101500Z", {}, MakeRequest("Fail", "{}")) == kNow);
  REQUIRE(date_of("20261126T101500Z", {}, HttpRequest{http::verb::get, "/", 11}) == kNow);
  REQUIRE(date_of("20261126T101500Z", {}, HttpRequest{http::verb::put, "/", 11}) == kNow);
  HttpRequest preflight{http::verb::options, "/", 11};
  preflight.set(http::field::origin, "http://localhost:3000");
  REQUIRE(date_of("20261126T101500Z", {}, preflight) == kNow);
  HttpRequest no_auth = MakeRequest("Echo", "{}");
  no_auth.erase(http::field::authorization);
  REQUIRE(date_of("20261126T101500Z", {}, no_auth) == kNow);

  // Reject, which answers without a request.
  ProtocolOptions options;
  options.clock = ClockAt("20261126T101500Z");
  DynamoProtocol protocol(options, [](std::string_view, std::string_view) { return OperationResult{}; });
  HttpResponse rejected;
  protocol.Reject(413, rejected);
  REQUIRE(rejected.result_int() == 413);
  REQUIRE(rejected[http::field::date] == kNow);
}

TEST_CASE("Date changes with the second, not within it", "[protocol][date]") {
  auto now = std::make_shared<std::chrono::system_clock::time_point>(*ParseAmzDate("20261126T101459Z"));
  ProtocolOptions options;
  options.clock = [now] { return *now; };
  Fixture f(options);
  HttpRequest echo = MakeRequest("Echo", "{}");
  REQUIRE(f.Send(echo)[http::field::date] == "Thu, 26 Nov 2026 10:14:59 GMT");
  *now += std::chrono::milliseconds(100);
  std::string first(f.Send(echo)[http::field::date]);
  *now += std::chrono::milliseconds(800);
  std::string second(f.Send(echo)[http::field::date]);
  REQUIRE(first == "Thu, 26 Nov 2026 10:14:59 GMT");
  REQUIRE(second == first);
  *now += std::chrono::milliseconds(100);
  REQUIRE(f.Send(echo)[http::field::date] == "Thu, 26 Nov 2026 10:15:00 GMT");

  // Another clock on the same thread (the cache is per thread, not per
  // protocol) gets its own second, and the first gets its own back.
  ProtocolOptions other_options;
  other_options.clock = ClockAt("20000101T000000Z");
  Fixture other(other_options);
  REQUIRE(other.Send(echo)[http::field::date] == "Sat, 01 Jan 2000 00:00:00 GMT");
  REQUIRE(f.Send(echo)[http::field::date] == "Thu, 26 Nov 2026 10:15:00 GMT");
}

TEST_CASE("an empty clock falls back to the system clock", "[protocol][date]") {
  ProtocolOptions options;
  options.clock = nullptr;
  Fixture f(options);
  auto before = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  std::string date(f.Send(MakeRequest("Echo", "{}"))[http::field::date]);
  auto after = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  // The header names one of the seconds the request spanned.
  bool matches = false;
  for (auto t = before; t <= after; t += std::chrono::seconds(1)) {
    ProtocolOptions fixed;
    fixed.clock = [t] { return std::chrono::system_clock::time_point(t); };
    Fixture g(fixed);
    matches |= std::string(g.Send(MakeRequest("Echo", "{}"))[http::field::date]) == date;
  }
  REQUIRE(matches);
}

}  // namespace
}  // namespace dynarock::server
