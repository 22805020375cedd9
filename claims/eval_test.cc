#include "claims/eval.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace claims {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr char kGoldDir[] = "testdata/eval";

// The text of `fragments` in `text`, joined by " … ".
std::string TextOf(absl::string_view text, const Fragments& fragments) {
  std::string joined;
  for (const ByteRange& range : fragments) {
    if (!joined.empty()) joined += " … ";
    absl::StrAppend(&joined, text.substr(range.begin, range.end - range.begin));
  }
  return joined;
}

TEST(CodePointByteOffsetsTest, MapsEveryCodePointToItsFirstByte) {
  struct Case {
    std::string text;
    std::vector<uint32_t> expected;
  };
  const Case cases[] = {
      {"", {0}},
      {"abc", {0, 1, 2, 3}},
      {"Zoë", {0, 1, 2, 4}},                  // ë: 2 bytes
      {"€2", {0, 3, 4}},                      // €: 3 bytes
      {"🚢!", {0, 4, 5}},                     // emoji: 4 bytes
      {"a\xff" "b", {0, 1, 2, 3}},            // invalid byte: one code point
      {"\xe2\x82", {0, 1, 2}},                // truncated sequence
      {"\xc3(", {0, 1, 2}},                   // lead byte without continuation
  };
  for (const Case& c : cases) {
    EXPECT_EQ(CodePointByteOffsets(c.text), c.expected) << c.text;
  }
}

TEST(NormalizeFragmentsTest, SortsMergesAndDropsEmptyRanges) {
  EXPECT_EQ(NormalizeFragments({{20, 30}, {0, 5}}),
            (Fragments{{0, 5}, {20, 30}}));
  EXPECT_EQ(NormalizeFragments({{0, 10}, {5, 12}, {12, 14}}),
            (Fragments{{0, 14}}));
  EXPECT_EQ(NormalizeFragments({{4, 4}}), Fragments{});
}

TEST(OverlapBytesTest, CountsSharedBytesAcrossFragments) {
  EXPECT_EQ(OverlapBytes({{0, 10}, {20, 30}}, {{5, 25}}), 10u);
  EXPECT_EQ(OverlapBytes({{0, 10}}, {{10, 20}}), 0u);  // half-open
  EXPECT_EQ(OverlapBytes({}, {{0, 20}}), 0u);
}

// Parsing: byte spans per role, from a short .ann.
struct ParseCase {
  std::string name;
  std::string text;
  std::string ann;
  // Per attribution: cue, source, content spans.
  std::vector<std::vector<Fragments>> expected;
};

