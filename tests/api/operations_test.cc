// Every operation through JsonApi: the JSON request becomes the right typed
// request, and the typed result becomes DynamoDB's response shape.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "api/fake_database.h"
#include "dynarock/json_api.h"

namespace dynarock {
namespace {

using nlohmann::json;
using testing::FakeDatabase;

json Ok(FakeDatabase& db, std::string_view op, std::string_view body) {
  JsonApi api(&db);
  JsonApi::Response r = api.Handle(op, body);
  INFO(op << ": " << r.body);
  REQUIRE(r.http_status == 200);
  return json::parse(r.body);
}

TableDescription SampleTable() {
  TableDescription t;
  t.table_name = "Music";
  t.table_arn = "arn:aws:dynamodb:us-east-1:000000000000:table/Music";
  t.table_id = "7b5f4e4b-1111-2222-3333-444455556666";
  t.key_schema = {{"Artist", KeyType::kHash}, {"Song", KeyType::kRange}};
  t.attribute_definitions = {{"Artist", ScalarAttributeType::kS}, {"Song", ScalarAttributeType::kS}};
  t.creation_date_time = 1700000000.5;
  t.billing_mode_summary = BillingModeSummary{BillingMode::kPayPerRequest, 1700000000.5};
  t.item_count = 3;
  t.table_size_bytes = 120;
  return t;
}

TEST_CASE("CreateTable maps every member and answers TableDescription") {
  FakeDatabase db;
  db.create_table.table_description = SampleTable();
  db.create_table.table_description.table_status = TableStatus::kCreating;
  json r = Ok(db, "CreateTable", R"J({
    "TableName":"Music",
    "KeySchema":[{"AttributeName":"Artist","KeyType":"HASH"},{"AttributeName":"Song","KeyType":"RANGE"}],
    "AttributeDefinitions":[{"AttributeName":"Artist","AttributeType":"S"},{"AttributeName":"Song","AttributeType":"S"},
                            {"AttributeName":"Year","AttributeType":"N"}],
    "BillingMode":"PAY_PER_REQUEST",
    "GlobalSecondaryIndexes":[{"IndexName":"ByYear","KeySchema":[{"AttributeName":"Year","KeyType":"HASH"}],
                               "Projection":{"ProjectionType":"INCLUDE","NonKeyAttributes":["Song"]}}],
    "LocalSecondaryIndexes":[{"IndexName":"Local1","KeySchema":[{"AttributeName":"Artist","KeyType":"HASH"},
                              {"AttributeName":"Year","KeyType":"RANGE"}],"Projection":{"ProjectionType":"KEYS_ONLY"}}],
    "StreamSpecification":{"StreamEnabled":true,"StreamViewType":"NEW_IMAGE"},
    "Tags":[{"Key":"team","Value":"a"}],
    "TableClass":"STANDARD","DeletionProtectionEnabled":true})J");
  const CreateTableRequest& q = *db.last_create_table;
  REQUIRE(q.table_name == "Music");
  REQUIRE(q.key_schema.size() == 2);
  REQUIRE(q.key_schema[1].key_type == KeyType::kRange);
  REQUIRE(q.attribute_definitions[2].attribute_type == ScalarAttributeType::kN);
  REQUIRE(q.billing_mode == BillingMode::kPayPerRequest);
  REQUIRE(!q.provisioned_throughput);
  REQUIRE(q.global_secondary_indexes->at(0).index_name == "ByYear");
  REQUIRE(q.global_secondary_indexes->at(0).projection.projection_type == ProjectionType::kInclude);
  REQUIRE(q.global_secondary_indexes->at(0).projection.non_key_attributes->at(0) == "Song");
  REQUIRE(q.local_secondary_indexes->at(0).key_schema[1].attribute_name == "Year");
  REQUIRE(q.stream_specification->stream_enabled);
  REQUIRE(q.stream_specification->stream_view_type == "NEW_IMAGE");
  REQUIRE(q.tags->at(0).key == "team");
  REQUIRE(q.table_class == "STANDARD");
  REQUIRE(q.deletion_protection_enabled == true);

