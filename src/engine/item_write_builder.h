// ItemWriteBuilder: the ONE place that turns the expression parts of an item
// write into a prepared engine::ItemWrite (check and compute hooks set).
//
// Used by PutItem, DeleteItem and UpdateItem (item_ops.cc), by each action
// of TransactWriteItems (Put, Delete, Update, ConditionCheck) and by the
// requests of BatchWriteItem (Put, Delete; no expressions there).
//
//   ItemWriteSpec spec = SpecOf(request);              // pointers into the request
//   ASSIGN_OR_RETURN(PreparedItemWrite w, BuildItemWrite(db, spec));
//   ASSIGN_OR_RETURN(WriteOutcome out, pipeline.Apply(w.op));
//   ... ReturnValues from out.old_item and w.new_item / w.expressions->update
//
// BuildItemWrite validates in DynamoDB's order: table name, the legacy /
// expression mixing rule, the expressions (syntax, names, values, unused
// names/values), the values of the item or key, then the table
// (ResourceNotFoundException), the key or item against its key schema, the
// item size (Put), and key attributes named by an update. The hooks then
// decide under the item's lock:
//   check:   the condition on the stored item (null = no item); failing it
//            is ConditionalCheckFailedException "The conditional request
//            failed", carrying the stored item (Status::WithItem) when
//            ReturnValuesOnConditionCheckFailure is ALL_OLD and an item
//            existed.
//   compute: Put writes the item; Delete deletes; ConditionCheck keeps;
//            Update applies the update to the stored item, or to the key
//            when there is none (upsert; an Update with no update
//            expression creates the item with just its key, as DynamoDB
//            does), then checks the result (ValidateValue, nesting, size:
//            "Item size to update has exceeded the maximum allowed size").
//
// Lifetime: the hooks point at the item/key of the spec (no copy of a
// request's item); the request must outlive the pipeline call. Compiled
// expressions are owned by the PreparedItemWrite (shared with the hooks).
//
// Thread-safety: free functions; a PreparedItemWrite belongs to one call.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "dynarock/requests.h"
#include "dynarock/status.h"
#include "dynarock/value.h"
#include "engine/table.h"
#include "engine/write_pipeline.h"
#include "expr/expr.h"

namespace dynarock::engine {

class DatabaseImpl;

using AttributeUpdates = std::map<std::string, AttributeValueUpdate, std::less<>>;

enum class ItemWriteKind : uint8_t { kPut, kDelete, kUpdate, kConditionCheck };

// The expression parts of one item write, as pointers into a request (null
// or absent = not given). Build one with SpecOf() or by hand (batches).
struct ItemWriteSpec {
  ItemWriteKind kind = ItemWriteKind::kPut;
  std::string_view table_name;
  // kPut: the item; every other kind: the key. REQUIRES: set; outlives the
  // pipeline call.
  const Item* item = nullptr;

  const std::string* condition_expression = nullptr;
  const ExpectedMap* expected = nullptr;                     // legacy
  // Legacy; joins the Expected entries (ignored without Expected, as
  // DynamoDB Local does).
  std::optional<ConditionalOperator> conditional_operator;
  const std::string* update_expression = nullptr;            // kUpdate
  const AttributeUpdates* attribute_updates = nullptr;       // kUpdate, legacy
  const std::optional<ExpressionAttributeNames>* names = nullptr;
  const std::optional<ExpressionAttributeValues>* values = nullptr;
  ReturnValuesOnConditionCheckFailure return_values_on_condition_check_failure =
      ReturnValuesOnConditionCheckFailure::kNone;
  // Also read the stored item when nothing else needs it (ReturnValues
  // ALL_OLD of Put/Delete).
  bool read_old_item = false;
};

// The compiled condition and update of a write. Empty members: not given.
struct WriteExpressions {
  expr::Condition condition;
  expr::Update update;
};

struct PreparedItemWrite {
  ItemWrite op;  // table, key, read_old_item, check and compute set
  std::shared_ptr<const WriteExpressions> expressions;
  // After a successful Apply: the item an Update computed and wrote (it
  // lives here, so ReturnValues ALL_NEW/UPDATED_NEW need no copy or
  // re-read); nullopt for the other kinds (a Put writes spec.item as is).
  std::shared_ptr<std::optional<Item>> new_item;
  // Size (ItemSize) of the item a Put or Update wrote, -1 until the
  // compute hook ran or for Delete / ConditionCheck.
  std::shared_ptr<int64_t> written_bytes;
};

// Step 1, needs no table: the mixing rule ("Can not use both expression and
// non-expression parameters in the same request: ..."), names/values given
// without an expression ("ExpressionAttributeValues can only be specified
// when using expressions: ConditionExpression is null"), legacy Expected /
// ConditionalOperator / AttributeUpdates, the expressions and
// Compiler::Finish (unused or unneeded names/values). Returns the compiled
// expressions or ValidationException with DynamoDB's message.
Result<WriteExpressions> CompileWriteExpressions(const ItemWriteSpec& spec);

// Step 2: the write on a table. Validates the item or key against the key
// schema, the item size (Put: "Item size has exceeded the maximum allowed
// size"), and rejects an update of a key attribute ("One or more parameter
// values were invalid: Cannot update attribute <name>. This attribute is
// part of the key"); sets the hooks.
// REQUIRES: spec.item's values passed ValidateItemValues.
Result<PreparedItemWrite> PrepareItemWrite(const TableRef& table, const ItemWriteSpec& spec,
                                           WriteExpressions compiled);

// Steps 1 and 2 with the validation between them: table name, step 1,
// ValidateItemValues(*spec.item), db.FindTable ("Requested resource not
// found"), step 2.
Result<PreparedItemWrite> BuildItemWrite(const DatabaseImpl& db, const ItemWriteSpec& spec);

// Specs pointing into a request. The request must outlive the spec and the
// PreparedItemWrite built from it.
ItemWriteSpec SpecOf(const PutItemRequest& r);
ItemWriteSpec SpecOf(const DeleteItemRequest& r);
ItemWriteSpec SpecOf(const UpdateItemRequest& r);
ItemWriteSpec SpecOf(const TransactPut& r);
ItemWriteSpec SpecOf(const TransactDelete& r);
ItemWriteSpec SpecOf(const TransactUpdate& r);
ItemWriteSpec SpecOf(const TransactConditionCheck& r);
// BatchWriteItem's PutRequest (item) and DeleteRequest (key).
ItemWriteSpec PutSpec(std::string_view table_name, const Item& item);
ItemWriteSpec DeleteSpec(std::string_view table_name, const Item& key);

// ConditionalCheckFailedException for a failed condition, with a copy of
// old_item when on_failure is ALL_OLD and old_item is non-null.
Status ConditionFailed(const Item* old_item, ReturnValuesOnConditionCheckFailure on_failure);

}  // namespace dynarock::engine
