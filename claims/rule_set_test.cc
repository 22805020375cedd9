#include "claims/rule_set.h"

#include <filesystem>
#include <fstream>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "claims/test_rules.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace claims {
namespace {

using ::testing::HasSubstr;

struct BadPackCase {
  std::string name;
  std::string pack;
  // Substrings the error must contain.
  std::vector<std::string> message;
};

// Rules built by hand, for index behaviour no loadable pack reaches.
struct HandMadeRules {
  CompiledRule* Add() {
    owned.push_back(std::make_unique<CompiledRule>());
    rules.push_back(owned.back().get());
    return owned.back().get();
  }
  std::vector<std::unique_ptr<CompiledRule>> owned;
  std::vector<const CompiledRule*> rules;
};

// Failure messages name the case instead of dumping its bytes.
void PrintTo(const BadPackCase& c, std::ostream* os) { *os << c.name; }

class BadPackTest : public testing::TestWithParam<BadPackCase> {};

TEST_P(BadPackTest, FailsWithFileLineAndRule) {
  auto rules = LoadPackText(GetParam().pack);
  ASSERT_FALSE(rules.ok());
  for (const std::string& part : GetParam().message) {
    EXPECT_THAT(rules.status().message(), HasSubstr(part));
  }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, BadPackTest,
    testing::ValuesIn(std::vector<BadPackCase>{
        {"SyntaxError",
         "rule { id: \"x\" kind: HEDGE pattern: }",
         {"pack.textproto:1:"}},
        {"BadRegex",
         "rule { id: \"ok\" kind: HEDGE pattern: \"a\" }\n"
         "rule {\n  id: \"broken\"\n  kind: HEDGE\n  pattern: \"(unclosed\"\n}",
         {"pack.textproto:2:", "rule \"broken\"", "missing )"}},
        {"TwoNumberMentions",
         "macro { name: \"N\" pattern: \"\\\\d+\" number_mention: true }\n"
         "macro { name: \"M\" pattern: \"\\\\d\" number_mention: true }",
         {"pack.textproto:2:", "macro \"M\"", "only one macro",
          "pack.textproto:1"}},
        {"NumberMentionWithGroup",
         "macro { name: \"N\" pattern: \"(?P<digits>\\\\d+)\" "
         "number_mention: true }\n"
         "rule { id: \"f\" kind: FIGURE pattern: \"{N}%\" }",
         {"pack.textproto:2:", "rule \"f\"", "must not hold groups"}},
        {"UnknownMacro",
         "rule { id: \"m\" kind: HEDGE pattern: \"{NOPE}\" }",
         {"pack.textproto:1:", "rule \"m\"", "unknown macro {NOPE}"}},
        {"CyclicMacro",
         "macro { name: \"A\" pattern: \"{B}\" }\n"
         "macro { name: \"B\" pattern: \"{A}\" }\n"
         "rule { id: \"c\" kind: HEDGE pattern: \"{A}\" }",
         {"pack.textproto:3:", "rule \"c\"", "nest too deeply"}},
        {"BadPrefilter",
         "rule { id: \"p\" kind: HEDGE pattern: \"a\" prefilter: \"(\" }",
         {"pack.textproto:1:", "rule \"p\"", "prefilter does not compile"}},
        {"MissingGroups",
         "rule { id: \"a\" kind: ATTRIBUTION pattern: \"(?P<cue>said)\" }",
         {"rule \"a\"", "(?P<speaker>"}},
        {"MacroDefinedTwice",
         "macro { name: \"A\" pattern: \"a\" }\n"
         "macro { name: \"A\" pattern: \"b\" }",
         {"pack.textproto:2:", "macro \"A\"", "pack.textproto:1", "replaces"}},
        {"MissingKind",
         "rule { id: \"k\" pattern: \"x\" }",
         {"kind is missing"}},
        {"BadId",
         "rule { id: \"Bad Id\" kind: HEDGE pattern: \"x\" }",
         {"id must"}},
        {"CueWithoutLexicon",
         "rule { id: \"q\" kind: CUE pattern: \"said\" }",
         {"lexicon"}},
        {"BadContentExclude",
         "rule { id: \"e\" kind: ATTRIBUTION content_exclude: \"(of\" "
         "pattern: \"(?P<speaker>a)(?P<cue>b)(?P<content>c)\" }",
         {"pack.textproto:1:", "rule \"e\"",
          "content_exclude does not compile"}},
        {"BracketMacroInClass",
         "macro { name: \"CAP\" pattern: \"[A-Z]\" }\n"
         "rule { id: \"b\" kind: HEDGE pattern: \"[{CAP}x]\" }",
         {"pack.textproto:2:", "rule \"b\"", "{CAP}", "character class"}},
        {"LexiconInClass",
         "rule { id: \"cue.say\" kind: CUE lexicon: \"SAY\" lemma: \"say\" "
         "pattern: \"said|says\" }\n"
         "rule { id: \"l\" kind: HEDGE pattern: \"[^{SAY}]\" }",
         {"pack.textproto:2:", "rule \"l\"", "{SAY}", "character class"}},
        {"TooLarge",
         "rule { id: \"huge\" kind: HEDGE pattern: "
         "\"((((((a{100}){100}){100}){100}){100}){100})\" }",
         {"rule \"huge\"", "pattern does not compile"}},
    }),
    [](const testing::TestParamInfo<BadPackCase>& info) {
      return info.param.name;
    });

TEST(RuleSetTest, MacrosAndLexiconsExpand) {
  auto rules = LoadPackText(R"pb(
    macro { name: "WHO" pattern: "the (?:mayor|governor)" }
    rule { id: "cue.say" kind: CUE lexicon: "SAY" lemma: "say" pattern: "said|says" }
    rule {
      id: "attr.x"
      kind: ATTRIBUTION
      pattern: "(?P<speaker>{WHO}) (?P<cue>{SAY}) (?P<content>.+)"
    }
  )pb");
  ASSERT_TRUE(rules.ok()) << rules.status();
  const CompiledRule* rule = (*rules)->Find("attr.x");
  ASSERT_NE(rule, nullptr);
  RuleMatch match;
  ASSERT_TRUE(ApplyRule(*rule, "the governor says it rains", &match));
  EXPECT_EQ(match.group("cue"), std::make_pair(13, 17));
  EXPECT_EQ((*rules)->FindCue("says")->rule.lemma(), "say");
  EXPECT_EQ((*rules)->FindCue("say"), nullptr);
}

TEST(RuleSetTest, MacrosInsideCharacterClassesArePastedAsMembers) {
  auto rules = LoadPackText(R"pb(
    macro { name: "VOWEL" pattern: "aeiou{Y}" }
    macro { name: "Y" pattern: "y" }
    rule { id: "in" kind: SPEAKER pattern: "[{VOWEL}]+-[^{VOWEL}]+" }
    rule { id: "out" kind: SPEAKER pattern: "{Y}[]{Y}]" }
  )pb");
  ASSERT_TRUE(rules.ok()) << rules.status();
  RuleMatch match;
  const CompiledRule& in = *(*rules)->Find("in");
  EXPECT_TRUE(ApplyRule(in, "eye-str", &match));
  EXPECT_FALSE(ApplyRule(in, "eye-sty", &match));
  // "(?:" would have been members of the class.
  EXPECT_FALSE(ApplyRule(in, "(?:-x", &match));
  // A "]" first in a class is a member, so the class goes on to the macro.
  const CompiledRule& out = *(*rules)->Find("out");
  EXPECT_TRUE(ApplyRule(out, "y]", &match));
  EXPECT_TRUE(ApplyRule(out, "yy", &match));
}

TEST(RuleSetTest, UnicodeClassesAreNotMacros) {
  auto rules = LoadPackText(R"pb(rule { id: "u" kind: HEDGE pattern: "\\p{Lu}\\p{L}+" })pb");
  ASSERT_TRUE(rules.ok()) << rules.status();
  RuleMatch match;
  EXPECT_TRUE(ApplyRule(*(*rules)->Find("u"), "Émile", &match));
}

TEST(RuleSetTest, CodePointEscapesAreNotMacros) {
  auto rules = LoadPackText(
      R"pb(rule { id: "q" kind: HEDGE pattern: "[\\x{201C}\\x{BF}]x" })pb");
  ASSERT_TRUE(rules.ok()) << rules.status();
  RuleMatch match;
  EXPECT_TRUE(ApplyRule(*(*rules)->Find("q"), "\u201Cx", &match));
  EXPECT_TRUE(ApplyRule(*(*rules)->Find("q"), "\u00BFx", &match));
}

TEST(RuleSetTest, FullMatchKindsAnchorBothEnds) {
  auto rules = LoadPackText(R"pb(
    rule { id: "s" kind: SPEAKER pattern: "official" }
    rule { id: "h" kind: HEDGE pattern: "official" }
  )pb");
  ASSERT_TRUE(rules.ok()) << rules.status();
  RuleMatch match;
  EXPECT_FALSE(ApplyRule(*(*rules)->Find("s"), "the official", &match));
  EXPECT_TRUE(ApplyRule(*(*rules)->Find("h"), "the official", &match));
  EXPECT_EQ(match.begin, 4);
}

TEST(RuleSetTest, LaterPackReplacesRuleByIdAndKeepsOrder) {
  auto rules = RuleSet::Load(
      {{"a.textproto", R"pb(
         rule { id: "h.one" kind: HEDGE pattern: "may" }
         rule { id: "h.two" kind: HEDGE pattern: "might" }
       )pb"},
       {"b.textproto", R"pb(
         rule { id: "h.one" kind: HEDGE pattern: "could" }
         rule { id: "h.three" kind: HEDGE pattern: "seems" }
       )pb"}},
      {});
  ASSERT_TRUE(rules.ok()) << rules.status();
  const auto& hedges = (*rules)->rules(HEDGE);
  ASSERT_EQ(hedges.size(), 3u);
  EXPECT_EQ(hedges[0]->rule.pattern(), "could");
  EXPECT_EQ(hedges[0]->location, "b.textproto:2");
  EXPECT_EQ(hedges[2]->rule.id(), "h.three");
}

TEST(RuleSetTest, AttributionRulesRunByPriority) {
  auto rules = LoadPackText(R"pb(
    rule { id: "a.late" kind: ATTRIBUTION priority: 5 pattern: "(?P<speaker>a)(?P<cue>b)(?P<content>c)" }
    rule { id: "a.early" kind: ATTRIBUTION priority: 1 pattern: "(?P<speaker>x)(?P<cue>y)(?P<content>z)" }
  )pb");
  ASSERT_TRUE(rules.ok()) << rules.status();
  EXPECT_EQ((*rules)->rules(ATTRIBUTION)[0]->rule.id(), "a.early");
  std::vector<int> candidates;
  (*rules)->index(ATTRIBUTION).Candidates("..abc..", &candidates);
  EXPECT_EQ(candidates, std::vector<int>{1});
}

// Loads one ATTRIBUTION rule, id "a", with `pattern`.
absl::StatusOr<std::unique_ptr<RuleSet>> LoadAttributionPattern(
    const std::string& pattern) {
  return LoadPackText(absl::StrCat("rule { id: \"a\" kind: ATTRIBUTION pattern: \"",
                                   absl::CEscape(pattern), "\" }"));
}

// ApplyRule finds, from `from`, the match and groups that RE2 finds with
// `pattern` as written.
void ExpectMatchesAsWritten(const CompiledRule& rule, const std::string& pattern,
                            const std::string& text, size_t from) {
  RE2 written(pattern);
  ASSERT_TRUE(written.ok()) << written.error();
  std::vector<re2::StringPiece> groups(written.NumberOfCapturingGroups() + 1);
  re2::StringPiece input(text);
  bool found = written.Match(input, from, input.size(), RE2::UNANCHORED,
                             groups.data(), static_cast<int>(groups.size()));
  RuleMatch match;
  ASSERT_EQ(ApplyRule(rule, text, &match, from), found);
  if (!found) return;
  EXPECT_EQ(match.begin, groups[0].data() - text.data());
  EXPECT_EQ(match.end, groups[0].data() + groups[0].size() - text.data());
  for (const auto& [name, index] : written.NamedCapturingGroups()) {
    std::pair<int, int> expected{-1, -1};
    if (groups[index].data() != nullptr) {
      int begin = static_cast<int>(groups[index].data() - text.data());
      expected = {begin, begin + static_cast<int>(groups[index].size())};
    }
    EXPECT_EQ(match.group(name), expected) << name;
  }
}

struct TrailingRunCase {
  std::string name;
  std::string pattern;
  std::string text;
  // Whether the engine cuts the pattern's trailing run.
  bool cut;
};

void PrintTo(const TrailingRunCase& c, std::ostream* os) { *os << c.name; }

class TrailingRunTest : public testing::TestWithParam<TrailingRunCase> {};

// Cut or not, ApplyRule finds what RE2 finds with the pattern as written.
TEST_P(TrailingRunTest, MatchesAsWritten) {
  const TrailingRunCase& c = GetParam();
  auto rules = LoadAttributionPattern(c.pattern);
  ASSERT_TRUE(rules.ok()) << rules.status();
  const CompiledRule& rule = *(*rules)->Find("a");
  EXPECT_EQ(rule.tail_group >= 0, c.cut);
  ExpectMatchesAsWritten(rule, c.pattern, c.text, 0);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, TrailingRunTest,
    testing::ValuesIn(std::vector<TrailingRunCase>{
        {"PlusRunCrossesLines",
         "(?s)(?P<speaker>\\w+) (?P<cue>said) (?P<content>\\S.+)",
         "Ann said the talks\nwent well.", true},
        {"StarRunMayBeEmpty", "(?s)(?P<speaker>\\w+) (?P<cue>said)(?P<content>.*)",
         "Ann said", true},
        {"RunNeedsACharacter",
         "(?s)(?P<speaker>\\w+) (?P<cue>said) (?P<content>\\S.+)",
         "Ann said x", true},
        {"LazyHeadKeepsItsChoice",
         "(?s)(?P<speaker>.+?) (?P<cue>said) (?P<content>.+)",
         "Ann said Bob said yes", true},
        {"WithoutDotAllStopsAtTheLine",
         "(?P<speaker>\\w+) (?P<cue>said) (?P<content>.+)",
         "Ann said the talks\nwent well.", false},
        {"DotAllClearedLater",
         "(?s)(?P<speaker>\\w+) (?-s:(?P<cue>said)) (?P<content>.+)",
         "Ann said x", false},
        {"AlternationInsideTheGroup",
         "(?s)(?P<speaker>\\w+) (?P<cue>said) (?P<content>no|.+)",
         "Ann said no way", false},
        {"TopLevelAlternativeWithoutTheRun",
         "(?s)(?P<speaker>\\w+) (?P<cue>said)(?P<content>!)|(?P<other>x)(?P<rest>.+)",
         "Ann said!", true},
        {"TopLevelAlternativeWithTheRun",
         "(?s)(?P<speaker>\\w+) (?P<cue>said)(?P<content>!)|(?P<other>x)(?P<rest>.+)",
         "Ann x said", true},
        {"EscapedDotIsNoRun",
         "(?s)(?P<speaker>\\w+) (?P<cue>said) (?P<content>x\\.+)",
         "Ann said x...", false},
        {"RunInsideAnInnerGroup",
         "(?s)(?P<speaker>\\w+) (?P<cue>said) (?P<content>(?:that )?.+)",
         "Ann said that it rained", true},
        {"NoMatch", "(?s)(?P<speaker>\\w+) (?P<cue>said) (?P<content>\\S.+)",
         "Ann said", true},
    }));

struct CueSplitCase {
  std::string name;
  std::string pattern;
  std::string text;
  // Where the search starts.
  size_t from;
  // Whether the engine cuts the pattern at its cue.
  bool split;
};

void PrintTo(const CueSplitCase& c, std::ostream* os) { *os << c.name; }

class CueSplitTest : public testing::TestWithParam<CueSplitCase> {};

// Split or not, ApplyRule finds what RE2 finds with the pattern as written,
// searching from the same offset.
TEST_P(CueSplitTest, MatchesAsWritten) {
  const CueSplitCase& c = GetParam();
  auto rules = LoadAttributionPattern(c.pattern);
  ASSERT_TRUE(rules.ok()) << rules.status();
  const CompiledRule& rule = *(*rules)->Find("a");
  EXPECT_EQ(rule.cue_split() != nullptr, c.split);
  ExpectMatchesAsWritten(rule, c.pattern, c.text, c.from);
}

// Twenty cues, none with a speaker before it, then one that has one.
std::string ManyCues() {
  std::string text;
  for (int i = 0; i < 20; ++i) text += "and said ";
  return text + "Ann said yes";
}

INSTANTIATE_TEST_SUITE_P(
    Cases, CueSplitTest,
    testing::ValuesIn(std::vector<CueSplitCase>{
        {"SpeakerBeforeCue",
         "(?s)(?P<speaker>\\p{Lu}\\w+(?: \\p{Lu}\\w+)*) (?P<cue>said|says) "
         "(?P<content>\\S.+)",
         "Today Ann Lee said the talks went well.", 0, true},
        {"NoSpeaker",
         "(?s)(?P<speaker>\\p{Lu}\\w+) (?P<cue>said) (?P<content>\\S.+)",
         "and then said nothing", 0, true},
        {"LazySpeakerTakesTheFirstCue",
         "(?s)(?P<speaker>\\w+(?: \\w+)*?) (?P<cue>said|argued) "
         "(?P<content>\\S.+)",
         "Ann said Bob argued yes", 0, true},
        {"GreedySpeakerTakesTheLastCue",
         "(?s)(?P<speaker>\\w+(?: \\w+)*) (?P<cue>said|argued) "
         "(?P<content>\\S.+)",
         "Ann said Bob argued yes", 0, true},
        {"LaterCueReachesFurtherBack",
         "(?s)(?P<speaker>[a-z] \\p{Lu}\\w* said \\w+|\\p{Lu}\\w*) "
         "(?P<cue>said|says) (?P<content>\\S.+)",
         "x Ann said Bob says hi", 0, true},
        {"FromSkipsTheFirstMatch",
         "(?s)(?P<speaker>\\p{Lu}\\w+) (?P<cue>said) (?P<content>\\S.+?\\.)",
         "Ann said yes. Bob said no.", 5, true},
        {"AnchoredHeadFromLater",
         "(?s)^(?P<speaker>\\p{Lu}\\w+) (?P<cue>said) (?P<content>\\S.+)",
         "Ann said yes. Bob said no.", 5, true},
        {"AnchoredHeadGroupsAtItsOnlyCue",
         "(?s)^(?P<speaker>\\p{Lu}\\w+(?: \\w+)*?) (?P<cue>said) "
         "(?P<content>\\S.+)",
         "Ann Lee said yes", 0, true},
        {"AnchoredHeadFirstCueTailFails",
         "(?s)^(?P<speaker>\\w+(?: \\w+)*?) (?P<cue>said|says) "
         "(?P<content>\\p{Lu}.+)",
         "Ann said no and Bob says Yes", 0, true},
        {"AnchoredHeadFirstCueHeadFails",
         "(?s)^(?P<speaker>\\w+(?: \\w+)+) (?P<cue>said|says) "
         "(?P<content>\\S.+)",
         "Ann says Lee said yes", 0, true},
        {"AnchoredLazyHeadTiedCues",
         "(?s)^(?P<speaker>\\w+(?: \\w+)*?) (?P<cue>said|argued) "
         "(?P<content>\\S.+)",
         "Ann said Bob argued yes", 0, true},
        {"AnchoredGreedyHeadTiedCues",
         "(?s)^(?P<speaker>\\w+(?: \\w+)*) (?P<cue>said|argued) "
         "(?P<content>\\S.+)",
         "Ann said Bob argued yes", 0, true},
        {"OptionalCaretAnchorsNothing",
         "(?s)^?(?P<speaker>\\p{Lu}\\w+) (?P<cue>said) (?P<content>\\S.+)",
         "and Ann said yes", 0, true},
        {"BoundaryBeforeTheCue",
         "(?s)(?P<speaker>\\w+) ?\\b(?P<cue>said) (?P<content>\\S.+)",
         "Annsaid yes", 0, true},
        {"BoundaryBeforeTheCueHolds",
         "(?s)(?P<speaker>\\w+) ?\\b(?P<cue>said) (?P<content>\\S.+)",
         "Ann said yes", 0, true},
        {"CueStartsWithAMultibyteCharacter",
         "(?s)(?P<speaker>\\p{Lu}\\w+) (?P<cue>—|said) (?P<content>\\S.+)",
         "Ann — yes, Bob said so", 0, true},
        {"TrailingRunCutToo",
         "(?s)(?P<speaker>\\p{Lu}\\w+) (?P<cue>said) (?P<content>\\S.+)",
         "Ann said the talks\nwent well.", 0, true},
        {"TooManyCuesLeftToThePattern",
         "(?s)(?P<speaker>\\p{Lu}\\w+) (?P<cue>said) (?P<content>\\S.+)",
         ManyCues(), 0, true},
        {"CueMayBeEmpty",
         "(?s)(?P<speaker>\\p{Lu}\\w+) (?P<cue>x?)(?P<content>\\S.+)",
         "Ann said yes", 0, true},
        {"TopLevelAlternation",
         "(?s)(?P<speaker>\\w+) (?P<cue>said) (?P<content>\\S.+)|x",
         "Ann said yes", 0, false},
        {"CueFirst", "(?s)(?P<cue>Said) (?P<speaker>\\w+), (?P<content>.+)",
         "Said Ann, yes", 0, false},
        {"CueInsideAGroup",
         "(?s)(?P<speaker>\\w+) (?:(?P<cue>said) )(?P<content>\\S.+)",
         "Ann said yes", 0, false},
        {"FlagGroupAfterTheStart",
         "(?P<speaker>\\w+) (?i)(?P<cue>said) (?P<content>\\S.+)",
         "Ann SAID yes", 0, false},
    }));

// The check of an anchored HEAD is kept while it rejects at least half of the
// texts of its trials and left out after trials where it rejected fewer;
// either way ApplyRule finds what the pattern as written finds.
TEST(AnchoredHeadTest, CheckedOnlyWhereItRejectsOften) {
  const std::string pattern =
      "(?s)^(?P<speaker>\\p{Lu}\\w+) (?P<cue>said) (?P<content>\\S.+)";
  const std::string speaker_first = "Ann said yes.";
  const std::string no_speaker = "and then said nothing.";
  for (bool mostly_rejected : {false, true}) {
    SCOPED_TRACE(mostly_rejected);
    auto rules = LoadAttributionPattern(pattern);
    ASSERT_TRUE(rules.ok()) << rules.status();
    const CompiledRule& rule = *(*rules)->Find("a");
    const CueSplit* split = rule.cue_split();
    ASSERT_NE(split, nullptr);
    ASSERT_NE(split->anchored_head, nullptr);
    // One text in four is the other kind.
    for (int i = 0; i < CueSplit::kAnchoredHeadTrials; ++i) {
      bool rejected_kind = (i % 4 != 0) == mostly_rejected;
      ExpectMatchesAsWritten(rule, pattern,
                             rejected_kind ? no_speaker : speaker_first, 0);
    }
    EXPECT_EQ(split->UseAnchoredHead(), mostly_rejected);
    ExpectMatchesAsWritten(rule, pattern, speaker_first, 0);
    ExpectMatchesAsWritten(rule, pattern, no_speaker, 0);
    ExpectMatchesAsWritten(rule, pattern, "Ann said yes. Bob said no.", 5);
  }
}

TEST(RuleSetTest, FindCueTakesTheFirstCueRuleThatMatchesTheWholeText) {
  auto rules = LoadPackText(R"pb(
    rule { id: "cue.tell" kind: CUE lexicon: "SPEECH" pattern: "told|tells" }
    rule { id: "cue.say" kind: CUE lexicon: "SPEECH" pattern: "said|says" }
    rule { id: "cue.any" kind: CUE lexicon: "OTHER" pattern: "s[a-z]+" }
  )pb");
  ASSERT_TRUE(rules.ok()) << rules.status();
  ASSERT_NE((*rules)->FindCue("says"), nullptr);
  EXPECT_EQ((*rules)->FindCue("says")->rule.id(), "cue.say");
  EXPECT_EQ((*rules)->FindCue("stated")->rule.id(), "cue.any");
  EXPECT_EQ((*rules)->FindCue("told")->rule.id(), "cue.tell");
  EXPECT_EQ((*rules)->FindCue("said so"), nullptr);
  EXPECT_EQ((*rules)->FindCue("retold"), nullptr);
}

TEST(FullMatchIndexTest, WithoutItsSetTriesTheRulesInOrder) {
  // A pattern the set refuses leaves the index without it.
  HandMadeRules made;
  for (const char* pattern : {"tol+d", "to[a-z]+"}) {
    CompiledRule* rule = made.Add();
    rule->expanded_pattern = "(";
    rule->re = std::make_unique<RE2>(pattern);
  }
  FullMatchIndex index(made.rules);
  EXPECT_EQ(index.Find("told"), made.rules[0]);
  EXPECT_EQ(index.Find("toll"), made.rules[1]);
  EXPECT_EQ(index.Find("retold"), nullptr);
}

TEST(RuleIndexTest, CandidatesAreTheRulesThatCanMatch) {
  auto rules = LoadPackText(R"pb(
    rule { id: "h.may" kind: HEDGE pattern: "\\bmay\\b" }
    rule { id: "h.might" kind: HEDGE pattern: "\\bmight\\b" }
    rule { id: "h.seems" kind: HEDGE pattern: "\\bseems\\b" }
  )pb");
  ASSERT_TRUE(rules.ok()) << rules.status();
  RuleIndex index((*rules)->rules(HEDGE));
  EXPECT_TRUE(index.ok());
  std::vector<int> candidates;
  index.Candidates("it seems the talks may resume", &candidates);
  EXPECT_EQ(candidates, (std::vector<int>{0, 2}));
  index.Candidates("nothing hedged here", &candidates);
  EXPECT_TRUE(candidates.empty());
}

TEST(RuleIndexTest, RulesSharingATriggerAreCandidatesTogether) {
  // A rule without a trigger is its own: h.may shares "\bmay\b" too.
  auto rules = LoadPackText(R"pb(
    rule { id: "h.may" kind: HEDGE pattern: "\\bmay\\b" }
    rule {
      id: "h.may_well"
      kind: HEDGE
      pattern: "\\bmay\\s+well\\b"
      trigger: "\\bmay\\b"
    }
    rule { id: "h.seems" kind: HEDGE pattern: "\\bseems\\b" }
    rule {
      id: "h.may_not"
      kind: HEDGE
      pattern: "\\bmay\\s+not\\b"
      trigger: "\\bmay\\b"
    }
  )pb");
  ASSERT_TRUE(rules.ok()) << rules.status();
  RuleIndex index((*rules)->rules(HEDGE));
  EXPECT_TRUE(index.ok());
  std::vector<int> candidates;
  index.Candidates("they may", &candidates);
  EXPECT_EQ(candidates, (std::vector<int>{0, 1, 3}));
  index.Candidates("it seems they may not", &candidates);
  EXPECT_EQ(candidates, (std::vector<int>{0, 1, 2, 3}));
  index.Candidates("it seems so", &candidates);
  EXPECT_EQ(candidates, (std::vector<int>{2}));
}

TEST(RuleIndexTest, OverBudgetIndexNamesEveryRule) {
  // Each rule compiles alone; the set's budget does not hold them.
  HandMadeRules made;
  for (int i = 0; i < 3; ++i) {
    made.Add()->expanded_trigger = absl::StrCat("\\pL{3000}", i);
  }
  RuleIndex index(made.rules);
  EXPECT_FALSE(index.ok());
  std::vector<int> candidates;
  index.Candidates("short", &candidates);
  EXPECT_EQ(candidates, (std::vector<int>{0, 1, 2}));
}

TEST(RuleIndexTest, EmptyIndexHasNoCandidates) {
  RuleIndex index;
  EXPECT_TRUE(index.ok());
  std::vector<int> candidates{7};
  index.Candidates("anything", &candidates);
  EXPECT_TRUE(candidates.empty());
}

TEST(ForEachCandidateMatchTest, RunsCandidatesParagraphByParagraph) {
  auto rules = LoadPackText(R"pb(
    rule { id: "h.may" kind: HEDGE pattern: "\\bmay\\b" }
    rule { id: "h.seems" kind: HEDGE pattern: "\\bseems\\b" }
    rule { id: "h.pair" kind: HEDGE pattern: "\\bmay\\s+seems\\b" }
  )pb");
  ASSERT_TRUE(rules.ok()) << rules.status();
  RuleIndex index((*rules)->rules(HEDGE));
  std::string text = "It may.  It seems, may\n\nseems.";
  std::vector<std::tuple<int, size_t, size_t>> found;
  ForEachCandidateMatch(index, text, 0, text.size(),
                        [&](int position, size_t begin, size_t end,
                            const std::vector<re2::StringPiece>& groups) {
                          EXPECT_EQ(groups[0].size(), end - begin);
                          found.emplace_back(position, begin, end);
                          return true;
                        });
  // "may\n\nseems" spans a blank line: not a match of h.pair.
  EXPECT_THAT(found, ::testing::ElementsAre(std::make_tuple(0, 3, 6),
                                            std::make_tuple(0, 19, 22),
                                            std::make_tuple(1, 12, 17),
                                            std::make_tuple(1, 24, 29)));
}

// A pack whose number macro is a number_mention: figure patterns that use
// it get a variant matching the placeholder.
constexpr char kNumberMentionPack[] = R"pb(
  macro { name: "N" pattern: "\\d+(?:\\.\\d+)?" number_mention: true }
  rule { id: "f.percent" kind: FIGURE pattern: "(?P<number>{N})\\s*%" }
  rule { id: "f.year" kind: FIGURE pattern: "\\b(?P<year>\\d{4})\\b" }
  rule {
    id: "f.unit"
    kind: FIGURE
    figure_role: FIGURE_UNIT
    pattern: "{N}\\s*km"
  }
)pb";

TEST(NumberMentionTest, FigurePatternsThatUseItGetAMaskedVariant) {
  auto rules = LoadPackText(kNumberMentionPack);
  ASSERT_TRUE(rules.ok()) << rules.status();
  ASSERT_NE((*rules)->number_mention(), nullptr);
  EXPECT_TRUE(RE2::FullMatch("4.5", *(*rules)->number_mention()));
  const CompiledRule* percent = (*rules)->Find("f.percent");
  ASSERT_NE(percent->number_masked_re, nullptr);
  EXPECT_EQ(percent->number_masked_re->NamedCapturingGroups(),
            percent->re->NamedCapturingGroups());
  std::string masked = "up 4.5 %";
  MaskNumber(3, 6, &masked);
  EXPECT_TRUE(RE2::PartialMatch(masked, *percent->number_masked_re));
  EXPECT_FALSE(RE2::PartialMatch("up 4.5 %", *percent->number_masked_re));
  // No number macro in the pattern, or not a pattern that finds figures.
  EXPECT_EQ((*rules)->Find("f.year")->number_masked_re, nullptr);
  EXPECT_EQ((*rules)->Find("f.unit")->number_masked_re, nullptr);
}

TEST(NumberMentionTest, NoMacroNoMaskedPatterns) {
  auto rules =
      LoadPackText(R"pb(rule { id: "f" kind: FIGURE pattern: "\\d+%" })pb");
  ASSERT_TRUE(rules.ok()) << rules.status();
  EXPECT_EQ((*rules)->number_mention(), nullptr);
  EXPECT_EQ((*rules)->Find("f")->number_masked_re, nullptr);
}

TEST(MaskNumberTest, KeepsLengthAndWordEdges) {
  std::string text = "a 1,200 b -5 c five d";
  MaskNumber(2, 7, &text);    // "1,200": word characters at both ends
  MaskNumber(10, 12, &text);  // "-5": a sign first
  MaskNumber(15, 19, &text);  // "five"
  EXPECT_EQ(text, std::string("a _\0\0\0_ b \x01_ c _\0\0_ d", 21));
  std::string one = "x 7 y";
  MaskNumber(2, 3, &one);
  EXPECT_EQ(one, "x _ y");
  RE2 placeholder(absl::StrCat("(", kNumberPlaceholder, ")"));
  for (absl::string_view mask :
       {absl::string_view("_\0\0\0_", 5), absl::string_view("\x01_", 2),
        absl::string_view("_")}) {
    EXPECT_TRUE(
        RE2::FullMatch(re2::StringPiece(mask.data(), mask.size()), placeholder))
        << absl::CHexEscape(mask);
  }
  // Digits, words and NUL-free text never read as a placeholder.
  EXPECT_FALSE(RE2::PartialMatch("100 five", placeholder));
}

TEST(ForEachCandidateMatchTest, MaskedPatternsRunOverTheMaskedText) {
  auto rules = LoadPackText(kNumberMentionPack);
  ASSERT_TRUE(rules.ok()) << rules.status();
  RuleIndex index((*rules)->rules(FIGURE));
  std::string text = "Up 4.5 % and 7 % (not 12 %).";
  std::string masked = text;
  MaskNumber(3, 6, &masked);
  MaskNumber(13, 14, &masked);
  std::vector<std::pair<size_t, size_t>> numbers;
  ForEachCandidateMatch(
      index, text, 0, text.size(),
      [&](int position, size_t, size_t,
          const std::vector<re2::StringPiece>& groups) {
        const CompiledRule& rule = *index.rules()[position];
        const re2::StringPiece& number = groups[rule.group_index("number")];
        // Groups point into `text`, not into the masked copy.
        EXPECT_GE(number.data(), text.data());
        EXPECT_LE(number.data() + number.size(), text.data() + text.size());
        numbers.emplace_back(number.data() - text.data(),
                             number.data() + number.size() - text.data());
        return true;
      },
      masked);
  // "12" was not masked, so the masked pattern does not see it.
  EXPECT_THAT(numbers, ::testing::ElementsAre(std::make_pair(3, 6),
                                              std::make_pair(13, 14)));
}

TEST(RuleSetTest, MacroReplacedOnlyWhenAskedTo) {
  auto rules = RuleSet::Load(
      {{"a.textproto", R"pb(macro { name: "X" pattern: "a" }
                           rule { id: "h" kind: HEDGE pattern: "{X}" })pb"},
       {"b.textproto", R"pb(macro { name: "X" pattern: "b" replaces: true })pb"}},
      {});
  ASSERT_TRUE(rules.ok()) << rules.status();
  EXPECT_EQ((*rules)->Find("h")->expanded_pattern, "(?:b)");
}

TEST(RuleSetTest, RuleDirectoryAddsPacksInNameOrder) {
  std::filesystem::path dir =
      std::filesystem::path(testing::TempDir()) / "claims_rule_dir";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "b.textproto") << "rule { id: \"h.x\" kind: HEDGE pattern: \"b\" }";
  std::ofstream(dir / "a.textproto") << "rule { id: \"h.x\" kind: HEDGE pattern: \"a\" }";
  std::ofstream(dir / "notes.txt") << "not a pack";
  auto rules = RuleSet::Load({}, {dir.string()});
  ASSERT_TRUE(rules.ok()) << rules.status();
  EXPECT_EQ((*rules)->Find("h.x")->rule.pattern(), "b");
}

