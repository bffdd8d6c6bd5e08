#include "engine/index_query.h"

#include "codec/index_key.h"
#include "codec/item_codec.h"
#include "codec/key_codec.h"
#include "engine/read_plan.h"
#include "engine/request_checks.h"
#include "engine/validation.h"

namespace dynarock::engine {
namespace {

// DynamoDB stops a page once it has read 1 MB.
constexpr int64_t kMaxPageBytes = 1024 * 1024;

// Smallest string greater than every string starting with prefix. Index
// keys never end in a run of 0xff at a prefix boundary (the partition
// prefix ends in a varint length byte < 0x80 followed by delimited
// components ending 00 01), so one always exists for the prefixes here.
std::string PrefixEnd(std::string prefix) {
  while (!prefix.empty() && static_cast<uint8_t>(prefix.back()) == 0xff) prefix.pop_back();
  if (!prefix.empty()) prefix.back() = static_cast<char>(static_cast<uint8_t>(prefix.back()) + 1);
  return prefix;
}

std::string Component(const AttributeValue& v) {
  std::string out;
  codec::AppendIndexComponent(v, &out);
  return out;
}

Status TypeMismatch() {
  return Status::Validation(
      "One or more parameter values were invalid: Condition parameter type does not match schema "
      "type");
}

Status InvalidStartKey(std::string_view why) {
  return Status::Validation("The provided starting key is invalid: " + std::string(why));
}

// ExclusiveStartKey of an index read: exactly the table's key attributes
// and the index's, with their types and DynamoDB's key value rules.
Status ValidateIndexStartKey(const Table& table, const IndexSchema& index, const Item& esk) {
  constexpr std::string_view kMismatch = "The provided key element does not match the schema";
  size_t want = 0;
  auto check = [&](const std::string& name, ScalarAttributeType type, bool partition) -> Status {
    auto it = esk.find(name);
    if (it == esk.end() || !HasScalarType(it->second, type)) return InvalidStartKey(kMismatch);
    Status s = table.key.CheckKeyValue(name, it->second, partition);
    if (!s.ok()) return InvalidStartKey(s.message());
    ++want;
    return Status::OK();
  };
  RETURN_IF_ERROR(check(table.key.partition_name(), table.key.partition_type(), true));
  if (table.key.has_sort_key()) {
    RETURN_IF_ERROR(check(table.key.sort_name(), table.key.sort_type(), false));
  }
  for (const auto& a : index.partition()) {
    if (table.key.IsKeyAttribute(a.name)) continue;
    RETURN_IF_ERROR(check(a.name, a.type, true));
  }
  for (const auto& a : index.sort()) {
    if (table.key.IsKeyAttribute(a.name)) continue;
    RETURN_IF_ERROR(check(a.name, a.type, false));
  }
  if (esk.size() != want) return InvalidStartKey(kMismatch);
  return Status::OK();
}

void ApplyStartKey(const std::string& key, bool forward, storage::KeyRange* range) {
  if (forward) {
    std::string after = key;
    after.push_back('\0');
    if (after > range->lower) range->lower = std::move(after);
  } else if (!range->has_upper || key < range->upper) {
    range->upper = key;
    range->has_upper = true;
  }
}

struct PageSpec {
  bool forward = true;
  int32_t limit = 0;  // 0: none
  bool count_only = false;
  bool fetch_from_table = false;  // LSI: read the whole item from the table
};

Status ReadIndexPage(const storage::Store& store, const Table& table, const IndexSchema& index,
                     storage::KeyRange range, const PageSpec& spec, const IndexReadExpressions& ex,
                     QueryResult* out, int64_t* bytes_read) {
  auto snapshot = store.GetSnapshot();
  auto it = store.NewIterator(*index.cf, std::move(range), snapshot.get());
  if (spec.forward) {
    it->SeekToFirst();
  } else {
    it->SeekToLast();
  }
  int64_t bytes = 0;
  std::string item_key, base;
  for (; it->Valid(); spec.forward ? it->Next() : it->Prev()) {
    ASSIGN_OR_RETURN(Item item, codec::DecodeItem(it->value()));
    bytes += ItemSize(item);
    ++out->scanned_count;
    const bool stop = (spec.limit > 0 && out->scanned_count >= spec.limit) || bytes >= kMaxPageBytes;
    // As for tables: LastEvaluatedKey whenever the page stopped on Limit or
    // 1 MB, without looking ahead.
    if (stop) out->last_evaluated_key = index.ExtractKey(table.key, item);
    if (spec.fetch_from_table) {
      item_key.clear();
      table.key.EncodeKey(item, &item_key);
      ASSIGN_OR_RETURN(bool found, store.Get(*table.cf, item_key, &base, snapshot.get()));
      if (found) {
        ASSIGN_OR_RETURN(item, codec::DecodeItem(base));
      }
    }
    bool pass = true;
    if (ex.filter != nullptr) {
      ASSIGN_OR_RETURN(pass, ex.filter->Evaluate(&item));
    }
    if (pass) {
      ++out->count;
      if (!spec.count_only) {
        out->items.push_back(ex.projection != nullptr ? ex.projection->Apply(item) : std::move(item));
      }
    }
    if (stop) break;
  }
  *bytes_read = bytes;
  return it->status();
}

// An LSI whose projection is not ALL reads the table when the request needs
// attributes the index does not carry. A filter may name any attribute, so
// it always reads the table.
bool NeedsTable(const Table& table, const IndexSchema& index, std::optional<Select> select,
                const IndexReadExpressions& ex) {
  if (index.is_global() || index.projection_type() == ProjectionType::kAll) return false;
  if (select == Select::kAllAttributes || ex.filter != nullptr) return true;
  if (ex.projection != nullptr) {
    for (const auto& name : ex.projection->top_level_attributes()) {
      if (!index.Projects(name, table.key)) return true;
    }
  }
  return false;
}

}  // namespace

Result<const IndexSchema*> ResolveIndexForRead(const IndexList& indexes, std::string_view name,
                                               std::optional<bool> consistent_read,
                                               std::optional<Select> select) {
  const IndexSchema* index = FindIndex(indexes, name);
  if (index == nullptr || index->status == IndexStatus::kDeleting) {
    return Status::Validation("The table does not have the specified index: " + std::string(name));
  }
  if (index->is_global() && consistent_read.value_or(false)) {
    return Status::Validation("Consistent reads are not supported on global secondary indexes");
  }
  if (index->is_global() && select == Select::kAllAttributes &&
      index->projection_type() != ProjectionType::kAll) {
    return Status::Validation(
        "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported "
        "for global secondary index " + index->name() + " because its projection type is not ALL");
  }
  if (index->backfilling || index->status == IndexStatus::kCreating) {
    return Status::Validation("Cannot read from backfilling global secondary index: " +
                              index->name());
  }
  return index;
}

Result<QueryResult> QueryIndex(const storage::Store& store, const Table& table,
                               const IndexSchema& index, const QueryRequest& r,
                               const expr::KeyCondition& key, const IndexReadExpressions& ex) {
  ASSIGN_OR_RETURN(expr::KeyCondition::Matched m,
                   key.Match(index.partition_names(), index.sort_names()));
  // Types first (every value), then key value rules on the partition.
  for (size_t i = 0; i < m.partition.size(); ++i) {
    if (!HasScalarType(m.partition[i]->value, index.partition()[i].type)) return TypeMismatch();
  }
  for (size_t i = 0; i < m.sort.size(); ++i) {
    const ScalarAttributeType t = index.sort()[i].type;
    if (!HasScalarType(m.sort[i]->value, t)) return TypeMismatch();
    if (m.sort[i]->value2 && !HasScalarType(*m.sort[i]->value2, t)) return TypeMismatch();
    if (m.sort[i]->op == expr::KeyOperator::kBeginsWith && t == ScalarAttributeType::kN) {
      return Status::Validation("The attempted filter operation is not supported for the provided type");
    }
  }
  std::vector<const AttributeValue*> pvals;
  for (size_t i = 0; i < m.partition.size(); ++i) {
    RETURN_IF_ERROR(table.key.CheckKeyValue(index.partition()[i].name, m.partition[i]->value, true));
    pvals.push_back(&m.partition[i]->value);
  }
  std::string base;
  index.EncodePartitionPrefix(pvals, &base);
  storage::KeyRange range;
  range.has_upper = true;
  // Equality conditions extend the prefix; the last condition sets the range.
  size_t eq = m.sort.size();
  if (eq > 0 && m.sort.back()->op != expr::KeyOperator::kEq) --eq;
  for (size_t i = 0; i < eq; ++i) base += Component(m.sort[i]->value);
  range.lower = base;
  range.upper = PrefixEnd(base);
  if (eq < m.sort.size()) {
    const expr::KeyAttributeCondition& c = *m.sort.back();
    const std::string v = base + Component(c.value);
    switch (c.op) {
      case expr::KeyOperator::kLt: range.upper = v; break;
      case expr::KeyOperator::kLe: range.upper = PrefixEnd(v); break;
      case expr::KeyOperator::kGt: range.lower = PrefixEnd(v); break;
      case expr::KeyOperator::kGe: range.lower = v; break;
      case expr::KeyOperator::kBetween: {
        const std::string hi = base + Component(*c.value2);
        if (v > hi) {
          return Status::Validation(
              "Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be "
              "greater than or equal to lower bound; lower bound operand: AttributeValue: " +
              c.value.DebugString() + ", upper bound operand: AttributeValue: " +
              c.value2->DebugString());
        }
        range.lower = v;
        range.upper = PrefixEnd(hi);
        break;
      }
      case expr::KeyOperator::kBeginsWith: {
        // The escaped bytes of the prefix, without the terminator, start
        // exactly the components that begin with it (index_key_test.cc).
        range.lower = v.substr(0, v.size() - 2);
        range.upper = PrefixEnd(range.lower);
        break;
      }
      case expr::KeyOperator::kEq: break;
    }
  }
  PageSpec spec;
  spec.forward = r.scan_index_forward.value_or(true);
  spec.limit = r.limit.value_or(0);
  spec.count_only = r.select == Select::kCount;
  spec.fetch_from_table = NeedsTable(table, index, r.select, ex);
  if (r.exclusive_start_key) {
    RETURN_IF_ERROR(ValidateIndexStartKey(table, index, *r.exclusive_start_key));
    for (size_t i = 0; i < m.partition.size(); ++i) {
      if (!(r.exclusive_start_key->at(index.partition()[i].name) == m.partition[i]->value)) {
        return Status::Validation(
            "The provided starting key is outside query boundaries based on provided conditions");
      }
    }
    std::string start;
    index.EncodeEntryKey(table.key, *r.exclusive_start_key, &start);
    ApplyStartKey(start, spec.forward, &range);
  }
  QueryResult result;
  int64_t bytes = 0;
  if (range.lower < range.upper) {
    RETURN_IF_ERROR(ReadIndexPage(store, table, index, std::move(range), spec, ex, &result, &bytes));
  }
  if (r.return_consumed_capacity != ReturnConsumedCapacity::kNone) {
    result.consumed_capacity = MakeConsumed(r.return_consumed_capacity, r.table_name,
                                            ReadUnits(bytes, r.consistent_read.value_or(false)), true);
  }
  return result;
}

Result<ScanResult> ScanIndex(const storage::Store& store, const Table& table,
                             const IndexSchema& index, const ScanRequest& r,
                             const IndexReadExpressions& ex) {
  // The key "" is a backfill cursor, never an entry: start at "\0".
  storage::KeyRange range;
  range.lower.assign(1, '\0');
  if (r.total_segments && r.segment) {
    // Index entries lead with the same 64-bit hash as table keys.
    ApplyHashSegment(*r.segment, *r.total_segments, &range);
  }
  if (r.exclusive_start_key) {
    RETURN_IF_ERROR(ValidateIndexStartKey(table, index, *r.exclusive_start_key));
    std::string start;
    index.EncodeEntryKey(table.key, *r.exclusive_start_key, &start);
    ApplyStartKey(start, true, &range);
  }
  PageSpec spec;
  spec.limit = r.limit.value_or(0);
  spec.count_only = r.select == Select::kCount;
  spec.fetch_from_table = NeedsTable(table, index, r.select, ex);
  ScanResult result;
  int64_t bytes = 0;
  if (!range.has_upper || range.lower < range.upper) {
    RETURN_IF_ERROR(ReadIndexPage(store, table, index, std::move(range), spec, ex, &result, &bytes));
  }
  if (r.return_consumed_capacity != ReturnConsumedCapacity::kNone) {
    result.consumed_capacity = MakeConsumed(r.return_consumed_capacity, r.table_name,
                                            ReadUnits(bytes, r.consistent_read.value_or(false)), true);
  }
  return result;
}

}  // namespace dynarock::engine
