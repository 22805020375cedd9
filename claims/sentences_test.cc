#include "claims/sentences.h"

#include <string>
#include <vector>

#include "claims/test_rules.h"
#include "gtest/gtest.h"

namespace claims {
namespace {

struct SplitCase {
  std::string name;
  std::string text;
  std::vector<std::string> sentences;
};

// Failure messages name the case instead of dumping its bytes.
void PrintTo(const SplitCase& c, std::ostream* os) { *os << c.name; }

std::vector<std::string> SplitWith(const RuleSet& rules,
                                   const std::string& text) {
  SentenceSplitter splitter(rules);
  std::vector<Sentence> sentences;
  splitter.Split(text, 0, text.size(), &sentences);
  std::vector<std::string> out;
  for (const Sentence& s : sentences) {
    out.push_back(text.substr(s.begin, s.end - s.begin));
  }
  return out;
}

class BuiltinSplitTest : public testing::TestWithParam<SplitCase> {};

TEST_P(BuiltinSplitTest, Splits) {
  EXPECT_EQ(SplitWith(BuiltinRules(), GetParam().text), GetParam().sentences);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, BuiltinSplitTest,
    testing::ValuesIn(std::vector<SplitCase>{
        {"Titles_Initials_Suffix",
         "Gen. Charles Q. Brown Jr. met his counterpart. He left early.",
         {"Gen. Charles Q. Brown Jr. met his counterpart.", "He left early."}},
        {"MiddleInitial_Senator",
         "Treasury Secretary Janet L. Yellen arrived. Sen. Ann Lee objected.",
         {"Treasury Secretary Janet L. Yellen arrived.", "Sen. Ann Lee objected."}},
        {"InitialismInsideAndAtEnd",
         "U.S. officials met in the U.S. The talks ended.",
         {"U.S. officials met in the U.S.", "The talks ended."}},
        {"NumberAbbreviationAndDecimal",
         "It was item No. 2 on the list. Prices rose 3.5 percent.",
         {"It was item No. 2 on the list.", "Prices rose 3.5 percent."}},
        {"QuoteClosesAfterPeriod",
         "“We are ready.” The minister left.",
         {"“We are ready.”", "The minister left."}},
        {"QuoteOfSeveralSentencesStaysWhole",
         "“We are ready. We will act,” the minister said. Talks resumed.",
         {"“We are ready. We will act,” the minister said.", "Talks resumed."}},
        {"StraightQuotes",
         "\"No. Never.\" He said it twice.",
         {"\"No. Never.\"", "He said it twice."}},
        {"QuestionAndExclamation", "Is it over? Nobody knows!",
         {"Is it over?", "Nobody knows!"}},
        {"EllipsisEndsSentence", "He paused… Then he spoke.",
         {"He paused…", "Then he spoke."}},
        {"DoubledApostrophesQuote",
         "''We stay. We fight,'' he said. Talks ended.",
         {"''We stay. We fight,'' he said.", "Talks ended."}},
        {"HardWrappedLineIsJoined",
         "The minister said the\ntalks would resume.",
         {"The minister said the\ntalks would resume."}},
        {"ParagraphsEndSentences", "A headline\n\nThe body starts here.",
         {"A headline", "The body starts here."}},
        {"LowercaseAfterPeriodIsNotASentence",
         "The rate is 2 p.c. higher than in the spring.",
         {"The rate is 2 p.c. higher than in the spring."}},
        {"MonthAbbreviation", "It happened on Sept. 11 in New York.",
         {"It happened on Sept. 11 in New York."}},
        {"MissingSpaceAfterPeriod",
         "Thanks for joining.We leave tonight.See the U.S.A and example.com now.",
         {"Thanks for joining.", "We leave tonight.",
          "See the U.S.A and example.com now."}},
    }),
    [](const testing::TestParamInfo<SplitCase>& info) {
      return info.param.name;
    });

TEST(SentenceSplitterTest, OpenQuoteEndsAtParagraph) {
  std::string text =
      "“We will win. We always do.\n\n“And we will keep winning,” he said.";
  SentenceSplitter splitter(BuiltinRules());
  std::vector<Sentence> sentences;
  splitter.Split(text, 0, text.size(), &sentences);
  ASSERT_EQ(sentences.size(), 2u);
  EXPECT_LT(sentences[0].paragraph, sentences[1].paragraph);
}

TEST(SentenceSplitterTest, UnlessFollowedByComesFromTheRule) {
  // The frozen pack's initialism rule ends a sentence only before The/He/It.
  EXPECT_EQ(SplitWith(EngineTestRules(), "Talks in the U.S. It ended."),
            (std::vector<std::string>{"Talks in the U.S.", "It ended."}));
  EXPECT_EQ(SplitWith(EngineTestRules(), "Talks in the U.S. Senate ended."),
            (std::vector<std::string>{"Talks in the U.S. Senate ended."}));
}

TEST(SentenceSplitterTest, SpansAreTrimmedOffsetsIntoTheRange) {
  std::string text = "xx  First one.   Second one.  ";
  SentenceSplitter splitter(EngineTestRules());
  std::vector<Sentence> sentences;
  splitter.Split(text, 2, text.size(), &sentences);
  ASSERT_EQ(sentences.size(), 2u);
  EXPECT_EQ(sentences[0].begin, 4u);
  EXPECT_EQ(text.substr(sentences[1].begin, sentences[1].end - sentences[1].begin),
            "Second one.");
}

TEST(SentenceSplitterTest, EmptyAndPunctuationOnlyInput) {
  EXPECT_TRUE(SplitWith(EngineTestRules(), "").empty());
  EXPECT_EQ(SplitWith(EngineTestRules(), "...!?"),
            (std::vector<std::string>{"...!?"}));
}

}  // namespace
}  // namespace claims
