// Helpers shared by the files of src/value/ (not part of the public API).
#pragma once

#include <string>
#include <string_view>

namespace dynarock::value_internal {

// Standard base64 with padding (as DynamoDB prints binary values).
void AppendBase64(std::string_view bytes, std::string* out);

// A JSON string literal (quotes included); UTF-8 passes through.
void AppendJsonString(std::string_view s, std::string* out);

}  // namespace dynarock::value_internal
