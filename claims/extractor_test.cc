#include "claims/extractor.h"

#include <string>
#include <vector>

#include "claims/document_io.h"
#include "claims/test_rules.h"
#include "gtest/gtest.h"

namespace claims {
namespace {

std::string At(const std::string& text, const Span& span) {
  return text.substr(span.begin(), span.end() - span.begin());
}

// Invariants every extraction must keep, whatever the rules.
void ExpectWellFormed(const std::string& text, const Document& doc) {
  EXPECT_EQ(doc.text_length(), text.size());
  std::vector<std::string> seen;
  for (const Claim& claim : doc.claims()) {
    SCOPED_TRACE(claim.id());
    EXPECT_LE(claim.span().begin(), claim.span().end());
    EXPECT_LE(claim.span().end(), text.size());
    EXPECT_GE(claim.span().begin(), doc.body_begin());
    EXPECT_EQ(At(text, claim.content().span()), claim.content().text());
    if (claim.has_speaker() && !claim.speaker().has_resolved_to()) {
      EXPECT_EQ(At(text, claim.speaker().span()), claim.speaker().text());
    }
    if (claim.has_cue()) {
      EXPECT_EQ(At(text, claim.cue().span()), claim.cue().text());
    }
    for (const Figure& figure : claim.figures()) {
      EXPECT_EQ(At(text, figure.span()), figure.text());
    }
    for (const Hedge& hedge : claim.hedges()) {
      EXPECT_EQ(At(text, hedge.span()), hedge.text());
    }
    if (!claim.parent_id().empty()) {
      EXPECT_NE(std::find(seen.begin(), seen.end(), claim.parent_id()),
                seen.end())
          << "parent must come first";
    }
    EXPECT_FALSE(claim.rule_ids().empty());
    seen.push_back(claim.id());
  }
}

// Extracts `text` with the frozen engine pack and checks the invariants.
Document ExtractWithEnginePack(const std::string& text) {
  Document doc;
  Extractor(EngineTestRules()).Extract(text, &doc);
  ExpectWellFormed(text, doc);
  return doc;
}

TEST(ExtractorTest, EngineBehaviourOnTheFrozenPack) {
  std::string text =
      "Mayor Ana Ruiz said the bridge is safe. “It will stay open,” she said "
      "in a statement.\n\n“We checked every beam.”\n\nRepairs are late, said "
      "a senior official, who was not authorized to speak publicly.";
  Document doc = ExtractWithEnginePack(text);
  for (const Claim& claim : doc.claims()) {
    SCOPED_TRACE(claim.ShortDebugString());
  }
  ASSERT_EQ(doc.claims_size(), 4) << doc.ShortDebugString();

  const Claim& indirect = doc.claims(0);
  EXPECT_EQ(indirect.id(), "c1");
  EXPECT_EQ(indirect.mode(), INDIRECT);
  EXPECT_EQ(indirect.speaker().name(), "Ana Ruiz");
  EXPECT_EQ(indirect.cue().lemma(), "say");
  EXPECT_EQ(indirect.cue().rule_id(), "cue.say");
  EXPECT_EQ(indirect.content().text(), "the bridge is safe");
  EXPECT_EQ(At(text, indirect.sentence_span()),
            "Mayor Ana Ruiz said the bridge is safe.");

  const Claim& quote = doc.claims(1);
  EXPECT_EQ(quote.mode(), DIRECT_QUOTE);
  EXPECT_EQ(quote.content().text(), "It will stay open");
  EXPECT_EQ(quote.speaker().text(), "she");
  EXPECT_EQ(quote.speaker().resolved_to().text(), "Mayor Ana Ruiz");
  EXPECT_EQ(quote.source().kind(), STATEMENT);
  EXPECT_EQ(quote.source().issuer(), "Ana Ruiz");

  const Claim& continued = doc.claims(2);
  EXPECT_EQ(continued.mode(), DIRECT_QUOTE);
  EXPECT_EQ(continued.content().text(), "We checked every beam.");
  EXPECT_EQ(continued.rule_ids(0), "builtin.quote_continuation");
  EXPECT_EQ(continued.continues_id(), quote.id());
  EXPECT_EQ(continued.speaker().resolved_to().text(), "Mayor Ana Ruiz");
  EXPECT_FALSE(continued.has_cue());

  const Claim& anonymous = doc.claims(3);
  EXPECT_TRUE(anonymous.speaker().anonymous());
  EXPECT_EQ(anonymous.speaker().anonymity_reason().category(), NOT_AUTHORIZED);
  EXPECT_EQ(anonymous.speaker().anonymity_reason().text(),
            "not authorized to speak publicly");
  EXPECT_EQ(anonymous.content().text(), "Repairs are late");
}

TEST(ExtractorTest, NestedClaimFollowsItsParent) {
  std::string text = "The ministry said Gen. Lee pointed out that risks remain.";
  Document doc = ExtractWithEnginePack(text);
  ASSERT_EQ(doc.claims_size(), 2);
  EXPECT_EQ(doc.claims(1).parent_id(), doc.claims(0).id());
  EXPECT_EQ(doc.claims(1).speaker().text(), "Gen. Lee");
}

TEST(ExtractorTest, QuotationAfterPartlyQuotedWordsContinuesThem) {
  std::string text =
      "Ana Ruiz said the plan was “a disaster.” “We will fight it.”\n\n"
      "“It is late.\n\nLee Park said the road was “shut.”";
  Document doc = ExtractWithEnginePack(text);
  ASSERT_EQ(doc.claims_size(), 3) << doc.ShortDebugString();
  const Claim& mixed = doc.claims(0);
  EXPECT_EQ(mixed.mode(), MIXED);
  const Claim& continued = doc.claims(1);
  EXPECT_EQ(continued.continues_id(), mixed.id());
  EXPECT_EQ(continued.content().text(), "We will fight it.");
  EXPECT_EQ(continued.speaker().text(), "Ana Ruiz");
  // An unclosed quotation before partly quoted words is not taken forward
  // to them, as it would be to a whole quotation.
  EXPECT_EQ(doc.claims(2).speaker().text(), "Lee Park");
  EXPECT_EQ(doc.claims(2).mode(), MIXED);
}

TEST(ExtractorTest, OnlyAFirstLineOnItsOwnIsAHeadline) {
  auto rules = LoadPackText(R"pb(
    rule {
      id: "attr.headline"
      kind: ATTRIBUTION
      pattern: "^(?P<speaker>\\p{L}+)\\s+(?P<cue>backs)\\s+(?P<content>.+)"
      headline_only: true
    }
  )pb");
  ASSERT_TRUE(rules.ok()) << rules.status();
  Extractor extractor(**rules);
  auto claims_in = [&](const std::string& text, const std::string& title) {
    Document doc;
    doc.set_title(title);
    extractor.Extract(text, &doc);
    return doc.claims_size();
  };
  EXPECT_EQ(claims_in("Mayor backs bridge plan\n\nVotes are due.", ""), 1);
  // The first paragraph holds more than the one sentence.
  EXPECT_EQ(claims_in("Mayor backs bridge plan. Votes are due.", ""), 0);
  // A document with a title of its own starts with body text.
  EXPECT_EQ(claims_in("Mayor backs bridge plan\n\nVotes are due.", "Bridge"), 0);
  // Nor is a later line a headline.
  EXPECT_EQ(claims_in("Votes are due.\n\nMayor backs bridge plan", ""), 0);
}

TEST(ExtractorTest, LeadInWithColonIntroducesTheNextParagraph) {
  std::string text =
      "Ana Ruiz said:\n\n“The bridge is safe. It stays open.\n\n“We "
      "checked every beam.”\n\nThe mayor warned:\n\nRepairs are late. Costs "
      "rose.\n\nNotes:\n\nLee Park said the road is shut.\n\nSummary:\n\n"
      "No change.";
  Document doc = ExtractWithEnginePack(text);
  ASSERT_EQ(doc.claims_size(), 4) << doc.ShortDebugString();

  const Claim& quote = doc.claims(0);
  EXPECT_EQ(quote.speaker().text(), "Ana Ruiz");
  EXPECT_EQ(quote.mode(), DIRECT_QUOTE);
  EXPECT_EQ(quote.content().text(), "The bridge is safe. It stays open.");
  EXPECT_EQ(At(text, quote.sentence_span()),
            "Ana Ruiz said:\n\n“The bridge is safe. It stays open.");

  const Claim& continued = doc.claims(1);
  EXPECT_EQ(continued.continues_id(), quote.id());
  EXPECT_EQ(continued.content().text(), "We checked every beam.");

  const Claim& unquoted = doc.claims(2);
  EXPECT_EQ(unquoted.speaker().text(), "The mayor");
  EXPECT_EQ(unquoted.mode(), INDIRECT);
  EXPECT_EQ(unquoted.content().text(), "Repairs are late. Costs rose");

  // A lead-in without a cue leaves the next paragraph's claim as it was.
  const Claim& after_label = doc.claims(3);
  EXPECT_EQ(after_label.speaker().text(), "Lee Park");
  EXPECT_EQ(At(text, after_label.sentence_span()),
            "Lee Park said the road is shut.");
}

TEST(ExtractorTest, FrontMatterIsNotExtractedFrom) {
  std::string text = "The mayor said no.\nAna Ruiz said the bridge is safe.";
  Document doc;
  doc.set_body_begin(static_cast<uint32_t>(text.find("Ana")));
  Extractor(EngineTestRules()).Extract(text, &doc);
  ExpectWellFormed(text, doc);
  ASSERT_EQ(doc.claims_size(), 1);
  EXPECT_EQ(doc.claims(0).speaker().text(), "Ana Ruiz");
}

TEST(ExtractorTest, FirstPersonInATranscriptTurnIsTheLabel) {
  std::string text =
      "MAYOR RUIZ: Good morning.\n\nWe warned that the bridge was unsafe.\n\n"
      "Q And the road?\n\nWe warned that it was unsafe too.";
  Document doc = ExtractWithEnginePack(text);
  ASSERT_EQ(doc.claims_size(), 3) << doc.ShortDebugString();
  const Claim& in_turn = doc.claims(1);
  EXPECT_EQ(in_turn.speaker().text(), "We");
  EXPECT_EQ(in_turn.speaker().resolved_to().text(), "MAYOR RUIZ");
  EXPECT_EQ(in_turn.speaker().resolved_to().span().begin(), 0u);
  const Claim& after_question = doc.claims(2);
  EXPECT_EQ(after_question.speaker().text(), "We");
  EXPECT_FALSE(after_question.speaker().has_resolved_to());
}

TEST(ExtractorTest, HostileBytesGiveValidSpans) {
  for (const std::string& text :
       {std::string(""), std::string("\0\0said\0", 7), std::string("\xff\xfe“”\"\""),
        std::string(5000, '"'), std::string("“") + std::string(3000, 'a'),
        std::string("...!!!???"), std::string("\xEF\xBB\xBFThe mayor said no.\r\n")}) {
    Document doc;
    Extractor(EngineTestRules()).Extract(text, &doc);
    ExpectWellFormed(text, doc);
  }
}

TEST(ExtractorTest, ExtractAllFindsWhatExtractFindsInEachDocument) {
  std::vector<std::string> texts;
  std::vector<Document> alone;
  for (const char* path : {"testdata/articles/leaders_call.txt",
                           "testdata/articles/briefing_snippet.txt"}) {
    auto input = ReadTextDocument(path);
    ASSERT_TRUE(input.ok()) << input.status();
    texts.push_back(input->text);
    alone.push_back(input->document);
  }
  // Documents that differ in what the stages read: a date that anchors
  // "last Tuesday", front matter, a lead-in, nothing at all, hostile bytes.
  texts.push_back("The ministry said last Tuesday that 12 ships had docked.");
  alone.emplace_back();
  alone.back().set_date("2024-03-07");
  texts.push_back("The mayor said no.\nAna Ruiz said the fee rose 5%.");
  alone.emplace_back();
  alone.back().set_body_begin(static_cast<uint32_t>(texts.back().find("Ana")));
  texts.push_back("The minister warned:\n\nPrices are rising. Wages are not.");
  alone.emplace_back();
  texts.push_back("");
  alone.emplace_back();
  texts.push_back(std::string("\xff\xfe“”\"\" said ") + std::string(300, '"'));
  alone.emplace_back();

  const Extractor extractor(BuiltinRules());
  std::vector<Document> together = alone;
  std::vector<absl::string_view> views;
  std::vector<Document*> outputs;
  for (size_t i = 0; i < texts.size(); ++i) {
    extractor.Extract(texts[i], &alone[i]);
    views.push_back(texts[i]);
    outputs.push_back(&together[i]);
  }
  extractor.ExtractAll(views, outputs);
  int claims = 0;
  for (size_t i = 0; i < texts.size(); ++i) {
    SCOPED_TRACE(i);
    ExpectWellFormed(texts[i], together[i]);
    EXPECT_EQ(together[i].SerializeAsString(), alone[i].SerializeAsString());
    claims += together[i].claims_size();
  }
  EXPECT_GT(claims, 10);
}

// The built-in English packs on a news-style article of our own: the kinds of
// claim the project was specified from must all come out.
class BuiltinArticleTest : public testing::Test {
 protected:
  void SetUp() override {
    auto input = ReadTextDocument("testdata/articles/leaders_call.txt");
    ASSERT_TRUE(input.ok()) << input.status();
    text_ = input->text;
    doc_ = input->document;
    Extractor(BuiltinRules()).Extract(text_, &doc_);
    ExpectWellFormed(text_, doc_);
  }

