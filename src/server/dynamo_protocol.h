// DynamoProtocol: DynamoDB's HTTP rules around an operation handler.
//
// For each request: GET is the health check; POST / carries
// X-Amz-Target "DynamoDB_20120810.<Operation>" and a JSON body; the
// Authorization header is parsed (SigV4) and, with credentials, verified;
// a gzip body is decoded; the handler's answer goes back with
// x-amzn-RequestId, x-amz-crc32 (over the body bytes as sent, so over the
// gzip bytes when gzipped, which is what the SDKs check), Date (RFC 7231
// IMF-fixdate, as DynamoDB sends it) and gzip when the client accepts it. The checks run in the order DynamoDB runs them (as
// dynalite's tests record it): method and content type, JSON syntax,
// target, authentication (with credentials: the date's age, Host signed,
// scope, key, signature). See docs/server.md.
//
// Thread-safety: Handle may be called concurrently (the handler must be).
// Ownership: keeps a copy of the options; does not own credentials.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "server/http_types.h"
#include "server/sigv4.h"

namespace dynarock::server {

// What the operation layer (JsonApi) answers.
struct OperationResult {
  int http_status = 200;
  std::string body;
};
using OperationHandler = std::function<OperationResult(std::string_view operation, std::string_view body)>;

struct ProtocolOptions {
  // Region named by the health check answer.
  // Default: "us-east-1"
  std::string region = "us-east-1";
  // When set, only these access keys with valid signatures pass; when null,
  // any well-formed SigV4 Authorization passes (as DynamoDB Local).
  // Default: nullptr
  const CredentialStore* credentials = nullptr;
  // Largest request body, also after gzip decoding (DynamoDB: 16 MB).
  // Default: 16 MiB
  size_t max_body_bytes = size_t{16} << 20;
  // Responses shorter than this are not gzipped even when the client
  // accepts gzip.
  // Default: 0 (gzip whenever accepted)
  size_t gzip_min_bytes = 0;
  // The server's clock: the Date response header and, with credentials,
  // the 15 minute limit on a request's X-Amz-Date. Tests inject a fixed one.
  // Default: std::chrono::system_clock::now (also when set empty)
  std::function<std::chrono::system_clock::time_point()> clock = [] {
    return std::chrono::system_clock::now();
  };
};

class DynamoProtocol : public RequestHandler {
 public:
  DynamoProtocol(ProtocolOptions options, OperationHandler handler)
      : options_(std::move(options)), handler_(std::move(handler)) {
    if (!options_.clock) options_.clock = [] { return std::chrono::system_clock::now(); };
  }

  // Begin: everything before the operation (health check, CORS, method
  // and content type, gzip, target, SigV4); marks the item writes
  // (PutItem, UpdateItem, DeleteItem, BatchWriteItem, TransactWriteItems).
  // Run: the operation handler. End: the body, gzipped when accepted, and
  // x-amz-crc32.
  bool Begin(const HttpRequest& req, HttpResponse& res, PendingOperation* op) override;
  void Run(const HttpRequest& req, PendingOperation& op) override;
  void End(const HttpRequest& req, PendingOperation& op, HttpResponse& res) override;
  void Reject(int http_status, HttpResponse& res) override;

 private:
  // Fills res with a JSON error body.
  void SendError(const WireError& error, const HttpRequest& req, HttpResponse& res);
  // Sets the body (gzipped when accepted), Content-Type and x-amz-crc32.
  void SetBody(std::string body, std::string_view content_type, const HttpRequest& req,
               HttpResponse& res);

  ProtocolOptions options_;
  OperationHandler handler_;
};

}  // namespace dynarock::server
