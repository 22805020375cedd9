#include "claims/attribution.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "claims/test_rules.h"
#include "gtest/gtest.h"

namespace claims {
namespace {

// What one attribution should be, as text.
struct Expected {
  std::string speaker;
  std::string cue;
  std::string content;
  Mode mode;
  std::string rule;
  int parent = -1;
};

struct AttributionCase {
  std::string name;
  std::string sentence;
  std::vector<Expected> expected;
};

// Failure messages name the case instead of dumping its bytes.
void PrintTo(const AttributionCase& c, std::ostream* os) { *os << c.name; }

std::string Text(const std::string& s, ByteSpan span) {
  return s.substr(span.begin, span.end - span.begin);
}

// What `rules` find in the whole of `text`.
std::vector<Attribution> FindIn(const RuleSet& rules, const std::string& text) {
  std::vector<Attribution> found;
  AttributionFinder(rules).Find(text, 0, text.size(), &found);
  return found;
}

class AttributionTest : public testing::TestWithParam<AttributionCase> {};

TEST_P(AttributionTest, Finds) {
  const std::string& s = GetParam().sentence;
  AttributionFinder finder(EngineTestRules());
  std::vector<Attribution> found;
  finder.Find(s, 0, s.size(), &found);
  ASSERT_EQ(found.size(), GetParam().expected.size());
  for (size_t i = 0; i < found.size(); ++i) {
    const Expected& e = GetParam().expected[i];
    SCOPED_TRACE(i);
    EXPECT_EQ(Text(s, found[i].speaker), e.speaker);
    EXPECT_EQ(Text(s, found[i].cue), e.cue);
    EXPECT_EQ(Text(s, found[i].content), e.content);
    EXPECT_EQ(found[i].mode, e.mode);
    EXPECT_EQ(found[i].rule->rule.id(), e.rule);
    EXPECT_EQ(found[i].parent, e.parent);
    EXPECT_TRUE(found[i].extent.Contains(found[i].cue));
    EXPECT_TRUE(found[i].extent.Contains(found[i].speaker));
  }
}

const std::vector<AttributionCase>& Cases() {
  static const std::vector<AttributionCase>* const cases = new std::vector<
      AttributionCase>{
      {"QuoteThenSpeakerThenCue",
       "“Yes, we will,” the mayor said.",
       {{"the mayor", "said", "Yes, we will", DIRECT_QUOTE,
         "attr.quote_speaker_cue"}}},
      {"QuoteThenCueThenSpeakerWithRelativeClause",
       "“Yes,” said the mayor, who spoke briefly.",
       {{"the mayor", "said", "Yes", DIRECT_QUOTE, "attr.quote_cue_speaker"}}},
      {"StraightQuotes",
       "\"Yes,\" the mayor said.",
       {{"the mayor", "said", "Yes", DIRECT_QUOTE, "attr.quote_speaker_cue"}}},
      {"Indirect",
       "The mayor said the bridge is safe.",
       {{"The mayor", "said", "the bridge is safe", INDIRECT,
         "attr.speaker_cue_content"}}},
      {"IndirectWithThatAndPartialQuote",
       "The mayor said that the “old” bridge is safe.",
       {{"The mayor", "said", "the “old” bridge is safe", MIXED,
         "attr.speaker_cue_content"}}},
      {"AccordingToFront",
       "According to the police, two people were hurt.",
       {{"the police", "According to", "two people were hurt", INDIRECT,
         "attr.according_to_front"}}},
      {"ContentFirst",
       "Talks will resume soon, the minister said.",
       {{"the minister", "said", "Talks will resume soon", INDIRECT,
         "attr.content_speaker_cue"}}},
      {"ClauseBreakTrimsSpeaker",
       "The talks ended as officials said they failed.",
       {{"officials", "said", "they failed", INDIRECT,
         "attr.speaker_cue_content"}}},
      {"NotASpeakerIsDropped", "The said rule applies.", {}},
      {"QuotedWordsAreNestedNotTheOuterCue",
       "“We said no,” he said.",
       {{"he", "said", "We said no", DIRECT_QUOTE, "attr.quote_speaker_cue"},
        {"We", "said", "no", INDIRECT, "attr.speaker_cue_content", 0}}},
      {"TranscriptLabel",
       "MR. SMITH: Good morning, everyone.",
       {{"MR. SMITH", ":", "Good morning, everyone", INDIRECT, "attr.label"}}},
      {"CoordinatedCues",
       "The ministry confirmed the talks and said they went well.",
       {{"The ministry", "confirmed", "the talks", INDIRECT,
         "attr.coordinated_first"},
        {"The ministry", "said", "they went well", INDIRECT,
         "attr.coordinated_second"}}},
      {"NestedAttribution",
       "The ministry said Gen. Lee pointed out that risks remain.",
       {{"The ministry", "said", "Gen. Lee pointed out that risks remain",
         INDIRECT, "attr.speaker_cue_content"},
        {"Gen. Lee", "pointed out", "risks remain", INDIRECT,
         "attr.speaker_cue_content", 0}}},
      {"NestedInsideAQuotation",
       "“Lee believes the plan works,” the mayor said.",
       {{"the mayor", "said", "Lee believes the plan works", DIRECT_QUOTE,
         "attr.quote_speaker_cue"},
        {"Lee", "believes", "the plan works", INDIRECT,
         "attr.speaker_cue_content", 0}}},
      {"NounCue",
       "The mayor’s claim that the bridge is safe was wrong.",
       {{"The mayor", "claim", "the bridge is safe was wrong", INDIRECT,
         "attr.noun_cue"}}},
      {"NoAttribution", "The bridge opened in 1932.", {}},
  };
  return *cases;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, AttributionTest, testing::ValuesIn(Cases()),
    [](const testing::TestParamInfo<AttributionCase>& info) {
      return info.param.name;
    });

// FindAll over every case sentence at once, as sentences of one document,
// finds what Find finds in each alone: the same attributions in the same
// order, each with its parent.
TEST(AttributionTest, FindAllFindsWhatFindFindsInEachSentence) {
  std::string document;
  std::vector<ByteSpan> sentences;
  for (const AttributionCase& c : Cases()) {
    sentences.push_back({document.size(), document.size() + c.sentence.size()});
    absl::StrAppend(&document, c.sentence, "\n");
  }
  AttributionFinder finder(EngineTestRules());
  std::vector<std::vector<Attribution>> together(sentences.size());
  std::vector<AttributionFinder::Input> inputs;
  for (size_t i = 0; i < sentences.size(); ++i) {
    inputs.push_back({document, sentences[i].begin, sentences[i].end,
                      /*headline=*/i == 0, &together[i]});
  }
  finder.FindAll(inputs);
  int nested = 0;
  for (size_t i = 0; i < sentences.size(); ++i) {
    SCOPED_TRACE(Cases()[i].name);
    std::vector<Attribution> alone;
    finder.Find(document, sentences[i].begin, sentences[i].end, &alone,
                /*headline=*/i == 0);
    ASSERT_EQ(together[i].size(), alone.size());
    for (size_t k = 0; k < alone.size(); ++k) {
      EXPECT_EQ(Text(document, together[i][k].speaker),
                Text(document, alone[k].speaker));
      EXPECT_EQ(Text(document, together[i][k].cue),
                Text(document, alone[k].cue));
      EXPECT_EQ(Text(document, together[i][k].content),
                Text(document, alone[k].content));
      EXPECT_EQ(together[i][k].rule, alone[k].rule);
      EXPECT_EQ(together[i][k].parent, alone[k].parent);
      if (alone[k].parent >= 0) ++nested;
    }
  }
  EXPECT_GT(nested, 0);
}

TEST(AttributionTest, OffsetsAreIntoTheWholeText) {
  std::string text = "Prefix. The mayor said the bridge is safe.";
  size_t begin = text.find("The");
  AttributionFinder finder(EngineTestRules());
  std::vector<Attribution> found;
  finder.Find(text, begin, text.size(), &found);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].speaker.begin, begin);
  EXPECT_EQ(Text(text, found[0].cue), "said");
}

