// Parser accept/reject tables with DynamoDB's exact messages.

#include <catch2/catch.hpp>

#include "expr/expr_test_util.h"
#include "expr/lexer.h"

namespace dynarock::expr {
namespace {

using testing::ConditionError;
using testing::N;
using testing::ProjectionError;
using testing::Request;
using testing::S;
using testing::UpdateError;

Request Std() {
  Request r;
  r.names = ExpressionAttributeNames{{"#n", "name"}, {"#s", "status"}, {"#a", "a"}};
  r.values = ExpressionAttributeValues{{":v", S("x")}, {":w", S("y")}, {":n", N("1")}, {":m", N("10")},
                                       {":b", AttributeValue::Bool(true)}, {":t", S("S")},
                                       {":bad", S("X")}, {":l", AttributeValue::L({})}};
  return r;
}

TEST_CASE("accepted conditions", "[expr][parser]") {
  const char* ok[] = {
      "a = :v",
      "a <> :v",
      "a < :v AND b <= :w OR c > :n",
      "a >= :n",
      "#n = :v",
      "a.b.c = :v",
      "a[0] = :v",
      "a[0][1].b = :v",
      "#a.#n[3] = :v",
      "a BETWEEN :n AND :m",
      "a IN (:v)",
      "a IN (:v, :w, b, c.d)",
      "NOT a = :v",
      "NOT NOT a = :v",
      "(a = :v)",
      "(a = :v) AND (b = :w)",
      "((a = :v) AND (b = :w))",
      "a = :v and b = :w or not c = :v",
      "attribute_exists(a)",
      "attribute_not_exists(#s)",
      "attribute_type(a, :t)",
      "begins_with(a, :v)",
      "contains(a, :v)",
      "contains(a, b)",
      "size(a) > :n",
      "size(a) BETWEEN :n AND :m",
      ":v = :w",
      "a = b",
      "  a   =   :v  ",
      "a=:v",
      "x_ = :v",
  };
  for (const char* text : ok) {
    INFO(text);
    CHECK(ConditionError(text, Std()) == "");
  }
}

TEST_CASE("rejected conditions name DynamoDB's reason", "[expr][parser]") {
  struct Case {
    const char* text;
    const char* message;
  };
  const Case cases[] = {
      {"", "Invalid ConditionExpression: The expression can not be empty;"},
      {"   ", "Invalid ConditionExpression: The expression can not be empty;"},
      {"a = ", "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"=\""},
      {"a < < :v", "Invalid ConditionExpression: Syntax error; token: \"<\", near: \"< < :v\""},
      {"!!! x", "Invalid ConditionExpression: Syntax error; token: \"!\", near: \"!!\""},
      {"a = :v AND", "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"AND\""},
      {"a = :v b", "Invalid ConditionExpression: Syntax error; token: \"b\", near: \":v b\""},
      {"a[x] = :v", "Invalid ConditionExpression: Syntax error; token: \"x\", near: \"[x]\""},
      {"a[-1] = :v", "Invalid ConditionExpression: Syntax error; token: \"-\", near: \"[-1\""},
      {"a BETWEEN :n OR :m", "Invalid ConditionExpression: Syntax error; token: \"OR\", near: \":n OR :m\""},
      {"a IN :v", "Invalid ConditionExpression: Syntax error; token: \":v\", near: \"IN :v\""},
      {"(a = :v", "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \":v\""},
      {"_x = :v", "Invalid ConditionExpression: Syntax error; token: \"_\", near: \"_x\""},
      {"1a = :v", "Invalid ConditionExpression: Syntax error; token: \"1\", near: \"1a\""},
      {"a = :", "Invalid ConditionExpression: Syntax error; token: \":\", near: \"= :\""},
      {"status = :v", "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: status"},
      {"a.Size = :v", "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: Size"},
      {"#x = :v",
       "Invalid ConditionExpression: An expression attribute name used in the document path is not defined; "
       "attribute name: #x"},
      {"a = :zz",
       "Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute "
       "value: :zz"},
      {"((a = :v))", "Invalid ConditionExpression: The expression has redundant parentheses;"},
      {"((a = :v AND b = :w))", "Invalid ConditionExpression: The expression has redundant parentheses;"},
      {"foo(a)", "Invalid ConditionExpression: Invalid function name; function: foo"},
      {"a = if_not_exists(a, :v)",
       "Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: "
       "if_not_exists"},
      {"a = attribute_exists(b)",
       "Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: "
       "attribute_exists"},
      {"begins_with(a)",
       "Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: "
       "begins_with, number of operands: 1"},
      {"attribute_exists(a, b)",
       "Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: "
       "attribute_exists, number of operands: 2"},
      {"size(a)",
       "Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: "
       "size"},
      {"attribute_exists(a) < :n",
       "Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: "
       "attribute_exists"},
      {"a IN ()", "Invalid ConditionExpression: Syntax error; token: \")\", near: \"()\""},
      {"a", "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"a\""},
      {"size(a, b) = :n",
       "Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: "
       "size, number of operands: 2"},
      {"attribute_exists(:v)",
       "Invalid ConditionExpression: Operator or function requires a document path; operator or function: "
       "attribute_exists"},
      {"size(:v) = :n",
       "Invalid ConditionExpression: Operator or function requires a document path; operator or function: size"},
      {"a < :b",
       "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: <, "
       "operand type: BOOL"},
      {"a BETWEEN :n AND :b",
       "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: "
       "BETWEEN, operand type: BOOL"},
      {"a BETWEEN :m AND :n",
       "Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to "
       "lower bound; lower bound operand: AttributeValue: {N:10}, upper bound operand: AttributeValue: {N:1}"},
      {"a BETWEEN :n AND :v",
       "Invalid ConditionExpression: The BETWEEN operator requires same data type for lower and upper bounds; "
       "lower bound operand: AttributeValue: {N:1}, upper bound operand: AttributeValue: {S:x}"},
      {"begins_with(a, :n)",
       "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: "
       "begins_with, operand type: N"},
      {"contains(#a, a)",
       "Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this "
       "operator or function; operator: contains, first operand: [a]"},
      {"attribute_type(a, :n)",
       "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: "
       "attribute_type, operand type: N"},
      {"attribute_type(a, :bad)",
       "Invalid ConditionExpression: Invalid attribute type name found; type: X, valid types: { B; BOOL; BS; L; "
       "M; N; NS; NULL; S; SS }"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    CHECK(ConditionError(c.text, Std()) == c.message);
  }
}

TEST_CASE("the message names the expression kind", "[expr][parser]") {
  Request r = Std();
  Compiler c(r.names, r.values);
  auto f = c.CompileFilter("a = ");
  REQUIRE_FALSE(f.ok());
  CHECK(f.status().message() == "Invalid FilterExpression: Syntax error; token: \"<EOF>\", near: \"=\"");
  auto k = c.CompileKeyCondition("a = ");
  REQUIRE_FALSE(k.ok());
  CHECK(k.status().message() == "Invalid KeyConditionExpression: Syntax error; token: \"<EOF>\", near: \"=\"");
  CHECK(f.status().code() == ErrorCode::kValidation);
}

TEST_CASE("update expression syntax", "[expr][parser]") {
  const char* ok[] = {
      "SET a = :v",
      "set a = :v, b = :w",
      "SET a = b + :n",
      "SET a = :n - b",
      "SET a = if_not_exists(a, :n)",
      "SET a = if_not_exists(a, :n) + :n",
      "SET a = if_not_exists(b, if_not_exists(c, :n))",
      "SET a = list_append(if_not_exists(a, :l), :l)",
      "SET a = list_append(a, :l)",
      "SET a = list_append(:l, if_not_exists(a, :l))",
      "SET a = (b + :n)",
      "SET a[3] = :v, b.c = :w",
      "REMOVE a, b.c, d[1]",
      "ADD a :n",
      "DELETE a :ss",
      "SET a = :v REMOVE b ADD c :n DELETE d :ss",
      "REMOVE b SET a = :v",
  };
  Request r = Std();
  r.values->emplace(":ss", AttributeValue::SS({"x"}));
  for (const char* text : ok) {
    INFO(text);
    CHECK(UpdateError(text, r) == "");
  }
  struct Case {
    const char* text;
    const char* message;
  };
  const Case bad[] = {
      {"", "Invalid UpdateExpression: The expression can not be empty;"},
      {"a = :v", "Invalid UpdateExpression: Syntax error; token: \"a\", near: \"a =\""},
      {"SET a = :v SET b = :w",
       "Invalid UpdateExpression: The \"SET\" section can only be used once in an update expression;"},
      {"SET a = :v, a = :w",
       "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of "
       "these paths; path one: [a], path two: [a]"},
      {"SET a = :v REMOVE a.b",
       "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of "
       "these paths; path one: [a], path two: [a, b]"},
      {"SET a[1] = :v REMOVE a.b",
       "Invalid UpdateExpression: Two document paths conflict with each other; must remove or rewrite one of "
       "these paths; path one: [a, [1]], path two: [a, b]"},
      {"SET a = b + :n + :n", "Invalid UpdateExpression: Syntax error; token: \"+\", near: \":n + :n\""},
      {"SET a = size(b)",
       "Invalid UpdateExpression: The function is not allowed in an update expression; function: size"},
      {"SET a = if_not_exists(:n, :n)",
       "Invalid UpdateExpression: Operator or function requires a document path; operator or function: "
       "if_not_exists"},
      {"SET a = list_append(a)",
       "Invalid UpdateExpression: Incorrect number of operands for operator or function; operator or function: "
       "list_append, number of operands: 1"},
      {"SET a = ((b + :n))", "Invalid UpdateExpression: The expression has redundant parentheses;"},
      {"ADD a :v",
       "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: "
       "STRING"},
      {"DELETE a :n",
       "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand "
       "type: NUMBER"},
      {"SET a = b + :v",
       "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: +, "
       "operand type: S"},
      {"SET a = list_append(a, :v)",
       "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: "
       "list_append, operand type: S"},
      {"ADD a b", "Invalid UpdateExpression: Syntax error; token: \"b\", near: \"a b\""},
      {"SET a = if_not_exists(a, :n + :n)", "Invalid UpdateExpression: Syntax error; token: \"+\", near: \":n + :n\""},
      {"SET a = list_append(list_append(:l, :l), :l)",
       "Invalid UpdateExpression: The function is not allowed to be used this way in an expression; function: "
       "list_append"},
      {"SET a = f(b, c)", "Invalid UpdateExpression: Invalid function name; function: f"},
      {"SET a = LIST_APPEND(a, :l)", "Invalid UpdateExpression: Invalid function name; function: LIST_APPEND"},
      {"SET :n = :n", "Invalid UpdateExpression: Syntax error; token: \":n\", near: \"SET :n =\""},
      {"SET a = :n REMOVE b SET c = :n",
       "Invalid UpdateExpression: The \"SET\" section can only be used once in an update expression;"},
      {"SET #s = :v, status = :w",
       "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: status"},
  };
  for (const auto& c : bad) {
    INFO(c.text);
    CHECK(UpdateError(c.text, r) == c.message);
  }
}

TEST_CASE("projection expression syntax", "[expr][parser]") {
  Request r;
  r.names = ExpressionAttributeNames{{"#x", "a"}, {"#b", "b"}};
  CHECK(ProjectionError("a, b.c, d[0]") == "");
  CHECK(ProjectionError("a,") == "Invalid ProjectionExpression: Syntax error; token: \"<EOF>\", near: \",\"");
  CHECK(ProjectionError("a, a[0]") ==
        "Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of "
        "these paths; path one: [a], path two: [a, [0]]");
  CHECK(ProjectionError("#x, a.#b", r) ==
        "Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of "
        "these paths; path one: [a], path two: [a, b]");
  CHECK(ProjectionError("name") == "Invalid ProjectionExpression: Attribute name is a reserved keyword; "
                                   "reserved keyword: name");
}

TEST_CASE("reserved words: the whole list, case-insensitive", "[expr][parser]") {
  REQUIRE(ReservedWordCount() == 573);
  for (size_t i = 1; i < ReservedWordCount(); ++i) {
    REQUIRE(ReservedWordAt(i - 1) < ReservedWordAt(i));
  }
  for (size_t i = 0; i < ReservedWordCount(); ++i) {
    std::string w(ReservedWordAt(i));
    REQUIRE(IsReservedWord(w));
    std::string lower = w;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    REQUIRE(IsReservedWord(lower));
  }
  CHECK(IsReservedWord("StAtUs"));
  CHECK_FALSE(IsReservedWord("statuses"));
  CHECK_FALSE(IsReservedWord("pk"));
  CHECK_FALSE(IsReservedWord(""));
  CHECK(IsReservedWord("zone"));
  CHECK(IsReservedWord("abort"));
}

TEST_CASE("names and values maps: request-level rules", "[expr][parser]") {
  SECTION("empty maps") {
    std::optional<ExpressionAttributeNames> names = ExpressionAttributeNames{};
    std::optional<ExpressionAttributeValues> values;
    Compiler c(names, values);
    CHECK(c.CompileCondition("a = b").status().message() == "ExpressionAttributeNames must not be empty");
    std::optional<ExpressionAttributeNames> n2;
    std::optional<ExpressionAttributeValues> v2 = ExpressionAttributeValues{};
    Compiler c2(n2, v2);
    CHECK(c2.CompileProjection("a").status().message() == "ExpressionAttributeValues must not be empty");
    CHECK(c2.Finish().message() == "ExpressionAttributeValues must not be empty");
    Compiler c3(n2, v2);
    CHECK(c3.Finish().message() == "ExpressionAttributeValues can only be specified when using expressions");
  }
  SECTION("bad keys") {
    std::optional<ExpressionAttributeNames> names = ExpressionAttributeNames{{"n", "x"}};
    std::optional<ExpressionAttributeValues> values;
    Compiler c(names, values);
    CHECK(c.CompileCondition("a = b").status().message() ==
          "ExpressionAttributeNames contains invalid key: Syntax error; key: \"n\"");
    std::optional<ExpressionAttributeNames> n2;
    std::optional<ExpressionAttributeValues> v2 = ExpressionAttributeValues{{"v", S("x")}};
    Compiler c2(n2, v2);
    CHECK(c2.CompileCondition("a = b").status().message() ==
          "ExpressionAttributeValues contains invalid key: Syntax error; key: \"v\"");
  }
  SECTION("invalid value") {
    std::optional<ExpressionAttributeNames> n;
    std::optional<ExpressionAttributeValues> v = ExpressionAttributeValues{{":v", AttributeValue::SS({})}};
    Compiler c(n, v);
    auto r = c.CompileCondition("a = :v");
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().message() ==
          "ExpressionAttributeValues contains invalid value: One or more parameter values were invalid: An string "
          "set  may not be empty for key :v");
    AttributeValue deep = AttributeValue::S("x");
    for (int i = 0; i < 40; ++i) deep = AttributeValue::L({deep});
    std::optional<ExpressionAttributeValues> v2 = ExpressionAttributeValues{{":d", deep}};
    Compiler c2(n, v2);
    CHECK(c2.CompileCondition("a = :d").status().message() ==
          "ExpressionAttributeValues contains invalid value: Nesting Levels have exceeded supported limits for key :d");
  }
  SECTION("unused names and values") {
    std::optional<ExpressionAttributeNames> names = ExpressionAttributeNames{{"#a", "a"}, {"#b", "b"}};
    std::optional<ExpressionAttributeValues> values =
        ExpressionAttributeValues{{":v", S("x")}, {":u", S("y")}, {":w", S("z")}};
    Compiler c(names, values);
    REQUIRE(c.CompileCondition("#a = :v").ok());
    CHECK(c.Finish().message() == "Value provided in ExpressionAttributeNames unused in expressions: keys: {#b}");
    Compiler c2(names, values);
    REQUIRE(c2.CompileCondition("#a = :v").ok());
    REQUIRE(c2.CompileUpdate("SET #b = :w").ok());
    CHECK(c2.Finish().message() == "Value provided in ExpressionAttributeValues unused in expressions: keys: {:u}");
    Compiler c3(names, values);
    REQUIRE(c3.CompileCondition("#a = :v AND :u = :w").ok());
    REQUIRE(c3.CompileProjection("#b").ok());
    CHECK(c3.Finish().ok());
  }
  SECTION("maps without expressions") {
    std::optional<ExpressionAttributeNames> names = ExpressionAttributeNames{{"#a", "a"}};
    std::optional<ExpressionAttributeValues> values;
    Compiler c(names, values);
    CHECK(c.Finish().message() == "ExpressionAttributeNames can only be specified when using expressions");
    std::optional<ExpressionAttributeNames> n2;
    std::optional<ExpressionAttributeValues> v2 = ExpressionAttributeValues{{":v", S("x")}};
    Compiler c2(n2, v2);
    CHECK(c2.Finish().message() == "ExpressionAttributeValues can only be specified when using expressions");
  }
}

}  // namespace
}  // namespace dynarock::expr
