// SigV4 against the AWS Signature Version 4 test suite (credentials
// AKIDEXAMPLE, 20150830T123600Z, us-east-1, service "service") and against
// a DynamoDB request signed by botocore (python3-botocore's SigV4Auth,
// generated once and pinned here).
#include "server/sigv4.h"

#include <catch2/catch.hpp>

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