TEST(AttributionTest, UnclosedQuotesAndQuoteFloodsEndQuickly) {
  std::string text = "The mayor said " + std::string(20000, '"') + " ok.";
  AttributionFinder finder(EngineTestRules());
  std::vector<Attribution> found;
  finder.Find(text, 0, text.size(), &found);
  for (const Attribution& a : found) {
    EXPECT_LE(a.content.end, text.size());
    EXPECT_LE(a.content.begin, a.content.end);
  }
}

TEST(AttributionTest, RelativePronounSpeakerIsCheckedThroughItsAntecedent) {
  auto rules = LoadPackText(R"pb(
    rule { id: "cue.say" kind: CUE lexicon: "SPEECH" pattern: "said" }
    rule {
      id: "attr.relative"
      kind: ATTRIBUTION
      pattern: "(?P<antecedent>\\p{L}+),?\\s+(?P<speaker>who)\\s+(?P<cue>said)\\s+(?P<content>.+)"
    }
    rule { id: "notspeaker.the" kind: NOT_SPEAKER pattern: "(?i)the" }
  )pb");
  ASSERT_TRUE(rules.ok()) << rules.status();
  std::string text = "It quoted aides, who said the vote would slip.";
  std::vector<Attribution> found = FindIn(**rules, text);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(Text(text, found[0].speaker), "who");
  EXPECT_EQ(Text(text, found[0].antecedent), "aides");
  EXPECT_EQ(found[0].extent.begin, text.find("aides"));
  EXPECT_TRUE(FindIn(**rules, "It was the who said it first.").empty());
}

