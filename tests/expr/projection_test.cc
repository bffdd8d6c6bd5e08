// ProjectionExpression: nested paths and list indexes as DynamoDB projects them.

#include <catch2/catch.hpp>

#include "expr/expr_test_util.h"

namespace dynarock::expr {
namespace {

using testing::N;
using testing::Request;
using testing::S;

Item TestItem() {
  Item item;
  item["a"] = S("x");
  item["b"] = N("1");
  item["l"] = AttributeValue::L({S("l0"), S("l1"), S("l2"), AttributeValue::M({{"k", S("v")}, {"j", S("w")}})});
  item["m"] = AttributeValue::M({{"x", N("1")}, {"y", AttributeValue::M({{"z", N("2")}, {"w", N("3")}})}});
  return item;
}

Item Project(const std::string& text, const Item& item) {
  Request r;
  r.names = ExpressionAttributeNames{{"#a", "a"}};
  Compiler c(r.names, r.values);
  auto p = c.CompileProjection(text);
  INFO(text);
  INFO(p.status().message());
  REQUIRE(p.ok());
  return p->Apply(item);
}

TEST_CASE("projection of top-level and nested paths", "[expr][projection]") {
  Item item = TestItem();
  Item r = Project("#a, b, nope", item);
  CHECK(r.size() == 2);
  CHECK(r.at("a") == S("x"));
  CHECK(Project("m.y.z", item).at("m") == AttributeValue::M({{"y", AttributeValue::M({{"z", N("2")}})}}));
  CHECK(Project("m.x, m.y.w", item).at("m") ==
        AttributeValue::M({{"x", N("1")}, {"y", AttributeValue::M({{"w", N("3")}})}}));
  // List elements keep their order and are packed.
  CHECK(Project("l[2], l[0]", item).at("l") == AttributeValue::L({S("l0"), S("l2")}));
  CHECK(Project("l[3].k", item).at("l") == AttributeValue::L({AttributeValue::M({{"k", S("v")}})}));
  CHECK(Project("l[1], l[3].j", item).at("l") ==
        AttributeValue::L({S("l1"), AttributeValue::M({{"j", S("w")}})}));
  // Paths that lead nowhere leave nothing behind.
  CHECK(Project("l[9], m.nope, a.b", item).empty());
  CHECK(Project("m[0]", item).empty());
  CHECK(Project("m.y.nope", item).empty());
}

TEST_CASE("projection overlap and conflict are symbolic", "[expr][projection]") {
  for (const char* text : {"a, a", "a.b, a.b", "a[1], a[1]", "a, a.b", "a.b, a", "a.b, a.b[2]", "a.b, a.b.c",
                           "a, a.b[2].c", "a.b.d, a.b", "a.b.d.e, a.b", "a.b, a.b.d", "a.b, a.b.d.e"}) {
    INFO(text);
    CHECK(testing::ProjectionError(text).find("Two document paths overlap with each other") != std::string::npos);
  }
  for (const char* text : {"a.b, a[1]", "a[1], a.b", "a.b[1], a.b.c", "a.b.c, a.b[1]"}) {
    INFO(text);
    CHECK(testing::ProjectionError(text).find("Two document paths conflict with each other") != std::string::npos);
  }
  CHECK(testing::ProjectionError("a.b, a[1]") ==
        "Invalid ProjectionExpression: Two document paths conflict with each other; must remove or rewrite one of "
        "these paths; path one: [a, b], path two: [a, [1]]");
  for (const char* text : {"a, b", "a.b, a.c", "a.b.d, a.b.e", "a[1], a[2]", "a.b, a.c[2]", "a.b, a.c[1]"}) {
    INFO(text);
    CHECK(testing::ProjectionError(text) == "");
  }
}

TEST_CASE("projection metadata and legacy AttributesToGet", "[expr][projection]") {
  Request r;
  Compiler c(r.names, r.values);
  auto p = c.CompileProjection("a.b, c, a.d[1]");
  REQUIRE(p.ok());
  CHECK(p->top_level_attributes() == std::vector<std::string>{"a", "c"});
  CHECK(p->paths().size() == 3);
  auto legacy = FromAttributesToGet({"a", "b"});
  REQUIRE(legacy.ok());
  Item item = TestItem();
  CHECK(legacy->Apply(item).size() == 2);
  CHECK(FromAttributesToGet({"a", "a"}).status().message() ==
        "One or more parameter values were invalid: Duplicate value in attribute name: a");
  Projection none;
  CHECK(none.Apply(item).size() == item.size());  // absent projection: everything
}

}  // namespace
}  // namespace dynarock::expr
