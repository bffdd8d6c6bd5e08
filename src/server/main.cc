// dynarock-server: DynamoDB's wire protocol over a dynarock database.
//
// Opens the database, listens, prints "dynarock-server listening on
// HOST:PORT" (tests read the port from it), and serves until SIGINT or
// SIGTERM; then stops accepting, finishes the requests in progress and
// closes the database, so RocksDB flushes and closes cleanly.
#include <csignal>
#include <cstdio>
#include <string>
#include <vector>

#include "dynarock/database.h"
#include "dynarock/json_api.h"
#include "server/dynamo_protocol.h"
#include "server/flags.h"
#include "server/http_server.h"

namespace {

int Fail(const std::string& what) {
  std::fprintf(stderr, "dynarock-server: %s\n", what.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace dynarock;
  using namespace dynarock::server;

  // Blocked here, before any thread starts, so every thread inherits the
  // mask and only sigwait below sees the stop signals.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  // A client that goes away mid-write must not kill the process.
  std::signal(SIGPIPE, SIG_IGN);

  Result<ServerFlags> parsed = ParseFlags(std::vector<std::string>(argv + 1, argv + argc));
  if (!parsed.ok()) return Fail(parsed.status().message());
  const ServerFlags& flags = *parsed;
  if (flags.help) {
    std::fputs(FlagsHelp().c_str(), stdout);
    return 0;
  }

  std::optional<CredentialStore> credentials;
  if (!flags.credentials_file.empty()) {
    Result<CredentialStore> loaded = CredentialStore::Load(flags.credentials_file);
    if (!loaded.ok()) return Fail(loaded.status().message());
    credentials = std::move(loaded).value();
  }

  Options db_options;
  db_options.in_memory = flags.in_memory;
  db_options.low_priority_background = true;
  Result<std::unique_ptr<Database>> opened =
      Database::Open(db_options, flags.in_memory ? std::string("/dynarock-in-memory") : flags.data_dir);
  if (!opened.ok()) return Fail("cannot open database: " + opened.status().ToString());
  std::unique_ptr<Database> db = std::move(opened).value();
  auto api = std::make_unique<JsonApi>(db.get());

  ProtocolOptions protocol_options;
  protocol_options.region = db_options.region;
  protocol_options.credentials = credentials ? &*credentials : nullptr;
  DynamoProtocol protocol(protocol_options, [api = api.get()](std::string_view op, std::string_view body) {
    JsonApi::Response r = api->Handle(op, body);
    return OperationResult{r.http_status, std::move(r.body)};
  });

  HttpServerOptions server_options;
  server_options.host = flags.host;
  server_options.port = flags.port;
  server_options.threads = flags.threads;
  server_options.write_lane = flags.write_lane;
  Result<std::unique_ptr<HttpServer>> started = HttpServer::Start(server_options, &protocol);
  if (!started.ok()) return Fail(started.status().message());
  std::unique_ptr<HttpServer> server = std::move(started).value();

  std::printf("dynarock-server listening on %s:%u\n", server->host().c_str(), unsigned{server->port()});
  std::fflush(stdout);

  int signal = 0;
  sigwait(&stop_signals, &signal);
  std::fprintf(stderr, "dynarock-server: signal %d, stopping\n", signal);
  server->Stop();
  server.reset();
  api.reset();
  db.reset();  // closes RocksDB: memtables flushed, WAL synced
  return 0;
}