TEST(ParseBratAnnotationsTest, ConvertsRolesToByteSpans) {
  // "Zoë" is 4 bytes, curly quotes 3 bytes each.
  const std::string quote = "Zoë said “yes” on Monday.";
  const std::string split = "“Stop,” she said, “now.”";
  const ParseCase cases[] = {
      {"non-ASCII offsets",
       quote,
       "T1\tSource 0 3\tZoë\nT2\tCue 4 8\tsaid\nT3\tContent 9 14\t“yes”\n"
       "T4\tAttribution 4 8\tsaid\n"
       "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n",
       {{{{5, 9}}, {{0, 4}}, {{10, 19}}}}},
      {"roles in any order, no trailing newline",
       quote,
       "T1\tSource 0 3\tZoë\nT2\tCue 4 8\tsaid\nT3\tContent 9 14\t“yes”\n"
       "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1",
       {{{{5, 9}}, {{0, 4}}, {{10, 19}}}}},
      {"missing source",
       quote,
       "T2\tCue 4 8\tsaid\nT3\tContent 9 14\t“yes”\n"
       "T4\tAttribution-no-source 4 8\tsaid\n"
       "E1\tAttribution-no-source:T4 Content:T3 Cue:T2\n",
       {{{{5, 9}}, {}, {{10, 19}}}}},
      {"missing cue and content",
       quote,
       "T1\tSource 0 3\tZoë\nE1\tAttribution:T1 Source:T1\n",
       {{{}, {{0, 4}}, {}}}},
      {"discontinuous content",
       split,
       "T1\tContent 0 7;18 24\t“Stop,” “now.”\nT2\tSource 8 11\tshe\n"
       "T3\tCue 12 16\tsaid\nE1\tAttribution:T3 Cue:T3 Source:T2 Content:T1\n",
       {{{{16, 20}}, {{12, 15}}, {{0, 11}, {22, 32}}}}},
      {"discontinuous fragments listed out of order",
       split,
       "T1\tContent 18 24;0 7\t“now.” “Stop,”\nT3\tCue 12 16\tsaid\n"
       "E1\tAttribution:T3 Cue:T3 Content:T1\n",
       {{{{16, 20}}, {}, {{0, 11}, {22, 32}}}}},
      {"Content2 adds to Content",
       split,
       "T1\tContent 0 7\t“Stop,”\nT2\tContent 18 24\t“now.”\nT3\tCue 12 16\tsaid\n"
       "E1\tAttribution:T3 Cue:T3 Content:T1 Content2:T2\n",
       {{{{16, 20}}, {}, {{0, 11}, {22, 32}}}}},
      {"unreferenced T lines and other line types are ignored",
       quote,
       "T1\tDiscard 0 25\tZoë said “yes” on Monday.\n#1\tAnnotatorNotes T1\tx\n"
       "A1\tNegated T1\nR1\tRel Arg1:T1 Arg2:T1\n",
       {}},
      {"CRLF line ends",
       quote,
       "T2\tCue 4 8\tsaid\r\nT3\tContent 9 14\t“yes”\r\nE1\tAttribution:T2 "
       "Cue:T2 Content:T3\r\n",
       {{{{5, 9}}, {}, {{10, 19}}}}},
      {"T line without the text column",
       quote,
       "T2\tCue 4 8\nT3\tContent 9 14\nE1\tAttribution:T2 Cue:T2 Content:T3\n",
       {{{{5, 9}}, {}, {{10, 19}}}}},
  };
  for (const ParseCase& c : cases) {
    SCOPED_TRACE(c.name);
    absl::StatusOr<GoldDocument> document =
        ParseBratAnnotations("x.ann", c.text, c.ann);
    ASSERT_TRUE(document.ok()) << document.status();
    ASSERT_EQ(document->attributions.size(), c.expected.size());
    for (size_t i = 0; i < c.expected.size(); ++i) {
      const EvalAttribution& got = document->attributions[i];
      EXPECT_EQ(got.cue, c.expected[i][0]);
      EXPECT_EQ(got.source, c.expected[i][1]);
      EXPECT_EQ(got.content, c.expected[i][2]);
    }
  }
}

