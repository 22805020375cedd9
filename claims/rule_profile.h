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
// its pattern and its cue split's parts. The candidate scans that pick which
// rules to try (one RE2::Set over the triggers of each RuleIndex) have rows
// of their own, "(candidates)": a trigger that spans many characters slows
// the scan for every rule of its kind. Number finding, sentence splitting and
// output are in no row. Without a Recording the engine pays one thread-local
// read per search.
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
class RuleIndex;

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
  // What the searches of one thread's Recording cost so far.
  struct Tally {
    absl::flat_hash_map<const CompiledRule*, RuleCost> rules;
    absl::flat_hash_map<const RuleIndex*, RuleCost> scans;

    RuleCost& operator[](const CompiledRule* rule) { return rules[rule]; }
    RuleCost& operator[](const RuleIndex* index) { return scans[index]; }
  };

  // One line of the report.
  struct Row {
    // The rule's id, or "(candidates)" for a candidate scan.
    std::string rule;
    // The rule's kind (RuleKind name); for a scan, its rules' kind.
    std::string kind;
    // For a scan, `matches` counts the scans that named a candidate.
    RuleCost cost;
    // "file:line" of the rule; for a scan, "triggers of N rules".
    std::string defined_at;
  };

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
    Tally tally_;
  };

  // The tally of the current thread's Recording, or nullptr when there is
  // none.
  static Tally* Recorded();

  // Every rule searched and every index scanned so far, the costliest first
  // (ties by rule id, then kind).
  std::vector<Row> Rows() const;
  // Rows() as tab-separated values under a header line: rule, kind,
  // searches, matches, total milliseconds, microseconds per search and
  // defined_at.
  std::string ToTsv() const;

 private:
  void Add(const Tally& tally);

  mutable absl::Mutex mutex_;
  Tally total_ ABSL_GUARDED_BY(mutex_);
};

// Times searches of a rule (Key = CompiledRule) or scans of a candidate index
// (Key = RuleIndex) for the current thread's Recording, if any:
//
//   SearchTimer<CompiledRule> timer(rule);  // starts the clock
//   bool found = rule.re->Match(...);
//   timer.Finish(found);
//   ...                                     // work that is not the rule's
//   timer.Restart();                        // before the next search
template <typename Key>
class SearchTimer {
 public:
  explicit SearchTimer(const Key& key)
      : tally_(RuleProfile::Recorded()), key_(key) {
    if (tally_ != nullptr) start_ = std::chrono::steady_clock::now();
  }
  SearchTimer(const SearchTimer&) = delete;
  SearchTimer& operator=(const SearchTimer&) = delete;

  // Records one search, timed from construction or the last Restart().
  void Finish(bool matched) {
    if (tally_ == nullptr) return;
    RuleCost& cost = (*tally_)[&key_];
    ++cost.searches;
    if (matched) ++cost.matches;
    cost.time += std::chrono::steady_clock::now() - start_;
  }
  void Restart() {
    if (tally_ != nullptr) start_ = std::chrono::steady_clock::now();
  }

 private:
  RuleProfile::Tally* const tally_;
  const Key& key_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace claims

#endif  // CLAIMS_RULE_PROFILE_H_
