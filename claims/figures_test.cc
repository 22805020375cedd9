#include "claims/figures.h"

#include <memory>
#include <string>
#include <vector>

#include "claims/test_rules.h"
#include "gtest/gtest.h"

namespace claims {
namespace {

struct Expected {
  std::string text;
  FigureKind kind;
  double value;
  std::string unit = "";
  Qualifier qualifier = QUALIFIER_UNSPECIFIED;
  std::string normalized_date = "";
  double high = 0;  // for ranges; 0 means equal to value
};

struct Case {
  std::string text;
  std::vector<Expected> figures;
  std::string document_date = "2024-04-02";  // a Tuesday
};

std::vector<Figure> Extract(const std::string& text,
                            const std::string& document_date) {
  static const FigureExtractor* const extractor =
      new FigureExtractor(BuiltinRules());
  std::vector<Figure> figures;
  extractor->Extract(text, 0, text.size(), document_date, &figures);
  return figures;
}

class FigureExtractorTest : public testing::TestWithParam<Case> {};

TEST_P(FigureExtractorTest, Extracts) {
  const Case& test = GetParam();
  std::vector<Figure> found = Extract(test.text, test.document_date);
  ASSERT_EQ(found.size(), test.figures.size()) << test.text;
  for (size_t i = 0; i < found.size(); ++i) {
    const Figure& figure = found[i];
    const Expected& expected = test.figures[i];
    SCOPED_TRACE(expected.text);
    EXPECT_EQ(figure.text(), expected.text);
    EXPECT_EQ(test.text.substr(figure.span().begin(),
                               figure.span().end() - figure.span().begin()),
              figure.text());
    EXPECT_EQ(FigureKind_Name(figure.kind()), FigureKind_Name(expected.kind));
    EXPECT_DOUBLE_EQ(figure.value(), expected.value);
    EXPECT_DOUBLE_EQ(figure.low(), expected.value);
    EXPECT_DOUBLE_EQ(figure.high(),
                     expected.high != 0 ? expected.high : expected.value);
    EXPECT_EQ(figure.unit(), expected.unit);
    EXPECT_EQ(Qualifier_Name(figure.qualifier()),
              Qualifier_Name(expected.qualifier));
    EXPECT_EQ(figure.normalized_date(), expected.normalized_date);
    EXPECT_FALSE(figure.rule_id().empty());
  }
}

INSTANTIATE_TEST_SUITE_P(
    CountsAndQualifiers, FigureExtractorTest,
    testing::Values(
        Case{"More than 100,000 people died in the war in 2023.",
             {{"More than 100,000 people", COUNT, 100000, "people", MORE_THAN},
              {"2023", YEAR, 2023, "", QUALIFIER_UNSPECIFIED, "2023"}}},
        Case{"some 300 troops", {{"some 300 troops", COUNT, 300, "troops", ABOUT}}},
        Case{"up to 700 contract workers",
             {{"up to 700 contract workers", COUNT, 700, "contract workers", UP_TO}}},
        Case{"nearly 40 and at least a dozen",
             {{"nearly 40", COUNT, 40, "", NEARLY}, {"at least a dozen", COUNT, 12, "", AT_LEAST}}},
        Case{"as many as two-thirds", {{"as many as two-thirds", COUNT, 2.0 / 3, "", UP_TO}}},
        Case{"fewer than one hundred and two", {{"fewer than one hundred and two", COUNT, 102, "", LESS_THAN}}},
        Case{"500 or more people.", {{"500 or more people", COUNT, 500, "people", AT_LEAST}}},
        Case{"5 of the victims", {{"5", COUNT, 5}}},
        Case{"the 21st century", {{"21st", ORDINAL, 21}}},
        Case{"F-16 jets and COVID-19 cases", {}}));

INSTANTIATE_TEST_SUITE_P(
    MoneyPercentMeasures, FigureExtractorTest,
    testing::Values(
        Case{"won a $48.2 million contract", {{"$48.2 million", MONEY, 48200000, "USD"}}},
        Case{"paid USD 200 and 200 yuan", {{"USD 200", MONEY, 200, "USD"}, {"200 yuan", MONEY, 200, "CNY"}}},
        Case{"€10M and 50 MUSD", {{"€10M", MONEY, 1e7, "EUR"}, {"50 MUSD", MONEY, 5e7, "USD"}}},
        Case{"a £5m deal", {{"£5m", MONEY, 5e6, "GBP"}}},
        Case{"3 dollars 50 cents", {{"3 dollars 50 cents", MONEY, 3.5, "USD"}}},
        Case{"361 million pounds but 25 pounds", {{"361 million pounds", MONEY, 361e6, "GBP"}, {"25 pounds", MEASURE, 25, "lb"}}},
        Case{"35% and 12 percent", {{"35%", PERCENT, 35, "%"}, {"12 percent", PERCENT, 12, "%"}}},
        Case{"3 percentage points", {{"3 percentage points", PERCENT, 3, "percentage point"}}},
        Case{"the 27-kilometer ring", {{"27-kilometer", MEASURE, 27, "km"}}},
        Case{"4 km2 and 188 miles an hour", {{"4 km2", MEASURE, 4, "km2"}, {"188 miles an hour", MEASURE, 188, "mph"}}},
        Case{"for six years", {{"six years", DURATION, 6, "year"}}},
        Case{"100,000 deaths", {{"100,000 deaths", COUNT, 100000, "deaths"}}}));

INSTANTIATE_TEST_SUITE_P(
    Ranges, FigureExtractorTest,
    testing::Values(
        Case{"between 5 and 10", {{"between 5 and 10", RANGE, 5, "", QUALIFIER_UNSPECIFIED, "", 10}}},
        Case{"5-10 people", {{"5-10 people", RANGE, 5, "people", QUALIFIER_UNSPECIFIED, "", 10}}},
        Case{"an 8- to 16-meter wall", {{"8- to 16-meter", RANGE, 8, "m", QUALIFIER_UNSPECIFIED, "", 16}}},
        Case{"15-20 usd", {{"15-20 usd", RANGE, 15, "USD", QUALIFIER_UNSPECIFIED, "", 20}}},
        Case{"$5-10 million", {{"$5-10 million", RANGE, 5e6, "USD", QUALIFIER_UNSPECIFIED, "", 1e7}}},
        Case{"more than 10 and less than 40", {{"more than 10 and less than 40", RANGE, 10, "", QUALIFIER_UNSPECIFIED, "", 40}}},
        Case{"more than 40 and less than 10",
             {{"more than 40", COUNT, 40, "", MORE_THAN}, {"less than 10", COUNT, 10, "", LESS_THAN}}},
        Case{"the 1995-01 file", {{"1995", YEAR, 1995, "", QUALIFIER_UNSPECIFIED, "1995"}, {"01", COUNT, 1}}}));

INSTANTIATE_TEST_SUITE_P(
    Dates, FigureExtractorTest,
    testing::Values(
        Case{"in July 2022", {{"July 2022", DATE, 2022, "", QUALIFIER_UNSPECIFIED, "2022-07"}}},
        Case{"on January 26-27", {{"January 26-27", DATE, 2024, "", QUALIFIER_UNSPECIFIED, "2024-01-26/2024-01-27"}}},
        Case{"last November", {{"last November", DATE, 2023, "", QUALIFIER_UNSPECIFIED, "2023-11"}}},
        Case{"said on Tuesday", {{"Tuesday", DATE, 2024, "", QUALIFIER_UNSPECIFIED, "2024-04-02"}}},
        Case{"late last year", {{"late last year", YEAR, 2023, "", QUALIFIER_UNSPECIFIED, "2023"}}},
        Case{"said on Tuesday", {{"Tuesday", DATE, 0}}, ""},
        Case{"The vote may be held in May.", {{"May", DATE, 2024, "", QUALIFIER_UNSPECIFIED, "2024-05"}}},
        Case{"Theresa May said", {}},
        Case{"by mid-2022", {{"mid-2022", YEAR, 2022, "", QUALIFIER_UNSPECIFIED, "2022"}}}));

// Figure patterns run over the text with NumberFinder's numbers masked
// (RuleSet::number_mention()); these are the edges of that.
INSTANTIATE_TEST_SUITE_P(
    MaskedNumbers, FigureExtractorTest,
    testing::Values(
        // The number grammar reads "2-million", NumberFinder only "2": no
        // figure of 2.
        Case{"They crossed the 2-million mark.", {}},
        // The grammar alone stops at "1 trillion"; the pattern reads on.
        Case{"It costs 1 trillion 600 billion rubles.",
             {{"1 trillion 600 billion rubles", MONEY, 1.6e12, "RUB"}}},
        // A number glued to a currency code is masked; one that ends a
        // unit's word is not.
        Case{"paid USD115 for 4 km2",
             {{"USD115", MONEY, 115, "USD"}, {"4 km2", MEASURE, 4, "km2"}}},
        // "or over" followed by a number is not a qualifier after it.
        Case{"two billion or over two billion",
             {{"two billion", COUNT, 2e9},
              {"over two billion", COUNT, 2e9, "", MORE_THAN}}},
        Case{"a G-8 summit and the G20", {}},
        // The grammar joins what NumberFinder reads as two numbers: a figure
        // may use them together, but neither alone.
        Case{"It takes five-seven years.",
             {{"five-seven years", RANGE, 5, "year", QUALIFIER_UNSPECIFIED, "",
               7}}},
        Case{"the one three years ago",
             {{"three years", DURATION, 3, "year"}}}));

TEST(FigureExtractorTest, NumbersMaskedAsTheGrammarReadsThem) {
  FigureExtractor extractor(BuiltinRules());
  const std::string text = "up 15 km2, the 2-million mark, five-seven";
  std::string masked = extractor.NumbersMasked(text);
  ASSERT_EQ(masked.size(), text.size());
  // "15" masked; the "2" of "km2" and of "2-million" as written; both parts
  // of "five-seven".
  EXPECT_EQ(masked.substr(0, 10), std::string("up __ km2,", 10));
  EXPECT_EQ(masked.substr(11, 18), "the 2-million mark");
  EXPECT_EQ(masked.substr(31), std::string("_\0\0_-_\0\0\0_", 10));
}

TEST(FigureExtractorTest, SpansAreOffsetsIntoTheWholeText) {
  const std::string text = "Skipped 12 people. Then 34 people.";
  FigureExtractor extractor(BuiltinRules());
  std::vector<Figure> figures;
  extractor.Extract(text, 19, text.size(), "", &figures);
  ASSERT_EQ(figures.size(), 1u);
  EXPECT_EQ(figures[0].span().begin(), 24u);
  EXPECT_EQ(figures[0].text(), "34 people");
  EXPECT_EQ(figures[0].unit_span().begin(), 27u);
  EXPECT_FALSE(figures[0].has_qualifier_span());
}

TEST(FigureExtractorTest, BareUnitsOnlyWhenAsked) {
  const std::string text = "The dollar fell by a small percent.";
  FigureExtractor::Options options;
  options.bare_units = true;
  FigureExtractor with_bare_units(BuiltinRules(), options);
  std::vector<Figure> figures;
  with_bare_units.Extract(text, 0, text.size(), "", &figures);
  ASSERT_EQ(figures.size(), 2u);
  EXPECT_EQ(figures[0].text(), "dollar");
  EXPECT_EQ(figures[1].text(), "percent");
  figures.clear();
  FigureExtractor(BuiltinRules()).Extract(text, 0, text.size(), "", &figures);
  EXPECT_TRUE(figures.empty());
}

// Engine behaviour, on a small pack written here.
std::unique_ptr<RuleSet> LoadPack(const std::string& rules) {
  std::string pack = R"pb(
    rule { id: "n.two" kind: FIGURE figure_role: NUMBER_CARDINAL pattern: "(?i)\\btwo\\b" value: 2 lexicon: "CARDINAL" }
    rule { id: "u.km" kind: FIGURE figure_role: FIGURE_UNIT pattern: "km" unit: "km" figure_kind: MEASURE lexicon: "UNIT" }
  )pb";
  absl::StatusOr<std::unique_ptr<RuleSet>> set = LoadPackText(pack + rules);
  EXPECT_TRUE(set.ok()) << set.status();
  return set.ok() ? std::move(*set) : nullptr;
}

std::vector<std::string> Texts(const RuleSet& rules, const std::string& text) {
  std::vector<Figure> figures;
  FigureExtractor(rules).Extract(text, 0, text.size(), "", &figures);
  std::vector<std::string> texts;
  for (const Figure& figure : figures) {
    texts.push_back(figure.text() + "|" + figure.rule_id());
  }
  return texts;
}

TEST(FigureEngineTest, NumberGroupMustBeAFoundNumber) {
  // The pattern takes any word as a number; only "two" and "7" are numbers.
  std::unique_ptr<RuleSet> rules = LoadPack(R"pb(
    rule { id: "p.any" kind: FIGURE pattern: "(?P<number>\\w+) (?P<unit>km)" figure_kind: COUNT }
  )pb");
  ASSERT_NE(rules, nullptr);
  EXPECT_EQ(Texts(*rules, "many km, two km, 7 km"),
            (std::vector<std::string>{"two km|p.any", "7 km|p.any"}));
}

TEST(FigureEngineTest, GluedNumberNeedsItsLettersInTheMatch) {
  std::unique_ptr<RuleSet> rules = LoadPack(R"pb(
    rule { id: "p.unit" kind: FIGURE pattern: "(?P<number>\\d+)\\s*(?P<unit>km)" }
  )pb");
  ASSERT_NE(rules, nullptr);
  EXPECT_EQ(Texts(*rules, "29km, A-7 km"), (std::vector<std::string>{"29km|p.unit"}));
}

TEST(FigureEngineTest, LowerPriorityFirstThenLongest) {
  std::unique_ptr<RuleSet> rules = LoadPack(R"pb(
    rule { id: "p.short" kind: FIGURE pattern: "(?P<number>\\d+) km" priority: -1 }
    rule { id: "p.long" kind: FIGURE pattern: "(?P<number>\\d+) km long" }
    rule { id: "p.bare" kind: FIGURE pattern: "(?P<number>\\d+)" }
  )pb");
  ASSERT_NE(rules, nullptr);
  EXPECT_EQ(Texts(*rules, "5 km long, 6"),
            (std::vector<std::string>{"5 km|p.short", "6|p.bare"}));
}

TEST(FigureEngineTest, ReversedRangeIsNoFigure) {
  std::unique_ptr<RuleSet> rules = LoadPack(R"pb(
    rule { id: "p.range" kind: FIGURE pattern: "(?P<low>\\d+)-(?P<high>\\d+)" figure_kind: RANGE }
  )pb");
  ASSERT_NE(rules, nullptr);
  EXPECT_EQ(Texts(*rules, "5-10 and 10-5"), (std::vector<std::string>{"5-10|p.range"}));
}

}  // namespace
}  // namespace claims
