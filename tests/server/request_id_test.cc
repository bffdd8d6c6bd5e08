#include "server/request_id.h"

#include <catch2/catch.hpp>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

namespace dynarock::server {
namespace {

TEST_CASE("request ids have DynamoDB's shape", "[request_id]") {
  std::string id = NewRequestId();
  REQUIRE(id.size() == 52);
  for (char c : id) REQUIRE(((c >= '0' && c <= '9') || (c >= 'A' && c <= 'V')));
}

TEST_CASE("request ids are unique across threads", "[request_id]") {
  std::set<std::string> ids;
  std::mutex mu;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      std::vector<std::string> mine;
      for (int i = 0; i < 5000; ++i) mine.push_back(NewRequestId());
      std::lock_guard lock(mu);
      ids.insert(mine.begin(), mine.end());
    });
  }
  for (auto& t : threads) t.join();
  REQUIRE(ids.size() == 20000);
}

}  // namespace
}  // namespace dynarock::server
