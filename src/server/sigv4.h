// AWS Signature Version 4: parse the Authorization header and verify it.
//
// The server parses the header of every request (a missing or malformed one
// is rejected as DynamoDB does) and, when it was given credentials, checks
// the signature: canonical request -> string to sign -> HMAC chain.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
//
// Thread-safety: stateless functions; CredentialStore is immutable after Load.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#include "dynarock/status.h"

namespace dynarock::server {

// A rejection the server sends itself (not from the JSON API): the __type
// (with its com.amazon.coral.service# prefix, as DynamoDB sends these),
// message (may be empty: then the body has no "message") and HTTP status.
struct WireError {
  std::string type;
  std::string message;
  int http_status = 400;
};

struct HeaderField {
  std::string_view name;   // any case
  std::string_view value;  // as received
};

// The parts of an HTTP request that SigV4 signs.
struct SigV4Request {
  std::string_view method;
  std::string_view target;  // request-target: path with optional ?query
  std::vector<HeaderField> headers;
  std::string_view payload;  // body bytes as received (before gzip decoding)
};

// "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/dynamodb/aws4_request,
//  SignedHeaders=host;x-amz-date, Signature=<64 hex>"
struct SigV4Authorization {
  std::string access_key_id;
  std::string date;        // YYYYMMDD of the credential scope
  std::string region;
  std::string service;
  std::string terminator;  // "aws4_request"
  std::string signed_headers;  // as sent: "host;x-amz-date"
  std::string signature;       // lowercase hex
  std::string Scope() const { return date + "/" + region + "/" + service + "/" + terminator; }
};

// How far the request's date may be from the server's clock, either way
// (DynamoDB: 15 minutes).
inline constexpr std::chrono::minutes kMaxRequestSkew{15};

// Parses an Authorization header value. `request_date` is the X-Amz-Date
// (or Date) header, empty if absent. Returns the parts, or DynamoDB's
// MissingAuthenticationTokenException (empty or non-AWS4 header) /
// IncompleteSignatureException (a missing parameter or date, a bad scope).
//
// With `verify_at` (the server's clock; set when credentials are checked)
// it also runs, in DynamoDB's order between the parameter check and the
// algorithm check, CheckRequestDate and the check that Host is signed
// (InvalidSignatureException). Without it the date is not looked at, so a
// server without credentials accepts any well-formed header, as DynamoDB
// Local does.
std::variant<SigV4Authorization, WireError> ParseAuthorization(
    std::string_view header, std::string_view request_date,
    std::optional<std::chrono::system_clock::time_point> verify_at = std::nullopt);

// Checks a request date against the server's clock `now` (truncated to the
// second, as the dates are): IncompleteSignatureException when it is not
// in basic format, InvalidSignatureException "Signature expired: ..." when
// it is more than kMaxRequestSkew before now, "Signature not yet current:
// ..." when more than kMaxRequestSkew after; nullopt when within.
std::optional<WireError> CheckRequestDate(std::string_view request_date,
                                          std::chrono::system_clock::time_point now);

// The canonical request of the SigV4 spec (also what the AWS test suite's
// .creq files hold). payload_hash: x-amz-content-sha256, or hex SHA-256 of
// the payload when empty.
std::string CanonicalRequest(const SigV4Request& request, std::string_view signed_headers,
                             std::string_view payload_hash);

// The string to sign (the test suite's .sts files).
std::string StringToSign(std::string_view amz_date, std::string_view scope,
                         std::string_view canonical_request);

// Checks the credential scope against the request: service `service`,
// terminator aws4_request, scope date == the date part of amz_date.
// Returns InvalidSignatureException listing every mismatch, as DynamoDB does.
std::optional<WireError> CheckScope(const SigV4Authorization& auth, std::string_view amz_date,
                                    std::string_view service);

// Hex signature of string_to_sign with the key derived from secret and scope.
std::string Sign(std::string_view secret, const SigV4Authorization& auth,
                 std::string_view string_to_sign);

// Access keys and their secrets, from a file of "ACCESS_KEY_ID SECRET" lines
// (blank lines and lines starting with '#' ignored).
class CredentialStore {
 public:
  // Returns the store, or Validation naming the file and the bad line, or
  // IOError if the file cannot be read.
  static Result<CredentialStore> Load(const std::string& path);
  void Add(std::string access_key_id, std::string secret) {
    secrets_[std::move(access_key_id)] = std::move(secret);
  }
  // The secret of a key, or nullptr when the key is not listed.
  const std::string* Find(const std::string& access_key_id) const;
  size_t size() const { return secrets_.size(); }

 private:
  std::unordered_map<std::string, std::string> secrets_;
};

// Checks a request against the credentials: nullopt when it passes, else
// UnrecognizedClientException (unknown key) or InvalidSignatureException.
std::optional<WireError> VerifySignature(const SigV4Request& request, const SigV4Authorization& auth,
                                         std::string_view amz_date, const CredentialStore& store);

}  // namespace dynarock::server
