// JsonApi: DynamoDB's JSON protocol over a Database, without HTTP.
//
// Given an operation name ("PutItem") and a request body in DynamoDB JSON,
// returns the response body and HTTP status DynamoDB would send. Embedders
// put it behind their own HTTP stack; dynarock-server does exactly that.
//
// Thread-safety: safe to call concurrently (the Database is).
// Ownership: does not own the Database, which must outlive it.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "dynarock/database.h"

namespace dynarock {

class JsonApi {
 public:
  explicit JsonApi(Database* db) : db_(db) {}
  // endpoint_address: what DescribeEndpoints answers ("host:port" the
  // clients reach this API at). Default: "localhost:8000".
  JsonApi(Database* db, std::string endpoint_address)
      : db_(db), endpoint_address_(std::move(endpoint_address)) {}

  struct Response {
    int http_status = 200;  // 200, 400 for client errors, 500 for internal ones
    std::string body;       // JSON; on error {"__type": "...#Name", "message": "..."}
  };

  // Never throws. Unknown operation: UnknownOperationException; malformed
  // JSON: SerializationException; bad fields: ValidationException.
  Response Handle(std::string_view operation, std::string_view body);

 private:
  Database* db_;
  std::string endpoint_address_ = "localhost:8000";
};

}  // namespace dynarock
