#include "claims/hedges.h"

#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "claims/test_rules.h"
#include "gtest/gtest.h"

namespace claims {
namespace {

std::vector<Hedge> FindAll(const std::string& text) {
  static const HedgeFinder* const finder = new HedgeFinder(BuiltinRules());
  std::vector<Hedge> hedges;
  finder->Find(text, 0, text.size(), &hedges);
  return hedges;
}

std::string Slice(const std::string& text, const Span& span) {
  return text.substr(span.begin(), span.end() - span.begin());
}

struct Case {
  std::string text;
  // "cue|KIND" in order.
  std::vector<std::string> cues;
};

class HedgeFinderTest : public testing::TestWithParam<Case> {};

TEST_P(HedgeFinderTest, FindsCues) {
  const Case& test = GetParam();
  std::vector<std::string> found;
  for (const Hedge& hedge : FindAll(test.text)) {
    EXPECT_EQ(Slice(test.text, hedge.span()), hedge.text());
    EXPECT_FALSE(hedge.rule_id().empty());
    found.push_back(hedge.text() + "|" + HedgeKind_Name(hedge.kind()));
  }
  EXPECT_EQ(found, test.cues) << test.text;
}

INSTANTIATE_TEST_SUITE_P(
    Cues, HedgeFinderTest,
    testing::Values(
        Case{"I would not say the talks failed.", {"I would not say|NEGATED_ASSERTION"}},
        Case{"Talks may resume, depending on the weather.",
             {"may|EPISTEMIC", "depending on|CONDITIONAL"}},
        Case{"There are hopes of a deal.", {"There are hopes|HOPE_EXPECTATION"}},
        Case{"The minister hopes to win.", {"hopes|HOPE_EXPECTATION"}},
        Case{"Prices might rise and could fall.", {"might|EPISTEMIC", "could|EPISTEMIC"}},
        Case{"The minister reportedly resigned.", {"reportedly|REPORTING_DISTANCE"}},
        Case{"Some say it is too late.", {"Some say|VAGUE_AUTHORITY"}},
        Case{"some 300 troops", {"some|APPROXIMATOR"}}));

INSTANTIATE_TEST_SUITE_P(
    HardNegatives, HedgeFinderTest,
    testing::Values(
        Case{"Elections were held in May 2022.", {}},
        Case{"A spokesman could not be reached for comment.", {}},
        Case{"China's military might grew.", {}},
        Case{"Some troops stayed behind.", {}},
        Case{"He appeared in court on Monday.", {}},
        Case{"Bob Hope sang.", {}}));

TEST(HedgeFinderTest, ScopeIsWhatTheCueQualifies) {
  const std::string text = "Officials said some 300 troops may leave soon.";
  std::vector<Hedge> hedges = FindAll(text);
  ASSERT_EQ(hedges.size(), 2u);
  EXPECT_EQ(Slice(text, hedges[0].scope()), "300 troops");
  EXPECT_EQ(Slice(text, hedges[1].scope()), "leave soon.");
}

TEST(HedgeFinderTest, CueAtTheEndQualifiesWhatPrecedes) {
  const std::string text = "The rain will stop, hopefully.";
  std::vector<Hedge> hedges = FindAll(text);
  ASSERT_EQ(hedges.size(), 1u);
  EXPECT_EQ(Slice(text, hedges[0].scope()), "The rain will stop, ");
}

TEST(HedgeFinderTest, SearchesOnlyTheGivenRange) {
  const std::string text = "It may rain. It will snow.";
  HedgeFinder finder(BuiltinRules());
  std::vector<Hedge> hedges;
  finder.Find(text, 13, text.size(), &hedges);
  EXPECT_TRUE(hedges.empty());
}

struct Scores {
  int sentences = 0;
  int gold = 0;
  int found = 0;
  int correct = 0;
  double precision() const { return found == 0 ? 0 : 1.0 * correct / found; }
  double recall() const { return gold == 0 ? 0 : 1.0 * correct / gold; }
};

// Cue precision and recall on a labelled file (see testdata/hedges/): a found
// cue is right when the sentence lists the same text with the same kind.
// Prints each extra and missed cue.
Scores Evaluate(const std::string& path) {
  Scores scores;
  std::ifstream in(path);
  EXPECT_TRUE(in) << path << ": run from the repository root";
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> columns = absl::StrSplit(line, '\t');
    EXPECT_EQ(columns.size(), 2u) << line;
    if (columns.size() != 2) continue;
    ++scores.sentences;
    std::map<std::string, int> gold;
    for (absl::string_view cue :
         absl::StrSplit(columns[1], "; ", absl::SkipEmpty())) {
      ++gold[std::string(cue)];
      ++scores.gold;
    }
    for (const Hedge& hedge : FindAll(columns[0])) {
      ++scores.found;
      std::string cue = hedge.text() + "|" + HedgeKind_Name(hedge.kind());
      auto it = gold.find(cue);
      if (it != gold.end() && it->second > 0) {
        --it->second;
        ++scores.correct;
      } else {
        std::cout << "  extra: " << cue << "\n    in: " << columns[0] << "\n";
      }
    }
    for (const auto& [cue, missed] : gold) {
      if (missed > 0) std::cout << "  missed: " << cue << "\n    in: " << columns[0] << "\n";
    }
  }
  std::cout << absl::StrFormat(
      "%s: hedge cues on %d sentences: precision %.3f (%d/%d), recall %.3f "
      "(%d/%d)\n",
      path, scores.sentences, scores.precision(), scores.correct, scores.found,
      scores.recall(), scores.correct, scores.gold);
  return scores;
}

TEST(HedgeFinderTest, LabelledSentencesPrecisionAndRecall) {
  Scores scores = Evaluate("testdata/hedges/labelled.tsv");
  RecordProperty("precision", absl::StrFormat("%.3f", scores.precision()));
  RecordProperty("recall", absl::StrFormat("%.3f", scores.recall()));
  EXPECT_GE(scores.sentences, 150);
  EXPECT_GE(scores.precision(), 0.95);
  EXPECT_GE(scores.recall(), 0.95);
}

// Sentences written after the rules were tuned: an estimate for new text.
TEST(HedgeFinderTest, HeldOutSentencesPrecisionAndRecall) {
  Scores scores = Evaluate("testdata/hedges/heldout.tsv");
  RecordProperty("precision", absl::StrFormat("%.3f", scores.precision()));
  RecordProperty("recall", absl::StrFormat("%.3f", scores.recall()));
  EXPECT_GE(scores.sentences, 40);
  EXPECT_GE(scores.precision(), 0.8);
  EXPECT_GE(scores.recall(), 0.8);
}

}  // namespace
}  // namespace claims
