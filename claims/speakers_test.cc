#include "claims/speakers.h"

#include <string>
#include <vector>

#include "claims/test_rules.h"
#include "gtest/gtest.h"

namespace claims {
namespace {

struct ClassifyCase {
  std::string text;
  SpeakerKind kind;
  bool anonymous;
  std::string title;
  std::string name;
  std::string rule;
};

class ClassifyTest : public testing::TestWithParam<ClassifyCase> {};

TEST_P(ClassifyTest, Classifies) {
  Speakers speakers(EngineTestRules());
  Speaker speaker;
  speaker.set_text(GetParam().text);
  speakers.Classify(&speaker);
  EXPECT_EQ(speaker.kind(), GetParam().kind);
  EXPECT_EQ(speaker.anonymous(), GetParam().anonymous);
  EXPECT_EQ(speaker.title(), GetParam().title);
  EXPECT_EQ(speaker.name(), GetParam().name);
  EXPECT_EQ(speaker.rule_id(), GetParam().rule);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ClassifyTest,
    testing::ValuesIn(std::vector<ClassifyCase>{
        {"a senior official", ANONYMOUS, true, "", "", "speaker.anon_official"},
        {"a source", ANONYMOUS, true, "", "", "speaker.anon_source"},
        {"Mayor Ana Ruiz", PERSON, false, "Mayor", "Ana Ruiz", "speaker.titled"},
        {"the ministry", GOVERNMENT_BODY, false, "", "", "speaker.body"},
        {"Ana Ruiz", PERSON, false, "", "Ana Ruiz", "speaker.name"},
        {"a senior official, who asked not to be named", ANONYMOUS, true, "",
         "", "speaker.anon_official"},
        {"Ana Ruiz -- co-author of a book on the debates --", PERSON, false, "",
         "Ana Ruiz", "speaker.name"},
        {"a senior official \xE2\x80\x94 one of three in the room \xE2\x80\x94",
         ANONYMOUS, true, "", "", "speaker.anon_official"},
        {"somebody", UNKNOWN, false, "", "", ""},
    }));

// The cache must hand back what classification gives, and must not carry a
// phrase's class over to a speaker that already had other fields set.
TEST(ClassifyCacheTest, RepeatedPhrasesClassifyTheSame) {
  Speakers speakers(EngineTestRules());
  for (int round = 0; round < 2; ++round) {
    Speaker titled;
    titled.set_text("Mayor Ana Ruiz");
    titled.set_affiliation("stale");
    speakers.Classify(&titled);
    EXPECT_EQ(titled.kind(), PERSON) << "round " << round;
    EXPECT_EQ(titled.title(), "Mayor") << "round " << round;
    EXPECT_EQ(titled.name(), "Ana Ruiz") << "round " << round;
    EXPECT_EQ(titled.affiliation(), "") << "round " << round;
    EXPECT_EQ(titled.rule_id(), "speaker.titled") << "round " << round;

    Speaker unknown;
    unknown.set_text("somebody");
    speakers.Classify(&unknown);
    EXPECT_EQ(unknown.kind(), UNKNOWN) << "round " << round;
    EXPECT_EQ(unknown.rule_id(), "") << "round " << round;
  }
}

TEST(ClassifyCacheTest, StaysCorrectPastItsCapacity) {
  Speakers speakers(EngineTestRules());
  for (size_t i = 0; i <= Speakers::kMaxCachedPhrases + 1; ++i) {
    Speaker filler;
    filler.set_text("somebody number " + std::to_string(i));
    speakers.Classify(&filler);
  }
  Speaker official;
  official.set_text("a senior official");
  speakers.Classify(&official);
  EXPECT_EQ(official.kind(), ANONYMOUS);
  EXPECT_EQ(official.rule_id(), "speaker.anon_official");
}

// Builds a document whose claims have the given speakers, in order.
Document WithSpeakers(const std::vector<std::string>& speakers) {
  Document doc;
  uint32_t offset = 0;
  for (size_t i = 0; i < speakers.size(); ++i) {
    Claim* claim = doc.add_claims();
    claim->set_id("c" + std::to_string(i + 1));
    claim->set_mode(INDIRECT);
    claim->mutable_speaker()->set_text(speakers[i]);
    claim->mutable_speaker()->mutable_span()->set_begin(offset);
    offset += speakers[i].size();
    claim->mutable_speaker()->mutable_span()->set_end(offset);
    offset += 10;
  }
  return doc;
}

TEST(ResolveAllTest, PronounTakesNearestCompatibleSpeaker) {
  Document doc = WithSpeakers({"Mayor Ana Ruiz", "the ministry", "she"});
  Speakers(EngineTestRules()).ResolveAll(&doc);
  const Speaker& she = doc.claims(2).speaker();
  EXPECT_EQ(she.text(), "she");
  EXPECT_EQ(she.resolved_to().text(), "Mayor Ana Ruiz");
  EXPECT_EQ(she.kind(), PERSON);
  EXPECT_EQ(she.name(), "Ana Ruiz");
  EXPECT_EQ(she.rule_id(), "ref.he");
}

TEST(ResolveAllTest, ItSkipsPeople) {
  Document doc = WithSpeakers({"the ministry", "Mayor Ana Ruiz", "it"});
  Speakers(EngineTestRules()).ResolveAll(&doc);
  EXPECT_EQ(doc.claims(2).speaker().resolved_to().text(), "the ministry");
  EXPECT_EQ(doc.claims(2).speaker().kind(), GOVERNMENT_BODY);
}

TEST(ResolveAllTest, DefiniteDescriptionNeedsAllItsWords) {
  Document doc =
      WithSpeakers({"a senior official", "Ana Ruiz", "the senior official"});
  Speakers(EngineTestRules()).ResolveAll(&doc);
  const Speaker& official = doc.claims(2).speaker();
  EXPECT_EQ(official.resolved_to().text(), "a senior official");
  EXPECT_TRUE(official.anonymous());

  Document other = WithSpeakers({"a senior official", "the junior official"});
  Speakers(EngineTestRules()).ResolveAll(&other);
  EXPECT_FALSE(other.claims(1).speaker().has_resolved_to());
}

TEST(ResolveAllTest, ChainsPointAtTheFirstMention) {
  Document doc = WithSpeakers({"Mayor Ana Ruiz", "she", "she"});
  Speakers(EngineTestRules()).ResolveAll(&doc);
  EXPECT_EQ(doc.claims(2).speaker().resolved_to().text(), "Mayor Ana Ruiz");
}

TEST(ResolveAllTest, FirstPersonInsideAQuotationIsTheQuotedSpeaker) {
  Document doc = WithSpeakers({"Ana Ruiz", "a senior official", "I"});
  doc.mutable_claims(1)->set_mode(DIRECT_QUOTE);
  doc.mutable_claims(2)->set_parent_id("c2");
  Speakers(EngineTestRules()).ResolveAll(&doc);
  EXPECT_EQ(doc.claims(2).speaker().resolved_to().text(), "a senior official");
  EXPECT_TRUE(doc.claims(2).speaker().anonymous());
}

TEST(ResolveAllTest, FirstPersonOutsideAQuotationIsNotResolved) {
  Document doc = WithSpeakers({"Ana Ruiz", "I"});
  Speakers(EngineTestRules()).ResolveAll(&doc);
  EXPECT_FALSE(doc.claims(1).speaker().has_resolved_to());
  EXPECT_EQ(doc.claims(1).speaker().kind(), PERSON);
}

TEST(ResolveAllTest, ThirdPersonInAQuotationIsNotTheQuotedSpeaker) {
  // “He misled us,” Ana Ruiz said: "he" is someone Ruiz speaks of.
  Document doc = WithSpeakers({"the minister", "Ana Ruiz", "he"});
  doc.mutable_claims(1)->set_mode(DIRECT_QUOTE);
  doc.mutable_claims(2)->set_parent_id("c2");
  Speakers(EngineTestRules()).ResolveAll(&doc);
  EXPECT_FALSE(doc.claims(2).speaker().has_resolved_to());

  // In reported speech the same "he" may be the reporter.
  Document indirect = WithSpeakers({"the minister", "Ana Ruiz", "he"});
  indirect.mutable_claims(2)->set_parent_id("c2");
  Speakers(EngineTestRules()).ResolveAll(&indirect);
  EXPECT_EQ(indirect.claims(2).speaker().resolved_to().text(), "Ana Ruiz");
}

TEST(ResolveAllTest, ATranscriptTurnSpeaksInItsLabelsVoice) {
  // c2 is a label, c3 and c4 stand in its turn: "I" is the label, and "she",
  // whose nearest compatible speaker is that "I", is someone else.
  Document doc = WithSpeakers({"Mayor Ana Ruiz", "Tom Lopez", "I", "she"});
  Speakers(EngineTestRules())
      .ResolveAll(&doc, {{"c3", "c2"}, {"c4", "c2"}});
  EXPECT_EQ(doc.claims(2).speaker().resolved_to().text(), "Tom Lopez");
  EXPECT_EQ(doc.claims(2).speaker().resolved_to().span().begin(),
            doc.claims(1).speaker().span().begin());
  EXPECT_EQ(doc.claims(2).speaker().rule_id(), "ref.first_person");
  EXPECT_FALSE(doc.claims(3).speaker().has_resolved_to());

  Document outside = WithSpeakers({"Mayor Ana Ruiz", "Tom Lopez", "she"});
  Speakers(EngineTestRules()).ResolveAll(&outside);
  EXPECT_EQ(outside.claims(2).speaker().resolved_to().text(), "Tom Lopez");
}

TEST(ResolveAllTest, ATranscriptLabelIsTheVoiceOfWhatItHolds) {
  // "Tom Lopez: I think they will sign": both nested in the label claim.
  Document doc = WithSpeakers({"Mayor Ana Ruiz", "Tom Lopez", "I", "she"});
  doc.mutable_claims(1)->mutable_cue()->set_kind(TRANSCRIPT_LABEL);
  doc.mutable_claims(2)->set_parent_id("c2");
  doc.mutable_claims(3)->set_parent_id("c2");
  Speakers(EngineTestRules()).ResolveAll(&doc);
  EXPECT_EQ(doc.claims(2).speaker().resolved_to().text(), "Tom Lopez");
  EXPECT_FALSE(doc.claims(3).speaker().has_resolved_to());
}

TEST(ResolveAllTest, UnresolvedReferenceIsClassified) {
  Document doc = WithSpeakers({"the official"});
  Speakers(EngineTestRules()).ResolveAll(&doc);
  EXPECT_FALSE(doc.claims(0).speaker().has_resolved_to());
  EXPECT_EQ(doc.claims(0).speaker().kind(), ANONYMOUS);
}

TEST(ResolveAllTest, RelativePronounTakesTheClassOfItsNamedAntecedent) {
  Document doc = WithSpeakers({"Ana Ruiz", "who"});
  Mention* named =
      doc.mutable_claims(1)->mutable_speaker()->mutable_resolved_to();
  named->set_text("a senior official");
  named->mutable_span()->set_begin(40);
  named->mutable_span()->set_end(57);
  Speakers(EngineTestRules()).ResolveAll(&doc);
  const Speaker& who = doc.claims(1).speaker();
  EXPECT_EQ(who.text(), "who");
  EXPECT_EQ(who.resolved_to().text(), "a senior official");
  EXPECT_EQ(who.resolved_to().span().begin(), 40u);
  EXPECT_TRUE(who.anonymous());
  EXPECT_EQ(who.kind(), ANONYMOUS);
}

}  // namespace
}  // namespace claims
