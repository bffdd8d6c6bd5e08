// PutItem, GetItem, DeleteItem, UpdateItem. Writes are built by
// item_write_builder (conditions, updates, legacy parameters) and run
// through the WritePipeline; GetItem projects with expr::Projection.
#include "codec/item_codec.h"
#include "engine/database_impl.h"
#include "engine/index_upkeep.h"
#include "engine/item_write_builder.h"
#include "engine/request_checks.h"
#include "engine/validation.h"
#include "expr/expr.h"

namespace dynarock::engine {
namespace {

Status CheckReturnValues(ReturnValues rv) {
  if (rv != ReturnValues::kNone && rv != ReturnValues::kAllOld) {
    return Status::Validation("ReturnValues can only be ALL_OLD or NONE");
  }
  return Status::OK();
}

// DynamoDB leaves Attributes out of the response when there is nothing to
// return (e.g. UPDATED_OLD when the updated attributes did not exist).
std::optional<Item> NonEmpty(Item item) {
  if (item.empty()) return std::nullopt;
  return item;
}

}  // namespace

// ----------------------------------------------------------------- PutItem

Result<PutItemResult> DatabaseImpl::PutItem(const PutItemRequest& r) {
  RETURN_IF_ERROR(ValidateTableName(r.table_name));
  RETURN_IF_ERROR(CheckReturnValues(r.return_values));
  ASSIGN_OR_RETURN(PreparedItemWrite w, BuildItemWrite(*this, SpecOf(r)));
  ASSIGN_OR_RETURN(WriteOutcome outcome, pipeline_.Apply(w.op));
  PutItemResult result;
  if (r.return_item_collection_metrics == ReturnItemCollectionMetrics::kSize &&
      outcome.item_collection_bytes) {
    // Issue 8: tables with a local secondary index.
    result.item_collection_metrics =
        CollectionMetrics(w.op.table->key, r.item, *outcome.item_collection_bytes);
  }
  // DynamoDB charges the larger of the old and the new item.
  int64_t size = *w.written_bytes;
  if (outcome.old_item) size = std::max(size, ItemSize(*outcome.old_item));
  if (r.return_values == ReturnValues::kAllOld && outcome.old_item) {
    result.attributes = std::move(outcome.old_item);
  }
  result.consumed_capacity =
      MakeConsumed(r.return_consumed_capacity, r.table_name, WriteUnits(size), false);
  return result;
}

// ----------------------------------------------------------------- GetItem

Result<GetItemResult> DatabaseImpl::GetItem(const GetItemRequest& r) {
  RETURN_IF_ERROR(ValidateTableName(r.table_name));
  {
    std::vector<std::string> legacy;
    std::vector<std::string> expression;
    if (r.attributes_to_get) legacy.emplace_back("AttributesToGet");
    if (r.projection_expression) expression.emplace_back("ProjectionExpression");
    RETURN_IF_ERROR(expr::CheckLegacyMix(legacy, expression));
  }
  RETURN_IF_ERROR(ValidateAttributesToGet(r.attributes_to_get));
  expr::Projection projection;
  if (r.attributes_to_get) {
    ASSIGN_OR_RETURN(projection, expr::FromAttributesToGet(*r.attributes_to_get));
  }
  {
    static const std::optional<ExpressionAttributeValues> kNoValues;
    expr::Compiler compiler(r.expression_attribute_names, kNoValues);
    if (r.projection_expression) {
      ASSIGN_OR_RETURN(projection, compiler.CompileProjection(*r.projection_expression));
    }
    RETURN_IF_ERROR(compiler.Finish());
  }
  RETURN_IF_ERROR(ValidateItemValues(r.key));
  ASSIGN_OR_RETURN(TableRef table, FindTable(r.table_name));
  RETURN_IF_ERROR(table->key.ValidateKey(r.key));

  thread_local std::string key;
  thread_local std::string value;
  key.clear();
  table->key.EncodeKey(r.key, &key);
  ASSIGN_OR_RETURN(bool found, store_->Get(*table->cf, key, &value));
  GetItemResult result;
  int64_t size = 0;
  if (found) {
    ASSIGN_OR_RETURN(Item item, codec::DecodeItem(value));
    // Capacity counts the whole item, whatever the projection keeps.
    if (r.return_consumed_capacity != ReturnConsumedCapacity::kNone) size = ItemSize(item);
    if (!projection.empty()) {
      result.item = projection.Apply(item);
    } else {
      result.item = std::move(item);
    }
  }
  result.consumed_capacity = MakeConsumed(r.return_consumed_capacity, r.table_name,
                                          ReadUnits(size, r.consistent_read.value_or(false)), true);
  return result;
}

// -------------------------------------------------------------- DeleteItem

Result<DeleteItemResult> DatabaseImpl::DeleteItem(const DeleteItemRequest& r) {
  RETURN_IF_ERROR(ValidateTableName(r.table_name));
  RETURN_IF_ERROR(CheckReturnValues(r.return_values));
  ASSIGN_OR_RETURN(PreparedItemWrite w, BuildItemWrite(*this, SpecOf(r)));
  ASSIGN_OR_RETURN(WriteOutcome outcome, pipeline_.Apply(w.op));
  DeleteItemResult result;
  if (r.return_item_collection_metrics == ReturnItemCollectionMetrics::kSize &&
      outcome.item_collection_bytes) {
    // Issue 8: tables with a local secondary index.
    result.item_collection_metrics =
        CollectionMetrics(w.op.table->key, r.key, *outcome.item_collection_bytes);
  }
  int64_t size = outcome.old_item ? ItemSize(*outcome.old_item) : 0;
  if (r.return_values == ReturnValues::kAllOld && outcome.old_item) {
    result.attributes = std::move(outcome.old_item);
  }
  result.consumed_capacity =
      MakeConsumed(r.return_consumed_capacity, r.table_name, WriteUnits(size), false);
  return result;
}

// -------------------------------------------------------------- UpdateItem

Result<UpdateItemResult> DatabaseImpl::UpdateItem(const UpdateItemRequest& r) {
  RETURN_IF_ERROR(ValidateTableName(r.table_name));
  ASSIGN_OR_RETURN(PreparedItemWrite w, BuildItemWrite(*this, SpecOf(r)));
  ASSIGN_OR_RETURN(WriteOutcome outcome, pipeline_.Apply(w.op));
  UpdateItemResult result;
  if (r.return_item_collection_metrics == ReturnItemCollectionMetrics::kSize &&
      outcome.item_collection_bytes) {
    // Issue 8: tables with a local secondary index.
    result.item_collection_metrics =
        CollectionMetrics(w.op.table->key, r.key, *outcome.item_collection_bytes);
  }
  const std::optional<Item>& new_item = *w.new_item;
  const expr::Update& update = w.expressions->update;
  switch (r.return_values) {
    case ReturnValues::kNone:
      break;
    case ReturnValues::kAllOld:
      if (outcome.old_item) result.attributes = *outcome.old_item;
      break;
    case ReturnValues::kUpdatedOld:
      if (outcome.old_item) result.attributes = NonEmpty(update.UpdatedAttributes(*outcome.old_item));
      break;
    case ReturnValues::kAllNew:
      if (new_item) result.attributes = *new_item;
      break;
    case ReturnValues::kUpdatedNew:
      if (new_item) result.attributes = NonEmpty(update.UpdatedAttributes(*new_item));
      break;
  }
  int64_t size = *w.written_bytes;
  if (outcome.old_item) size = std::max(size, ItemSize(*outcome.old_item));
  result.consumed_capacity =
      MakeConsumed(r.return_consumed_capacity, r.table_name, WriteUnits(size), false);
  return result;
}

}  // namespace dynarock::engine
