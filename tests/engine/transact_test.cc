// TransactWriteItems and TransactGetItems (issue 5): all-or-nothing,
// cancellation reasons, idempotency, validation messages, snapshot reads and
// concurrent transfers.
#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <random>
#include <thread>

#include "engine/engine_test_util.h"
#include "engine/idempotency.h"

namespace dynarock::testing {
namespace {

Item Key(const std::string& pk) { return Item{{"pk", S(pk)}}; }

TransactWriteItem PutAction(const std::string& table, Item item) {
  TransactWriteItem t;
  t.put.emplace();
  t.put->table_name = table;
  t.put->item = std::move(item);
  return t;
}

TransactWriteItem DeleteAction(const std::string& table, Item key) {
  TransactWriteItem t;
  t.del.emplace();
  t.del->table_name = table;
  t.del->key = std::move(key);
  return t;
}

TransactWriteItem UpdateAction(const std::string& table, Item key, std::string update,
                               ExpressionAttributeValues values = {}) {
  TransactWriteItem t;
  t.update.emplace();
  t.update->table_name = table;
  t.update->key = std::move(key);
  t.update->update_expression = std::move(update);
  if (!values.empty()) t.update->expression_attribute_values = std::move(values);
  return t;
}

TransactWriteItem CheckAction(const std::string& table, Item key, std::string condition,
                              ExpressionAttributeValues values = {}) {
  TransactWriteItem t;
  t.condition_check.emplace();
  t.condition_check->table_name = table;
  t.condition_check->key = std::move(key);
  t.condition_check->condition_expression = std::move(condition);
  if (!values.empty()) t.condition_check->expression_attribute_values = std::move(values);
  return t;
}

TransactWriteItemsRequest Request(std::vector<TransactWriteItem> items) {
  TransactWriteItemsRequest r;
  r.transact_items = std::move(items);
  return r;
}

int64_t IntOf(const Item& item, const std::string& name) { return std::stoll(item.at(name).n().ToString()); }

std::unique_ptr<Database> TwoTables() {
  auto db = OpenMemDb();
  MakeTable(*db, "tab1", ScalarAttributeType::kS, std::nullopt);
  MakeTable(*db, "tab2", ScalarAttributeType::kS, std::nullopt);
  return db;
}

}  // namespace

TEST_CASE("TransactWriteItems applies Put, Update, Delete and ConditionCheck together", "[transact]") {
  auto db = TwoTables();
  Put(*db, "tab1", {{"pk", S("u")}, {"n", N("5")}});
  Put(*db, "tab1", {{"pk", S("d")}});
  Put(*db, "tab2", {{"pk", S("c")}, {"ok", AttributeValue::Bool(true)}});
  auto r = Request(
      {PutAction("tab1", {{"pk", S("p")}, {"v", S("new")}}),
       UpdateAction("tab1", Key("u"), "SET n = n + :one, added = :s", {{":one", N("1")}, {":s", S("yes")}}),
       DeleteAction("tab1", Key("d")),
       CheckAction("tab2", Key("c"), "ok = :t", {{":t", AttributeValue::Bool(true)}}),
       UpdateAction("tab2", Key("fresh"), "SET v = :v", {{":v", N("7")}})});
  r.return_consumed_capacity = ReturnConsumedCapacity::kTotal;
  auto res = db->TransactWriteItems(r);
  INFO(res.status().ToString());
  REQUIRE(res.ok());
  REQUIRE(Get(*db, "tab1", Key("p")) == Item{{"pk", S("p")}, {"v", S("new")}});
  REQUIRE(Get(*db, "tab1", Key("u")) == Item{{"pk", S("u")}, {"n", N("6")}, {"added", S("yes")}});
  REQUIRE_FALSE(Get(*db, "tab1", Key("d")).has_value());
  REQUIRE(Get(*db, "tab2", Key("c")).has_value());
  // An update of a missing item creates it, as UpdateItem does.
  REQUIRE(Get(*db, "tab2", Key("fresh")) == Item{{"pk", S("fresh")}, {"v", N("7")}});
  REQUIRE(res->consumed_capacity.size() == 2);
  REQUIRE(res->consumed_capacity[0].table_name == "tab1");
  REQUIRE(res->consumed_capacity[0].capacity_units == 6);  // 3 small writes, 2 units each
  REQUIRE(res->consumed_capacity[1].capacity_units == 4);
}

TEST_CASE("TransactWriteItems is all or nothing under a failing condition in the middle", "[transact]") {
  auto db = TwoTables();
  Put(*db, "tab1", {{"pk", S("a")}, {"n", N("1")}});
  Put(*db, "tab2", {{"pk", S("guard")}, {"state", S("locked")}});
  auto check = CheckAction("tab2", Key("guard"), "#s = :open", {{":open", S("open")}});
  check.condition_check->expression_attribute_names = ExpressionAttributeNames{{"#s", "state"}};
  check.condition_check->return_values_on_condition_check_failure =
      ReturnValuesOnConditionCheckFailure::kAllOld;
  auto r = Request({UpdateAction("tab1", Key("a"), "SET n = :two", {{":two", N("2")}}), check,
                    PutAction("tab1", Key("b")), DeleteAction("tab1", Key("a2"))});
  auto res = db->TransactWriteItems(r);
  const Status& s = res.status();
  REQUIRE(s.code() == ErrorCode::kTransactionCanceled);
  REQUIRE(s.message() ==
          "Transaction cancelled, please refer cancellation reasons for specific reasons "
          "[None, ConditionalCheckFailed, None, None]");
  const auto& reasons = s.cancellation_reasons();
  REQUIRE(reasons.size() == 4);
  REQUIRE(reasons[0].code == "None");
  REQUIRE(reasons[0].message.empty());
  REQUIRE(reasons[0].item == nullptr);
  REQUIRE(reasons[1].code == "ConditionalCheckFailed");
  REQUIRE(reasons[1].message == "The conditional request failed");
  REQUIRE(reasons[1].item != nullptr);
  REQUIRE(*reasons[1].item == Item{{"pk", S("guard")}, {"state", S("locked")}});
  REQUIRE(reasons[2].code == "None");
  REQUIRE(reasons[3].code == "None");
  // Nothing was applied.
  REQUIRE(Get(*db, "tab1", Key("a")) == Item{{"pk", S("a")}, {"n", N("1")}});
  REQUIRE_FALSE(Get(*db, "tab1", Key("b")).has_value());

  SECTION("without ALL_OLD the reason carries no item") {
    r.transact_items[1].condition_check->return_values_on_condition_check_failure =
        ReturnValuesOnConditionCheckFailure::kNone;
    auto again = db->TransactWriteItems(r);
    REQUIRE(again.status().cancellation_reasons()[1].item == nullptr);
  }
  SECTION("a condition on a missing item sees no attributes") {
    auto m =
        Request({PutAction("tab1", Key("c")), CheckAction("tab2", Key("nothing"), "attribute_exists(pk)")});
    auto got = db->TransactWriteItems(m);
    REQUIRE(got.status().code() == ErrorCode::kTransactionCanceled);
    REQUIRE(got.status().message() ==
            "Transaction cancelled, please refer cancellation reasons for specific reasons "
            "[None, ConditionalCheckFailed]");
    REQUIRE_FALSE(Get(*db, "tab1", Key("c")).has_value());
  }
}

TEST_CASE("TransactWriteItems reports evaluation errors as ValidationError reasons", "[transact]") {
  auto db = TwoTables();
  Put(*db, "tab1", {{"pk", S("a")}, {"s", S("text")}});

  SECTION("an operand that does not exist") {
    auto r = Request({PutAction("tab1", Key("b")),
                      UpdateAction("tab1", Key("a"), "SET x = nope + :one", {{":one", N("1")}})});
    auto res = db->TransactWriteItems(r);
    REQUIRE(res.status().code() == ErrorCode::kTransactionCanceled);
    REQUIRE(res.status().message() ==
            "Transaction cancelled, please refer cancellation reasons for specific reasons [None, "
            "ValidationError]");
    const auto& reasons = res.status().cancellation_reasons();
    REQUIRE(reasons[1].code == "ValidationError");
    REQUIRE(reasons[1].message ==
            "The provided expression refers to an attribute that does not exist in the item");
  }
  SECTION("an operand of the wrong type") {
    auto r = Request({UpdateAction("tab1", Key("a"), "SET x = s + :one", {{":one", N("1")}})});
    auto res = db->TransactWriteItems(r);
    REQUIRE(res.status().code() == ErrorCode::kTransactionCanceled);
    REQUIRE(res.status().cancellation_reasons()[0].message ==
            "An operand in the update expression has an incorrect data type");
  }
  SECTION("an updated item over 400 KB") {
    auto r =
        Request({UpdateAction("tab1", Key("a"), "SET big = :b", {{":b", S(std::string(400 * 1024, 'x'))}})});
    auto res = db->TransactWriteItems(r);
    REQUIRE(res.status().code() == ErrorCode::kTransactionCanceled);
    REQUIRE(res.status().cancellation_reasons()[0].code == "ValidationError");
    REQUIRE(res.status().cancellation_reasons()[0].message ==
            "Item size to update has exceeded the maximum allowed size");
  }
  REQUIRE(Get(*db, "tab1", Key("a")) == Item{{"pk", S("a")}, {"s", S("text")}});
  REQUIRE_FALSE(Get(*db, "tab1", Key("b")).has_value());
}

TEST_CASE("TransactWriteItems validation errors", "[transact]") {
  auto db = TwoTables();
  TransactWriteItemsRequest r;

  SECTION("no actions") {
    REQUIRE_ERROR(db->TransactWriteItems(r), ErrorCode::kValidation,
                  "1 validation error detected: Value '[]' at 'transactItems' failed to satisfy constraint: "
                  "Member must have length greater than or equal to 1");
  }
  SECTION("more than 100 actions") {
    for (int i = 0; i < 101; ++i) r.transact_items.push_back(PutAction("tab1", Key("k" + std::to_string(i))));
    auto res = db->TransactWriteItems(r);
    REQUIRE(res.status().code() == ErrorCode::kValidation);
    const std::string& m = res.status().message();
    REQUIRE(m.rfind("1 validation error detected: Value '[TransactWriteItem, ", 0) == 0);
    REQUIRE(
        m.find(
            "' at 'transactItems' failed to satisfy constraint: Member must have length less than or equal "
            "to 100") != std::string::npos);
    r.transact_items.pop_back();
    REQUIRE(db->TransactWriteItems(r).ok());  // 100 is fine
  }
  SECTION("an action with two members") {
    auto t = PutAction("tab1", Key("a"));
    t.del = DeleteAction("tab1", Key("a")).del;
    r.transact_items = {t};
    REQUIRE_ERROR(db->TransactWriteItems(r), ErrorCode::kValidation,
                  "TransactItems can only contain one of Check, Put, Update or Delete");
  }
  SECTION("an action with no member") {
    r.transact_items = {TransactWriteItem{}};
    REQUIRE_ERROR(db->TransactWriteItems(r), ErrorCode::kValidation,
                  "Invalid Request: TransactWriteRequest should contain Delete or Put or Update request");
  }
  SECTION("two actions on one item") {
    r.transact_items = {PutAction("tab1", Key("a")), CheckAction("tab1", Key("a"), "attribute_exists(pk)")};
    REQUIRE_ERROR(db->TransactWriteItems(r), ErrorCode::kValidation,
                  "Transaction request cannot include multiple operations on one item");
  }
  SECTION("the same key in two tables is two items") {
    r.transact_items = {PutAction("tab1", Key("a")), PutAction("tab2", Key("a"))};
    REQUIRE(db->TransactWriteItems(r).ok());
  }
  SECTION("a missing table") {
    r.transact_items = {PutAction("tab1", Key("a")), DeleteAction("nope", Key("a"))};
    REQUIRE_ERROR(db->TransactWriteItems(r), ErrorCode::kResourceNotFound, "Requested resource not found");
    REQUIRE_FALSE(Get(*db, "tab1", Key("a")).has_value());  // the valid action did not run either
  }
  SECTION("an update of a key attribute") {
    r.transact_items = {UpdateAction("tab1", Key("a"), "SET pk = :v", {{":v", S("b")}})};
    REQUIRE_ERROR(
        db->TransactWriteItems(r), ErrorCode::kValidation,
        "One or more parameter values were invalid: Cannot update attribute pk. This attribute is part "
        "of the key");
  }
  SECTION("a key that does not match the schema") {
    r.transact_items = {DeleteAction("tab1", {{"pk", S("a")}, {"x", S("y")}})};
    REQUIRE_ERROR(db->TransactWriteItems(r), ErrorCode::kValidation,
                  "The provided key element does not match the schema");
  }
  SECTION("an empty key value") {
    r.transact_items = {UpdateAction("tab1", Key(""), "SET v = :v", {{":v", N("0")}})};
    REQUIRE_ERROR(db->TransactWriteItems(r), ErrorCode::kValidation,
                  "One or more parameter values are not valid. The AttributeValue for a key attribute cannot "
                  "contain an empty string value. Key: pk");
  }
  SECTION("a put item over 400 KB") {
    r.transact_items = {PutAction("tab1", {{"pk", S("a")}, {"big", S(std::string(400 * 1024, 'x'))}})};
    REQUIRE_ERROR(db->TransactWriteItems(r), ErrorCode::kValidation,
                  "Item size has exceeded the maximum allowed size");
  }
  SECTION("more than 4 MB in all") {
    for (int i = 0; i < 11; ++i) {
      r.transact_items.push_back(
          PutAction("tab1", {{"pk", S("k" + std::to_string(i))}, {"d", S(std::string(390 * 1024, 'x'))}}));
    }
    REQUIRE_ERROR(db->TransactWriteItems(r), ErrorCode::kValidation,
                  "Transaction size has exceeded the maximum allowed size of 4 MB");
    r.transact_items.pop_back();
    REQUIRE(db->TransactWriteItems(r).ok());
  }
  SECTION("an unused expression attribute value") {
    r.transact_items = {CheckAction("tab1", Key("a"), "attribute_exists(pk)", {{":unused", N("1")}})};
    REQUIRE_ERROR(db->TransactWriteItems(r), ErrorCode::kValidation,
                  "Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}");
  }
  SECTION("a condition that does not parse") {
    r.transact_items = {CheckAction("tab1", Key("a"), "a < < b")};
    auto res = db->TransactWriteItems(r);
    REQUIRE(res.status().code() == ErrorCode::kValidation);
    REQUIRE(res.status().message().rfind("Invalid ConditionExpression: Syntax error;", 0) == 0);
  }
  SECTION("a token of 0 or 37 characters") {
    r.transact_items = {PutAction("tab1", Key("a"))};
    r.client_request_token = "";
    REQUIRE_ERROR(
        db->TransactWriteItems(r), ErrorCode::kValidation,
        "1 validation error detected: Value '' at 'clientRequestToken' failed to satisfy constraint: "
        "Member must have length greater than or equal to 1");
    r.client_request_token = std::string(37, 't');
    REQUIRE_ERROR(
        db->TransactWriteItems(r), ErrorCode::kValidation,
        "1 validation error detected: Value '" + std::string(37, 't') +
            "' at 'clientRequestToken' failed to satisfy constraint: Member must have length less than "
            "or equal to 36");
    r.client_request_token = std::string(36, 't');
    REQUIRE(db->TransactWriteItems(r).ok());
  }
}

TEST_CASE("TransactWriteItems with a ClientRequestToken applies once", "[transact]") {
  auto db = TwoTables();
  auto r = Request({UpdateAction("tab1", Key("counter"), "ADD n :one", {{":one", N("1")}})});
  r.client_request_token = "token-1";
  REQUIRE(db->TransactWriteItems(r).ok());
  REQUIRE(db->TransactWriteItems(r).ok());
  REQUIRE(IntOf(*Get(*db, "tab1", Key("counter")), "n") == 1);

  // Same token, different request.
  auto other = Request({UpdateAction("tab1", Key("counter"), "ADD n :one", {{":one", N("2")}})});
  other.client_request_token = "token-1";
  auto res = db->TransactWriteItems(other);
  REQUIRE(res.status().code() == ErrorCode::kIdempotentParameterMismatch);
  REQUIRE(res.status().message() ==
          "DynamoDB rejected the request because you retried a request with a different payload but with an "
          "idempotent token that was already used.");
  // Another option counts as a different request too.
  auto with_capacity = r;
  with_capacity.return_consumed_capacity = ReturnConsumedCapacity::kTotal;
  REQUIRE(db->TransactWriteItems(with_capacity).status().code() == ErrorCode::kIdempotentParameterMismatch);

  // Another token is another transaction.
  r.client_request_token = "token-2";
  REQUIRE(db->TransactWriteItems(r).ok());
  REQUIRE(IntOf(*Get(*db, "tab1", Key("counter")), "n") == 2);

  // A cancelled transaction is not recorded: its retry runs again.
  auto guarded = Request({UpdateAction("tab1", Key("counter"), "ADD n :one", {{":one", N("1")}}),
                          CheckAction("tab2", Key("flag"), "attribute_exists(pk)")});
  guarded.client_request_token = "token-3";
  REQUIRE(db->TransactWriteItems(guarded).status().code() == ErrorCode::kTransactionCanceled);
  Put(*db, "tab2", Key("flag"));
  REQUIRE(db->TransactWriteItems(guarded).ok());
  REQUIRE(db->TransactWriteItems(guarded).ok());
  REQUIRE(IntOf(*Get(*db, "tab1", Key("counter")), "n") == 3);
}

TEST_CASE("Concurrent calls with one token apply once", "[transact][concurrency]") {
  auto db = TwoTables();
  auto r = Request({UpdateAction("tab1", Key("counter"), "ADD n :one", {{":one", N("1")}}),
                    PutAction("tab2", Key("side"))});
  r.client_request_token = "shared-token";
  std::atomic<int> ok{0}, in_progress{0}, other{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 20; ++i) {
        auto res = db->TransactWriteItems(r);
        if (res.ok()) {
          ++ok;
        } else if (res.status().code() == ErrorCode::kTransactionInProgress &&
                   res.status().message() == "Transaction from previous request is still in progress") {
          ++in_progress;
        } else {
          ++other;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  REQUIRE(other == 0);
  REQUIRE(ok + in_progress == 160);
  REQUIRE(ok >= 1);
  REQUIRE(IntOf(*Get(*db, "tab1", Key("counter")), "n") == 1);
}

TEST_CASE("IdempotencyCache window, bound and claims", "[transact]") {
  using engine::IdempotencyCache;
  auto now = std::chrono::steady_clock::time_point{};
  IdempotencyCache cache(3, [&now] { return now; });
  engine::RequestFingerprint a{1, 2}, b{3, 4};
  TransactWriteItemsResult result;

  REQUIRE(cache.Begin("t", a, &result) == IdempotencyCache::Claim::kNew);
  REQUIRE(cache.Begin("t", a, &result) == IdempotencyCache::Claim::kInProgress);
  REQUIRE(cache.Begin("t", b, &result) == IdempotencyCache::Claim::kMismatch);
  TransactWriteItemsResult done;
  ConsumedCapacity c;
  c.table_name = "x";
  c.capacity_units = 7;
  done.consumed_capacity.push_back(c);
  cache.Complete("t", done);
  REQUIRE(cache.Begin("t", a, &result) == IdempotencyCache::Claim::kReplay);
  REQUIRE(result.consumed_capacity.size() == 1);
  REQUIRE(result.consumed_capacity[0].capacity_units == 7);

  // The window is 10 minutes after completion.
  now += std::chrono::minutes(9);
  REQUIRE(cache.Begin("t", b, &result) == IdempotencyCache::Claim::kMismatch);
  now += std::chrono::minutes(1) + std::chrono::seconds(1);
  REQUIRE(cache.Begin("t", b, &result) == IdempotencyCache::Claim::kNew);
  cache.Release("t");
  REQUIRE(cache.size() == 0);

  // At most 3 completed tokens: the oldest goes first.
  for (std::string t : {"1", "2", "3", "4"}) {
    REQUIRE(cache.Begin(t, a, &result) == IdempotencyCache::Claim::kNew);
    cache.Complete(t, done);
    now += std::chrono::seconds(1);
  }
  REQUIRE(cache.size() == 3);
  REQUIRE(cache.Begin("1", b, &result) == IdempotencyCache::Claim::kNew);
  REQUIRE(cache.Begin("4", b, &result) == IdempotencyCache::Claim::kMismatch);
}

TEST_CASE("Request fingerprints tell requests apart", "[transact]") {
  auto r = Request({PutAction("tab1", {{"pk", S("a")}, {"v", N("1")}})});
  auto same = r;
  same.client_request_token = "ignored";
  REQUIRE(engine::FingerprintTransactWrite(r) == engine::FingerprintTransactWrite(same));
  auto other_value = Request({PutAction("tab1", {{"pk", S("a")}, {"v", N("2")}})});
  REQUIRE_FALSE(engine::FingerprintTransactWrite(r) == engine::FingerprintTransactWrite(other_value));
  auto other_table = Request({PutAction("tab2", {{"pk", S("a")}, {"v", N("1")}})});
  REQUIRE_FALSE(engine::FingerprintTransactWrite(r) == engine::FingerprintTransactWrite(other_table));
  auto other_kind = Request({DeleteAction("tab1", {{"pk", S("a")}, {"v", N("1")}})});
  REQUIRE_FALSE(engine::FingerprintTransactWrite(r) == engine::FingerprintTransactWrite(other_kind));
}

TEST_CASE("TransactGetItems reads items in request order", "[transact]") {
  auto db = TwoTables();
  Put(*db, "tab1", {{"pk", S("a")}, {"v", N("1")}, {"w", S("x")}});
  Put(*db, "tab2", {{"pk", S("a")}, {"l", AttributeValue::L({S("zero"), S("one")})}});
  TransactGetItemsRequest r;
  r.transact_items.push_back({"tab2", Key("a"), "l[1]", std::nullopt});
  r.transact_items.push_back({"tab1", Key("missing"), std::nullopt, std::nullopt});
  r.transact_items.push_back({"tab1", Key("a"), "#w", ExpressionAttributeNames{{"#w", "w"}}});
  r.return_consumed_capacity = ReturnConsumedCapacity::kTotal;
  auto res = db->TransactGetItems(r);
  INFO(res.status().ToString());
  REQUIRE(res.ok());
  REQUIRE(res->responses.size() == 3);
  REQUIRE(res->responses[0] == Item{{"l", AttributeValue::L({S("one")})}});
  REQUIRE_FALSE(res->responses[1].has_value());
  REQUIRE(res->responses[2] == Item{{"w", S("x")}});
  REQUIRE(res->consumed_capacity.size() == 2);
  REQUIRE(res->consumed_capacity[0].table_name == "tab2");
  REQUIRE(res->consumed_capacity[0].capacity_units == 2);
  REQUIRE(res->consumed_capacity[1].capacity_units == 4);
}

TEST_CASE("TransactGetItems validation errors", "[transact]") {
  auto db = TwoTables();
  TransactGetItemsRequest r;
  SECTION("no gets") {
    REQUIRE_ERROR(db->TransactGetItems(r), ErrorCode::kValidation,
                  "1 validation error detected: Value '[]' at 'transactItems' failed to satisfy constraint: "
                  "Member must have length greater than or equal to 1");
  }
  SECTION("more than 100 gets") {
    for (int i = 0; i < 101; ++i) r.transact_items.push_back({"tab1", Key("k" + std::to_string(i)), {}, {}});
    auto res = db->TransactGetItems(r);
    REQUIRE(res.status().code() == ErrorCode::kValidation);
    REQUIRE(res.status().message().find("Member must have length less than or equal to 100") !=
            std::string::npos);
  }
  SECTION("two gets of one item") {
    r.transact_items = {{"tab1", Key("a"), {}, {}}, {"tab1", Key("a"), "v", {}}};
    REQUIRE_ERROR(db->TransactGetItems(r), ErrorCode::kValidation,
                  "Transaction request cannot include multiple operations on one item");
  }
  SECTION("a missing table") {
    r.transact_items = {{"tab1", Key("a"), {}, {}}, {"nope", Key("a"), {}, {}}};
    REQUIRE_ERROR(db->TransactGetItems(r), ErrorCode::kResourceNotFound, "Requested resource not found");
  }
  SECTION("a bad key") {
    r.transact_items = {{"tab1", {{"pk", N("1")}}, {}, {}}};
    REQUIRE_ERROR(db->TransactGetItems(r), ErrorCode::kValidation,
                  "The provided key element does not match the schema");
  }
  SECTION("more than 4 MB read") {
    for (int i = 0; i < 11; ++i) {
      const std::string k = "big" + std::to_string(i);
      Put(*db, "tab1", {{"pk", S(k)}, {"d", S(std::string(390 * 1024, 'x'))}});
      r.transact_items.push_back({"tab1", Key(k), {}, {}});
    }
    REQUIRE_ERROR(db->TransactGetItems(r), ErrorCode::kValidation,
                  "Transaction size has exceeded the maximum allowed size of 4 MB");
    r.transact_items.pop_back();
    REQUIRE(db->TransactGetItems(r).ok());
  }
  SECTION("names without a projection") {
    r.transact_items = {{"tab1", Key("a"), {}, ExpressionAttributeNames{{"#a", "a"}}}};
    REQUIRE_ERROR(db->TransactGetItems(r), ErrorCode::kValidation,
                  "ExpressionAttributeNames can only be specified when using expressions");
  }
}

// Transfers between accounts by concurrent transactions that name their
// items in random order (so lock order is the pipeline's, not the
// caller's): no deadlock, and the total never changes - also as seen by
// concurrent TransactGetItems snapshots.
TEST_CASE("Concurrent transfers keep the total", "[transact][concurrency]") {
  auto db = OpenMemDb();
  MakeTable(*db, "acct", ScalarAttributeType::kS, std::nullopt);
  constexpr int kAccounts = 8;
  constexpr int kStart = 1000;
  constexpr int kThreads = 4;
  constexpr int kIterations = 300;
  for (int i = 0; i < kAccounts; ++i)
    Put(*db, "acct", {{"pk", S("a" + std::to_string(i))}, {"bal", N(std::to_string(kStart))}});

  std::atomic<int> committed{0}, cancelled{0}, errors{0}, bad_snapshots{0};
  std::atomic<bool> stop{false};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      std::mt19937 rng(1234 + t);
      for (int i = 0; i < kIterations; ++i) {
        int from = static_cast<int>(rng() % kAccounts);
        int to = static_cast<int>(rng() % (kAccounts - 1));
        if (to >= from) ++to;
        int third = static_cast<int>(rng() % kAccounts);
        const std::string amount = std::to_string(1 + rng() % 300);
        auto debit =
            UpdateAction("acct", Key("a" + std::to_string(from)), "SET bal = bal - :x", {{":x", N(amount)}});
        debit.update->condition_expression = "bal >= :x";
        auto credit =
            UpdateAction("acct", Key("a" + std::to_string(to)), "SET bal = bal + :x", {{":x", N(amount)}});
        std::vector<TransactWriteItem> items = {debit, credit};
        if (third != from && third != to)
          items.push_back(CheckAction("acct", Key("a" + std::to_string(third)), "attribute_exists(bal)"));
        std::shuffle(items.begin(), items.end(), rng);
        auto res = db->TransactWriteItems(Request(std::move(items)));
        if (res.ok()) {
          ++committed;
        } else if (res.status().code() == ErrorCode::kTransactionCanceled) {
          ++cancelled;
        } else {
          ++errors;
        }
      }
    });
  }
  std::thread reader([&] {
    TransactGetItemsRequest r;
    for (int i = 0; i < kAccounts; ++i)
      r.transact_items.push_back({"acct", Key("a" + std::to_string(i)), {}, {}});
    while (!stop.load()) {
      auto res = db->TransactGetItems(r);
      if (!res.ok()) {
        ++errors;
        continue;
      }
      int64_t sum = 0;
      for (const auto& item : res->responses) sum += IntOf(*item, "bal");
      if (sum != kAccounts * kStart) ++bad_snapshots;
    }
  });
  for (auto& th : threads) th.join();
  stop = true;
  reader.join();

  REQUIRE(errors == 0);
  REQUIRE(bad_snapshots == 0);
  REQUIRE(committed + cancelled == kThreads * kIterations);
  REQUIRE(committed > 0);
  int64_t sum = 0;
  for (int i = 0; i < kAccounts; ++i) {
    int64_t bal = IntOf(*Get(*db, "acct", Key("a" + std::to_string(i))), "bal");
    REQUIRE(bal >= 0);
    sum += bal;
  }
  REQUIRE(sum == kAccounts * kStart);
}

}  // namespace dynarock::testing
