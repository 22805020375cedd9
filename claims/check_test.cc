#include "claims/check.h"

#include <string>
#include <vector>

#include "claims/document_io.h"
#include "claims/extractor.h"
#include "claims/figures.h"
#include "claims/test_rules.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace claims {
namespace {

using ::testing::HasSubstr;

// The one figure the figure extractor finds in `text`.
Figure FigureIn(const std::string& text) {
  std::vector<Figure> figures;
  FigureExtractor(BuiltinRules()).Extract(text, 0, text.size(), "", &figures);
  EXPECT_EQ(figures.size(), 1u) << text;
  return figures.empty() ? Figure() : figures[0];
}

struct VerdictCase {
  const char* claim;
  const char* reference;
  Verdict verdict;
};

class CompareFigureTest : public testing::TestWithParam<VerdictCase> {};

TEST_P(CompareFigureTest, AppliesTheQualifier) {
  std::string explanation;
  EXPECT_EQ(CompareFigure(FigureIn(GetParam().claim),
                          FigureIn(GetParam().reference), CheckOptions(),
                          &explanation),
            GetParam().verdict)
      << explanation;
  EXPECT_FALSE(explanation.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Qualifiers, CompareFigureTest,
    testing::Values(
        VerdictCase{"more than 100,000 people", "107,543 people", SUPPORTED},
        VerdictCase{"more than 100,000 people", "98,000 people", CONTRADICTED},
        VerdictCase{"more than 100,000 people", "100,000 people", CONTRADICTED},
        VerdictCase{"at least 100,000 people", "100,000 people", SUPPORTED},
        VerdictCase{"nearly 100,000 people", "107,543 people", CONTRADICTED},
        VerdictCase{"nearly 100,000 people", "97,200 people", SUPPORTED},
        VerdictCase{"nearly 100,000 people", "50,000 people", CONTRADICTED},
        VerdictCase{"fewer than 500 people", "480 people", SUPPORTED},
        VerdictCase{"fewer than 500 people", "512 people", CONTRADICTED},
        VerdictCase{"about 900 people", "940 people", SUPPORTED},
        VerdictCase{"about 900 people", "1,200 people", CONTRADICTED},
        VerdictCase{"1,200 people", "1,200 people", SUPPORTED},
        VerdictCase{"1,200 people", "1,250 people", CONTRADICTED},
        // A vague reference cannot settle an exact claim.
        VerdictCase{"1,200 people", "more than 1,000 people", NOT_FOUND},
        VerdictCase{"more than 1,000 people", "more than 1,200 people",
                    SUPPORTED},
        VerdictCase{"in 2019", "in 2020", CONTRADICTED},
        VerdictCase{"in 2019", "in 2019", SUPPORTED}));

TEST(CompareFigureTest, ExplainsTheInterval) {
  std::string explanation;
  CompareFigure(FigureIn("more than 100,000 people"),
                FigureIn("98,000 people"), CheckOptions(), &explanation);
  EXPECT_THAT(explanation, HasSubstr("above 100000"));
  EXPECT_THAT(explanation, HasSubstr("98000"));
}

DiffInput Read(const std::string& path) {
  absl::StatusOr<InputDocument> read = ReadTextDocument(path);
  EXPECT_TRUE(read.ok()) << read.status();
  DiffInput input;
  if (!read.ok()) return input;
  input.document = read->document;
  input.text = read->text;
  Extractor(BuiltinRules()).Extract(input.text, &input.document);
  return input;
}

TEST(CheckerTest, ChecksEachFigureAgainstTheBestReference) {
  CheckReport report =
      Checker(BuiltinRules(), DiffOptions(), CheckOptions())
          .Check(Read("testdata/diff/check_article.txt"),
                 {Read("testdata/diff/check_reference.txt")});
  std::vector<std::string> verdicts;
  for (const CheckItem& item : report.items()) {
    verdicts.push_back(item.figure().text() + ": " +
                       Verdict_Name(item.verdict()));
  }
  EXPECT_THAT(verdicts, testing::IsSupersetOf(
                            {"More than 100,000 people: SUPPORTED",
                             "Nearly 100,000 runners: CONTRADICTED",
                             "250: NOT_FOUND"}));
  EXPECT_EQ(report.contradicted_count(), 1);
  // The evidence is the statement about the same event.
  for (const CheckItem& item : report.items()) {
    if (item.verdict() == CONTRADICTED) {
      EXPECT_EQ(item.reference_statement(), "d1.s2");
      EXPECT_EQ(item.reference_figure().value(), 107543);
    }
  }
}

TEST(CheckerTest, PicksTheClosestComparableFigureOfTheEvidence) {
  DiffInput article;
  article.text = "The council voted 7-2 to fund the flood barrier.";
  Extractor(BuiltinRules()).Extract(article.text, &article.document);
  DiffInput reference;
  reference.text = "The council vote on the flood barrier was 7-2.";
  Extractor(BuiltinRules()).Extract(reference.text, &reference.document);
  CheckReport report = Checker(BuiltinRules(), DiffOptions(), CheckOptions())
                           .Check(article, {reference});
  ASSERT_EQ(report.items_size(), 2);
  for (const CheckItem& item : report.items()) {
    EXPECT_EQ(item.verdict(), SUPPORTED) << item.explanation();
    EXPECT_EQ(item.reference_figure().value(), item.figure().value());
  }
}

TEST(CheckerTest, NoReferencesFindNothing) {
  CheckReport report = Checker(BuiltinRules(), DiffOptions(), CheckOptions())
                           .Check(Read("testdata/diff/check_article.txt"), {});
  ASSERT_GT(report.items_size(), 0);
  for (const CheckItem& item : report.items()) {
    EXPECT_EQ(item.verdict(), NOT_FOUND);
  }
}

}  // namespace
}  // namespace claims
