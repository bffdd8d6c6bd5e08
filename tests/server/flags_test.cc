#include "server/flags.h"

#include <catch2/catch.hpp>

namespace dynarock::server {
namespace {

TEST_CASE("flags have the documented defaults", "[flags]") {
  ServerFlags f = ParseFlags({}).value();
  REQUIRE(f.host == "127.0.0.1");
  REQUIRE(f.port == 8000);
  REQUIRE(f.data_dir == "./data");
  REQUIRE_FALSE(f.in_memory);
  REQUIRE(f.threads == 0);
  REQUIRE(f.write_lane);
  REQUIRE(f.credentials_file.empty());
  REQUIRE_FALSE(f.help);
}

TEST_CASE("flags parse both spellings", "[flags]") {
  ServerFlags f = ParseFlags({"--host", "0.0.0.0", "--port=0", "--data-dir", "/tmp/d", "--in-memory",
                              "--threads=3", "--credentials", "creds.txt", "--no-write-lane"})
                      .value();
  REQUIRE(f.host == "0.0.0.0");
  REQUIRE(f.port == 0);
  REQUIRE(f.data_dir == "/tmp/d");
  REQUIRE(f.in_memory);
  REQUIRE(f.threads == 3);
  REQUIRE_FALSE(f.write_lane);
  REQUIRE(f.credentials_file == "creds.txt");
  REQUIRE(ParseFlags({"--help"}).value().help);
}

TEST_CASE("bad flags are refused with a reason", "[flags]") {
  for (std::vector<std::string> args : std::vector<std::vector<std::string>>{
           {"--port", "65536"}, {"--port", "-1"}, {"--port", "80x"}, {"--port"}, {"--threads", "0"},
           {"--bogus"}, {"--in-memory=yes"}, {"--no-write-lane=1"}, {"--host="}, {"positional"}}) {
    Result<ServerFlags> r = ParseFlags(args);
    REQUIRE_FALSE(r.ok());
    REQUIRE(r.status().code() == ErrorCode::kValidation);
    REQUIRE_FALSE(r.status().message().empty());
  }
}

}  // namespace
}  // namespace dynarock::server
