// The article the project was specified from (../shared/seed/article.txt):
// the claims the specification names must come out of it. It needs the
// shared corpus, so it is not part of ctest; .ci/shared_checks.sh runs it
// with CLAIMS_SEED_ARTICLE set to the file.
#include <cstdlib>
#include <string>

#include "claims/document_io.h"
#include "claims/extractor.h"
#include "claims/test_rules.h"
#include "gtest/gtest.h"

namespace claims {
namespace {

class SeedArticleTest : public testing::Test {
 protected:
  void SetUp() override {
    const char* path = std::getenv("CLAIMS_SEED_ARTICLE");
    ASSERT_NE(path, nullptr) << "set CLAIMS_SEED_ARTICLE to the seed article";
    auto input = ReadTextDocument(path);
    ASSERT_TRUE(input.ok()) << input.status();
    doc_ = input->document;
    Extractor(BuiltinRules()).Extract(input->text, &doc_);
  }

  const Claim* Find(const std::string& content_start,
                    const std::string& speaker_text) const {
    for (const Claim& claim : doc_.claims()) {
      if (claim.content().text().rfind(content_start, 0) == 0 &&
          claim.speaker().text() == speaker_text) {
        return &claim;
      }
    }
    ADD_FAILURE() << "no claim by \"" << speaker_text << "\" starting \""
                  << content_start << "\"";
    return nullptr;
  }

  Document doc_;
};

TEST_F(SeedArticleTest, WhiteHouseStatementWithItsQuote) {
  const Claim* claim =
      Find("The two leaders held a candid and constructive discussion",
           "a White House statement");
  ASSERT_NE(claim, nullptr);
  EXPECT_EQ(claim->mode(), DIRECT_QUOTE);
  EXPECT_EQ(claim->source().kind(), STATEMENT);
  EXPECT_EQ(claim->source().issuer(), "White House");
}

TEST_F(SeedArticleTest, ForeignMinistryConfirmedAndSaid) {
  const Claim* confirmed = Find("the meeting", "China’s foreign ministry");
  const Claim* said =
      Find("Xi emphasized reducing risk", "China’s foreign ministry");
  ASSERT_NE(confirmed, nullptr);
  ASSERT_NE(said, nullptr);
  EXPECT_EQ(confirmed->cue().lemma(), "confirm");
  EXPECT_EQ(said->cue().lemma(), "say");
  EXPECT_EQ(said->speaker().kind(), GOVERNMENT_BODY);
}

TEST_F(SeedArticleTest, XiNestedInsideTheChineseStatement) {
  const Claim* statement = Find("Xi Jinping pointed out", "it");
  const Claim* xi = Find("China-US relations this year", "Xi Jinping");
  ASSERT_NE(statement, nullptr);
  ASSERT_NE(xi, nullptr);
  EXPECT_EQ(statement->source().kind(), STATEMENT);
  EXPECT_EQ(statement->speaker().resolved_to().text(),
            "China’s foreign ministry");
  EXPECT_EQ(xi->parent_id(), statement->id());
}

TEST_F(SeedArticleTest, AnonymousOfficialWithReason) {
  const Claim* claim = Find("I think both sides realized",
                            "the senior administration official");
  ASSERT_NE(claim, nullptr);
  EXPECT_TRUE(claim->speaker().anonymous());
  EXPECT_EQ(claim->speaker().kind(), ANONYMOUS);
  EXPECT_FALSE(claim->speaker().anonymity_reason().text().empty());
  EXPECT_NE(claim->speaker().anonymity_reason().category(),
            ANONYMITY_REASON_CATEGORY_UNSPECIFIED);
}

TEST_F(SeedArticleTest, UnattributedFentanylDeaths) {
  const Claim* claim = nullptr;
  for (const Claim& c : doc_.claims()) {
    if (c.content().text().rfind("More than 100,000 people died", 0) == 0) {
      claim = &c;
    }
  }
  ASSERT_NE(claim, nullptr);
  EXPECT_EQ(claim->mode(), UNATTRIBUTED);
  bool count = false, year = false;
  for (const Figure& figure : claim->figures()) {
    if (figure.kind() == COUNT) {
      count = true;
      EXPECT_EQ(figure.value(), 100000);
      EXPECT_EQ(figure.qualifier(), MORE_THAN);
      EXPECT_EQ(figure.unit(), "people");
    }
    if (figure.kind() == YEAR) year = figure.value() == 2023;
  }
  EXPECT_TRUE(count);
  EXPECT_TRUE(year);
}

}  // namespace
}  // namespace claims
