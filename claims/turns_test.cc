#include "claims/turns.h"

#include <map>
#include <string>

#include "claims/test_rules.h"
#include "gtest/gtest.h"

namespace claims {
namespace {

// A transcript as the extractor leaves it before speakers are resolved:
// labels on the first sentence of each answer, the rest unattributed.
constexpr char kTranscript[] =
    "MR. SMITH: Good morning. Exports rose 4 percent.\n"
    "\n"
    "We sold 300 tractors.\n"
    "\n"
    "Q How many went abroad?\n"
    "\n"
    "Imports fell 2 percent.\n"
    "\n"
    "MS. ORTA: Thank you.\n"
    "\n"
    "I think 90 were sold abroad.\n";

size_t Find(const std::string& text, const std::string& needle) {
  size_t at = text.find(needle);
  EXPECT_NE(at, std::string::npos) << needle;
  return at;
}

Claim* AddClaim(const std::string& text, const std::string& content,
                Mode mode, Document* doc) {
  Claim* claim = doc->add_claims();
  claim->set_id("c" + std::to_string(doc->claims_size()));
  const uint32_t begin = static_cast<uint32_t>(Find(text, content));
  claim->mutable_span()->set_begin(begin);
  claim->mutable_span()->set_end(begin + content.size());
  *claim->mutable_content()->mutable_span() = claim->span();
  claim->mutable_content()->set_text(content);
  claim->set_mode(mode);
  return claim;
}

// The speaker is `phrase` at byte `begin` of the text.
void SetSpeaker(size_t begin, const std::string& phrase, Claim* claim) {
  claim->mutable_speaker()->set_text(phrase);
  claim->mutable_speaker()->mutable_span()->set_begin(begin);
  claim->mutable_speaker()->mutable_span()->set_end(begin + phrase.size());
  claim->mutable_span()->set_begin(
      std::min(claim->span().begin(), claim->speaker().span().begin()));
}

Claim* AddLabel(const std::string& text, const std::string& label,
                const std::string& content, Document* doc) {
  Claim* claim = AddClaim(text, content, INDIRECT, doc);
  SetSpeaker(Find(text, label), label, claim);
  claim->mutable_cue()->set_kind(TRANSCRIPT_LABEL);
  claim->add_rule_ids("attr.label");
  return claim;
}

Claim* AddUnattributed(const std::string& text, const std::string& content,
                       Document* doc) {
  Claim* claim = AddClaim(text, content, UNATTRIBUTED, doc);
  claim->add_rule_ids("builtin.unattributed_figure");
  return claim;
}

class TurnsTest : public testing::Test {
 protected:
  void SetUp() override {
    AddLabel(text_, "MR. SMITH", "Good morning", &doc_);
    AddUnattributed(text_, "Exports rose 4 percent", &doc_);
    AddUnattributed(text_, "We sold 300 tractors", &doc_);
    AddUnattributed(text_, "Imports fell 2 percent", &doc_);
    AddLabel(text_, "MS. ORTA", "Thank you", &doc_);
    Claim* belief = AddClaim(text_, "90 were sold abroad", INDIRECT, &doc_);
    SetSpeaker(Find(text_, "I think"), "I", belief);
    belief->add_rule_ids("attr.speaker_cue");
  }

  const std::string text_ = kTranscript;
  Document doc_;
};

TEST_F(TurnsTest, EachLabelSpeaksUntilTheNextTurnStart) {
  const std::vector<Turn> turns = FindTurns(EngineTestRules(), doc_, text_);
  ASSERT_EQ(turns.size(), 2u);
  EXPECT_EQ(turns[0].label->id(), "c1");
  EXPECT_EQ(turns[0].begin, doc_.claims(0).span().end());
  EXPECT_EQ(turns[0].end, Find(text_, "Q How"));
  EXPECT_EQ(turns[1].label->id(), "c5");
  EXPECT_EQ(turns[1].end, text_.size());

  const struct {
    int claim;
    const char* label;  // nullptr: outside every turn
  } cases[] = {{1, "c1"}, {2, "c1"}, {3, nullptr}, {5, "c5"}};
  for (const auto& c : cases) {
    SCOPED_TRACE(doc_.claims(c.claim).content().text());
    const Turn* turn = TurnOf(turns, doc_.claims(c.claim));
    if (c.label == nullptr) {
      EXPECT_EQ(turn, nullptr);
    } else {
      ASSERT_NE(turn, nullptr);
      EXPECT_EQ(turn->label->id(), c.label);
    }
  }
}

TEST_F(TurnsTest, ALabelThatStartsNoTurnHasNone) {
  // The same label words, but not at a line start: a headline-like label
  // mid-line is no transcript turn.
  const std::string text = "Notes. MR. SMITH: Exports rose 4 percent.";
  Document doc;
  AddLabel(text, "MR. SMITH", "Exports rose 4 percent", &doc);
  EXPECT_TRUE(FindTurns(EngineTestRules(), doc, text).empty());
}

TEST_F(TurnsTest, UnattributedClaimsInATurnBecomeTheLabels) {
  AttributeTurns(EngineTestRules(), text_, &doc_);
  for (int i : {1, 2}) {
    const Claim& claim = doc_.claims(i);
    SCOPED_TRACE(claim.content().text());
    EXPECT_EQ(claim.mode(), INDIRECT);
    EXPECT_EQ(claim.speaker().text(), "MR. SMITH");
    EXPECT_EQ(claim.speaker().span().begin(), 0u);
    EXPECT_EQ(claim.continues_id(), "c1");
    ASSERT_EQ(claim.rule_ids_size(), 1);
    EXPECT_EQ(claim.rule_ids(0), kTranscriptTurnRule);
  }
  const Claim& after_question = doc_.claims(3);
  EXPECT_EQ(after_question.mode(), UNATTRIBUTED);
  EXPECT_FALSE(after_question.has_speaker());
}

TEST_F(TurnsTest, TopLevelClaimsOfATurnAreInTheLabelsVoice) {
  const auto voiced_by = AttributeTurns(EngineTestRules(), text_, &doc_);
  using VoiceMap = std::map<std::string, std::string>;
  const VoiceMap expected = {{"c2", "c1"}, {"c3", "c1"}, {"c6", "c5"}};
  EXPECT_EQ(VoiceMap(voiced_by.begin(), voiced_by.end()), expected);
}

TEST_F(TurnsTest, NestedClaimsAreLeftToTheirParent) {
  doc_.mutable_claims(5)->set_parent_id("c5");
  const auto voiced_by = AttributeTurns(EngineTestRules(), text_, &doc_);
  EXPECT_FALSE(voiced_by.contains("c6"));
  EXPECT_EQ(doc_.claims(5).speaker().text(), "I");
  EXPECT_EQ(doc_.claims(5).rule_ids_size(), 1);
}

}  // namespace
}  // namespace claims
