#include "engine/transact_write_action.h"

#include "engine/database_impl.h"
#include "engine/item_write_builder.h"

namespace dynarock::engine {
namespace {

int64_t ValuesSize(const std::optional<ExpressionAttributeValues>& values) {
  int64_t n = 0;
  if (!values) return n;
  for (const auto& [name, v] : *values) n += static_cast<int64_t>(name.size()) + ValueSize(v);
  return n;
}

// The shared builder does all validation and sets the hooks, so a
// condition or update in a transaction behaves exactly as in PutItem,
// DeleteItem and UpdateItem; this adds what only transactions need.
template <typename A>
Result<PreparedWrite> Prepare(const DatabaseImpl& db, const A& action, const Item& item_or_key) {
  ASSIGN_OR_RETURN(PreparedItemWrite w, BuildItemWrite(db, SpecOf(action)));
  PreparedWrite out;
  out.op = std::move(w.op);
  out.written_bytes = std::move(w.written_bytes);
  out.request_bytes = ItemSize(item_or_key) + ValuesSize(action.expression_attribute_values);
  return out;
}

}  // namespace

Status TransactionTooLarge() {
  // DynamoDB documents the 4 MB aggregate limit but not its message; this is
  // ours, worded like the item size error (docs/transactions.md).
  return Status::Validation("Transaction size has exceeded the maximum allowed size of 4 MB");
}

Result<PreparedWrite> PrepareTransactWrite(const DatabaseImpl& db, const TransactWriteItem& t) {
  const int members = (t.condition_check ? 1 : 0) + (t.put ? 1 : 0) + (t.del ? 1 : 0) + (t.update ? 1 : 0);
  if (members > 1) {
    return Status::Validation("TransactItems can only contain one of Check, Put, Update or Delete");
  }
  if (members == 0) {
    // DynamoDB Local's wording for an empty TransactWriteItem.
    return Status::Validation(
        "Invalid Request: TransactWriteRequest should contain Delete or Put or Update request");
  }
  if (t.condition_check) return Prepare(db, *t.condition_check, t.condition_check->key);
  if (t.put) return Prepare(db, *t.put, t.put->item);
  if (t.del) return Prepare(db, *t.del, t.del->key);
  return Prepare(db, *t.update, t.update->key);
}

CancellationReason ToCancellationReason(const Status& s) {
  CancellationReason reason;
  switch (s.code()) {
    case ErrorCode::kOk:
      reason.code = "None";
      break;
    case ErrorCode::kConditionalCheckFailed:
      reason.code = "ConditionalCheckFailed";
      reason.message = s.message();
      reason.item = s.item();
      break;
    default:
      reason.code = "ValidationError";
      reason.message = s.message();
      break;
  }
  return reason;
}

}  // namespace dynarock::engine
