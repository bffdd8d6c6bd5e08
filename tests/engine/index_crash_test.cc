// Crash consistency of indexes (issue 8): a child process
// (index_crash_child.cc) writes to a table with two GSIs and an LSI until
// the test kills it with SIGKILL after a random number of acknowledged
// writes; after each reopen the consistency checker must accept every
// index, and every acknowledged write must be there.
#include <random>

#include "engine/crash_child_runner.h"
#include "index_engine_util.h"

#ifndef DYNAROCK_INDEX_CRASH_CHILD
#define DYNAROCK_INDEX_CRASH_CHILD DYNAROCK_BINARY_DIR "/tests/index_crash_child"
#endif

namespace dynarock::testing {
namespace {

TEST_CASE("indexes stay exact across kill -9 under a write load") {
  TempDir dir;
  {
    auto db = OpenDb(dir.path());
    CreateTableRequest r = TableRequest("crash", ScalarAttributeType::kS, ScalarAttributeType::kN);
    r.attribute_definitions.push_back({"g", ScalarAttributeType::kS});
    r.attribute_definitions.push_back({"gs", ScalarAttributeType::kN});
    r.attribute_definitions.push_back({"h", ScalarAttributeType::kN});
    r.attribute_definitions.push_back({"ls", ScalarAttributeType::kS});
    r.global_secondary_indexes = std::vector<GlobalSecondaryIndex>{
        MakeGsi("byg", {{"g", KeyType::kHash}, {"gs", KeyType::kRange}}),
        MakeGsi("byh", {{"h", KeyType::kHash}}, ProjectionType::kKeysOnly)};
    r.local_secondary_indexes = std::vector<LocalSecondaryIndex>{MakeLsi("byls", "ls")};
    REQUIRE(db->CreateTable(r).ok());
  }
  std::mt19937 rng(8);
  for (int round = 0; round < 3; ++round) {
    const int64_t acknowledged =
        RunAndKill(DYNAROCK_INDEX_CRASH_CHILD, dir.path(), std::uniform_int_distribution<int64_t>(200, 1500)(rng));
    INFO("round " << round << ", " << acknowledged << " writes acknowledged");
    auto db = OpenDb(dir.path());
    RequireIndexesExact(*db, "crash");
    // The last acknowledged write is durable (the WAL is on).
    const int n = static_cast<int>(acknowledged % 300);
    auto item = Get(*db, "crash", Item{{"pk", S("p" + std::to_string(n % 13))},
                                       {"sk", N(std::to_string(n))}});
    if (acknowledged % 9 == 0) {
      CHECK(!item.has_value());
    } else {
      REQUIRE(item.has_value());
      CHECK(item->at("gs").n().ToString() == std::to_string(acknowledged));
    }
  }
}

}  // namespace
}  // namespace dynarock::testing
