#include "claims/json_object.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace claims {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

struct MemberCase {
  std::string json;
  std::string key;
  JsonValue::Type type;
  std::string text;
};

class JsonMemberTest : public ::testing::TestWithParam<MemberCase> {};

TEST_P(JsonMemberTest, DecodesMember) {
  const MemberCase& c = GetParam();
  absl::StatusOr<JsonObject> object = ParseJsonObject(c.json);
  ASSERT_TRUE(object.ok()) << object.status();
  const JsonValue* value = object->Find(c.key);
  ASSERT_NE(value, nullptr);
  EXPECT_EQ(value->type, c.type);
  EXPECT_EQ(value->text, c.text);
}

INSTANTIATE_TEST_SUITE_P(
    Members, JsonMemberTest,
    ::testing::Values(
        MemberCase{R"({"id": "6152"})", "id", JsonValue::kString, "6152"},
        // Numbers keep their exact spelling, beyond double precision.
        MemberCase{R"({"id": 12345678901234567890})", "id", JsonValue::kNumber,
                   "12345678901234567890"},
        MemberCase{R"({"x": -0.5e+3})", "x", JsonValue::kNumber, "-0.5e+3"},
        MemberCase{R"({"t": "a\"b\\c\/d\n\t"})", "t", JsonValue::kString,
                   "a\"b\\c/d\n\t"},
        MemberCase{R"({"t": "caf\u00e9 \u2014 \ud83d\ude00"})", "t",
                   JsonValue::kString,
                   "caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x98\x80"},
        MemberCase{"{\"t\": \"\xE2\x80\x9Craw\xE2\x80\x9D\"}", "t",
                   JsonValue::kString, "\xE2\x80\x9Craw\xE2\x80\x9D"},
        MemberCase{R"({"place": null})", "place", JsonValue::kNull, "null"},
        MemberCase{R"({"ok": true})", "ok", JsonValue::kTrue, "true"},
        MemberCase{R"({"tags": [1, {"a": []}], "x": 1})", "tags",
                   JsonValue::kArray, R"([1, {"a": []}])"},
        MemberCase{R"({"meta": {"k": "v"}})", "meta", JsonValue::kObject,
                   R"({"k": "v"})"},
        MemberCase{R"({"k": 1, "k": 2})", "k", JsonValue::kNumber, "2"},
        MemberCase{" \t{\"k\":\"v\"}\r\n", "k", JsonValue::kString, "v"}));

struct ErrorCase {
  std::string json;
  std::string message;
};

class JsonErrorTest : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(JsonErrorTest, ReportsProblemAndByte) {
  absl::StatusOr<JsonObject> object = ParseJsonObject(GetParam().json);
  ASSERT_FALSE(object.ok());
  EXPECT_EQ(object.status().message(), GetParam().message);
}

INSTANTIATE_TEST_SUITE_P(
    Errors, JsonErrorTest,
    ::testing::Values(
        ErrorCase{"", "expected '{' at end of input (byte 0)"},
        ErrorCase{"[1]", "expected '{' at byte 0"},
        ErrorCase{R"({"a" 1})", "expected ':' after an object key at byte 5"},
        ErrorCase{R"({"a": 1,})", "expected a string at byte 8"},
        ErrorCase{R"({"a": 1} x)", "unexpected text after the value at byte 9"},
        ErrorCase{R"({"a": tru})", "invalid value at byte 6"},
        ErrorCase{R"({"a": 01})", "expected ',' or '}' at byte 7"},
        ErrorCase{R"({"a": 1.})", "expected a digit after '.' at byte 8"},
        ErrorCase{R"({"a": "x)",
                  "unterminated string at end of input (byte 8)"},
        ErrorCase{"{\"a\": \"x\ty\"}",
                  "unescaped control character U+0009 in string at byte 8"},
        ErrorCase{R"({"a": "\q"})", "invalid escape \\q at byte 7"},
        ErrorCase{R"({"a": "\u12"})",
                  "expected four hex digits after \\u at byte 11"},
        ErrorCase{R"({"a": "\ud83d x"})",
                  "unpaired UTF-16 surrogate at byte 7"},
        ErrorCase{R"({"a": "\ude00"})",
                  "unpaired UTF-16 surrogate at byte 7"}));

TEST(JsonObjectTest, RefusesDeepNesting) {
  std::string json =
      "{\"a\": " + std::string(600, '[') + std::string(600, ']') + "}";
  absl::StatusOr<JsonObject> object = ParseJsonObject(json);
  ASSERT_FALSE(object.ok());
  EXPECT_THAT(object.status().message(), HasSubstr("nesting too deep"));
}

TEST(JsonObjectTest, MissingKeyIsNull) {
  absl::StatusOr<JsonObject> object = ParseJsonObject("{}");
  ASSERT_TRUE(object.ok());
  EXPECT_EQ(object->Find("text"), nullptr);
}

TEST(SplitJsonArrayTest, ReturnsElementText) {
  absl::StatusOr<std::vector<absl::string_view>> elements =
      SplitJsonArray(" [ {\"a\": [1, 2]} ,\n\"s,]\", 3 ]\n");
  ASSERT_TRUE(elements.ok()) << elements.status();
  EXPECT_THAT(*elements, ElementsAre("{\"a\": [1, 2]}", "\"s,]\"", "3"));
}

TEST(SplitJsonArrayTest, EmptyArray) {
  absl::StatusOr<std::vector<absl::string_view>> elements =
      SplitJsonArray("[]");
  ASSERT_TRUE(elements.ok());
  EXPECT_TRUE(elements->empty());
}

TEST(SplitJsonArrayTest, ReportsUnclosedArray) {
  absl::StatusOr<std::vector<absl::string_view>> elements =
      SplitJsonArray("[{}, {}");
  ASSERT_FALSE(elements.ok());
  EXPECT_EQ(elements.status().message(),
            "expected ',' or ']' at end of input (byte 7)");
}

}  // namespace
}  // namespace claims
