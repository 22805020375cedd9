#include "claims/audit.h"

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "claims/document_io.h"
#include "claims/extractor.h"
#include "claims/test_rules.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace claims {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Pair;

constexpr char kFixtures[] = "testdata/audit/";

struct Audited {
  InputDocument input;
  DocumentAudit audit;
};

Audited AuditFixture(const std::string& name) {
  absl::StatusOr<InputDocument> input =
      ReadTextDocument(std::string(kFixtures) + name);
  EXPECT_TRUE(input.ok()) << input.status();
  Audited result;
  if (!input.ok()) return result;
  result.input = *std::move(input);
  Extractor(BuiltinRules()).Extract(result.input.text, &result.input.document);
  result.audit =
      Auditor(BuiltinRules()).Audit(result.input.document, result.input.text);
  return result;
}

// (flag kind, evidence) pairs, in claim order.
std::vector<std::pair<FlagKind, std::string>> FlagsOf(
    const DocumentAudit& audit) {
  std::vector<std::pair<FlagKind, std::string>> flags;
  for (const Flag& flag : audit.flags()) {
    flags.emplace_back(flag.kind(), flag.evidence());
  }
  return flags;
}

struct FixtureCase {
  std::string file;
  SpeakerClassCounts speakers;  // only the class fields are compared
  std::vector<std::pair<FlagKind, std::string>> flags;
};

SpeakerClassCounts Classes(uint32_t person, uint32_t organization,
                           uint32_t anonymous, uint32_t unattributed,
                           uint32_t other) {
  SpeakerClassCounts counts;
  counts.set_named_person(person);
  counts.set_named_organization(organization);
  counts.set_anonymous(anonymous);
  counts.set_unattributed(unattributed);
  counts.set_other(other);
  return counts;
}

class FixtureTest : public testing::TestWithParam<FixtureCase> {};

TEST_P(FixtureTest, CountsClassesAndRaisesFlags) {
  const FixtureCase& c = GetParam();
  const Audited audited = AuditFixture(c.file);
  const SpeakerClassCounts& got = audited.audit.counts().speakers();
  EXPECT_EQ(got.named_person(), c.speakers.named_person());
  EXPECT_EQ(got.named_organization(), c.speakers.named_organization());
  EXPECT_EQ(got.anonymous(), c.speakers.anonymous());
  EXPECT_EQ(got.unattributed(), c.speakers.unattributed());
  EXPECT_EQ(got.other(), c.speakers.other());
  EXPECT_EQ(got.total(), got.named_person() + got.named_organization() +
                             got.anonymous() + got.unattributed() +
                             got.other());
  EXPECT_EQ(got.total(),
            static_cast<uint32_t>(audited.input.document.claims_size()));
  EXPECT_EQ(FlagsOf(audited.audit), c.flags);
}

INSTANTIATE_TEST_SUITE_P(
    Fixtures, FixtureTest,
    testing::Values(
        FixtureCase{"harbour_sources.txt",
                    Classes(0, 0, 9, 1, 0),
                    {{BARE_SOURCE, "a source"},
                     {NO_ANONYMITY_REASON, "a source"},
                     {ANONYMOUS_ONLY_FIGURE, "12 percent"},
                     {NO_ANONYMITY_REASON, "One aide"},
                     {ANONYMOUS_OPINION, "reckless"},
                     {NO_ANONYMITY_REASON, "Officials"},
                     {ANONYMOUS_OPINION, "believe"},
                     {UNATTRIBUTED_FIGURE, "2,300 containers"}}},
        // The 12 percent is also a named person's, the 80 ships only the
        // anonymous officials'.
        FixtureCase{"harbour_named.txt",
                    Classes(1, 1, 3, 0, 0),
                    {{ANONYMOUS_ONLY_FIGURE, "80 ships"},
                     {ANONYMOUS_OPINION, "a huge mistake"}}},
        // "the official residence", "Official Secrets Act", "an unnamed
        // bridge" and "open-source" name no anonymous source.
        FixtureCase{"not_sources.txt", Classes(1, 2, 0, 0, 1), {}},
        // The unattributed sentence in the official's turn is the
        // official's; the background call is the reason for every label.
        FixtureCase{"summit_briefing.txt",
                    Classes(1, 0, 3, 0, 0),
                    {{ANONYMOUS_ONLY_FIGURE, "45 officials"},
                     {ANONYMOUS_OPINION, "I think"}}},
        // No reason anywhere: flagged once, not on every label. The
        // question line, spaced with no-break spaces, ends the first turn.
        FixtureCase{"corridor_briefing.txt",
                    Classes(0, 0, 4, 0, 0),
                    {{NO_ANONYMITY_REASON, "SENIOR OFFICIAL"},
                     {ANONYMOUS_ONLY_FIGURE, "1.2 million tonnes"},
                     {ANONYMOUS_ONLY_FIGURE, "About 40 ships"}}},
        // Labels written as names: the figure in Varga's turn is hers, so
        // it is no unattributed figure.
        FixtureCase{"council_press_conference.txt", Classes(3, 0, 0, 0, 0),
                    {}}),
    [](const testing::TestParamInfo<FixtureCase>& info) {
      std::string name = info.param.file.substr(0, info.param.file.find('.'));
      return name;
    });

