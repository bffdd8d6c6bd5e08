// Validation of secondary index declarations, with DynamoDB's messages:
// CreateTable's GlobalSecondaryIndexes and LocalSecondaryIndexes, and
// UpdateTable's GlobalSecondaryIndexUpdates.
//
// Limits: 20 GSIs, 5 LSIs, 100 NonKeyAttributes across all indexes; a GSI
// key has 1..4 HASH and 0..4 RANGE attributes (DynamoDB's multi-attribute
// keys), HASH before RANGE; an LSI key is the table's partition key plus
// one RANGE attribute, on a table with a sort key.
//
// Thread-safety: free functions.
#pragma once

#include "dynarock/requests.h"
#include "dynarock/status.h"
#include "engine/validation.h"

namespace dynarock::engine {

inline constexpr size_t kMaxGlobalSecondaryIndexes = 20;
inline constexpr size_t kMaxLocalSecondaryIndexes = 5;
inline constexpr size_t kMaxProjectedNonKeyAttributes = 100;
inline constexpr size_t kMaxIndexHashAttributes = 4;
inline constexpr size_t kMaxIndexRangeAttributes = 4;

// The field constraints of the index members of CreateTable (index names,
// key schema lengths, NonKeyAttributes length, GSI throughput >= 1), added
// to the request's other constraint errors ("N validation errors
// detected: Value ... at 'globalSecondaryIndexes.1.member.indexName' ...").
void AddIndexConstraintErrors(const CreateTableRequest& r, ConstraintErrors* errors);

// The rules CreateTable applies to its indexes once the table's own key
// schema passed: every index rule, the index limits, and the attribute
// definition rules that indexes change ("Some AttributeDefinitions are not
// used ..."; without indexes: "Number of attributes in KeySchema does not
// exactly match ..."). REQUIRES: the table key schema is valid and defined.
Status ValidateCreateTableIndexes(const CreateTableRequest& r);

// The rules of UpdateTable's GlobalSecondaryIndexUpdates against the
// current table: one action per update object, one update per index, at
// most one Create or Delete per call (LimitExceededException), existing /
// missing indexes, key definitions (from the request's AttributeDefinitions
// and the table's), throughput as the billing mode requires, the 20-GSI
// limit. creating_or_deleting: an index of the table is still being
// created or deleted (another create/delete must wait).
Status ValidateGsiUpdates(const UpdateTableRequest& r, const TableDescription& table,
                          bool creating_or_deleting);

// The definitions an UpdateTable Create uses: the table's, plus those the
// request adds. Returns ValidationException if a key attribute of the new
// index has no definition.
Result<std::vector<AttributeDefinition>> MergedDefinitions(const UpdateTableRequest& r,
                                                           const TableDescription& table);

}  // namespace dynarock::engine
