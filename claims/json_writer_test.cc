#include "claims/json_writer.h"

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "claims/extractor.h"
#include "claims/test_rules.h"
#include "claims/text_util.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/descriptor.pb.h"
#include "google/protobuf/dynamic_message.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "proto/claims.pb.h"

namespace claims {
namespace {

namespace pb = google::protobuf;

// protobuf's printer, the reference for every output here.
std::string ProtobufJson(const pb::Message& message, JsonStyle style) {
  pb::util::JsonPrintOptions options;
  options.add_whitespace = style == JsonStyle::kIndented;
  std::string json;
  EXPECT_TRUE(pb::util::MessageToJsonString(message, &json, options).ok());
  // The indented form ends with a newline; MessageToJson leaves it out.
  while (!json.empty() && json.back() == '\n') json.pop_back();
  return json;
}

void ExpectSameAsProtobuf(const pb::Message& message) {
  for (JsonStyle style : {JsonStyle::kCompact, JsonStyle::kIndented}) {
    EXPECT_EQ(MessageToJson(message, style), ProtobufJson(message, style))
        << message.DebugString();
  }
}

// Every field type, as a message type built at run time.
constexpr char kAllTypesFile[] = R"pb(
  name: "json_writer_test.proto"
  package: "json_writer_test"
  syntax: "proto3"
  enum_type {
    name: "Color"
    value { name: "COLOR_UNSPECIFIED" number: 0 }
    value { name: "RED" number: 1 }
  }
  message_type {
    name: "AllTypes"
    field { name: "an_int32" number: 1 label: LABEL_OPTIONAL type: TYPE_INT32 }
    field { name: "an_int64" number: 2 label: LABEL_OPTIONAL type: TYPE_INT64 }
    field { name: "a_uint32" number: 3 label: LABEL_OPTIONAL type: TYPE_UINT32 }
    field { name: "a_uint64" number: 4 label: LABEL_OPTIONAL type: TYPE_UINT64 }
    field { name: "a_sint32" number: 5 label: LABEL_OPTIONAL type: TYPE_SINT32 }
    field { name: "a_sint64" number: 6 label: LABEL_OPTIONAL type: TYPE_SINT64 }
    field { name: "a_fixed32" number: 7 label: LABEL_OPTIONAL type: TYPE_FIXED32 }
    field { name: "a_fixed64" number: 8 label: LABEL_OPTIONAL type: TYPE_FIXED64 }
    field { name: "a_float" number: 9 label: LABEL_OPTIONAL type: TYPE_FLOAT }
    field { name: "a_double" number: 10 label: LABEL_OPTIONAL type: TYPE_DOUBLE }
    field { name: "a_bool" number: 11 label: LABEL_OPTIONAL type: TYPE_BOOL }
    field { name: "a_string" number: 12 label: LABEL_OPTIONAL type: TYPE_STRING }
    field { name: "some_bytes" number: 13 label: LABEL_OPTIONAL type: TYPE_BYTES }
    field {
      name: "a_color"
      number: 14
      label: LABEL_OPTIONAL
      type: TYPE_ENUM
      type_name: ".json_writer_test.Color"
    }
    field {
      name: "child"
      number: 15
      label: LABEL_OPTIONAL
      type: TYPE_MESSAGE
      type_name: ".json_writer_test.AllTypes"
    }
    field { name: "int64s" number: 16 label: LABEL_REPEATED type: TYPE_INT64 }
    field { name: "doubles" number: 17 label: LABEL_REPEATED type: TYPE_DOUBLE }
    field { name: "strings" number: 18 label: LABEL_REPEATED type: TYPE_STRING }
    field {
      name: "colors"
      number: 19
      label: LABEL_REPEATED
      type: TYPE_ENUM
      type_name: ".json_writer_test.Color"
    }
    field {
      name: "children"
      number: 20
      label: LABEL_REPEATED
      type: TYPE_MESSAGE
      type_name: ".json_writer_test.AllTypes"
    }
    field {
      name: "names_by_number"
      number: 21
      label: LABEL_REPEATED
      type: TYPE_MESSAGE
      type_name: ".json_writer_test.AllTypes.NamesByNumberEntry"
    }
    field {
      name: "children_by_name"
      number: 22
      label: LABEL_REPEATED
      type: TYPE_MESSAGE
      type_name: ".json_writer_test.AllTypes.ChildrenByNameEntry"
    }
    field {
      name: "counts_by_flag"
      number: 23
      label: LABEL_REPEATED
      type: TYPE_MESSAGE
      type_name: ".json_writer_test.AllTypes.CountsByFlagEntry"
    }
    field {
      name: "choice_text"
      number: 24
      label: LABEL_OPTIONAL
      type: TYPE_STRING
      oneof_index: 0
    }
    field {
      name: "choice_number"
      number: 25
      label: LABEL_OPTIONAL
      type: TYPE_INT32
      oneof_index: 0
    }
    oneof_decl { name: "choice" }
    nested_type {
      name: "NamesByNumberEntry"
      field { name: "key" number: 1 label: LABEL_OPTIONAL type: TYPE_INT32 }
      field { name: "value" number: 2 label: LABEL_OPTIONAL type: TYPE_STRING }
      options { map_entry: true }
    }
    nested_type {
      name: "ChildrenByNameEntry"
      field { name: "key" number: 1 label: LABEL_OPTIONAL type: TYPE_STRING }
      field {
        name: "value"
        number: 2
        label: LABEL_OPTIONAL
        type: TYPE_MESSAGE
        type_name: ".json_writer_test.AllTypes"
      }
      options { map_entry: true }
    }
    nested_type {
      name: "CountsByFlagEntry"
      field { name: "key" number: 1 label: LABEL_OPTIONAL type: TYPE_BOOL }
      field { name: "value" number: 2 label: LABEL_OPTIONAL type: TYPE_INT64 }
      options { map_entry: true }
    }
  }
)pb";

class AllTypes {
 public:
  AllTypes() {
    pb::FileDescriptorProto file;
    EXPECT_TRUE(pb::TextFormat::ParseFromString(kAllTypesFile, &file));
    EXPECT_NE(pool_.BuildFile(file), nullptr);
    prototype_ = factory_.GetPrototype(
        pool_.FindMessageTypeByName("json_writer_test.AllTypes"));
  }

