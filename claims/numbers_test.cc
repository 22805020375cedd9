#include "claims/numbers.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "claims/rule_set.h"
#include "claims/test_rules.h"
#include "gtest/gtest.h"

namespace claims {
namespace {

// A number as the test expects it: its text and value, and flags.
struct Expected {
  std::string text;
  double value;
  bool ordinal = false;
  bool in_code = false;
  bool glued = false;  // glued_before or glued_after
};

struct Case {
  std::string text;
  std::vector<Expected> numbers;
};

std::vector<NumberMention> FindAll(const std::string& text) {
  static const NumberFinder* const finder = new NumberFinder(BuiltinRules());
  std::vector<NumberMention> numbers;
  finder->Find(text, 0, text.size(), &numbers);
  return numbers;
}

class NumberFinderTest : public testing::TestWithParam<Case> {};

TEST_P(NumberFinderTest, FindsNumbersAndValues) {
  const Case& test = GetParam();
  std::vector<NumberMention> found = FindAll(test.text);
  ASSERT_EQ(found.size(), test.numbers.size()) << test.text;
  for (size_t i = 0; i < found.size(); ++i) {
    const NumberMention& number = found[i];
    const Expected& expected = test.numbers[i];
    EXPECT_EQ(test.text.substr(number.begin, number.end - number.begin),
              expected.text);
    EXPECT_NEAR(number.value, expected.value,
                1e-9 * std::max(1.0, std::fabs(expected.value)))
        << expected.text;
    EXPECT_EQ(number.ordinal, expected.ordinal) << expected.text;
    EXPECT_EQ(number.in_code, expected.in_code) << expected.text;
    EXPECT_EQ(number.glued_before || number.glued_after, expected.glued)
        << expected.text;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Digits, NumberFinderTest,
    testing::Values(
        Case{"100,000 people", {{"100,000", 100000}}},
        Case{"4.8 and .08", {{"4.8", 4.8}, {".08", 0.08}}},
        Case{"1 234 567 and 40\u202f000", {{"1 234 567", 1234567}, {"40\u202f000", 40000}}},
        Case{"423 0000", {{"423", 423}, {"0000", 0}}},
        Case{"12,34,567.89", {{"12,34,567.89", 1234567.89}}},
        Case{"1,3 but 22,24,26", {{"1,3", 1.3}, {"22", 22}, {"24", 24}, {"26", 26}}},
        Case{"1.111,11", {{"1.111,11", 1111.11}}},
        Case{"-4/5 and 2 1/4", {{"-4/5", -0.8}, {"2 1/4", 2.25}}},
        Case{"1e6, 1.1^2, 1.3x10^6", {{"1e6", 1e6}, {"1.1^2", 1.21}, {"1.3x10^6", 1.3e6}}},
        Case{"10k, 2mil, $3bn, 1MM", {{"10k", 1e4}, {"2mil", 2e6}, {"3bn", 3e9}, {"1MM", 1e6}}},
        Case{"1000 - 5000", {{"1000", 1000}, {"5000", 5000}}}));

INSTANTIATE_TEST_SUITE_P(
    Words, NumberFinderTest,
    testing::Values(
        Case{"one hundred and two", {{"one hundred and two", 102}}},
        Case{"twenty-one trillion and three hundred", {{"twenty-one trillion and three hundred", 21000000000300}}},
        Case{"fifty - two", {{"fifty - two", 52}}},
        Case{"3 hundred and 21 yuan", {{"3 hundred and 21", 321}}},
        Case{"3 hundred and 2 hundred", {{"3 hundred", 300}, {"2 hundred", 200}}},
        Case{"4 thousand 3 hundred and 0", {{"4 thousand 3 hundred", 4300}, {"0", 0}}},
        Case{"three hundred and two dozens", {{"three hundred and two dozens", 324}}},
        Case{"a dozen, half a dozen", {{"a dozen", 12}, {"half a dozen", 6}}},
        Case{"1.5 million, half a million", {{"1.5 million", 1.5e6}, {"half a million", 5e5}}},
        Case{"100 thousands", {{"100 thousands", 1e5}}},
        Case{"three lakh crore", {{"three lakh crore", 3e12}}},
        Case{"two hundred point zero three", {{"two hundred point zero three", 200.03}}},
        Case{"three-nought-four", {{"three", 3}, {"nought", 0}, {"four", 4}}},
        Case{"between twenty and thirty", {{"twenty", 20}, {"thirty", 30}}},
        Case{"minus five", {{"minus five", -5}}}));

INSTANTIATE_TEST_SUITE_P(
    Fractions, NumberFinderTest,
    testing::Values(
        Case{"two-thirds", {{"two-thirds", 2.0 / 3}}},
        Case{"a half, one and a half", {{"a half", 0.5}, {"one and a half", 1.5}}},
        Case{"five and a half million", {{"five and a half million", 5.5e6}}},
        Case{"one million and a half", {{"one million and a half", 1.5e6}}},
        Case{"two thirds of a million", {{"two thirds of a million", 2e6 / 3}}},
        Case{"one hundred and three and two thirds", {{"one hundred and three and two thirds", 103 + 2.0 / 3}}},
        Case{"three twenty-firsts", {{"three twenty-firsts", 3.0 / 21}}},
        Case{"one hundred thirty fifths", {{"one hundred thirty fifths", 100.0 / 35}}},
        Case{"two millionth", {{"two", 2}, {"millionth", 1e6, true}}},
        Case{"one in five, 2 out of 3", {{"one in five", 0.2}, {"2 out of 3", 2.0 / 3}}},
        Case{"12 in six and 5 in 2023", {{"12", 12}, {"six", 6}, {"5", 5}, {"2023", 2023}}},
        Case{"2000 over 3.", {{"2000 over 3", 2000.0 / 3}}},
        Case{"$2000 over 3 years", {{"2000", 2000}, {"3", 3}}}));

INSTANTIATE_TEST_SUITE_P(
    OrdinalsCodesAndVetoes, NumberFinderTest,
    testing::Values(
        Case{"the 21st century", {{"21st", 21, true}}},
        Case{"the twenty-first and third", {{"twenty-first", 21, true}, {"third", 3, true}}},
        Case{"192.168.1.2", {{"192", 192, false, true}, {"168", 168, false, true}, {"1", 1, false, true}, {"2", 2, false, true}}},
        Case{"on 5/17/2018", {{"5", 5, false, true}, {"17", 17, false, true}, {"2018", 2018, false, true}}},
        Case{"F-16 jets, 29km, USD115", {{"16", 16, false, false, true}, {"29", 29, false, false, true}, {"115", 115, false, false, true}}},
        Case{"The one you mentioned", {}},
        Case{"one of the officials", {}},
        Case{"see http://example.com/a?q=30%25", {}}));

TEST(NumberFinderTest, SpansAreOffsetsIntoTheWholeText) {
  const std::string text = "Ignored 12. Counted 34 here.";
  NumberFinder finder(BuiltinRules());
  std::vector<NumberMention> numbers;
  finder.Find(text, 12, text.size(), &numbers);
  ASSERT_EQ(numbers.size(), 1u);
  EXPECT_EQ(text.substr(numbers[0].begin, numbers[0].end - numbers[0].begin), "34");
}

// The lexicon is tried only where one search over the text finds a word
// entry; the Set reads each place as a text of its own. These pin where the
// two read the text differently.
TEST(NumberFinderTest, ReadsAWordAfterAWordCharacter) {
  // `\b` holds before "two" read alone, not after the "_" of "item_two".
  std::vector<NumberMention> found = FindAll("item_two");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].begin, 5u);
  EXPECT_EQ(found[0].value, 2);
}

TEST(NumberFinderTest, WordEntriesMayTestForTheStartOfText) {
  // "^" holds at every word, each read as a text of its own.
  absl::StatusOr<std::unique_ptr<RuleSet>> rules = LoadPackText(R"pb(
    rule { id: "n.two" kind: FIGURE figure_role: NUMBER_CARDINAL pattern: "^(?i)two\\b" value: 2 lexicon: "CARDINAL" }
  )pb");
  ASSERT_TRUE(rules.ok()) << rules.status();
  const std::string text = "one, Two";
  std::vector<NumberMention> found;
  NumberFinder(**rules).Find(text, 0, text.size(), &found);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].begin, 5u);
  EXPECT_EQ(found[0].value, 2);
}

}  // namespace
}  // namespace claims
