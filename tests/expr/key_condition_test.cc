// KeyConditionExpression shapes and matching against key schemas.

#include <catch2/catch.hpp>

#include "expr/expr_test_util.h"

namespace dynarock::expr {
namespace {

using testing::N;
using testing::Request;
using testing::S;

Request Values() {
  Request r;
  r.values = ExpressionAttributeValues{{":p", S("p")}, {":a", N("1")}, {":b", N("2")}, {":s", S("x")},
                                       {":n", N("5")}};
  r.names = ExpressionAttributeNames{{"#pk", "pk"}, {"#sk", "sk"}};
  return r;
}

Result<KeyCondition> Compile(const std::string& text) {
  Request r = Values();
  Compiler c(r.names, r.values);
  return c.CompileKeyCondition(text);
}

std::string Error(const std::string& text) {
  auto r = Compile(text);
  return r.ok() ? std::string() : r.status().message();
}

TEST_CASE("key condition shapes", "[expr][key]") {
  auto kc = Compile("#pk = :p AND #sk BETWEEN :a AND :b");
  REQUIRE(kc.ok());
  REQUIRE(kc->conditions.size() == 2);
  CHECK(kc->conditions[0].attribute_name == "pk");
  CHECK(kc->conditions[0].op == KeyOperator::kEq);
  CHECK(kc->conditions[0].value == S("p"));
  CHECK(kc->conditions[1].attribute_name == "sk");
  CHECK(kc->conditions[1].op == KeyOperator::kBetween);
  CHECK(kc->conditions[1].value == N("1"));
  CHECK(*kc->conditions[1].value2 == N("2"));

  auto bw = Compile("begins_with(sk, :s) AND pk = :p");
  REQUIRE(bw.ok());
  CHECK(bw->conditions[0].op == KeyOperator::kBeginsWith);

  auto flipped = Compile(":p = pk AND :n < sk");
  REQUIRE(flipped.ok());
  CHECK(flipped->conditions[1].op == KeyOperator::kGt);  // :n < sk is sk > :n

  for (auto [text, op] : std::vector<std::pair<std::string, KeyOperator>>{
           {"pk = :p AND sk < :n", KeyOperator::kLt}, {"pk = :p AND sk <= :n", KeyOperator::kLe},
           {"pk = :p AND sk > :n", KeyOperator::kGt}, {"pk = :p AND sk >= :n", KeyOperator::kGe},
           {"(pk = :p) AND (sk = :n)", KeyOperator::kEq}}) {
    auto k = Compile(text);
    INFO(text);
    REQUIRE(k.ok());
    CHECK(k->conditions[1].op == op);
  }
}

TEST_CASE("key condition errors", "[expr][key]") {
  CHECK(Error("pk = :p OR sk = :n") == "Invalid operator used in KeyConditionExpression: OR");
  CHECK(Error("NOT pk = :p") == "Invalid operator used in KeyConditionExpression: NOT");
  CHECK(Error("pk IN (:p)") == "Invalid operator used in KeyConditionExpression: IN");
  CHECK(Error("pk <> :p") == "Invalid operator used in KeyConditionExpression: <>");
  CHECK(Error("pk = :p AND attribute_exists(sk)") ==
        "Invalid operator used in KeyConditionExpression: attribute_exists");
  CHECK(Error("pk = :p AND contains(sk, :s)") == "Invalid operator used in KeyConditionExpression: contains");
  CHECK(Error("pk = :p AND size(sk) = :n") == "Invalid operator used in KeyConditionExpression: size");
  CHECK(Error("pk.x = :p") == "KeyConditionExpressions cannot have conditions on nested attributes");
  CHECK(Error("pk = :p AND pk = :p") == "KeyConditionExpressions must only contain one condition per key");
  CHECK(Error("pk = sk") ==
        "Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition");
  CHECK(Error("pk = :p AND begins_with(sk, :n)") ==
        "Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: "
        "begins_with, operand type: N");
  CHECK(Error("pk = :p AND sk BETWEEN :b AND :a").find("upper bound to be greater") != std::string::npos);
}

TEST_CASE("matching a key schema", "[expr][key]") {
  auto kc = Compile("pk = :p AND sk > :n");
  REQUIRE(kc.ok());
  auto m = kc->Match({"pk"}, {"sk"});
  REQUIRE(m.ok());
  REQUIRE(m->partition.size() == 1);
  CHECK(m->partition[0]->attribute_name == "pk");
  REQUIRE(m->sort.size() == 1);
  CHECK(m->sort[0]->op == KeyOperator::kGt);

  CHECK(kc->Match({"other"}, {"sk"}).status().message() == "Query condition missed key schema element: other");
  CHECK(kc->Match({"pk"}, {}).status().message() == "Query key condition not supported");
  auto only_pk = Compile("pk = :p");
  REQUIRE(only_pk.ok());
  auto m2 = only_pk->Match({"pk"}, {"sk"});
  REQUIRE(m2.ok());
  CHECK(m2->sort.empty());
  auto range_pk = Compile("pk > :p");
  REQUIRE(range_pk.ok());
  CHECK(range_pk->Match({"pk"}, {}).status().message() == "Query key condition not supported");
  auto stray = Compile("pk = :p AND x = :n");
  REQUIRE(stray.ok());
  CHECK(stray->Match({"pk"}, {"sk"}).status().message() == "Query condition missed key schema element: sk");
}

TEST_CASE("multi-attribute index keys", "[expr][key]") {
  Request r;
  r.values = ExpressionAttributeValues{{":1", N("1")}, {":2", N("2")}, {":3", N("3")}, {":4", N("4")},
                                       {":5", N("5")}, {":6", N("6")}};
  auto compile = [&](const std::string& text) {
    Compiler c(r.names, r.values);
    return c.CompileKeyCondition(text);
  };
  auto kc = compile("p1 = :1 AND p2 = :2 AND s1 = :3 AND s2 = :4 AND s3 > :5");
  REQUIRE(kc.ok());
  auto m = kc->Match({"p1", "p2"}, {"s1", "s2", "s3", "s4"});
  REQUIRE(m.ok());
  CHECK(m->partition.size() == 2);
  REQUIRE(m->sort.size() == 3);
  CHECK(m->sort[2]->attribute_name == "s3");
  // A range condition before the last constrained sort attribute.
  auto bad = compile("p1 = :1 AND p2 = :2 AND s1 > :3 AND s2 = :4");
  REQUIRE(bad.ok());
  CHECK(bad->Match({"p1", "p2"}, {"s1", "s2"}).status().message() == "Query key condition not supported");
  // A gap in the sort attributes.
  auto gap = compile("p1 = :1 AND p2 = :2 AND s2 = :4");
  REQUIRE(gap.ok());
  CHECK(gap->Match({"p1", "p2"}, {"s1", "s2"}).status().message() == "Query key condition not supported");
  // A missing partition attribute.
  auto partial = compile("p1 = :1 AND s1 = :3");
  REQUIRE(partial.ok());
  CHECK(partial->Match({"p1", "p2"}, {"s1"}).status().message() ==
        "Query condition missed key schema element: p2");
}

}  // namespace
}  // namespace dynarock::expr
