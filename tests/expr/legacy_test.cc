// Legacy parameters on the same evaluator: Expected, QueryFilter/ScanFilter,
// KeyConditions, AttributeUpdates, AttributesToGet, and the mixing rule.

#include <catch2/catch.hpp>

#include "expr/expr_test_util.h"

namespace dynarock::expr {
namespace {

using testing::N;
using testing::S;

Item TestItem() {
  Item item;
  item["s"] = S("hello");
  item["n"] = N("10");
  item["ss"] = AttributeValue::SS({"a", "b"});
  item["l"] = AttributeValue::L({S("x")});
  return item;
}

ExpectedAttributeValue Cmp(ComparisonOperator op, std::vector<AttributeValue> list) {
  ExpectedAttributeValue e;
  e.comparison_operator = op;
  e.attribute_value_list = std::move(list);
  return e;
}

bool Eval(const ExpectedMap& m, const Item* item, std::optional<ConditionalOperator> op = std::nullopt) {
  auto c = FromExpected(m, op);
  INFO(c.status().message());
  REQUIRE(c.ok());
  auto r = c->Evaluate(item);
  REQUIRE(r.ok());
  return *r;
}

std::string ExpectedError(const ExpectedMap& m) {
  auto c = FromExpected(m, std::nullopt);
  return c.ok() ? std::string() : c.status().message();
}

TEST_CASE("Expected: Value and Exists", "[expr][legacy]") {
  Item item = TestItem();
  ExpectedAttributeValue eq;
  eq.value = S("hello");
  CHECK(Eval({{"s", eq}}, &item));
  eq.exists = true;
  CHECK(Eval({{"s", eq}}, &item));
  CHECK_FALSE(Eval({{"s", eq}}, nullptr));
  ExpectedAttributeValue absent;
  absent.exists = false;
  CHECK(Eval({{"nope", absent}}, &item));
  CHECK_FALSE(Eval({{"s", absent}}, &item));
  CHECK(Eval({{"s", absent}}, nullptr));
}

TEST_CASE("Expected: comparison operators", "[expr][legacy]") {
  Item item = TestItem();
  using CO = ComparisonOperator;
  struct Case {
    const char* attr;
    ExpectedAttributeValue e;
    bool expected;
  };
  const Case cases[] = {
      {"n", Cmp(CO::kEq, {N("10")}), true},
      {"n", Cmp(CO::kNe, {N("10")}), false},
      {"nope", Cmp(CO::kNe, {N("10")}), true},
      {"n", Cmp(CO::kLt, {N("11")}), true},
      {"n", Cmp(CO::kLe, {N("10")}), true},
      {"n", Cmp(CO::kGt, {N("10")}), false},
      {"n", Cmp(CO::kGe, {N("10")}), true},
      {"n", Cmp(CO::kBetween, {N("1"), N("10")}), true},
      {"n", Cmp(CO::kIn, {N("1"), N("10")}), true},
      {"n", Cmp(CO::kNotNull, {}), true},
      {"n", Cmp(CO::kNull, {}), false},
      {"nope", Cmp(CO::kNull, {}), true},
      {"s", Cmp(CO::kContains, {S("ell")}), true},
      {"ss", Cmp(CO::kContains, {S("a")}), true},
      {"ss", Cmp(CO::kNotContains, {S("z")}), true},
      {"nope", Cmp(CO::kNotContains, {S("z")}), false},  // legacy: false on a missing attribute
      {"s", Cmp(CO::kBeginsWith, {S("he")}), true},
      {"s", Cmp(CO::kLt, {N("1")}), false},  // type mismatch
  };
  for (const auto& c : cases) {
    INFO(c.attr);
    CHECK(Eval({{c.attr, c.e}}, &item) == c.expected);
  }
  // Value instead of AttributeValueList.
  ExpectedAttributeValue v;
  v.comparison_operator = CO::kGt;
  v.value = N("5");
  CHECK(Eval({{"n", v}}, &item));
}

TEST_CASE("Expected: ConditionalOperator", "[expr][legacy]") {
  Item item = TestItem();
  using CO = ComparisonOperator;
  ExpectedMap m = {{"n", Cmp(CO::kEq, {N("10")})}, {"s", Cmp(CO::kEq, {S("nope")})}};
  CHECK_FALSE(Eval(m, &item));
  CHECK_FALSE(Eval(m, &item, ConditionalOperator::kAnd));
  CHECK(Eval(m, &item, ConditionalOperator::kOr));
  // Many entries join into a balanced tree, not a deep chain.
  ExpectedMap many;
  for (int i = 0; i < 5000; ++i) many["a" + std::to_string(i)] = Cmp(CO::kNull, {});
  CHECK(Eval(many, &item));
}

TEST_CASE("Expected: validation messages", "[expr][legacy]") {
  using CO = ComparisonOperator;
  const std::string p = "One or more parameter values were invalid: ";
  ExpectedAttributeValue both;
  both.value = S("x");
  both.attribute_value_list = std::vector<AttributeValue>{S("x")};
  CHECK(ExpectedError({{"a", both}}) == p + "Value and AttributeValueList cannot be used together for Attribute: a");
  ExpectedAttributeValue exists_cmp = Cmp(CO::kEq, {S("x")});
  exists_cmp.exists = true;
  CHECK(ExpectedError({{"a", exists_cmp}}) ==
        p + "Exists and ComparisonOperator cannot be used together for Attribute: a");
  ExpectedAttributeValue no_args;
  no_args.comparison_operator = CO::kEq;
  CHECK(ExpectedError({{"a", no_args}}) ==
        p + "Value or AttributeValueList must be used with ComparisonOperator: EQ for Attribute: a");
  CHECK(ExpectedError({{"a", Cmp(CO::kEq, {S("x"), S("y")})}}) ==
        p + "Invalid number of argument(s) for the EQ ComparisonOperator");
  CHECK(ExpectedError({{"a", Cmp(CO::kBetween, {S("x")})}}) ==
        p + "Invalid number of argument(s) for the BETWEEN ComparisonOperator");
  CHECK(ExpectedError({{"a", Cmp(CO::kNull, {S("x")})}}) ==
        p + "Invalid number of argument(s) for the NULL ComparisonOperator");
  CHECK(ExpectedError({{"a", Cmp(CO::kIn, {})}}) == p + "Invalid number of argument(s) for the IN ComparisonOperator");
  CHECK(ExpectedError({{"a", Cmp(CO::kLt, {AttributeValue::Bool(true)})}}) ==
        p + "ComparisonOperator LT is not valid for BOOL AttributeValue type");
  CHECK(ExpectedError({{"a", Cmp(CO::kBeginsWith, {N("1")})}}) ==
        p + "ComparisonOperator BEGINS_WITH is not valid for N AttributeValue type");
  CHECK(ExpectedError({{"a", Cmp(CO::kIn, {N("1"), S("x")})}}) ==
        p + "AttributeValues inside AttributeValueList must be of same type");
  CHECK(ExpectedError({{"a", Cmp(CO::kBetween, {N("5"), N("1")})}}) ==
        "The BETWEEN condition was provided a range where the lower bound is greater than the upper bound");
  ExpectedAttributeValue list_only;
  list_only.attribute_value_list = std::vector<AttributeValue>{S("x")};
  CHECK(ExpectedError({{"a", list_only}}) ==
        p + "AttributeValueList can only be used with a ComparisonOperator for Attribute: a");
  ExpectedAttributeValue exists_no_value;
  exists_no_value.exists = true;
  CHECK(ExpectedError({{"a", exists_no_value}}) == p + "Value must be provided when Exists is true for Attribute: a");
  CHECK(ExpectedError({{"a", ExpectedAttributeValue{}}}) ==
        p + "Value must be provided when Exists is null for Attribute: a");
  ExpectedAttributeValue false_with_value;
  false_with_value.exists = false;
  false_with_value.value = S("x");
  CHECK(ExpectedError({{"a", false_with_value}}) == p + "Value cannot be used when Exists is false for Attribute: a");
}

TEST_CASE("QueryFilter / ScanFilter", "[expr][legacy]") {
  Item item = TestItem();
  ConditionMap m;
  m["n"] = dynarock::Condition{ComparisonOperator::kGt, {N("5")}};
  m["s"] = dynarock::Condition{ComparisonOperator::kBeginsWith, {S("x")}};
  auto c = FromConditionMap(m, std::nullopt, LegacyFilterKind::kScanFilter);
  REQUIRE(c.ok());
  CHECK_FALSE(*c->Evaluate(&item));
  auto o = FromConditionMap(m, ConditionalOperator::kOr, LegacyFilterKind::kQueryFilter);
  REQUIRE(o.ok());
  CHECK(*o->Evaluate(&item));
  ConditionMap bad;
  bad["n"] = dynarock::Condition{ComparisonOperator::kGt, {}};
  CHECK(FromConditionMap(bad, std::nullopt, LegacyFilterKind::kScanFilter).status().message() ==
        "One or more parameter values were invalid: Invalid number of argument(s) for the GT ComparisonOperator");
}

TEST_CASE("KeyConditions", "[expr][legacy]") {
  ConditionMap m;
  m["pk"] = dynarock::Condition{ComparisonOperator::kEq, {S("p")}};
  m["sk"] = dynarock::Condition{ComparisonOperator::kBetween, {N("1"), N("2")}};
  auto kc = FromKeyConditions(m);
  REQUIRE(kc.ok());
  auto matched = kc->Match({"pk"}, {"sk"});
  REQUIRE(matched.ok());
  CHECK(matched->sort[0]->op == KeyOperator::kBetween);
  ConditionMap bad;
  bad["pk"] = dynarock::Condition{ComparisonOperator::kNe, {S("p")}};
  CHECK(FromKeyConditions(bad).status().message() == "Attempted conditional constraint is not an indexable operation");
  ConditionMap count;
  count["pk"] = dynarock::Condition{ComparisonOperator::kEq, {}};
  CHECK(FromKeyConditions(count).status().message() ==
        "One or more parameter values were invalid: Invalid number of argument(s) for the EQ ComparisonOperator");
}

TEST_CASE("AttributeUpdates", "[expr][legacy]") {
  Item old_item = TestItem();
  std::map<std::string, AttributeValueUpdate, std::less<>> u;
  u["s"] = AttributeValueUpdate{S("new"), std::nullopt};           // PUT by default
  u["n"] = AttributeValueUpdate{N("5"), AttributeAction::kAdd};
  u["ss"] = AttributeValueUpdate{AttributeValue::SS({"a"}), AttributeAction::kDelete};
  u["l"] = AttributeValueUpdate{AttributeValue::L({S("y")}), AttributeAction::kAdd};  // legacy ADD appends lists
  u["c"] = AttributeValueUpdate{N("1"), AttributeAction::kAdd};
  auto up = FromAttributeUpdates(u);
  REQUIRE(up.ok());
  Item out;
  REQUIRE(up->Apply(&old_item, &out).ok());
  CHECK(out.at("s") == S("new"));
  CHECK(out.at("n") == N("15"));
  CHECK(out.at("ss") == AttributeValue::SS({"b"}));
  CHECK(out.at("l") == AttributeValue::L({S("x"), S("y")}));
  CHECK(out.at("c") == N("1"));
  CHECK(up->top_level_attributes().size() == 5);

  std::map<std::string, AttributeValueUpdate, std::less<>> del;
  del["s"] = AttributeValueUpdate{std::nullopt, AttributeAction::kDelete};
  auto d = FromAttributeUpdates(del);
  REQUIRE(d.ok());
  REQUIRE(d->Apply(&old_item, &out).ok());
  CHECK(out.count("s") == 0);

  std::map<std::string, AttributeValueUpdate, std::less<>> put_nothing;
  put_nothing["s"] = AttributeValueUpdate{std::nullopt, AttributeAction::kPut};
  CHECK(FromAttributeUpdates(put_nothing).status().message() ==
        "One or more parameter values were invalid: Only DELETE action is allowed when no attribute value is "
        "specified");
  std::map<std::string, AttributeValueUpdate, std::less<>> mismatch;
  mismatch["s"] = AttributeValueUpdate{N("1"), AttributeAction::kAdd};
  auto m = FromAttributeUpdates(mismatch);
  REQUIRE(m.ok());
  CHECK(m->Apply(&old_item, &out).message() == "Type mismatch for attribute to update");
}

TEST_CASE("mixing legacy and expression parameters", "[expr][legacy]") {
  CHECK(CheckLegacyMix({"Expected"}, {}).ok());
  CHECK(CheckLegacyMix({}, {"ConditionExpression"}).ok());
  CHECK(CheckLegacyMix({"Expected"}, {"ConditionExpression"}).message() ==
        "Can not use both expression and non-expression parameters in the same request: Non-expression "
        "parameters: {Expected} Expression parameters: {ConditionExpression}");
  CHECK(CheckLegacyMix({"AttributesToGet", "QueryFilter"}, {"KeyConditionExpression", "ProjectionExpression"})
            .message() ==
        "Can not use both expression and non-expression parameters in the same request: Non-expression "
        "parameters: {AttributesToGet, QueryFilter} Expression parameters: {KeyConditionExpression, "
        "ProjectionExpression}");
}

}  // namespace
}  // namespace dynarock::expr
