// SigV4 against the AWS Signature Version 4 test suite (credentials
// AKIDEXAMPLE, 20150830T123600Z, us-east-1, service "service") and against
// a DynamoDB request signed by botocore (python3-botocore's SigV4Auth,
// generated once and pinned here).
#include "server/sigv4.h"

#include <catch2/catch.hpp>

#include "server/timestamps.h"

namespace dynarock::server {
namespace {

constexpr const char* kSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
constexpr const char* kDate = "20150830T123600Z";

SigV4Authorization SuiteAuth(std::string signed_headers) {
  SigV4Authorization a;
  a.access_key_id = "AKIDEXAMPLE";
  a.date = "20150830";
  a.region = "us-east-1";
  a.service = "service";
  a.terminator = "aws4_request";
  a.signed_headers = std::move(signed_headers);
  return a;
}

std::string SuiteSignature(const SigV4Request& r, const std::string& signed_headers, std::string* creq = nullptr) {
  SigV4Authorization a = SuiteAuth(signed_headers);
  std::string canonical = CanonicalRequest(r, signed_headers, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  if (creq) *creq = canonical;
  return Sign(kSecret, a, StringToSign(kDate, a.Scope(), canonical));
}

TEST_CASE("SigV4 test suite: get-vanilla", "[sigv4]") {
  SigV4Request r{"GET", "/", {{"Host", "example.amazonaws.com"}, {"X-Amz-Date", kDate}}, ""};
  std::string creq;
  std::string sig = SuiteSignature(r, "host;x-amz-date", &creq);
  REQUIRE(creq ==
          "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
          "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  REQUIRE(StringToSign(kDate, SuiteAuth("").Scope(), creq) ==
          "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
          "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63");
  REQUIRE(sig == "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
}

TEST_CASE("SigV4 test suite: post-vanilla and query ordering", "[sigv4]") {
  SigV4Request post{"POST", "/", {{"Host", "example.amazonaws.com"}, {"X-Amz-Date", kDate}}, ""};
  REQUIRE(SuiteSignature(post, "host;x-amz-date") ==
          "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b");
  SigV4Request query{"GET", "/?Param2=value2&Param1=value1",
                     {{"Host", "example.amazonaws.com"}, {"X-Amz-Date", kDate}}, ""};
  REQUIRE(SuiteSignature(query, "host;x-amz-date") ==
          "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
}

TEST_CASE("SigV4 test suite: post-x-www-form-urlencoded signs the payload hash", "[sigv4]") {
  SigV4Request r{"POST", "/",
                 {{"Content-Type", "application/x-www-form-urlencoded"},
                  {"Host", "example.amazonaws.com"},
                  {"X-Amz-Date", kDate}},
                 "Param1=value1"};
  SigV4Authorization a = SuiteAuth("content-type;host;x-amz-date");
  std::string canonical =
      CanonicalRequest(r, a.signed_headers, "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e");
  REQUIRE(Sign(kSecret, a, StringToSign(kDate, a.Scope(), canonical)) ==
          "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a");
}

TEST_CASE("SigV4 canonical URI and headers follow the suite's normalisation", "[sigv4]") {
  auto path_line = [](std::string target) {
    SigV4Request r{"GET", target, {{"Host", "h"}}, ""};
    std::string c = CanonicalRequest(r, "host", "x");
    size_t a = c.find('\n');
    return c.substr(a + 1, c.find('\n', a + 1) - a - 1);
  };
  REQUIRE(path_line("/") == "/");
  REQUIRE(path_line("//") == "/");                         // get-slash
  REQUIRE(path_line("//example//") == "/example/");        // get-slashes
  REQUIRE(path_line("/./") == "/");                        // get-slash-dot-slash
  REQUIRE(path_line("/./example") == "/example");          // get-slash-pointless-dot
  REQUIRE(path_line("/example/..") == "/");                // get-relative
  REQUIRE(path_line("/example1/example2/../..") == "/");   // get-relative-relative
  REQUIRE(path_line("/example space/") == "/example%20space/");  // get-space
  REQUIRE(path_line("/\xE1\x88\xB4") == "/%E1%88%B4");            // get-utf8

  // header-value-trim and duplicate headers: trimmed, runs of spaces
  // collapsed, repeated headers joined with commas in arrival order.
  SigV4Request r{"GET", "/", {{"My-Header1", "  value1  "}, {"my-header2", "\"a   b   c\""},
                              {"My-Header3", "v1"}, {"my-header3", " v2 "}}, ""};
  std::string c = CanonicalRequest(r, "my-header1;my-header2;my-header3", "x");
  REQUIRE(c == "GET\n/\n\nmy-header1:value1\nmy-header2:\"a b c\"\nmy-header3:v1,v2\n\n"
               "my-header1;my-header2;my-header3\nx");
}

TEST_CASE("Authorization header parsing follows DynamoDB's errors", "[sigv4]") {
  auto parsed = ParseAuthorization(
      "AWS4-HMAC-SHA256 Credential=AKID/20240102/us-east-1/dynamodb/aws4_request/, "
      "SignedHeaders=host;x-amz-date, Signature=ABCDEF",
      "20240102T030405Z");
  REQUIRE(std::holds_alternative<SigV4Authorization>(parsed));
  const auto& a = std::get<SigV4Authorization>(parsed);
  REQUIRE(a.access_key_id == "AKID");
  REQUIRE(a.Scope() == "20240102/us-east-1/dynamodb/aws4_request");
  REQUIRE(a.signed_headers == "host;x-amz-date");
  REQUIRE(a.signature == "abcdef");

  auto error_of = [](std::string_view header, std::string_view date) {
    auto p = ParseAuthorization(header, date);
    REQUIRE(std::holds_alternative<WireError>(p));
    return std::get<WireError>(p);
  };
  WireError missing = error_of("", "20240102T030405Z");
  REQUIRE(missing.type == "com.amazon.coral.service#MissingAuthenticationTokenException");
  REQUIRE(missing.message == "Request is missing Authentication Token");
  REQUIRE(error_of("Basic dXNlcjpwYXNz", "x").type ==
          "com.amazon.coral.service#MissingAuthenticationTokenException");

  WireError incomplete = error_of("AWS4-HMAC-SHA256 Signature=b, Credential, SignedHeaders", "");
  REQUIRE(incomplete.type == "com.amazon.coral.service#IncompleteSignatureException");
  REQUIRE(incomplete.message ==
          "Authorization header requires 'Credential' parameter. "
          "Authorization header requires 'SignedHeaders' parameter. "
          "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. "
          "Authorization=AWS4-HMAC-SHA256 Signature=b, Credential, SignedHeaders");

  WireError algorithm = error_of("AWS4-HMAC-SHA25 Credential=a/b/c/d/e, SignedHeaders=host, Signature=x", "d");
  REQUIRE(algorithm.message == "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA25' (only AWS4-HMAC-SHA256 for now). ");

  WireError scope = error_of("AWS4-HMAC-SHA256 Credential=a/b/c/d, SignedHeaders=host, Signature=x", "d");
  REQUIRE(scope.type == "com.amazon.coral.service#IncompleteSignatureException");
  REQUIRE(scope.message ==
          "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, "
          "got 'a/b/c/d'");
}

TEST_CASE("CheckScope names every mismatch", "[sigv4]") {
  SigV4Authorization a = SuiteAuth("host");
  a.terminator = "e";
  std::optional<WireError> e = CheckScope(a, "20130609T095204Z", "dynamodb");
  REQUIRE(e);
  REQUIRE(e->type == "com.amazon.coral.service#InvalidSignatureException");
  REQUIRE(e->message ==
          "Credential should be scoped to correct service: 'dynamodb'. "
          "Credential should be scoped with a valid terminator: 'aws4_request', not 'e'. "
          "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: "
          "'20150830' != '20130609', from '20130609T095204Z'.");
  a = SuiteAuth("host");
  a.service = "dynamodb";
  REQUIRE_FALSE(CheckScope(a, kDate, "dynamodb"));
}

// Signed by botocore: POST http://localhost:8000/ GetItem, key
// AKIDDYNAROCKTEST, secret "dynarock/secret+key/EXAMPLE", 20240102T030405Z.
struct BotocoreFixture {
  std::string body = R"({"TableName":"t","Key":{"pk":{"S":"a"}}})";
  std::string target = "DynamoDB_20120810.GetItem";
  std::string content_type = "application/x-amz-json-1.0";
  std::string host = "localhost:8000";
  std::string amz_date = "20240102T030405Z";
  std::string authorization =
      "AWS4-HMAC-SHA256 Credential=AKIDDYNAROCKTEST/20240102/us-east-1/dynamodb/aws4_request, "
      "SignedHeaders=content-type;host;x-amz-date;x-amz-target, "
      "Signature=64f30bd55f0463de9976ab9846e78f7e46f356e4bd8ec6f2d799873d158b31d2";
  SigV4Request Request() const {
    return SigV4Request{"POST", "/",
                        {{"Host", host}, {"Content-Type", content_type}, {"X-Amz-Target", target},
                         {"X-Amz-Date", amz_date}, {"User-Agent", "Botocore/1.29"}},
                        body};
  }
  SigV4Authorization Auth() const { return std::get<SigV4Authorization>(ParseAuthorization(authorization, amz_date)); }
};

CredentialStore Store(std::string secret = "dynarock/secret+key/EXAMPLE") {
  CredentialStore s;
  s.Add("AKIDDYNAROCKTEST", std::move(secret));
  s.Add("OTHERKEY", "other");
  return s;
}

TEST_CASE("a botocore-signed DynamoDB request verifies", "[sigv4]") {
  BotocoreFixture f;
  REQUIRE_FALSE(CheckScope(f.Auth(), f.amz_date, "dynamodb"));
  REQUIRE_FALSE(VerifySignature(f.Request(), f.Auth(), f.amz_date, Store()));
  // Headers outside SignedHeaders may change in transit.
  SigV4Request r = f.Request();
  r.headers.push_back({"Accept-Encoding", "gzip"});
  REQUIRE_FALSE(VerifySignature(r, f.Auth(), f.amz_date, Store()));
}

TEST_CASE("tampered requests fail verification", "[sigv4]") {
  BotocoreFixture f;
  const std::string kMismatch =
      "The request signature we calculated does not match the signature you provided. Check your AWS "
      "Secret Access Key and signing method. Consult the service documentation for details.";
  auto fails_with_mismatch = [&](const BotocoreFixture& g, const CredentialStore& store) {
    std::optional<WireError> e = VerifySignature(g.Request(), g.Auth(), g.amz_date, store);
    REQUIRE(e);
    REQUIRE(e->type == "com.amazon.coral.service#InvalidSignatureException");
    REQUIRE(e->message.starts_with(kMismatch));
    REQUIRE(e->message.find("The Canonical String for this request should have been") != std::string::npos);
  };
  SECTION("wrong secret") { fails_with_mismatch(f, Store("not-the-secret")); }
  SECTION("modified body") {
    BotocoreFixture g = f;
    g.body = R"({"TableName":"t","Key":{"pk":{"S":"b"}}})";
    fails_with_mismatch(g, Store());
  }
  SECTION("modified signed header") {
    BotocoreFixture g = f;
    g.target = "DynamoDB_20120810.DeleteItem";
    fails_with_mismatch(g, Store());
  }
  SECTION("modified date") {
    BotocoreFixture g = f;
    g.amz_date = "20240102T030406Z";
    fails_with_mismatch(g, Store());
  }
  SECTION("modified signature") {
    BotocoreFixture g = f;
    g.authorization.back() = g.authorization.back() == '2' ? '3' : '2';
    fails_with_mismatch(g, Store());
  }
  SECTION("a declared payload hash that is not the body's") {
    BotocoreFixture g = f;
    SigV4Request r = g.Request();
    r.headers.push_back({"X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD"});
    REQUIRE(VerifySignature(r, g.Auth(), g.amz_date, Store()));
  }
  SECTION("unknown access key") {
    CredentialStore other;
    other.Add("SOMEONEELSE", "x");
    std::optional<WireError> e = VerifySignature(f.Request(), f.Auth(), f.amz_date, other);
    REQUIRE(e);
    REQUIRE(e->type == "com.amazon.coral.service#UnrecognizedClientException");
    REQUIRE(e->message == "The security token included in the request is invalid.");
  }
}

}  // namespace
}  // namespace dynarock::server

namespace dynarock::server {
namespace {

std::chrono::system_clock::time_point At(std::string_view amz_date, int extra_ms = 0) {
  std::optional<std::chrono::sys_seconds> t = ParseAmzDate(amz_date);
  REQUIRE(t);
  return *t + std::chrono::milliseconds(extra_ms);
}

TEST_CASE("ISO-8601 basic format dates parse and format back", "[sigv4][expiry]") {
  using namespace std::chrono;
  std::optional<sys_seconds> t = ParseAmzDate("20240229T235958Z");
  REQUIRE(t);
  REQUIRE(*t == sys_days{2024y / February / 29} + 23h + 59min + 58s);
  REQUIRE(FormatAmzDate(*t) == "20240229T235958Z");
  REQUIRE(FormatAmzDate(sys_seconds{}) == "19700101T000000Z");
  REQUIRE(FormatAmzDate(*ParseAmzDate("99991231T235959Z")) == "99991231T235959Z");
  for (const char* bad : {"", "20240102T030405", "20240102t030405Z", "20240102T030405z", "2024-01-02T03:04:05Z",
                          "20240230T000000Z", "20230229T000000Z", "20241301T000000Z", "20240001T000000Z",
                          "20240100T000000Z", "20240102T240000Z", "20240102T236000Z", "20240102T235960Z",
                          "2024010xT030405Z", "20240102T030405ZZ", "Tue, 02 Jan 2024 03:04:05 GMT", "+0240102T030405Z"}) {
    INFO(bad);
    REQUIRE_FALSE(ParseAmzDate(bad));
  }
}

TEST_CASE("CheckRequestDate allows 15 minutes either way, with AWS's messages", "[sigv4][expiry]") {
  const char* kSigned = "20261126T103000Z";
  REQUIRE_FALSE(CheckRequestDate(kSigned, At(kSigned)));
  REQUIRE_FALSE(CheckRequestDate(kSigned, At("20261126T104500Z", 999)));
  REQUIRE_FALSE(CheckRequestDate(kSigned, At("20261126T101500Z")));

  std::optional<WireError> expired = CheckRequestDate(kSigned, At("20261126T104501Z"));
  REQUIRE(expired);
  REQUIRE(expired->type == "com.amazon.coral.service#InvalidSignatureException");
  REQUIRE(expired->http_status == 400);
  REQUIRE(expired->message ==
          "Signature expired: 20261126T103000Z is now earlier than 20261126T103001Z (20261126T104501Z - 15 min.)");

  std::optional<WireError> early = CheckRequestDate(kSigned, At("20261126T101459Z", 999));
  REQUIRE(early);
  REQUIRE(early->type == "com.amazon.coral.service#InvalidSignatureException");
  REQUIRE(early->message ==
          "Signature not yet current: 20261126T103000Z is still later than 20261126T102959Z "
          "(20261126T101459Z + 15 min.)");

  // The brief's examples, as AWS words them.
  REQUIRE(CheckRequestDate("20240102T030405Z", At("20261126T103000Z"))->message ==
          "Signature expired: 20240102T030405Z is now earlier than 20261126T101500Z (20261126T103000Z - 15 min.)");
  REQUIRE(CheckRequestDate("20261126T110000Z", At("20261126T103000Z"))->message ==
          "Signature not yet current: 20261126T110000Z is still later than 20261126T104500Z "
          "(20261126T103000Z + 15 min.)");

  std::optional<WireError> format = CheckRequestDate("201", At(kSigned));
  REQUIRE(format);
  REQUIRE(format->type == "com.amazon.coral.service#IncompleteSignatureException");
  REQUIRE(format->message == "Date must be in ISO-8601 'basic format'. Got '201'. See http://en.wikipedia.org/wiki/ISO_8601");
}

TEST_CASE("ParseAuthorization with a clock checks the date and Host in DynamoDB's order", "[sigv4][expiry]") {
  const std::string kGood =
      "AWS4-HMAC-SHA256 Credential=AKID/20240102/us-east-1/dynamodb/aws4_request, "
      "SignedHeaders=Host;x-amz-date, Signature=ab";
  auto error_of = [](std::string_view header, std::string_view date, std::chrono::system_clock::time_point now) {
    auto p = ParseAuthorization(header, date, now);
    REQUIRE(std::holds_alternative<WireError>(p));
    return std::get<WireError>(p);
  };
  REQUIRE(std::holds_alternative<SigV4Authorization>(
      ParseAuthorization(kGood, "20240102T030405Z", At("20240102T031905Z"))));
  // Without a clock the date is not looked at.
  REQUIRE(std::holds_alternative<SigV4Authorization>(ParseAuthorization(kGood, "20240102T030405Z")));
  REQUIRE(std::holds_alternative<SigV4Authorization>(ParseAuthorization(kGood, "garbage")));

  auto late = At("20240102T031906Z");
  REQUIRE(error_of(kGood, "20240102T030405Z", late).message.starts_with("Signature expired: "));
  // Before the algorithm, the credential's shape and Host...
  WireError first = error_of("AWS4-HMAC-SHA1 Credential=a/b, SignedHeaders=x-amz-date, Signature=1",
                             "20240102T030405Z", late);
  REQUIRE(first.type == "com.amazon.coral.service#InvalidSignatureException");
  REQUIRE(first.message.starts_with("Signature expired: "));
  REQUIRE(error_of(kGood, "2024-01-02", late).type == "com.amazon.coral.service#IncompleteSignatureException");
  // ...after the missing parameters.
  REQUIRE(error_of("AWS4-HMAC-SHA256 Credential=a/b/c/d/e, Signature=1", "20240102T030405Z", late)
              .message.starts_with("Authorization header requires 'SignedHeaders' parameter. "));

  // In time: Host must be signed (any case), before the algorithm is looked at.
  auto now = At("20240102T030405Z");
  WireError host = error_of("AWS4-HMAC-SHA1 Credential=a/b, SignedHeaders=x-amz-date;hostx, Signature=1",
                            "20240102T030405Z", now);
  REQUIRE(host.type == "com.amazon.coral.service#InvalidSignatureException");
  REQUIRE(host.message == "'Host' must be a 'SignedHeader' in the AWS Authorization.");
  REQUIRE(error_of("AWS4-HMAC-SHA1 Credential=a/b, SignedHeaders=HOST, Signature=1", "20240102T030405Z", now)
              .message.starts_with("Unsupported AWS 'algorithm'"));
}

}  // namespace
}  // namespace dynarock::server
