// DynamoDB JSON request bodies -> the typed requests of requests.h.
//
// Each Parse* reads the members the operation defines and ignores the rest.
// It runs after validator.cc has checked the body against the model, yet
// never assumes that: a member of the wrong kind is skipped here (the
// validator has reported it), so a parser never throws or crashes. Errors it
// does return come from attribute values (value_json.h).
//
// Thread-safety: free functions.
#pragma once

#include <nlohmann/json.hpp>

#include "dynarock/requests.h"
#include "dynarock/status.h"

namespace dynarock::api {

using nlohmann::json;

Status ParseCreateTable(const json& j, CreateTableRequest* r);
Status ParseDescribeTable(const json& j, DescribeTableRequest* r);
Status ParseListTables(const json& j, ListTablesRequest* r);
Status ParseDeleteTable(const json& j, DeleteTableRequest* r);
Status ParseUpdateTable(const json& j, UpdateTableRequest* r);
Status ParseUpdateTimeToLive(const json& j, UpdateTimeToLiveRequest* r);
Status ParseDescribeTimeToLive(const json& j, DescribeTimeToLiveRequest* r);
Status ParseTagResource(const json& j, TagResourceRequest* r);
Status ParseUntagResource(const json& j, UntagResourceRequest* r);
Status ParseListTagsOfResource(const json& j, ListTagsOfResourceRequest* r);
Status ParsePutItem(const json& j, PutItemRequest* r);
Status ParseGetItem(const json& j, GetItemRequest* r);
Status ParseDeleteItem(const json& j, DeleteItemRequest* r);
Status ParseUpdateItem(const json& j, UpdateItemRequest* r);
Status ParseQuery(const json& j, QueryRequest* r);
Status ParseScan(const json& j, ScanRequest* r);
Status ParseBatchGetItem(const json& j, BatchGetItemRequest* r);
Status ParseBatchWriteItem(const json& j, BatchWriteItemRequest* r);
Status ParseTransactWriteItems(const json& j, TransactWriteItemsRequest* r);
Status ParseTransactGetItems(const json& j, TransactGetItemsRequest* r);

}  // namespace dynarock::api
