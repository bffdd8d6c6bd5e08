#include "api/value_json.h"

#include <catch2/catch.hpp>

namespace dynarock::api {
namespace {

using nlohmann::json;

AttributeValue Parse(const std::string& text) {
  AttributeValue v;
  Status s = ParseAttributeValue(json::parse(text), &v);
  INFO(text << " -> " << s.ToString());
  REQUIRE(s.ok());
  return v;
}

std::string Write(const AttributeValue& v) {
  std::string out;
  JsonWriter w(&out);
  WriteAttributeValue(w, v);
  return out;
}

Status ParseError(const std::string& text) {
  AttributeValue v;
  return ParseAttributeValue(json::parse(text), &v);
}

TEST_CASE("all ten types round-trip through DynamoDB JSON") {
  const char* cases[] = {
      R"({"S":"hello \"w\"\n\u0001é"})",
      R"({"N":"123.45"})",
      R"({"B":"AAEC/w=="})",
      R"({"BOOL":true})",
      R"({"BOOL":false})",
      R"({"NULL":true})",
      R"({"M":{"a":{"S":"x"},"b":{"L":[{"N":"1"},{"NULL":true}]}}})",
      R"({"L":[{"S":"a"},{"M":{}},{"L":[]}]})",
      R"({"SS":["a","b"]})",
      R"({"NS":["1","-2.5"]})",
      R"({"BS":["AA==","AQI="]})",
  };
  for (const char* text : cases) {
    AttributeValue v = Parse(text);
    std::string out = Write(v);
    INFO(text << " wrote " << out);
    REQUIRE(json::parse(out) == json::parse(text));
    REQUIRE(Parse(out) == v);
  }
  REQUIRE(Parse(R"({"B":"AAEC/w=="})").b() == std::string("\x00\x01\x02\xff", 4));
}

TEST_CASE("numbers are returned in DynamoDB's normal form") {
  REQUIRE(Write(Parse(R"({"N":"1E2"})")) == R"({"N":"100"})");
  REQUIRE(Write(Parse(R"({"N":"0.10"})")) == R"({"N":"0.1"})");
  REQUIRE(Write(Parse(R"({"N":"-0"})")) == R"({"N":"0"})");
  REQUIRE(Write(Parse(R"({"N":"00012.500"})")) == R"({"N":"12.5"})");
  REQUIRE(Write(Parse(R"({"NS":["1e-3","+7"]})")) == R"({"NS":["0.001","7"]})");
}

TEST_CASE("base64 follows RFC 4648 test vectors") {
  const std::pair<const char*, const char*> vectors[] = {{"", ""},
                                                         {"f", "Zg=="},
                                                         {"fo", "Zm8="},
                                                         {"foo", "Zm9v"},
                                                         {"foob", "Zm9vYg=="},
                                                         {"fooba", "Zm9vYmE="},
                                                         {"foobar", "Zm9vYmFy"}};
  for (auto [plain, encoded] : vectors) {
    REQUIRE(Base64Encode(plain) == encoded);
    std::string back;
    REQUIRE(Base64Decode(encoded, &back).ok());
    REQUIRE(back == plain);
  }
}

TEST_CASE("invalid base64 is a SerializationException") {
  std::string out;
  Status s = Base64Decode("23456", &out);
  REQUIRE(s.code() == ErrorCode::kSerialization);
  REQUIRE(s.message() == "Base64 encoded length is expected a multiple of 4 bytes but found: 5");
  REQUIRE(Base64Decode("=+/=", &out).message() == "Invalid last non-pad Base64 character dectected");
  REQUIRE(Base64Decode("+/+=", &out).message() == "Invalid last non-pad Base64 character dectected");
  REQUIRE(Base64Decode("ab!d", &out).code() == ErrorCode::kSerialization);
  REQUIRE(ParseError(R"({"B":"abc"})").code() == ErrorCode::kSerialization);
}

