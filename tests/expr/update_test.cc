// UpdateExpression semantics: every action, nested paths, and every error.

#include <catch2/catch.hpp>

#include "expr/expr_test_util.h"

namespace dynarock::expr {
namespace {

using testing::N;
using testing::Request;
using testing::S;

Request Values() {
  Request r;
  r.values = ExpressionAttributeValues{
      {":one", N("1")},
      {":two", N("2")},
      {":x", S("x")},
      {":y", S("y")},
      {":l", AttributeValue::L({N("3"), N("4")})},
      {":ss", AttributeValue::SS({"b", "c"})},
      {":ssa", AttributeValue::SS({"a"})},
      {":ssab", AttributeValue::SS({"a", "b"})},
      {":ns", AttributeValue::NS({Number::FromInt64(5)})},
      {":bs", AttributeValue::BS({"z"})},
      {":m", AttributeValue::M({})},
      {":big", N("99999999999999999999999999999999999999")},
      {":tiny", N("0.1")},
  };
  r.names = ExpressionAttributeNames{{"#k", "pk"}};
  return r;
}

Item Base() {
  Item item;
  item["pk"] = S("key");
  item["n"] = N("10");
  item["s"] = S("str");
  item["l"] = AttributeValue::L({N("0"), N("1"), N("2"), N("3")});
  item["m"] = AttributeValue::M({{"a", N("1")}, {"l", AttributeValue::L({S("p"), S("q")})}});
  item["ss"] = AttributeValue::SS({"a"});
  return item;
}

// Applies text to a copy of item (or to {pk} when item is null).
Result<Item> Apply(const std::string& text, const Item* item) {
  Request r = Values();
  Compiler c(r.names, r.values);
  auto u = c.CompileUpdate(text);
  if (!u.ok()) return u.status();
  Item out;
  out["pk"] = S("key");
  Status s = u->Apply(item, &out);
  if (!s.ok()) return s;
  return out;
}

Item MustApply(const std::string& text, const Item* item) {
  auto r = Apply(text, item);
  INFO(text);
  INFO(r.status().message());
  REQUIRE(r.ok());
  return *r;
}

std::string ApplyError(const std::string& text, const Item* item) {
  auto r = Apply(text, item);
  return r.ok() ? std::string() : r.status().message();
}

TEST_CASE("SET", "[expr][update]") {
  Item base = Base();
  CHECK(MustApply("SET a = :x", &base).at("a") == S("x"));
  CHECK(MustApply("SET s = :x", &base).at("s") == S("x"));
  CHECK(MustApply("SET n = n + :one", &base).at("n") == N("11"));
  CHECK(MustApply("SET n = n - :two", &base).at("n") == N("8"));
  CHECK(MustApply("SET n = :one - n", &base).at("n") == N("-9"));
  CHECK(MustApply("SET a = :one + :two", &base).at("a") == N("3"));
  CHECK(MustApply("SET a = n", &base).at("a") == N("10"));
  // Operands read the item as it was: a swap.
  Item swapped = MustApply("SET n = s, s = n", &base);
  CHECK(swapped.at("n") == S("str"));
  CHECK(swapped.at("s") == N("10"));
  // if_not_exists
  CHECK(MustApply("SET n = if_not_exists(n, :one)", &base).at("n") == N("10"));
  CHECK(MustApply("SET c = if_not_exists(c, :one)", &base).at("c") == N("1"));
  CHECK(MustApply("SET c = if_not_exists(c, :one) + :two", &base).at("c") == N("3"));
  CHECK(MustApply("SET c = if_not_exists(m.a, :two)", &base).at("c") == N("1"));
  // list_append
  CHECK(MustApply("SET l = list_append(l, :l)", &base).at("l") ==
        AttributeValue::L({N("0"), N("1"), N("2"), N("3"), N("3"), N("4")}));
  CHECK(MustApply("SET l = list_append(:l, l)", &base).at("l") ==
        AttributeValue::L({N("3"), N("4"), N("0"), N("1"), N("2"), N("3")}));
  CHECK(MustApply("SET c = list_append(if_not_exists(c, :l), :l)", &base).at("c") ==
        AttributeValue::L({N("3"), N("4"), N("3"), N("4")}));
  // Nested paths.
  Item nested = MustApply("SET m.a = :x, m.l[1] = :y, m.b = :m, l[0] = :x", &base);
  CHECK(nested.at("m").m().at("a") == S("x"));
  CHECK(nested.at("m").m().at("l") == AttributeValue::L({S("p"), S("y")}));
  CHECK(nested.at("m").m().at("b") == AttributeValue::M({}));
  CHECK(nested.at("l").l()[0] == S("x"));
  // An index past the end appends.
  CHECK(MustApply("SET l[10] = :x", &base).at("l").l().size() == 5);
  CHECK(MustApply("SET l[10] = :x", &base).at("l").l()[4] == S("x"));
  CHECK(MustApply("SET m.l[2] = :x", &base).at("m").m().at("l").l().size() == 3);
  // Several appends land in index order, not in written order.
  Item three;
  three["l"] = AttributeValue::L({S("a"), S("b"), S("c")});
  CHECK(MustApply("SET l[84] = :one, l[37] = :two, l[17] = :x, l[50] = :y", &three).at("l") ==
        AttributeValue::L({S("a"), S("b"), S("c"), S("x"), N("2"), S("y"), N("1")}));
  // Upsert: no old item.
  Item fresh = MustApply("SET a = :x, c = if_not_exists(c, :one)", nullptr);
  CHECK(fresh.size() == 3);
  CHECK(fresh.at("pk") == S("key"));
  CHECK(fresh.at("a") == S("x"));
}

TEST_CASE("SET errors", "[expr][update]") {
  Item base = Base();
  const std::string missing = "The provided expression refers to an attribute that does not exist in the item";
  const std::string bad_type = "An operand in the update expression has an incorrect data type";
  const std::string bad_path = "The document path provided in the update expression is invalid for update";
  CHECK(ApplyError("SET a = nope", &base) == missing);
  CHECK(ApplyError("SET a = nope + :one", &base) == missing);
  CHECK(ApplyError("SET a = nope", nullptr) == missing);
  CHECK(ApplyError("SET a = s + :one", &base) == bad_type);
  CHECK(ApplyError("SET a = :one - s", &base) == bad_type);
  CHECK(ApplyError("SET a = list_append(s, :l)", &base) == bad_type);
  CHECK(ApplyError("SET a = list_append(n, l)", &base) == bad_type);
  CHECK(ApplyError("SET nope.a = :x", &base) == bad_path);
  CHECK(ApplyError("SET nope[0] = :x", &base) == bad_path);
  CHECK(ApplyError("SET s.a = :x", &base) == bad_path);       // not a map
  CHECK(ApplyError("SET m[0] = :x", &base) == bad_path);      // not a list
  CHECK(ApplyError("SET l.a = :x", &base) == bad_path);
  CHECK(ApplyError("SET m.nope.x = :x", &base) == bad_path);
  CHECK(ApplyError("SET l[7].a = :x", &base) == bad_path);
  // Number overflow is Number::Add's ValidationException.
  auto over = Apply("SET a = :big + :tiny", &base);
  REQUIRE_FALSE(over.ok());
  CHECK(over.status().code() == ErrorCode::kValidation);
  CHECK(MustApply("SET a = :big + :one", &base).at("a") == N("1E38"));
}

TEST_CASE("REMOVE", "[expr][update]") {
  Item base = Base();
  // A missing or wrong-typed parent is an invalid path, unless there is no item.
  const std::string bad_path = "The document path provided in the update expression is invalid for update";
  CHECK(ApplyError("REMOVE s.c", &base) == bad_path);
  CHECK(ApplyError("REMOVE nope.c", &base) == bad_path);
  CHECK(ApplyError("REMOVE s[0]", &base) == bad_path);
  CHECK(ApplyError("REMOVE nope[0]", &base) == bad_path);
  CHECK(ApplyError("REMOVE m.nope.x", &base) == bad_path);
  CHECK(MustApply("REMOVE x.y, z[0]", nullptr).size() == 1);
  Item r = MustApply("REMOVE s, m.a, nope, m.nope", &base);
  CHECK(r.count("s") == 0);
  CHECK(r.at("m").m().count("a") == 0);
  CHECK(r.at("m").m().count("l") == 1);
  // List elements shift; indexes refer to the list before the update.
  CHECK(MustApply("REMOVE l[1]", &base).at("l") == AttributeValue::L({N("0"), N("2"), N("3")}));
  CHECK(MustApply("REMOVE l[1], l[2]", &base).at("l") == AttributeValue::L({N("0"), N("3")}));
  CHECK(MustApply("REMOVE l[2], l[0]", &base).at("l") == AttributeValue::L({N("1"), N("3")}));
  CHECK(MustApply("REMOVE l[9]", &base).at("l").l().size() == 4);
  CHECK(MustApply("REMOVE m.l[0]", &base).at("m").m().at("l") == AttributeValue::L({S("q")}));
  // Indexes refer to the list before the update, whatever the action order.
  Item six;
  six["l"] = AttributeValue::L({N("2"), N("3"), N("4"), N("5"), N("6"), N("7")});
  const AttributeValue expected = AttributeValue::L({N("2"), N("4"), N("1"), N("6"), N("7")});
  CHECK(MustApply("REMOVE l[1] SET l[3] = :one", &six).at("l") == expected);
  CHECK(MustApply("SET l[3] = :one REMOVE l[1]", &six).at("l") == expected);
  // Removing the only element or entry leaves an empty list or map.
  Item single;
  single["l"] = AttributeValue::L({N("1")});
  single["m"] = AttributeValue::M({{"b", N("1")}});
  Item emptied = MustApply("REMOVE l[0], m.b", &single);
  CHECK(emptied.at("l") == AttributeValue::L({}));
  CHECK(emptied.at("m") == AttributeValue::M({}));
  // Removing and setting together.
  Item both = MustApply("SET a = :x REMOVE s", &base);
  CHECK(both.at("a") == S("x"));
  CHECK(both.count("s") == 0);
}

TEST_CASE("ADD", "[expr][update]") {
  Item base = Base();
  CHECK(MustApply("ADD n :one", &base).at("n") == N("11"));
  CHECK(MustApply("ADD c :one", &base).at("c") == N("1"));  // created
  CHECK(MustApply("ADD ss :ss", &base).at("ss") == AttributeValue::SS({"a", "b", "c"}));
  CHECK(MustApply("ADD ss :ssa", &base).at("ss") == AttributeValue::SS({"a"}));
  CHECK(MustApply("ADD c :ns", &base).at("c") == AttributeValue::NS({Number::FromInt64(5)}));
  CHECK(MustApply("ADD m.a :two", &base).at("m").m().at("a") == N("3"));
  CHECK(MustApply("ADD c :one", nullptr).at("c") == N("1"));
  const std::string bad_type = "An operand in the update expression has an incorrect data type";
  CHECK(ApplyError("ADD s :one", &base) == bad_type);
  CHECK(ApplyError("ADD ss :ns", &base) == bad_type);  // set type mismatch
  CHECK(ApplyError("ADD n :ss", &base) == bad_type);
  CHECK(ApplyError("ADD l :ss", &base) == bad_type);
  CHECK(ApplyError("ADD nope.a :one", &base) ==
        "The document path provided in the update expression is invalid for update");
  // 10 + 38 nines needs 39 digits: Number::Add's overflow error.
  auto over = Apply("ADD c :big, n :big", &base);
  REQUIRE_FALSE(over.ok());
  CHECK(over.status().code() == ErrorCode::kValidation);
}

TEST_CASE("DELETE", "[expr][update]") {
  Item base = Base();
  base["ss"] = AttributeValue::SS({"a", "b", "c"});
  CHECK(MustApply("DELETE ss :ssa", &base).at("ss") == AttributeValue::SS({"b", "c"}));
  CHECK(MustApply("DELETE ss :ss", &base).at("ss") == AttributeValue::SS({"a"}));
  // Removing the last elements removes the attribute.
  Item small = Base();
  CHECK(MustApply("DELETE ss :ssab", &small).count("ss") == 0);
  CHECK(MustApply("DELETE nope :ss", &base).count("nope") == 0);
  const std::string bad_type = "An operand in the update expression has an incorrect data type";
  CHECK(ApplyError("DELETE ss :ns", &base) == bad_type);
  CHECK(ApplyError("DELETE s :ss", &base) == bad_type);
}

TEST_CASE("touched attributes and UPDATED_* values", "[expr][update]") {
  Request r = Values();
  Compiler c(r.names, r.values);
  auto u = c.CompileUpdate("SET a = :x, m.a = :two REMOVE s ADD #k :one DELETE ss :ssa");
  REQUIRE(u.ok());
  CHECK(u->top_level_attributes() == std::set<std::string, std::less<>>{"a", "m", "s", "pk", "ss"});
  REQUIRE(u->paths().size() == 5);
  CHECK(PathToString(u->paths()[1]) == "m.a");
  Item old_item = Base();
  Item new_item;
  auto u2 = c.CompileUpdate("SET a = :x, m.a = :two REMOVE s");
  REQUIRE(u2.ok());
  REQUIRE(u2->Apply(&old_item, &new_item).ok());
  Item updated_old = u2->UpdatedAttributes(old_item);
  CHECK(updated_old.size() == 2);  // a did not exist; m.a and s did
  CHECK(updated_old.at("m") == AttributeValue::M({{"a", N("1")}}));
  CHECK(updated_old.at("s") == S("str"));
  Item updated_new = u2->UpdatedAttributes(new_item);
  CHECK(updated_new.size() == 2);  // s is gone
  CHECK(updated_new.at("a") == S("x"));
  CHECK(updated_new.at("m") == AttributeValue::M({{"a", N("2")}}));
}

TEST_CASE("a default Update changes nothing", "[expr][update]") {
  Update u;
  Item old_item = Base();
  Item out;
  REQUIRE(u.Apply(&old_item, &out).ok());
  CHECK(out == old_item);
  CHECK(u.top_level_attributes().empty());
}

}  // namespace
}  // namespace dynarock::expr
