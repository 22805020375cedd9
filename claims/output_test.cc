#include "claims/output.h"

#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"

namespace claims {
namespace {

using ::google::protobuf::util::MessageDifferencer;
using ::testing::HasSubstr;

// A document with every kind of field set, including non-ASCII text.
Document RichDocument(const std::string& id) {
  Document doc;
  doc.set_id(id);
  doc.set_path("testdata/" + id + ".txt");
  doc.set_title(
      "Council \xE2\x80\x9C"
      "approves\xE2\x80\x9D budget");
  doc.set_outlet("Riverside Courier");
  doc.set_date("2024-04-02");
  doc.set_text_length(120);
  doc.set_body_begin(20);
  (*doc.mutable_metadata())["Licence"] = "CC BY 4.0";
  Claim* claim = doc.add_claims();
  claim->set_id("c1");
  claim->mutable_span()->set_begin(20);
  claim->mutable_span()->set_end(80);
  claim->mutable_content()->set_text("the budget would rise by 4.5%");
  claim->set_mode(INDIRECT);
  claim->mutable_speaker()->set_text("the mayor");
  claim->mutable_speaker()->set_kind(PERSON);
  claim->mutable_cue()->set_lemma("say");
  Figure* figure = claim->add_figures();
  figure->set_kind(PERCENT);
  figure->set_value(4.5);
  figure->set_qualifier(EXACT);
  claim->add_rule_ids("attr.say_that");
  return doc;
}

std::vector<Document> Batch(int size) {
  std::vector<Document> docs;
  for (int i = 0; i < size; ++i) {
    docs.push_back(RichDocument("doc" + std::to_string(i)));
  }
  if (size > 1) docs[1].Clear();  // an all-default document must survive too
  return docs;
}

std::string WriteAll(OutputFormat format, const std::vector<Document>& docs) {
  std::ostringstream out;
  std::unique_ptr<DocumentWriter> writer = DocumentWriter::Create(format, &out);
  for (const Document& doc : docs) {
    absl::Status written = writer->Write(doc);
    EXPECT_TRUE(written.ok()) << written;
  }
  EXPECT_TRUE(writer->Finish().ok());
  return out.str();
}

struct RoundTripCase {
  OutputFormat format;
  int documents;
};

class RoundTripTest : public ::testing::TestWithParam<RoundTripCase> {};

TEST_P(RoundTripTest, ReadsBackWhatWasWritten) {
  std::vector<Document> docs = Batch(GetParam().documents);
  std::istringstream in(WriteAll(GetParam().format, docs));
  DocumentStreamReader reader(GetParam().format, &in);
  std::vector<Document> read;
  absl::StatusOr<Document> doc;
  while (reader.Next(&doc)) {
    ASSERT_TRUE(doc.ok()) << doc.status();
    read.push_back(*doc);
  }
  ASSERT_EQ(read.size(), docs.size());
  for (size_t i = 0; i < docs.size(); ++i) {
    EXPECT_TRUE(MessageDifferencer::Equals(read[i], docs[i]))
        << "document " << i << ":\n"
        << read[i].DebugString() << "\nexpected:\n"
        << docs[i].DebugString();
  }
}

std::vector<RoundTripCase> AllRoundTrips() {
  std::vector<RoundTripCase> cases;
  for (OutputFormat format : {OutputFormat::kJsonl, OutputFormat::kJson,
                              OutputFormat::kTextproto, OutputFormat::kBinpb}) {
    for (int documents : {0, 1, 3}) cases.push_back({format, documents});
  }
  return cases;
}

INSTANTIATE_TEST_SUITE_P(Formats, RoundTripTest,
                         ::testing::ValuesIn(AllRoundTrips()),
                         [](const auto& info) {
                           return std::string(
                                      OutputFormatName(info.param.format)) +
                                  "_" + std::to_string(info.param.documents);
                         });

TEST(JsonlWriterTest, OneCompactLinePerDocumentWithCamelCaseNames) {
  std::string out = WriteAll(OutputFormat::kJsonl, Batch(3));
  std::vector<std::string> lines = absl::StrSplit(out, '\n');
  ASSERT_EQ(lines.size(), 4u);  // three lines and the final newline
  EXPECT_EQ(lines[3], "");
  EXPECT_THAT(lines[0], HasSubstr("\"bodyBegin\":20"));
  EXPECT_THAT(lines[0], HasSubstr("\"textLength\":120"));
  EXPECT_THAT(lines[0], HasSubstr("\"ruleIds\":[\"attr.say_that\"]"));
  EXPECT_THAT(lines[0], HasSubstr("\"mode\":\"INDIRECT\""));
  // Defaults are omitted: nothing prints "parentId" or zero offsets.
  EXPECT_THAT(lines[0], Not(HasSubstr("parentId")));
  EXPECT_THAT(lines[0], Not(HasSubstr("body_begin")));
  EXPECT_EQ(lines[1], "{}");
}

TEST(JsonWriterTest, WritesAPrettyArray) {
  EXPECT_EQ(WriteAll(OutputFormat::kJson, {}), "[]\n");
  std::string out = WriteAll(OutputFormat::kJson, Batch(2));
  EXPECT_TRUE(absl::StartsWith(out, "[\n{\n")) << out;
  EXPECT_TRUE(absl::EndsWith(out, "},\n{}\n]\n")) << out;
}

TEST(TextprotoWriterTest, MarksEachDocumentAndKeepsUtf8) {
  std::string out = WriteAll(OutputFormat::kTextproto, Batch(2));
  EXPECT_TRUE(absl::StartsWith(out, "# document 1\nid: \"doc0\"\n")) << out;
  EXPECT_THAT(out, HasSubstr("\n# document 2\n"));
  EXPECT_THAT(out, HasSubstr("\xE2\x80\x9C"
                             "approves"));
}

TEST(TextprotoReaderTest, ReadsALoneTextprotoWithoutMarker) {
  std::istringstream in("# a comment\nid: \"only\"\ntitle: \"T\"\n");
  DocumentStreamReader reader(OutputFormat::kTextproto, &in);
  absl::StatusOr<Document> doc;
  ASSERT_TRUE(reader.Next(&doc));
  ASSERT_TRUE(doc.ok()) << doc.status();
  EXPECT_EQ(doc->id(), "only");
  EXPECT_FALSE(reader.Next(&doc));
}

TEST(BinpbWriterTest, PrefixesEachMessageWithItsVarintSize) {
  std::vector<Document> docs = Batch(2);
  std::string out = WriteAll(OutputFormat::kBinpb, docs);
  google::protobuf::io::CodedInputStream in(
      reinterpret_cast<const uint8_t*>(out.data()), out.size());
  for (const Document& doc : docs) {
    uint32_t size;
    ASSERT_TRUE(in.ReadVarint32(&size));
    EXPECT_EQ(size, doc.ByteSizeLong());
    std::string bytes;
    ASSERT_TRUE(in.ReadString(&bytes, size));
    EXPECT_EQ(bytes, doc.SerializeAsString());
  }
  EXPECT_EQ(in.CurrentPosition(), static_cast<int>(out.size()));
}

struct BadStreamCase {
  std::string name;
  OutputFormat format;
  std::string stream;
  // Each result: "ok:ID" or the error message.
  std::vector<std::string> results;
};

class BadStreamTest : public ::testing::TestWithParam<BadStreamCase> {};

TEST_P(BadStreamTest, ReportsWhereAndGoesOnWhenItCan) {
  std::istringstream in(GetParam().stream);
  DocumentStreamReader reader(GetParam().format, &in);
  std::vector<std::string> results;
  absl::StatusOr<Document> doc;
  while (reader.Next(&doc)) {
    results.push_back(doc.ok() ? "ok:" + doc->id()
                               : std::string(doc.status().message()));
  }
  ASSERT_EQ(results.size(), GetParam().results.size())
      << ::testing::PrintToString(results);
  for (size_t i = 0; i < results.size(); ++i) {
    EXPECT_TRUE(absl::StartsWith(results[i], GetParam().results[i]))
        << results[i];
  }
}

std::string TruncatedBinpb() {
  std::string out = WriteAll(OutputFormat::kBinpb, Batch(1));
  return out + out.substr(0, out.size() / 2);
}

INSTANTIATE_TEST_SUITE_P(
    Streams, BadStreamTest,
    ::testing::Values(
        BadStreamCase{
            "JsonlBadLine",
            OutputFormat::kJsonl,
            "{\"id\":\"a\"}\n{\"id\":\n\n{\"id\":\"c\",\"future\":1}\n",
            {"ok:a", "line 2: ", "ok:c"}},
        BadStreamCase{"JsonNotArray",
                      OutputFormat::kJson,
                      "{\"id\":\"a\"}",
                      {"not a JSON array: expected '[' at byte 0"}},
        BadStreamCase{"JsonBadElement",
                      OutputFormat::kJson,
                      "[{\"id\":\"a\"}, {\"claims\": 3}, {\"id\":\"c\"}]",
                      {"ok:a", "document 2: ", "ok:c"}},
        BadStreamCase{"TextprotoBadDocument",
                      OutputFormat::kTextproto,
                      "# document 1\nid: \"a\"\n# document 2\nid: 7 7\n"
                      "# document 3\nid: \"c\"\n",
                      {"ok:a", "document 2: 1:", "ok:c"}},
        BadStreamCase{"BinpbTruncated",
                      OutputFormat::kBinpb,
                      TruncatedBinpb(),
                      {"ok:doc0", "document 2: truncated or malformed"}}),
    [](const auto& info) { return info.param.name; });

TEST(OutputFormatTest, ParsesNames) {
  for (OutputFormat format : {OutputFormat::kJsonl, OutputFormat::kJson,
                              OutputFormat::kTextproto, OutputFormat::kBinpb}) {
    absl::StatusOr<OutputFormat> parsed =
        ParseOutputFormat(OutputFormatName(format));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, format);
  }
  EXPECT_EQ(ParseOutputFormat("xml").status().message(),
            "unknown output format \"xml\" (expected jsonl, json, textproto or "
            "binpb)");
}

// Documents encoded out of order, on other threads, and then written in
// order come out as Write writes them: the stream's framing (json's commas,
// textproto's numbers) belongs to WriteEncoded, not Encode.
TEST_P(RoundTripTest, EncodedOnThreadsWritesWhatWriteWrites) {
  std::vector<Document> docs = Batch(GetParam().documents);
  std::ostringstream out;
  std::unique_ptr<DocumentWriter> writer =
      DocumentWriter::Create(GetParam().format, &out);
  std::vector<std::string> encodings(docs.size());
  std::vector<absl::Status> statuses(docs.size());
  std::vector<std::thread> threads;
  for (size_t i = docs.size(); i-- > 0;) {
    threads.emplace_back(
        [&, i] { statuses[i] = writer->Encode(docs[i], &encodings[i]); });
  }
  for (std::thread& thread : threads) thread.join();
  for (size_t i = 0; i < docs.size(); ++i) {
    ASSERT_TRUE(statuses[i].ok()) << statuses[i];
    ASSERT_TRUE(writer->WriteEncoded(encodings[i]).ok());
  }
  ASSERT_TRUE(writer->Finish().ok());
  EXPECT_EQ(out.str(), WriteAll(GetParam().format, docs));
}

TEST(DocumentWriterTest, ReportsAFailedStream) {
  std::ostringstream out;
  out.setstate(std::ios::badbit);
  for (OutputFormat format : {OutputFormat::kJsonl, OutputFormat::kJson,
                              OutputFormat::kTextproto, OutputFormat::kBinpb}) {
    std::unique_ptr<DocumentWriter> writer =
        DocumentWriter::Create(format, &out);
    EXPECT_FALSE(writer->Write(RichDocument("a")).ok())
        << OutputFormatName(format);
  }
}

}  // namespace
}  // namespace claims
