// dynarock::expr — DynamoDB's expression language, as one facade.
//
// What it does: compiles the five expression kinds of one request
// (ConditionExpression, FilterExpression, KeyConditionExpression,
// UpdateExpression, ProjectionExpression) and the legacy parameters that mean
// the same things (Expected, QueryFilter/ScanFilter, KeyConditions,
// AttributeUpdates, AttributesToGet) into immutable compiled objects that the
// engine evaluates against items.
//
// How the engine uses it, per request:
//
//   expr::Compiler c(req.expression_attribute_names, req.expression_attribute_values);
//   ASSIGN_OR_RETURN(expr::Condition cond, c.CompileCondition(*req.condition_expression));
//   ASSIGN_OR_RETURN(expr::Update upd, c.CompileUpdate(*req.update_expression));
//   RETURN_IF_ERROR(c.Finish());    // unused names/values, names without expressions, ...
//   ...
//   ASSIGN_OR_RETURN(bool pass, cond.Evaluate(old_item.get()));   // null = no item
//   if (!pass) return Status::ConditionalCheckFailed();
//   Item new_item = key;                                          // used when no old item
//   RETURN_IF_ERROR(upd.Apply(old_item.get(), &new_item));
//   // reject key changes: upd.top_level_attributes() contains a key attribute
//
// Every error is a ValidationException with DynamoDB's message, e.g.
// "Invalid ConditionExpression: Syntax error; token: \"<\", near: \"a < <\"".
// Nothing throws; no input (deep nesting, 4 KB of garbage) recurses without
// bound: the parser limits nesting depth explicitly.
//
// Thread-safety: Compiler is single-threaded (one per request). Condition,
// Update, Projection and KeyCondition are immutable after compilation and may
// be evaluated from many threads at once; they are cheap to copy (shared
// immutable trees).
//
// Ownership: a Compiler keeps pointers to the names/values maps it is given;
// they must outlive it. Compiled objects own copies of everything they need.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "dynarock/requests.h"
#include "dynarock/status.h"
#include "dynarock/value.h"

namespace dynarock::expr {

// One step of a document path: a map key / attribute name, or a list index.
struct PathElement {
  std::string name;    // when !is_index()
  int64_t index = -1;  // >= 0 when this is a list index
  bool is_index() const { return index >= 0; }
  bool operator==(const PathElement&) const = default;
};
// A resolved document path; the first element is always a (top-level) name.
using Path = std::vector<PathElement>;
// "a.b[2].c"-style text of a path (for messages and debugging).
std::string PathToString(const Path& path);

namespace internal {
struct CondNode;
struct Operand;
struct UpdateProgram;
struct ProjectionNode;
struct Access;  // builds compiled objects inside src/expr
}  // namespace internal

// A compiled ConditionExpression, FilterExpression, Expected or
// QueryFilter/ScanFilter. A default-constructed Condition is "absent" and
// evaluates to true.
class Condition {
 public:
  Condition() = default;

  // Evaluates the condition on item (null = the item does not exist, which
  // behaves like an item with no attributes). Returns true/false. Type
  // mismatches and missing attributes make a comparison false rather than
  // an error, as in DynamoDB; the Result leaves room for evaluation-time
  // errors (none today). An empty Condition returns true.
  Result<bool> Evaluate(const Item* item) const;

  bool empty() const { return root_ == nullptr; }
  // Canonical text of the compiled condition with names/values resolved
  // (for tests and debugging).
  std::string DebugString() const;

  // Distinct top-level attribute names the condition reads (resolved, in
  // first-use order). Query uses it to reject filters on key attributes.
  // (condition_attributes.cc)
  std::vector<std::string> TopLevelAttributes() const;

 private:
  friend class Compiler;
  friend struct internal::Access;
  std::shared_ptr<const internal::CondNode> root_;
};

// Sort-key operators of a key condition.
enum class KeyOperator : uint8_t { kEq, kLt, kLe, kGt, kGe, kBetween, kBeginsWith };

// One attribute's condition inside a key condition.
struct KeyAttributeCondition {
  std::string attribute_name;          // resolved (no #)
  KeyOperator op = KeyOperator::kEq;
  AttributeValue value;                // resolved
  std::optional<AttributeValue> value2;  // upper bound of BETWEEN
};

// A compiled KeyConditionExpression or legacy KeyConditions: the conditions
// joined by AND, each on a distinct top-level attribute, in the order given.
// The engine matches them against a table's or an index's key schema with
// Match(), which applies DynamoDB's rules and messages.
struct KeyCondition {
  std::vector<KeyAttributeCondition> conditions;