TEST(ParseBratAnnotationsTest, RejectsBadAnnotationsWithFileAndLine) {
  struct Case {
    std::string ann;
    std::string message;
  };
  const std::string text = "Zoë said yes.";  // 13 code points, 14 bytes
  const Case cases[] = {
      {"T1\tCue 4 14\tsaid yes.", "x.ann:1: offset 14 is beyond the text"},
      {"T1\tCue 8 4\tsaid", "x.ann:1: offsets 8 4 are reversed"},
      {"T1\tCue four 8\tsaid", "x.ann:1: bad offsets"},
      {"T1\tCue 4 8 9\tsaid", "x.ann:1: bad offsets"},
      {"T1\tCue\tsaid", "x.ann:1: no offsets"},
      {"T1 Cue 4 8 said", "x.ann:1: expected a TAB"},
      {"\nT1\tCue 4 8\tsays", "x.ann:2: offsets cover \"said\""},
      {"T1\tCue 4 8\tsaid\nT1\tCue 4 8\tsaid", "x.ann:2: duplicate id T1"},
      {"T1\tCue 4 8\tsaid\nE1\tAttribution:T1 Cue:T9",
       "x.ann:2: \"Cue:T9\" refers to no T annotation"},
      {"T1\tCue 4 8\tsaid\nE1\tAttribution:T1 Cue", "x.ann:2: \"Cue\" refers"},
  };
  for (const Case& c : cases) {
    absl::StatusOr<GoldDocument> document =
        ParseBratAnnotations("x.ann", text, c.ann);
    ASSERT_FALSE(document.ok()) << c.ann;
    EXPECT_EQ(document.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(document.status().message(), HasSubstr(c.message)) << c.ann;
  }
}

TEST(ReadGoldDirectoryTest, ReadsFixturesWithByteSpans) {
  absl::StatusOr<std::vector<GoldDocument>> gold = ReadGoldDirectory(kGoldDir);
  ASSERT_TRUE(gold.ok()) << gold.status();
  ASSERT_EQ(gold->size(), 3u);
  EXPECT_EQ((*gold)[0].name, "council_cafe_tax");
  EXPECT_EQ((*gold)[1].name, "port_strike");
  EXPECT_EQ((*gold)[2].name, "school_meals");

  struct Expected {
    size_t document;
    size_t attribution;
    std::string cue, source, content;
  };
  const Expected expected[] = {
      {0, 0, "said", "Mayor Zoë Ortiz",
       "the levy would raise €2 million a year for parks"},
      {0, 1, "said", "Ortiz",
       "“We cannot keep patching the same roads,” … “and hoping for a "
       "different result.”"},
      {0, 2, "has been criticized as", "", "a tax on breakfast"},
      {0, 3, "According to", "a report by the city’s finance office",
       "the tax would cost the average household about €40 a year"},
      {1, 0, "told", "The union’s spokesman, Paweł Nowak",
       "that talks had stalled"},
      {1, 2, "said", "Nowak",
       "“The offer is an insult,” … “Nobody here will sign it.”"},
  };
  for (const Expected& e : expected) {
    const GoldDocument& document = (*gold)[e.document];
    ASSERT_LT(e.attribution, document.attributions.size());
    const EvalAttribution& a = document.attributions[e.attribution];
    SCOPED_TRACE(absl::StrCat(document.name, " ", a.id));
    EXPECT_EQ(TextOf(document.text, a.cue), e.cue);
    EXPECT_EQ(TextOf(document.text, a.source), e.source);
    EXPECT_EQ(TextOf(document.text, a.content), e.content);
  }
  EXPECT_EQ((*gold)[0].attributions.size(), 4u);
  EXPECT_EQ((*gold)[1].attributions.size(), 3u);  // the Discard line is not one
}

TEST(ReadGoldDirectoryTest, FailsOnMissingPieces) {
  const std::filesystem::path root =
      std::filesystem::path(::testing::TempDir()) / "eval_test_gold";
  std::filesystem::remove_all(root);
  EXPECT_EQ(ReadGoldDirectory(root.string()).status().code(),
            absl::StatusCode::kNotFound);

  std::filesystem::create_directories(root / "text");
  EXPECT_THAT(ReadGoldDirectory(root.string()).status().message(),
              HasSubstr("no *.txt files"));

  std::ofstream(root / "text" / "lonely.txt") << "Nobody annotated this.\n";
  absl::Status missing_ann = ReadGoldDirectory(root.string()).status();
  EXPECT_EQ(missing_ann.code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(missing_ann.message(), HasSubstr("lonely.ann"));
  std::filesystem::remove_all(root);
}

TEST(MatchTest, AppliesOverlapAndExactRules) {
  struct Case {
    std::string name;
    EvalAttribution gold;
    EvalAttribution predicted;
    bool overlap;
    bool exact;
  };
  // Gold: source [0,10), cue [11,15), content [16,40).
  const EvalAttribution gold{"E1", {{11, 15}}, {{0, 10}}, {{16, 40}}};
  const EvalAttribution no_source{"E1", {{11, 15}}, {}, {{16, 40}}};
  const EvalAttribution no_cue{"E1", {}, {{0, 10}}, {{16, 40}}};
  const EvalAttribution split_content{"E1", {{11, 15}}, {}, {{0, 10}, {20, 30}}};
  const Case cases[] = {
      {"identical", gold, gold, true, true},
      {"every role overlaps", gold,
       {"c1", {{12, 15}}, {{4, 10}}, {{16, 41}}}, true, false},
      {"cues disjoint", gold, {"c1", {{40, 44}}, {{0, 10}}, {{16, 40}}},
       false, false},
      {"contents disjoint", gold, {"c1", {{11, 15}}, {{0, 10}}, {{45, 50}}},
       false, false},
      {"contents only touch", gold,
       {"c1", {{11, 15}}, {{0, 10}}, {{40, 50}}}, false, false},
      {"sources disjoint", gold, {"c1", {{11, 15}}, {{45, 50}}, {{16, 40}}},
       false, false},
      {"gold has no source", no_source, gold, true, false},
      {"prediction has no source", gold, no_source, true, false},
      {"neither has a source", no_source, no_source, true, true},
      {"neither has a cue", no_cue, no_cue, true, true},
      {"only gold has a cue", gold, no_cue, false, false},
      {"only the prediction has a cue", no_cue, gold, false, false},
      {"prediction inside the gap of split content", split_content,
       {"c1", {{11, 15}}, {}, {{12, 18}}}, false, false},
      {"prediction covers the extent of split content", split_content,
       {"c1", {{11, 15}}, {}, {{0, 30}}}, true, true},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(OverlapMatch(c.gold, c.predicted), c.overlap) << c.name;
    EXPECT_EQ(ExactMatch(c.gold, c.predicted), c.exact) << c.name;
  }
}

TEST(CountsTest, ComputesPrecisionRecallF1) {
  struct Case {
    Counts counts;
    double precision, recall, f1;
  };
  const Case cases[] = {
      {{4, 5, 3}, 0.6, 0.75, 2.0 / 3.0},
      {{2, 2, 2}, 1.0, 1.0, 1.0},
      {{10, 0, 0}, 0.0, 0.0, 0.0},
      {{0, 3, 0}, 0.0, 0.0, 0.0},
      {{0, 0, 0}, 0.0, 0.0, 0.0},
  };
  for (const Case& c : cases) {
    EXPECT_DOUBLE_EQ(c.counts.precision(), c.precision);
    EXPECT_DOUBLE_EQ(c.counts.recall(), c.recall);
    EXPECT_DOUBLE_EQ(c.counts.f1(), c.f1);
  }
}

// A piece of the document text: its `occurrence`-th appearance (from 1).
// An empty text means the role is absent.
struct Piece {
  std::string text;
  int occurrence = 1;
};

struct ClaimSpec {
  std::string id;
  Piece speaker, cue, content;
  Mode mode = INDIRECT;
};

Span SpanOf(absl::string_view text, const Piece& piece) {
  size_t at = absl::string_view::npos;
  for (int i = 0; i < piece.occurrence; ++i) {
    at = text.find(piece.text, at == absl::string_view::npos ? 0 : at + 1);
    if (at == absl::string_view::npos) {
      ADD_FAILURE() << "\"" << piece.text << "\" is not in the text";
      return Span();
    }
  }
  Span span;
  span.set_begin(static_cast<uint32_t>(at));
  span.set_end(static_cast<uint32_t>(at + piece.text.size()));
  return span;
}

Document MakeDocument(absl::string_view text,
                      const std::vector<ClaimSpec>& specs) {
  Document document;
  document.set_text_length(static_cast<uint32_t>(text.size()));
  for (const ClaimSpec& spec : specs) {
    Claim* claim = document.add_claims();
    claim->set_id(spec.id);
    claim->set_mode(spec.mode);
    if (!spec.speaker.text.empty()) {
      *claim->mutable_speaker()->mutable_span() = SpanOf(text, spec.speaker);
    }
    if (!spec.cue.text.empty()) {
      *claim->mutable_cue()->mutable_span() = SpanOf(text, spec.cue);
    }
    *claim->mutable_content()->mutable_span() = SpanOf(text, spec.content);
  }
  return document;
}

class EvaluatorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::vector<GoldDocument>> gold =
        ReadGoldDirectory(kGoldDir);
    ASSERT_TRUE(gold.ok()) << gold.status();
    gold_ = *std::move(gold);
  }

  const GoldDocument& Gold(absl::string_view name) const {
    for (const GoldDocument& document : gold_) {
      if (document.name == name) return document;
    }
    ADD_FAILURE() << "no fixture " << name;
    return gold_.front();
  }

  void Add(absl::string_view name, const std::vector<ClaimSpec>& specs) {
    const GoldDocument& gold = Gold(name);
    absl::Status added = evaluator_.Add(gold, MakeDocument(gold.text, specs));
    ASSERT_TRUE(added.ok()) << added;
  }

  std::vector<GoldDocument> gold_;
  Evaluator evaluator_;
};

