#include "claims/rule_profile.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_format.h"
#include "claims/rule_set.h"

namespace claims {
namespace {

thread_local RuleProfile::Tally* recorded_tally = nullptr;

template <typename Key>
void AddCosts(const absl::flat_hash_map<const Key*, RuleCost>& costs,
              absl::flat_hash_map<const Key*, RuleCost>* total) {
  for (const auto& [key, cost] : costs) {
    RuleCost& sum = (*total)[key];
    sum.searches += cost.searches;
    sum.matches += cost.matches;
    sum.time += cost.time;
  }
}

}  // namespace

RuleProfile::Recording::Recording(RuleProfile* profile) : profile_(profile) {
  recorded_tally = &tally_;
}

RuleProfile::Recording::~Recording() {
  recorded_tally = nullptr;
  profile_->Add(tally_);
}

RuleProfile::Tally* RuleProfile::Recorded() { return recorded_tally; }

void RuleProfile::Add(const Tally& tally) {
  absl::MutexLock lock(&mutex_);
  AddCosts(tally.rules, &total_.rules);
  AddCosts(tally.scans, &total_.scans);
}

std::vector<RuleProfile::Row> RuleProfile::Rows() const {
  std::vector<Row> rows;
  {
    absl::MutexLock lock(&mutex_);
    for (const auto& [rule, cost] : total_.rules) {
      rows.push_back({rule->rule.id(), RuleKind_Name(rule->rule.kind()), cost,
                      rule->location});
    }
    for (const auto& [index, cost] : total_.scans) {
      const std::vector<const CompiledRule*>& rules = index->rules();
      rows.push_back(
          {"(candidates)",
           rules.empty() ? "" : RuleKind_Name(rules.front()->rule.kind()), cost,
           absl::StrFormat("triggers of %d rules", rules.size())});
    }
  }
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    if (a.cost.time != b.cost.time) return a.cost.time > b.cost.time;
    if (a.rule != b.rule) return a.rule < b.rule;
    return a.kind < b.kind;
  });
  return rows;
}

std::string RuleProfile::ToTsv() const {
  std::string tsv =
      "rule\tkind\tsearches\tmatches\ttotal_ms\tus_per_search\tdefined_at\n";
  for (const Row& row : Rows()) {
    double micros =
        std::chrono::duration<double, std::micro>(row.cost.time).count();
    absl::StrAppendFormat(&tsv, "%s\t%s\t%d\t%d\t%.3f\t%.2f\t%s\n", row.rule,
                          row.kind, row.cost.searches, row.cost.matches,
                          micros / 1000, micros / row.cost.searches,
                          row.defined_at);
  }
  return tsv;
}

}  // namespace claims
