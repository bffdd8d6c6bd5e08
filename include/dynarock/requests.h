// Typed requests and results of every DynamoDB operation dynarock offers.
//
// Field names follow the DynamoDB API reference (snake_case). An optional
// field is std::optional when DynamoDB distinguishes "absent" from "empty"
// (for example ExpressionAttributeNames: absent is fine, present and empty
// is a ValidationException). The engine validates every field; these
// structs carry data only.
//
// Thread-safety: value types.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dynarock/value.h"

namespace dynarock {

// ---------------------------------------------------------------- common

using ExpressionAttributeNames = std::map<std::string, std::string, std::less<>>;
using ExpressionAttributeValues = std::map<std::string, AttributeValue, std::less<>>;

enum class ReturnConsumedCapacity : uint8_t { kNone, kTotal, kIndexes };
enum class ReturnItemCollectionMetrics : uint8_t { kNone, kSize };
enum class ReturnValues : uint8_t { kNone, kAllOld, kUpdatedOld, kAllNew, kUpdatedNew };
enum class ReturnValuesOnConditionCheckFailure : uint8_t { kNone, kAllOld };
enum class Select : uint8_t { kAllAttributes, kAllProjectedAttributes, kSpecificAttributes, kCount };

struct Capacity {
  double read_capacity_units = 0;
  double write_capacity_units = 0;
  double capacity_units = 0;
};

struct ConsumedCapacity {
  std::string table_name;
  double capacity_units = 0;
  double read_capacity_units = 0;
  double write_capacity_units = 0;
  std::optional<Capacity> table;  // with ReturnConsumedCapacity INDEXES
  std::map<std::string, Capacity> local_secondary_indexes;
  std::map<std::string, Capacity> global_secondary_indexes;
};

struct ItemCollectionMetrics {
  Item item_collection_key;                 // the partition key
  std::vector<double> size_estimate_range_gb;  // [low, high]
};

// ---------------------------------------------------- legacy conditions

enum class ComparisonOperator : uint8_t {
  kEq, kNe, kIn, kLe, kLt, kGe, kGt, kBetween, kNotNull, kNull, kContains,
  kNotContains, kBeginsWith
};
enum class ConditionalOperator : uint8_t { kAnd, kOr };

// KeyConditions / QueryFilter / ScanFilter entry.
struct Condition {
  ComparisonOperator comparison_operator = ComparisonOperator::kEq;
  std::vector<AttributeValue> attribute_value_list;
};

// Expected entry (legacy conditional writes).
struct ExpectedAttributeValue {
  std::optional<AttributeValue> value;
  std::optional<bool> exists;
  std::optional<ComparisonOperator> comparison_operator;
  std::optional<std::vector<AttributeValue>> attribute_value_list;
};
using ExpectedMap = std::map<std::string, ExpectedAttributeValue, std::less<>>;
using ConditionMap = std::map<std::string, Condition, std::less<>>;

enum class AttributeAction : uint8_t { kPut, kAdd, kDelete };
struct AttributeValueUpdate {
  std::optional<AttributeValue> value;
  std::optional<AttributeAction> action;  // absent means PUT
};

// ---------------------------------------------------------------- tables

enum class KeyType : uint8_t { kHash, kRange };
// DO NOT CHANGE OR REORDER: on disk (catalog).
enum class ScalarAttributeType : uint8_t { kS = 0, kN = 1, kB = 2 };
enum class BillingMode : uint8_t { kProvisioned, kPayPerRequest };
enum class TableStatus : uint8_t { kCreating, kUpdating, kDeleting, kActive };
enum class IndexStatus : uint8_t { kCreating, kUpdating, kDeleting, kActive };
enum class ProjectionType : uint8_t { kAll, kKeysOnly, kInclude };

struct KeySchemaElement {
  std::string attribute_name;
  KeyType key_type = KeyType::kHash;
};

struct AttributeDefinition {
  std::string attribute_name;
  ScalarAttributeType attribute_type = ScalarAttributeType::kS;
};

struct ProvisionedThroughput {
  int64_t read_capacity_units = 0;
  int64_t write_capacity_units = 0;
};

struct OnDemandThroughput {
  std::optional<int64_t> max_read_request_units;
  std::optional<int64_t> max_write_request_units;
};

struct ProvisionedThroughputDescription {
  std::optional<double> last_increase_date_time;  // seconds since epoch
  std::optional<double> last_decrease_date_time;
  int64_t number_of_decreases_today = 0;
  int64_t read_capacity_units = 0;
  int64_t write_capacity_units = 0;
};

struct Projection {
  std::optional<ProjectionType> projection_type;
  std::optional<std::vector<std::string>> non_key_attributes;
};

struct GlobalSecondaryIndex {
  std::string index_name;
  std::vector<KeySchemaElement> key_schema;
  Projection projection;
  std::optional<ProvisionedThroughput> provisioned_throughput;
  std::optional<OnDemandThroughput> on_demand_throughput;
};

struct LocalSecondaryIndex {
  std::string index_name;
  std::vector<KeySchemaElement> key_schema;
  Projection projection;
};

struct GlobalSecondaryIndexDescription {
  std::string index_name;
  std::vector<KeySchemaElement> key_schema;
  Projection projection;
  IndexStatus index_status = IndexStatus::kActive;
  std::optional<bool> backfilling;
  ProvisionedThroughputDescription provisioned_throughput;
  std::optional<OnDemandThroughput> on_demand_throughput;
  int64_t index_size_bytes = 0;
  int64_t item_count = 0;
  std::string index_arn;
};

struct LocalSecondaryIndexDescription {
  std::string index_name;
  std::vector<KeySchemaElement> key_schema;
  Projection projection;
  int64_t index_size_bytes = 0;
  int64_t item_count = 0;
  std::string index_arn;
};

struct StreamSpecification {
  bool stream_enabled = false;
  std::optional<std::string> stream_view_type;  // NEW_IMAGE, OLD_IMAGE, ...
};

struct Tag {
  std::string key;
  std::string value;
};

struct BillingModeSummary {
  BillingMode billing_mode = BillingMode::kProvisioned;
  std::optional<double> last_update_to_pay_per_request_date_time;
};

struct TableDescription {
  std::string table_name;
  std::string table_arn;
  std::string table_id;  // a UUID
  TableStatus table_status = TableStatus::kActive;
  std::vector<KeySchemaElement> key_schema;
  std::vector<AttributeDefinition> attribute_definitions;
  double creation_date_time = 0;  // seconds since epoch
  ProvisionedThroughputDescription provisioned_throughput;
  std::optional<BillingModeSummary> billing_mode_summary;  // set for on-demand tables
  std::optional<OnDemandThroughput> on_demand_throughput;
  int64_t table_size_bytes = 0;
  int64_t item_count = 0;
  std::vector<GlobalSecondaryIndexDescription> global_secondary_indexes;
  std::vector<LocalSecondaryIndexDescription> local_secondary_indexes;
  std::optional<StreamSpecification> stream_specification;
  std::optional<std::string> latest_stream_label;
  std::optional<std::string> latest_stream_arn;
  std::optional<std::string> table_class;  // STANDARD, STANDARD_INFREQUENT_ACCESS
  bool deletion_protection_enabled = false;
};

struct CreateTableRequest {
  std::string table_name;
  std::vector<KeySchemaElement> key_schema;
  std::vector<AttributeDefinition> attribute_definitions;
  std::optional<BillingMode> billing_mode;
  std::optional<ProvisionedThroughput> provisioned_throughput;
  std::optional<OnDemandThroughput> on_demand_throughput;
  std::optional<std::vector<GlobalSecondaryIndex>> global_secondary_indexes;
  std::optional<std::vector<LocalSecondaryIndex>> local_secondary_indexes;
  std::optional<StreamSpecification> stream_specification;
  std::optional<std::vector<Tag>> tags;
  std::optional<std::string> table_class;
  std::optional<bool> deletion_protection_enabled;
};
struct CreateTableResult { TableDescription table_description; };

struct DescribeTableRequest { std::string table_name; };
struct DescribeTableResult { TableDescription table; };

struct ListTablesRequest {
  std::optional<std::string> exclusive_start_table_name;
  std::optional<int32_t> limit;  // 1..100; absent means 100
};
struct ListTablesResult {
  std::vector<std::string> table_names;
  std::optional<std::string> last_evaluated_table_name;
};

struct DeleteTableRequest { std::string table_name; };
struct DeleteTableResult { TableDescription table_description; };

struct GlobalSecondaryIndexUpdate {
  struct Create {
    GlobalSecondaryIndex index;
  };
  struct Update {
    std::string index_name;
    std::optional<ProvisionedThroughput> provisioned_throughput;
    std::optional<OnDemandThroughput> on_demand_throughput;
  };
  struct Delete {
    std::string index_name;
  };
  std::optional<Create> create;
  std::optional<Update> update;
  std::optional<Delete> del;
};

struct UpdateTableRequest {
  std::string table_name;
  std::optional<std::vector<AttributeDefinition>> attribute_definitions;
  std::optional<BillingMode> billing_mode;
  std::optional<ProvisionedThroughput> provisioned_throughput;
  std::optional<OnDemandThroughput> on_demand_throughput;
  std::optional<std::vector<GlobalSecondaryIndexUpdate>> global_secondary_index_updates;
  std::optional<StreamSpecification> stream_specification;
  std::optional<std::string> table_class;
  std::optional<bool> deletion_protection_enabled;
};
struct UpdateTableResult { TableDescription table_description; };

struct TimeToLiveSpecification {
  std::string attribute_name;
  bool enabled = false;
};
struct TimeToLiveDescription {
  std::optional<std::string> time_to_live_status;  // ENABLED, DISABLED, ENABLING, DISABLING
  std::optional<std::string> attribute_name;
};
struct UpdateTimeToLiveRequest {
  std::string table_name;
  TimeToLiveSpecification time_to_live_specification;
};
struct UpdateTimeToLiveResult { TimeToLiveSpecification time_to_live_specification; };
struct DescribeTimeToLiveRequest { std::string table_name; };
struct DescribeTimeToLiveResult { TimeToLiveDescription time_to_live_description; };

struct TagResourceRequest {
  std::string resource_arn;
  std::vector<Tag> tags;
};
struct UntagResourceRequest {
  std::string resource_arn;
  std::vector<std::string> tag_keys;
};
struct ListTagsOfResourceRequest {
  std::string resource_arn;
  std::optional<std::string> next_token;
};
struct ListTagsOfResourceResult {
  std::vector<Tag> tags;
  std::optional<std::string> next_token;
};

// ----------------------------------------------------------------- items

struct PutItemRequest {
  std::string table_name;
  Item item;
  std::optional<std::string> condition_expression;
  std::optional<ExpressionAttributeNames> expression_attribute_names;
  std::optional<ExpressionAttributeValues> expression_attribute_values;
  std::optional<ExpectedMap> expected;                       // legacy
  std::optional<ConditionalOperator> conditional_operator;   // legacy
  ReturnValues return_values = ReturnValues::kNone;
  ReturnValuesOnConditionCheckFailure return_values_on_condition_check_failure =
      ReturnValuesOnConditionCheckFailure::kNone;
  ReturnConsumedCapacity return_consumed_capacity = ReturnConsumedCapacity::kNone;
  ReturnItemCollectionMetrics return_item_collection_metrics = ReturnItemCollectionMetrics::kNone;
};
struct PutItemResult {
  std::optional<Item> attributes;
  std::optional<ConsumedCapacity> consumed_capacity;
  std::optional<ItemCollectionMetrics> item_collection_metrics;
};

struct GetItemRequest {
  std::string table_name;
  Item key;
  std::optional<std::vector<std::string>> attributes_to_get;  // legacy
  std::optional<bool> consistent_read;
  std::optional<std::string> projection_expression;
  std::optional<ExpressionAttributeNames> expression_attribute_names;
  ReturnConsumedCapacity return_consumed_capacity = ReturnConsumedCapacity::kNone;
};
struct GetItemResult {
  std::optional<Item> item;
  std::optional<ConsumedCapacity> consumed_capacity;
};

struct DeleteItemRequest {
  std::string table_name;
  Item key;
  std::optional<std::string> condition_expression;
  std::optional<ExpressionAttributeNames> expression_attribute_names;
  std::optional<ExpressionAttributeValues> expression_attribute_values;
  std::optional<ExpectedMap> expected;
  std::optional<ConditionalOperator> conditional_operator;
  ReturnValues return_values = ReturnValues::kNone;
  ReturnValuesOnConditionCheckFailure return_values_on_condition_check_failure =
      ReturnValuesOnConditionCheckFailure::kNone;
  ReturnConsumedCapacity return_consumed_capacity = ReturnConsumedCapacity::kNone;
  ReturnItemCollectionMetrics return_item_collection_metrics = ReturnItemCollectionMetrics::kNone;
};
struct DeleteItemResult {
  std::optional<Item> attributes;
  std::optional<ConsumedCapacity> consumed_capacity;
  std::optional<ItemCollectionMetrics> item_collection_metrics;
};

struct UpdateItemRequest {
  std::string table_name;
  Item key;
  std::optional<std::string> update_expression;
  std::optional<std::string> condition_expression;
  std::optional<ExpressionAttributeNames> expression_attribute_names;
  std::optional<ExpressionAttributeValues> expression_attribute_values;
  std::optional<std::map<std::string, AttributeValueUpdate, std::less<>>> attribute_updates;  // legacy
  std::optional<ExpectedMap> expected;
  std::optional<ConditionalOperator> conditional_operator;
  ReturnValues return_values = ReturnValues::kNone;
  ReturnValuesOnConditionCheckFailure return_values_on_condition_check_failure =
      ReturnValuesOnConditionCheckFailure::kNone;
  ReturnConsumedCapacity return_consumed_capacity = ReturnConsumedCapacity::kNone;
  ReturnItemCollectionMetrics return_item_collection_metrics = ReturnItemCollectionMetrics::kNone;
};
struct UpdateItemResult {
  std::optional<Item> attributes;
  std::optional<ConsumedCapacity> consumed_capacity;
  std::optional<ItemCollectionMetrics> item_collection_metrics;
};

// --------------------------------------------------------- query / scan

struct QueryRequest {
  std::string table_name;
  std::optional<std::string> index_name;
  std::optional<Select> select;
  std::optional<std::vector<std::string>> attributes_to_get;  // legacy
  std::optional<int32_t> limit;
  std::optional<bool> consistent_read;
  std::optional<ConditionMap> key_conditions;       // legacy, and the typed form
  std::optional<ConditionMap> query_filter;         // legacy
  std::optional<ConditionalOperator> conditional_operator;
  std::optional<bool> scan_index_forward;           // absent means true
  std::optional<Item> exclusive_start_key;
  ReturnConsumedCapacity return_consumed_capacity = ReturnConsumedCapacity::kNone;
  std::optional<std::string> projection_expression;
  std::optional<std::string> filter_expression;
  std::optional<std::string> key_condition_expression;
  std::optional<ExpressionAttributeNames> expression_attribute_names;
  std::optional<ExpressionAttributeValues> expression_attribute_values;
};
struct QueryResult {
  std::vector<Item> items;  // empty for Select COUNT
  int32_t count = 0;
  int32_t scanned_count = 0;
  std::optional<Item> last_evaluated_key;
  std::optional<ConsumedCapacity> consumed_capacity;
};

struct ScanRequest {
  std::string table_name;
  std::optional<std::string> index_name;
  std::optional<std::vector<std::string>> attributes_to_get;
  std::optional<int32_t> limit;
  std::optional<Select> select;
  std::optional<ConditionMap> scan_filter;
  std::optional<ConditionalOperator> conditional_operator;
  std::optional<Item> exclusive_start_key;
  ReturnConsumedCapacity return_consumed_capacity = ReturnConsumedCapacity::kNone;
  std::optional<int32_t> total_segments;
  std::optional<int32_t> segment;
  std::optional<std::string> projection_expression;
  std::optional<std::string> filter_expression;
  std::optional<ExpressionAttributeNames> expression_attribute_names;
  std::optional<ExpressionAttributeValues> expression_attribute_values;
  std::optional<bool> consistent_read;
};
using ScanResult = QueryResult;

// ---------------------------------------------------------------- batches

struct KeysAndAttributes {
  std::vector<Item> keys;
  std::optional<std::vector<std::string>> attributes_to_get;
  std::optional<bool> consistent_read;
  std::optional<std::string> projection_expression;
  std::optional<ExpressionAttributeNames> expression_attribute_names;
};
struct BatchGetItemRequest {
  std::map<std::string, KeysAndAttributes, std::less<>> request_items;
  ReturnConsumedCapacity return_consumed_capacity = ReturnConsumedCapacity::kNone;
};
struct BatchGetItemResult {
  std::map<std::string, std::vector<Item>, std::less<>> responses;
  std::map<std::string, KeysAndAttributes, std::less<>> unprocessed_keys;
  std::vector<ConsumedCapacity> consumed_capacity;
};

struct WriteRequest {
  std::optional<Item> put_request;     // PutRequest.Item
  std::optional<Item> delete_request;  // DeleteRequest.Key
};
struct BatchWriteItemRequest {
  std::map<std::string, std::vector<WriteRequest>, std::less<>> request_items;
  ReturnConsumedCapacity return_consumed_capacity = ReturnConsumedCapacity::kNone;
  ReturnItemCollectionMetrics return_item_collection_metrics = ReturnItemCollectionMetrics::kNone;
};
struct BatchWriteItemResult {
  std::map<std::string, std::vector<WriteRequest>, std::less<>> unprocessed_items;
  std::map<std::string, std::vector<ItemCollectionMetrics>, std::less<>> item_collection_metrics;
  std::vector<ConsumedCapacity> consumed_capacity;
};

// ----------------------------------------------------------- transactions

struct TransactConditionCheck {
  std::string table_name;
  Item key;
  std::string condition_expression;
  std::optional<ExpressionAttributeNames> expression_attribute_names;
  std::optional<ExpressionAttributeValues> expression_attribute_values;
  ReturnValuesOnConditionCheckFailure return_values_on_condition_check_failure =
      ReturnValuesOnConditionCheckFailure::kNone;
};
struct TransactPut {
  std::string table_name;
  Item item;
  std::optional<std::string> condition_expression;
  std::optional<ExpressionAttributeNames> expression_attribute_names;
  std::optional<ExpressionAttributeValues> expression_attribute_values;
  ReturnValuesOnConditionCheckFailure return_values_on_condition_check_failure =
      ReturnValuesOnConditionCheckFailure::kNone;
};
struct TransactDelete {
  std::string table_name;
  Item key;
  std::optional<std::string> condition_expression;
  std::optional<ExpressionAttributeNames> expression_attribute_names;
  std::optional<ExpressionAttributeValues> expression_attribute_values;
  ReturnValuesOnConditionCheckFailure return_values_on_condition_check_failure =
      ReturnValuesOnConditionCheckFailure::kNone;
};
struct TransactUpdate {
  std::string table_name;
  Item key;
  std::string update_expression;
  std::optional<std::string> condition_expression;
  std::optional<ExpressionAttributeNames> expression_attribute_names;
  std::optional<ExpressionAttributeValues> expression_attribute_values;
  ReturnValuesOnConditionCheckFailure return_values_on_condition_check_failure =
      ReturnValuesOnConditionCheckFailure::kNone;
};
// Exactly one member is set (the engine rejects anything else).
struct TransactWriteItem {
  std::optional<TransactConditionCheck> condition_check;
  std::optional<TransactPut> put;
  std::optional<TransactDelete> del;
  std::optional<TransactUpdate> update;
};
struct TransactWriteItemsRequest {
  std::vector<TransactWriteItem> transact_items;
  std::optional<std::string> client_request_token;
  ReturnConsumedCapacity return_consumed_capacity = ReturnConsumedCapacity::kNone;
  ReturnItemCollectionMetrics return_item_collection_metrics = ReturnItemCollectionMetrics::kNone;
};
struct TransactWriteItemsResult {
  std::vector<ConsumedCapacity> consumed_capacity;
  std::map<std::string, std::vector<ItemCollectionMetrics>, std::less<>> item_collection_metrics;
};

struct TransactGet {
  std::string table_name;
  Item key;
  std::optional<std::string> projection_expression;
  std::optional<ExpressionAttributeNames> expression_attribute_names;
};
struct TransactGetItemsRequest {
  std::vector<TransactGet> transact_items;
  ReturnConsumedCapacity return_consumed_capacity = ReturnConsumedCapacity::kNone;
};
struct TransactGetItemsResult {
  std::vector<std::optional<Item>> responses;  // in request order; nullopt: no item
  std::vector<ConsumedCapacity> consumed_capacity;
};

}  // namespace dynarock
