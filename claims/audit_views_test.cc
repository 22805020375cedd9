#include "claims/audit_views.h"

#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "claims/audit.h"
#include "claims/document_io.h"
#include "claims/extractor.h"
#include "claims/test_rules.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"

namespace claims {
namespace {

// The audit of testdata/audit fixtures, each its own input.
AuditReport FixtureReport(const std::vector<std::string>& files = {
                              "harbour_sources.txt", "harbour_named.txt",
                              "not_sources.txt", "summit_briefing.txt"}) {
  const Extractor extractor(BuiltinRules());
  const Auditor auditor(BuiltinRules());
  AuditReportBuilder builder;
  for (const std::string& file : files) {
    const std::string path = "testdata/audit/" + file;
    absl::StatusOr<InputDocument> input = ReadTextDocument(path);
    EXPECT_TRUE(input.ok()) << input.status();
    if (!input.ok()) continue;
    extractor.Extract(input->text, &input->document);
    builder.Add(auditor.Audit(input->document, input->text), path);
  }
  return std::move(builder).Finish();
}

int CountOf(const std::string& haystack, const std::string& needle) {
  int count = 0;
  for (size_t pos = haystack.find(needle); pos != std::string::npos;
       pos = haystack.find(needle, pos + 1)) {
    ++count;
  }
  return count;
}

int AllFlags(const AuditReport& report) {
  int flags = 0;
  for (const DocumentAudit& doc : report.documents()) flags += doc.flags_size();
  return flags;
}

TEST(AuditViewsTest, CsvHasOneRowPerDocumentAndEqualColumns) {
  const AuditReport report = FixtureReport();
  std::ostringstream out;
  WriteAuditCsv(report, out);
  std::vector<std::string> rows =
      absl::StrSplit(out.str(), "\r\n", absl::SkipEmpty());
  ASSERT_EQ(rows.size(), static_cast<size_t>(report.documents_size()) + 1);
  // No field of the fixtures holds a comma, so columns split plainly.
  const size_t columns = std::vector<std::string>(absl::StrSplit(rows[0], ','))
                             .size();
  for (const std::string& row : rows) {
    EXPECT_EQ(std::vector<std::string>(absl::StrSplit(row, ',')).size(),
              columns)
        << row;
  }
  EXPECT_TRUE(absl::StartsWith(rows[1], report.documents(0).document_id()));
}

TEST(AuditViewsTest, JsonRoundTrips) {
  const AuditReport report = FixtureReport();
  std::ostringstream out;
  ASSERT_TRUE(WriteAuditJson(report, out).ok());
  AuditReport parsed;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(out.str(), &parsed)
                  .ok());
  EXPECT_TRUE(
      google::protobuf::util::MessageDifferencer::Equals(parsed, report));
}

TEST(AuditViewsTest, HtmlHasABarPerGroupAndEveryFlag) {
  const AuditReport report = FixtureReport();
  std::ostringstream out;
  WriteAuditHtml(report, out);
  const std::string html = out.str();
  EXPECT_TRUE(absl::StartsWith(html, "<!DOCTYPE html>"));
  EXPECT_EQ(CountOf(html, "<svg"), 1);
  // One fixture names no outlet, so the bars are per input.
  EXPECT_EQ(CountOf(html, "<g class=\"bar\">"), report.inputs_size());
  EXPECT_EQ(CountOf(html, "<li id=\"flag-"), AllFlags(report));
  EXPECT_EQ(CountOf(html, "<mark>"), AllFlags(report));
  EXPECT_FALSE(absl::StrContains(html, "http://") &&
               absl::StrContains(html, "<link"));
  EXPECT_FALSE(absl::StrContains(html, "<script"));
}

TEST(AuditViewsTest, HtmlBarsPerOutletWhenEveryDocumentNamesOne) {
  const AuditReport report = FixtureReport(
      {"harbour_sources.txt", "harbour_named.txt", "not_sources.txt"});
  std::ostringstream out;
  WriteAuditHtml(report, out);
  ASSERT_EQ(report.outlets_size(), 2);
  EXPECT_EQ(CountOf(out.str(), "<g class=\"bar\">"), 2);
  EXPECT_TRUE(absl::StrContains(out.str(), "per outlet"));
}

TEST(AuditViewsTest, HtmlLimitsBarsAndFlagsAndEscapes) {
  AuditReport report = FixtureReport();
  report.clear_outlets();
  report.mutable_documents(0)->set_document_id("<b>&");
  AuditHtmlOptions options;
  options.max_bars = 2;
  options.max_flags = 1;
  std::ostringstream out;
  WriteAuditHtml(report, out, options);
  const std::string html = out.str();
  EXPECT_EQ(CountOf(html, "<g class=\"bar\">"), 2);
  EXPECT_EQ(CountOf(html, "<li id=\"flag-"), 1);
  EXPECT_FALSE(absl::StrContains(html, "<b>&"));
  EXPECT_TRUE(absl::StrContains(html, "&lt;b&gt;&amp;"));
}

TEST(AuditViewsTest, TableShowsEveryClassAndFlagKind) {
  const AuditReport report = FixtureReport();
  std::ostringstream out;
  WriteAuditTable(report, out);
  const std::string table = out.str();
  for (const char* word :
       {"named person", "named organization", "anonymous", "unattributed",
        "bare_source", "no_anonymity_reason", "anonymous_opinion",
        "anonymous_only_figure", "unattributed_figure", "By outlet",
        "Harbour Gazette", "By input"}) {
    EXPECT_TRUE(absl::StrContains(table, word)) << word;
  }
}

}  // namespace
}  // namespace claims
