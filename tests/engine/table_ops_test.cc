// CreateTable, DescribeTable, ListTables, DeleteTable, UpdateTable, TTL and
// tags: behaviour and DynamoDB's exact error messages.
#include "engine/engine_test_util.h"

namespace dynarock::testing {
namespace {

constexpr auto kS = ScalarAttributeType::kS;
constexpr auto kN = ScalarAttributeType::kN;

TEST_CASE("CreateTable reports CREATING, then DescribeTable reports ACTIVE") {
  auto db = OpenMemDb();
  auto created = db->CreateTable(TableRequest("Music", kS, kN));
  REQUIRE(created.ok());
  const TableDescription& d = created->table_description;
  REQUIRE(d.table_status == TableStatus::kCreating);
  REQUIRE(d.table_name == "Music");
  REQUIRE(d.table_arn == "arn:aws:dynamodb:us-east-1:000000000000:table/Music");
  REQUIRE(d.table_id.size() == 36);
  REQUIRE(d.table_id[14] == '4');
  REQUIRE(d.key_schema.size() == 2);
  REQUIRE(d.provisioned_throughput.read_capacity_units == 5);
  REQUIRE(!d.billing_mode_summary);
  REQUIRE(d.creation_date_time > 1.6e9);

  auto described = db->DescribeTable({"Music"});
  REQUIRE(described.ok());
  REQUIRE(described->table.table_status == TableStatus::kActive);
  REQUIRE(described->table.table_id == d.table_id);
  // Immediately usable.
  Put(*db, "Music", {{"pk", S("a")}, {"sk", N("1")}});
  REQUIRE(Get(*db, "Music", {{"pk", S("a")}, {"sk", N("1")}}).has_value());
}

TEST_CASE("CreateTable of an existing table is ResourceInUseException") {
  auto db = OpenMemDb();
  MakeTable(*db, "t01", kS, std::nullopt);
  REQUIRE_ERROR(db->CreateTable(TableRequest("t01", kS, std::nullopt)), ErrorCode::kResourceInUse,
                "Table already exists: t01");
}

TEST_CASE("CreateTable validates the table name") {
  auto db = OpenMemDb();
  const std::string len = "TableName must be at least 3 characters long and at most 255 characters long";
  REQUIRE_ERROR(db->CreateTable(TableRequest("ab", kS, std::nullopt)), ErrorCode::kValidation, len);
  REQUIRE_ERROR(db->CreateTable(TableRequest(std::string(256, 'a'), kS, std::nullopt)),
                ErrorCode::kValidation, len);
  REQUIRE(db->CreateTable(TableRequest(std::string(255, 'a'), kS, std::nullopt)).ok());
  REQUIRE(db->CreateTable(TableRequest("a-b_c.D9", kS, std::nullopt)).ok());
  REQUIRE_ERROR(db->CreateTable(TableRequest("bad name!", kS, std::nullopt)), ErrorCode::kValidation,
                "1 validation error detected: Value 'bad name!' at 'tableName' failed to satisfy "
                "constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
}

TEST_CASE("CreateTable validates the key schema and attribute definitions") {
  auto db = OpenMemDb();
  SECTION("empty key schema") {
    auto r = TableRequest("tbl", kS, std::nullopt);
    r.key_schema.clear();
    REQUIRE_ERROR(db->CreateTable(r), ErrorCode::kValidation,
                  "1 validation error detected: Value '[]' at 'keySchema' failed to satisfy "
                  "constraint: Member must have length greater than or equal to 1");
  }
  SECTION("three keys") {
    auto r = TableRequest("tbl", kS, kS);
    r.key_schema.push_back({"x", KeyType::kRange});
    REQUIRE_ERROR(db->CreateTable(r), ErrorCode::kValidation,
                  "1 validation error detected: Value '[KeySchemaElement(attributeName=pk, "
                  "keyType=HASH), KeySchemaElement(attributeName=sk, keyType=RANGE), "
                  "KeySchemaElement(attributeName=x, keyType=RANGE)]' at 'keySchema' failed to "
                  "satisfy constraint: Member must have length less than or equal to 2");
  }
  SECTION("key not defined") {
    auto r = TableRequest("tbl", kS, kS);
    r.attribute_definitions[1].attribute_name = "other";
    REQUIRE_ERROR(db->CreateTable(r), ErrorCode::kValidation,
                  "One or more parameter values were invalid: Some index key attributes are not "
                  "defined in AttributeDefinitions. Keys: [pk, sk], AttributeDefinitions: [pk, other]");
  }
  SECTION("more keys than definitions") {
    auto r = TableRequest("tbl", kS, kS);
    r.attribute_definitions.pop_back();
    REQUIRE_ERROR(db->CreateTable(r), ErrorCode::kValidation,
                  "Invalid KeySchema: Some index key attribute have no definition");
  }
  SECTION("extra definition") {
    auto r = TableRequest("tbl", kS, std::nullopt);
    r.attribute_definitions.push_back({"extra", kN});
    REQUIRE_ERROR(db->CreateTable(r), ErrorCode::kValidation,
                  "One or more parameter values were invalid: Number of attributes in KeySchema "
                  "does not exactly match number of attributes defined in AttributeDefinitions");
  }
  SECTION("first not HASH") {
    auto r = TableRequest("tbl", kS, std::nullopt);
    r.key_schema[0].key_type = KeyType::kRange;
    REQUIRE_ERROR(db->CreateTable(r), ErrorCode::kValidation,
                  "Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
  }
  SECTION("second not RANGE") {
    auto r = TableRequest("tbl", kS, kS);
    r.key_schema[1].key_type = KeyType::kHash;
    REQUIRE_ERROR(db->CreateTable(r), ErrorCode::kValidation,
                  "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
  }
  SECTION("same name twice") {
    auto r = TableRequest("tbl", kS, kS);
    r.key_schema[1].attribute_name = "pk";
    REQUIRE_ERROR(db->CreateTable(r), ErrorCode::kValidation,
                  "Both the Hash Key and the Range Key element in the KeySchema have the same name");
  }
  SECTION("an empty index list") {
    auto r = TableRequest("tbl", kS, kS);
    r.global_secondary_indexes = std::vector<GlobalSecondaryIndex>{};
    REQUIRE_ERROR(db->CreateTable(r), ErrorCode::kValidation,
                  "One or more parameter values were invalid: List of GlobalSecondaryIndexes is "
                  "empty");
  }
  REQUIRE(db->ListTables({})->table_names.empty());
}

TEST_CASE("CreateTable billing modes") {
  auto db = OpenMemDb();
  SECTION("PROVISIONED needs throughput") {
    auto r = TableRequest("tbl", kS, std::nullopt);
    r.provisioned_throughput.reset();
    REQUIRE_ERROR(db->CreateTable(r), ErrorCode::kValidation,
                  "One or more parameter values were invalid: ReadCapacityUnits and "
                  "WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
  }
  SECTION("PAY_PER_REQUEST forbids throughput") {
    auto r = TableRequest("tbl", kS, std::nullopt);
    r.billing_mode = BillingMode::kPayPerRequest;
    REQUIRE_ERROR(db->CreateTable(r), ErrorCode::kValidation,
                  "One or more parameter values were invalid: Neither ReadCapacityUnits nor "
                  "WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
  }
  SECTION("throughput must be at least 1") {
    auto r = TableRequest("tbl", kS, std::nullopt);
    r.provisioned_throughput = ProvisionedThroughput{0, 0};
    REQUIRE_ERROR(db->CreateTable(r), ErrorCode::kValidation,
                  "2 validation errors detected: Value '0' at "
                  "'provisionedThroughput.writeCapacityUnits' failed to satisfy constraint: Member "
                  "must have value greater than or equal to 1; Value '0' at "
                  "'provisionedThroughput.readCapacityUnits' failed to satisfy constraint: Member "
                  "must have value greater than or equal to 1");
  }
  SECTION("on-demand table reports PAY_PER_REQUEST and 0/0") {
    auto r = TableRequest("tbl", kS, std::nullopt);
    r.billing_mode = BillingMode::kPayPerRequest;
    r.provisioned_throughput.reset();
    REQUIRE(db->CreateTable(r).ok());
    auto d = db->DescribeTable({"tbl"})->table;
    REQUIRE(d.billing_mode_summary);
    REQUIRE(d.billing_mode_summary->billing_mode == BillingMode::kPayPerRequest);
    REQUIRE(d.provisioned_throughput.read_capacity_units == 0);
    REQUIRE(d.provisioned_throughput.write_capacity_units == 0);
  }
}

TEST_CASE("DescribeTable and DeleteTable of a missing table") {
  auto db = OpenMemDb();
  REQUIRE_ERROR(db->DescribeTable({"nope"}), ErrorCode::kResourceNotFound,
                "Requested resource not found: Table: nope not found");
  REQUIRE_ERROR(db->DeleteTable({"nope"}), ErrorCode::kResourceNotFound,
                "Requested resource not found: Table: nope not found");
}

TEST_CASE("DeleteTable returns DELETING and removes the table") {
  auto db = OpenMemDb();
  MakeTable(*db, "gone", kS, std::nullopt);
  Put(*db, "gone", {{"pk", S("x")}});
  auto r = db->DeleteTable({"gone"});
  REQUIRE(r.ok());
  REQUIRE(r->table_description.table_status == TableStatus::kDeleting);
  REQUIRE(!db->DescribeTable({"gone"}).ok());
  PutItemRequest put;
  put.table_name = "gone";
  put.item = {{"pk", S("x")}};
  REQUIRE_ERROR(db->PutItem(put), ErrorCode::kResourceNotFound, "Requested resource not found");
  // Created again: empty.
  MakeTable(*db, "gone", kS, std::nullopt);
  REQUIRE(!Get(*db, "gone", {{"pk", S("x")}}).has_value());
}

TEST_CASE("DeleteTable honours deletion protection") {
  auto db = OpenMemDb();
  auto r = TableRequest("kept", kS, std::nullopt);
  r.deletion_protection_enabled = true;
  REQUIRE(db->CreateTable(r).ok());
  REQUIRE_ERROR(db->DeleteTable({"kept"}), ErrorCode::kValidation,
                "Resource cannot be deleted as it is currently protected against deletion. "
                "Disable deletion protection first.");
  UpdateTableRequest u;
  u.table_name = "kept";
  u.deletion_protection_enabled = false;
  REQUIRE(db->UpdateTable(u).ok());
  REQUIRE(db->DeleteTable({"kept"}).ok());
}

TEST_CASE("ListTables pages in name order") {
  auto db = OpenMemDb();
  std::vector<std::string> names = {"delta", "alpha", "echo", "charlie", "bravo"};
  for (const auto& n : names) MakeTable(*db, n, kS, std::nullopt);
  auto all = db->ListTables({});
  REQUIRE(all.ok());
  REQUIRE(all->table_names == std::vector<std::string>{"alpha", "bravo", "charlie", "delta", "echo"});
  REQUIRE(!all->last_evaluated_table_name);

  for (int limit = 1; limit <= 6; ++limit) {
    std::vector<std::string> seen;
    std::optional<std::string> start;
    int pages = 0;
    do {
      ListTablesRequest r;
      r.limit = limit;
      r.exclusive_start_table_name = start;
      auto page = db->ListTables(r);
      REQUIRE(page.ok());
      REQUIRE(page->table_names.size() <= static_cast<size_t>(limit));
      seen.insert(seen.end(), page->table_names.begin(), page->table_names.end());
      start = page->last_evaluated_table_name;
      REQUIRE(++pages <= 6);
    } while (start);
    REQUIRE(seen == all->table_names);
  }
  ListTablesRequest bad;
  bad.limit = 0;
  REQUIRE_ERROR(db->ListTables(bad), ErrorCode::kValidation,
                "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: "
                "Member must have value greater than or equal to 1");
  bad.limit = 101;
  REQUIRE_ERROR(db->ListTables(bad), ErrorCode::kValidation,
                "1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: "
                "Member must have value less than or equal to 100");
}

TEST_CASE("UpdateTable changes billing mode and throughput") {
  auto db = OpenMemDb();
  MakeTable(*db, "upd", kS, std::nullopt);
  UpdateTableRequest u;
  u.table_name = "upd";
  SECTION("nothing to update") {
    REQUIRE_ERROR(db->UpdateTable(u), ErrorCode::kValidation,
                  "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, "
                  "GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required");
  }
  SECTION("same throughput") {
    u.provisioned_throughput = ProvisionedThroughput{5, 5};
    REQUIRE_ERROR(db->UpdateTable(u), ErrorCode::kValidation,
                  "The provisioned throughput for the table will not change. The requested value "
                  "equals the current value. Current ReadCapacityUnits provisioned for the table: "
                  "5. Requested ReadCapacityUnits: 5. Current WriteCapacityUnits provisioned for "
                  "the table: 5. Requested WriteCapacityUnits: 5. Refer to the Amazon DynamoDB "
                  "Developer Guide for current limits and how to request higher limits.");
  }
  SECTION("new throughput") {
    u.provisioned_throughput = ProvisionedThroughput{10, 3};
    auto r = db->UpdateTable(u);
    REQUIRE(r.ok());
    REQUIRE(r->table_description.table_status == TableStatus::kUpdating);
    auto d = db->DescribeTable({"upd"})->table;
    REQUIRE(d.provisioned_throughput.read_capacity_units == 10);
    REQUIRE(d.provisioned_throughput.write_capacity_units == 3);
    REQUIRE(d.provisioned_throughput.number_of_decreases_today == 1);
    REQUIRE(d.provisioned_throughput.last_increase_date_time);
  }
  SECTION("to on-demand and back") {
    u.billing_mode = BillingMode::kPayPerRequest;
    REQUIRE(db->UpdateTable(u).ok());
    auto d = db->DescribeTable({"upd"})->table;
    REQUIRE(d.billing_mode_summary->billing_mode == BillingMode::kPayPerRequest);
    REQUIRE(d.provisioned_throughput.read_capacity_units == 0);
    UpdateTableRequest back;
    back.table_name = "upd";
    back.billing_mode = BillingMode::kProvisioned;
    REQUIRE_ERROR(db->UpdateTable(back), ErrorCode::kValidation,
                  "One or more parameter values were invalid: ProvisionedThroughput must be "
                  "specified when BillingMode is PROVISIONED");
    back.provisioned_throughput = ProvisionedThroughput{2, 2};
    REQUIRE(db->UpdateTable(back).ok());
    d = db->DescribeTable({"upd"})->table;
    REQUIRE(d.provisioned_throughput.read_capacity_units == 2);
  }
  SECTION("on-demand forbids throughput") {
    u.billing_mode = BillingMode::kPayPerRequest;
    u.provisioned_throughput = ProvisionedThroughput{1, 1};
    REQUIRE_ERROR(db->UpdateTable(u), ErrorCode::kValidation,
                  "One or more parameter values were invalid: Neither ReadCapacityUnits nor "
                  "WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
  }
  SECTION("an empty list of index updates") {
    u.global_secondary_index_updates = std::vector<GlobalSecondaryIndexUpdate>{};
    REQUIRE_ERROR(db->UpdateTable(u), ErrorCode::kValidation,
                  "One or more parameter values were invalid: List of GlobalSecondaryIndexUpdates "
                  "is empty");
  }
  SECTION("missing table") {
    u.table_name = "none";
    u.billing_mode = BillingMode::kPayPerRequest;
    REQUIRE_ERROR(db->UpdateTable(u), ErrorCode::kResourceNotFound,
                  "Requested resource not found: Table: none not found");
  }
}

TEST_CASE("UpdateTimeToLive and DescribeTimeToLive") {
  auto db = OpenMemDb();
  MakeTable(*db, "ttl", kS, std::nullopt);
  REQUIRE(*db->DescribeTimeToLive({"ttl"})->time_to_live_description.time_to_live_status == "DISABLED");
  UpdateTimeToLiveRequest u;
  u.table_name = "ttl";
  u.time_to_live_specification = {"expires", false};
  REQUIRE_ERROR(db->UpdateTimeToLive(u), ErrorCode::kValidation, "TimeToLive is already disabled");
  u.time_to_live_specification.enabled = true;
  auto r = db->UpdateTimeToLive(u);
  REQUIRE(r.ok());
  REQUIRE(r->time_to_live_specification.attribute_name == "expires");
  auto d = db->DescribeTimeToLive({"ttl"})->time_to_live_description;
  REQUIRE(*d.time_to_live_status == "ENABLED");
  REQUIRE(*d.attribute_name == "expires");
  REQUIRE_ERROR(db->UpdateTimeToLive(u), ErrorCode::kValidation, "TimeToLive is already enabled");
  u.time_to_live_specification = {"", true};
  REQUIRE_ERROR(db->UpdateTimeToLive(u), ErrorCode::kValidation,
                "1 validation error detected: Value '' at 'timeToLiveSpecification.attributeName' "
                "failed to satisfy constraint: Member must have length greater than or equal to 1");
  REQUIRE_ERROR(db->DescribeTimeToLive({"zzz"}), ErrorCode::kResourceNotFound,
                "Requested resource not found: Table: zzz not found");
}

TEST_CASE("TagResource, UntagResource, ListTagsOfResource") {
  auto db = OpenMemDb();
  MakeTable(*db, "tagged", kS, std::nullopt);
  const std::string arn = "arn:aws:dynamodb:us-east-1:000000000000:table/tagged";
  REQUIRE(db->TagResource({arn, {{"env", "test"}, {"team", "a"}}}).ok());
  REQUIRE(db->TagResource({arn, {{"team", "b"}}}).ok());
  auto tags = db->ListTagsOfResource({arn, std::nullopt});
  REQUIRE(tags.ok());
  REQUIRE(tags->tags.size() == 2);
  REQUIRE(tags->tags[1].key == "team");
  REQUIRE(tags->tags[1].value == "b");
  REQUIRE(db->UntagResource({arn, {"env"}}).ok());
  REQUIRE(db->ListTagsOfResource({arn, std::nullopt})->tags.size() == 1);

  REQUIRE_ERROR(db->TagResource({arn, {}}), ErrorCode::kValidation,
                "Atleast one Tag needs to be provided as Input.");
  REQUIRE_ERROR(db->UntagResource({arn, {}}), ErrorCode::kValidation,
                "Atleast one Tag Key needs to be provided as Input.");
  REQUIRE_ERROR(db->TagResource({"nonsense", {{"k", "v"}}}), ErrorCode::kValidation,
                "Invalid TableArn: Invalid ResourceArn provided as input nonsense");
  const std::string missing = "arn:aws:dynamodb:us-east-1:000000000000:table/missing";
  REQUIRE_ERROR(db->ListTagsOfResource({missing, std::nullopt}), ErrorCode::kResourceNotFound,
                "Requested resource not found: ResourcArn: " + missing + " not found");
  REQUIRE_ERROR(db->TagResource({arn, {{"", "v"}}}), ErrorCode::kValidation,
                "1 validation error detected: Value '' at 'tags.1.member.key' failed to satisfy "
                "constraint: Member must have length greater than or equal to 1");
  std::vector<Tag> many;
  for (int i = 0; i < 50; ++i) many.push_back({"k" + std::to_string(i), "v"});
  REQUIRE_ERROR(db->TagResource({arn, many}), ErrorCode::kLimitExceeded,
                "The number of tags for the resource exceeds the limit of 50");
}

}  // namespace
}  // namespace dynarock::testing
