// BatchGetItem and BatchWriteItem.
//
// A batch is validated whole first - any bad request, missing table or
// duplicate key rejects the batch with nothing done, as DynamoDB does - and
// then each request runs on its own: a BatchWriteItem request is one
// WritePipeline::Apply (atomic for its item, with the same locking and index
// upkeep as PutItem/DeleteItem), the batch as a whole is not atomic.
#include <set>

#include "codec/item_codec.h"
#include "engine/database_impl.h"
#include "engine/index_upkeep.h"
#include "engine/item_write_builder.h"
#include "engine/request_checks.h"
#include "engine/validation.h"
#include "expr/expr.h"

namespace dynarock::engine {
namespace {

// The Compiler keeps a pointer to the values map: a static outlives it.
const std::optional<ExpressionAttributeValues> kNoValues;
constexpr size_t kMaxBatchGetKeys = 100;
constexpr size_t kMaxBatchWriteRequests = 25;
// BatchGetItem stops adding items to a response past 16 MB of item data.
constexpr int64_t kMaxBatchGetResponseBytes = int64_t{16} * 1024 * 1024;

Status DuplicateKeys() { return Status::Validation("Provided list of item keys contains duplicates"); }

Status EmptyRequestItems() {
  ConstraintErrors errors;
  errors.Add("{}", "requestItems", "Member must have length greater than or equal to 1");
  return errors.ToStatus();
}

}  // namespace

// ----------------------------------------------------------- BatchGetItem

Result<BatchGetItemResult> DatabaseImpl::BatchGetItem(const BatchGetItemRequest& r) {
  if (r.request_items.empty()) return EmptyRequestItems();
  size_t total_keys = 0;
  for (const auto& [name, ka] : r.request_items) total_keys += ka.keys.size();
  if (total_keys > kMaxBatchGetKeys) {
    return Status::Validation("Too many items requested for the BatchGetItem call");
  }

  struct TableRead {
    const std::string* name;
    const KeysAndAttributes* request;
    TableRef table;
    expr::Projection projection;
    std::vector<std::string> keys;  // encoded, in request order
  };
  std::vector<TableRead> reads;
  reads.reserve(r.request_items.size());
  for (const auto& [name, ka] : r.request_items) {
    RETURN_IF_ERROR(ValidateTableName(name));
    if (ka.keys.empty()) {
      // DynamoDB Local's wording; the JSON layer reports the model's length
      // constraint before the engine sees the request.
      return Status::Validation("The list of keys in RequestItems for BatchGetItem is required: " + name +
                                " has empty list");
    }
    TableRead t{&name, &ka, nullptr, {}, {}};
    std::vector<std::string> legacy;
    std::vector<std::string> expression;
    if (ka.attributes_to_get) legacy.emplace_back("AttributesToGet");
    if (ka.projection_expression) expression.emplace_back("ProjectionExpression");
    RETURN_IF_ERROR(expr::CheckLegacyMix(legacy, expression));
    expr::Compiler compiler(ka.expression_attribute_names, kNoValues);
    if (ka.projection_expression) {
      ASSIGN_OR_RETURN(t.projection, compiler.CompileProjection(*ka.projection_expression));
    } else if (ka.attributes_to_get) {
      RETURN_IF_ERROR(ValidateAttributesToGet(ka.attributes_to_get));
      ASSIGN_OR_RETURN(t.projection, expr::FromAttributesToGet(*ka.attributes_to_get));
    }
    RETURN_IF_ERROR(compiler.Finish());
    ASSIGN_OR_RETURN(t.table, FindTable(name));
    std::set<std::string_view> seen;
    t.keys.reserve(ka.keys.size());
    for (const Item& key : ka.keys) {
      RETURN_IF_ERROR(ValidateItemValues(key));
      RETURN_IF_ERROR(t.table->key.ValidateKey(key));
      t.keys.emplace_back();
      t.table->key.EncodeKey(key, &t.keys.back());
    }
    for (const std::string& k : t.keys) {
      if (!seen.insert(k).second) return DuplicateKeys();
    }
    reads.push_back(std::move(t));
  }

  BatchGetItemResult result;
  int64_t response_bytes = 0;
  bool full = false;
  std::string value;
  for (TableRead& t : reads) {
    const KeysAndAttributes& ka = *t.request;
    const bool consistent = ka.consistent_read.value_or(false);
    std::vector<Item>& items = result.responses[*t.name];
    double units = 0;
    // Keys past the 16 MB response go back as UnprocessedKeys, with the
    // table's options, so the client can send them again as they are.
    auto unprocessed = [&](size_t i) {
      auto [it, inserted] = result.unprocessed_keys.try_emplace(*t.name);
      if (inserted) {
        it->second.attributes_to_get = ka.attributes_to_get;
        it->second.consistent_read = ka.consistent_read;
        it->second.projection_expression = ka.projection_expression;
        it->second.expression_attribute_names = ka.expression_attribute_names;
      }
      it->second.keys.push_back(ka.keys[i]);
    };
    for (size_t i = 0; i < t.keys.size(); ++i) {
      if (full) {
        unprocessed(i);
        continue;
      }
      ASSIGN_OR_RETURN(bool found, store_->Get(*t.table->cf, t.keys[i], &value));
      int64_t size = 0;
      if (found) {
        ASSIGN_OR_RETURN(Item item, codec::DecodeItem(value));
        size = ItemSize(item);
        // The item that would pass 16 MB (counted before projection, as
        // DynamoDB counts read size) is the first unprocessed one. The
        // first item always fits (400 KB), so each call makes progress.
        if (response_bytes + size > kMaxBatchGetResponseBytes) {
          full = true;
          unprocessed(i);
          continue;
        }
        items.push_back(t.projection.empty() ? std::move(item) : t.projection.Apply(item));
      }
      units += ReadUnits(size, consistent);
      response_bytes += size;
    }
    if (auto c = MakeConsumed(r.return_consumed_capacity, *t.name, units, true)) {
      result.consumed_capacity.push_back(std::move(*c));
    }
  }
  return result;
}

// ---------------------------------------------------------- BatchWriteItem

Result<BatchWriteItemResult> DatabaseImpl::BatchWriteItem(const BatchWriteItemRequest& r) {
  if (r.request_items.empty()) return EmptyRequestItems();
  size_t total = 0;
  for (const auto& [name, writes] : r.request_items) total += writes.size();
  if (total > kMaxBatchWriteRequests) {
    return Status::Validation("Too many items requested for the BatchWriteItem call");
  }

  struct Write {
    const std::string* table_name;
    const WriteRequest* request;
    PreparedItemWrite prepared;
    int64_t size = 0;  // Put: the item's size
  };
  std::vector<Write> writes;
  writes.reserve(total);
  for (const auto& [name, list] : r.request_items) {
    RETURN_IF_ERROR(ValidateTableName(name));
    if (list.empty()) {
      // DynamoDB Local's wording (the JSON layer reports the model's length
      // constraint first).
      return Status::Validation("The batch write request list for a table cannot be null or empty: " + name);
    }
    // A missing table is reported before the requests' own errors.
    RETURN_IF_ERROR(FindTable(name).status());
    const size_t first = writes.size();
    for (const WriteRequest& w : list) {
      if (w.put_request.has_value() == w.delete_request.has_value()) {
        // DynamoDB's (odd) wording for a WriteRequest with both or neither.
        return Status::Validation(
            "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the "
            "supported datatypes");
      }
      // The shared builder validates as PutItem/DeleteItem do and sets the
      // same hooks (and so the same index upkeep).
      const ItemWriteSpec spec =
          w.put_request ? PutSpec(name, *w.put_request) : DeleteSpec(name, *w.delete_request);
      ASSIGN_OR_RETURN(PreparedItemWrite prepared, BuildItemWrite(*this, spec));
      const int64_t size = w.put_request ? ItemSize(*w.put_request) : 0;
      writes.push_back(Write{&name, &w, std::move(prepared), size});
    }
    // Two requests on one item (put+put, put+delete) are rejected, not merged.
    std::set<std::string_view> seen;
    for (size_t i = first; i < writes.size(); ++i) {
      if (!seen.insert(writes[i].prepared.op.key).second) return DuplicateKeys();
    }
  }
  // 25 requests of at most 400 KB each stay under DynamoDB's 16 MB request
  // limit, so the item limit the builder checks enforces it.

  BatchWriteItemResult result;
  std::vector<std::pair<const std::string*, double>> units;
  bool failed = false;
  Status first_error;
  size_t applied = 0;
  for (Write& w : writes) {
    if (!failed) {
      Result<WriteOutcome> outcome = pipeline_.Apply(w.prepared.op);
      if (outcome.ok()) {
        ++applied;
        if (r.return_item_collection_metrics == ReturnItemCollectionMetrics::kSize &&
            outcome->item_collection_bytes) {
          // Issue 8: only tables with a local secondary index report these,
          // one entry per written item, keyed by table name as in DynamoDB.
          const Item& key = w.request->put_request ? *w.request->put_request : *w.request->delete_request;
          result.item_collection_metrics[*w.table_name].push_back(
              CollectionMetrics(w.prepared.op.table->key, key, *outcome->item_collection_bytes));
        }
        if (units.empty() || units.back().first != w.table_name) units.emplace_back(w.table_name, 0);
        units.back().second += WriteUnits(w.size);
        continue;
      }
      failed = true;
      first_error = outcome.status();
    }
    // A storage failure stops the batch: what was not applied goes back as
    // UnprocessedItems, DynamoDB's way of saying "send these again".
    result.unprocessed_items[*w.table_name].push_back(*w.request);
  }
  if (failed && applied == 0) return first_error;
  for (const auto& [name, u] : units) {
    if (auto c = MakeConsumed(r.return_consumed_capacity, *name, u, false)) {
      result.consumed_capacity.push_back(std::move(*c));
    }
  }
  return result;
}

}  // namespace dynarock::engine