  json t = r["TableDescription"];
  REQUIRE(t["TableName"] == "Music");
  REQUIRE(t["TableStatus"] == "CREATING");
  REQUIRE(t["TableArn"] == "arn:aws:dynamodb:us-east-1:000000000000:table/Music");
  REQUIRE(t["TableId"] == "7b5f4e4b-1111-2222-3333-444455556666");
  REQUIRE(t["CreationDateTime"] == 1700000000.5);
  REQUIRE(t["KeySchema"] == json::parse(R"J([{"AttributeName":"Artist","KeyType":"HASH"},
                                           {"AttributeName":"Song","KeyType":"RANGE"}])J"));
  REQUIRE(t["ProvisionedThroughput"] ==
          json::parse(R"J({"NumberOfDecreasesToday":0,"ReadCapacityUnits":0,"WriteCapacityUnits":0})J"));
  REQUIRE(t["BillingModeSummary"] ==
          json::parse(R"J({"BillingMode":"PAY_PER_REQUEST","LastUpdateToPayPerRequestDateTime":1700000000.5})J"));
  REQUIRE(t["ItemCount"] == 3);
  REQUIRE(t["TableSizeBytes"] == 120);
  REQUIRE(t["DeletionProtectionEnabled"] == false);
  REQUIRE(!t.contains("GlobalSecondaryIndexes"));
  REQUIRE(!t.contains("LocalSecondaryIndexes"));
  REQUIRE(!t.contains("StreamSpecification"));
}

TEST_CASE("DescribeTable answers Table, with indexes when present") {
  FakeDatabase db;
  db.describe_table.table = SampleTable();
  GlobalSecondaryIndexDescription g;
  g.index_name = "ByYear";
  g.key_schema = {{"Year", KeyType::kHash}};
  g.projection.projection_type = ProjectionType::kAll;
  g.index_arn = "arn:aws:dynamodb:us-east-1:000000000000:table/Music/index/ByYear";
  db.describe_table.table.global_secondary_indexes.push_back(g);
  db.describe_table.table.table_class = "STANDARD";
  json r = Ok(db, "DescribeTable", R"J({"TableName":"Music"})J");
  REQUIRE(db.last_describe_table->table_name == "Music");
  json gsi = r["Table"]["GlobalSecondaryIndexes"][0];
  REQUIRE(gsi["IndexName"] == "ByYear");
  REQUIRE(gsi["IndexStatus"] == "ACTIVE");
  REQUIRE(gsi["Projection"] == json{{"ProjectionType", "ALL"}});
  REQUIRE(gsi["IndexArn"] == g.index_arn);
  REQUIRE(gsi["ProvisionedThroughput"]["ReadCapacityUnits"] == 0);
  REQUIRE(r["Table"]["TableClassSummary"] == json{{"TableClass", "STANDARD"}});
}

TEST_CASE("ListTables, DeleteTable, UpdateTable") {
  FakeDatabase db;
  db.list_tables.table_names = {"a1b", "c2d"};
  db.list_tables.last_evaluated_table_name = "c2d";
  json r = Ok(db, "ListTables", R"J({"ExclusiveStartTableName":"aaa","Limit":2})J");
  REQUIRE(db.last_list_tables->exclusive_start_table_name == "aaa");
  REQUIRE(db.last_list_tables->limit == 2);
  REQUIRE(r == json::parse(R"J({"TableNames":["a1b","c2d"],"LastEvaluatedTableName":"c2d"})J"));
  r = Ok(db, "ListTables", "{}");
  REQUIRE(!db.last_list_tables->limit);

  db.delete_table.table_description = SampleTable();
  db.delete_table.table_description.table_status = TableStatus::kDeleting;
  r = Ok(db, "DeleteTable", R"J({"TableName":"Music"})J");
  REQUIRE(r["TableDescription"]["TableStatus"] == "DELETING");

  db.update_table.table_description = SampleTable();
  r = Ok(db, "UpdateTable", R"J({"TableName":"Music","BillingMode":"PROVISIONED",
      "ProvisionedThroughput":{"ReadCapacityUnits":5,"WriteCapacityUnits":7},
      "GlobalSecondaryIndexUpdates":[{"Delete":{"IndexName":"ByYear"}},
        {"Update":{"IndexName":"Gsi2","ProvisionedThroughput":{"ReadCapacityUnits":1,"WriteCapacityUnits":1}}}],
      "DeletionProtectionEnabled":false})J");
  const UpdateTableRequest& u = *db.last_update_table;
  REQUIRE(u.billing_mode == BillingMode::kProvisioned);
  REQUIRE(u.provisioned_throughput->write_capacity_units == 7);
  REQUIRE(u.global_secondary_index_updates->at(0).del->index_name == "ByYear");
  REQUIRE(u.global_secondary_index_updates->at(1).update->index_name == "Gsi2");
  REQUIRE(u.deletion_protection_enabled == false);
  REQUIRE(r["TableDescription"]["TableName"] == "Music");
}

