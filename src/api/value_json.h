// DynamoDB JSON for attribute values: {"S": ...}, {"N": "..."}, {"B": base64},
// {"BOOL": ..}, {"NULL": true}, {"M": {..}}, {"L": [..]}, {"SS"|"NS"|"BS": [..]}.
//
// Reading reports DynamoDB's errors: a JSON value of the wrong kind is a
// SerializationException worded as DynamoDB words it ("NUMBER_VALUE cannot be
// converted to String"); a value with no type or two types is a
// ValidationException. Set rules (non-empty, no duplicates) and the nesting
// limit are the engine's (ValidateValue), not checked here.
//
// Thread-safety: free functions over caller-owned data.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "api/json_writer.h"
#include "dynarock/status.h"
#include "dynarock/value.h"

namespace dynarock::api {

// Parses one attribute value. REQUIRES: out != nullptr.
Status ParseAttributeValue(const nlohmann::json& j, AttributeValue* out);

// Parses a map of attribute values (an Item, a Key, ExpressionAttributeValues).
// The caller has checked that j is an object.
Status ParseAttributeMap(const nlohmann::json& j, Item* out);

// Writes v / an item as DynamoDB JSON.
void WriteAttributeValue(JsonWriter& w, const AttributeValue& v);
void WriteItem(JsonWriter& w, const Item& item);

// Standard base64 with padding (RFC 4648 section 4).
std::string Base64Encode(std::string_view bytes);
// Strict decoding: length a multiple of 4, only the alphabet, padding only
// at the end, no stray bits. Returns SerializationException otherwise.
Status Base64Decode(std::string_view text, std::string* out);

// SerializationException text for a JSON value of the wrong kind where a
// scalar of java_type ("String", "Boolean", "Integer", "Long") is expected.
std::string ScalarTypeMismatch(const nlohmann::json& j, std::string_view java_type);

}  // namespace dynarock::api
