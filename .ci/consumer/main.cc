// Loads the rule packs compiled into the library, then the packs in the
// directory given as the only argument (the installed copies, or the sources),
// and checks that both define the same rules with the same patterns.
#include <cstdio>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "claims/rule_set.h"

namespace {

using RuleList = std::vector<std::pair<std::string, std::string>>;

// (id, expanded pattern) of every rule in pack order, or an error message.
absl::StatusOr<RuleList> LoadRules(
    const std::vector<claims::RulePackSource>& builtin,
    const std::vector<std::string>& dirs) {
  absl::StatusOr<std::unique_ptr<claims::RuleSet>> rules =
      claims::RuleSet::Load(builtin, dirs);
  if (!rules.ok()) return rules.status();
  RuleList list;
  for (const auto& rule : (*rules)->all()) {
    list.emplace_back(rule->rule.id(), rule->expanded_pattern);
  }
  return list;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s RULES_DIR\n", argv[0]);
    return 2;
  }
  const std::vector<claims::RulePackSource> packs = claims::DefaultRulePacks();
  const absl::StatusOr<RuleList> builtin = LoadRules(packs, {});
  const absl::StatusOr<RuleList> on_disk = LoadRules({}, {argv[1]});
  for (const auto* result : {&builtin, &on_disk}) {
    if (!result->ok()) {
      std::fprintf(stderr, "%s\n", result->status().ToString().c_str());
      return 1;
    }
  }
  std::printf("built in: %zu packs, %zu rules; %s: %zu rules\n", packs.size(),
              builtin->size(), argv[1], on_disk->size());
  if (builtin->empty() || *builtin != *on_disk) {
    std::fprintf(stderr, "the built-in rules differ from %s\n", argv[1]);
    return 1;
  }
  return 0;
}
