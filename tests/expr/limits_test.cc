// Limits and hostile input: size, operator count, IN operands, nesting
// depth, nesting bombs and garbage bytes never crash.

#include <catch2/catch.hpp>

#include <random>

#include "expr/expr_test_util.h"

namespace dynarock::expr {
namespace {

using testing::ConditionError;
using testing::Request;
using testing::S;
using testing::UpdateError;

Request OneValue() {
  Request r;
  r.values = ExpressionAttributeValues{{":v", S("x")}};
  return r;
}

TEST_CASE("expression size limit is 4096 bytes of raw text", "[expr][limits]") {
  std::string at_limit = "a" + std::string(4096 - 6, 'b') + " = :v";
  REQUIRE(at_limit.size() == 4096);
  CHECK(ConditionError(at_limit, OneValue()) == "");
  std::string over = "a" + std::string(4097 - 6, 'b') + " = :v";
  CHECK(ConditionError(over, OneValue()) ==
        "Invalid ConditionExpression: Expression size has exceeded the maximum allowed size; expression size: 4097");
  CHECK(UpdateError("SET " + std::string(4093, 'a') + " = :v", OneValue()) ==
        "Invalid UpdateExpression: Expression size has exceeded the maximum allowed size;");
}

TEST_CASE("at most 300 operators", "[expr][limits]") {
  auto chain = [](int n) {
    std::string s = "a = :v";
    for (int i = 1; i < n; ++i) s += " OR a = :v";
    return s;
  };
  // n comparisons and n-1 ORs: 2n-1 operators.
  CHECK(ConditionError(chain(150), OneValue()) == "");
  CHECK(ConditionError(chain(151), OneValue()) ==
        "Invalid ConditionExpression: The expression contains too many operators; operator count: 301");
}

// DynamoDB counts the left operand too: 99 listed values is the most.
TEST_CASE("IN takes at most 100 operands", "[expr][limits]") {
  auto in = [](int n) {
    std::string s = "a IN (";
    for (int i = 0; i < n; ++i) s += i ? ", :v" : ":v";
    return s + ")";
  };
  CHECK(ConditionError(in(99), OneValue()) == "");
  CHECK(ConditionError(in(100), OneValue()) ==
        "Invalid ConditionExpression: The IN operator is provided with too many operands; number of operands: 101");
}

TEST_CASE("nesting depth is limited to 32", "[expr][limits]") {
  auto nested = [](int depth) {
    // (a = :v AND (a = :v AND (...))) : no redundant parentheses.
    std::string s = "a = :v";
    for (int i = 0; i < depth; ++i) s = "a = :v AND (" + s + ")";
    return s;
  };
  CHECK(ConditionError(nested(32), OneValue()) == "");
  CHECK(ConditionError(nested(33), OneValue()) ==
        "Invalid ConditionExpression: The expression has exceeded the maximum nesting depth; maximum depth: 32");
  std::string nots;
  for (int i = 0; i < 33; ++i) nots += "NOT ";
  CHECK(ConditionError(nots + "a = :v", OneValue()).find("maximum nesting depth") != std::string::npos);
}

TEST_CASE("document paths nest at most 32 levels", "[expr][limits]") {
  std::string ok = "a";
  for (int i = 0; i < 31; ++i) ok += ".b";
  CHECK(testing::ProjectionError(ok) == "");
  CHECK(testing::ProjectionError(ok + ".b") ==
        "Invalid ProjectionExpression: The document path has too many nesting levels; nesting levels: 33");
  CHECK(ConditionError("attribute_exists(" + ok + "[0])", OneValue()) ==
        "Invalid ConditionExpression: The document path has too many nesting levels; nesting levels: 33");
  CHECK(UpdateError("SET " + ok + "[0] = :v", OneValue()) ==
        "Invalid UpdateExpression: The document path has too many nesting levels; nesting levels: 33");
}

TEST_CASE("nesting bombs return errors without crashing", "[expr][limits]") {
  const size_t kDeep = 100000;
  std::string parens = std::string(kDeep, '(') + "a = :v" + std::string(kDeep, ')');
  CHECK(ConditionError(parens, OneValue()).find("Expression size has exceeded") != std::string::npos);
  std::string open_only(kDeep, '(');
  CHECK_FALSE(ConditionError(open_only, OneValue()).empty());
  std::string and_chain = "a = :v";
  while (and_chain.size() < 200000) and_chain += " AND a = :v";
  CHECK_FALSE(ConditionError(and_chain, OneValue()).empty());
  // Within 4 KB: the deepest bombs the size limit allows.
  std::string small_bomb = std::string(2040, '(') + "a = :v" + std::string(2040, ')');
  CHECK(ConditionError(small_bomb, OneValue()).find("nesting depth") != std::string::npos);
  std::string fn_bomb;
  for (int i = 0; i < 300; ++i) fn_bomb += "list_append(";
  CHECK(UpdateError("SET a = " + fn_bomb, OneValue()).find("nesting depth") != std::string::npos);
  std::string not_bomb;
  for (int i = 0; i < 1000; ++i) not_bomb += "NOT ";
  CHECK_FALSE(ConditionError(not_bomb + "a = :v", OneValue()).empty());
  // A long AND chain within the size limit evaluates without recursion trouble.
  std::string chain = "a = :v";
  for (int i = 1; i < 150; ++i) chain += " AND a = :v";
  Item item;
  item["a"] = S("x");
  auto res = testing::EvalCondition(chain, &item, OneValue());
  REQUIRE(res.ok());
  CHECK(*res);
}

TEST_CASE("random garbage never crashes the compiler", "[expr][limits]") {
  std::mt19937 rng(1234);
  const std::string alphabet = "ab#:v()[].,=<>+-ANDORNOTSETREMOVEADDDELETEINBETWEEN size contains 0123456789\xC3\xA9\xFF";
  Request r = OneValue();
  r.names = ExpressionAttributeNames{{"#a", "a"}};
  for (int i = 0; i < 20000; ++i) {
    std::string text;
    size_t len = rng() % 60;
    for (size_t j = 0; j < len; ++j) text += alphabet[rng() % alphabet.size()];
    Compiler c(r.names, r.values);
    Item item;
    item["a"] = S("x");
    if (auto cond = c.CompileCondition(text); cond.ok()) cond->Evaluate(&item).status().IgnoreError();
    if (auto upd = c.CompileUpdate(text); upd.ok()) {
      Item out;
      upd->Apply(&item, &out).IgnoreError();
    }
    if (auto proj = c.CompileProjection(text); proj.ok()) (void)proj->Apply(item);
    c.Finish().IgnoreError();
  }
  SUCCEED();
}

}  // namespace
}  // namespace dynarock::expr