TEST(RuleSetTest, MissingDirectoryIsAnError) {
  auto rules = RuleSet::Load({}, {"/nonexistent/claims/rules"});
  ASSERT_FALSE(rules.ok());
  EXPECT_THAT(rules.status().message(), HasSubstr("/nonexistent/claims/rules"));
}

TEST(RuleSetTest, PatternMemoryOutOfRangeIsAnError) {
  for (int64_t bytes : {int64_t{0}, int64_t{512} << 10, int64_t{65} << 20}) {
    RuleSetOptions options;
    options.pattern_memory = bytes;
    auto rules = RuleSet::Load({}, {}, options);
    ASSERT_FALSE(rules.ok()) << bytes;
    EXPECT_EQ(rules.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(rules.status().message(), HasSubstr("pattern memory"));
  }
}

TEST(RuleSetTest, PatternTooLargeForItsMemoryGetsTheFullBudget) {
  // A hundred Unicode letters compile to about 120,000 instructions: more
  // than 1 MiB holds, well within 64 MiB.
  RuleSetOptions options;
  options.pattern_memory = int64_t{1} << 20;
  auto rules = RuleSet::Load(
      {{"pack.textproto",
        R"pb(rule { id: "long" kind: HEDGE pattern: "\\pL{100}" })pb"}},
      {}, options);
  ASSERT_TRUE(rules.ok()) << rules.status();
  RuleMatch match;
  const CompiledRule& rule = *(*rules)->Find("long");
  EXPECT_TRUE(ApplyRule(rule, std::string(100, 'a'), &match));
  EXPECT_FALSE(ApplyRule(rule, std::string(99, 'a'), &match));
}

// A TURN_START pattern searches whole documents and keeps the full budget
// whatever pattern_memory says; a pattern run on sentences gets
// pattern_memory.
TEST(RuleSetTest, TurnStartPatternsKeepTheFullBudget) {
  RuleSetOptions options;
  options.pattern_memory = int64_t{2} << 20;
  auto rules = RuleSet::Load(
      {{"pack.textproto",
        R"pb(rule { id: "turn" kind: TURN_START pattern: "(?m)^Q " }
             rule { id: "hedge" kind: HEDGE pattern: "maybe" })pb"}},
      {}, options);
  ASSERT_TRUE(rules.ok()) << rules.status();
  EXPECT_EQ((*rules)->Find("turn")->re->options().max_mem(), int64_t{64} << 20);
  EXPECT_EQ((*rules)->Find("hedge")->re->options().max_mem(),
            options.pattern_memory);
}

// Rules that compile the same text share one compiled pattern, and so one
// DFA cache: the whole pattern, a prefilter, and the parts of cue splits
// (two rules with one speaker phrase before different cues share the head).
// The same text with another budget is compiled again.
TEST(RuleSetTest, RulesCompilingTheSameTextShareOnePattern) {
  auto rules = LoadPackText(R"pb(
    rule { id: "a" kind: HEDGE pattern: "\\bhope\\w*" prefilter: "\\bto\\b" }
    rule { id: "b" kind: HEDGE pattern: "\\bhope\\w*" prefilter: "\\bto\\b" }
    rule { id: "turn" kind: TURN_START pattern: "\\bhope\\w*" }
    rule {
      id: "said"
      kind: ATTRIBUTION
      pattern: "(?P<speaker>[A-Z]\\w+) (?P<cue>said) (?P<content>.+)"
    }
    rule {
      id: "told"
      kind: ATTRIBUTION
      pattern: "(?P<speaker>[A-Z]\\w+) (?P<cue>told \\w+) (?P<content>.+)"
    }
  )pb");
  ASSERT_TRUE(rules.ok()) << rules.status();
  const CompiledRule& a = *(*rules)->Find("a");
  const CompiledRule& b = *(*rules)->Find("b");
  EXPECT_EQ(a.re.get(), b.re.get());
  EXPECT_EQ(a.prefilter_re.get(), b.prefilter_re.get());
  EXPECT_NE((*rules)->Find("turn")->re.get(), a.re.get());
  const CueSplit* said = (*rules)->Find("said")->cue_split();
  const CueSplit* told = (*rules)->Find("told")->cue_split();
  ASSERT_NE(said, nullptr);
  ASSERT_NE(told, nullptr);
  EXPECT_EQ(said->head.get(), told->head.get());
  EXPECT_NE(said->cue.get(), told->cue.get());
  RuleMatch match;
  ASSERT_TRUE(ApplyRule(*(*rules)->Find("told"), "Ann told us all", &match));
  EXPECT_EQ(match.group("cue"), std::make_pair(4, 11));
}

// A prefilter only skips texts the pattern cannot match; where it matches,
// the rule matches as it would without one.
TEST(RuleSetTest, PrefilterSkipsTextsWithoutIt) {
  auto rules = LoadPackText(R"pb(
    rule { id: "with" kind: HEDGE pattern: "\\bhope\\w*" prefilter: "\\bto\\b" }
    rule { id: "without" kind: HEDGE pattern: "\\bhope\\w*" }
  )pb");
  ASSERT_TRUE(rules.ok()) << rules.status();
  const CompiledRule& with = *(*rules)->Find("with");
  const CompiledRule& without = *(*rules)->Find("without");
  RuleMatch match;
  EXPECT_FALSE(ApplyRule(with, "We hope for calm.", &match));
  EXPECT_TRUE(ApplyRule(without, "We hope for calm.", &match));
  ASSERT_TRUE(ApplyRule(with, "We hoped to meet.", &match));
  EXPECT_EQ(match.begin, 3);
  EXPECT_EQ(match.end, 8);
  // From an offset, only what follows it counts.
  EXPECT_FALSE(ApplyRule(with, "to us, hope", &match, 3));
  int visited = 0;
  ForEachMatch(with, "hope, hope", 0, 10,
               [&](size_t, size_t, const std::vector<re2::StringPiece>&) {
                 ++visited;
                 return true;
               });
  EXPECT_EQ(visited, 0);
  ForEachMatch(with, "hope to hope", 0, 12,
               [&](size_t, size_t, const std::vector<re2::StringPiece>&) {
                 ++visited;
                 return true;
               });
  EXPECT_EQ(visited, 2);
}

TEST(RuleSetTest, CompileThreadsBelowOneIsAnError) {
  RuleSetOptions options;
  options.compile_threads = 0;
  auto rules = RuleSet::Load({}, {}, options);
  ASSERT_FALSE(rules.ok());
  EXPECT_EQ(rules.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(rules.status().message(), HasSubstr("compile threads"));
}

// Compiling on several threads must load the same rules in the same order
// and report the same error: the first bad rule in pack order.
TEST(RuleSetTest, CompileThreadsDoNotChangeWhatLoads) {
  std::string pack;
  for (int i = 0; i < 40; ++i) {
    pack += "rule { id: \"r" + std::to_string(i) +
            "\" kind: HEDGE pattern: \"\\\\bword" + std::to_string(i) +
            "\\\\b\" }\n";
  }
  const std::string broken =
      pack + "rule { id: \"bad1\" kind: HEDGE pattern: \"(a\" }\n" +
      "rule { id: \"bad2\" kind: HEDGE pattern: \"[b\" }\n";
  for (int threads : {2, 3, 8}) {
    RuleSetOptions one, many;
    many.compile_threads = threads;
    auto in_turn = RuleSet::Load({{"pack.textproto", pack}}, {}, one);
    auto at_once = RuleSet::Load({{"pack.textproto", pack}}, {}, many);
    ASSERT_TRUE(in_turn.ok()) << in_turn.status();
    ASSERT_TRUE(at_once.ok()) << at_once.status();
    const auto& expected = (*in_turn)->rules(HEDGE);
    const auto& got = (*at_once)->rules(HEDGE);
    ASSERT_EQ(got.size(), expected.size());
    for (size_t i = 0; i < got.size(); ++i) {
      EXPECT_EQ(got[i]->rule.id(), expected[i]->rule.id());
      EXPECT_EQ(got[i]->expanded_pattern, expected[i]->expanded_pattern);
    }
    auto failed = RuleSet::Load({{"pack.textproto", broken}}, {}, many);
    ASSERT_FALSE(failed.ok());
    EXPECT_THAT(failed.status().message(), HasSubstr("rule \"bad1\""));
  }
}

TEST(RuleSetTest, BuiltinPacksLoad) {
  auto rules = RuleSet::Load(DefaultRulePacks(), {});
  ASSERT_TRUE(rules.ok()) << rules.status();
  EXPECT_FALSE((*rules)->rules(ATTRIBUTION).empty());
  EXPECT_FALSE((*rules)->rules(CUE).empty());
}

}  // namespace
}  // namespace claims
