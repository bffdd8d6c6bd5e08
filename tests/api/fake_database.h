// A Database that records the typed request it receives and answers with a
// result the test sets. It isolates the JSON mapping (parse the request,
// write the result) from the engine; engine-backed tests live in
// json_api_engine_test.cc.
#pragma once

#include <optional>
#include <variant>

#include "dynarock/database.h"

namespace dynarock::testing {

class FakeDatabase : public Database {
 public:
  FakeDatabase() = default;

  // What the next call returns (a result of the right type, or an error).
  Status error;  // when not OK, every call returns it
  CreateTableResult create_table;
  DescribeTableResult describe_table;
  ListTablesResult list_tables;
  DeleteTableResult delete_table;
  UpdateTableResult update_table;
  UpdateTimeToLiveResult update_ttl;
  DescribeTimeToLiveResult describe_ttl;
  ListTagsOfResourceResult list_tags;
  PutItemResult put_item;
  GetItemResult get_item;
  DeleteItemResult delete_item;
  UpdateItemResult update_item;
  QueryResult query;
  ScanResult scan;
  BatchGetItemResult batch_get;
  BatchWriteItemResult batch_write;
  TransactWriteItemsResult transact_write;
  TransactGetItemsResult transact_get;

  // The last request of each kind.
  std::optional<CreateTableRequest> last_create_table;
  std::optional<DescribeTableRequest> last_describe_table;
  std::optional<ListTablesRequest> last_list_tables;
  std::optional<DeleteTableRequest> last_delete_table;
  std::optional<UpdateTableRequest> last_update_table;
  std::optional<UpdateTimeToLiveRequest> last_update_ttl;
  std::optional<DescribeTimeToLiveRequest> last_describe_ttl;
  std::optional<TagResourceRequest> last_tag;
  std::optional<UntagResourceRequest> last_untag;
  std::optional<ListTagsOfResourceRequest> last_list_tags;
  std::optional<PutItemRequest> last_put_item;
  std::optional<GetItemRequest> last_get_item;
  std::optional<DeleteItemRequest> last_delete_item;
  std::optional<UpdateItemRequest> last_update_item;
  std::optional<QueryRequest> last_query;
  std::optional<ScanRequest> last_scan;
  std::optional<BatchGetItemRequest> last_batch_get;
  std::optional<BatchWriteItemRequest> last_batch_write;
  std::optional<TransactWriteItemsRequest> last_transact_write;
  std::optional<TransactGetItemsRequest> last_transact_get;
  int calls = 0;

#define FAKE_OP(Name, Res, last, result)              \
  Result<Res> Name(const Name##Request& r) override { \
    ++calls;                                          \
    last = r;                                         \
    if (!error.ok()) return error;                    \
    return result;                                    \
  }
  FAKE_OP(CreateTable, CreateTableResult, last_create_table, create_table)
  FAKE_OP(DescribeTable, DescribeTableResult, last_describe_table, describe_table)
  FAKE_OP(ListTables, ListTablesResult, last_list_tables, list_tables)
  FAKE_OP(DeleteTable, DeleteTableResult, last_delete_table, delete_table)
  FAKE_OP(UpdateTable, UpdateTableResult, last_update_table, update_table)
  FAKE_OP(UpdateTimeToLive, UpdateTimeToLiveResult, last_update_ttl, update_ttl)
  FAKE_OP(DescribeTimeToLive, DescribeTimeToLiveResult, last_describe_ttl, describe_ttl)
  FAKE_OP(ListTagsOfResource, ListTagsOfResourceResult, last_list_tags, list_tags)
  FAKE_OP(PutItem, PutItemResult, last_put_item, put_item)
  FAKE_OP(GetItem, GetItemResult, last_get_item, get_item)
  FAKE_OP(DeleteItem, DeleteItemResult, last_delete_item, delete_item)
  FAKE_OP(UpdateItem, UpdateItemResult, last_update_item, update_item)
  FAKE_OP(Query, QueryResult, last_query, query)
  FAKE_OP(Scan, ScanResult, last_scan, scan)
  FAKE_OP(BatchGetItem, BatchGetItemResult, last_batch_get, batch_get)
  FAKE_OP(BatchWriteItem, BatchWriteItemResult, last_batch_write, batch_write)
  FAKE_OP(TransactWriteItems, TransactWriteItemsResult, last_transact_write, transact_write)
  FAKE_OP(TransactGetItems, TransactGetItemsResult, last_transact_get, transact_get)
#undef FAKE_OP

  Status TagResource(const TagResourceRequest& r) override {
    ++calls;
    last_tag = r;
    return error;
  }
  Status UntagResource(const UntagResourceRequest& r) override {
    ++calls;
    last_untag = r;
    return error;
  }
};

}  // namespace dynarock::testing
