// Hostile inputs, as a scraper brings them back, through the built-in packs:
// each gives a well-formed result whose spans index the bytes as given, and
// diff and check survive Documents whose claims point outside their text. Inputs
// that are refused (a file that is not UTF-8 text, a bad JSONL line, a rule
// pack RE2 rejects) are covered where they are refused: document_io_test,
// rule_set_test, and tools/claims_cli_test.sh for a whole batch through the
// binary.
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "claims/check.h"
#include "claims/diff.h"
#include "claims/extractor.h"
#include "claims/test_rules.h"
#include "claims/test_spans.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace claims {
namespace {

using ::testing::ElementsAreArray;
using ::testing::IsEmpty;
using ::testing::IsSupersetOf;
using std::string_literals::operator""s;

// Three claims, one per paragraph.
constexpr char kArticle[] =
    "The council voted 7-2 on Monday to fund the barrier, the mayor said.\n\n"
    "\xE2\x80\x9CWe cannot wait for the next flood,\xE2\x80\x9D said Dana "
    "Whitfield, the council leader.\n\n"
    "Officials said the bridge would reopen in May.\n";

std::string At(absl::string_view text, const Span& span) {
  return std::string(text.substr(span.begin(), span.end() - span.begin()));
}

// Extracts with the built-in packs and checks what holds for any input.
Document ExtractWellFormed(const std::string& text) {
  static const Extractor* const extractor = new Extractor(BuiltinRules());
  Document doc;
  extractor->Extract(text, &doc);
  EXPECT_EQ(doc.text_length(), text.size());
  EXPECT_THAT(SpanProblems(doc, text), IsEmpty());
  for (const Claim& claim : doc.claims()) {
    EXPECT_EQ(At(text, claim.content().span()), claim.content().text());
  }
  return doc;
}

std::vector<std::string> Speakers(const Document& doc) {
  std::vector<std::string> speakers;
  for (const Claim& claim : doc.claims()) {
    speakers.push_back(claim.speaker().text());
  }
  return speakers;
}

// Each claim as "begin-end speaker: content", with offsets less `shift`.
std::vector<std::string> Describe(const Document& doc, size_t shift) {
  std::vector<std::string> claims;
  for (const Claim& claim : doc.claims()) {
    claims.push_back(absl::StrCat(claim.span().begin() - shift, "-",
                                  claim.span().end() - shift, " ",
                                  claim.speaker().text(), ": ",
                                  claim.content().text()));
  }
  return claims;
}

struct HostileText {
  std::string name;
  std::string text;
  // Speakers of claims that must still be found (others may be found too).
  std::vector<std::string> speakers;
};

void PrintTo(const HostileText& c, std::ostream* os) { *os << c.name; }

class HostileTextTest : public testing::TestWithParam<HostileText> {};

TEST_P(HostileTextTest, WellFormedAndClaimsAroundItSurvive) {
  Document doc = ExtractWellFormed(GetParam().text);
  EXPECT_THAT(Speakers(doc), IsSupersetOf(GetParam().speakers));
}

std::string Repeat(absl::string_view piece, int times) {
  std::string text;
  for (int i = 0; i < times; ++i) absl::StrAppend(&text, piece);
  return text;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, HostileTextTest,
    testing::ValuesIn(std::vector<HostileText>{
        {"InvalidUtf8",
         "The caf\xE9 owner said the rent had doubled.\n\n\xFF\xFE\xC0\xAF "
         "\xED\xA0\x80\n\nOfficials said the bridge would reopen in May.",
         {"Officials"}},
        {"NulBytes",
         "Officials said the bridge would reopen in May.\n\n"
         "\0\0\0\n\nThe mayor said the road would\0 close."s,
         {"Officials"}},
        {"ControlBytes",
         "\x01\x02\x1B[31m\n\nOfficials said the bridge would reopen.\n\x1B[0m\x7F",
         {"Officials"}},
        {"Bom", absl::StrCat("\xEF\xBB\xBF", kArticle),
         {"the mayor", "Dana Whitfield", "Officials"}},
        {"CrlfLineEnds", absl::StrReplaceAll(kArticle, {{"\n", "\r\n"}}),
         {"the mayor", "Dana Whitfield", "Officials"}},
        {"LoneCarriageReturns", absl::StrReplaceAll(kArticle, {{"\n", "\r"}}),
         {"the mayor", "Dana Whitfield", "Officials"}},
        {"NestedQuotes",
         "\xE2\x80\x9CI heard him say \xE2\x80\x98we will not resign\xE2\x80\x99"
         " before he left,\xE2\x80\x9D the aide said.",
         {"the aide"}},
        {"NestedStraightQuotes",
         "\"She told us \"no\" twice, \"no\" and \"never\",\" the aide said.",
         {"the aide"}},
        {"UnclosedQuoteDoesNotSwallowTheNextParagraph",
         "\xE2\x80\x9CWe will win, the mayor said.\n\n"
         "The police chief said the road would close.",
         {"The police chief"}},
        {"OnlyClosingQuotes",
         "\xE2\x80\x9D \xE2\x80\x9D Officials said the bridge would reopen. "
         "\xE2\x80\x9D",
         {"Officials"}},
    }),
    [](const testing::TestParamInfo<HostileText>& info) {
      return info.param.name;
    });

TEST(HostileInputTest, NothingToClaimInPunctuationOrNothing) {
  EXPECT_THAT(ExtractWellFormed("").claims(), IsEmpty());
  EXPECT_THAT(
      ExtractWellFormed(Repeat(".,;:!?\xE2\x80\xA6\xE2\x80\x94-\"\xE2\x80\x9C"
                               "\xE2\x80\x9D'()[] ",
                               1000))
          .claims(),
      IsEmpty());
}

// Bytes before the article, whatever they are, move every claim by their
// length and change nothing else: offsets refer to the bytes given.
struct Prefix {
  std::string name;
  std::string bytes;
};

void PrintTo(const Prefix& p, std::ostream* os) { *os << p.name; }

class PrefixTest : public testing::TestWithParam<Prefix> {};

TEST_P(PrefixTest, ShiftsEveryClaimByItsLength) {
  const std::string& prefix = GetParam().bytes;
  std::vector<std::string> expected = Describe(ExtractWellFormed(kArticle), 0);
  ASSERT_EQ(expected.size(), 3u);
  Document doc = ExtractWellFormed(prefix + kArticle);
  EXPECT_THAT(Describe(doc, prefix.size()), ElementsAreArray(expected));
}

INSTANTIATE_TEST_SUITE_P(
    Prefixes, PrefixTest,
    testing::ValuesIn(std::vector<Prefix>{
        {"Bom", "\xEF\xBB\xBF"},
        {"InvalidUtf8", "\xFF\xFE\xC3\x28 \xF8\x88\x80\x80\x80\n\n"},
        {"NulBytes", "\0\0\0\n\n"s},
        {"CrlfBlankLines", "\r\n\r\n"},
    }),
    [](const testing::TestParamInfo<Prefix>& info) { return info.param.name; });

TEST(HostileInputTest, CrlfLineEndsGiveTheSameClaims) {
  Document lf = ExtractWellFormed(kArticle);
  Document crlf =
      ExtractWellFormed(absl::StrReplaceAll(kArticle, {{"\n", "\r\n"}}));
  ASSERT_EQ(crlf.claims_size(), lf.claims_size());
  for (int i = 0; i < lf.claims_size(); ++i) {
    EXPECT_EQ(crlf.claims(i).speaker().text(), lf.claims(i).speaker().text());
    EXPECT_EQ(crlf.claims(i).content().text(), lf.claims(i).content().text());
  }
}

TEST(HostileInputTest, MillionQuoteMarks) {
  for (const std::string& text :
       {std::string(1000000, '"'), Repeat("\xE2\x80\x9C", 1000000),
        Repeat("\"a\" ", 250000), Repeat("\xE2\x80\x9C\xE2\x80\x9D", 500000),
        absl::StrCat(std::string(1000000, '"'),
                     " Officials said the bridge would reopen.")}) {
    ExtractWellFormed(text);
  }
}

// A Document read from elsewhere may hold claims whose spans its text does not
// have, and a body_begin past its end: diff and check ignore what lies
// outside the text instead of reading past it.
TEST(HostileInputTest, ClaimSpansOutsideTheDocument) {
  std::vector<DiffInput> inputs(2);
  inputs[0].text = kArticle;
  inputs[1].text =
      "The mayor said on Monday that the council had voted 5-4 to fund the "
      "barrier. The bridge will reopen in June, officials said.";
  for (DiffInput& input : inputs) {
    input.document = ExtractWellFormed(input.text);
  }
  const Differ differ(BuiltinRules(), DiffOptions());
  const Checker checker(BuiltinRules(), DiffOptions(), CheckOptions());
  const std::string diff = differ.Diff(inputs).SerializeAsString();
  const std::string check =
      checker.Check(inputs[0], {inputs[1]}).SerializeAsString();

  Claim* outside = inputs[0].document.add_claims();
  *outside = inputs[0].document.claims(0);
  for (Span* span : {outside->mutable_span(), outside->mutable_speaker()->mutable_span(),
                     outside->mutable_content()->mutable_span()}) {
    span->set_begin(4000000000u);
    span->set_end(4000000009u);
  }
  outside->mutable_speaker()->set_text("Nobody");
  EXPECT_EQ(differ.Diff(inputs).SerializeAsString(), diff);
  EXPECT_EQ(checker.Check(inputs[0], {inputs[1]}).SerializeAsString(), check);

  inputs[0].document.set_body_begin(4000000000u);
  DiffReport past_the_end = differ.Diff(inputs);
  for (const Statement& statement : past_the_end.statements()) {
    EXPECT_EQ(statement.document(), 1u) << statement.text();
  }
  checker.Check(inputs[0], {inputs[1]});
}

// 100 MB with no line end and no sentence end, then one claim: its offsets
// are past 2^26 and must still be exact. Takes about 10 s in an optimised
// build, so it runs only with CLAIMS_LARGE_INPUTS=1 (ctest runs it as
// hostile_input_large_test, label "large").
TEST(HostileInputLargeTest, HundredMegabyteSingleLine) {
  if (std::getenv("CLAIMS_LARGE_INPUTS") == nullptr) {
    GTEST_SKIP() << "set CLAIMS_LARGE_INPUTS=1 to run";
  }
  const std::string claim = "The mayor said the bridge would reopen in May.";
  std::string text = Repeat("word ", 20000000);
  text += "end. ";
  const size_t claim_begin = text.size();
  text += claim;
  Document doc = ExtractWellFormed(text);
  ASSERT_EQ(doc.claims_size(), 1);
  EXPECT_EQ(doc.claims(0).speaker().text(), "The mayor");
  EXPECT_EQ(doc.claims(0).span().begin(), claim_begin);
  EXPECT_EQ(At(text, doc.claims(0).speaker().span()), "The mayor");
}

}  // namespace
}  // namespace claims
