#include "claims/document_io.h"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace claims {
namespace {

using ::testing::StartsWith;

// A fresh folder per test under the test temp dir.
class TempDir {
 public:
  TempDir() {
    const testing::TestInfo* info =
        testing::UnitTest::GetInstance()->current_test_info();
    std::string name =
        std::string(info->test_suite_name()) + "_" + info->name();
    for (char& c : name) {
      if (c == '/') c = '_';
    }
    path_ = std::filesystem::path(testing::TempDir()) / name;
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  // Writes `content` to the relative path `name` and returns the full path.
  std::string Write(const std::string& name, const std::string& content) const {
    std::filesystem::path file = path_ / name;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << content;
    return file.string();
  }
  std::string Path(const std::string& name) const {
    return (path_ / name).string();
  }

 private:
  std::filesystem::path path_;
};

// Every result of a reader, as "ok:ID" or "error:MESSAGE".
std::vector<std::string> ReadAll(DocumentReader& reader) {
  std::vector<std::string> results;
  absl::StatusOr<InputDocument> input;
  while (reader.Next(&input)) {
    results.push_back(input.ok()
                          ? "ok:" + input->document.id()
                          : "error:" + std::string(input.status().message()));
  }
  return results;
}

struct TextCase {
  std::string name;
  std::string text;
  // Empty when the text is acceptable.
  std::string error;
};

class CheckIsTextTest : public ::testing::TestWithParam<TextCase> {};

TEST_P(CheckIsTextTest, AcceptsOrNamesProblem) {
  absl::Status status = CheckIsText(GetParam().text);
  if (GetParam().error.empty()) {
    EXPECT_TRUE(status.ok()) << status;
  } else {
    EXPECT_EQ(status.message(), GetParam().error);
  }
}

std::string ControlHeavy() {
  std::string text(100, 'a');
  for (int i = 0; i < 11; ++i) text[i * 9] = '\x01';
  return text;
}

INSTANTIATE_TEST_SUITE_P(
    Texts, CheckIsTextTest,
    ::testing::Values(
        TextCase{"Ascii", "The minister said on Tuesday.\r\n", ""},
        TextCase{"Empty", "", ""},
        TextCase{"Multibyte",
                 "\xEF\xBB\xBF\xE2\x80\x9CYes,\xE2\x80\x9D she said "
                 "\xF0\x9F\x98\x80",
                 ""},
        TextCase{"FewControls", "Page\f2\x1b[0m and so on, a long enough line",
                 ""},
        TextCase{"Nul", std::string("abc\0def", 7),
                 "binary data (NUL byte at byte 3)"},
        TextCase{"ManyControls", ControlHeavy(),
                 "binary data (11 of the first 100 bytes are control "
                 "characters)"},
        TextCase{"Truncated", "abc\xC3", "invalid UTF-8 at byte 3"},
        TextCase{"Latin1", "caf\xE9 noir", "invalid UTF-8 at byte 3"},
        TextCase{"Overlong", "a\xC0\xAF", "invalid UTF-8 at byte 1"},
        TextCase{"OverlongThreeByte", "ab\xE0\x80\xAF",
                 "invalid UTF-8 at byte 2"},
        TextCase{"Surrogate", "x\xED\xA0\x80", "invalid UTF-8 at byte 1"},
        TextCase{"AboveMax", "\xF4\x90\x80\x80", "invalid UTF-8 at byte 0"},
        TextCase{"BadContinuation", "ok \xE2\x80\x41",
                 "invalid UTF-8 at byte 3"}),
    [](const auto& info) { return info.param.name; });

struct DateCase {
  std::string raw;
  std::string iso;
};

class NormalizeDateTest : public ::testing::TestWithParam<DateCase> {};

TEST_P(NormalizeDateTest, Normalizes) {
  EXPECT_EQ(NormalizeDate(GetParam().raw), GetParam().iso) << GetParam().raw;
}

INSTANTIATE_TEST_SUITE_P(
    Dates, NormalizeDateTest,
    ::testing::Values(DateCase{"2024-04-02", "2024-04-02"},
                      DateCase{" 2024-4-2 ", "2024-04-02"},
                      DateCase{"2024/04/02", "2024-04-02"},
                      DateCase{"2024-04-02T09:30:00-04:00", "2024-04-02"},
                      DateCase{"2024-04", "2024-04"}, DateCase{"2024", "2024"},
                      DateCase{"April 2, 2024", "2024-04-02"},
                      DateCase{"Tuesday, April 2, 2024", "2024-04-02"},
                      DateCase{"Apr. 2 2024", "2024-04-02"},
                      DateCase{"Sept 30, 2022", "2022-09-30"},
                      DateCase{"2nd April 2024", "2024-04-02"},
                      DateCase{"8 May 2020", "2020-05-08"},
                      DateCase{"May 2020", "2020-05"},
                      DateCase{"2024-02-30", ""}, DateCase{"2023-13", ""},
                      DateCase{"Smarch 2, 2024", ""},
                      DateCase{"last Tuesday", ""}, DateCase{"", ""}));

struct FrontMatterCase {
  std::string name;
  std::string text;
  std::string title;
  std::string date;
  std::string outlet;
  std::string path;
  std::map<std::string, std::string> metadata;
  // The text at body_begin; empty when body_begin is 0.
  std::string body_starts_with;
};

class FrontMatterTest : public ::testing::TestWithParam<FrontMatterCase> {};

TEST_P(FrontMatterTest, FillsMetadata) {
  const FrontMatterCase& c = GetParam();
  Document doc;
  ParseFrontMatter(c.text, &doc);
  EXPECT_EQ(doc.title(), c.title);
  EXPECT_EQ(doc.date(), c.date);
  EXPECT_EQ(doc.outlet(), c.outlet);
  EXPECT_EQ(doc.path(), c.path);
  std::map<std::string, std::string> metadata(doc.metadata().begin(),
                                              doc.metadata().end());
  EXPECT_EQ(metadata, c.metadata);
  size_t expected_body =
      c.body_starts_with.empty() ? 0 : c.text.find(c.body_starts_with);
  ASSERT_NE(expected_body, std::string::npos);
  EXPECT_EQ(doc.body_begin(), expected_body);
}

INSTANTIATE_TEST_SUITE_P(
    FrontMatter, FrontMatterTest,
    ::testing::Values(
        FrontMatterCase{"None",
                        "The mayor said the bridge would reopen.\n",
                        "",
                        "",
                        "",
                        "",
                        {},
                        ""},
        FrontMatterCase{"MarkdownHeading",
                        "# Introduction\nText.\n",
                        "",
                        "",
                        "",
                        "",
                        {},
                        ""},
        FrontMatterCase{"KeyWithParenthesesAndContinuation",
                        "# Source (original): White House readout,\n"
                        "#   April 18, 2016\n"
                        "# Date: 2016-04-18\n"
                        "\n"
                        "BODY President Obama spoke.\n",
                        "",
                        "2016-04-18",
                        "",
                        "",
                        {{"Source (original)",
                          "White House readout, April 18, 2016"}},
                        "\nBODY"},
        FrontMatterCase{"Full",
                        "# Title: Mayor promises bridge repairs\n"
                        "# Date: April 2, 2024\n"
                        "# Outlet: The Riverside Courier\n"
                        "# URL: https://courier.example/bridge\n"
                        "# Licence: CC BY 4.0\n"
                        "\n"
                        "BODY The mayor said.\n",
                        "Mayor promises bridge repairs",
                        "2024-04-02",
                        "The Riverside Courier",
                        "https://courier.example/bridge",
                        {{"Licence", "CC BY 4.0"}},
                        "\nBODY"},
        FrontMatterCase{
            "SourceUrl",
            "# Source: https://news.example.org/2024/a (archived copy)\n"
            "# Date: 2024-04-02\n"
            "BODY\n",
            "",
            "2024-04-02",
            "news.example.org",
            "https://news.example.org/2024/a",
            {{"Source", "https://news.example.org/2024/a (archived copy)"}},
            "BODY"},
        FrontMatterCase{"SourceName",
                        "# source: Riverside Courier\nBODY",
                        "",
                        "",
                        "Riverside Courier",
                        "",
                        {},
                        "BODY"},
        FrontMatterCase{"UnparsedDate",
                        "# Date: the spring of 2024\nBODY",
                        "",
                        "",
                        "",
                        "",
                        {{"Date", "the spring of 2024"}},
                        "BODY"},
        FrontMatterCase{
            "Crlf",
            "# Title: Council vote  \r\n# Date: 2024-04-02\r\nBODY\r\n",
            "Council vote",
            "2024-04-02",
            "",
            "",
            {},
            "BODY"},
        FrontMatterCase{"AfterBom",
                        "\xEF\xBB\xBF# Title: Council vote\nBODY",
                        "Council vote",
                        "",
                        "",
                        "",
                        {},
                        "BODY"},
        FrontMatterCase{"StopsAtFirstOtherLine",
                        "# Title: A\nBODY\n# Date: 2024-04-02\n",
                        "A",
                        "",
                        "",
                        "",
                        {},
                        "BODY"}),
    [](const auto& info) { return info.param.name; });

TEST(FrontMatterTest, OnlyFrontMatterBodyIsTheEnd) {
  for (std::string text :
       {"# Title: Council vote\n", "# Title: Council vote"}) {
    Document doc;
    ParseFrontMatter(text, &doc);
    EXPECT_EQ(doc.title(), "Council vote");
    EXPECT_EQ(doc.body_begin(), text.size());
  }
}

TEST(ReadTextDocumentTest, KeepsBytesAsGiven) {
  TempDir dir;
  const std::string text =
      "\xEF\xBB\xBF# Title: Council vote\r\n\r\n\xE2\x80\x9CWe will act,"
      "\xE2\x80\x9D the mayor said.\r\n";
  std::string path = dir.Write("crlf_bom.txt", text);
  absl::StatusOr<InputDocument> input = ReadTextDocument(path);
  ASSERT_TRUE(input.ok()) << input.status();
  EXPECT_EQ(input->text, text);
  EXPECT_EQ(input->document.id(), path);
  EXPECT_EQ(input->document.path(), path);
  EXPECT_EQ(input->document.title(), "Council vote");
  EXPECT_EQ(input->document.body_begin(), text.find("\r\n\xE2\x80\x9C"));
}

struct RejectCase {
  std::string name;
  std::string content;
  std::string problem;
};

class RejectTest : public ::testing::TestWithParam<RejectCase> {};

TEST_P(RejectTest, NamesPathAndProblem) {
  TempDir dir;
  std::string path = dir.Write("input.txt", GetParam().content);
  absl::StatusOr<InputDocument> input = ReadTextDocument(path);
  ASSERT_FALSE(input.ok());
  EXPECT_EQ(input.status().message(), path + ": " + GetParam().problem);
}

INSTANTIATE_TEST_SUITE_P(
    Rejections, RejectTest,
    ::testing::Values(RejectCase{"Binary",
                                 std::string("\x7f"
                                             "ELF\x02\x01\x01\0\0",
                                             9),
                                 "binary data (NUL byte at byte 7)"},
                      RejectCase{"InvalidUtf8", "The caf\xE9 owner said so.",
                                 "invalid UTF-8 at byte 7"}),
    [](const auto& info) { return info.param.name; });

TEST(ReadTextDocumentTest, RejectsMissingFile) {
  TempDir dir;
  std::string path = dir.Path("missing.txt");
  absl::StatusOr<InputDocument> input = ReadTextDocument(path);
  EXPECT_TRUE(absl::IsNotFound(input.status()));
  EXPECT_EQ(input.status().message(), path + ": No such file or directory");
}

TEST(ReadTextDocumentTest, RejectsDirectory) {
  TempDir dir;
  absl::StatusOr<InputDocument> input = ReadTextDocument(dir.Path(""));
  EXPECT_EQ(input.status().message(), dir.Path("") + ": is a directory");
}

TEST(ReadTextDocumentTest, RejectsUnreadableFile) {
  if (geteuid() == 0) GTEST_SKIP() << "root reads any file";
  TempDir dir;
  std::string path = dir.Write("secret.txt", "text");
  ASSERT_EQ(chmod(path.c_str(), 0), 0);
  absl::StatusOr<InputDocument> input = ReadTextDocument(path);
  EXPECT_TRUE(absl::IsPermissionDenied(input.status()));
  EXPECT_EQ(input.status().message(),
            path + ": cannot open: Permission denied");
}

TEST(ReadTextDocumentTest, RejectsFileWhoseReadFails) {
  // Reading /proc/self/mem from offset 0 fails with EIO, even for root.
  const std::string path = "/proc/self/mem";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "needs Linux /proc";
  absl::StatusOr<InputDocument> input = ReadTextDocument(path);
  EXPECT_EQ(input.status().message(),
            path + ": read error: Input/output error");
}

struct JsonlLineCase {
  std::string name;
  std::string line;
  std::string error;  // empty: parses
};

class JsonlLineTest : public ::testing::TestWithParam<JsonlLineCase> {};

TEST_P(JsonlLineTest, ParsesOrExplains) {
  absl::StatusOr<InputDocument> input = ParseJsonlDocument(GetParam().line);
  if (GetParam().error.empty()) {
    EXPECT_TRUE(input.ok()) << input.status();
  } else {
    EXPECT_EQ(input.status().message(), GetParam().error);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Lines, JsonlLineTest,
    ::testing::Values(
        JsonlLineCase{"Minimal", R"({"text": "Officials said so."})", ""},
        JsonlLineCase{
            "NullExtras",
            R"({"text": "x", "place": null, "lead": null, "title": null})", ""},
        JsonlLineCase{"NotJson", "The minister said.",
                      "not a JSON object: expected '{' at byte 0"},
        JsonlLineCase{"Truncated", R"({"id": "7", "text": "The minis)",
                      "not a JSON object: unterminated string at end of input "
                      "(byte 30)"},
        JsonlLineCase{"NoText", R"({"id": "7"})", "no \"text\" member"},
        JsonlLineCase{"NullText", R"({"text": null})", "no \"text\" member"},
        JsonlLineCase{"NumberText", R"({"text": 42})",
                      "\"text\" is a number, not a string"},
        JsonlLineCase{"ArrayTitle", R"({"text": "x", "title": ["a"]})",
                      "\"title\" is an array, not a string"},
        JsonlLineCase{"ObjectId", R"({"id": {"n": 1}, "text": "x"})",
                      "\"id\" is an object, not a string or number"},
        JsonlLineCase{"EscapedNul", R"({"text": "a\u0000b"})",
                      "\"text\": binary data (NUL byte at byte 1)"},
        JsonlLineCase{"BadUtf8", "{\"text\": \"caf\xE9\"}",
                      "\"text\": invalid UTF-8 at byte 3"}),
    [](const auto& info) { return info.param.name; });

TEST(ParseJsonlDocumentTest, FillsDocument) {
  absl::StatusOr<InputDocument> input = ParseJsonlDocument(
      R"({"id": 6152, "url": "https://example.org/news/6152", "title": "Talks",)"
      R"( "date": "2009-11-29", "place": null, "text": "Line one.\nLine two."})");
  ASSERT_TRUE(input.ok()) << input.status();
  EXPECT_EQ(input->text, "Line one.\nLine two.");
  EXPECT_EQ(input->document.id(), "6152");
  EXPECT_EQ(input->document.path(), "https://example.org/news/6152");
  EXPECT_EQ(input->document.title(), "Talks");
  EXPECT_EQ(input->document.date(), "2009-11-29");
  EXPECT_EQ(input->document.body_begin(), 0u);
  EXPECT_TRUE(input->document.metadata().empty());
}

TEST(DocumentReaderTest, JsonlBadLinesDoNotStopTheFile) {
  TempDir dir;
  std::string path = dir.Write(
      "batch.jsonl",
      "{\"id\": \"a\", \"text\": \"The ministry said.\"}\n"
      "not json\n"
      "\n"
      "{\"id\": \"c\"}\r\n"
      "{\"text\": \"No id here.\", \"url\": \"https://example.org/x\"}\r\n"
      "{\"id\": 5, \"text\": 5}\n"
      "{\"id\": \"e\", \"text\": \"Last line, no newline.\"}");
  DocumentReader reader({path}, {InputFormat::kJsonl});
  EXPECT_THAT(
      ReadAll(reader),
      ::testing::ElementsAre(
          "ok:a",
          "error:" + path + ":2: not a JSON object: expected '{' at byte 0",
          "error:" + path + ":4: no \"text\" member", "ok:" + path + ":5",
          "error:" + path + ":6: \"text\" is a number, not a string", "ok:e"));
}

TEST(DocumentReaderTest, JsonlPathDefaultsToFile) {
  TempDir dir;
  std::string path = dir.Write("one.jsonl", "{\"id\": 1, \"text\": \"x\"}\n");
  DocumentReader reader({path}, {InputFormat::kJsonl});
  absl::StatusOr<InputDocument> input;
  ASSERT_TRUE(reader.Next(&input));
  ASSERT_TRUE(input.ok()) << input.status();
  EXPECT_EQ(input->document.path(), path);
  EXPECT_FALSE(reader.Next(&input));
}

TEST(DocumentReaderTest, MissingFileDoesNotStopTheBatch) {
  TempDir dir;
  std::string first = dir.Write("a.txt", "The mayor said.");
  std::string missing = dir.Path("b.txt");
  std::string last = dir.Write("c.txt", "The council said.");
  DocumentReader reader({first, missing, dir.Path(""), last}, {});
  EXPECT_THAT(
      ReadAll(reader),
      ::testing::ElementsAre(
          "ok:" + first, "error:" + missing + ": No such file or directory",
          "error:" + dir.Path("") + ": is a directory", "ok:" + last));
}

TEST(DocumentReaderTest, RecursesIntoDirectoriesInPathOrder) {
  TempDir dir;
  dir.Write("corpus/b.txt", "B said.");
  dir.Write("corpus/a/z.txt", "Z said.");
  dir.Write("corpus/a/notes.md", "not an article");
  dir.Write("corpus/.hidden/h.txt", "hidden");
  dir.Write("corpus/.h.txt", "hidden");
  DocumentReader reader({dir.Path("corpus")},
                        {InputFormat::kText, /*recurse_directories=*/true});
  EXPECT_THAT(ReadAll(reader),
              ::testing::ElementsAre("ok:" + dir.Path("corpus/a/z.txt"),
                                     "ok:" + dir.Path("corpus/b.txt")));
}

TEST(DocumentReaderTest, RecursionPicksJsonlFiles) {
  TempDir dir;
  dir.Write("in/x.jsonl", "{\"id\": \"x1\", \"text\": \"t\"}\n");
  dir.Write("in/x.txt", "ignored");
  DocumentReader reader({dir.Path("in")},
                        {InputFormat::kJsonl, /*recurse_directories=*/true});
  EXPECT_THAT(ReadAll(reader), ::testing::ElementsAre("ok:x1"));
}

TEST(InputFormatTest, ParsesNames) {
  for (InputFormat format : {InputFormat::kText, InputFormat::kJsonl}) {
    absl::StatusOr<InputFormat> parsed =
        ParseInputFormat(InputFormatName(format));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, format);
  }
  EXPECT_THAT(std::string(ParseInputFormat("csv").status().message()),
              StartsWith("unknown input format \"csv\""));
}

}  // namespace
}  // namespace claims