TEST(AuditTest, FixturesCoverEveryFamilyReasonAndFlag) {
  AuditCounts all;
  for (const char* file : {"harbour_sources.txt", "harbour_named.txt",
                           "not_sources.txt", "summit_briefing.txt"}) {
    MergeCounts(AuditFixture(file).audit.counts(), &all);
  }
  SortCounts(&all);
  std::set<std::string> families;
  for (const AnonymousFamilyCount& family : all.anonymous_families()) {
    families.insert(family.family());
  }
  EXPECT_EQ(families, (std::set<std::string>{
                          "aides and insiders", "diplomats", "officials",
                          "people familiar with the matter",
                          "senior administration official", "source"}));
  std::set<int> reasons;
  for (const ReasonCount& reason : all.reasons()) {
    reasons.insert(reason.category());
  }
  for (int category = NOT_AUTHORIZED; category <= OTHER_REASON; ++category) {
    EXPECT_TRUE(reasons.count(category))
        << AnonymityReasonCategory_Name(
               static_cast<AnonymityReasonCategory>(category));
  }
  std::set<int> flags;
  for (const FlagCount& flag : all.flags()) flags.insert(flag.kind());
  for (int kind = BARE_SOURCE; kind <= UNATTRIBUTED_FIGURE; ++kind) {
    EXPECT_TRUE(flags.count(kind))
        << FlagKind_Name(static_cast<FlagKind>(kind));
  }
  EXPECT_EQ(all.anonymous_with_reason() + all.anonymous_without_reason(),
            all.speakers().anonymous());
}

TEST(AuditTest, ReasonsByCategory) {
  const Audited audited = AuditFixture("harbour_sources.txt");
  std::map<AnonymityReasonCategory, uint32_t> reasons;
  for (const ReasonCount& reason : audited.audit.counts().reasons()) {
    reasons[reason.category()] = reason.claims();
  }
  // One sentence for each category; the bare source, the aide and the
  // believing officials give no reason.
  EXPECT_THAT(reasons, ElementsAre(Pair(NOT_AUTHORIZED, 1u),
                                   Pair(SENSITIVITY, 1u),
                                   Pair(ONGOING_MATTER, 1u),
                                   Pair(FEAR_OF_REPRISAL, 1u),
                                   Pair(BRIEFING_GROUND_RULES, 1u),
                                   Pair(OTHER_REASON, 1u)));
  EXPECT_EQ(audited.audit.counts().anonymous_without_reason(), 3u);
}

TEST(AuditTest, TranscriptTurnsCountForTheirLabel) {
  const Audited audited = AuditFixture("summit_briefing.txt");
  const AuditCounts& counts = audited.audit.counts();
  EXPECT_EQ(counts.speakers().from_transcript_turns(), 1u);
  EXPECT_EQ(counts.anonymous_without_reason(), 0u);
  EXPECT_THAT(counts.reasons(), testing::SizeIs(1));
  EXPECT_EQ(counts.reasons(0).category(), BRIEFING_GROUND_RULES);
  EXPECT_EQ(counts.reasons(0).claims(), 3u);
}

TEST(AuditTest, FlagSpansPointIntoTheDocument) {
  for (const char* file : {"harbour_sources.txt", "harbour_named.txt",
                           "summit_briefing.txt"}) {
    const Audited audited = AuditFixture(file);
    ASSERT_FALSE(audited.audit.flags().empty()) << file;
    for (const Flag& flag : audited.audit.flags()) {
      const std::string& text = audited.input.text;
      ASSERT_LE(flag.evidence_span().end(), text.size());
      EXPECT_EQ(text.substr(flag.evidence_span().begin(),
                            flag.evidence_span().end() -
                                flag.evidence_span().begin()),
                flag.evidence());
      EXPECT_EQ(text.substr(flag.sentence_span().begin(),
                            flag.sentence().size()),
                flag.sentence());
      EXPECT_LE(flag.sentence_span().begin(), flag.span().begin());
      EXPECT_FALSE(flag.rule_id().empty());
      EXPECT_NE(BuiltinRules().Find(flag.rule_id()) != nullptr,
                flag.rule_id().rfind("builtin.", 0) == 0)
          << flag.rule_id();
    }
  }
}