TEST_CASE("TTL and tags") {
  FakeDatabase db;
  db.update_ttl.time_to_live_specification = {"expires", true};
  json r = Ok(db, "UpdateTimeToLive",
              R"J({"TableName":"Music","TimeToLiveSpecification":{"AttributeName":"expires","Enabled":true}})J");
  REQUIRE(db.last_update_ttl->time_to_live_specification.attribute_name == "expires");
  REQUIRE(db.last_update_ttl->time_to_live_specification.enabled);
  REQUIRE(r == json::parse(R"J({"TimeToLiveSpecification":{"AttributeName":"expires","Enabled":true}})J"));

  db.describe_ttl.time_to_live_description = {"ENABLED", "expires"};
  r = Ok(db, "DescribeTimeToLive", R"J({"TableName":"Music"})J");
  REQUIRE(r == json::parse(R"J({"TimeToLiveDescription":{"TimeToLiveStatus":"ENABLED","AttributeName":"expires"}})J"));
  db.describe_ttl.time_to_live_description = {"DISABLED", std::nullopt};
  r = Ok(db, "DescribeTimeToLive", R"J({"TableName":"Music"})J");
  REQUIRE(r == json::parse(R"J({"TimeToLiveDescription":{"TimeToLiveStatus":"DISABLED"}})J"));

  const char* arn = "arn:aws:dynamodb:us-east-1:000000000000:table/Music";
  r = Ok(db, "TagResource", std::string(R"J({"ResourceArn":")J") + arn + R"J(","Tags":[{"Key":"k","Value":"v"}]})J");
  REQUIRE(r == json::object());
  REQUIRE(db.last_tag->resource_arn == arn);
  REQUIRE(db.last_tag->tags.at(0).value == "v");
  r = Ok(db, "UntagResource", std::string(R"J({"ResourceArn":")J") + arn + R"J(","TagKeys":["k"]})J");
  REQUIRE(r == json::object());
  REQUIRE(db.last_untag->tag_keys == std::vector<std::string>{"k"});
  db.list_tags.tags = {{"k", "v"}};
  r = Ok(db, "ListTagsOfResource", std::string(R"J({"ResourceArn":")J") + arn + R"J("})J");
  REQUIRE(r == json::parse(R"J({"Tags":[{"Key":"k","Value":"v"}]})J"));
}

TEST_CASE("PutItem, GetItem, DeleteItem, UpdateItem") {
  FakeDatabase db;
  json r = Ok(db, "PutItem", R"J({"TableName":"Music","Item":{"Artist":{"S":"A"},"n":{"N":"1.50"}},
      "ConditionExpression":"attribute_not_exists(#a)","ExpressionAttributeNames":{"#a":"Artist"},
      "ExpressionAttributeValues":{":v":{"BOOL":true}},"ReturnValues":"ALL_OLD",
      "ReturnValuesOnConditionCheckFailure":"ALL_OLD","ReturnConsumedCapacity":"TOTAL"})J");
  REQUIRE(r == json::object());
  const PutItemRequest& p = *db.last_put_item;
  REQUIRE(p.item.at("n") == AttributeValue::N("1.5"));
  REQUIRE(p.condition_expression == "attribute_not_exists(#a)");
  REQUIRE(p.expression_attribute_names->at("#a") == "Artist");
  REQUIRE(p.expression_attribute_values->at(":v") == AttributeValue::Bool(true));
  REQUIRE(p.return_values == ReturnValues::kAllOld);
  REQUIRE(p.return_values_on_condition_check_failure == ReturnValuesOnConditionCheckFailure::kAllOld);
  REQUIRE(p.return_consumed_capacity == ReturnConsumedCapacity::kTotal);

  db.put_item.attributes = Item{{"Artist", AttributeValue::S("A")}};
  db.put_item.consumed_capacity = ConsumedCapacity{"Music", 1, 0, 0, std::nullopt, {}, {}};
  r = Ok(db, "PutItem", R"J({"TableName":"Music","Item":{"Artist":{"S":"A"}}})J");
  REQUIRE(r == json::parse(R"J({"Attributes":{"Artist":{"S":"A"}},
                               "ConsumedCapacity":{"TableName":"Music","CapacityUnits":1.0}})J"));

  r = Ok(db, "GetItem", R"J({"TableName":"Music","Key":{"Artist":{"S":"A"}},"ConsistentRead":true,
      "ProjectionExpression":"#a","ExpressionAttributeNames":{"#a":"Artist"}})J");
  REQUIRE(r == json::object());  // no item: {}
  REQUIRE(db.last_get_item->consistent_read == true);
  REQUIRE(db.last_get_item->projection_expression == "#a");
  db.get_item.item = Item{{"Artist", AttributeValue::S("A")}, {"B", AttributeValue::B("\x01")}};
  r = Ok(db, "GetItem", R"J({"TableName":"Music","Key":{"Artist":{"S":"A"}}})J");
  REQUIRE(r == json::parse(R"J({"Item":{"Artist":{"S":"A"},"B":{"B":"AQ=="}}})J"));

  r = Ok(db, "DeleteItem", R"J({"TableName":"Music","Key":{"Artist":{"S":"A"}},
      "Expected":{"x":{"Exists":false},"y":{"ComparisonOperator":"EQ","AttributeValueList":[{"N":"1"}]}},
      "ConditionalOperator":"OR"})J");
  REQUIRE(r == json::object());
  const DeleteItemRequest& d = *db.last_delete_item;
  REQUIRE(d.expected->at("x").exists == false);
  REQUIRE(d.expected->at("y").comparison_operator == ComparisonOperator::kEq);
  REQUIRE(d.expected->at("y").attribute_value_list->at(0) == AttributeValue::N("1"));
  REQUIRE(d.conditional_operator == ConditionalOperator::kOr);

  db.update_item.attributes = Item{{"n", AttributeValue::N("2")}};
  r = Ok(db, "UpdateItem", R"J({"TableName":"Music","Key":{"Artist":{"S":"A"}},
      "UpdateExpression":"ADD n :one","ExpressionAttributeValues":{":one":{"N":"1"}},"ReturnValues":"UPDATED_NEW",
      "AttributeUpdates":{"z":{"Action":"DELETE"}}})J");
  REQUIRE(r == json::parse(R"J({"Attributes":{"n":{"N":"2"}}})J"));
  REQUIRE(db.last_update_item->update_expression == "ADD n :one");
  REQUIRE(db.last_update_item->return_values == ReturnValues::kUpdatedNew);
  REQUIRE(db.last_update_item->attribute_updates->at("z").action == AttributeAction::kDelete);
}

