// ErrorCode -> DynamoDB's JSON error body and HTTP status.
//
// Thread-safety: stateless.
#pragma once

#include <string>
#include <string_view>

#include "dynarock/status.h"

namespace dynarock::api {

struct ErrorInfo {
  std::string_view type;  // full __type, e.g. "com.amazonaws.dynamodb.v20120810#ValidationException"
  int http_status;        // 400 or 500
};

// REQUIRES: !status.ok()
ErrorInfo LookupError(ErrorCode code);

// Writes {"__type": ..., "message": ...} plus the payload DynamoDB sends with
// some errors ("Item" of ConditionalCheckFailedException with
// ReturnValuesOnConditionCheckFailure=ALL_OLD; "CancellationReasons" of
// TransactionCanceledException). Returns the HTTP status.
// REQUIRES: !status.ok()
int WriteError(const Status& status, std::string* body);

}  // namespace dynarock::api
