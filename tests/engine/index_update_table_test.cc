// UpdateTable GlobalSecondaryIndexUpdates: a GSI added to a populated
// table is backfilled (CREATING + Backfilling, then ACTIVE) beside
// concurrent writes and across a restart; Delete and Update.
#include <thread>

#include "engine/index_backfill.h"
#include "index_engine_util.h"

namespace dynarock::testing {
namespace {

// An on-demand table without indexes, as in the developer guide's Music
// walk-through, with n items of which every 4th lacks "genre".
void Populate(Database& db, int n) {
  CreateTableRequest r = TableRequest("music", ScalarAttributeType::kS, ScalarAttributeType::kN);
  r.provisioned_throughput.reset();
  r.billing_mode = BillingMode::kPayPerRequest;
  REQUIRE(db.CreateTable(r).ok());
  for (int i = 0; i < n; ++i) {
    Item item{{"pk", S("artist" + std::to_string(i % 17))}, {"sk", N(std::to_string(i))}};
    if (i % 4 != 0) item["genre"] = S("genre" + std::to_string(i % 3));
    Put(db, "music", item);
  }
}

UpdateTableRequest AddGenreIndex() {
  UpdateTableRequest u;
  u.table_name = "music";
  u.attribute_definitions = std::vector<AttributeDefinition>{{"genre", ScalarAttributeType::kS},
                                                             {"sk", ScalarAttributeType::kN}};
  GlobalSecondaryIndexUpdate c;
  c.create.emplace();
  c.create->index = MakeGsi("bygenre", {{"genre", KeyType::kHash}, {"sk", KeyType::kRange}});
  c.create->index.provisioned_throughput.reset();  // on-demand table
  u.global_secondary_index_updates = std::vector<GlobalSecondaryIndexUpdate>{c};
  return u;
}

int32_t GenreCount(Database& db, const std::string& genre) {
  auto q = db.Query(IndexQuery("music", "bygenre", {{"genre", Eq(S(genre))}}));
  INFO(q.status().ToString());
  REQUIRE(q.ok());
  return q->count;
}

TEST_CASE("UpdateTable adds a GSI to a populated table: CREATING, then ACTIVE") {
  auto db = OpenMemDb();
  Populate(*db, 600);
  Impl(*db).index_backfiller()->SetPaused(true);
  auto u = db->UpdateTable(AddGenreIndex());
  INFO(u.status().ToString());
  REQUIRE(u.ok());
  REQUIRE(u->table_description.global_secondary_indexes.size() == 1);
  const auto& g = u->table_description.global_secondary_indexes[0];
  CHECK(g.index_status == IndexStatus::kCreating);
  CHECK(g.backfilling == true);
  REQUIRE_ERROR(db->Query(IndexQuery("music", "bygenre", {{"genre", Eq(S("genre1"))}})),
                ErrorCode::kValidation, "Cannot read from backfilling global secondary index: bygenre");
  // One online index creation at a time.
  REQUIRE_ERROR(db->UpdateTable(AddGenreIndex()), ErrorCode::kLimitExceeded,
                "Subscriber limit exceeded: Only 1 online index can be created or deleted "
                "simultaneously per table");
  Impl(*db).index_backfiller()->SetPaused(false);
  Impl(*db).WaitForBackfills();
  REQUIRE_ERROR(db->UpdateTable(AddGenreIndex()), ErrorCode::kValidation,
                "Attempting to create an index which already exists");
  auto d = db->DescribeTable({"music"});
  REQUIRE(d.ok());
  CHECK(d->table.global_secondary_indexes[0].index_status == IndexStatus::kActive);
  CHECK(!d->table.global_secondary_indexes[0].backfilling.has_value());
  CHECK(GenreCount(*db, "genre0") + GenreCount(*db, "genre1") + GenreCount(*db, "genre2") == 450);
  RequireIndexesExact(*db, "music");
}

TEST_CASE("writes during a backfill are neither lost nor doubled") {
  auto db = OpenMemDb();
  Populate(*db, 3000);
  REQUIRE(db->UpdateTable(AddGenreIndex()).ok());
  std::vector<std::thread> writers;
  std::atomic<int> failures{0};
  for (int w = 0; w < 3; ++w) {
    writers.emplace_back([&, w] {
      for (int i = 0; i < 400; ++i) {
        const int n = (i * 37 + w * 101) % 3300;
        Item item{{"pk", S("artist" + std::to_string(n % 17))}, {"sk", N(std::to_string(n))}};
        if ((i + w) % 3 != 0) item["genre"] = S("new" + std::to_string(w));
        if (i % 7 == 0) {
          DeleteItemRequest d;
          d.table_name = "music";
          d.key = item;
          d.key.erase("genre");
          if (!db->DeleteItem(d).ok()) ++failures;
        } else {
          PutItemRequest p;
          p.table_name = "music";
          p.item = item;
          if (!db->PutItem(p).ok()) ++failures;
        }
      }
    });
  }
  for (auto& w : writers) w.join();
  Impl(*db).WaitForBackfills();
  CHECK(failures == 0);
  RequireIndexesExact(*db, "music");
}

TEST_CASE("a backfill interrupted by a restart resumes, and reports CREATING meanwhile") {
  TempDir dir;
  {
    auto db = OpenDb(dir.path());
    Populate(*db, 500);
    Impl(*db).index_backfiller()->SetPaused(true);
    REQUIRE(db->UpdateTable(AddGenreIndex()).ok());
    // Two chunks by hand, then the process "stops".
    auto target = Impl(*db).BackfillTargetFor("music", "bygenre");
    REQUIRE(target.has_value());
    for (int i = 0; i < 2; ++i) {
      auto r = engine::BackfillChunk(&Impl(*db).store(), &Impl(*db).key_locks(), *target, 50);
      REQUIRE(r.ok());
      REQUIRE(!r->done);
    }
  }
  Options o;
  auto reopened = Database::Open(o, dir.path());
  REQUIRE(reopened.ok());
  auto db = std::move(reopened).value();
  Impl(*db).WaitForBackfills();
  auto d = db->DescribeTable({"music"});
  REQUIRE(d.ok());
  CHECK(d->table.global_secondary_indexes[0].index_status == IndexStatus::kActive);
  RequireIndexesExact(*db, "music");
  CHECK(GenreCount(*db, "genre0") + GenreCount(*db, "genre1") + GenreCount(*db, "genre2") == 375);
}

TEST_CASE("UpdateTable deletes and updates a GSI") {
  auto db = OpenMemDb();
  REQUIRE(db->CreateTable(IndexedTableRequest()).ok());
  Put(*db, "tbl", Item{{"pk", S("p")}, {"sk", N("1")}, {"g", S("G")}, {"gs", N("1")}});
  UpdateTableRequest del;
  del.table_name = "tbl";
  GlobalSecondaryIndexUpdate d;
  d.del = GlobalSecondaryIndexUpdate::Delete{"byg"};
  del.global_secondary_index_updates = std::vector<GlobalSecondaryIndexUpdate>{d};
  auto r = db->UpdateTable(del);
  INFO(r.status().ToString());
  REQUIRE(r.ok());
  bool deleting = false;
  for (const auto& g : r->table_description.global_secondary_indexes) {
    if (g.index_name == "byg") deleting = g.index_status == IndexStatus::kDeleting;
  }
  CHECK(deleting);
  auto desc = db->DescribeTable({"tbl"});
  REQUIRE(desc.ok());
  CHECK(desc->table.global_secondary_indexes.size() == 2);
  REQUIRE_ERROR(db->Query(IndexQuery("tbl", "byg", {{"g", Eq(S("G"))}})), ErrorCode::kValidation,
                "The table does not have the specified index: byg");
  // "gs" is no longer a key of anything: its definition went with the index.
  for (const auto& a : desc->table.attribute_definitions) CHECK(a.attribute_name != "gs");

  UpdateTableRequest upd;
  upd.table_name = "tbl";
  GlobalSecondaryIndexUpdate u;
  u.update = GlobalSecondaryIndexUpdate::Update{"keys", ProvisionedThroughput{7, 9}, {}};
  upd.global_secondary_index_updates = std::vector<GlobalSecondaryIndexUpdate>{u};
  REQUIRE(db->UpdateTable(upd).ok());
  desc = db->DescribeTable({"tbl"});
  REQUIRE(desc.ok());
  CHECK(desc->table.global_secondary_indexes[0].index_name == "keys");
  CHECK(desc->table.global_secondary_indexes[0].provisioned_throughput.read_capacity_units == 7);
  CHECK(desc->table.global_secondary_indexes[0].provisioned_throughput.write_capacity_units == 9);
  RequireIndexesExact(*db, "tbl");
}

}  // namespace
}  // namespace dynarock::testing
