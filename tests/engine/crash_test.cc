// Crash atomicity of TransactWriteItems (issue 5): a child process
// (txn_crash_child.cc) runs transactions on an on-disk database; the test
// kills it with SIGKILL after a random number of acknowledged transactions
// - wherever it happens to be, every point is a valid crash point - then
// reopens the database and checks that every transaction is applied whole
// or not at all, and that every acknowledged one is there.
#include <random>

#include "engine/crash_child_runner.h"
#include "engine/engine_test_util.h"

#ifndef DYNAROCK_TXN_CRASH_CHILD
#define DYNAROCK_TXN_CRASH_CHILD DYNAROCK_BINARY_DIR "/tests/txn_crash_child"
#endif

namespace dynarock::testing {
namespace {

Item Key(const std::string& pk) { return Item{{"pk", S(pk)}}; }

int64_t IntOf(const Item& item, const std::string& name) { return std::stoll(item.at(name).n().ToString()); }

// The invariants txn_crash_child.cc documents. Returns the counter.
int64_t CheckAllOrNothing(Database& db) {
  auto counter = Get(db, "crash", Key("counter"));
  REQUIRE(counter.has_value());
  const int64_t c = IntOf(*counter, "n");
  for (int64_t t = 1; t <= c + 3; ++t) {
    const std::string ts = std::to_string(t);
    INFO("transaction " << t << " of " << c);
    for (int i = 0; i < 3; ++i) {
      auto item = Get(db, "crash", Key("tx#" + ts + "#" + std::to_string(i)));
      const bool expected = t <= c && (i != 1 || t > c - 50);
      REQUIRE(item.has_value() == expected);
      if (expected) REQUIRE(IntOf(*item, "txid") == t);
    }
  }
  int64_t hits = 0;
  int64_t newest = 0;
  for (int slot = 0; slot < 5; ++slot) {
    auto item = Get(db, "crash", Key("slot#" + std::to_string(slot)));
    if (!item) continue;
    hits += IntOf(*item, "hits");
    newest = std::max(newest, IntOf(*item, "last"));
  }
  REQUIRE(hits == 2 * c);
  REQUIRE(newest == c);
  // Nothing else in the table: counter, slots, and the items above.
  ScanRequest scan;
  scan.table_name = "crash";
  int64_t total = 0;
  for (;;) {
    auto page = db.Scan(scan);
    REQUIRE(page.ok());
    total += page->count;
    if (!page->last_evaluated_key) break;
    scan.exclusive_start_key = page->last_evaluated_key;
  }
  const int64_t slots = c == 0 ? 0 : (c == 1 ? 2 : (c == 2 ? 4 : 5));
  const int64_t deleted = c > 50 ? c - 50 : 0;
  REQUIRE(total == 1 + slots + 3 * c - deleted);
  return c;
}

}  // namespace

TEST_CASE("kill -9 during a transaction load leaves every transaction whole or absent", "[transact][crash]") {
  TempDir dir;
  {
    auto db = OpenDb(dir.path());
    MakeTable(*db, "crash", ScalarAttributeType::kS, std::nullopt);
  }
  std::mt19937 rng(std::random_device{}());
  int64_t previous = 0;
  for (int round = 0; round < 5; ++round) {
    INFO("round " << round);
    const int64_t target = previous + 20 + static_cast<int64_t>(rng() % 60);
    const int64_t acknowledged = RunAndKill(DYNAROCK_TXN_CRASH_CHILD, dir.path(), target);
    REQUIRE(acknowledged >= target);
    auto db = OpenDb(dir.path());
    const int64_t c = CheckAllOrNothing(*db);
    // The WAL is written before a commit returns: a process crash loses
    // nothing acknowledged. At most the one in flight may also be there.
    REQUIRE(c >= acknowledged);
    REQUIRE(c <= acknowledged + 1);
    previous = c;
  }
}

}  // namespace dynarock::testing