  // The first claim whose content contains `words` (is exactly `words`,
  // when `exact`).
  const Claim* WithContent(const std::string& words,
                           bool exact = false) const {
    for (const Claim& claim : doc_.claims()) {
      const std::string& content = claim.content().text();
      if (exact ? content == words : content.find(words) != std::string::npos) {
        return &claim;
      }
    }
    ADD_FAILURE() << "no claim with content containing: " << words;
    return nullptr;
  }

  std::string text_;
  Document doc_;
};

TEST_F(BuiltinArticleTest, StatementWithIssuer) {
  const Claim* claim = WithContent("frank and productive conversation");
  ASSERT_NE(claim, nullptr);
  EXPECT_EQ(claim->mode(), DIRECT_QUOTE);
  EXPECT_EQ(claim->speaker().text(), "a Norland government statement");
  EXPECT_EQ(claim->source().kind(), STATEMENT);
  EXPECT_EQ(claim->source().issuer(), "Norland government");
}

TEST_F(BuiltinArticleTest, MinistryConfirmsAndSays) {
  const Claim* confirmed = WithContent("the call", /*exact=*/true);
  const Claim* said = WithContent("Varga stressed the need for calm");
  ASSERT_NE(confirmed, nullptr);
  ASSERT_NE(said, nullptr);
  EXPECT_EQ(confirmed->cue().lemma(), "confirm");
  EXPECT_EQ(said->cue().lemma(), "say");
  for (const Claim* claim : {confirmed, said}) {
    EXPECT_EQ(claim->speaker().text(), "Vestria’s foreign ministry");
    EXPECT_EQ(claim->speaker().kind(), GOVERNMENT_BODY);
  }
}

TEST_F(BuiltinArticleTest, NestedClaimInsideTheStatement) {
  const Claim* statement = WithContent("Tomas Varga pointed out that");
  const Claim* nested = WithContent(
      "relations this year must rest on mutual respect. Both sides should "
      "avoid unilateral steps",
      /*exact=*/true);
  ASSERT_NE(statement, nullptr);
  ASSERT_NE(nested, nullptr);
  EXPECT_EQ(statement->speaker().text(), "it");
  EXPECT_EQ(statement->speaker().resolved_to().text(),
            "Vestria’s foreign ministry");
  EXPECT_EQ(statement->source().kind(), STATEMENT);
  EXPECT_EQ(nested->parent_id(), statement->id());
  EXPECT_EQ(nested->speaker().name(), "Tomas Varga");
  EXPECT_EQ(nested->cue().lemma(), "point out");
}

TEST_F(BuiltinArticleTest, AnonymousOfficialWithReason) {
  const Claim* claim = WithContent("we agreed to keep talking");
  ASSERT_NE(claim, nullptr);
  EXPECT_TRUE(claim->speaker().anonymous());
  EXPECT_EQ(claim->speaker().kind(), ANONYMOUS);
  EXPECT_EQ(claim->speaker().text(), "the senior official");
  EXPECT_NE(claim->speaker().resolved_to().text().find("A senior Norland official"),
            std::string::npos);
  EXPECT_EQ(claim->speaker().anonymity_reason().category(),
            BRIEFING_GROUND_RULES);
  bool negated = false;
  for (const Hedge& hedge : claim->hedges()) {
    negated |= hedge.kind() == NEGATED_ASSERTION;
  }
  EXPECT_TRUE(negated) << "“I would not say” is a negated assertion";
}

TEST_F(BuiltinArticleTest, UnattributedFigures) {
  const Claim* claim = WithContent("More than 2,400 trucks");
  ASSERT_NE(claim, nullptr);
  EXPECT_EQ(claim->mode(), UNATTRIBUTED);
  EXPECT_FALSE(claim->has_speaker());
  bool count = false, year = false;
  for (const Figure& figure : claim->figures()) {
    if (figure.kind() == COUNT && figure.value() == 2400) {
      count = true;
      EXPECT_EQ(figure.qualifier(), MORE_THAN);
      EXPECT_EQ(figure.unit(), "trucks");
    }
    if (figure.kind() == YEAR && figure.value() == 2024) year = true;
  }
  EXPECT_TRUE(count);
  EXPECT_TRUE(year);
}

TEST_F(BuiltinArticleTest, MoneyAndPercent) {
  const Claim* claim = WithContent("$48.2 million");
  ASSERT_NE(claim, nullptr);
  bool money = false, percent = false;
  for (const Figure& figure : claim->figures()) {
    money |= figure.kind() == MONEY && figure.value() == 48.2e6;
    percent |= figure.kind() == PERCENT && figure.value() == 12;
  }
  EXPECT_TRUE(money);
  EXPECT_TRUE(percent);
}

TEST_F(BuiltinArticleTest, QuoteContinuesThePreviousSpeaker) {
  const Claim* claim = WithContent("Promises are cheap");
  ASSERT_NE(claim, nullptr);
  EXPECT_EQ(claim->mode(), DIRECT_QUOTE);
  EXPECT_EQ(claim->speaker().name(), "Brandt");
}

TEST_F(BuiltinArticleTest, BeliefsEvaluationsAndConditionals) {
  const Claim* belief = WithContent("the government is moving too fast");
  ASSERT_NE(belief, nullptr);
  EXPECT_EQ(belief->cue().kind(), BELIEF);
  const Claim* evaluation = WithContent("the talks as");
  ASSERT_NE(evaluation, nullptr);
  EXPECT_EQ(evaluation->cue().kind(), EVALUATION);
  EXPECT_EQ(evaluation->mode(), MIXED);
  const Claim* conditional = WithContent("exports could recover");
  ASSERT_NE(conditional, nullptr);
  EXPECT_EQ(conditional->speaker().name(), "Ines Holt");
  EXPECT_EQ(conditional->source().kind(), BRIEFING);
  bool depending = false;
  for (const Hedge& hedge : conditional->hedges()) {
    depending |= hedge.kind() == CONDITIONAL;
  }
  EXPECT_TRUE(depending);
}

}  // namespace
}  // namespace claims
