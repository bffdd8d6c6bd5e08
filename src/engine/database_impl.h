// DatabaseImpl: the Database of database.h on the Store.
//
// One file per family of operations: table_ops.cc (tables, TTL, tags),
// item_ops.cc (PutItem, GetItem, DeleteItem, and the operations later
// issues fill in), query_scan.cc (Query, Scan). Every item write goes
// through the WritePipeline (write_pipeline.h).
//
// Thread-safety: every public method may be called concurrently. Table
// metadata lives in tables_ (guarded by tables_mu_, readers share it);
// catalog changes serialise on ddl_mu_.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>

#include "dynarock/database.h"
#include "engine/idempotency.h"
#include "engine/index_backfill.h"
#include "engine/index_checker.h"
#include "engine/key_locks.h"
#include "engine/table.h"
#include "engine/write_pipeline.h"
#include "storage/store.h"

namespace dynarock::engine {

struct ReadPlan;  // read_plan.h

class DatabaseImpl final : public Database {
 public:
  static Result<std::unique_ptr<Database>> Open(const Options& options, std::string_view path);
  ~DatabaseImpl() override;

  Result<CreateTableResult> CreateTable(const CreateTableRequest& request) override;
  Result<DescribeTableResult> DescribeTable(const DescribeTableRequest& request) override;
  Result<ListTablesResult> ListTables(const ListTablesRequest& request) override;
  Result<DeleteTableResult> DeleteTable(const DeleteTableRequest& request) override;
  Result<UpdateTableResult> UpdateTable(const UpdateTableRequest& request) override;
  Result<UpdateTimeToLiveResult> UpdateTimeToLive(const UpdateTimeToLiveRequest& request) override;
  Result<DescribeTimeToLiveResult> DescribeTimeToLive(const DescribeTimeToLiveRequest& request) override;
  Status TagResource(const TagResourceRequest& request) override;
  Status UntagResource(const UntagResourceRequest& request) override;
  Result<ListTagsOfResourceResult> ListTagsOfResource(const ListTagsOfResourceRequest& request) override;

  Result<PutItemResult> PutItem(const PutItemRequest& request) override;
  Result<GetItemResult> GetItem(const GetItemRequest& request) override;
  Result<DeleteItemResult> DeleteItem(const DeleteItemRequest& request) override;
  Result<UpdateItemResult> UpdateItem(const UpdateItemRequest& request) override;

  Result<QueryResult> Query(const QueryRequest& request) override;
  Result<ScanResult> Scan(const ScanRequest& request) override;

  Result<BatchGetItemResult> BatchGetItem(const BatchGetItemRequest& request) override;
  Result<BatchWriteItemResult> BatchWriteItem(const BatchWriteItemRequest& request) override;
  Result<TransactWriteItemsResult> TransactWriteItems(const TransactWriteItemsRequest& request) override;
  Result<TransactGetItemsResult> TransactGetItems(const TransactGetItemsRequest& request) override;

  // For the operations of later issues (batches, transactions, indexes).
  storage::Store& store() { return *store_; }
  WritePipeline& pipeline() { return pipeline_; }

  // The table, or ResourceNotFoundException. with_name adds DynamoDB's
  // ": Table: <name> not found" suffix (table operations use it; item
  // operations say only "Requested resource not found").
  Result<TableRef> FindTable(std::string_view name, bool with_name = false) const;

  // Secondary indexes (issue 8; index_ops.cc, index_ddl.cc).
  // Checks that every index of the table is exact (index_checker.h).
  // ResourceNotFoundException if there is no such table.
  Result<IndexCheckReport> CheckIndexes(std::string_view table);
  // Blocks until no index backfill is queued or running.
  void WaitForBackfills();
  IndexBackfiller* index_backfiller() { return backfiller_.get(); }
  KeyLocks& key_locks() { return locks_; }
  // The backfill's view of a table's CREATING index; nullopt if gone.
  std::optional<BackfillTarget> BackfillTargetFor(const std::string& table,
                                                  const std::string& index);

 private:
  DatabaseImpl(Options options, std::unique_ptr<storage::Store> store);
  Status LoadTables();
  // indexes: the holder of an earlier version of the table (null: new).
  TableRef MakeTable(storage::TableMeta meta, storage::ColumnFamilyRef cf,
                     std::shared_ptr<IndexHolder> indexes = nullptr) const;
  // The table description as DescribeTable reports it (status, counts, ARNs).
  TableDescription Describe(const Table& table, TableStatus status) const;
  // Persists meta (catalog) and publishes the new Table. REQUIRES: ddl_mu_ held.
  Status ReplaceMeta(const TableRef& old, storage::TableMeta meta);
  // Resolves a table ARN of this database (tagging).
  Result<TableRef> FindTableByArn(std::string_view arn) const;
  std::string TableArn(std::string_view name) const;

  // Issue 8 (index_ops.cc, index_ddl.cc).
  Result<QueryResult> QueryOnIndex(const QueryRequest& r);
  // plan: Scan's, compiled by CompileScanPlan (read_plan.h) as for tables.
  Result<ScanResult> ScanOnIndex(const ScanRequest& r, const TableRef& table, const ReadPlan& plan);
  // REQUIRES: ddl_mu_ held.
  Result<UpdateTableResult> UpdateTableIndexes(const UpdateTableRequest& r, const TableRef& table);
  // Starts the backfill worker and resumes the backfills of CREATING GSIs.
  void StartIndexBackfills();
  void FinishBackfill(const std::string& table, const std::string& index);

  const Options options_;
  std::unique_ptr<storage::Store> store_;
  KeyLocks locks_;
  WritePipeline pipeline_;
  // TransactWriteItems ClientRequestToken window (issue 5; in memory).
  IdempotencyCache idempotency_;

  std::mutex ddl_mu_;  // serialises catalog changes; taken before tables_mu_
  uint64_t next_generation_ = 1;  // GUARDED_BY(ddl_mu_)

  mutable std::shared_mutex tables_mu_;
  std::map<std::string, TableRef, std::less<>> tables_;  // GUARDED_BY(tables_mu_)

  // Index backfills (issue 8). Declared last: stopped first.
  std::unique_ptr<IndexBackfiller> backfiller_;
};

}  // namespace dynarock::engine
