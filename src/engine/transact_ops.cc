// TransactWriteItems and TransactGetItems.
//
// A write transaction is validated whole before anything is locked (a bad
// request is a plain ValidationException, as in DynamoDB), then handed to
// WritePipeline::ApplyAll: every item's stripe locked in stripe order (so
// transactions over overlapping items in any order cannot deadlock), every
// stored item read, every condition evaluated, every new item computed, and
// one WriteBatch committed - or nothing, with one cancellation reason per
// action. A read transaction reads every item from one storage snapshot.
//
// See docs/transactions.md for which errors DynamoDB reports as a plain
// exception and which as a cancellation reason.
#include <algorithm>
#include <memory>
#include <set>

#include "codec/item_codec.h"
#include "engine/database_impl.h"
#include "engine/index_upkeep.h"
#include "engine/request_checks.h"
#include "engine/transact_write_action.h"
#include "engine/validation.h"
#include "expr/expr.h"

namespace dynarock::engine {
namespace {

// The Compiler keeps a pointer to the values map: a static outlives it.
const std::optional<ExpressionAttributeValues> kNoValues;
constexpr size_t kMaxTransactItems = 100;
constexpr size_t kMaxTokenLength = 36;

Status DuplicateItems() {
  return Status::Validation("Transaction request cannot include multiple operations on one item");
}

// "[TransactWriteItem, ...]": the value DynamoDB prints in a length
// constraint error is Java's rendering of the list; its element type is the
// part a client can rely on.
std::string RenderList(size_t n, std::string_view element) {
  std::string out = "[";
  for (size_t i = 0; i < n; ++i) {
    if (i != 0) out += ", ";
    out.append(element);
  }
  return out + "]";
}

Status CheckActionCount(size_t n, std::string_view element) {
  ConstraintErrors errors;
  if (n < 1) {
    errors.Add("[]", "transactItems", "Member must have length greater than or equal to 1");
  } else if (n > kMaxTransactItems) {
    errors.Add(RenderList(n, element), "transactItems", "Member must have length less than or equal to 100");
  }
  return errors.ToStatus();
}

Status CheckToken(const std::optional<std::string>& token) {
  if (!token) return Status::OK();
  ConstraintErrors errors;
  // DynamoDB counts UTF-16 code units; a token is an ASCII UUID in practice,
  // and a multi-byte token only gets shorter in UTF-16, so bytes are checked
  // through the same count the JSON layer uses.
  size_t units = 0;
  for (unsigned char c : *token) {
    if ((c & 0xC0) != 0x80) ++units;
    if ((c & 0xF8) == 0xF0) ++units;
  }
  if (units < 1) {
    errors.Add(*token, "clientRequestToken", "Member must have length greater than or equal to 1");
  }
  if (units > kMaxTokenLength) {
    errors.Add(*token, "clientRequestToken", "Member must have length less than or equal to 36");
  }
  return errors.ToStatus();
}

// Adds units to the entry of table in *out, keeping first-use order.
void AddUnits(std::vector<std::pair<std::string, double>>* out, const std::string& table, double units) {
  for (auto& [name, total] : *out) {
    if (name == table) {
      total += units;
      return;
    }
  }
  out->emplace_back(table, units);
}

std::vector<ConsumedCapacity> ToConsumed(ReturnConsumedCapacity mode,
                                         const std::vector<std::pair<std::string, double>>& units,
                                         bool is_read) {
  std::vector<ConsumedCapacity> out;
  for (const auto& [table, u] : units) {
    if (auto c = MakeConsumed(mode, table, u, is_read)) out.push_back(std::move(*c));
  }
  return out;
}

std::string CancellationMessage(const std::vector<CancellationReason>& reasons) {
  std::string m = "Transaction cancelled, please refer cancellation reasons for specific reasons [";
  for (size_t i = 0; i < reasons.size(); ++i) {
    if (i != 0) m += ", ";
    m += reasons[i].code;
  }
  return m + "]";
}

}  // namespace

// ------------------------------------------------------ TransactWriteItems

Result<TransactWriteItemsResult> DatabaseImpl::TransactWriteItems(const TransactWriteItemsRequest& r) {
  RETURN_IF_ERROR(CheckActionCount(r.transact_items.size(), "TransactWriteItem"));
  RETURN_IF_ERROR(CheckToken(r.client_request_token));

  // Validate every action before touching anything.
  std::vector<PreparedWrite> actions;
  actions.reserve(r.transact_items.size());
  int64_t total_bytes = 0;
  for (const TransactWriteItem& t : r.transact_items) {
    ASSIGN_OR_RETURN(PreparedWrite a, PrepareTransactWrite(*this, t));
    total_bytes += a.request_bytes;
    actions.push_back(std::move(a));
  }
  {
    // By name, not by Table pointer: an UpdateTable racing with this call may
    // have published a new Table object for the same table.
    std::set<std::pair<std::string_view, std::string_view>> seen;
    for (const PreparedWrite& a : actions) {
      if (!seen.emplace(a.op.table->name(), a.op.key).second) return DuplicateItems();
    }
  }
  if (total_bytes > kMaxTransactBytes) return TransactionTooLarge();

  // Idempotency: claim the token before applying; release it if nothing
  // commits, so a retry after a cancellation runs again.
  std::optional<std::string> claimed;
  if (r.client_request_token) {
    TransactWriteItemsResult previous;
    switch (idempotency_.Begin(*r.client_request_token, FingerprintTransactWrite(r), &previous)) {
      case IdempotencyCache::Claim::kReplay:
        return previous;
      case IdempotencyCache::Claim::kMismatch:
        return Status(ErrorCode::kIdempotentParameterMismatch,
                      "DynamoDB rejected the request because you retried a request with a different "
                      "payload but with an idempotent token that was already used.");
      case IdempotencyCache::Claim::kInProgress:
        return Status(ErrorCode::kTransactionInProgress,
                      "Transaction from previous request is still in progress");
      case IdempotencyCache::Claim::kNew:
        claimed = *r.client_request_token;
        break;
    }
  }
  auto release = [&] {
    if (claimed) idempotency_.Release(*claimed);
  };

  std::vector<ItemWrite> ops;
  ops.reserve(actions.size());
  for (PreparedWrite& a : actions) ops.push_back(std::move(a.op));
  std::vector<WriteOutcome> outcomes;
  std::vector<Status> results;
  Status s = pipeline_.ApplyAll(ops, &outcomes, &results);
  if (!s.ok()) {
    release();
    bool cancelled = false;
    for (const Status& each : results) {
      if (each.ok()) continue;
      if (each.code() != ErrorCode::kConditionalCheckFailed && each.code() != ErrorCode::kValidation) {
        return each;  // storage failure or a bug: not the client's doing
      }
      cancelled = true;
    }
    if (!cancelled) return s;  // the commit itself failed
    std::vector<CancellationReason> reasons(results.size());
    for (size_t i = 0; i < results.size(); ++i) reasons[i] = ToCancellationReason(results[i]);
    std::string message = CancellationMessage(reasons);
    return Status(ErrorCode::kTransactionCanceled, std::move(message))
        .WithCancellationReasons(std::move(reasons));
  }

  TransactWriteItemsResult result;
  if (r.return_consumed_capacity != ReturnConsumedCapacity::kNone) {
    // Transactional writes cost two units per KB (prepare and commit).
    std::vector<std::pair<std::string, double>> units;
    for (size_t i = 0; i < ops.size(); ++i) {
      // The item written, or for Delete and ConditionCheck the item read.
      int64_t bytes = *actions[i].written_bytes;
      if (bytes < 0) bytes = outcomes[i].old_item ? ItemSize(*outcomes[i].old_item) : 0;
      AddUnits(&units, ops[i].table->name(), 2 * WriteUnits(bytes));
    }
    result.consumed_capacity = ToConsumed(r.return_consumed_capacity, units, false);
  }
  if (r.return_item_collection_metrics == ReturnItemCollectionMetrics::kSize) {
    // Issue 8: written items on tables with a local secondary index (a
    // ConditionCheck writes nothing and so has no size).
    for (size_t i = 0; i < ops.size(); ++i) {
      if (!outcomes[i].item_collection_bytes) continue;
      const TransactWriteItem& t = r.transact_items[i];
      const Item& key = t.put ? t.put->item : t.del ? t.del->key : t.update ? t.update->key
                                                                          : t.condition_check->key;
      result.item_collection_metrics[std::string(ops[i].table->name())].push_back(
          CollectionMetrics(ops[i].table->key, key, *outcomes[i].item_collection_bytes));
    }
  }
  if (claimed) idempotency_.Complete(*claimed, result);
  return result;
}

// -------------------------------------------------------- TransactGetItems

Result<TransactGetItemsResult> DatabaseImpl::TransactGetItems(const TransactGetItemsRequest& r) {
  RETURN_IF_ERROR(CheckActionCount(r.transact_items.size(), "TransactGetItem"));

  struct PreparedGet {
    TableRef table;
    std::string key;
    expr::Projection projection;
  };
  std::vector<PreparedGet> gets;
  gets.reserve(r.transact_items.size());
  for (const TransactGet& g : r.transact_items) {
    RETURN_IF_ERROR(ValidateTableName(g.table_name));
    PreparedGet p;
    expr::Compiler compiler(g.expression_attribute_names, kNoValues);
    if (g.projection_expression) {
      ASSIGN_OR_RETURN(p.projection, compiler.CompileProjection(*g.projection_expression));
    }
    RETURN_IF_ERROR(compiler.Finish());
    RETURN_IF_ERROR(ValidateItemValues(g.key));
    ASSIGN_OR_RETURN(p.table, FindTable(g.table_name));
    RETURN_IF_ERROR(p.table->key.ValidateKey(g.key));
    p.table->key.EncodeKey(g.key, &p.key);
    gets.push_back(std::move(p));
  }
  {
    std::set<std::pair<std::string_view, std::string_view>> seen;
    for (const PreparedGet& p : gets) {
      if (!seen.emplace(p.table->name(), p.key).second) return DuplicateItems();
    }
  }

  // One snapshot: a transaction that commits while we read is seen whole or
  // not at all, since it is one RocksDB WriteBatch.
  std::unique_ptr<storage::Snapshot> snapshot = store_->GetSnapshot();
  TransactGetItemsResult result;
  result.responses.reserve(gets.size());
  std::vector<std::pair<std::string, double>> units;
  int64_t total_bytes = 0;
  std::string value;
  for (const PreparedGet& p : gets) {
    ASSIGN_OR_RETURN(bool found, store_->Get(*p.table->cf, p.key, &value, snapshot.get()));
    int64_t size = 0;
    if (!found) {
      result.responses.emplace_back(std::nullopt);
    } else {
      ASSIGN_OR_RETURN(Item item, codec::DecodeItem(value));
      size = ItemSize(item);
      total_bytes += size;
      if (p.projection.empty()) {
        result.responses.emplace_back(std::move(item));
      } else {
        result.responses.emplace_back(p.projection.Apply(item));
      }
    }
    // Transactional reads cost two units per 4 KB.
    AddUnits(&units, p.table->name(), 2 * ReadUnits(size, true));
  }
  if (total_bytes > kMaxTransactBytes) return TransactionTooLarge();
  result.consumed_capacity = ToConsumed(r.return_consumed_capacity, units, true);
  return result;
}

}  // namespace dynarock::engine
