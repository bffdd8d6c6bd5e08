// Command-line flags of dynarock-server.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "dynarock/status.h"

namespace dynarock::server {

struct ServerFlags {
  std::string host = "127.0.0.1";
  uint16_t port = 8000;  // 0 = let the OS pick
  std::string data_dir = "./data";
  bool in_memory = false;
  int threads = 0;  // 0 = HttpServerOptions' default
  bool write_lane = true;  // item writes on one dedicated thread
  std::string credentials_file;  // empty = accept any credentials
  bool help = false;
};

// Parses argv[1..]: "--name value" or "--name=value". Returns the flags, or
// Validation naming the bad argument.
Result<ServerFlags> ParseFlags(const std::vector<std::string>& args);

// The --help text.
std::string FlagsHelp();

}  // namespace dynarock::server