  // A message from its text format.
  std::unique_ptr<pb::Message> Parse(const std::string& text) {
    std::unique_ptr<pb::Message> message(prototype_->New());
    EXPECT_TRUE(pb::TextFormat::ParseFromString(text, message.get())) << text;
    return message;
  }

 private:
  pb::DescriptorPool pool_;
  pb::DynamicMessageFactory factory_;
  const pb::Message* prototype_ = nullptr;
};

struct FieldCase {
  const char* name;
  const char* text_format;
};

class FieldTypeTest : public ::testing::TestWithParam<FieldCase> {};

TEST_P(FieldTypeTest, PrintsAsProtobufDoes) {
  AllTypes all_types;
  ExpectSameAsProtobuf(*all_types.Parse(GetParam().text_format));
}

INSTANTIATE_TEST_SUITE_P(
    AllTypes, FieldTypeTest,
    ::testing::Values(
        FieldCase{"Empty", ""},
        FieldCase{"Integers",
                  "an_int32: -7 an_int64: -9223372036854775808 "
                  "a_uint32: 4294967295 a_uint64: 18446744073709551615 "
                  "a_sint32: -2147483648 a_sint64: 42 a_fixed32: 9 "
                  "a_fixed64: 10"},
        FieldCase{"Floats", "a_float: 0.1 a_double: 0.1"},
        FieldCase{"FloatNeedsNineDigits", "a_float: 16777217 a_double: 1e15"},
        FieldCase{"FloatSpecials", "a_float: inf a_double: -inf"},
        FieldCase{"FloatNan", "a_float: nan a_double: nan"},
        FieldCase{"BoolStringBytes",
                  "a_bool: true a_string: \"x\" some_bytes: \"\\000\\377ab\""},
        FieldCase{"Enum", "a_color: RED colors: [RED, COLOR_UNSPECIFIED]"},
        FieldCase{"UnknownEnumValue", "a_color: 7"},
        FieldCase{"Nested",
                  "child { child { a_string: \"deep\" } } "
                  "children {} children { an_int32: 1 }"},
        FieldCase{"Repeated",
                  "int64s: [1, -2] doubles: [0.5, 1e300] "
                  "strings: [\"a\", \"\"]"},
        FieldCase{"OneMapEntryEach",
                  "names_by_number { key: -3 value: \"minus three\" } "
                  "children_by_name { key: \"k\" value { a_bool: true } } "
                  "counts_by_flag { key: true value: 5 }"},
        FieldCase{"OneofAtDefault", "choice_number: 0"},
        FieldCase{"OneofText", "choice_text: \"\""}),
    [](const ::testing::TestParamInfo<FieldCase>& info) {
      return std::string(info.param.name);
    });

TEST(MessageToJsonTest, DoublesPrintAsProtobufDoes) {
  const double values[] = {0.1,  1e20,     1e21,   1e-7,   123456.789,
                           48.2e6, 1.0 / 3, -0.0,  0.3,    9007199254740993.0,
                           1e15, 1e16,     5e-324, 1e308,  -2.5,
                           100000, 0.000001, 12345678901234567890.0};
  for (double value : values) {
    Figure figure;
    figure.set_value(value);
    ExpectSameAsProtobuf(figure);
  }
}

// Every Unicode scalar value, in strings of 4096 code points each.
TEST(MessageToJsonTest, EveryCodePointEscapedAsProtobufDoes) {
  for (uint32_t block = 0; block <= 0x10FFFF; block += 4096) {
    Document doc;
    std::string text;
    for (uint32_t c = std::max<uint32_t>(block, 1); c < block + 4096; ++c) {
      if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) continue;
      AppendUtf8(c, &text);
    }
    doc.set_text(text);
    ASSERT_EQ(MessageToJson(doc), ProtobufJson(doc, JsonStyle::kCompact))
        << "code points from U+" << absl::StrCat(absl::Hex(block));
  }
}

