#include "server/flags.h"

#include <charconv>

namespace dynarock::server {
namespace {

Status ParseInt(const std::string& flag, const std::string& text, long min, long max, long* out) {
  long v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size() || v < min || v > max) {
    return Status::Validation(flag + " expects an integer in [" + std::to_string(min) + ", " +
                              std::to_string(max) + "], got '" + text + "'");
  }
  *out = v;
  return Status::OK();
}

}  // namespace

std::string FlagsHelp() {
  return "Usage: dynarock-server [flags]\n"
         "Serves the DynamoDB API (JSON protocol over HTTP/1.1) from a dynarock database.\n"
         "\n"
         "  --host ADDR          address to listen on (default 127.0.0.1)\n"
         "  --port N             port (default 8000; 0 lets the OS pick one)\n"
         "  --data-dir DIR       database directory (default ./data)\n"
         "  --in-memory          keep everything in memory; --data-dir is ignored\n"
         "  --threads N          connection threads (default: the number of cores)\n"
         "  --no-write-lane      run item writes on the connections' threads instead\n"
         "                       of one dedicated write thread (see docs/server.md)\n"
         "  --credentials FILE   accept only these access keys, with valid SigV4\n"
         "                       signatures; lines \"ACCESS_KEY_ID SECRET_KEY\"\n"
         "                       (default: any credentials are accepted)\n"
         "  --help               print this help\n"
         "\n"
         "Prints \"dynarock-server listening on HOST:PORT\" once it accepts requests.\n"
         "SIGINT or SIGTERM stops it cleanly.\n";
}

Result<ServerFlags> ParseFlags(const std::vector<std::string>& args) {
  ServerFlags flags;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string name = args[i];
    std::string value;
    bool has_value = false;
    if (size_t eq = name.find('='); name.starts_with("--") && eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      has_value = true;
    }
    auto take_value = [&]() -> Status {
      if (has_value) return Status::OK();
      if (i + 1 >= args.size()) return Status::Validation(name + " needs a value");
      value = args[++i];
      return Status::OK();
    };
    auto no_value = [&]() -> Status {
      return has_value ? Status::Validation(name + " takes no value") : Status::OK();
    };
    if (name == "--help" || name == "-h") {
      RETURN_IF_ERROR(no_value());
      flags.help = true;
    } else if (name == "--in-memory") {
      RETURN_IF_ERROR(no_value());
      flags.in_memory = true;
    } else if (name == "--no-write-lane") {
      RETURN_IF_ERROR(no_value());
      flags.write_lane = false;
    } else if (name == "--host") {
      RETURN_IF_ERROR(take_value());
      if (value.empty()) return Status::Validation("--host needs a non-empty value");
      flags.host = value;
    } else if (name == "--port") {
      RETURN_IF_ERROR(take_value());
      long v = 0;
      RETURN_IF_ERROR(ParseInt(name, value, 0, 65535, &v));
      flags.port = static_cast<uint16_t>(v);
    } else if (name == "--data-dir") {
      RETURN_IF_ERROR(take_value());
      if (value.empty()) return Status::Validation("--data-dir needs a non-empty value");
      flags.data_dir = value;
    } else if (name == "--threads") {
      RETURN_IF_ERROR(take_value());
      long v = 0;
      RETURN_IF_ERROR(ParseInt(name, value, 1, 1024, &v));
      flags.threads = static_cast<int>(v);
    } else if (name == "--credentials") {
      RETURN_IF_ERROR(take_value());
      if (value.empty()) return Status::Validation("--credentials needs a file name");
      flags.credentials_file = value;
    } else {
      return Status::Validation("unknown argument '" + args[i] + "' (see --help)");
    }
  }
  return flags;
}

}  // namespace dynarock::server