TEST(AuditTest, ExcerptsAreCutAtCharacterBoundaries) {
  AuditOptions options;
  options.max_excerpt_bytes = 9;
  Document doc;
  const std::string text = "Officials said the café’s fees would double.";
  Extractor(BuiltinRules()).Extract(text, &doc);
  const DocumentAudit audit = Auditor(BuiltinRules(), options).Audit(doc, text);
  ASSERT_FALSE(audit.flags().empty());
  for (const Flag& flag : audit.flags()) {
    EXPECT_LE(flag.sentence().size(), 9u + std::string("…").size());
    EXPECT_EQ(flag.sentence().rfind("…"), flag.sentence().size() - 3);
  }
}

TEST(AuditTest, ClassifyClaim) {
  struct Case {
    Mode mode;
    SpeakerKind kind;
    bool anonymous;
    SpeakerClass expected;
  };
  for (const Case& c : std::vector<Case>{
           {INDIRECT, PERSON, false, CLASS_NAMED_PERSON},
           {INDIRECT, ORGANIZATION, false, CLASS_NAMED_ORGANIZATION},
           {INDIRECT, GOVERNMENT_BODY, false, CLASS_NAMED_ORGANIZATION},
           {DIRECT_QUOTE, MEDIA_OUTLET, false, CLASS_NAMED_ORGANIZATION},
           {INDIRECT, SpeakerKind::ANONYMOUS, true, CLASS_ANONYMOUS},
           // A reference resolved to an unnamed source is anonymous whatever
           // its kind.
           {INDIRECT, UNKNOWN, true, CLASS_ANONYMOUS},
           {INDIRECT, UNKNOWN, false, CLASS_OTHER},
       }) {
    Claim claim;
    claim.set_mode(c.mode);
    claim.mutable_speaker()->set_kind(c.kind);
    claim.mutable_speaker()->set_anonymous(c.anonymous);
    EXPECT_EQ(ClassifyClaim(claim), c.expected)
        << SpeakerKind_Name(c.kind) << " " << c.anonymous;
  }
  Claim unattributed;
  unattributed.set_mode(Mode::UNATTRIBUTED);
  EXPECT_EQ(ClassifyClaim(unattributed), CLASS_UNATTRIBUTED);
}

TEST(AuditReportBuilderTest, AggregatesByOutletAndInput) {
  AuditReportBuilder builder;
  const std::vector<std::pair<std::string, std::string>> inputs = {
      {"harbour_sources.txt", "a/"},
      {"harbour_named.txt", "a/"},
      {"not_sources.txt", "b.txt"},
      {"summit_briefing.txt", "c.txt"}};
  uint32_t claims = 0, flags = 0;
  for (const auto& [file, input] : inputs) {
    Audited audited = AuditFixture(file);
    claims += audited.audit.counts().speakers().total();
    flags += audited.audit.flags_size();
    builder.Add(std::move(audited.audit), input);
  }
  builder.AddInputError();
  const AuditReport report = std::move(builder).Finish();
  EXPECT_EQ(report.input_errors(), 1u);
  EXPECT_EQ(report.documents_size(), 4);
  EXPECT_EQ(report.documents(0).input(), "a/");
  EXPECT_EQ(report.aggregate().documents(), 4u);
  EXPECT_EQ(report.aggregate().speakers().total(), claims);
  uint32_t flag_total = 0;
  for (const FlagCount& flag : report.aggregate().flags()) {
    flag_total += flag.flags();
  }
  EXPECT_EQ(flag_total, flags);
  std::vector<std::pair<std::string, uint32_t>> outlets, groups;
  for (const GroupAudit& g : report.outlets()) {
    outlets.emplace_back(g.name(), g.counts().documents());
  }
  for (const GroupAudit& g : report.inputs()) {
    groups.emplace_back(g.name(), g.counts().documents());
  }
  EXPECT_THAT(outlets, ElementsAre(Pair("Harbour Gazette", 2u),
                                   Pair("Valley Courier", 1u)));
  EXPECT_THAT(groups, ElementsAre(Pair("a/", 2u), Pair("b.txt", 1u),
                                  Pair("c.txt", 1u)));
  // Families sorted by claims, most first.
  const auto& families = report.aggregate().anonymous_families();
  for (int i = 1; i < families.size(); ++i) {
    EXPECT_GE(families[i - 1].claims(), families[i].claims());
  }
}

TEST(AuditReportBuilderTest, EmptyReport) {
  const AuditReport report = AuditReportBuilder().Finish();
  EXPECT_THAT(report.documents(), IsEmpty());
  EXPECT_EQ(report.aggregate().speakers().total(), 0u);
}

}  // namespace
}  // namespace claims
