#include "claims/text_util.h"

#include <string>

#include "gtest/gtest.h"

namespace claims {
namespace {

struct NextCharacterCase {
  std::string text;
  size_t pos;
  size_t want;
};

class NextCharacterTest : public testing::TestWithParam<NextCharacterCase> {};

TEST_P(NextCharacterTest, SkipsContinuationBytes) {
  const NextCharacterCase& c = GetParam();
  EXPECT_EQ(NextCharacter(c.text, c.pos), c.want);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, NextCharacterTest,
    testing::Values(NextCharacterCase{"abc", 0, 1},
                    NextCharacterCase{"abc", 2, 3},
                    NextCharacterCase{"caf\xC3\xA9!", 3, 5},        // é
                    NextCharacterCase{"\xE2\x80\x9Cx", 0, 3},       // “
                    NextCharacterCase{"\xF0\x9F\x98\x80", 0, 4},    // emoji
                    NextCharacterCase{"\xE2\x80", 0, 2},            // cut short
                    NextCharacterCase{"\x80\x80\x80" "a", 0, 3}));     // stray

struct QuoteMarkCase {
  std::string text;
  size_t i;
  QuoteMark want;
  size_t want_length;
};

class QuoteMarkAtTest : public testing::TestWithParam<QuoteMarkCase> {};

TEST_P(QuoteMarkAtTest, ClassifiesTheMark) {
  const QuoteMarkCase& c = GetParam();
  size_t length = 0;
  EXPECT_EQ(QuoteMarkAt(c.text, c.i, &length), c.want);
  EXPECT_EQ(length, c.want_length);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, QuoteMarkAtTest,
    testing::Values(
        QuoteMarkCase{"\xE2\x80\x9Cyes", 0, QuoteMark::kOpen, 3},
        QuoteMarkCase{"yes\xE2\x80\x9D", 3, QuoteMark::kClose, 3},
        QuoteMarkCase{"Yes.\xE2\x80\x9C\n", 4, QuoteMark::kClose, 3},
        QuoteMarkCase{"Yes.\xE2\x80\x9C", 4, QuoteMark::kClose, 3},
        QuoteMarkCase{"said.\xE2\x80\x9C" "Go", 5, QuoteMark::kOpen, 3},
        QuoteMarkCase{"said \xE2\x80\x9C" "Go", 5, QuoteMark::kOpen, 3},
        QuoteMarkCase{"\xE2\x80\x9D" "Fear.", 0, QuoteMark::kOpen, 3},
        QuoteMarkCase{"no.\n\xE2\x80\x9D" "Fear.", 4, QuoteMark::kOpen, 3},
        QuoteMarkCase{"no.\n\xE2\x80\x9D\n", 4, QuoteMark::kClose, 3},
        QuoteMarkCase{"no.\n\xE2\x80\x9D, he said", 4, QuoteMark::kClose, 3},
        QuoteMarkCase{"no. \xE2\x80\x9D" "Fear", 4, QuoteMark::kClose, 3},
        QuoteMarkCase{"\"yes\"", 0, QuoteMark::kOpen, 1},
        QuoteMarkCase{"\"yes\"", 4, QuoteMark::kClose, 1},
        QuoteMarkCase{"said ''no''", 5, QuoteMark::kOpen, 2},
        QuoteMarkCase{"said ''no''", 9, QuoteMark::kClose, 2},
        QuoteMarkCase{"(\"aside\")", 1, QuoteMark::kOpen, 1},
        QuoteMarkCase{"it's", 2, QuoteMark::kNone, 1}));

TEST(TrimTest, DropsWhiteSpaceOnly) {
  std::string text = "  the minister, ";
  size_t begin = 0, end = text.size();
  Trim(text, &begin, &end);
  EXPECT_EQ(text.substr(begin, end - begin), "the minister,");
}

TEST(TrimCharsTest, DropsWhiteSpaceAndTheGivenPunctuation) {
  std::string text = ", the minister, ";
  size_t begin = 0, end = text.size();
  TrimChars(text, ",;:", &begin, &end);
  EXPECT_EQ(text.substr(begin, end - begin), "the minister");
}

TEST(TrimCharsTest, AllTrimmedLeavesAnEmptyRange) {
  std::string text = " ,; ";
  size_t begin = 0, end = text.size();
  TrimChars(text, ",;:", &begin, &end);
  EXPECT_EQ(begin, end);
}

struct AppositiveCase {
  const char* phrase;
  size_t start;
};

class AppositiveStartTest : public ::testing::TestWithParam<AppositiveCase> {};

TEST_P(AppositiveStartTest, FindsTheFirstSeparator) {
  EXPECT_EQ(AppositiveStart(GetParam().phrase), GetParam().start)
      << GetParam().phrase;
}

INSTANTIATE_TEST_SUITE_P(
    Separators, AppositiveStartTest,
    ::testing::Values(
        AppositiveCase{"Jane Roe, a neighbor,", 8},
        AppositiveCase{"Mr. Kall -- co-editor of a book --", 9},
        AppositiveCase{"Mr. Kall \xE2\x80\x94 co-editor \xE2\x80\x94", 9},
        AppositiveCase{"Ana Ruiz \xE2\x80\x93 an aide, who left", 9},
        AppositiveCase{"a co-editor, named", 11},
        AppositiveCase{"the Al-Assad government", absl::string_view::npos}));

TEST(IsNbspTest, FindsTheTwoByteNoBreakSpace) {
  std::string text = "a\xC2\xA0" "b";
  EXPECT_TRUE(IsNbsp(text, 1));
  EXPECT_FALSE(IsNbsp(text, 0));
  EXPECT_FALSE(IsNbsp(text, 2));
}

TEST(AppendUtf8Test, EncodesEachLengthAndAppends) {
  std::string out = ">";
  for (uint32_t code_point : {0x41u, 0xE9u, 0x201Cu, 0x1F600u}) {
    AppendUtf8(code_point, &out);
  }
  EXPECT_EQ(out, ">A\xC3\xA9\xE2\x80\x9C\xF0\x9F\x98\x80");
}

}  // namespace
}  // namespace claims
