// One TransactWriteItems action (Put, Update, Delete or ConditionCheck),
// validated and turned into an ItemWrite for WritePipeline::ApplyAll by the
// shared item_write_builder (the same code path as PutItem, DeleteItem and
// UpdateItem), plus what only transactions need: the one-member rule, the
// action's share of the 4 MB limit, and cancellation reasons.
//
// Validation here gives plain ValidationException / ResourceNotFoundException
// (what DynamoDB reports before running a transaction). Failures found while
// the transaction runs - a condition that does not hold, an update that
// cannot apply to the stored item, an updated item over 400 KB - come back
// from the pipeline as the action's status and become cancellation reasons
// (ToCancellationReason).
//
// Thread-safety: free functions; a PreparedWrite belongs to one call.
#pragma once

#include <cstdint>
#include <memory>

#include "dynarock/requests.h"
#include "dynarock/status.h"
#include "engine/write_pipeline.h"

namespace dynarock::engine {

class DatabaseImpl;

// DynamoDB's limit on the aggregate size of the items of a transaction.
inline constexpr int64_t kMaxTransactBytes = int64_t{4} * 1024 * 1024;

// ValidationException for a transaction over kMaxTransactBytes.
Status TransactionTooLarge();

struct PreparedWrite {
  ItemWrite op;  // table, key and hooks set
  // What the action adds to the 4 MB aggregate: the Put item, or the key
  // and expression values of the other actions.
  int64_t request_bytes = 0;
  // Set by the compute hook to the size of the item written (Put, Update);
  // stays -1 for Delete and ConditionCheck.
  std::shared_ptr<int64_t> written_bytes;
};

// Validates one action against its table and builds its ItemWrite. The
// returned hooks point into t, which must outlive the pipeline call.
// Errors: ValidationException ("TransactItems can only contain one of Check,
// Put, Update or Delete", key/item/expression errors, key updates, item
// size), ResourceNotFoundException.
Result<PreparedWrite> PrepareTransactWrite(const DatabaseImpl& db, const TransactWriteItem& t);

// The cancellation reason of one action's pipeline status: "None",
// "ConditionalCheckFailed" (with the item when ALL_OLD was asked) or
// "ValidationError". REQUIRES: s is OK, ConditionalCheckFailed or Validation.
CancellationReason ToCancellationReason(const Status& s);

}  // namespace dynarock::engine
