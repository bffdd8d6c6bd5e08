// Crash consistency of indexes (issue 8): a child process
// (index_crash_child.cc) writes to a table with two GSIs and an LSI until
// the test kills it with SIGKILL after a random number of acknowledged
// writes; after each reopen the consistency checker must accept every
// index, and every acknowledged write must be there.
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <random>

#include "index_engine_util.h"

extern char** environ;

#ifndef DYNAROCK_INDEX_CRASH_CHILD
#define DYNAROCK_INDEX_CRASH_CHILD DYNAROCK_BINARY_DIR "/tests/index_crash_child"
#endif

namespace dynarock::testing {
namespace {

int64_t RunAndKill(const std::string& dir, int64_t target) {
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, fds[0]);
  posix_spawn_file_actions_addclose(&actions, fds[1]);
  std::string program = DYNAROCK_INDEX_CRASH_CHILD;
  std::vector<char*> argv = {program.data(), const_cast<char*>(dir.c_str()), nullptr};
  pid_t pid = 0;
  int rc = posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(fds[1]);
  INFO("spawning " << program);
  REQUIRE(rc == 0);
  int64_t acknowledged = 0;
  std::string pending;
  bool killed = false;
  char buf[4096];
  for (;;) {
    ssize_t n = read(fds[0], buf, sizeof(buf));
    if (n <= 0) break;
    pending.append(buf, static_cast<size_t>(n));
    size_t nl;
    while ((nl = pending.find('\n')) != std::string::npos) {
      acknowledged = std::stoll(pending.substr(0, nl));
      pending.erase(0, nl + 1);
    }
    if (!killed && acknowledged >= target) {
      REQUIRE(kill(pid, SIGKILL) == 0);
      killed = true;
    }
  }
  close(fds[0]);
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  REQUIRE(killed);
  REQUIRE(WIFSIGNALED(status));
  return acknowledged;
}

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
        RunAndKill(dir.path(), std::uniform_int_distribution<int64_t>(200, 1500)(rng));
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
