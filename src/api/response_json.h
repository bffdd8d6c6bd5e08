// Typed results of requests.h -> DynamoDB JSON response bodies.
//
// Shapes follow the API reference: absent optionals are omitted, numbers of
// items in their normal form, dates as epoch seconds.
//
// Thread-safety: free functions.
#pragma once

#include "api/json_writer.h"
#include "dynarock/requests.h"

namespace dynarock::api {

void WriteTableDescription(JsonWriter& w, const TableDescription& t);

void WriteCreateTable(JsonWriter& w, const CreateTableResult& r);
void WriteDescribeTable(JsonWriter& w, const DescribeTableResult& r);
void WriteListTables(JsonWriter& w, const ListTablesResult& r);
void WriteDeleteTable(JsonWriter& w, const DeleteTableResult& r);
void WriteUpdateTable(JsonWriter& w, const UpdateTableResult& r);
void WriteUpdateTimeToLive(JsonWriter& w, const UpdateTimeToLiveResult& r);
void WriteDescribeTimeToLive(JsonWriter& w, const DescribeTimeToLiveResult& r);
void WriteListTagsOfResource(JsonWriter& w, const ListTagsOfResourceResult& r);
void WritePutItem(JsonWriter& w, const PutItemResult& r);
void WriteGetItem(JsonWriter& w, const GetItemResult& r);
void WriteDeleteItem(JsonWriter& w, const DeleteItemResult& r);
void WriteUpdateItem(JsonWriter& w, const UpdateItemResult& r);
// Also Scan. count_only: Select=COUNT, whose answer has no "Items".
void WriteQuery(JsonWriter& w, const QueryResult& r, bool count_only);
void WriteBatchGetItem(JsonWriter& w, const BatchGetItemResult& r);
void WriteBatchWriteItem(JsonWriter& w, const BatchWriteItemResult& r);
void WriteTransactWriteItems(JsonWriter& w, const TransactWriteItemsResult& r);
void WriteTransactGetItems(JsonWriter& w, const TransactGetItemsResult& r);

}  // namespace dynarock::api
