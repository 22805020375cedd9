#include "claims/diff.h"

#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "claims/document_io.h"
#include "claims/extractor.h"
#include "claims/test_rules.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace claims {
namespace {

using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using ::testing::IsSupersetOf;

DiffInput FromText(const std::string& id, const std::string& text) {
  DiffInput input;
  input.document.set_id(id);
  input.text = text;
  Extractor(BuiltinRules()).Extract(input.text, &input.document);
  return input;
}

DiffInput FromFile(const std::string& path) {
  absl::StatusOr<InputDocument> read = ReadTextDocument(path);
  EXPECT_TRUE(read.ok()) << read.status();
  if (!read.ok()) return {};
  DiffInput input;
  input.document = read->document;
  input.text = read->text;
  Extractor(BuiltinRules()).Extract(input.text, &input.document);
  return input;
}

DiffReport DiffFiles(const std::string& a, const std::string& b,
                     DiffOptions options = {}) {
  return Differ(BuiltinRules(), options)
      .Diff({FromFile("testdata/diff/" + a), FromFile("testdata/diff/" + b)});
}

std::multiset<std::string> DifferenceLabels(const DiffReport& report) {
  std::multiset<std::string> labels;
  for (const Finding& finding : report.findings()) {
    if (finding.label() != AGREE) labels.insert(DiffLabel_Name(finding.label()));
  }
  return labels;
}

const Finding* FindLabel(const DiffReport& report, DiffLabel label) {
  for (const Finding& finding : report.findings()) {
    if (finding.label() == label) return &finding;
  }
  return nullptr;
}

// One fixture pair per label: what differs, and how the finding says it.
struct LabelCase {
  const char* a;
  const char* b;
  std::vector<std::string> labels;  // every non-AGREE finding expected
  DiffLabel explained;              // the finding whose explanation is checked
  const char* explanation;
};

class LabelTest : public testing::TestWithParam<LabelCase> {};

TEST_P(LabelTest, FindsExactlyTheDifferenceOfTheFixture) {
  const LabelCase& c = GetParam();
  DiffReport report = DiffFiles(c.a, c.b);
  std::multiset<std::string> expected(c.labels.begin(), c.labels.end());
  EXPECT_EQ(DifferenceLabels(report), expected);
  EXPECT_EQ(report.difference_count(), c.labels.size());
  const Finding* finding = FindLabel(report, c.explained);
  ASSERT_NE(finding, nullptr);
  EXPECT_THAT(finding->explanation(), HasSubstr(c.explanation));
}

INSTANTIATE_TEST_SUITE_P(
    Fixtures, LabelTest,
    testing::Values(
        LabelCase{"agree_a.txt", "agree_b.txt", {}, AGREE, "same content"},
        LabelCase{"only_in_a.txt",
                  "only_in_b.txt",
                  {"ONLY_IN_A", "ONLY_IN_B"},
                  ONLY_IN_A,
                  "omission"},
        LabelCase{"figure_a.txt", "figure_b.txt", {"FIGURE_CONFLICT"},
                  FIGURE_CONFLICT,
                  "A \"more than 1,200 residents\" vs B \"about 900 residents\""},
        LabelCase{"attribution_a.txt", "attribution_b.txt",
                  {"ATTRIBUTION_DIFFERENCE"}, ATTRIBUTION_DIFFERENCE,
                  "named on one side, anonymous on the other"},
        LabelCase{"hedge_a.txt", "hedge_b.txt", {"HEDGE_DIFFERENCE"},
                  HEDGE_DIFFERENCE, "B says \"may\""},
        LabelCase{"framing_a.txt", "framing_b.txt", {"FRAMING"}, FRAMING,
                  "A \"candid\", \"constructive\" vs B \"candid\", \"in-depth\""},
        LabelCase{"initiative_a.txt", "initiative_b.txt", {"INITIATIVE"},
                  INITIATIVE, "A none vs B \"the latter\""}));

TEST(DiffTest, AgreeingFixturesAlignParaphrase) {
  DiffReport report = DiffFiles("agree_a.txt", "agree_b.txt");
  ASSERT_EQ(report.findings_size(), 2);
  // "cessation of hostilities" and "ceasefire" are one word to the diff.
  EXPECT_THAT(std::vector<std::string>(report.findings(1).shared().begin(),
                                       report.findings(1).shared().end()),
              IsSupersetOf({"ceasefire", "karsk"}));
}

TEST(DiffTest, SidesSwappedSwapOmissions) {
  DiffReport forward = DiffFiles("only_in_a.txt", "only_in_b.txt");
  DiffReport backward = DiffFiles("only_in_b.txt", "only_in_a.txt");
  const Finding* only_a = FindLabel(forward, ONLY_IN_A);
  const Finding* only_b = FindLabel(backward, ONLY_IN_B);
  ASSERT_NE(only_a, nullptr);
  ASSERT_NE(only_b, nullptr);
  EXPECT_EQ(only_a->a_statement(), "d0.s2");
  EXPECT_EQ(only_b->b_statement(), "d1.s2");
}

TEST(DiffTest, ThresholdDecidesAlignment) {
  DiffOptions strict;
  strict.threshold = 1.01;
  DiffReport report = DiffFiles("framing_a.txt", "framing_b.txt", strict);
  // Nothing can align: each side's statement is an omission.
  EXPECT_THAT(DifferenceLabels(report),
              IsSupersetOf({"ONLY_IN_A", "ONLY_IN_B"}));
  EXPECT_EQ(FindLabel(report, AGREE), nullptr);
}

TEST(DiffTest, IsDeterministic) {
  DiffReport first = DiffFiles("initiative_a.txt", "initiative_b.txt");
  DiffReport second = DiffFiles("initiative_a.txt", "initiative_b.txt");
  EXPECT_EQ(first.SerializeAsString(), second.SerializeAsString());
}

TEST(DiffTest, ComparesTheFirstDocumentWithEachOther) {
  DiffReport report = Differ(BuiltinRules(), {})
                          .Diff({FromFile("testdata/diff/hedge_a.txt"),
                                 FromFile("testdata/diff/hedge_b.txt"),
                                 FromFile("testdata/diff/hedge_a.txt")});
  ASSERT_EQ(report.documents_size(), 3);
  std::vector<std::string> seen;
  for (const Finding& f : report.findings()) {
    seen.push_back(absl::StrCat(f.b_document(), ":", DiffLabel_Name(f.label())));
  }
  EXPECT_THAT(seen, ElementsAreArray({"1:HEDGE_DIFFERENCE", "2:AGREE"}));
  EXPECT_EQ(report.difference_count(), 1);
}

TEST(DiffTest, StatementSpansIndexTheText) {
  DiffReport report = DiffFiles("figure_a.txt", "figure_b.txt");
  for (const Statement& s : report.statements()) {
    const std::string& text = report.documents(s.document()).text();
    ASSERT_LE(s.span().end(), text.size());
    EXPECT_EQ(text.substr(s.span().begin(), s.span().end() - s.span().begin()),
              s.text());
    for (const Term& term : s.framing()) {
      EXPECT_EQ(text.substr(term.span().begin(),
                            term.span().end() - term.span().begin()),
                term.text());
    }
  }
}

struct WordsCase {
  const char* text;
  std::vector<std::string> words;
  std::vector<std::string> entities;
};

class WordsTest : public testing::TestWithParam<WordsCase> {};

TEST_P(WordsTest, NormalisesContentWords) {
  StatementAnalyzer analyzer(BuiltinRules(), DiffOptions());
  Statement s = analyzer.WordsOf(GetParam().text);
  EXPECT_THAT(std::vector<std::string>(s.words().begin(), s.words().end()),
              ElementsAreArray(GetParam().words));
  EXPECT_THAT(std::vector<std::string>(s.entities().begin(), s.entities().end()),
              ElementsAreArray(GetParam().entities));
}

INSTANTIATE_TEST_SUITE_P(
    Words, WordsTest,
    testing::Values(
        // Function words and titles go; words are cut to five letters.
        WordsCase{"President Moss discussed the relations with Brno.",
                  {"brno", "discuss", "moss", "relat"},
                  {"brno", "moss"}},
        // Synonyms share a canonical word; a capital that starts the
        // sentence is no entity.
        WordsCase{"Ceasefire talks in the United States of America",
                  {"USA", "ceasefire", "talks"},
                  {"USA"}},
        // Numbers are figures, not words; "75th" leaves no "th".
        WordsCase{"the 75th anniversary of the G20", {"anniv", "g20"}, {"g20"}},
        WordsCase{"at the latter’s initiative", {"initi", "latte"}, {}}));

TEST(SimilarityTest, IsSymmetricAndBounded) {
  StatementAnalyzer analyzer(BuiltinRules(), DiffOptions());
  Statement a = analyzer.WordsOf("Varga and Holm discussed the ceasefire.");
  Statement b = analyzer.WordsOf("Holm discussed rail links with Varga.");
  Statement none = analyzer.WordsOf("Energy prices rose.");
  double ab = analyzer.Similarity(a, b, nullptr, nullptr);
  EXPECT_DOUBLE_EQ(ab, analyzer.Similarity(b, a, nullptr, nullptr));
  EXPECT_GT(ab, 0);
  EXPECT_LT(ab, 1);
  EXPECT_DOUBLE_EQ(analyzer.Similarity(a, a, nullptr, nullptr), 1);
  EXPECT_DOUBLE_EQ(analyzer.Similarity(a, none, nullptr, nullptr), 0);
}

TEST(SimilarityTest, RareSharedWordsCountMore) {
  StatementAnalyzer analyzer(BuiltinRules(), DiffOptions());
  Statement a = analyzer.WordsOf("Holm praised the rail deal.");
  Statement b = analyzer.WordsOf("Holm criticised the rail deal.");
  Statement c = analyzer.WordsOf("Holm spoke at length.");
  Rarity rarity = StatementAnalyzer::RarityOf({&a, &b, &c});
  // "holm" is in every statement, "rail" and "deal" in two.
  EXPECT_LT(rarity.at("holm"), rarity.at("rail"));
  EXPECT_GT(analyzer.Similarity(a, b, &rarity, nullptr),
            analyzer.Similarity(a, c, &rarity, nullptr));
}

TEST(DiffTest, FewerThanTwoDocumentsGiveNoFindings) {
  DiffReport report =
      Differ(BuiltinRules(), {}).Diff({FromText("a", "Holm met Varga.")});
  EXPECT_EQ(report.findings_size(), 0);
  EXPECT_EQ(report.difference_count(), 0);
}

}  // namespace
}  // namespace claims
