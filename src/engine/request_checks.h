// Checks shared by the item operations: the one place per operation where
// expression parameters are turned away until issue 3 integrates the
// expression language, AttributesToGet, and consumed capacity.
//
// Thread-safety: free functions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dynarock/requests.h"
#include "dynarock/status.h"

namespace dynarock::engine {

// "ExpressionAttributeNames can only be specified when using expressions"
// and the same for values, when the request carries no expression.
Status CheckExpressionMapsUnused(bool uses_expression,
                                 const std::optional<ExpressionAttributeNames>& names,
                                 const std::optional<ExpressionAttributeValues>& values);

// AttributesToGet: non-empty, no duplicates (DynamoDB's messages).
Status ValidateAttributesToGet(const std::optional<std::vector<std::string>>& attributes);

// Keeps only the named top-level attributes.
Item ProjectAttributes(const Item& item, const std::vector<std::string>& attributes);

// Capacity units as DynamoDB counts them: writes 1 per KB (at least 1),
// reads 1 per 4 KB (at least 1), halved for eventually consistent reads.
double WriteUnits(int64_t item_bytes);
double ReadUnits(int64_t bytes, bool consistent);
std::optional<ConsumedCapacity> MakeConsumed(ReturnConsumedCapacity mode, const std::string& table,
                                             double units, bool is_read);

}  // namespace dynarock::engine
