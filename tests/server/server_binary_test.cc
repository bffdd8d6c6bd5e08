// The dynarock-server executable: flags, the listening line, a real engine
// behind it, and a clean stop on SIGTERM that keeps the data on disk.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "server/encoding.h"
#include "server/sigv4.h"
#include "server/test_client.h"
#include "server/timestamps.h"

namespace dynarock::server {
namespace {

using testing::Client;
using testing::Request;

// A dynarock-server child process with its stdout on a pipe. The
// destructor kills it if the test did not stop it.
class ServerProcess {
 public:
  explicit ServerProcess(std::vector<std::string> args) {
    int out[2];
    REQUIRE(pipe(out) == 0);
    pid_ = fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      dup2(out[1], STDOUT_FILENO);
      close(out[0]);
      close(out[1]);
      std::vector<char*> argv;
      std::string binary = DYNAROCK_SERVER_BINARY;
      argv.push_back(binary.data());
      for (std::string& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(binary.c_str(), argv.data());
      _exit(127);
    }
    close(out[1]);
    out_fd_ = out[0];
  }
  ~ServerProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    if (out_fd_ >= 0) close(out_fd_);
  }

  // Reads stdout until EOF or 30 s pass.
  std::string ReadLine() {
    std::string line;
    char c;
    while (line.empty() || line.back() != '\n') {
      pollfd p{out_fd_, POLLIN, 0};
      if (poll(&p, 1, 30000) <= 0) break;
      if (read(out_fd_, &c, 1) != 1) break;
      line.push_back(c);
    }
    return line;
  }

  // Reads the listening line and returns the port (0 if it never came).
  uint16_t WaitListening() {
    std::string line = ReadLine();
    const std::string prefix = "dynarock-server listening on 127.0.0.1:";
    if (!line.starts_with(prefix)) return 0;
    return static_cast<uint16_t>(std::stoi(line.substr(prefix.size())));
  }

  // Sends sig and returns the exit status (-1 if it did not exit normally).
  int StopWith(int sig) {
    kill(pid_, sig);
    return Wait();
  }
  int Wait() {
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

 private:
  pid_t pid_ = -1;
  int out_fd_ = -1;
};

std::filesystem::path TempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "dynarock-server-test-XXXXXX").string();
  REQUIRE(mkdtemp(tmpl.data()) != nullptr);
  return tmpl;
}

constexpr const char* kCreateTable =
    R"({"TableName":"things","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],)"
    R"("AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"BillingMode":"PAY_PER_REQUEST"})";

TEST_CASE("dynarock-server --help and bad flags", "[binary]") {
  ServerProcess help({"--help"});
  REQUIRE(help.ReadLine().starts_with("Usage: dynarock-server"));
  REQUIRE(help.Wait() == 0);
  ServerProcess bad({"--port", "nope"});
  REQUIRE(bad.Wait() == 1);
}

TEST_CASE("dynarock-server keeps data across SIGTERM and restart", "[binary]") {
  std::filesystem::path dir = TempDir();
  {
    ServerProcess server({"--port", "0", "--data-dir", dir.string(), "--threads", "2"});
    uint16_t port = server.WaitListening();
    REQUIRE(port != 0);
    Client c(port);
    auto created = c.RoundTrip(Request("CreateTable", kCreateTable));
    REQUIRE(created.result_int() == 200);
    for (int i = 0; i < 50; ++i) {
      auto put = c.RoundTrip(Request(
          "PutItem", R"({"TableName":"things","Item":{"pk":{"S":"k)" + std::to_string(i) + R"("},"n":{"N":")" +
                         std::to_string(i) + R"("}}})"));
      REQUIRE(put.result_int() == 200);
      REQUIRE(std::string(put["x-amz-crc32"]) == std::to_string(Crc32(put.body())));
    }
    REQUIRE(server.StopWith(SIGTERM) == 0);
  }
  {
    ServerProcess server({"--port", "0", "--data-dir", dir.string()});
    uint16_t port = server.WaitListening();
    REQUIRE(port != 0);
    Client c(port);
    for (int i : {0, 17, 49}) {
      auto got = c.RoundTrip(
          Request("GetItem", R"({"TableName":"things","Key":{"pk":{"S":"k)" + std::to_string(i) + R"("}}})"));
      REQUIRE(got.result_int() == 200);
      auto item = nlohmann::json::parse(got.body());
      REQUIRE(item["Item"]["n"]["N"] == std::to_string(i));
    }
    REQUIRE(server.StopWith(SIGINT) == 0);
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("dynarock-server --in-memory serves and answers DynamoDB errors", "[binary]") {
  ServerProcess server({"--port", "0", "--in-memory"});
  uint16_t port = server.WaitListening();
  REQUIRE(port != 0);
  Client c(port);
  auto missing = c.RoundTrip(Request("GetItem", R"({"TableName":"nope","Key":{"pk":{"S":"a"}}})"));
  REQUIRE(missing.result_int() == 400);
  REQUIRE(nlohmann::json::parse(missing.body())["__type"] ==
          "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException");
  auto unknown = c.RoundTrip(Request("NoSuchOperation", "{}"));
  REQUIRE(unknown.result_int() == 400);
  REQUIRE(nlohmann::json::parse(unknown.body())["__type"].get<std::string>().ends_with("UnknownOperationException"));
  REQUIRE(server.StopWith(SIGTERM) == 0);
}

TEST_CASE("dynarock-server --credentials refuses unknown keys", "[binary]") {
  std::filesystem::path dir = TempDir();
  {
    FILE* f = fopen((dir / "creds").c_str(), "w");
    REQUIRE(f);
    fputs("# test keys\nAKIDDYNAROCKTEST dynarock/secret+key/EXAMPLE\n", f);
    fclose(f);
  }
  ServerProcess server({"--port", "0", "--in-memory", "--credentials", (dir / "creds").string()});
  uint16_t port = server.WaitListening();
  REQUIRE(port != 0);
  Client c(port);
  // Signed with key "AKID", dated now: a request dated outside the server's
  // 15 minute window would be refused as expired before its key is looked at.
  std::string now = FormatAmzDate(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
  std::string request = Request("ListTables", "{}");
  for (auto [from, to] : {std::pair<std::string, std::string>{"20240102T030405Z", now},
                          {"AKID/20240102/", "AKID/" + now.substr(0, 8) + "/"}}) {
    size_t at = request.find(from);
    REQUIRE(at != std::string::npos);
    request.replace(at, from.size(), to);
  }
  auto res = c.RoundTrip(request);
  REQUIRE(res.result_int() == 400);
  REQUIRE(nlohmann::json::parse(res.body())["__type"] == "com.amazon.coral.service#UnrecognizedClientException");
  REQUIRE(server.StopWith(SIGTERM) == 0);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace dynarock::server
