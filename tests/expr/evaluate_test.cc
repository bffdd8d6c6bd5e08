// Evaluation tables: every operator and function, type mismatches, missing
// attributes, and the missing item.

#include <catch2/catch.hpp>

#include "expr/expr_test_util.h"

namespace dynarock::expr {
namespace {

using testing::B;
using testing::EvalCondition;
using testing::N;
using testing::Request;
using testing::S;

Item TestItem() {
  Item item;
  item["s"] = S("hello");
  item["s2"] = S("help");
  item["n"] = N("10");
  item["n2"] = N("1E1");
  item["b"] = B(std::string("\x01\x02\x03", 3));
  item["t"] = AttributeValue::Bool(true);
  item["z"] = AttributeValue::MakeNull();
  item["ss"] = AttributeValue::SS({"a", "b"});
  item["ns"] = AttributeValue::NS({Number::FromInt64(1), Number::FromInt64(2)});
  item["bs"] = AttributeValue::BS({"x"});
  item["l"] = AttributeValue::L({S("a"), N("2"), AttributeValue::M({{"k", S("v")}})});
  item["m"] = AttributeValue::M({{"k", S("v")}, {"q", AttributeValue::M({{"dp", N("5")}})},
                                 {"lst", AttributeValue::L({N("7"), N("8")})}});
  item["blank"] = S("");
  item["u"] = S("h\xC3\xA9llo");  // 5 characters, 6 bytes
  return item;
}

Request Values() {
  Request r;
  r.values = ExpressionAttributeValues{
      {":hello", S("hello")}, {":hel", S("hel")},     {":x", S("x")},         {":a", S("a")},
      {":ten", N("10.0")},    {":five", N("5")},      {":twenty", N("20")},   {":one", N("1")},
      {":two", N("2")},       {":three", N("3")},     {":six", N("6")},       {":seven", N("7")},
      {":b12", B(std::string("\x01\x02", 2))},        {":b2", B(std::string("\x02", 1))},
      {":true", AttributeValue::Bool(true)},          {":null", AttributeValue::MakeNull()},
      {":ss", AttributeValue::SS({"b", "a"})},        {":ssx", AttributeValue::SS({"a"})},
      {":l", AttributeValue::L({S("a"), N("2"), AttributeValue::M({{"k", S("v")}})})},
      {":m", AttributeValue::M({{"k", S("v")}})},     {":S", S("S")},         {":N", S("N")},
      {":NS", S("NS")},       {":M", S("M")},         {":L", S("L")},         {":BOOL", S("BOOL")},
      {":NULL", S("NULL")},   {":B", S("B")},         {":v", S("v")},         {":hex", S("hex")},
  };
  r.names = ExpressionAttributeNames{{"#n", "n"}, {"#dot", "m.k"}};
  return r;
}

struct Case {
  const char* text;
  bool expected;
};

void RunTable(const std::vector<Case>& cases, const Item* item) {
  Request r = Values();
  for (const auto& c : cases) {
    INFO(c.text);
    auto res = EvalCondition(c.text, item, r);
    INFO(res.status().message());
    REQUIRE(res.ok());
    CHECK(*res == c.expected);
  }
}

TEST_CASE("comparisons", "[expr][eval]") {
  Item item = TestItem();
  RunTable({
               {"s = :hello", true},
               {"s <> :hello", false},
               {"s = :x", false},
               {"s <> :x", true},
               {"n = :ten", true},  // numbers compare numerically: 10 = 10.0
               {"n = n2", true},    // 10 = 1E1
               {"#n = :ten", true},
               {"n < :twenty", true},
               {"n <= :ten", true},
               {"n > :five", true},
               {"n >= :twenty", false},
               {"s < s2", true},  // "hello" < "help" by bytes
               {"b > :b12", true},
               {"b < :b2", true},  // unsigned bytes
               {"s = :ten", false},  // different types are never equal
               {"s <> :ten", true},
               {"s < :ten", false},   // ordering across types is false
               {"s > :ten", false},
               {"t = :true", true},
               {"z = :null", true},
               {"ss = :ss", true},  // sets compare as sets
               {"ss = :ssx", false},
               {"l = :l", true},
               {"m.k = :v", true},
               {"l[2] = :m", true},
               {"l[2].k = :v", true},
               {"m.q.dp = :five", true},
               {"m.lst[1] > :seven", true},
               {"#dot = :v", false},  // a name with a dot is one attribute, not a path
               {":one < :two", true},
           },
           &item);
}

TEST_CASE("missing attributes and the missing item", "[expr][eval]") {
  Item item = TestItem();
  std::vector<Case> on_item = {
      {"nope = :x", false},
      {"nope <> :x", true},
      {"nope < :x", false},
      {"nope >= :x", false},
      {"nope BETWEEN :one AND :two", false},
      {"nope IN (:x, :a)", false},
      {"begins_with(nope, :x)", false},
      {"contains(nope, :x)", false},
      {"size(nope) >= :one", false},
      {"attribute_exists(nope)", false},
      {"attribute_not_exists(nope)", true},
      {"attribute_type(nope, :S)", false},
      {"NOT nope = :x", true},
      {"m.nope = :x", false},
      {"l[9] = :x", false},
      {"s.k = :x", false},  // a path through a non-map has no value
      {"s[0] = :x", false},
      {"nope = oth", false},
      {"nope <> oth", false},
  };
  RunTable(on_item, &item);
  RunTable({{"attribute_not_exists(s)", true}, {"attribute_exists(s)", false}, {"s = :hello", false},
            {"s <> :hello", true}, {"NOT s = :hello", true}},
           nullptr);
}

TEST_CASE("BETWEEN and IN", "[expr][eval]") {
  Item item = TestItem();
  RunTable({
               {"n BETWEEN :five AND :twenty", true},
               {"n BETWEEN :ten AND :ten", true},
               {"n BETWEEN :one AND :five", false},
               {"s BETWEEN :a AND :x", true},
               {"s BETWEEN :one AND :two", false},  // type mismatch: false
               {"n IN (:one, :two, :ten)", true},
               {"n IN (:one, :two)", false},
               {"s IN (:x, :hello)", true},
               {"ss IN (:ss)", true},
               {"s IN (s2, s)", true},
           },
           &item);
}

TEST_CASE("logical operators and precedence", "[expr][eval]") {
  Item item = TestItem();
  RunTable({
               {"s = :hello AND n = :ten", true},
               {"s = :hello AND n = :one", false},
               {"s = :x OR n = :ten", true},
               {"s = :x OR n = :one", false},
               {"NOT s = :x", true},
               {"NOT NOT s = :x", false},
               // AND binds tighter than OR: true OR (false AND false)
               {"s = :hello OR s = :x AND n = :one", true},
               {"(s = :hello OR s = :x) AND n = :one", false},
               // NOT binds tighter than AND
               {"NOT s = :x AND n = :ten", true},
               {"NOT (s = :hello AND n = :one)", true},
               {"s = :x OR s = :a OR s = :hello", true},
               {"s = :hello AND n = :ten AND t = :true AND z = :null", true},
               {"s = :hello AND n = :ten AND t = :true AND z = :x", false},
           },
           &item);
}

TEST_CASE("functions", "[expr][eval]") {
  Item item = TestItem();
  RunTable({
               {"attribute_exists(s)", true},
               {"attribute_exists(m.q.dp)", true},
               {"attribute_exists(l[2].k)", true},
               {"attribute_not_exists(l[3])", true},
               {"attribute_type(s, :S)", true},
               {"attribute_type(s, :N)", false},
               {"attribute_type(n, :N)", true},
               {"attribute_type(ns, :NS)", true},
               {"attribute_type(m, :M)", true},
               {"attribute_type(l, :L)", true},
               {"attribute_type(t, :BOOL)", true},
               {"attribute_type(z, :NULL)", true},
               {"attribute_type(b, :B)", true},
               {"begins_with(s, :hel)", true},
               {"begins_with(s, :x)", false},
               {"begins_with(s, s2)", false},
               {"begins_with(b, :b12)", true},
               {"begins_with(n, :hel)", false},  // not a string: false
               {"begins_with(s, blank)", true},
               {"contains(s, :hel)", true},
               {"contains(s, :x)", false},
               {"contains(ss, :a)", true},
               {"contains(ss, :x)", false},
               {"contains(ns, :two)", true},
               {"contains(ns, :three)", false},
               {"contains(ns, :a)", false},  // element of the wrong type
               {"contains(l, :a)", true},
               {"contains(l, :two)", true},
               {"contains(l, :m)", true},  // list elements compare by value
               {"contains(l, :x)", false},
               {"contains(b, :b2)", true},
               {"contains(n, :one)", false},
               {"contains(:hello, s2)", false},
               {"size(s) = :five", true},
               {"size(u) = :six", true},  // UTF-8 bytes
               {"size(b) = :three", true},
               {"size(ss) = :two", true},
               {"size(ns) = :two", true},
               {"size(l) = :three", true},
               {"size(m) = :three", true},
               {"size(blank) < :one", true},
               {"size(m.lst) = :two", true},
               {"size(s) BETWEEN :one AND :six", true},
               {"size(s) > size(ss)", true},
           },
           &item);
}

TEST_CASE("size of N, BOOL or NULL makes the comparison false, not an error", "[expr][eval]") {
  Item item = TestItem();
  RunTable({{"size(n) = :one", false}, {"size(t) = :one", false}, {"size(z) = :one", false},
            {"size(n) <> :one", true}, {"NOT size(n) = :one", true}},
           &item);
}

TEST_CASE("attribute_type accepts a value as its first operand", "[expr][eval]") {
  Item item = TestItem();
  RunTable({{"attribute_type(:ten, :N)", true}, {"attribute_type(:hello, :N)", false}}, &item);
}

TEST_CASE("a default Condition is absent and true", "[expr][eval]") {
  Condition c;
  CHECK(c.empty());
  auto r = c.Evaluate(nullptr);
  REQUIRE(r.ok());
  CHECK(*r);
}

}  // namespace
}  // namespace dynarock::expr
