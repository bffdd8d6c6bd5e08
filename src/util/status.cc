#include "dynarock/status.h"

namespace dynarock {

std::string_view ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk: return "OK";
    case ErrorCode::kValidation: return "ValidationException";
    case ErrorCode::kConditionalCheckFailed: return "ConditionalCheckFailedException";
    case ErrorCode::kResourceNotFound: return "ResourceNotFoundException";
    case ErrorCode::kResourceInUse: return "ResourceInUseException";
    case ErrorCode::kTransactionCanceled: return "TransactionCanceledException";
    case ErrorCode::kTransactionConflict: return "TransactionConflictException";
    case ErrorCode::kTransactionInProgress: return "TransactionInProgressException";
    case ErrorCode::kIdempotentParameterMismatch: return "IdempotentParameterMismatchException";
    case ErrorCode::kItemCollectionSizeLimitExceeded: return "ItemCollectionSizeLimitExceededException";
    case ErrorCode::kSerialization: return "SerializationException";
    case ErrorCode::kLimitExceeded: return "LimitExceededException";
    case ErrorCode::kUnknownOperation: return "UnknownOperationException";
    case ErrorCode::kMissingAuthenticationToken: return "MissingAuthenticationTokenException";
    case ErrorCode::kUnrecognizedClient: return "UnrecognizedClientException";
    case ErrorCode::kInvalidSignature: return "InvalidSignatureException";
    case ErrorCode::kAccessDenied: return "AccessDeniedException";
    case ErrorCode::kRequestLimitExceeded: return "RequestLimitExceeded";
    case ErrorCode::kProvisionedThroughputExceeded: return "ProvisionedThroughputExceededException";
    case ErrorCode::kInternal:
    case ErrorCode::kIOError:
    case ErrorCode::kCorruption: return "InternalServerError";
  }
  return "InternalServerError";
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  std::string out(ErrorCodeName(code_));
  out += ": ";
  out += message_;
  return out;
}

}  // namespace dynarock