TEST_CASE("Query and Scan answer Items, Count, ScannedCount, LastEvaluatedKey") {
  FakeDatabase db;
  db.query.items = {Item{{"Artist", AttributeValue::S("A")}, {"Song", AttributeValue::S("s1")}}};
  db.query.count = 1;
  db.query.scanned_count = 2;
  db.query.last_evaluated_key = Item{{"Artist", AttributeValue::S("A")}, {"Song", AttributeValue::S("s1")}};
  json r = Ok(db, "Query", R"J({"TableName":"Music","IndexName":"Local1","KeyConditionExpression":"Artist = :a",
      "ExpressionAttributeValues":{":a":{"S":"A"}},"Limit":1,"ScanIndexForward":false,
      "ExclusiveStartKey":{"Artist":{"S":"A"},"Song":{"S":"s0"}},"FilterExpression":"attribute_exists(Song)",
      "KeyConditions":{"Artist":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"A"}]}}})J");
  REQUIRE(r == json::parse(R"J({"Items":[{"Artist":{"S":"A"},"Song":{"S":"s1"}}],"Count":1,"ScannedCount":2,
                               "LastEvaluatedKey":{"Artist":{"S":"A"},"Song":{"S":"s1"}}})J"));
  const QueryRequest& q = *db.last_query;
  REQUIRE(q.index_name == "Local1");
  REQUIRE(q.limit == 1);
  REQUIRE(q.scan_index_forward == false);
  REQUIRE(q.exclusive_start_key->at("Song") == AttributeValue::S("s0"));
  REQUIRE(q.key_conditions->at("Artist").attribute_value_list.size() == 1);

  db.query = QueryResult{};
  db.query.count = 5;
  db.query.scanned_count = 5;
  r = Ok(db, "Query", R"J({"TableName":"Music","Select":"COUNT","KeyConditionExpression":"Artist = :a",
      "ExpressionAttributeValues":{":a":{"S":"A"}}})J");
  REQUIRE(r == json::parse(R"J({"Count":5,"ScannedCount":5})J"));

  r = Ok(db, "Scan", R"J({"TableName":"Music","Segment":1,"TotalSegments":4,"Select":"ALL_ATTRIBUTES"})J");
  REQUIRE(r == json::parse(R"J({"Items":[],"Count":0,"ScannedCount":0})J"));
  REQUIRE(db.last_scan->segment == 1);
  REQUIRE(db.last_scan->total_segments == 4);
}

