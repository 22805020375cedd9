#include "claims/rule_profile.h"

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_split.h"
#include "claims/rule_set.h"
#include "claims/test_rules.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace claims {
namespace {

using ::testing::HasSubstr;

class RuleProfileTest : public testing::Test {
 protected:
  void SetUp() override {
    auto rules = LoadPackText(R"pb(
      rule { id: "maybe" kind: HEDGE pattern: "\\bmaybe\\b" }
      rule { id: "said" kind: HEDGE pattern: "\\bsaid\\b" prefilter: "sa" }
    )pb");
    ASSERT_TRUE(rules.ok()) << rules.status();
    rules_ = *std::move(rules);
    maybe_ = rules_->Find("maybe");
    said_ = rules_->Find("said");
  }

  // Finds every match of `rule` in `text`; returns how many.
  static int CountMatches(const CompiledRule& rule, absl::string_view text) {
    int found = 0;
    ForEachMatch(rule, text, 0, text.size(),
                 [&](size_t, size_t, const std::vector<re2::StringPiece>&) {
                   ++found;
                   return true;
                 });
    return found;
  }

  std::unique_ptr<RuleSet> rules_;
  const CompiledRule* maybe_ = nullptr;
  const CompiledRule* said_ = nullptr;
};

TEST_F(RuleProfileTest, CountsEverySearchAndMatchOfARecordedThread) {
  RuleProfile profile;
  {
    RuleProfile::Recording recording(&profile);
    RuleMatch match;
    EXPECT_TRUE(ApplyRule(*maybe_, "maybe so", &match));
    EXPECT_FALSE(ApplyRule(*maybe_, "surely", &match));
    // Two matches, then a search that finds no third.
    EXPECT_EQ(CountMatches(*said_, "He said she said so."), 2);
  }
  std::vector<RuleProfile::Row> rows = profile.Rows();
  ASSERT_EQ(rows.size(), 2u);
  for (const RuleProfile::Row& row : rows) {
    EXPECT_EQ(row.kind, "HEDGE");
    if (row.rule == "maybe") {
      EXPECT_EQ(row.cost.searches, 2);
      EXPECT_EQ(row.cost.matches, 1);
    } else {
      EXPECT_EQ(row.rule, "said");
      EXPECT_EQ(row.cost.searches, 3);
      EXPECT_EQ(row.cost.matches, 2);
    }
    EXPECT_GT(row.cost.time.count(), 0);
    EXPECT_THAT(row.defined_at, HasSubstr("pack.textproto:"));
  }
  EXPECT_GE(rows[0].cost.time, rows[1].cost.time);
}

TEST_F(RuleProfileTest, APrefilterRejectionIsASearchThatFoundNothing) {
  RuleProfile profile;
  {
    RuleProfile::Recording recording(&profile);
    EXPECT_EQ(CountMatches(*said_, "nothing to see"), 0);
  }
  ASSERT_EQ(profile.Rows().size(), 1u);
  EXPECT_EQ(profile.Rows()[0].cost.searches, 1);
  EXPECT_EQ(profile.Rows()[0].cost.matches, 0);
}

TEST_F(RuleProfileTest, CandidateScansHaveARowPerIndex) {
  RuleIndex index({maybe_, said_});
  RuleProfile profile;
  {
    RuleProfile::Recording recording(&profile);
    std::vector<int> candidates;
    index.Candidates("maybe", &candidates);
    index.Candidates("nothing", &candidates);
  }
  std::vector<RuleProfile::Row> rows = profile.Rows();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].rule, "(candidates)");
  EXPECT_EQ(rows[0].kind, "HEDGE");
  EXPECT_EQ(rows[0].cost.searches, 2);
  EXPECT_EQ(rows[0].cost.matches, 1);
  EXPECT_EQ(rows[0].defined_at, "triggers of 2 rules");
}

TEST_F(RuleProfileTest, NothingIsRecordedOutsideARecording) {
  RuleProfile profile;
  { RuleProfile::Recording recording(&profile); }
  EXPECT_EQ(RuleProfile::Recorded(), nullptr);
  RuleMatch match;
  EXPECT_TRUE(ApplyRule(*maybe_, "maybe", &match));
  EXPECT_TRUE(profile.Rows().empty());
}

TEST_F(RuleProfileTest, RecordingsOnSeveralThreadsAddUp) {
  RuleProfile profile;
  constexpr int kThreads = 4;
  constexpr int kSearches = 50;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      RuleProfile::Recording recording(&profile);
      RuleMatch match;
      for (int i = 0; i < kSearches; ++i) ApplyRule(*maybe_, "maybe", &match);
    });
  }
  for (std::thread& thread : threads) thread.join();
  ASSERT_EQ(profile.Rows().size(), 1u);
  EXPECT_EQ(profile.Rows()[0].cost.searches, kThreads * kSearches);
  EXPECT_EQ(profile.Rows()[0].cost.matches, kThreads * kSearches);
}

TEST_F(RuleProfileTest, TsvHasAHeaderAndOneRowPerRule) {
  RuleProfile profile;
  {
    RuleProfile::Recording recording(&profile);
    RuleMatch match;
    ApplyRule(*maybe_, "maybe", &match);
  }
  std::vector<std::string> lines =
      absl::StrSplit(profile.ToTsv(), '\n', absl::SkipEmpty());
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0],
            "rule\tkind\tsearches\tmatches\ttotal_ms\tus_per_search\t"
            "defined_at");
  std::vector<std::string> fields = absl::StrSplit(lines[1], '\t');
  ASSERT_EQ(fields.size(), 7u);
  EXPECT_EQ(fields[0], "maybe");
  EXPECT_EQ(fields[1], "HEDGE");
  EXPECT_EQ(fields[2], "1");
  EXPECT_EQ(fields[3], "1");
  EXPECT_THAT(fields[6], HasSubstr("pack.textproto:"));
}

}  // namespace
}  // namespace claims
