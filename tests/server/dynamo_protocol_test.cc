// DynamoProtocol without sockets: requests built as Beast messages.
#include "server/dynamo_protocol.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "server/encoding.h"
#include "server/test_client.h"

namespace dynarock::server {
namespace {

using testing::FakeOperations;

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
    // Every response carries these two, and the CRC covers the body as sent.
    REQUIRE(res["x-amzn-RequestId"].size() == 52);
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
