#include "engine/item_write_builder.h"

#include <string>
#include <utility>
#include <vector>

#include "engine/database_impl.h"
#include "engine/key_schema.h"
#include "engine/validation.h"

namespace dynarock::engine {
namespace {

// What the hooks of one write share (ItemWrite copies its std::functions, so
// the state lives behind shared pointers).
struct HookState {
  ItemWriteKind kind = ItemWriteKind::kPut;
  std::shared_ptr<const WriteExpressions> expressions;
  ReturnValuesOnConditionCheckFailure on_failure = ReturnValuesOnConditionCheckFailure::kNone;
  const Item* item = nullptr;  // Put: the item; Update: the key (upsert base)
  std::shared_ptr<std::optional<Item>> new_item;
  std::shared_ptr<int64_t> written_bytes;
};

// DynamoDB names the parameters of the mixing error in this order
// (expressions first by kind, legacy ones as the API lists them).
Status CheckMix(const ItemWriteSpec& spec) {
  std::vector<std::string> legacy;
  std::vector<std::string> expression;
  if (spec.attribute_updates != nullptr) legacy.emplace_back("AttributeUpdates");
  if (spec.expected != nullptr) legacy.emplace_back("Expected");
  if (spec.update_expression != nullptr) expression.emplace_back("UpdateExpression");
  if (spec.condition_expression != nullptr) expression.emplace_back("ConditionExpression");
  return expr::CheckLegacyMix(legacy, expression);
}

// ExpressionAttributeNames/Values given without any expression that could
// use them. DynamoDB names the expressions that are missing for values.
Status CheckMapsWithoutExpressions(const ItemWriteSpec& spec) {
  const bool has_names = spec.names != nullptr && spec.names->has_value();
  const bool has_values = spec.values != nullptr && spec.values->has_value();
  const bool any_expression =
      spec.condition_expression != nullptr || spec.update_expression != nullptr;
  if (any_expression) return Status::OK();
  if (has_names) {
    return Status::Validation("ExpressionAttributeNames can only be specified when using expressions");
  }
  if (has_values) {
    return Status::Validation(
        spec.kind == ItemWriteKind::kUpdate
            ? "ExpressionAttributeValues can only be specified when using expressions: "
              "UpdateExpression and ConditionExpression are null"
            : "ExpressionAttributeValues can only be specified when using expressions: "
              "ConditionExpression is null");
  }
  return Status::OK();
}

// The legacy AttributeUpdates values come in like item values.
Status ValidateAttributeUpdateValues(const AttributeUpdates& updates) {
  for (const auto& [name, u] : updates) {
    if (u.value) RETURN_IF_ERROR(ValidateValue(*u.value));
  }
  return Status::OK();
}

Status ItemTooLarge() { return Status::Validation("Item size has exceeded the maximum allowed size"); }

// The checks DynamoDB makes on an updated item before it is written: the
// values the update wrote follow the input rules (a SET may nest a value
// below others past 32 levels), and the item fits in 400 KB.
Status CheckUpdatedItem(const Item& item, const expr::Update& update) {
  if (!update.empty()) {
    for (const std::string& name : update.top_level_attributes()) {
      auto it = item.find(name);
      if (it != item.end()) RETURN_IF_ERROR(ValidateValue(it->second));
    }
  }
  if (ItemSize(item) > kMaxItemBytes) {
    return Status::Validation("Item size to update has exceeded the maximum allowed size");
  }
  return Status::OK();
}

Status Compute(const HookState& s, const Item* old_item, ItemChange* change) {
  switch (s.kind) {
    case ItemWriteKind::kConditionCheck:
      change->kind = ItemChange::Kind::kKeep;
      return Status::OK();
    case ItemWriteKind::kDelete:
      change->kind = ItemChange::Kind::kDelete;
      return Status::OK();
    case ItemWriteKind::kPut:
      change->kind = ItemChange::Kind::kPut;
      change->item = s.item;
      *s.written_bytes = ItemSize(*s.item);
      return Status::OK();
    case ItemWriteKind::kUpdate: {
      // The computed item lives in the PreparedItemWrite, which outlives
      // the pipeline call: the change points at it, no copy.
      Item& out = s.new_item->emplace();
      if (old_item == nullptr) out = *s.item;  // upsert: starts from the key
      RETURN_IF_ERROR(s.expressions->update.Apply(old_item, &out));
      RETURN_IF_ERROR(CheckUpdatedItem(out, s.expressions->update));
      *s.written_bytes = ItemSize(out);
      change->kind = ItemChange::Kind::kPut;
      change->item = &out;
      return Status::OK();
    }
  }
  return Status::Internal("unknown item write kind");
}

template <typename R>
void SetExpressionMembers(const R& r, ItemWriteSpec* spec) {
  spec->table_name = r.table_name;
  if (r.condition_expression) spec->condition_expression = &*r.condition_expression;
  spec->names = &r.expression_attribute_names;
  spec->values = &r.expression_attribute_values;
  spec->return_values_on_condition_check_failure = r.return_values_on_condition_check_failure;
}

template <typename R>
void SetLegacyMembers(const R& r, ItemWriteSpec* spec) {
  if (r.expected) spec->expected = &*r.expected;
  spec->conditional_operator = r.conditional_operator;
}

}  // namespace

Status ConditionFailed(const Item* old_item, ReturnValuesOnConditionCheckFailure on_failure) {
  Status failed = Status::ConditionalCheckFailed();
  if (on_failure == ReturnValuesOnConditionCheckFailure::kAllOld && old_item != nullptr) {
    return std::move(failed).WithItem(std::make_shared<const Item>(*old_item));
  }
  return failed;
}

Result<WriteExpressions> CompileWriteExpressions(const ItemWriteSpec& spec) {
  static const std::optional<ExpressionAttributeNames> kNoNames;
  static const std::optional<ExpressionAttributeValues> kNoValues;
  RETURN_IF_ERROR(CheckMix(spec));
  RETURN_IF_ERROR(CheckMapsWithoutExpressions(spec));
  WriteExpressions out;
  if (spec.attribute_updates != nullptr) {
    RETURN_IF_ERROR(ValidateAttributeUpdateValues(*spec.attribute_updates));
    ASSIGN_OR_RETURN(out.update, expr::FromAttributeUpdates(*spec.attribute_updates));
  }
  if (spec.expected != nullptr) {
    ASSIGN_OR_RETURN(out.condition, expr::FromExpected(*spec.expected, spec.conditional_operator));
  }
  // DynamoDB compiles the update before the condition, so a request with
  // errors in both reports the update's.
  expr::Compiler compiler(spec.names != nullptr ? *spec.names : kNoNames,
                          spec.values != nullptr ? *spec.values : kNoValues);
  if (spec.update_expression != nullptr) {
    ASSIGN_OR_RETURN(out.update, compiler.CompileUpdate(*spec.update_expression));
  }
  if (spec.condition_expression != nullptr) {
    ASSIGN_OR_RETURN(out.condition, compiler.CompileCondition(*spec.condition_expression));
  }
  RETURN_IF_ERROR(compiler.Finish());
  return out;
}

Result<PreparedItemWrite> PrepareItemWrite(const TableRef& table, const ItemWriteSpec& spec,
                                           WriteExpressions compiled) {
  if (spec.item == nullptr) return Status::Internal("item write without an item or key");
  const KeySchema& ks = table->key;
  if (spec.kind == ItemWriteKind::kPut) {
    RETURN_IF_ERROR(ks.ValidateItem(*spec.item));
    if (ItemSize(*spec.item) > kMaxItemBytes) return ItemTooLarge();
  } else {
    RETURN_IF_ERROR(ks.ValidateKey(*spec.item));
  }
  if (spec.kind == ItemWriteKind::kUpdate && !compiled.update.empty()) {
    for (const std::string& name : compiled.update.top_level_attributes()) {
      if (ks.IsKeyAttribute(name)) {
        return Status::Validation("One or more parameter values were invalid: Cannot update attribute " +
                                  name + ". This attribute is part of the key");
      }
    }
  }

  auto state = std::make_shared<HookState>();
  state->kind = spec.kind;
  state->expressions = std::make_shared<const WriteExpressions>(std::move(compiled));
  state->on_failure = spec.return_values_on_condition_check_failure;
  state->item = spec.item;
  state->new_item = std::make_shared<std::optional<Item>>();
  state->written_bytes = std::make_shared<int64_t>(-1);

  PreparedItemWrite out;
  out.expressions = state->expressions;
  out.new_item = state->new_item;
  out.written_bytes = state->written_bytes;
  out.op.table = table;
  ks.EncodeKey(*spec.item, &out.op.key);
  const bool has_condition = !state->expressions->condition.empty();
  out.op.read_old_item = has_condition || spec.kind == ItemWriteKind::kUpdate || spec.read_old_item;
  if (has_condition) {
    out.op.check = [state](const Item* old_item) -> Status {
      ASSIGN_OR_RETURN(bool pass, state->expressions->condition.Evaluate(old_item));
      if (pass) return Status::OK();
      return ConditionFailed(old_item, state->on_failure);
    };
  }
  out.op.compute = [state](const Item* old_item, ItemChange* change) {
    return Compute(*state, old_item, change);
  };
  return out;
}

Result<PreparedItemWrite> BuildItemWrite(const DatabaseImpl& db, const ItemWriteSpec& spec) {
  if (spec.item == nullptr) return Status::Internal("item write without an item or key");
  RETURN_IF_ERROR(ValidateTableName(spec.table_name));
  ASSIGN_OR_RETURN(WriteExpressions compiled, CompileWriteExpressions(spec));
  RETURN_IF_ERROR(ValidateItemValues(*spec.item));
  ASSIGN_OR_RETURN(TableRef table, db.FindTable(spec.table_name));
  return PrepareItemWrite(table, spec, std::move(compiled));
}

ItemWriteSpec SpecOf(const PutItemRequest& r) {
  ItemWriteSpec s;
  s.kind = ItemWriteKind::kPut;
  s.item = &r.item;
  SetExpressionMembers(r, &s);
  SetLegacyMembers(r, &s);
  s.read_old_item = r.return_values == ReturnValues::kAllOld;
  return s;
}

ItemWriteSpec SpecOf(const DeleteItemRequest& r) {
  ItemWriteSpec s;
  s.kind = ItemWriteKind::kDelete;
  s.item = &r.key;
  SetExpressionMembers(r, &s);
  SetLegacyMembers(r, &s);
  s.read_old_item = r.return_values == ReturnValues::kAllOld;
  return s;
}

ItemWriteSpec SpecOf(const UpdateItemRequest& r) {
  ItemWriteSpec s;
  s.kind = ItemWriteKind::kUpdate;
  s.item = &r.key;
  SetExpressionMembers(r, &s);
  SetLegacyMembers(r, &s);
  if (r.update_expression) s.update_expression = &*r.update_expression;
  if (r.attribute_updates) s.attribute_updates = &*r.attribute_updates;
  return s;
}

ItemWriteSpec SpecOf(const TransactPut& r) {
  ItemWriteSpec s;
  s.kind = ItemWriteKind::kPut;
  s.item = &r.item;
  SetExpressionMembers(r, &s);
  return s;
}

ItemWriteSpec SpecOf(const TransactDelete& r) {
  ItemWriteSpec s;
  s.kind = ItemWriteKind::kDelete;
  s.item = &r.key;
  SetExpressionMembers(r, &s);
  return s;
}

ItemWriteSpec SpecOf(const TransactUpdate& r) {
  ItemWriteSpec s;
  s.kind = ItemWriteKind::kUpdate;
  s.item = &r.key;
  SetExpressionMembers(r, &s);
  s.update_expression = &r.update_expression;
  return s;
}

ItemWriteSpec SpecOf(const TransactConditionCheck& r) {
  ItemWriteSpec s;
  s.kind = ItemWriteKind::kConditionCheck;
  s.item = &r.key;
  s.table_name = r.table_name;
  s.condition_expression = &r.condition_expression;
  s.names = &r.expression_attribute_names;
  s.values = &r.expression_attribute_values;
  s.return_values_on_condition_check_failure = r.return_values_on_condition_check_failure;
  return s;
}

ItemWriteSpec PutSpec(std::string_view table_name, const Item& item) {
  ItemWriteSpec s;
  s.kind = ItemWriteKind::kPut;
  s.table_name = table_name;
  s.item = &item;
  return s;
}

ItemWriteSpec DeleteSpec(std::string_view table_name, const Item& key) {
  ItemWriteSpec s;
  s.kind = ItemWriteKind::kDelete;
  s.table_name = table_name;
  s.item = &key;
  return s;
}

}  // namespace dynarock::engine
