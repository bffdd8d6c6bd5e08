// Status and Result<T>: the error vocabulary of dynarock.
//
// Every failure carries an ErrorCode that names a DynamoDB error type
// directly, a message in DynamoDB's words, and optionally a payload (the old
// item for ReturnValuesOnConditionCheckFailure, or the cancellation reasons
// of a transaction). Nothing in dynarock throws for user input: functions
// return Status or Result<T>.
//
// Thread-safety: values; safe to copy and move between threads.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace dynarock {

class AttributeValue;
// An item: attribute name -> value (value.h defines AttributeValue).
using Item = std::map<std::string, AttributeValue, std::less<>>;

// DynamoDB error types, plus engine-internal codes (Internal, IOError,
// Corruption) that reach clients as InternalServerError.
enum class ErrorCode : uint8_t {
  kOk = 0,
  kValidation,                 // ValidationException
  kConditionalCheckFailed,     // ConditionalCheckFailedException
  kResourceNotFound,           // ResourceNotFoundException
  kResourceInUse,              // ResourceInUseException
  kTransactionCanceled,        // TransactionCanceledException
  kTransactionConflict,        // TransactionConflictException
  kTransactionInProgress,      // TransactionInProgressException
  kIdempotentParameterMismatch,  // IdempotentParameterMismatchException
  kItemCollectionSizeLimitExceeded,  // ItemCollectionSizeLimitExceededException
  kSerialization,              // SerializationException
  kLimitExceeded,              // LimitExceededException
  kUnknownOperation,           // UnknownOperationException
  kMissingAuthenticationToken, // MissingAuthenticationTokenException
  kUnrecognizedClient,         // UnrecognizedClientException
  kInvalidSignature,           // InvalidSignatureException
  kAccessDenied,               // AccessDeniedException
  kRequestLimitExceeded,       // RequestLimitExceeded
  kProvisionedThroughputExceeded,  // ProvisionedThroughputExceededException
  kInternal,                   // InternalServerError (a bug in dynarock)
  kIOError,                    // InternalServerError (the disk failed)
  kCorruption,                 // InternalServerError (stored bytes are bad)
};

// Name of the code as DynamoDB spells its __type (without the
// "com.amazonaws.dynamodb.v20120810#" prefix), e.g. "ValidationException".
std::string_view ErrorCodeName(ErrorCode code);

// One reason in TransactionCanceledException.CancellationReasons.
struct CancellationReason {
  std::string code;     // "None", "ConditionalCheckFailed", "ValidationError", ...
  std::string message;  // empty for "None"
  std::shared_ptr<const Item> item;  // the item, when ALL_OLD was asked; else null
};

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(ErrorCode code, std::string message)
      : code_(code), message_(std::move(message)) {}

  static Status OK() { return Status(); }
  static Status Validation(std::string m) { return {ErrorCode::kValidation, std::move(m)}; }
  static Status ResourceNotFound(std::string m) { return {ErrorCode::kResourceNotFound, std::move(m)}; }
  static Status ResourceInUse(std::string m) { return {ErrorCode::kResourceInUse, std::move(m)}; }
  static Status ConditionalCheckFailed(std::string m = "The conditional request failed") {
    return {ErrorCode::kConditionalCheckFailed, std::move(m)};
  }
  static Status Serialization(std::string m) { return {ErrorCode::kSerialization, std::move(m)}; }
  static Status Internal(std::string m) { return {ErrorCode::kInternal, std::move(m)}; }
  static Status IOError(std::string m) { return {ErrorCode::kIOError, std::move(m)}; }
  static Status Corruption(std::string m) { return {ErrorCode::kCorruption, std::move(m)}; }

  bool ok() const { return code_ == ErrorCode::kOk; }
  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // Payload: the item that failed a condition (ReturnValuesOnConditionCheckFailure=ALL_OLD).
  const std::shared_ptr<const Item>& item() const { return item_; }
  Status&& WithItem(std::shared_ptr<const Item> item) && {
    item_ = std::move(item);
    return std::move(*this);
  }
  // Payload: TransactionCanceledException's reasons, in action order.
  const std::vector<CancellationReason>& cancellation_reasons() const { return reasons_; }
  Status&& WithCancellationReasons(std::vector<CancellationReason> r) && {
    reasons_ = std::move(r);
    return std::move(*this);
  }

  // Deliberately drop a status.
  void IgnoreError() const {}

  std::string ToString() const;

 private:
  ErrorCode code_ = ErrorCode::kOk;
  std::string message_;
  std::shared_ptr<const Item> item_;
  std::vector<CancellationReason> reasons_;
};

// Either a T or a non-OK Status. Never holds OK without a value.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT
  Result(Status status) : v_(std::in_place_index<1>, std::move(status)) {  // NOLINT
    if (std::get<1>(v_).ok()) {
      v_.template emplace<1>(ErrorCode::kInternal, "Result constructed from OK status");
    }
  }

  bool ok() const { return v_.index() == 0; }
  const Status& status() const& {
    static const Status kOk;
    return ok() ? kOk : std::get<1>(v_);
  }
  Status status() && { return ok() ? Status() : std::move(std::get<1>(v_)); }

  // REQUIRES: ok()
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace dynarock

#define DYNAROCK_CONCAT_INNER_(a, b) a##b
#define DYNAROCK_CONCAT_(a, b) DYNAROCK_CONCAT_INNER_(a, b)

// Returns the status from the enclosing function if it is not OK.
#define RETURN_IF_ERROR(expr)                          \
  do {                                                 \
    ::dynarock::Status dynarock_status_ = (expr);      \
    if (!dynarock_status_.ok()) return dynarock_status_; \
  } while (0)

// lhs = value of a Result, or return its status.
#define ASSIGN_OR_RETURN(lhs, expr) \
  ASSIGN_OR_RETURN_IMPL_(DYNAROCK_CONCAT_(dynarock_result_, __LINE__), lhs, expr)
#define ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                           \
  if (!tmp.ok()) return std::move(tmp).status(); \
  lhs = std::move(tmp).value()
