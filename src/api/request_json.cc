#include "api/request_json.h"

#include <string_view>
#include <utility>

#include "api/value_json.h"

namespace dynarock::api {
namespace {

// ----------------------------------------------------------- primitives

const json* Member(const json& j, const char* name) {
  if (!j.is_object()) return nullptr;
  auto it = j.find(name);
  if (it == j.end() || it->is_null()) return nullptr;
  return &*it;
}

void ReadString(const json& j, const char* name, std::string* out) {
  const json* m = Member(j, name);
  if (m != nullptr && m->is_string()) *out = m->get_ref<const std::string&>();
}

void ReadOptString(const json& j, const char* name, std::optional<std::string>* out) {
  const json* m = Member(j, name);
  if (m != nullptr && m->is_string()) *out = m->get_ref<const std::string&>();
}

void ReadOptBool(const json& j, const char* name, std::optional<bool>* out) {
  const json* m = Member(j, name);
  if (m != nullptr && m->is_boolean()) *out = m->get<bool>();
}

void ReadBool(const json& j, const char* name, bool* out) {
  const json* m = Member(j, name);
  if (m != nullptr && m->is_boolean()) *out = m->get<bool>();
}

// Fractions are truncated, as DynamoDB's deserialiser does.
template <typename T>
void ReadOptInt(const json& j, const char* name, std::optional<T>* out) {
  const json* m = Member(j, name);
  if (m == nullptr || !m->is_number()) return;
  if (m->is_number_float()) {
    double d = m->get<double>();
    if (d > 9.2e18) d = 9.2e18;
    if (d < -9.2e18) d = -9.2e18;
    *out = static_cast<T>(static_cast<int64_t>(d));
  } else if (m->is_number_unsigned()) {
    uint64_t u = m->get<uint64_t>();
    *out = static_cast<T>(u > uint64_t{INT64_MAX} ? INT64_MAX : static_cast<int64_t>(u));
  } else {
    *out = static_cast<T>(m->get<int64_t>());
  }
}

void ReadInt64(const json& j, const char* name, int64_t* out) {
  std::optional<int64_t> v;
  ReadOptInt(j, name, &v);
  if (v) *out = *v;
}

void ReadStrings(const json& j, const char* name, std::vector<std::string>* out) {
  const json* m = Member(j, name);
  if (m == nullptr || !m->is_array()) return;
  out->reserve(m->size());
  for (const json& e : *m) {
    if (e.is_string()) out->push_back(e.get_ref<const std::string&>());
  }
}

void ReadOptStrings(const json& j, const char* name, std::optional<std::vector<std::string>>* out) {
  if (Member(j, name) == nullptr) return;
  out->emplace();
  ReadStrings(j, name, &**out);
}

template <typename E>
struct EnumName {
  std::string_view name;
  E value;
};

template <typename E, size_t N>
bool ReadEnum(const json& j, const char* name, const EnumName<E> (&table)[N], E* out) {
  const json* m = Member(j, name);
  if (m == nullptr || !m->is_string()) return false;
  const std::string& s = m->get_ref<const std::string&>();
  for (const auto& e : table) {
    if (e.name == s) {
      *out = e.value;
      return true;
    }
  }
  return false;  // the validator has reported it
}

template <typename E, size_t N>
void ReadOptEnum(const json& j, const char* name, const EnumName<E> (&table)[N], std::optional<E>* out) {
  E v{};
  if (ReadEnum(j, name, table, &v)) *out = v;
}

constexpr EnumName<ReturnValues> kReturnValues[] = {{"NONE", ReturnValues::kNone},
                                                    {"ALL_OLD", ReturnValues::kAllOld},
                                                    {"UPDATED_OLD", ReturnValues::kUpdatedOld},
                                                    {"ALL_NEW", ReturnValues::kAllNew},
                                                    {"UPDATED_NEW", ReturnValues::kUpdatedNew}};
constexpr EnumName<ReturnConsumedCapacity> kReturnConsumedCapacity[] = {{"NONE", ReturnConsumedCapacity::kNone},
                                                                        {"TOTAL", ReturnConsumedCapacity::kTotal},
                                                                        {"INDEXES", ReturnConsumedCapacity::kIndexes}};
constexpr EnumName<ReturnItemCollectionMetrics> kReturnItemCollectionMetrics[] = {
    {"NONE", ReturnItemCollectionMetrics::kNone}, {"SIZE", ReturnItemCollectionMetrics::kSize}};
constexpr EnumName<ReturnValuesOnConditionCheckFailure> kReturnValuesOnConditionCheckFailure[] = {
    {"NONE", ReturnValuesOnConditionCheckFailure::kNone}, {"ALL_OLD", ReturnValuesOnConditionCheckFailure::kAllOld}};
constexpr EnumName<Select> kSelect[] = {{"ALL_ATTRIBUTES", Select::kAllAttributes},
                                        {"ALL_PROJECTED_ATTRIBUTES", Select::kAllProjectedAttributes},
                                        {"SPECIFIC_ATTRIBUTES", Select::kSpecificAttributes},
                                        {"COUNT", Select::kCount}};
constexpr EnumName<ComparisonOperator> kComparisonOperator[] = {{"EQ", ComparisonOperator::kEq},
                                                                {"NE", ComparisonOperator::kNe},
                                                                {"IN", ComparisonOperator::kIn},
                                                                {"LE", ComparisonOperator::kLe},
                                                                {"LT", ComparisonOperator::kLt},
                                                                {"GE", ComparisonOperator::kGe},
                                                                {"GT", ComparisonOperator::kGt},
                                                                {"BETWEEN", ComparisonOperator::kBetween},
                                                                {"NOT_NULL", ComparisonOperator::kNotNull},
                                                                {"NULL", ComparisonOperator::kNull},
                                                                {"CONTAINS", ComparisonOperator::kContains},
                                                                {"NOT_CONTAINS", ComparisonOperator::kNotContains},
                                                                {"BEGINS_WITH", ComparisonOperator::kBeginsWith}};
constexpr EnumName<ConditionalOperator> kConditionalOperator[] = {{"AND", ConditionalOperator::kAnd},
                                                                  {"OR", ConditionalOperator::kOr}};
constexpr EnumName<AttributeAction> kAttributeAction[] = {
    {"PUT", AttributeAction::kPut}, {"ADD", AttributeAction::kAdd}, {"DELETE", AttributeAction::kDelete}};
constexpr EnumName<KeyType> kKeyType[] = {{"HASH", KeyType::kHash}, {"RANGE", KeyType::kRange}};
constexpr EnumName<ScalarAttributeType> kScalarAttributeType[] = {
    {"S", ScalarAttributeType::kS}, {"N", ScalarAttributeType::kN}, {"B", ScalarAttributeType::kB}};
constexpr EnumName<BillingMode> kBillingMode[] = {{"PROVISIONED", BillingMode::kProvisioned},
                                                  {"PAY_PER_REQUEST", BillingMode::kPayPerRequest}};
constexpr EnumName<ProjectionType> kProjectionType[] = {
    {"ALL", ProjectionType::kAll}, {"KEYS_ONLY", ProjectionType::kKeysOnly}, {"INCLUDE", ProjectionType::kInclude}};

// ------------------------------------------------------------- values

Status ReadItem(const json& j, const char* name, Item* out) {
  const json* m = Member(j, name);
  if (m == nullptr || !m->is_object()) return Status::OK();
  return ParseAttributeMap(*m, out);
}

Status ReadOptItem(const json& j, const char* name, std::optional<Item>* out) {
  const json* m = Member(j, name);
  if (m == nullptr || !m->is_object()) return Status::OK();
  out->emplace();
  return ParseAttributeMap(*m, &**out);
}

void ReadNames(const json& j, std::optional<ExpressionAttributeNames>* out) {
  const json* m = Member(j, "ExpressionAttributeNames");
  if (m == nullptr || !m->is_object()) return;
  out->emplace();
  for (auto it = m->begin(); it != m->end(); ++it) {
    if (it->is_string()) (*out)->emplace_hint((*out)->end(), it.key(), it->get_ref<const std::string&>());
  }
}

Status ReadValues(const json& j, std::optional<ExpressionAttributeValues>* out) {
  const json* m = Member(j, "ExpressionAttributeValues");
  if (m == nullptr || !m->is_object()) return Status::OK();
  out->emplace();
  return ParseAttributeMap(*m, &**out);
}

Status ReadValueList(const json& j, const char* name, std::vector<AttributeValue>* out) {
  const json* m = Member(j, name);
  if (m == nullptr || !m->is_array()) return Status::OK();
  out->reserve(m->size());
  for (const json& e : *m) {
    if (e.is_null()) continue;
    out->emplace_back();
    RETURN_IF_ERROR(ParseAttributeValue(e, &out->back()));
  }
  return Status::OK();
}

Status ReadExpected(const json& j, std::optional<ExpectedMap>* out) {
  const json* m = Member(j, "Expected");
  if (m == nullptr || !m->is_object()) return Status::OK();
  out->emplace();
  for (auto it = m->begin(); it != m->end(); ++it) {
    if (!it->is_object()) continue;
    ExpectedAttributeValue e;
    if (const json* v = Member(*it, "Value")) {
      e.value.emplace();
      RETURN_IF_ERROR(ParseAttributeValue(*v, &*e.value));
    }
    ReadOptBool(*it, "Exists", &e.exists);
    ReadOptEnum(*it, "ComparisonOperator", kComparisonOperator, &e.comparison_operator);
    if (Member(*it, "AttributeValueList") != nullptr) {
      e.attribute_value_list.emplace();
      RETURN_IF_ERROR(ReadValueList(*it, "AttributeValueList", &*e.attribute_value_list));
    }
    (*out)->emplace_hint((*out)->end(), it.key(), std::move(e));
  }
  return Status::OK();
}

Status ReadConditions(const json& j, const char* name, std::optional<ConditionMap>* out) {
  const json* m = Member(j, name);
  if (m == nullptr || !m->is_object()) return Status::OK();
  out->emplace();
  for (auto it = m->begin(); it != m->end(); ++it) {
    if (!it->is_object()) continue;
    Condition c;
    ReadEnum(*it, "ComparisonOperator", kComparisonOperator, &c.comparison_operator);
    RETURN_IF_ERROR(ReadValueList(*it, "AttributeValueList", &c.attribute_value_list));
    (*out)->emplace_hint((*out)->end(), it.key(), std::move(c));
  }
  return Status::OK();
}

Status ReadAttributeUpdates(const json& j,
                            std::optional<std::map<std::string, AttributeValueUpdate, std::less<>>>* out) {
  const json* m = Member(j, "AttributeUpdates");
  if (m == nullptr || !m->is_object()) return Status::OK();
  out->emplace();
  for (auto it = m->begin(); it != m->end(); ++it) {
    if (!it->is_object()) continue;
    AttributeValueUpdate u;
    if (const json* v = Member(*it, "Value")) {
      u.value.emplace();
      RETURN_IF_ERROR(ParseAttributeValue(*v, &*u.value));
    }
    ReadOptEnum(*it, "Action", kAttributeAction, &u.action);
    (*out)->emplace_hint((*out)->end(), it.key(), std::move(u));
  }
  return Status::OK();
}

// The common tail of the write operations.
template <typename R>
void ReadWriteOptions(const json& j, R* r) {
  ReadEnum(j, "ReturnValues", kReturnValues, &r->return_values);
  ReadEnum(j, "ReturnValuesOnConditionCheckFailure", kReturnValuesOnConditionCheckFailure,
           &r->return_values_on_condition_check_failure);
  ReadEnum(j, "ReturnConsumedCapacity", kReturnConsumedCapacity, &r->return_consumed_capacity);
  ReadEnum(j, "ReturnItemCollectionMetrics", kReturnItemCollectionMetrics, &r->return_item_collection_metrics);
  ReadOptEnum(j, "ConditionalOperator", kConditionalOperator, &r->conditional_operator);
  ReadOptString(j, "ConditionExpression", &r->condition_expression);
  ReadNames(j, &r->expression_attribute_names);
}

// -------------------------------------------------------------- tables

template <typename F>
void ForEachObject(const json& j, const char* name, F&& f) {
  const json* m = Member(j, name);
  if (m == nullptr || !m->is_array()) return;
  for (const json& e : *m) {
    if (e.is_object()) f(e);
  }
}

std::vector<KeySchemaElement> ReadKeySchema(const json& j) {
  std::vector<KeySchemaElement> out;
  ForEachObject(j, "KeySchema", [&](const json& e) {
    KeySchemaElement k;
    ReadString(e, "AttributeName", &k.attribute_name);
    ReadEnum(e, "KeyType", kKeyType, &k.key_type);
    out.push_back(std::move(k));
  });
  return out;
}

std::vector<AttributeDefinition> ReadAttributeDefinitions(const json& j) {
  std::vector<AttributeDefinition> out;
  ForEachObject(j, "AttributeDefinitions", [&](const json& e) {
    AttributeDefinition d;
    ReadString(e, "AttributeName", &d.attribute_name);
    ReadEnum(e, "AttributeType", kScalarAttributeType, &d.attribute_type);
    out.push_back(std::move(d));
  });
  return out;
}

void ReadThroughput(const json& j, std::optional<ProvisionedThroughput>* out) {
  const json* m = Member(j, "ProvisionedThroughput");
  if (m == nullptr || !m->is_object()) return;
  out->emplace();
  ReadInt64(*m, "ReadCapacityUnits", &(*out)->read_capacity_units);
  ReadInt64(*m, "WriteCapacityUnits", &(*out)->write_capacity_units);
}

void ReadOnDemand(const json& j, std::optional<OnDemandThroughput>* out) {
  const json* m = Member(j, "OnDemandThroughput");
  if (m == nullptr || !m->is_object()) return;
  out->emplace();
  ReadOptInt(*m, "MaxReadRequestUnits", &(*out)->max_read_request_units);
  ReadOptInt(*m, "MaxWriteRequestUnits", &(*out)->max_write_request_units);
}

Projection ReadProjection(const json& j) {
  Projection p;
  const json* m = Member(j, "Projection");
  if (m == nullptr || !m->is_object()) return p;
  ReadOptEnum(*m, "ProjectionType", kProjectionType, &p.projection_type);
  ReadOptStrings(*m, "NonKeyAttributes", &p.non_key_attributes);
  return p;
}

GlobalSecondaryIndex ReadGsi(const json& e) {
  GlobalSecondaryIndex g;
  ReadString(e, "IndexName", &g.index_name);
  g.key_schema = ReadKeySchema(e);
  g.projection = ReadProjection(e);
  ReadThroughput(e, &g.provisioned_throughput);
  ReadOnDemand(e, &g.on_demand_throughput);
  return g;
}

void ReadStream(const json& j, std::optional<StreamSpecification>* out) {
  const json* m = Member(j, "StreamSpecification");
  if (m == nullptr || !m->is_object()) return;
  out->emplace();
  ReadBool(*m, "StreamEnabled", &(*out)->stream_enabled);
  ReadOptString(*m, "StreamViewType", &(*out)->stream_view_type);
}

std::vector<Tag> ReadTags(const json& j) {
  std::vector<Tag> out;
  ForEachObject(j, "Tags", [&](const json& e) {
    Tag t;
    ReadString(e, "Key", &t.key);
    ReadString(e, "Value", &t.value);
    out.push_back(std::move(t));
  });
  return out;
}

void ReadTableClassAndProtection(const json& j, std::optional<std::string>* table_class,
                                 std::optional<bool>* protection) {
  ReadOptString(j, "TableClass", table_class);
  ReadOptBool(j, "DeletionProtectionEnabled", protection);
}

// Splits a request on whether its key attribute values parse.
Status ReadKeysAndAttributes(const json& e, KeysAndAttributes* k) {
  if (const json* keys = Member(e, "Keys"); keys != nullptr && keys->is_array()) {
    k->keys.reserve(keys->size());
    for (const json& key : *keys) {
      if (!key.is_object()) continue;
      k->keys.emplace_back();
      RETURN_IF_ERROR(ParseAttributeMap(key, &k->keys.back()));
    }
  }
  ReadOptStrings(e, "AttributesToGet", &k->attributes_to_get);
  ReadOptBool(e, "ConsistentRead", &k->consistent_read);
  ReadOptString(e, "ProjectionExpression", &k->projection_expression);
  ReadNames(e, &k->expression_attribute_names);
  return Status::OK();
}

// Members shared by the four transactional actions.
template <typename A>
Status ReadTransactCommon(const json& e, A* a) {
  ReadString(e, "TableName", &a->table_name);
  ReadNames(e, &a->expression_attribute_names);
  RETURN_IF_ERROR(ReadValues(e, &a->expression_attribute_values));
  ReadEnum(e, "ReturnValuesOnConditionCheckFailure", kReturnValuesOnConditionCheckFailure,
           &a->return_values_on_condition_check_failure);
  return Status::OK();
}

}  // namespace

Status ParseCreateTable(const json& j, CreateTableRequest* r) {
  ReadString(j, "TableName", &r->table_name);
  r->key_schema = ReadKeySchema(j);
  r->attribute_definitions = ReadAttributeDefinitions(j);
  ReadOptEnum(j, "BillingMode", kBillingMode, &r->billing_mode);
  ReadThroughput(j, &r->provisioned_throughput);
  ReadOnDemand(j, &r->on_demand_throughput);
  if (Member(j, "GlobalSecondaryIndexes") != nullptr) {
    r->global_secondary_indexes.emplace();
    ForEachObject(j, "GlobalSecondaryIndexes",
                  [&](const json& e) { r->global_secondary_indexes->push_back(ReadGsi(e)); });
  }
  if (Member(j, "LocalSecondaryIndexes") != nullptr) {
    r->local_secondary_indexes.emplace();
    ForEachObject(j, "LocalSecondaryIndexes", [&](const json& e) {
      LocalSecondaryIndex l;
      ReadString(e, "IndexName", &l.index_name);
      l.key_schema = ReadKeySchema(e);
      l.projection = ReadProjection(e);
      r->local_secondary_indexes->push_back(std::move(l));
    });
  }
  ReadStream(j, &r->stream_specification);
  if (Member(j, "Tags") != nullptr) r->tags = ReadTags(j);
  ReadTableClassAndProtection(j, &r->table_class, &r->deletion_protection_enabled);
  return Status::OK();
}

Status ParseDescribeTable(const json& j, DescribeTableRequest* r) {
  ReadString(j, "TableName", &r->table_name);
  return Status::OK();
}

Status ParseListTables(const json& j, ListTablesRequest* r) {
  ReadOptString(j, "ExclusiveStartTableName", &r->exclusive_start_table_name);
  ReadOptInt(j, "Limit", &r->limit);
  return Status::OK();
}

Status ParseDeleteTable(const json& j, DeleteTableRequest* r) {
  ReadString(j, "TableName", &r->table_name);
  return Status::OK();
}

Status ParseUpdateTable(const json& j, UpdateTableRequest* r) {
  ReadString(j, "TableName", &r->table_name);
  if (Member(j, "AttributeDefinitions") != nullptr) r->attribute_definitions = ReadAttributeDefinitions(j);
  ReadOptEnum(j, "BillingMode", kBillingMode, &r->billing_mode);
  ReadThroughput(j, &r->provisioned_throughput);
  ReadOnDemand(j, &r->on_demand_throughput);
  if (Member(j, "GlobalSecondaryIndexUpdates") != nullptr) {
    r->global_secondary_index_updates.emplace();
    ForEachObject(j, "GlobalSecondaryIndexUpdates", [&](const json& e) {
      GlobalSecondaryIndexUpdate u;
      if (const json* c = Member(e, "Create"); c != nullptr && c->is_object()) u.create = {ReadGsi(*c)};
      if (const json* c = Member(e, "Update"); c != nullptr && c->is_object()) {
        u.update.emplace();
        ReadString(*c, "IndexName", &u.update->index_name);
        ReadThroughput(*c, &u.update->provisioned_throughput);
        ReadOnDemand(*c, &u.update->on_demand_throughput);
      }
      if (const json* c = Member(e, "Delete"); c != nullptr && c->is_object()) {
        u.del.emplace();
        ReadString(*c, "IndexName", &u.del->index_name);
      }
      r->global_secondary_index_updates->push_back(std::move(u));
    });
  }
  ReadStream(j, &r->stream_specification);
  ReadTableClassAndProtection(j, &r->table_class, &r->deletion_protection_enabled);
  return Status::OK();
}

Status ParseUpdateTimeToLive(const json& j, UpdateTimeToLiveRequest* r) {
  ReadString(j, "TableName", &r->table_name);
  if (const json* s = Member(j, "TimeToLiveSpecification"); s != nullptr && s->is_object()) {
    ReadString(*s, "AttributeName", &r->time_to_live_specification.attribute_name);
    ReadBool(*s, "Enabled", &r->time_to_live_specification.enabled);
  }
  return Status::OK();
}

Status ParseDescribeTimeToLive(const json& j, DescribeTimeToLiveRequest* r) {
  ReadString(j, "TableName", &r->table_name);
  return Status::OK();
}

Status ParseTagResource(const json& j, TagResourceRequest* r) {
  ReadString(j, "ResourceArn", &r->resource_arn);
  r->tags = ReadTags(j);
  return Status::OK();
}

Status ParseUntagResource(const json& j, UntagResourceRequest* r) {
  ReadString(j, "ResourceArn", &r->resource_arn);
  ReadStrings(j, "TagKeys", &r->tag_keys);
  return Status::OK();
}

Status ParseListTagsOfResource(const json& j, ListTagsOfResourceRequest* r) {
  ReadString(j, "ResourceArn", &r->resource_arn);
  ReadOptString(j, "NextToken", &r->next_token);
  return Status::OK();
}

Status ParsePutItem(const json& j, PutItemRequest* r) {
  ReadString(j, "TableName", &r->table_name);
  RETURN_IF_ERROR(ReadItem(j, "Item", &r->item));
  ReadWriteOptions(j, r);
  RETURN_IF_ERROR(ReadValues(j, &r->expression_attribute_values));
  return ReadExpected(j, &r->expected);
}

Status ParseGetItem(const json& j, GetItemRequest* r) {
  ReadString(j, "TableName", &r->table_name);
  RETURN_IF_ERROR(ReadItem(j, "Key", &r->key));
  ReadOptStrings(j, "AttributesToGet", &r->attributes_to_get);
  ReadOptBool(j, "ConsistentRead", &r->consistent_read);
  ReadOptString(j, "ProjectionExpression", &r->projection_expression);
  ReadNames(j, &r->expression_attribute_names);
  ReadEnum(j, "ReturnConsumedCapacity", kReturnConsumedCapacity, &r->return_consumed_capacity);
  return Status::OK();
}

Status ParseDeleteItem(const json& j, DeleteItemRequest* r) {
  ReadString(j, "TableName", &r->table_name);
  RETURN_IF_ERROR(ReadItem(j, "Key", &r->key));
  ReadWriteOptions(j, r);
  RETURN_IF_ERROR(ReadValues(j, &r->expression_attribute_values));
  return ReadExpected(j, &r->expected);
}

Status ParseUpdateItem(const json& j, UpdateItemRequest* r) {
  ReadString(j, "TableName", &r->table_name);
  RETURN_IF_ERROR(ReadItem(j, "Key", &r->key));
  ReadOptString(j, "UpdateExpression", &r->update_expression);
  ReadWriteOptions(j, r);
  RETURN_IF_ERROR(ReadValues(j, &r->expression_attribute_values));
  RETURN_IF_ERROR(ReadAttributeUpdates(j, &r->attribute_updates));
  return ReadExpected(j, &r->expected);
}

Status ParseQuery(const json& j, QueryRequest* r) {
  ReadString(j, "TableName", &r->table_name);
  ReadOptString(j, "IndexName", &r->index_name);
  ReadOptEnum(j, "Select", kSelect, &r->select);
  ReadOptStrings(j, "AttributesToGet", &r->attributes_to_get);
  ReadOptInt(j, "Limit", &r->limit);
  ReadOptBool(j, "ConsistentRead", &r->consistent_read);
  RETURN_IF_ERROR(ReadConditions(j, "KeyConditions", &r->key_conditions));
  RETURN_IF_ERROR(ReadConditions(j, "QueryFilter", &r->query_filter));
  ReadOptEnum(j, "ConditionalOperator", kConditionalOperator, &r->conditional_operator);
  ReadOptBool(j, "ScanIndexForward", &r->scan_index_forward);
  RETURN_IF_ERROR(ReadOptItem(j, "ExclusiveStartKey", &r->exclusive_start_key));
  ReadEnum(j, "ReturnConsumedCapacity", kReturnConsumedCapacity, &r->return_consumed_capacity);
  ReadOptString(j, "ProjectionExpression", &r->projection_expression);
  ReadOptString(j, "FilterExpression", &r->filter_expression);
  ReadOptString(j, "KeyConditionExpression", &r->key_condition_expression);
  ReadNames(j, &r->expression_attribute_names);
  return ReadValues(j, &r->expression_attribute_values);
}

Status ParseScan(const json& j, ScanRequest* r) {
  ReadString(j, "TableName", &r->table_name);
  ReadOptString(j, "IndexName", &r->index_name);
  ReadOptStrings(j, "AttributesToGet", &r->attributes_to_get);
  ReadOptInt(j, "Limit", &r->limit);
  ReadOptEnum(j, "Select", kSelect, &r->select);
  RETURN_IF_ERROR(ReadConditions(j, "ScanFilter", &r->scan_filter));
  ReadOptEnum(j, "ConditionalOperator", kConditionalOperator, &r->conditional_operator);
  RETURN_IF_ERROR(ReadOptItem(j, "ExclusiveStartKey", &r->exclusive_start_key));
  ReadEnum(j, "ReturnConsumedCapacity", kReturnConsumedCapacity, &r->return_consumed_capacity);
  ReadOptInt(j, "TotalSegments", &r->total_segments);
  ReadOptInt(j, "Segment", &r->segment);
  ReadOptString(j, "ProjectionExpression", &r->projection_expression);
  ReadOptString(j, "FilterExpression", &r->filter_expression);
  ReadNames(j, &r->expression_attribute_names);
  RETURN_IF_ERROR(ReadValues(j, &r->expression_attribute_values));
  ReadOptBool(j, "ConsistentRead", &r->consistent_read);
  return Status::OK();
}

Status ParseBatchGetItem(const json& j, BatchGetItemRequest* r) {
  if (const json* m = Member(j, "RequestItems"); m != nullptr && m->is_object()) {
    for (auto it = m->begin(); it != m->end(); ++it) {
      if (!it->is_object()) continue;
      KeysAndAttributes k;
      RETURN_IF_ERROR(ReadKeysAndAttributes(*it, &k));
      r->request_items.emplace_hint(r->request_items.end(), it.key(), std::move(k));
    }
  }
  ReadEnum(j, "ReturnConsumedCapacity", kReturnConsumedCapacity, &r->return_consumed_capacity);
  return Status::OK();
}

Status ParseBatchWriteItem(const json& j, BatchWriteItemRequest* r) {
  if (const json* m = Member(j, "RequestItems"); m != nullptr && m->is_object()) {
    for (auto it = m->begin(); it != m->end(); ++it) {
      if (!it->is_array()) continue;
      std::vector<WriteRequest> writes;
      writes.reserve(it->size());
      for (const json& e : *it) {
        if (!e.is_object()) continue;
        WriteRequest w;
        if (const json* p = Member(e, "PutRequest"); p != nullptr && p->is_object()) {
          w.put_request.emplace();
          RETURN_IF_ERROR(ReadItem(*p, "Item", &*w.put_request));
        }
        if (const json* d = Member(e, "DeleteRequest"); d != nullptr && d->is_object()) {
          w.delete_request.emplace();
          RETURN_IF_ERROR(ReadItem(*d, "Key", &*w.delete_request));
        }
        writes.push_back(std::move(w));
      }
      r->request_items.emplace_hint(r->request_items.end(), it.key(), std::move(writes));
    }
  }
  ReadEnum(j, "ReturnConsumedCapacity", kReturnConsumedCapacity, &r->return_consumed_capacity);
  ReadEnum(j, "ReturnItemCollectionMetrics", kReturnItemCollectionMetrics, &r->return_item_collection_metrics);
  return Status::OK();
}

Status ParseTransactWriteItems(const json& j, TransactWriteItemsRequest* r) {
  if (const json* m = Member(j, "TransactItems"); m != nullptr && m->is_array()) {
    r->transact_items.reserve(m->size());
    for (const json& e : *m) {
      if (!e.is_object()) continue;
      TransactWriteItem t;
      if (const json* a = Member(e, "ConditionCheck"); a != nullptr && a->is_object()) {
        t.condition_check.emplace();
        RETURN_IF_ERROR(ReadTransactCommon(*a, &*t.condition_check));
        RETURN_IF_ERROR(ReadItem(*a, "Key", &t.condition_check->key));
        ReadString(*a, "ConditionExpression", &t.condition_check->condition_expression);
      }
      if (const json* a = Member(e, "Put"); a != nullptr && a->is_object()) {
        t.put.emplace();
        RETURN_IF_ERROR(ReadTransactCommon(*a, &*t.put));
        RETURN_IF_ERROR(ReadItem(*a, "Item", &t.put->item));
        ReadOptString(*a, "ConditionExpression", &t.put->condition_expression);
      }
      if (const json* a = Member(e, "Delete"); a != nullptr && a->is_object()) {
        t.del.emplace();
        RETURN_IF_ERROR(ReadTransactCommon(*a, &*t.del));
        RETURN_IF_ERROR(ReadItem(*a, "Key", &t.del->key));
        ReadOptString(*a, "ConditionExpression", &t.del->condition_expression);
      }
      if (const json* a = Member(e, "Update"); a != nullptr && a->is_object()) {
        t.update.emplace();
        RETURN_IF_ERROR(ReadTransactCommon(*a, &*t.update));
        RETURN_IF_ERROR(ReadItem(*a, "Key", &t.update->key));
        ReadString(*a, "UpdateExpression", &t.update->update_expression);
        ReadOptString(*a, "ConditionExpression", &t.update->condition_expression);
      }
      r->transact_items.push_back(std::move(t));
    }
  }
  ReadOptString(j, "ClientRequestToken", &r->client_request_token);
  ReadEnum(j, "ReturnConsumedCapacity", kReturnConsumedCapacity, &r->return_consumed_capacity);
  ReadEnum(j, "ReturnItemCollectionMetrics", kReturnItemCollectionMetrics, &r->return_item_collection_metrics);
  return Status::OK();
}

Status ParseTransactGetItems(const json& j, TransactGetItemsRequest* r) {
  if (const json* m = Member(j, "TransactItems"); m != nullptr && m->is_array()) {
    r->transact_items.reserve(m->size());
    for (const json& e : *m) {
      const json* g = Member(e, "Get");
      if (g == nullptr || !g->is_object()) continue;
      TransactGet t;
      ReadString(*g, "TableName", &t.table_name);
      RETURN_IF_ERROR(ReadItem(*g, "Key", &t.key));
      ReadOptString(*g, "ProjectionExpression", &t.projection_expression);
      ReadNames(*g, &t.expression_attribute_names);
      r->transact_items.push_back(std::move(t));
    }
  }
  ReadEnum(j, "ReturnConsumedCapacity", kReturnConsumedCapacity, &r->return_consumed_capacity);
  return Status::OK();
}

}  // namespace dynarock::api