// Gold school_meals: ministry/announced/that every primary pupil ...,
// Teachers/welcomed/the plan, a union official/warned/it could strain ...
const std::vector<ClaimSpec>& SchoolMealsPredictions() {
  static const auto* specs = new std::vector<ClaimSpec>{
      // Content runs longer than gold: an overlap match, not exact.
      {"c1", {"The education ministry"}, {"announced"},
       {"on Monday that every primary pupil would receive a free lunch from "
        "September."}},
      // Exact.
      {"c2", {"Teachers"}, {"welcomed"}, {"the plan"}},
      // Source and content shorter than gold: overlap only.
      {"c3", {"union official"}, {"warned"}, {"it could strain"}},
      // Not scored.
      {"c4", {}, {}, {"a free lunch"}, UNATTRIBUTED},
      // Duplicate of c2: a false positive.
      {"c5", {"Teachers"}, {"welcomed"}, {"the plan"}},
  };
  return *specs;
}

// Gold council_cafe_tax: E1 Mayor Zoë Ortiz/said/the levy ..., E2
// Ortiz/said/“We cannot ...” + “and hoping ...”, E3 (no source)/has been
// criticized as/a tax on breakfast, E4 a report .../According to/the tax ...
const std::vector<ClaimSpec>& CouncilPredictions() {
  static const auto* specs = new std::vector<ClaimSpec>{
      {"c1", {"Mayor Zoë Ortiz"}, {"said"},
       {"the levy would raise €2 million a year for parks."}},
      // One fragment of a discontinuous gold content.
      {"c2", {"Ortiz", 2}, {"said", 2},
       {"“We cannot keep patching the same roads,”"}},
      // The source taken for the content.
      {"c3", {}, {"According to"}, {"a report by the city’s finance office"}},
      // No gold attribution there.
      {"c4", {"City council"}, {"approves"}, {"café tax"}},
  };
  return *specs;
}

