// The two date formats of the wire, written without the C library's
// locale-dependent functions: SigV4's ISO-8601 basic format
// ("20261126T101500Z", X-Amz-Date and the signature-expiry messages) and
// HTTP's IMF-fixdate ("Thu, 26 Nov 2026 10:15:00 GMT", the Date header).
//
// Thread-safety: stateless.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace dynarock::server {

// "YYYYMMDD'T'HHMMSS'Z'" (the only form SigV4 signs), or nullopt.
std::optional<std::chrono::sys_seconds> ParseAmzDate(std::string_view text);
// The inverse of ParseAmzDate (years 0..9999).
std::string FormatAmzDate(std::chrono::sys_seconds time);

// RFC 7231 IMF-fixdate of `time`: exactly kHttpDateSize characters.
inline constexpr size_t kHttpDateSize = 29;
void FormatHttpDate(std::chrono::sys_seconds time, char (&out)[kHttpDateSize]);

}  // namespace dynarock::server
