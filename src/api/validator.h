// Request validation against DynamoDB's API model (shapes.inc, generated from
// botocore's service-2.json by gen_shapes.py).
//
// DynamoDB checks a request in two steps before any operation logic:
// deserialisation (a member of the wrong JSON kind is a SerializationException,
// reported at once) and model constraints (missing required members, enum
// values, lengths, ranges), all collected into one ValidationException:
//   "2 validation errors detected: Value null at 'tableName' failed to satisfy
//    constraint: Member must not be null; Value '0' at 'limit' ..."
// Attribute values are left to value_json.cc, which applies DynamoDB's own
// rules for them.
//
// Thread-safety: stateless.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "dynarock/status.h"

namespace dynarock::api {

// Input shape of an operation, or -1 when the operation is not in the model
// table; `known` tells whether it is there at all.
struct OperationShape {
  bool known = false;
  int shape = -1;
};
OperationShape FindOperationShape(std::string_view operation);

// Walks body (a JSON object) against the shape. Returns a SerializationException
// for the first member of the wrong kind; appends constraint violations (at
// most 10, as DynamoDB lists) to *errors in DynamoDB's words.
Status CheckShape(int shape, const nlohmann::json& body, std::vector<std::string>* errors);

// The aggregated ValidationException for the collected errors.
// REQUIRES: !errors.empty()
Status ValidationErrors(const std::vector<std::string>& errors);

}  // namespace dynarock::api