TEST_F(EvaluatorTest, ScoresOneDocument) {
  Add("school_meals", SchoolMealsPredictions());
  const EvalReport& report = evaluator_.report();
  EXPECT_EQ(report.documents, 1);
  struct Expected {
    EvalRole role;
    int gold, predicted, overlap_matched, exact_matched;
  };
  const Expected expected[] = {
      // Duplicate spans count once for single roles.
      {EvalRole::kCue, 3, 3, 3, 3},
      {EvalRole::kSource, 3, 3, 3, 2},
      {EvalRole::kContent, 3, 3, 3, 1},
      {EvalRole::kAttribution, 3, 4, 3, 1},
  };
  for (const Expected& e : expected) {
    SCOPED_TRACE(EvalRoleName(e.role));
    const Counts& overlap = report.overlap.of(e.role);
    const Counts& exact = report.exact.of(e.role);
    EXPECT_EQ(overlap.gold, e.gold);
    EXPECT_EQ(overlap.predicted, e.predicted);
    EXPECT_EQ(overlap.matched, e.overlap_matched);
    EXPECT_EQ(exact.gold, e.gold);
    EXPECT_EQ(exact.predicted, e.predicted);
    EXPECT_EQ(exact.matched, e.exact_matched);
  }
  EXPECT_DOUBLE_EQ(report.overlap.attribution.precision(), 0.75);
  EXPECT_DOUBLE_EQ(report.overlap.attribution.recall(), 1.0);
  EXPECT_DOUBLE_EQ(report.overlap.attribution.f1(), 6.0 / 7.0);
  EXPECT_DOUBLE_EQ(report.exact.attribution.f1(), 2.0 / 7.0);

  EXPECT_THAT(report.misses, IsEmpty());
  ASSERT_EQ(report.false_positives.size(), 1u);
  const EvalError& duplicate = report.false_positives[0];
  EXPECT_EQ(duplicate.role, EvalRole::kAttribution);
  EXPECT_EQ(duplicate.id, "c5");
  EXPECT_EQ(duplicate.reason, ErrorReason::kTaken);
}

