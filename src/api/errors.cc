#include "api/errors.h"

#include <array>

#include "api/json_writer.h"
#include "api/value_json.h"

namespace dynarock::api {
namespace {

// The one table from ErrorCode to DynamoDB's __type and HTTP status.
// Real DynamoDB prefixes a few types differently (com.amazon.coral.validate#
// for ValidationException, com.amazon.coral.service# for Serialization and
// UnknownOperation); the SDKs read only the part after '#', and the wire
// contract of dynarock (issue 4) is one prefix for all.
#define DYNAROCK_ERROR(name, status) \
  ErrorInfo { "com.amazonaws.dynamodb.v20120810#" name, status }
struct Row {
  ErrorCode code;
  ErrorInfo info;
};
constexpr Row kErrors[] = {
    {ErrorCode::kValidation, DYNAROCK_ERROR("ValidationException", 400)},
    {ErrorCode::kConditionalCheckFailed, DYNAROCK_ERROR("ConditionalCheckFailedException", 400)},
    {ErrorCode::kResourceNotFound, DYNAROCK_ERROR("ResourceNotFoundException", 400)},
    {ErrorCode::kResourceInUse, DYNAROCK_ERROR("ResourceInUseException", 400)},
    {ErrorCode::kTransactionCanceled, DYNAROCK_ERROR("TransactionCanceledException", 400)},
    {ErrorCode::kTransactionConflict, DYNAROCK_ERROR("TransactionConflictException", 400)},
    {ErrorCode::kTransactionInProgress, DYNAROCK_ERROR("TransactionInProgressException", 400)},
    {ErrorCode::kIdempotentParameterMismatch, DYNAROCK_ERROR("IdempotentParameterMismatchException", 400)},
    {ErrorCode::kItemCollectionSizeLimitExceeded, DYNAROCK_ERROR("ItemCollectionSizeLimitExceededException", 400)},
    {ErrorCode::kSerialization, DYNAROCK_ERROR("SerializationException", 400)},
    {ErrorCode::kLimitExceeded, DYNAROCK_ERROR("LimitExceededException", 400)},
    {ErrorCode::kUnknownOperation, DYNAROCK_ERROR("UnknownOperationException", 400)},
    {ErrorCode::kMissingAuthenticationToken, DYNAROCK_ERROR("MissingAuthenticationTokenException", 400)},
    {ErrorCode::kUnrecognizedClient, DYNAROCK_ERROR("UnrecognizedClientException", 400)},
    {ErrorCode::kInvalidSignature, DYNAROCK_ERROR("InvalidSignatureException", 400)},
    {ErrorCode::kAccessDenied, DYNAROCK_ERROR("AccessDeniedException", 400)},
    {ErrorCode::kRequestLimitExceeded, DYNAROCK_ERROR("RequestLimitExceeded", 400)},
    {ErrorCode::kProvisionedThroughputExceeded, DYNAROCK_ERROR("ProvisionedThroughputExceededException", 400)},
    {ErrorCode::kInternal, DYNAROCK_ERROR("InternalServerError", 500)},
    {ErrorCode::kIOError, DYNAROCK_ERROR("InternalServerError", 500)},
    {ErrorCode::kCorruption, DYNAROCK_ERROR("InternalServerError", 500)},
};
#undef DYNAROCK_ERROR

}  // namespace

ErrorInfo LookupError(ErrorCode code) {
  for (const Row& row : kErrors) {
    if (row.code == code) return row.info;
  }
  // kOk or a code added to status.h but not here: a bug, reported as one.
  return {"com.amazonaws.dynamodb.v20120810#InternalServerError", 500};
}

int WriteError(const Status& status, std::string* body) {
  ErrorInfo info = LookupError(status.code());
  body->clear();
  JsonWriter w(body);
  w.BeginObject();
  w.Field("__type", info.type);
  if (status.code() == ErrorCode::kTransactionCanceled) {
    w.Key("CancellationReasons");
    w.BeginArray();
    for (const CancellationReason& r : status.cancellation_reasons()) {
      w.BeginObject();
      w.Field("Code", r.code);
      if (!r.message.empty()) w.Field("Message", r.message);
      if (r.item) {
        w.Key("Item");
        WriteItem(w, *r.item);
      }
      w.EndObject();
    }
    w.EndArray();
  }
  if (status.code() == ErrorCode::kConditionalCheckFailed && status.item()) {
    w.Key("Item");
    WriteItem(w, *status.item());
  }
  // DynamoDB sends no message for malformed JSON or an unknown operation.
  // TransactionCanceledException is the one error real DynamoDB spells
  // "Message" (boto3 issue 2657 quotes its body); the JS SDK v3 copies that
  // member into the exception's Message property.
  if (!status.message().empty()) {
    w.Field(status.code() == ErrorCode::kTransactionCanceled ? "Message" : "message", status.message());
  }
  w.EndObject();
  return info.http_status;
}

}  // namespace dynarock::api
