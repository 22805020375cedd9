#include "claims/rule_profile.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_format.h"
#include "claims/rule_set.h"

namespace claims {
namespace {

thread_local RuleProfile::Costs* recorded_costs = nullptr;

}  // namespace

RuleProfile::Recording::Recording(RuleProfile* profile) : profile_(profile) {
  recorded_costs = &costs_;
}

RuleProfile::Recording::~Recording() {
  recorded_costs = nullptr;
  profile_->Add(costs_);
}

RuleProfile::Costs* RuleProfile::Recorded() { return recorded_costs; }

void RuleProfile::Add(const Costs& costs) {
  absl::MutexLock lock(&mutex_);
  for (const auto& [rule, cost] : costs) {
    RuleCost& total = costs_[rule];
    total.searches += cost.searches;
    total.matches += cost.matches;
    total.time += cost.time;
  }
}

std::vector<std::pair<const CompiledRule*, RuleCost>> RuleProfile::Rows()
    const {
  std::vector<std::pair<const CompiledRule*, RuleCost>> rows;
  {
    absl::MutexLock lock(&mutex_);
    rows.assign(costs_.begin(), costs_.end());
  }
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    if (a.second.time != b.second.time) return a.second.time > b.second.time;
    return a.first->rule.id() < b.first->rule.id();
  });
  return rows;
}

std::string RuleProfile::ToTsv() const {
  std::string tsv =
      "rule\tkind\tsearches\tmatches\ttotal_ms\tus_per_search\tdefined_at\n";
  for (const auto& [rule, cost] : Rows()) {
    double micros =
        std::chrono::duration<double, std::micro>(cost.time).count();
    absl::StrAppendFormat(&tsv, "%s\t%s\t%d\t%d\t%.3f\t%.2f\t%s\n",
                          rule->rule.id(), RuleKind_Name(rule->rule.kind()),
                          cost.searches, cost.matches, micros / 1000,
                          micros / cost.searches, rule->location);
  }
  return tsv;
}

}  // namespace claims
