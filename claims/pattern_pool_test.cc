#include "claims/pattern_pool.h"

#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace claims {
namespace {

constexpr int64_t kBudget = int64_t{2} << 20;

RE2::Options Quiet() {
  RE2::Options options;
  options.set_log_errors(false);
  return options;
}

TEST(PatternPoolTest, AnEqualPatternAndBudgetShareOneObject) {
  PatternPool pool(Quiet());
  std::shared_ptr<const RE2> first = pool.Compile("(?i)said|says", kBudget);
  std::shared_ptr<const RE2> second = pool.Compile("(?i)said|says", kBudget);
  ASSERT_TRUE(first->ok());
  EXPECT_EQ(first.get(), second.get());
  EXPECT_EQ(pool.size(), 1u);
}

TEST(PatternPoolTest, ADifferentPatternOrBudgetIsItsOwnObject) {
  PatternPool pool(Quiet());
  std::shared_ptr<const RE2> base = pool.Compile("said", kBudget);
  std::shared_ptr<const RE2> other_pattern = pool.Compile("says", kBudget);
  std::shared_ptr<const RE2> other_budget = pool.Compile("said", 2 * kBudget);
  EXPECT_NE(base.get(), other_pattern.get());
  EXPECT_NE(base.get(), other_budget.get());
  EXPECT_EQ(pool.size(), 3u);
  EXPECT_EQ(base->options().max_mem(), kBudget);
  EXPECT_EQ(other_budget->options().max_mem(), 2 * kBudget);
}

TEST(PatternPoolTest, KeepsTheOptionsItWasGiven) {
  RE2::Options options = Quiet();
  options.set_case_sensitive(false);
  PatternPool pool(options);
  std::shared_ptr<const RE2> re = pool.Compile("said", kBudget);
  EXPECT_TRUE(RE2::FullMatch("SAID", *re));
}

TEST(PatternPoolTest, APatternThatDoesNotCompileIsReportedByOk) {
  PatternPool pool(Quiet());
  std::shared_ptr<const RE2> re = pool.Compile("(?P<open>said", kBudget);
  ASSERT_NE(re, nullptr);
  EXPECT_FALSE(re->ok());
  EXPECT_NE(re->error().find("missing )"), std::string::npos) << re->error();
  EXPECT_EQ(pool.Compile("(?P<open>said", kBudget).get(), re.get());
}

TEST(PatternPoolTest, ThreadsAskingAtOnceGetOneObject) {
  PatternPool pool(Quiet());
  constexpr int kThreads = 8;
  std::vector<const RE2*> got(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&pool, &got, t] {
      got[t] = pool.Compile("(?:told|tells)\\s+reporters", kBudget).get();
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const RE2* re : got) EXPECT_EQ(re, got[0]);
  EXPECT_EQ(pool.size(), 1u);
}

TEST(PatternPoolTest, ObjectsOutliveThePool) {
  std::shared_ptr<const RE2> re;
  {
    PatternPool pool(Quiet());
    re = pool.Compile("said", kBudget);
  }
  EXPECT_TRUE(RE2::FullMatch("said", *re));
}

}  // namespace
}  // namespace claims