TEST_F(EvaluatorTest, MicroAveragesOverDocumentsAndListsErrors) {
  Add("school_meals", SchoolMealsPredictions());
  Add("council_cafe_tax", CouncilPredictions());
  const EvalReport& report = evaluator_.report();
  EXPECT_EQ(report.documents, 2);
  const Counts& attribution = report.overlap.attribution;
  EXPECT_EQ(attribution.gold, 7);
  EXPECT_EQ(attribution.predicted, 8);
  EXPECT_EQ(attribution.matched, 5);
  EXPECT_DOUBLE_EQ(attribution.precision(), 5.0 / 8.0);
  EXPECT_DOUBLE_EQ(attribution.recall(), 5.0 / 7.0);
  EXPECT_DOUBLE_EQ(attribution.f1(), 2.0 / 3.0);
  EXPECT_EQ(report.exact.attribution.matched, 1);
  EXPECT_EQ(report.overlap.cue.matched, 6);
  EXPECT_EQ(report.overlap.cue.gold, 7);
  EXPECT_EQ(report.overlap.source.gold, 6);
  EXPECT_EQ(report.overlap.source.matched, 5);
  EXPECT_EQ(report.overlap.content.matched, 5);
  EXPECT_EQ(report.exact.content.matched, 1);

  // (document, role, id, reason, cue text, source text, content text)
  auto describe = [](const EvalError& e) {
    return absl::StrCat(e.document, "|", EvalRoleName(e.role), "|", e.id, "|",
                        ErrorReasonName(e.reason), "|", e.cue.text, "|",
                        e.source.text, "|", e.content.text);
  };
  std::vector<std::string> misses, false_positives;
  for (const EvalError& e : report.misses) misses.push_back(describe(e));
  for (const EvalError& e : report.false_positives) {
    false_positives.push_back(describe(e));
  }
  EXPECT_THAT(
      misses,
      ElementsAre(
          "council_cafe_tax|cue||-|has been criticized as||",
          "council_cafe_tax|source||-||a report by the city’s finance office|",
          "council_cafe_tax|content||-|||a tax on breakfast",
          "council_cafe_tax|content||-|||the tax would cost the average "
          "household about €40 a year",
          "council_cafe_tax|attribution|E3|cue|has been criticized as||a tax "
          "on breakfast",
          "council_cafe_tax|attribution|E4|content|According to|a report by "
          "the city’s finance office|the tax would cost the average household "
          "about €40 a year"));
  EXPECT_THAT(
      false_positives,
      ElementsAre(
          "school_meals|attribution|c5|taken|welcomed|Teachers|the plan",
          "council_cafe_tax|cue||-|approves||",
          "council_cafe_tax|source||-||City council|",
          "council_cafe_tax|content||-|||café tax",
          "council_cafe_tax|content||-|||a report by the city’s finance office",
          "council_cafe_tax|attribution|c3|content|According to||a report by "
          "the city’s finance office",
          "council_cafe_tax|attribution|c4|cue|approves|City council|café "
          "tax"));
}

