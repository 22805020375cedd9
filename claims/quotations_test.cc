#include "claims/quotations.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace claims {
namespace {

struct QuoteCase {
  std::string name;
  std::string text;
  // The quoted text of each top-level quotation, and whether it closed.
  std::vector<std::pair<std::string, bool>> quotations;
};

// Failure messages name the case instead of dumping its bytes.
void PrintTo(const QuoteCase& c, std::ostream* os) { *os << c.name; }

class FindQuotationsTest : public testing::TestWithParam<QuoteCase> {};

TEST_P(FindQuotationsTest, Finds) {
  const std::string& text = GetParam().text;
  std::vector<Quotation> found;
  FindQuotations(text, 0, text.size(), &found);
  std::vector<std::pair<std::string, bool>> got;
  for (const Quotation& q : found) {
    got.emplace_back(text.substr(q.inner_begin, q.inner_end - q.inner_begin),
                     q.closed);
  }
  EXPECT_EQ(got, GetParam().quotations);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, FindQuotationsTest,
    testing::ValuesIn(std::vector<QuoteCase>{
        {"Curly", "“Yes,” he said.", {{"Yes,", true}}},
        {"Straight", "He said \"no\" twice.", {{"no", true}}},
        {"Two", "“A,” he said, “B.”", {{"A,", true}, {"B.", true}}},
        {"NestedCurlyIsOne", "“He said “go” twice.”",
         {{"He said “go” twice.", true}}},
        {"Unclosed", "“We will win.", {{"We will win.", false}}},
        {"ApostropheIsNotAQuote", "The minister’s view.", {}},
        {"StrayCloser", "a” b", {}},
        {"MistypedOpenerOnANewLine", "Fear.”\n”Hope.” ― Ana",
         {{"Hope.", true}}},
    }),
    [](const testing::TestParamInfo<QuoteCase>& info) {
      return info.param.name;
    });

TEST(MaskQuotationsTest, KeepsLengthAndMarksHidesInside) {
  std::string text = "x “said it,” he said";
  std::vector<Quotation> found;
  FindQuotations(text, 0, text.size(), &found);
  std::string masked;
  MaskQuotations(text, 0, text.size(), found, &masked);
  ASSERT_EQ(masked.size(), text.size());
  EXPECT_EQ(masked.find("said"), text.rfind("said"));
  EXPECT_EQ(masked.substr(0, 5), "x “");
  EXPECT_EQ(masked.substr(masked.size() - 11), "” he said");
}

TEST(MaskQuotationsTest, MistypedOpenerReadsAsLeftQuote) {
  std::string text = "”Hope.” ― Ana";
  std::vector<Quotation> found;
  FindQuotations(text, 0, text.size(), &found);
  std::string masked;
  MaskQuotations(text, 0, text.size(), found, &masked);
  EXPECT_EQ(masked.substr(0, 3), "“");
  EXPECT_EQ(masked.substr(3 + 5), "” ― Ana");
}

TEST(MaskQuotationsTest, NoBreakSpaceBecomesTwoSpaces) {
  std::string text = "Gov.\xC2\xA0Lee said";
  std::string masked;
  MaskQuotations(text, 0, text.size(), {}, &masked);
  EXPECT_EQ(masked, "Gov.  Lee said");
}

}  // namespace
}  // namespace claims