TEST(MessageToJsonTest, NulIsEscaped) {
  Document doc;
  doc.set_id(std::string("a\0b", 3));
  EXPECT_EQ(MessageToJson(doc), R"({"id":"a\u0000b"})");
}

TEST(MessageToJsonTest, InvalidUtf8BytesAreLeftOut) {
  const std::pair<std::string, std::string> cases[] = {
      {"a\xFF" "b", "ab"},          // never a UTF-8 byte
      {"a\xC3", "a"},               // sequence cut short
      {"\xED\xA0\x80x", "x"},       // a surrogate
      {"\xC0\xAF/", "/"},           // overlong '/'
      {"\xF4\x90\x80\x80z", "z"},   // above U+10FFFF
      {"\xE2\x80\x9Cq\xE2\x80\x9D", "\xE2\x80\x9Cq\xE2\x80\x9D"},  // valid
  };
  for (const auto& [text, kept] : cases) {
    Document doc;
    doc.set_id(text);
    EXPECT_EQ(MessageToJson(doc), absl::StrCat(R"({"id":")", kept, R"("})"));
  }
}

TEST(MessageToJsonTest, MapEntriesSortedByKey) {
  AllTypes all_types;
  std::unique_ptr<pb::Message> message = all_types.Parse(
      "names_by_number { key: 10 value: \"ten\" } "
      "names_by_number { key: -2 value: \"minus two\" } "
      "names_by_number { key: 3 value: \"three\" } "
      "counts_by_flag { key: true value: 1 } "
      "counts_by_flag { key: false value: 0 } "
      "children_by_name { key: \"b\" value {} } "
      "children_by_name { key: \"a\" value { a_string: \"x\" } }");
  const std::string json = MessageToJson(*message);
  EXPECT_EQ(json,
            R"({"namesByNumber":{"-2":"minus two","3":"three","10":"ten"},)"
            R"("childrenByName":{"a":{"aString":"x"},"b":{}},)"
            R"("countsByFlag":{"false":"0","true":"1"}})");
  // protobuf's parser reads it back to the same message.
  std::unique_ptr<pb::Message> read_back(message->New());
  ASSERT_TRUE(pb::util::JsonStringToMessage(json, read_back.get()).ok());
  EXPECT_TRUE(pb::util::MessageDifferencer::Equals(*message, *read_back));

  Document doc;
  (*doc.mutable_metadata())["source"] = "x";
  (*doc.mutable_metadata())["licence"] = "y";
  (*doc.mutable_metadata())["date"] = "z";
  EXPECT_EQ(MessageToJson(doc, JsonStyle::kIndented),
            "{\n \"metadata\": {\n  \"date\": \"z\",\n  \"licence\": \"y\",\n"
            "  \"source\": \"x\"\n }\n}");
}

// What the extractor writes for the bundled articles, whole.
TEST(MessageToJsonTest, ExtractedDocumentsPrintAsProtobufDoes) {
  const Extractor extractor(BuiltinRules());
  int documents = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator("testdata/articles")) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    Document doc;
    doc.set_id(entry.path().filename().string());
    extractor.Extract(text.str(), &doc);
    doc.set_text(text.str());
    ASSERT_GT(doc.claims_size(), 0) << entry.path();
    // One metadata entry at most: protobuf's order of several is its own.
    while (doc.metadata_size() > 1) {
      doc.mutable_metadata()->erase(doc.metadata().begin()->first);
    }
    ExpectSameAsProtobuf(doc);
    ++documents;
  }
  EXPECT_GE(documents, 2);
}

}  // namespace
}  // namespace claims