TEST(EvaluatorGreedyTest, LargestOverlapWinsRegardlessOfOrder) {
  GoldDocument gold;
  gold.name = "synthetic";
  gold.text = std::string(60, 'x');
  gold.attributions = {{"E1", {{0, 4}}, {}, {{10, 30}}}};
  Document predicted;
  // c1 shares 5 content bytes with E1, c2 shares 20: c2 is the match.
  const std::pair<const char*, std::pair<uint32_t, uint32_t>> claims[] = {
      {"c1", {25, 40}}, {"c2", {10, 30}}};
  for (const auto& [id, content] : claims) {
    Claim* claim = predicted.add_claims();
    claim->set_id(id);
    claim->mutable_cue()->mutable_span()->set_begin(0);
    claim->mutable_cue()->mutable_span()->set_end(4);
    claim->mutable_content()->mutable_span()->set_begin(content.first);
    claim->mutable_content()->mutable_span()->set_end(content.second);
  }
  Evaluator evaluator;
  ASSERT_TRUE(evaluator.Add(gold, predicted).ok());
  const EvalReport& report = evaluator.report();
  EXPECT_EQ(report.overlap.attribution.matched, 1);
  std::vector<std::string> unmatched;
  for (const EvalError& e : report.false_positives) {
    if (e.role == EvalRole::kAttribution) unmatched.push_back(e.id);
  }
  EXPECT_THAT(unmatched, ElementsAre("c1"));
}

// A claim with raw byte spans; {0, 0} leaves the role out.
Claim RawClaim(const std::string& id, std::pair<uint32_t, uint32_t> speaker,
               std::pair<uint32_t, uint32_t> cue,
               std::pair<uint32_t, uint32_t> content) {
  Claim claim;
  claim.set_id(id);
  auto set = [](std::pair<uint32_t, uint32_t> range, Span* span) {
    span->set_begin(range.first);
    span->set_end(range.second);
  };
  if (speaker.second > 0) set(speaker, claim.mutable_speaker()->mutable_span());
  if (cue.second > 0) set(cue, claim.mutable_cue()->mutable_span());
  set(content, claim.mutable_content()->mutable_span());
  return claim;
}