TEST_CASE("wrong JSON kinds give DynamoDB's SerializationException texts") {
  struct Case {
    const char* json;
    const char* message;
  };
  const Case cases[] = {
      {R"({"S":5})", "NUMBER_VALUE cannot be converted to String"},
      {R"({"S":true})", "TRUE_VALUE cannot be converted to String"},
      {R"({"S":false})", "FALSE_VALUE cannot be converted to String"},
      {R"({"S":1.5})", "DECIMAL_VALUE cannot be converted to String"},
      {R"({"S":[]})", "Unrecognized collection type class java.lang.String"},
      {R"({"S":{}})", "Start of structure or map found where not expected"},
      {R"({"N":23})", "NUMBER_VALUE cannot be converted to String"},
      {R"({"BOOL":"23"})", "Unexpected token received from parser"},
      {R"({"BOOL":23})", "NUMBER_VALUE cannot be converted to Boolean"},
      {R"({"NULL":34.56})", "DECIMAL_VALUE cannot be converted to Boolean"},
      {R"({"B":true})", "only base-64-encoded strings are convertible to bytes"},
      {R"({"B":[]})", "Unrecognized collection type class java.nio.ByteBuffer"},
      {R"({"SS":"23"})", "Unexpected field type"},
      {R"({"SS":{}})", "Start of structure or map found where not expected"},
      {R"({"SS":[1]})", "NUMBER_VALUE cannot be converted to String"},
      {R"({"L":23})", "Unexpected field type"},
      {R"({"L":[23]})", "Unexpected value type in payload"},
      {R"({"L":[[]]})", "Unrecognized collection type class com.amazonaws.dynamodb.v20120810.AttributeValue"},
      {R"({"M":true})", "Unexpected field type"},
      {R"({"M":[]})",
       "Unrecognized collection type java.util.Map<java.lang.String, "
       "com.amazonaws.dynamodb.v20120810.AttributeValue>"},
      {R"({"M":{"a":{"N":5}}})", "NUMBER_VALUE cannot be converted to String"},
  };
  for (const Case& c : cases) {
    Status s = ParseError(c.json);
    INFO(c.json << " -> " << s.ToString());
    REQUIRE(s.code() == ErrorCode::kSerialization);
    REQUIRE(s.message() == c.message);
  }
}

TEST_CASE("a value needs exactly one type") {
  Status empty = ParseError(R"({})");
  REQUIRE(empty.code() == ErrorCode::kValidation);
  REQUIRE(empty.message() == "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
  Status two = ParseError(R"({"S":"a","N":"1"})");
  REQUIRE(two.code() == ErrorCode::kValidation);
  REQUIRE(two.message() ==
          "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported "
          "datatypes");
  // An unknown member is ignored, a null member is absent.
  REQUIRE(Parse(R"({"S":"a","X":1,"N":null})") == AttributeValue::S("a"));
  Status null_false = ParseError(R"({"NULL":false})");
  REQUIRE(null_false.code() == ErrorCode::kValidation);
  REQUIRE(null_false.message() ==
          "One or more parameter values were invalid: Null attribute value types must have the value of true");
}

TEST_CASE("bad numbers are ValidationExceptions from Number::Parse") {
  REQUIRE(ParseError(R"({"N":"abc"})").code() == ErrorCode::kValidation);
  REQUIRE(ParseError(R"({"N":"123456789012345678901234567890123456789"})").code() == ErrorCode::kValidation);
  REQUIRE(ParseError(R"({"NS":["1","x"]})").code() == ErrorCode::kValidation);
}

TEST_CASE("a nesting bomb is refused without deep recursion") {
  std::string text;
  for (int i = 0; i < 10000; ++i) text += R"({"L":[)";
  text += R"({"S":"x"})";
  for (int i = 0; i < 10000; ++i) text += "]}";
  Status s = ParseError(text);
  REQUIRE(s.code() == ErrorCode::kValidation);
}

TEST_CASE("JsonWriter escapes control characters and quotes") {
  std::string out;
  JsonWriter w(&out);
  w.String(std::string("a\"b\\c\x01\x1f\n", 8));
  REQUIRE(out == R"("a\"b\\c\u0001\u001f\n")");
  REQUIRE(json::parse(out).get<std::string>() == std::string("a\"b\\c\x01\x1f\n", 8));
}

}  // namespace
}  // namespace dynarock::api
