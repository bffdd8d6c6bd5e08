// CreateTable with GSIs and LSIs, DescribeTable's index descriptions,
// DeleteTable, and indexes across a reopen.
#include "index_engine_util.h"

namespace dynarock::testing {
namespace {

TEST_CASE("CreateTable with GSIs and LSIs describes them as DynamoDB does") {
  auto db = OpenMemDb();
  auto created = db->CreateTable(IndexedTableRequest());
  INFO(created.status().ToString());
  REQUIRE(created.ok());
  auto d = db->DescribeTable({"tbl"});
  REQUIRE(d.ok());
  const TableDescription& t = d->table;
  REQUIRE(t.global_secondary_indexes.size() == 3);
  REQUIRE(t.local_secondary_indexes.size() == 1);
  const auto& g = t.global_secondary_indexes[0];
  CHECK(g.index_name == "byg");
  CHECK(g.index_status == IndexStatus::kActive);
  CHECK(!g.backfilling.has_value());
  CHECK(g.index_arn == "arn:aws:dynamodb:us-east-1:000000000000:table/tbl/index/byg");
  CHECK(g.key_schema.size() == 2);
  CHECK(g.projection.projection_type == ProjectionType::kAll);
  CHECK(g.provisioned_throughput.read_capacity_units == 5);
  CHECK(t.global_secondary_indexes[2].key_schema.size() == 3);  // multi-attribute key
  CHECK(t.global_secondary_indexes[2].projection.non_key_attributes ==
        std::vector<std::string>{"x"});
  CHECK(t.local_secondary_indexes[0].index_arn ==
        "arn:aws:dynamodb:us-east-1:000000000000:table/tbl/index/byls");
  CHECK(t.attribute_definitions.size() == 8);
}

TEST_CASE("CreateTable index errors carry DynamoDB's messages") {
  auto db = OpenMemDb();
  CreateTableRequest r = IndexedTableRequest();
  r.global_secondary_indexes->push_back(r.global_secondary_indexes->at(0));
  REQUIRE_ERROR(db->CreateTable(r), ErrorCode::kValidation,
                "One or more parameter values were invalid: Duplicate index name: byg");
  r = IndexedTableRequest();
  r.attribute_definitions.push_back({"unused", ScalarAttributeType::kS});
  REQUIRE_ERROR(db->CreateTable(r), ErrorCode::kValidation,
                "One or more parameter values were invalid: Some AttributeDefinitions are not "
                "used. AttributeDefinitions: [a, b, c, g, gs, ls, pk, sk, unused], keys used: [a, "
                "b, c, g, gs, ls, pk, sk]");
  r = IndexedTableRequest();
  r.global_secondary_indexes->at(0).provisioned_throughput.reset();
  REQUIRE_ERROR(db->CreateTable(r), ErrorCode::kValidation,
                "One or more parameter values were invalid: ProvisionedThroughput is not "
                "specified for index: byg");
  auto list = db->ListTables({});
  REQUIRE(list.ok());
  CHECK(list->table_names.empty());
}

TEST_CASE("indexes survive a reopen and a deleted table takes its indexes with it") {
  TempDir dir;
  {
    auto db = OpenDb(dir.path());
    REQUIRE(db->CreateTable(IndexedTableRequest()).ok());
    for (int i = 0; i < 50; ++i) {
      Put(*db, "tbl", Item{{"pk", S("p" + std::to_string(i % 3))}, {"sk", N(std::to_string(i))},
                         {"g", S("G" + std::to_string(i % 4))}, {"gs", N(std::to_string(i))}});
    }
    RequireIndexesExact(*db, "tbl");
  }
  auto db = OpenDb(dir.path());
  auto d = db->DescribeTable({"tbl"});
  REQUIRE(d.ok());
  REQUIRE(d->table.global_secondary_indexes.size() == 3);
  CHECK(d->table.global_secondary_indexes[0].index_status == IndexStatus::kActive);
  RequireIndexesExact(*db, "tbl");
  auto q = db->Query(IndexQuery("tbl", "byg", {{"g", Eq(S("G1"))}}));
  INFO(q.status().ToString());
  REQUIRE(q.ok());
  CHECK(q->count == 13);

  REQUIRE(db->DeleteTable({"tbl"}).ok());
  REQUIRE(db->CreateTable(IndexedTableRequest()).ok());
  q = db->Query(IndexQuery("tbl", "byg", {{"g", Eq(S("G1"))}}));
  REQUIRE(q.ok());
  CHECK(q->count == 0);  // a new generation: the old entries are gone
  RequireIndexesExact(*db, "tbl");
}

}  // namespace
}  // namespace dynarock::testing
