// Database: DynamoDB's API, in-process, on RocksDB.
//
// One Database owns one RocksDB database (a data directory, or memory).
// Every operation takes a typed request (requests.h) and returns a typed
// result or a Status naming the DynamoDB error (status.h). No operation
// throws.
//
// Thread-safety: a Database is safe to share between threads; every method
// may be called concurrently. Writes to one item serialise on a per-key lock,
// so concurrent conditional writes never lose an update.
//
// Ownership: Open returns the only owner. Destroying it closes RocksDB after
// background work has stopped; the WAL makes every acknowledged write durable
// across a process crash (Options::sync_writes for power loss).
#pragma once

#include <memory>
#include <string_view>

#include "dynarock/options.h"
#include "dynarock/requests.h"
#include "dynarock/status.h"

namespace dynarock {

class Database {
 public:
  // Opens (and with create_if_missing creates) the database at path.
  // Returns IOError if the directory cannot be used, Corruption if the
  // stored catalog cannot be read.
  static Result<std::unique_ptr<Database>> Open(const Options& options,
                                                std::string_view path);

  virtual ~Database() = default;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Tables. Errors: ValidationException (bad names, key schema, definitions,
  // throughput), ResourceInUseException (table exists, or is being changed),
  // ResourceNotFoundException (no such table), LimitExceededException.
  virtual Result<CreateTableResult> CreateTable(const CreateTableRequest& request) = 0;
  virtual Result<DescribeTableResult> DescribeTable(const DescribeTableRequest& request) = 0;
  virtual Result<ListTablesResult> ListTables(const ListTablesRequest& request) = 0;
  virtual Result<DeleteTableResult> DeleteTable(const DeleteTableRequest& request) = 0;
  virtual Result<UpdateTableResult> UpdateTable(const UpdateTableRequest& request) = 0;
  virtual Result<UpdateTimeToLiveResult> UpdateTimeToLive(const UpdateTimeToLiveRequest& request) = 0;
  virtual Result<DescribeTimeToLiveResult> DescribeTimeToLive(const DescribeTimeToLiveRequest& request) = 0;
  virtual Status TagResource(const TagResourceRequest& request) = 0;
  virtual Status UntagResource(const UntagResourceRequest& request) = 0;
  virtual Result<ListTagsOfResourceResult> ListTagsOfResource(const ListTagsOfResourceRequest& request) = 0;

  // Items. Errors: ValidationException (bad key, bad item, bad expression,
  // limits), ResourceNotFoundException, ConditionalCheckFailedException
  // (with the old item as payload when ReturnValuesOnConditionCheckFailure
  // is ALL_OLD), ItemCollectionSizeLimitExceededException.
  virtual Result<PutItemResult> PutItem(const PutItemRequest& request) = 0;
  virtual Result<GetItemResult> GetItem(const GetItemRequest& request) = 0;
  virtual Result<DeleteItemResult> DeleteItem(const DeleteItemRequest& request) = 0;
  virtual Result<UpdateItemResult> UpdateItem(const UpdateItemRequest& request) = 0;

  // Reads of many items: one page (at most 1 MB read, at most Limit items).
  virtual Result<QueryResult> Query(const QueryRequest& request) = 0;
  virtual Result<ScanResult> Scan(const ScanRequest& request) = 0;

  // Batches: each request atomic on its own, the batch as a whole not.
  virtual Result<BatchGetItemResult> BatchGetItem(const BatchGetItemRequest& request) = 0;
  virtual Result<BatchWriteItemResult> BatchWriteItem(const BatchWriteItemRequest& request) = 0;

  // Transactions: all or nothing. Errors: TransactionCanceledException with
  // one CancellationReason per action, IdempotentParameterMismatchException.
  virtual Result<TransactWriteItemsResult> TransactWriteItems(const TransactWriteItemsRequest& request) = 0;
  virtual Result<TransactGetItemsResult> TransactGetItems(const TransactGetItemsRequest& request) = 0;

 protected:
  Database() = default;
};

}  // namespace dynarock