TEST(PredictedAttributionsTest, SkipsUnattributedAndFoldsContinuations) {
  struct Case {
    std::string name;
    std::vector<Claim> claims;
    // Per attribution: id, then content fragments.
    std::vector<std::pair<std::string, Fragments>> expected;
  };
  Claim unattributed = RawClaim("c2", {0, 0}, {0, 0}, {30, 40});
  unattributed.set_mode(UNATTRIBUTED);
  const Claim head = RawClaim("c1", {5, 10}, {11, 15}, {20, 28});
  const Case cases[] = {
      {"unattributed claims are not scored",
       {head, unattributed},
       {{"c1", {{20, 28}}}}},
      {"a cueless claim with the same speaker continues the quotation",
       {head, RawClaim("c2", {5, 10}, {0, 0}, {40, 50}),
        RawClaim("c3", {5, 10}, {0, 0}, {52, 58})},
       {{"c1", {{20, 28}, {40, 50}, {52, 58}}}}},
      {"another speaker, or none, stays on its own",
       {head, RawClaim("c2", {30, 35}, {0, 0}, {40, 50}),
        RawClaim("c3", {0, 0}, {0, 0}, {52, 58})},
       {{"c1", {{20, 28}}}, {"c2", {{40, 50}}}, {"c3", {{52, 58}}}}},
      {"only an earlier claim can be continued",
       {RawClaim("c1", {5, 10}, {0, 0}, {0, 4}), head},
       {{"c1", {{0, 4}}}, {"c1", {{20, 28}}}}},
      {"the latest claim of that speaker is continued",
       {head, RawClaim("c2", {5, 10}, {29, 33}, {34, 38}),
        RawClaim("c3", {5, 10}, {0, 0}, {40, 50})},
       {{"c1", {{20, 28}}}, {"c2", {{34, 38}, {40, 50}}}}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Document document;
    for (const Claim& claim : c.claims) *document.add_claims() = claim;
    absl::StatusOr<std::vector<EvalAttribution>> attributions =
        PredictedAttributions(document, 60);
    ASSERT_TRUE(attributions.ok()) << attributions.status();
    std::vector<std::pair<std::string, Fragments>> got;
    for (const EvalAttribution& a : *attributions) got.emplace_back(a.id, a.content);
    EXPECT_EQ(got, c.expected);
  }
}

TEST(EvaluatorErrorTest, ExplainsWhyAGoldAttributionIsMissed) {
  struct Case {
    std::string name;
    std::vector<Claim> claims;
    ErrorReason expected;
  };
  // Gold E1 and E2 are the same attribution: source [5,10), cue [0,4),
  // content [20,30); only E2's miss is examined.
  const Case cases[] = {
      {"nothing predicted", {}, ErrorReason::kCue},
      {"cue elsewhere", {RawClaim("c1", {5, 10}, {40, 44}, {20, 30})},
       ErrorReason::kCue},
      {"content elsewhere", {RawClaim("c1", {5, 10}, {0, 4}, {40, 50})},
       ErrorReason::kContent},
      {"source elsewhere", {RawClaim("c1", {11, 15}, {0, 4}, {20, 30})},
       ErrorReason::kSource},
      {"matched to E1", {RawClaim("c1", {5, 10}, {0, 4}, {20, 30})},
       ErrorReason::kTaken},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    GoldDocument gold;
    gold.name = "synthetic";
    gold.text = std::string(60, 'x');
    const EvalAttribution attribution{"", {{0, 4}}, {{5, 10}}, {{20, 30}}};
    gold.attributions = {attribution, attribution};
    gold.attributions[0].id = "E1";
    gold.attributions[1].id = "E2";
    Document predicted;
    for (const Claim& claim : c.claims) *predicted.add_claims() = claim;
    Evaluator evaluator;
    ASSERT_TRUE(evaluator.Add(gold, predicted).ok());
    const EvalError* e2_miss = nullptr;
    for (const EvalError& miss : evaluator.report().misses) {
      if (miss.id == "E2") e2_miss = &miss;
    }
    ASSERT_NE(e2_miss, nullptr);
    EXPECT_EQ(e2_miss->reason, c.expected);
  }
}

TEST(EvaluatorErrorTest, RejectsSpansOutsideTheText) {
  GoldDocument gold;
  gold.name = "short";
  gold.text = "He said so.";
  Document predicted;
  Claim* claim = predicted.add_claims();
  claim->set_id("c1");
  claim->mutable_content()->mutable_span()->set_begin(8);
  claim->mutable_content()->mutable_span()->set_end(40);
  Evaluator evaluator;
  absl::Status added = evaluator.Add(gold, predicted);
  EXPECT_EQ(added.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(added.message(), HasSubstr("short: claim c1"));
  EXPECT_EQ(evaluator.report().documents, 0);
  EXPECT_EQ(evaluator.report().overlap.content.predicted, 0);
}

}  // namespace
}  // namespace claims
