// Runs a crash-test child program (txn_crash_child, index_crash_child) and
// kills it with SIGKILL mid-load. The child prints the number of each write
// it has acknowledged, one per line, on stdout.
#pragma once

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <vector>

extern char** environ;

namespace dynarock::testing {

// Runs `program dir` until it has acknowledged at least `target` writes,
// kills it, and returns the highest write it acknowledged.
inline int64_t RunAndKill(std::string program, const std::string& dir, int64_t target) {
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, fds[0]);
  posix_spawn_file_actions_addclose(&actions, fds[1]);
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
    if (n <= 0) break;  // the child died (killed, or failed)
    pending.append(buf, static_cast<size_t>(n));
    size_t nl;
    while ((nl = pending.find('\n')) != std::string::npos) {
      acknowledged = std::stoll(pending.substr(0, nl));
      pending.erase(0, nl + 1);
    }
    if (!killed && acknowledged >= target) {
      // Wherever the child is now - inside a write, inside the WAL append,
      // between writes - is where it crashes.
      REQUIRE(kill(pid, SIGKILL) == 0);
      killed = true;
    }
  }
  close(fds[0]);
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  INFO("the child must die of SIGKILL, not fail on its own (see its stderr)");
  REQUIRE(killed);
  REQUIRE(WIFSIGNALED(status));
  REQUIRE(WTERMSIG(status) == SIGKILL);
  return acknowledged;
}

}  // namespace dynarock::testing