TEST_CASE("BatchGetItem and BatchWriteItem") {
  FakeDatabase db;
  db.batch_get.responses["Music"] = {Item{{"Artist", AttributeValue::S("A")}}};
  db.batch_get.unprocessed_keys["Music"].keys = {Item{{"Artist", AttributeValue::S("B")}}};
  json r = Ok(db, "BatchGetItem", R"J({"RequestItems":{"Music":{"Keys":[{"Artist":{"S":"A"}},{"Artist":{"S":"B"}}],
      "ProjectionExpression":"Artist","ConsistentRead":true}}})J");
  REQUIRE(db.last_batch_get->request_items.at("Music").keys.size() == 2);
  REQUIRE(db.last_batch_get->request_items.at("Music").consistent_read == true);
  REQUIRE(r == json::parse(R"J({"Responses":{"Music":[{"Artist":{"S":"A"}}]},
                               "UnprocessedKeys":{"Music":{"Keys":[{"Artist":{"S":"B"}}]}}})J"));

  r = Ok(db, "BatchWriteItem", R"J({"RequestItems":{"Music":[{"PutRequest":{"Item":{"Artist":{"S":"A"}}}},
      {"DeleteRequest":{"Key":{"Artist":{"S":"B"}}}}]}})J");
  REQUIRE(r == json::parse(R"J({"UnprocessedItems":{}})J"));
  const auto& writes = db.last_batch_write->request_items.at("Music");
  REQUIRE(writes.size() == 2);
  REQUIRE(writes[0].put_request->at("Artist") == AttributeValue::S("A"));
  REQUIRE(writes[1].delete_request->at("Artist") == AttributeValue::S("B"));
}

TEST_CASE("TransactWriteItems and TransactGetItems") {
  FakeDatabase db;
  json r = Ok(db, "TransactWriteItems", R"J({"TransactItems":[
      {"ConditionCheck":{"TableName":"Music","Key":{"Artist":{"S":"A"}},"ConditionExpression":"attribute_exists(Artist)"}},
      {"Put":{"TableName":"Music","Item":{"Artist":{"S":"B"}},"ReturnValuesOnConditionCheckFailure":"ALL_OLD"}},
      {"Delete":{"TableName":"Music","Key":{"Artist":{"S":"C"}}}},
      {"Update":{"TableName":"Music","Key":{"Artist":{"S":"D"}},"UpdateExpression":"SET x = :x",
                 "ExpressionAttributeValues":{":x":{"NULL":true}}}}],
      "ClientRequestToken":"tok"})J");
  REQUIRE(r == json::object());
  const auto& t = db.last_transact_write->transact_items;
  REQUIRE(t.size() == 4);
  REQUIRE(t[0].condition_check->condition_expression == "attribute_exists(Artist)");
  REQUIRE(t[1].put->return_values_on_condition_check_failure == ReturnValuesOnConditionCheckFailure::kAllOld);
  REQUIRE(t[2].del->key.at("Artist") == AttributeValue::S("C"));
  REQUIRE(t[3].update->expression_attribute_values->at(":x") == AttributeValue::MakeNull());
  REQUIRE(db.last_transact_write->client_request_token == "tok");

  db.transact_get.responses = {Item{{"Artist", AttributeValue::S("A")}}, std::nullopt};
  r = Ok(db, "TransactGetItems", R"J({"TransactItems":[{"Get":{"TableName":"Music","Key":{"Artist":{"S":"A"}}}},
      {"Get":{"TableName":"Music","Key":{"Artist":{"S":"Z"}},"ProjectionExpression":"Artist"}}]})J");
  REQUIRE(r == json::parse(R"J({"Responses":[{"Item":{"Artist":{"S":"A"}}},{}]})J"));
  REQUIRE(db.last_transact_get->transact_items[1].projection_expression == "Artist");
}

TEST_CASE("DescribeEndpoints and DescribeLimits are answered by the API layer") {
  FakeDatabase db;
  JsonApi api(&db, "127.0.0.1:8123");
  JsonApi::Response r = api.Handle("DescribeEndpoints", "{}");
  REQUIRE(r.http_status == 200);
  REQUIRE(json::parse(r.body) ==
          json::parse(R"J({"Endpoints":[{"Address":"127.0.0.1:8123","CachePeriodInMinutes":1440}]})J"));
  r = api.Handle("DescribeLimits", "{}");
  REQUIRE(r.http_status == 200);
  REQUIRE(json::parse(r.body) == json::parse(R"J({"AccountMaxReadCapacityUnits":80000,
      "AccountMaxWriteCapacityUnits":80000,"TableMaxReadCapacityUnits":40000,"TableMaxWriteCapacityUnits":40000})J"));
  REQUIRE(db.calls == 0);
}

}  // namespace
}  // namespace dynarock
