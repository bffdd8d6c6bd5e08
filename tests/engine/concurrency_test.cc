// Many threads doing PutItem/GetItem/DeleteItem on one Database, and
// table operations beside them: no lost writes, no torn items, no crash.
#include <atomic>
#include <thread>

#include "engine/engine_test_util.h"

namespace dynarock::testing {
namespace {

constexpr auto kS = ScalarAttributeType::kS;
constexpr auto kN = ScalarAttributeType::kN;

TEST_CASE("Concurrent put/get/delete on one Database") {
  TempDir dir;
  auto db = OpenDb(dir.path());
  MakeTable(*db, "conc", kS, kN);
  constexpr int kThreads = 8;
  constexpr int kOps = 400;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kOps; ++i) {
        // Own items: written, read back, some deleted.
        Item item{{"pk", S("t" + std::to_string(t))}, {"sk", N(std::to_string(i))},
                  {"payload", S(std::string(50 + i % 100, 'a' + t))}};
        PutItemRequest put;
        put.table_name = "conc";
        put.item = item;
        if (!db->PutItem(put).ok()) ++failures;
        GetItemRequest get;
        get.table_name = "conc";
        get.key = {{"pk", item.at("pk")}, {"sk", item.at("sk")}};
        auto got = db->GetItem(get);
        if (!got.ok() || !got->item || !(*got->item == item)) ++failures;
        if (i % 4 == 0) {
          DeleteItemRequest del;
          del.table_name = "conc";
          del.key = get.key;
          del.return_values = ReturnValues::kAllOld;
          auto d = db->DeleteItem(del);
          if (!d.ok() || !d->attributes || !(*d->attributes == item)) ++failures;
        }
        // A shared hot item: every write is whole, never torn.
        PutItemRequest hot;
        hot.table_name = "conc";
        hot.item = {{"pk", S("hot")}, {"sk", N("0")}, {"by", N(std::to_string(t))},
                    {"copy", N(std::to_string(t))}};
        hot.return_values = ReturnValues::kAllOld;
        auto h = db->PutItem(hot);
        if (!h.ok()) ++failures;
        if (h.ok() && h->attributes && !(h->attributes->at("by") == h->attributes->at("copy"))) {
          ++failures;
        }
      }
    });
  }
  // Table operations run beside the item traffic.
  std::thread ddl([&] {
    for (int i = 0; i < 20; ++i) {
      std::string name = "side" + std::to_string(i);
      if (!db->CreateTable(TableRequest(name, kS, std::nullopt)).ok()) ++failures;
      if (!db->DescribeTable({name}).ok()) ++failures;
      if (!db->ListTables({}).ok()) ++failures;
      if (!db->DeleteTable({name}).ok()) ++failures;
    }
  });
  for (auto& th : threads) th.join();
  ddl.join();
  REQUIRE(failures.load() == 0);

  ScanRequest scan;
  scan.table_name = "conc";
  scan.select = Select::kCount;
  int total = 0;
  do {
    auto page = db->Scan(scan);
    REQUIRE(page.ok());
    total += page->count;
    scan.exclusive_start_key = page->last_evaluated_key;
  } while (scan.exclusive_start_key);
  REQUIRE(total == kThreads * (kOps - kOps / 4) + 1);
}

TEST_CASE("Concurrent writers to one item serialise through the key lock") {
  auto db = OpenMemDb();
  MakeTable(*db, "onekey", kS, std::nullopt);
  Put(*db, "onekey", {{"pk", S("k")}, {"v", N("0")}});
  // Every writer swaps in its own value and reads back the previous one:
  // each previous value is seen exactly once, so no write was lost.
  constexpr int kThreads = 6, kOps = 300;
  std::vector<std::vector<int>> previous(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kOps; ++i) {
        PutItemRequest put;
        put.table_name = "onekey";
        put.item = {{"pk", S("k")}, {"v", N(std::to_string(1 + t * kOps + i))}};
        put.return_values = ReturnValues::kAllOld;
        auto r = db->PutItem(put);
        REQUIRE(r.ok());
        previous[t].push_back(std::stoi(r->attributes->at("v").n().ToString()));
      }
    });
  }
  for (auto& th : threads) th.join();
  std::vector<int> all;
  for (auto& p : previous) all.insert(all.end(), p.begin(), p.end());
  auto final_item = Get(*db, "onekey", {{"pk", S("k")}});
  all.push_back(std::stoi(final_item->at("v").n().ToString()));
  std::sort(all.begin(), all.end());
  REQUIRE(all.size() == kThreads * kOps + 1);
  for (size_t i = 0; i < all.size(); ++i) REQUIRE(all[i] == static_cast<int>(i));
}

}  // namespace
}  // namespace dynarock::testing

namespace dynarock::testing {
namespace {

TEST_CASE("Writes racing DeleteTable either succeed or find no table") {
  auto db = OpenMemDb();
  for (int round = 0; round < 5; ++round) {
    MakeTable(*db, "racy", ScalarAttributeType::kS, std::nullopt);
    std::atomic<bool> stop{false};
    std::atomic<int> bad{0};
    std::vector<std::thread> writers;
    for (int t = 0; t < 3; ++t) {
      writers.emplace_back([&, t] {
        for (int i = 0; !stop.load(); ++i) {
          PutItemRequest put;
          put.table_name = "racy";
          put.item = {{"pk", S(std::to_string(t) + "-" + std::to_string(i))}};
          // OK (landed before the drop, then discarded with the table) or
          // ResourceNotFound (the table was gone): nothing else.
          auto r = db->PutItem(put);
          if (!r.ok() && r.status().code() != ErrorCode::kResourceNotFound) ++bad;
          if (!r.ok()) break;
        }
      });
    }
    REQUIRE(db->DeleteTable({"racy"}).ok());
    stop = true;
    for (auto& w : writers) w.join();
    REQUIRE(bad.load() == 0);
  }
  // Created again after all that: empty.
  MakeTable(*db, "racy", ScalarAttributeType::kS, std::nullopt);
  ScanRequest scan;
  scan.table_name = "racy";
  REQUIRE(db->Scan(scan)->count == 0);
}

}  // namespace
}  // namespace dynarock::testing
