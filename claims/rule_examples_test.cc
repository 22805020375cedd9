// The generic example runner: every rule in the built-in packs must match
// each of its examples (capturing the groups listed there) and none of its
// counter-examples, applied as the engine applies its kind (attribution rules
// see quotations masked, and the content_exclude of their cue's CUE rule).
// Group captures are checked on the raw match, before the engine trims
// speakers at clause breaks.
#include <string>
#include <vector>

#include "claims/figures.h"
#include "claims/quotations.h"
#include "claims/rule_set.h"
#include "claims/test_rules.h"
#include "claims/text_util.h"
#include "gtest/gtest.h"

namespace claims {
namespace {

std::vector<std::string> RuleIds() {
  std::vector<std::string> ids;
  for (const auto& rule : BuiltinRules().all()) ids.push_back(rule->rule.id());
  return ids;
}

class RuleExamplesTest : public testing::TestWithParam<std::string> {};

TEST_P(RuleExamplesTest, MatchesExamplesAndNoCounterExamples) {
  const CompiledRule* rule = BuiltinRules().Find(GetParam());
  ASSERT_NE(rule, nullptr);
  EXPECT_GT(rule->rule.example_size(), 0)
      << rule->location << ": every rule needs an example";
  // Attribution rules run on text whose quotations are masked.
  auto as_engine_sees = [&](const std::string& text) {
    if (rule->rule.kind() != ATTRIBUTION) return text;
    std::vector<Quotation> quotations;
    FindQuotations(text, 0, text.size(), &quotations);
    std::string masked;
    MaskQuotations(text, 0, text.size(), quotations, &masked);
    return masked;
  };
  RuleMatch match;
  for (const Example& example : rule->rule.example()) {
    SCOPED_TRACE(example.text());
    ASSERT_TRUE(ApplyRule(*rule, as_engine_sees(example.text()), &match))
        << rule->location << ": example does not match";
    for (const auto& [group, expected] : example.groups()) {
      std::pair<int, int> span = match.group(group);
      ASSERT_GE(span.first, 0) << "group " << group << " did not match";
      EXPECT_EQ(example.text().substr(span.first, span.second - span.first),
                expected)
          << rule->location << ": group " << group;
    }
  }
  // A figure pattern that reads numbers through the number_mention macro
  // runs, in the engine, over the text with its numbers masked: there too
  // every example matches with its groups, and no counter-example does.
  if (rule->number_masked_re != nullptr) {
    static const FigureExtractor* const figures =
        new FigureExtractor(BuiltinRules());
    // The first match, as ForEachCandidateMatch finds it over the masked
    // text, with its groups in `text`.
    auto masked_match = [&](const std::string& text,
                            std::vector<re2::StringPiece>* groups) {
      std::string masked = figures->NumbersMasked(text);
      groups->clear();
      ForEachMatchIn(
          *rule, *rule->number_masked_re, text, masked, 0, text.size(),
          [&](size_t, size_t, const std::vector<re2::StringPiece>& found) {
            if (groups->empty()) *groups = found;
            return true;
          });
      return !groups->empty();
    };
    std::vector<re2::StringPiece> groups;
    for (const Example& example : rule->rule.example()) {
      SCOPED_TRACE(example.text());
      ASSERT_TRUE(masked_match(example.text(), &groups))
          << rule->location << ": example does not match with numbers masked";
      for (const auto& [group, expected] : example.groups()) {
        int index = rule->group_index(group);
        ASSERT_GE(index, 0);
        EXPECT_EQ(std::string(groups[index].data(), groups[index].size()),
                  expected)
            << rule->location << ": group " << group << ", numbers masked";
      }
    }
    for (const std::string& counter : rule->rule.counter_example()) {
      EXPECT_FALSE(masked_match(counter, &groups))
          << rule->location
          << ": counter-example matches with numbers masked: " << counter;
    }
  }
  // The candidate search runs the trigger: it must find every example.
  RE2 trigger(rule->expanded_trigger, RE2::Quiet);
  for (const Example& example : rule->rule.example()) {
    EXPECT_TRUE(RE2::PartialMatch(as_engine_sees(example.text()), trigger))
        << rule->location << ": trigger misses example: " << example.text();
  }
  // An attribution whose speaker or content the rule excludes is no match,
  // nor one whose content its cue's rule excludes ("showed up").
  auto matches = [&](const std::string& text) {
    std::string seen = as_engine_sees(text);
    if (!ApplyRule(*rule, seen, &match)) return false;
    std::pair<int, int> speaker = match.group("speaker");
    std::pair<int, int> cue = match.group("cue");
    std::pair<int, int> content = match.group("content");
    bool speaker_excluded =
        rule->speaker_exclude_re != nullptr && speaker.first >= 0 &&
        RE2::FullMatch(
            seen.substr(speaker.first, speaker.second - speaker.first),
            *rule->speaker_exclude_re);
    const CompiledRule* cue_rule =
        cue.first >= 0 ? BuiltinRules().FindCue(seen.substr(
                             cue.first, cue.second - cue.first))
                       : nullptr;
    bool content_excluded = false;
    for (const CompiledRule* excluding : {rule, cue_rule}) {
      if (excluding != nullptr && content.first >= 0 &&
          ExcludesContent(*excluding,
                          absl::string_view(seen).substr(
                              content.first, content.second - content.first))) {
        content_excluded = true;
      }
    }
    return !speaker_excluded && !content_excluded;
  };
  for (const std::string& counter : rule->rule.counter_example()) {
    EXPECT_FALSE(matches(counter))
        << rule->location << ": counter-example matches: " << counter;
  }
}

INSTANTIATE_TEST_SUITE_P(
    BuiltinPacks, RuleExamplesTest, testing::ValuesIn(RuleIds()),
    [](const testing::TestParamInfo<std::string>& info) {
      std::string name = info.param;
      for (char& c : name) {
        if (!isalnum(static_cast<unsigned char>(c))) c = '_';
      }
      return name;
    });

// The macros of characters.textproto against the Unicode classes they stand
// for, code point by code point: the same in ASCII, Latin-1, the combining
// diacritics and basic Greek and Cyrillic; never missing a letter of their
// blocks; nothing from outside them.
TEST(CharacterMacrosTest, StandForUnicodeClassesInTheirBlocks) {
  std::vector<RulePackSource> packs = DefaultRulePacks();
  packs.push_back({"probe.textproto", R"pb(
    rule { id: "letter" kind: SPEAKER pattern: "[{LETTER}]" }
    rule { id: "upper" kind: SPEAKER pattern: "[{UPPER}]" }
    rule { id: "lower" kind: SPEAKER pattern: "[{LOWER}]" }
    rule { id: "mark" kind: SPEAKER pattern: "[{MARK}]" }
    rule { id: "numeric" kind: SPEAKER pattern: "[{NUMERIC}]" }
  )pb"});
  auto rules = RuleSet::Load(packs, {});
  ASSERT_TRUE(rules.ok()) << rules.status();
  struct Class {
    const char* macro;
    RE2 unicode;
    // Code points where the macro is exactly `unicode`.
    std::vector<std::pair<int, int>> exact;
    // Blocks whose every member of `unicode` the macro holds.
    std::vector<std::pair<int, int>> covers;
  };
  const std::vector<std::pair<int, int>> blocks = {{0, 0x52F},
                                                   {0x1E00, 0x1FFF}};
  const std::vector<std::pair<int, int>> basic = {
      {0, 0xFF}, {0x386, 0x3CE}, {0x400, 0x45F}};
  Class classes[] = {
      {"letter", RE2("\\p{L}"), {{0, 0x52F}}, blocks},
      {"upper", RE2("\\p{Lu}"), basic, blocks},
      {"lower", RE2("\\p{Ll}"), basic, blocks},
      {"mark", RE2("\\p{M}"), {{0x300, 0x36F}}, {{0x300, 0x36F}}},
      {"numeric", RE2("\\p{N}"), {{0, 0x52F}, {0x2070, 0x218F}}, {}},
  };
  auto utf8 = [](int code_point) {
    std::string text;
    AppendUtf8(code_point, &text);
    return text;
  };
  RuleMatch match;
  for (const Class& c : classes) {
    const CompiledRule& rule = *(*rules)->Find(c.macro);
    for (const auto& [first, last] : c.exact) {
      for (int code_point = first; code_point <= last; ++code_point) {
        std::string text = utf8(code_point);
        EXPECT_EQ(ApplyRule(rule, text, &match),
                  RE2::FullMatch(text, c.unicode))
            << c.macro << " U+" << std::hex << code_point;
      }
    }
    for (const auto& [first, last] : c.covers) {
      for (int code_point = first; code_point <= last; ++code_point) {
        std::string text = utf8(code_point);
        if (!RE2::FullMatch(text, c.unicode)) continue;
        EXPECT_TRUE(ApplyRule(rule, text, &match))
            << c.macro << " U+" << std::hex << code_point;
      }
    }
    // CJK, Arabic, Hebrew and Devanagari are outside every block.
    for (int code_point : {0x4E2D, 0x0627, 0x05D0, 0x0915, 0x0966}) {
      EXPECT_FALSE(ApplyRule(rule, utf8(code_point), &match))
          << c.macro << " U+" << std::hex << code_point;
    }
  }
}

}  // namespace
}  // namespace claims
