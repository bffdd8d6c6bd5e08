// Data and tables survive closing and reopening; a deleted and re-created
// table starts empty, also across reopen; the in-memory mode keeps nothing.
#include "engine/engine_test_util.h"

namespace dynarock::testing {
namespace {

constexpr auto kS = ScalarAttributeType::kS;
constexpr auto kN = ScalarAttributeType::kN;

TEST_CASE("Items and tables persist across close and reopen") {
  TempDir dir;
  std::string table_id;
  {
    auto db = OpenDb(dir.path());
    MakeTable(*db, "persist", kS, kN);
    auto on_demand = TableRequest("ondemand", kS, std::nullopt);
    on_demand.billing_mode = BillingMode::kPayPerRequest;
    on_demand.provisioned_throughput.reset();
    on_demand.tags = std::vector<Tag>{{"k", "v"}};
    REQUIRE(db->CreateTable(on_demand).ok());
    for (int i = 0; i < 100; ++i) {
      Put(*db, "persist", {{"pk", S("p" + std::to_string(i % 5))}, {"sk", N(std::to_string(i))}, {"n", N("1.5")}});
    }
    UpdateTimeToLiveRequest ttl;
    ttl.table_name = "persist";
    ttl.time_to_live_specification = {"exp", true};
    REQUIRE(db->UpdateTimeToLive(ttl).ok());
    table_id = db->DescribeTable({"persist"})->table.table_id;
  }
  auto db = OpenDb(dir.path());
  auto d = db->DescribeTable({"persist"});
  REQUIRE(d.ok());
  REQUIRE(d->table.table_id == table_id);
  REQUIRE(d->table.key_schema.size() == 2);
  REQUIRE(d->table.item_count > 0);
  auto item = Get(*db, "persist", {{"pk", S("p3")}, {"sk", N("13")}});
  REQUIRE(item);
  REQUIRE(item->at("n") == N("1.5"));
  ScanRequest scan;
  scan.table_name = "persist";
  REQUIRE(db->Scan(scan)->count == 100);
  REQUIRE(*db->DescribeTimeToLive({"persist"})->time_to_live_description.attribute_name == "exp");
  auto od = db->DescribeTable({"ondemand"})->table;
  REQUIRE(od.billing_mode_summary->billing_mode == BillingMode::kPayPerRequest);
  auto tags = db->ListTagsOfResource({od.table_arn, std::nullopt});
  REQUIRE(tags->tags.size() == 1);
  REQUIRE(db->ListTables({})->table_names == std::vector<std::string>{"ondemand", "persist"});
}

TEST_CASE("A deleted and re-created table starts empty, also across reopen") {
  TempDir dir;
  {
    auto db = OpenDb(dir.path());
    MakeTable(*db, "again", kS, std::nullopt);
    Put(*db, "again", {{"pk", S("old")}});
    REQUIRE(db->DeleteTable({"again"}).ok());
    MakeTable(*db, "again", kS, std::nullopt);
    REQUIRE(!Get(*db, "again", {{"pk", S("old")}}));
    Put(*db, "again", {{"pk", S("new")}});
  }
  {
    auto db = OpenDb(dir.path());
    REQUIRE(!Get(*db, "again", {{"pk", S("old")}}));
    REQUIRE(Get(*db, "again", {{"pk", S("new")}}));
    REQUIRE(db->DeleteTable({"again"}).ok());
  }
  {
    auto db = OpenDb(dir.path());
    REQUIRE(!db->DescribeTable({"again"}).ok());
    MakeTable(*db, "again", kS, std::nullopt);
    REQUIRE(!Get(*db, "again", {{"pk", S("new")}}));
    ScanRequest scan;
    scan.table_name = "again";
    REQUIRE(db->Scan(scan)->count == 0);
  }
}

TEST_CASE("In-memory databases keep nothing after close and share nothing") {
  {
    auto db = OpenDb("/same-name", true);
    MakeTable(*db, "mem", kS, std::nullopt);
    Put(*db, "mem", {{"pk", S("x")}});
    auto other = OpenDb("/same-name", true);
    REQUIRE(!other->DescribeTable({"mem"}).ok());
  }
  auto db = OpenDb("/same-name", true);
  REQUIRE(db->ListTables({})->table_names.empty());
}

TEST_CASE("An in-memory database takes any name, relative ones too") {
  // The install test's consumer opened "consumer" and RocksDB's memory Env
  // answered "Not implemented: GetAbsolutePath".
  for (const char* name : {"consumer", "a/b", ""}) {
    auto db = OpenDb(name, true);
    MakeTable(*db, "mem", kS, std::nullopt);
    Put(*db, "mem", {{"pk", S("x")}});
    REQUIRE(db->DescribeTable({"mem"}).ok());
  }
}

TEST_CASE("Open fails cleanly without create_if_missing") {
  TempDir dir;
  Options o;
  o.create_if_missing = false;
  auto db = Database::Open(o, dir.path() + "/absent");
  REQUIRE(!db.ok());
  REQUIRE(db.status().code() == ErrorCode::kIOError);
}

}  // namespace
}  // namespace dynarock::testing
