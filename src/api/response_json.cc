#include "api/response_json.h"

#include "api/value_json.h"

namespace dynarock::api {
namespace {

std::string_view KeyTypeName(KeyType t) { return t == KeyType::kHash ? "HASH" : "RANGE"; }

std::string_view ScalarTypeName(ScalarAttributeType t) {
  switch (t) {
    case ScalarAttributeType::kS:
      return "S";
    case ScalarAttributeType::kN:
      return "N";
    case ScalarAttributeType::kB:
      return "B";
  }
  return "S";
}

std::string_view TableStatusName(TableStatus s) {
  switch (s) {
    case TableStatus::kCreating:
      return "CREATING";
    case TableStatus::kUpdating:
      return "UPDATING";
    case TableStatus::kDeleting:
      return "DELETING";
    case TableStatus::kActive:
      return "ACTIVE";
  }
  return "ACTIVE";
}

std::string_view IndexStatusName(IndexStatus s) {
  switch (s) {
    case IndexStatus::kCreating:
      return "CREATING";
    case IndexStatus::kUpdating:
      return "UPDATING";
    case IndexStatus::kDeleting:
      return "DELETING";
    case IndexStatus::kActive:
      return "ACTIVE";
  }
  return "ACTIVE";
}

std::string_view ProjectionTypeName(ProjectionType t) {
  switch (t) {
    case ProjectionType::kAll:
      return "ALL";
    case ProjectionType::kKeysOnly:
      return "KEYS_ONLY";
    case ProjectionType::kInclude:
      return "INCLUDE";
  }
  return "ALL";
}

void WriteKeySchema(JsonWriter& w, const std::vector<KeySchemaElement>& ks) {
  w.Key("KeySchema");
  w.BeginArray();
  for (const auto& k : ks) {
    w.BeginObject();
    w.Field("AttributeName", k.attribute_name);
    w.Field("KeyType", KeyTypeName(k.key_type));
    w.EndObject();
  }
  w.EndArray();
}

void WriteProjection(JsonWriter& w, const Projection& p) {
  w.Key("Projection");
  w.BeginObject();
  if (p.projection_type) w.Field("ProjectionType", ProjectionTypeName(*p.projection_type));
  if (p.non_key_attributes) {
    w.Key("NonKeyAttributes");
    w.BeginArray();
    for (const auto& a : *p.non_key_attributes) w.String(a);
    w.EndArray();
  }
  w.EndObject();
}

void WriteThroughputDescription(JsonWriter& w, const ProvisionedThroughputDescription& p) {
  w.Key("ProvisionedThroughput");
  w.BeginObject();
  if (p.last_increase_date_time) w.FieldDouble("LastIncreaseDateTime", *p.last_increase_date_time);
  if (p.last_decrease_date_time) w.FieldDouble("LastDecreaseDateTime", *p.last_decrease_date_time);
  w.FieldInt("NumberOfDecreasesToday", p.number_of_decreases_today);
  w.FieldInt("ReadCapacityUnits", p.read_capacity_units);
  w.FieldInt("WriteCapacityUnits", p.write_capacity_units);
  w.EndObject();
}

void WriteOnDemand(JsonWriter& w, const OnDemandThroughput& o) {
  w.Key("OnDemandThroughput");
  w.BeginObject();
  if (o.max_read_request_units) w.FieldInt("MaxReadRequestUnits", *o.max_read_request_units);
  if (o.max_write_request_units) w.FieldInt("MaxWriteRequestUnits", *o.max_write_request_units);
  w.EndObject();
}

void WriteCapacity(JsonWriter& w, const Capacity& c) {
  w.BeginObject();
  w.FieldDouble("CapacityUnits", c.capacity_units);
  if (c.read_capacity_units != 0) w.FieldDouble("ReadCapacityUnits", c.read_capacity_units);
  if (c.write_capacity_units != 0) w.FieldDouble("WriteCapacityUnits", c.write_capacity_units);
  w.EndObject();
}

void WriteConsumedCapacityObject(JsonWriter& w, const ConsumedCapacity& c) {
  w.BeginObject();
  w.Field("TableName", c.table_name);
  w.FieldDouble("CapacityUnits", c.capacity_units);
  if (c.read_capacity_units != 0) w.FieldDouble("ReadCapacityUnits", c.read_capacity_units);
  if (c.write_capacity_units != 0) w.FieldDouble("WriteCapacityUnits", c.write_capacity_units);
  if (c.table) {
    w.Key("Table");
    WriteCapacity(w, *c.table);
  }
  auto indexes = [&](std::string_view name, const std::map<std::string, Capacity>& m) {
    if (m.empty()) return;
    w.Key(name);
    w.BeginObject();
    for (const auto& [index, cap] : m) {
      w.Key(index);
      WriteCapacity(w, cap);
    }
    w.EndObject();
  };
  indexes("LocalSecondaryIndexes", c.local_secondary_indexes);
  indexes("GlobalSecondaryIndexes", c.global_secondary_indexes);
  w.EndObject();
}

void WriteOptConsumed(JsonWriter& w, const std::optional<ConsumedCapacity>& c) {
  if (!c) return;
  w.Key("ConsumedCapacity");
  WriteConsumedCapacityObject(w, *c);
}

void WriteConsumedList(JsonWriter& w, const std::vector<ConsumedCapacity>& cs) {
  if (cs.empty()) return;
  w.Key("ConsumedCapacity");
  w.BeginArray();
  for (const auto& c : cs) WriteConsumedCapacityObject(w, c);
  w.EndArray();
}

void WriteMetricsObject(JsonWriter& w, const ItemCollectionMetrics& m) {
  w.BeginObject();
  w.Key("ItemCollectionKey");
  WriteItem(w, m.item_collection_key);
  w.Key("SizeEstimateRangeGB");
  w.BeginArray();
  for (double d : m.size_estimate_range_gb) w.Double(d);
  w.EndArray();
  w.EndObject();
}

void WriteMetricsMap(JsonWriter& w, const std::map<std::string, std::vector<ItemCollectionMetrics>, std::less<>>& m) {
  if (m.empty()) return;
  w.Key("ItemCollectionMetrics");
  w.BeginObject();
  for (const auto& [table, list] : m) {
    w.Key(table);
    w.BeginArray();
    for (const auto& x : list) WriteMetricsObject(w, x);
    w.EndArray();
  }
  w.EndObject();
}

// PutItem, DeleteItem and UpdateItem answer alike.
template <typename R>
void WriteItemWrite(JsonWriter& w, const R& r) {
  w.BeginObject();
  if (r.attributes) {
    w.Key("Attributes");
    WriteItem(w, *r.attributes);
  }
  WriteOptConsumed(w, r.consumed_capacity);
  if (r.item_collection_metrics) {
    w.Key("ItemCollectionMetrics");
    WriteMetricsObject(w, *r.item_collection_metrics);
  }
  w.EndObject();
}

void WriteStringArray(JsonWriter& w, const std::vector<std::string>& v) {
  w.BeginArray();
  for (const auto& s : v) w.String(s);
  w.EndArray();
}

void WriteKeysAndAttributes(JsonWriter& w, const KeysAndAttributes& k) {
  w.BeginObject();
  w.Key("Keys");
  w.BeginArray();
  for (const auto& key : k.keys) WriteItem(w, key);
  w.EndArray();
  if (k.attributes_to_get) {
    w.Key("AttributesToGet");
    WriteStringArray(w, *k.attributes_to_get);
  }
  if (k.consistent_read) w.FieldBool("ConsistentRead", *k.consistent_read);
  if (k.projection_expression) w.Field("ProjectionExpression", *k.projection_expression);
  if (k.expression_attribute_names) {
    w.Key("ExpressionAttributeNames");
    w.BeginObject();
    for (const auto& [k2, v] : *k.expression_attribute_names) w.Field(k2, v);
    w.EndObject();
  }
  w.EndObject();
}

}  // namespace

void WriteTableDescription(JsonWriter& w, const TableDescription& t) {
  w.BeginObject();
  w.Key("AttributeDefinitions");
  w.BeginArray();
  for (const auto& d : t.attribute_definitions) {
    w.BeginObject();
    w.Field("AttributeName", d.attribute_name);
    w.Field("AttributeType", ScalarTypeName(d.attribute_type));
    w.EndObject();
  }
  w.EndArray();
  w.Field("TableName", t.table_name);
  WriteKeySchema(w, t.key_schema);
  w.Field("TableStatus", TableStatusName(t.table_status));
  w.FieldDouble("CreationDateTime", t.creation_date_time);
  WriteThroughputDescription(w, t.provisioned_throughput);
  w.FieldInt("TableSizeBytes", t.table_size_bytes);
  w.FieldInt("ItemCount", t.item_count);
  w.Field("TableArn", t.table_arn);
  w.Field("TableId", t.table_id);
  if (t.billing_mode_summary) {
    w.Key("BillingModeSummary");
    w.BeginObject();
    w.Field("BillingMode",
            t.billing_mode_summary->billing_mode == BillingMode::kPayPerRequest ? "PAY_PER_REQUEST" : "PROVISIONED");
    if (t.billing_mode_summary->last_update_to_pay_per_request_date_time) {
      w.FieldDouble("LastUpdateToPayPerRequestDateTime",
                    *t.billing_mode_summary->last_update_to_pay_per_request_date_time);
    }
    w.EndObject();
  }
  if (t.on_demand_throughput) WriteOnDemand(w, *t.on_demand_throughput);
  if (!t.local_secondary_indexes.empty()) {
    w.Key("LocalSecondaryIndexes");
    w.BeginArray();
    for (const auto& l : t.local_secondary_indexes) {
      w.BeginObject();
      w.Field("IndexName", l.index_name);
      WriteKeySchema(w, l.key_schema);
      WriteProjection(w, l.projection);
      w.FieldInt("IndexSizeBytes", l.index_size_bytes);
      w.FieldInt("ItemCount", l.item_count);
      w.Field("IndexArn", l.index_arn);
      w.EndObject();
    }
    w.EndArray();
  }
  if (!t.global_secondary_indexes.empty()) {
    w.Key("GlobalSecondaryIndexes");
    w.BeginArray();
    for (const auto& g : t.global_secondary_indexes) {
      w.BeginObject();
      w.Field("IndexName", g.index_name);
      WriteKeySchema(w, g.key_schema);
      WriteProjection(w, g.projection);
      w.Field("IndexStatus", IndexStatusName(g.index_status));
      if (g.backfilling) w.FieldBool("Backfilling", *g.backfilling);
      WriteThroughputDescription(w, g.provisioned_throughput);
      if (g.on_demand_throughput) WriteOnDemand(w, *g.on_demand_throughput);
      w.FieldInt("IndexSizeBytes", g.index_size_bytes);
      w.FieldInt("ItemCount", g.item_count);
      w.Field("IndexArn", g.index_arn);
      w.EndObject();
    }
    w.EndArray();
  }
  if (t.stream_specification) {
    w.Key("StreamSpecification");
    w.BeginObject();
    w.FieldBool("StreamEnabled", t.stream_specification->stream_enabled);
    if (t.stream_specification->stream_view_type) {
      w.Field("StreamViewType", *t.stream_specification->stream_view_type);
    }
    w.EndObject();
  }
  if (t.latest_stream_label) w.Field("LatestStreamLabel", *t.latest_stream_label);
  if (t.latest_stream_arn) w.Field("LatestStreamArn", *t.latest_stream_arn);
  if (t.table_class) {
    w.Key("TableClassSummary");
    w.BeginObject();
    w.Field("TableClass", *t.table_class);
    w.EndObject();
  }
  w.FieldBool("DeletionProtectionEnabled", t.deletion_protection_enabled);
  w.EndObject();
}

void WriteCreateTable(JsonWriter& w, const CreateTableResult& r) {
  w.BeginObject();
  w.Key("TableDescription");
  WriteTableDescription(w, r.table_description);
  w.EndObject();
}

void WriteDescribeTable(JsonWriter& w, const DescribeTableResult& r) {
  w.BeginObject();
  w.Key("Table");
  WriteTableDescription(w, r.table);
  w.EndObject();
}

void WriteListTables(JsonWriter& w, const ListTablesResult& r) {
  w.BeginObject();
  w.Key("TableNames");
  WriteStringArray(w, r.table_names);
  if (r.last_evaluated_table_name) w.Field("LastEvaluatedTableName", *r.last_evaluated_table_name);
  w.EndObject();
}

void WriteDeleteTable(JsonWriter& w, const DeleteTableResult& r) {
  w.BeginObject();
  w.Key("TableDescription");
  WriteTableDescription(w, r.table_description);
  w.EndObject();
}

void WriteUpdateTable(JsonWriter& w, const UpdateTableResult& r) {
  w.BeginObject();
  w.Key("TableDescription");
  WriteTableDescription(w, r.table_description);
  w.EndObject();
}

void WriteUpdateTimeToLive(JsonWriter& w, const UpdateTimeToLiveResult& r) {
  w.BeginObject();
  w.Key("TimeToLiveSpecification");
  w.BeginObject();
  w.Field("AttributeName", r.time_to_live_specification.attribute_name);
  w.FieldBool("Enabled", r.time_to_live_specification.enabled);
  w.EndObject();
  w.EndObject();
}

void WriteDescribeTimeToLive(JsonWriter& w, const DescribeTimeToLiveResult& r) {
  w.BeginObject();
  w.Key("TimeToLiveDescription");
  w.BeginObject();
  const auto& d = r.time_to_live_description;
  if (d.time_to_live_status) w.Field("TimeToLiveStatus", *d.time_to_live_status);
  if (d.attribute_name) w.Field("AttributeName", *d.attribute_name);
  w.EndObject();
  w.EndObject();
}

void WriteListTagsOfResource(JsonWriter& w, const ListTagsOfResourceResult& r) {
  w.BeginObject();
  w.Key("Tags");
  w.BeginArray();
  for (const auto& t : r.tags) {
    w.BeginObject();
    w.Field("Key", t.key);
    w.Field("Value", t.value);
    w.EndObject();
  }
  w.EndArray();
  if (r.next_token) w.Field("NextToken", *r.next_token);
  w.EndObject();
}

void WritePutItem(JsonWriter& w, const PutItemResult& r) { WriteItemWrite(w, r); }
void WriteDeleteItem(JsonWriter& w, const DeleteItemResult& r) { WriteItemWrite(w, r); }
void WriteUpdateItem(JsonWriter& w, const UpdateItemResult& r) { WriteItemWrite(w, r); }

void WriteGetItem(JsonWriter& w, const GetItemResult& r) {
  w.BeginObject();
  if (r.item) {
    w.Key("Item");
    WriteItem(w, *r.item);
  }
  WriteOptConsumed(w, r.consumed_capacity);
  w.EndObject();
}

void WriteQuery(JsonWriter& w, const QueryResult& r, bool count_only) {
  w.BeginObject();
  if (!count_only) {
    w.Key("Items");
    w.BeginArray();
    for (const auto& item : r.items) WriteItem(w, item);
    w.EndArray();
  }
  w.FieldInt("Count", r.count);
  w.FieldInt("ScannedCount", r.scanned_count);
  if (r.last_evaluated_key) {
    w.Key("LastEvaluatedKey");
    WriteItem(w, *r.last_evaluated_key);
  }
  WriteOptConsumed(w, r.consumed_capacity);
  w.EndObject();
}

void WriteBatchGetItem(JsonWriter& w, const BatchGetItemResult& r) {
  w.BeginObject();
  w.Key("Responses");
  w.BeginObject();
  for (const auto& [table, items] : r.responses) {
    w.Key(table);
    w.BeginArray();
    for (const auto& item : items) WriteItem(w, item);
    w.EndArray();
  }
  w.EndObject();
  w.Key("UnprocessedKeys");
  w.BeginObject();
  for (const auto& [table, keys] : r.unprocessed_keys) {
    w.Key(table);
    WriteKeysAndAttributes(w, keys);
  }
  w.EndObject();
  WriteConsumedList(w, r.consumed_capacity);
  w.EndObject();
}

void WriteBatchWriteItem(JsonWriter& w, const BatchWriteItemResult& r) {
  w.BeginObject();
  w.Key("UnprocessedItems");
  w.BeginObject();
  for (const auto& [table, writes] : r.unprocessed_items) {
    w.Key(table);
    w.BeginArray();
    for (const auto& wr : writes) {
      w.BeginObject();
      if (wr.put_request) {
        w.Key("PutRequest");
        w.BeginObject();
        w.Key("Item");
        WriteItem(w, *wr.put_request);
        w.EndObject();
      }
      if (wr.delete_request) {
        w.Key("DeleteRequest");
        w.BeginObject();
        w.Key("Key");
        WriteItem(w, *wr.delete_request);
        w.EndObject();
      }
      w.EndObject();
    }
    w.EndArray();
  }
  w.EndObject();
  WriteMetricsMap(w, r.item_collection_metrics);
  WriteConsumedList(w, r.consumed_capacity);
  w.EndObject();
}

void WriteTransactWriteItems(JsonWriter& w, const TransactWriteItemsResult& r) {
  w.BeginObject();
  WriteConsumedList(w, r.consumed_capacity);
  WriteMetricsMap(w, r.item_collection_metrics);
  w.EndObject();
}

void WriteTransactGetItems(JsonWriter& w, const TransactGetItemsResult& r) {
  w.BeginObject();
  w.Key("Responses");
  w.BeginArray();
  for (const auto& item : r.responses) {
    // DynamoDB sends {} for a key with no item, keeping positions aligned.
    w.BeginObject();
    if (item) {
      w.Key("Item");
      WriteItem(w, *item);
    }
    w.EndObject();
  }
  w.EndArray();
  WriteConsumedList(w, r.consumed_capacity);
  w.EndObject();
}

}  // namespace dynarock::api
