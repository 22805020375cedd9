// RuleProfile: where extraction spends its time, rule by rule.
//
//   claims::RuleProfile profile;
//   {
//     claims::RuleProfile::Recording recording(&profile);  // this thread only
//     extractor.Extract(text, &document);
//   }
//   std::cout << profile.ToTsv();  // the costliest rule first
//
// A rule pack author who adds rules wants to know what they cost: one rule
// with a free "[^;]+?" run or a large head can take more time than fifty
// others. While a Recording lives, every search of a rule pattern on its
// thread (ApplyRule, and each match ForEachMatch looks for) is timed and
// counted; when it ends, the counts are added to the profile. Several threads
// may each hold a Recording of the same profile at once.
//
// A row's time is the wall time of the rule's own searches: its prefilter,
// its pattern and its cue split's parts. Candidate scans (RuleIndex), number
// finding, sentence splitting and output are not in any row. Without a
// Recording the engine pays one thread-local read per search.
#ifndef CLAIMS_RULE_PROFILE_H_
#define CLAIMS_RULE_PROFILE_H_

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"

namespace claims {

struct CompiledRule;

// What a rule's searches cost.
struct RuleCost {
  // Times its pattern was searched for (a search that finds nothing counts).
  int64_t searches = 0;
  // Searches that found a match.
  int64_t matches = 0;
  // Wall time of those searches.
  std::chrono::nanoseconds time{0};
};

class RuleProfile {
 public:
  using Costs = absl::flat_hash_map<const CompiledRule*, RuleCost>;

  RuleProfile() = default;
  RuleProfile(const RuleProfile&) = delete;
  RuleProfile& operator=(const RuleProfile&) = delete;

  // Times the rule searches of the thread that creates it, until destroyed.
  // Recordings on one thread must not overlap.
  class Recording {
   public:
    explicit Recording(RuleProfile* profile);
    ~Recording();
    Recording(const Recording&) = delete;
    Recording& operator=(const Recording&) = delete;

   private:
    RuleProfile* const profile_;
    Costs costs_;
  };

  // The costs of the current thread's Recording, or nullptr when there is
  // none.
  static Costs* Recorded();

  // Every rule searched so far, the costliest first (ties by rule id).
  std::vector<std::pair<const CompiledRule*, RuleCost>> Rows() const;
  // Rows() as tab-separated values under a header line: rule id, kind,
  // searches, matches, total milliseconds, microseconds per search and
  // where the rule is defined.
  std::string ToTsv() const;

 private:
  void Add(const Costs& costs);

  mutable absl::Mutex mutex_;
  Costs costs_ ABSL_GUARDED_BY(mutex_);
};

// Times searches of a rule for the current thread's Recording, if any:
//
//   RuleSearchTimer timer(rule);  // starts the clock
//   bool found = rule.re->Match(...);
//   timer.Finish(found);
//   ...                           // work that is not the rule's
//   timer.Restart();              // before the next search
class RuleSearchTimer {
 public:
  explicit RuleSearchTimer(const CompiledRule& rule)
      : costs_(RuleProfile::Recorded()), rule_(rule) {
    if (costs_ != nullptr) start_ = std::chrono::steady_clock::now();
  }
  RuleSearchTimer(const RuleSearchTimer&) = delete;
  RuleSearchTimer& operator=(const RuleSearchTimer&) = delete;

  // Records one search, timed from construction or the last Restart().
  void Finish(bool matched) {
    if (costs_ == nullptr) return;
    RuleCost& cost = (*costs_)[&rule_];
    ++cost.searches;
    if (matched) ++cost.matches;
    cost.time += std::chrono::steady_clock::now() - start_;
  }
  void Restart() {
    if (costs_ != nullptr) start_ = std::chrono::steady_clock::now();
  }

 private:
  RuleProfile::Costs* const costs_;
  const CompiledRule& rule_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace claims

#endif  // CLAIMS_RULE_PROFILE_H_