  // The conditions ordered as the key schema: partition attributes (each
  // with kEq), then the sort attributes that are constrained (all kEq but
  // the last).
  struct Matched {
    std::vector<const KeyAttributeCondition*> partition;  // same size as partition_keys
    std::vector<const KeyAttributeCondition*> sort;       // prefix of sort_keys
  };
  // Matches against a key schema of up to 4 partition and 4 sort attributes
  // (one each for a table). Returns ValidationException with DynamoDB's
  // messages: "Query condition missed key schema element: pk",
  // "Query key condition not supported" (a non-equality on a partition
  // attribute, a condition on a non-key attribute, a gap in multi-attribute
  // sort keys, a non-equality before the last sort condition).
  // REQUIRES: the returned pointers live as long as *this.
  Result<Matched> Match(const std::vector<std::string>& partition_keys,
                        const std::vector<std::string>& sort_keys) const;
};

// Which attributes an update touched (for ReturnValues and key checks).
class Update {
 public:
  Update() = default;

  // Applies the update. If old_item is non-null, *new_item is first set to a
  // copy of it; otherwise *new_item must hold the item's key attributes (an
  // upsert; the key attributes are readable, e.g. "SET n = pk"). Every
  // operand is read from the item as it was on entry; then actions apply
  // (list-element SETs in index order, list-element REMOVEs last, so indexes
  // always mean the list as it was). On error *new_item is unspecified (the
  // engine discards it). Errors (ValidationException, DynamoDB's messages):
  //   "The provided expression refers to an attribute that does not exist in the item"
  //   "An operand in the update expression has an incorrect data type"
  //   "The document path provided in the update expression is invalid for update"
  //     (SET/ADD below a missing or wrong-typed parent; REMOVE likewise
  //      unless the item does not exist)
  //   number overflow from Number::Add/Subtract;
  //   legacy AttributeUpdates: "Type mismatch for attribute to update".
  // The engine still checks the resulting item (size, nesting depth) and
  // key attributes (top_level_attributes()).
  // An empty Update only copies old_item.
  Status Apply(const Item* old_item, Item* new_item) const;

  // Top-level attribute names any action writes or removes (the engine
  // rejects key attributes: "Cannot update attribute pk. This attribute is
  // part of the key").
  const std::set<std::string, std::less<>>& top_level_attributes() const;
  // Every path an action targets, resolved, in action order.
  const std::vector<Path>& paths() const;

  // ReturnValues UPDATED_OLD / UPDATED_NEW: the parts of item (the old or the
  // new item) under the updated paths, projected like a ProjectionExpression
  // (so "SET a.b = :v" returns {a: {b: ...}}; a removed attribute appears in
  // UPDATED_OLD only).
  Item UpdatedAttributes(const Item& item) const;

  bool empty() const { return program_ == nullptr; }
  std::string DebugString() const;

 private:
  friend class Compiler;
  friend struct internal::Access;
  std::shared_ptr<const internal::UpdateProgram> program_;
};

// A compiled ProjectionExpression or AttributesToGet.
class Projection {
 public:
  Projection() = default;

  // The item restricted to the projected paths: nested maps keep only the
  // projected keys; projected list elements are kept in list order and
  // packed, and paths that do not exist are left out. Empty maps/lists never
  // appear unless they were projected whole. A default-constructed
  // (absent) Projection returns the whole item.
  Item Apply(const Item& item) const;

  // Distinct top-level attribute names the projection reads, in first-use order.
  const std::vector<std::string>& top_level_attributes() const { return top_level_; }
  const std::vector<Path>& paths() const { return paths_; }
  bool empty() const { return paths_.empty(); }

 private:
  friend class Compiler;
  friend struct internal::Access;
  std::vector<Path> paths_;
  std::vector<std::string> top_level_;
  std::shared_ptr<const internal::ProjectionNode> tree_;
};

// Compiles the expressions of one request against its
// ExpressionAttributeNames / ExpressionAttributeValues.
class Compiler {
 public:
  // REQUIRES: names and values outlive the Compiler.
  Compiler(const std::optional<ExpressionAttributeNames>& names,
           const std::optional<ExpressionAttributeValues>& values);