TEST(AttributionTest, ContentExcludeDropsTheMatchForItsRuleOnly) {
  auto rules = LoadPackText(R"pb(
    rule { id: "cue.know" kind: CUE lexicon: "BELIEF" pattern: "known|knows" }
    rule {
      id: "attr.belief"
      kind: ATTRIBUTION
      content_exclude: "as\\b"
      pattern: "(?P<speaker>\\p{L}+)\\s+(?P<cue>known|knows)\\s+(?P<content>.+)"
    }
  )pb");
  ASSERT_TRUE(rules.ok()) << rules.status();
  std::string text = "Everyone knows the bridge is old.";
  std::vector<Attribution> found = FindIn(**rules, text);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(Text(text, found[0].content), "the bridge is old");
  EXPECT_TRUE(FindIn(**rules, "A group known as the Circle met.").empty());
}

TEST(AttributionTest, ACueRuleExcludesContentForEveryPattern) {
  auto rules = LoadPackText(R"pb(
    rule {
      id: "cue.call"
      kind: CUE
      lexicon: "SPEECH"
      pattern: "called"
      content_exclude: "each\\s+other\\b"
    }
    rule {
      id: "attr.plain"
      kind: ATTRIBUTION
      pattern: "(?P<speaker>\\p{L}+)\\s+(?P<cue>{SPEECH})\\s+(?P<content>.+)"
    }
  )pb");
  ASSERT_TRUE(rules.ok()) << rules.status();
  EXPECT_EQ(FindIn(**rules, "Ministers called the plan reckless.").size(), 1u);
  EXPECT_TRUE(FindIn(**rules, "Ministers called each other daily.").empty());
}

// "X Y said ...": a speaker of any words, for the tests of clause breaks.
constexpr char kPlainSaidRule[] = R"pb(
  rule {
    id: "attr.plain"
    kind: ATTRIBUTION
    pattern: "(?P<speaker>(?:\\p{L}+\\s+)*?\\p{L}+)\\s+(?P<cue>said)\\s+(?P<content>.+)"
  }
)pb";

struct SpeakerCase {
  std::string text;
  std::string speaker;
};

// Each text has exactly one claim, whose speaker is the given phrase.
void ExpectOneClaimEach(const RuleSet& rules,
                        const std::vector<SpeakerCase>& cases) {
  for (const SpeakerCase& c : cases) {
    std::vector<Attribution> found = FindIn(rules, c.text);
    ASSERT_EQ(found.size(), 1u) << c.text;
    EXPECT_EQ(Text(c.text, found[0].speaker), c.speaker) << c.text;
  }
}

TEST(AttributionTest, AContentCutToWhatItsRuleExcludesIsDropped) {
  auto rules = LoadPackText(R"pb(
    rule {
      id: "attr.plain"
      kind: ATTRIBUTION
      pattern: "^(?P<speaker>\\p{L}+)\\s+(?P<cue>posted)\\s+(?P<content>.+)"
      content_exclude: "(?i)online\\W*$"
    }
    rule {
      id: "attr.saying"
      kind: ATTRIBUTION
      pattern: "^(?P<speaker>\\p{L}+)\\s+posted\\b.*?,\\s+(?P<cue>saying)\\s+(?P<content>.+)"
    }
  )pb");
  ASSERT_TRUE(rules.ok()) << rules.status();
  std::string online = "Lee posted online, saying the bridge is safe.";
  std::vector<Attribution> found = FindIn(**rules, online);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(Text(online, found[0].cue), "saying");
  std::string photo = "Lee posted a photo, saying the bridge is safe.";
  found = FindIn(**rules, photo);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(Text(photo, found[0].content), "a photo");
}

TEST(AttributionTest, AClauseBreakWithARestGroupCutsWhereRestBegins) {
  auto rules = LoadPackText(std::string(kPlainSaidRule) + R"pb(
    rule {
      id: "break.pronoun"
      kind: CLAUSE_BREAK
      pattern: "\\S\\s+(?P<rest>)(?:I|we)$"
    }
    rule { id: "break.as" kind: CLAUSE_BREAK pattern: "\\bas\\s+" }
  )pb");
  ASSERT_TRUE(rules.ok()) << rules.status();
  ExpectOneClaimEach(**rules,
                     {{"Yesterday I said the bridge is safe.", "I"},
                      {"It rained as the mayor said the bridge is safe.",
                       "the mayor"},
                      {"The mayor said the bridge is safe.", "The mayor"}});
}