  // Each returns the compiled expression, or ValidationException with
  // DynamoDB's message ("Invalid ConditionExpression: ..."): syntax errors,
  // reserved words, undefined #names/:values, limits (4 KB, 300 operators,
  // IN with 100 operands counting the left one, depth 32), redundant
  // parentheses, operand-type errors DynamoDB finds at parse time,
  // overlapping paths, and the map-level errors of the names/values maps
  // ("ExpressionAttributeValues must not be empty", "... contains invalid
  // key: Syntax error; key: \"v\"", "... contains invalid value: <reason>
  // for key :v"), which come first.
  // CompileKeyCondition additionally rejects what a key condition may not
  // contain ("Invalid operator used in KeyConditionExpression: OR", nested
  // paths, two conditions on one key).
  Result<Condition> CompileCondition(std::string_view text);    // ConditionExpression
  Result<Condition> CompileFilter(std::string_view text);       // FilterExpression
  Result<KeyCondition> CompileKeyCondition(std::string_view text);
  Result<Update> CompileUpdate(std::string_view text);
  Result<Projection> CompileProjection(std::string_view text);

  // Call after compiling every expression of the request. Returns
  // ValidationException for names/values supplied but unused
  // ("Value provided in ExpressionAttributeValues unused in expressions:
  // keys: {:v}"), for ExpressionAttributeNames/Values given with no
  // expression at all, and for empty maps / invalid names or values.
  Status Finish();

 private:
  Status CheckMaps();
  // kind is an internal::ExprKind (it selects the "Invalid <Kind>:" prefix).
  Status ResolvePath(const Path& in, Path* out, int kind);
  Status ResolveOperand(internal::Operand* op, int kind);
  Status ResolveCondition(internal::CondNode* node, int kind);
  Result<Condition> CompileConditionKind(std::string_view text, int kind);

  const std::optional<ExpressionAttributeNames>* names_;
  const std::optional<ExpressionAttributeValues>* values_;
  std::set<std::string, std::less<>> used_names_;
  std::set<std::string, std::less<>> used_values_;
  bool maps_checked_ = false;
  bool any_expression_ = false;
  Status maps_status_;
};

// ---------------------------------------------------------------- legacy

// Which legacy map a ConditionMap came from (changes DynamoDB's messages).
enum class LegacyFilterKind : uint8_t { kQueryFilter, kScanFilter };

// Expected (+ ConditionalOperator) of PutItem/UpdateItem/DeleteItem.
// Returns ValidationException with DynamoDB's messages for a wrong number of
// AttributeValueList entries, Exists/Value rules, Value with
// ComparisonOperator, and so on.
Result<Condition> FromExpected(const ExpectedMap& expected,
                               std::optional<ConditionalOperator> op);
// QueryFilter / ScanFilter (+ ConditionalOperator).
Result<Condition> FromConditionMap(const ConditionMap& conditions,
                                   std::optional<ConditionalOperator> op,
                                   LegacyFilterKind kind);
// KeyConditions of Query (EQ, LE, LT, GE, GT, BEGINS_WITH, BETWEEN only).
Result<KeyCondition> FromKeyConditions(const ConditionMap& conditions);
// AttributeUpdates of UpdateItem (PUT, ADD incl. lists, DELETE).
Result<Update> FromAttributeUpdates(
    const std::map<std::string, AttributeValueUpdate, std::less<>>& updates);
// AttributesToGet. Returns ValidationException for duplicates.
Result<Projection> FromAttributesToGet(const std::vector<std::string>& attributes);

// DynamoDB's rule against mixing legacy and expression parameters. Given the
// names of the legacy parameters present (e.g. {"Expected"}) and of the
// expression parameters present (e.g. {"ConditionExpression"}), returns OK
// when either list is empty, else ValidationException:
// "Can not use both expression and non-expression parameters in the same
// request: Non-expression parameters: {Expected} Expression parameters:
// {ConditionExpression}".
Status CheckLegacyMix(const std::vector<std::string>& non_expression_parameters,
                      const std::vector<std::string>& expression_parameters);

}  // namespace dynarock::expr