TEST(AttributionTest, AClauseBreakWithAKeepGroupEndsTheSpeakerThere) {
  auto rules = LoadPackText(std::string(kPlainSaidRule) + R"pb(
    rule {
      id: "break.relative"
      kind: CLAUSE_BREAK
      pattern: "^(?P<keep>.*?\\S)\\s+who\\s+\\p{Ll}+ed\\b"
    }
    rule { id: "break.as" kind: CLAUSE_BREAK pattern: "\\bas\\s+" }
    rule { id: "break.the" kind: CLAUSE_BREAK pattern: "\\bthe\\s+" }
  )pb");
  ASSERT_TRUE(rules.ok()) << rules.status();
  ExpectOneClaimEach(
      **rules,
      {{"Officials who attended the meeting said it went well.", "Officials"},
       {"It rained as officials who attended the meeting said it went well.",
        "officials"},
       {"It rained as the officials who attended said it went well.",
        "officials"}});
}

TEST(AttributionTest, SpeakerExcludeSeesTheSpeakerAsMatchedAndAsKept) {
  // The rule's examples are checked against the speaker as the pattern
  // matched it; the engine must drop the same matches, and also those whose
  // speaker is excluded only once a clause break has cut it.
  auto rules = LoadPackText(R"pb(
    rule {
      id: "attr.aside"
      kind: ATTRIBUTION
      pattern: "^.+?,\\s+(?P<speaker>[\\p{L} ]+?)\\s+(?P<cue>say|said),\\s+(?P<content>.+)"
      speaker_exclude: "as\\s+they|officials"
    }
    rule { id: "break.as" kind: CLAUSE_BREAK pattern: "\\bas\\s+" }
  )pb");
  ASSERT_TRUE(rules.ok()) << rules.status();
  std::string kept = "The plan, as the minister said, is dead.";
  std::vector<Attribution> found = FindIn(**rules, kept);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(Text(kept, found[0].speaker), "the minister");
  EXPECT_TRUE(FindIn(**rules, "The plan, as they say, is dead.").empty());
  EXPECT_TRUE(FindIn(**rules, "The plan, as officials said, is dead.").empty());
}

// "X said ...", for the tests of rules that nest or do not.
constexpr char kReportRule[] = R"pb(
  rule {
    id: "attr.report"
    kind: ATTRIBUTION
    pattern: "^(?P<speaker>[\\p{L} ]+?)\\s+(?P<cue>said)\\s+(?P<content>.+)"
  }
)pb";

TEST(AttributionTest, ATopLevelOnlyRuleFindsNothingInsideAContent) {
  auto rules = LoadPackText(absl::StrCat(kReportRule, R"pb(
    rule {
      id: "attr.belief"
      kind: ATTRIBUTION
      pattern: "^(?P<speaker>he|she|the mayor)\\s+(?P<cue>expects)\\s+(?P<content>.+)"
      top_level_only: true
    }
  )pb"));
  ASSERT_TRUE(rules.ok()) << rules.status();
  std::string nested = "The mayor said he expects rain.";
  std::vector<Attribution> found = FindIn(**rules, nested);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].rule->rule.id(), "attr.report");
  EXPECT_EQ(Text(nested, found[0].content), "he expects rain");
  std::string alone = "the mayor expects rain.";
  found = FindIn(**rules, alone);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].rule->rule.id(), "attr.belief");
}

TEST(AttributionTest, AHeadlineOnlyRuleAppliesToTheHeadlineAlone) {
  auto rules = LoadPackText(absl::StrCat(kReportRule, R"pb(
    rule {
      id: "attr.headline"
      kind: ATTRIBUTION
      pattern: "^(?P<speaker>[\\p{L} ]+?)\\s+(?P<cue>backs)\\s+(?P<content>.+)"
      headline_only: true
    }
  )pb"));
  ASSERT_TRUE(rules.ok()) << rules.status();
  AttributionFinder finder(**rules);
  std::string headline = "Mayor backs the bridge plan";
  std::vector<Attribution> found;
  finder.Find(headline, 0, headline.size(), &found);
  EXPECT_TRUE(found.empty());
  finder.Find(headline, 0, headline.size(), &found, /*headline=*/true);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].rule->rule.id(), "attr.headline");
  // Not inside a content, even in a headline.
  std::string nested = "Lee said mayor backs the plan";
  found.clear();
  finder.Find(nested, 0, nested.size(), &found, /*headline=*/true);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].rule->rule.id(), "attr.report");
}

}  // namespace
}  // namespace claims
