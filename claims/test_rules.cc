#include "claims/test_rules.h"

#include <cstdio>
#include <cstdlib>

namespace claims {
namespace {

const RuleSet& LoadOrDie(const std::vector<RulePackSource>& builtin,
                         const std::vector<std::string>& dirs) {
  auto rules = RuleSet::Load(builtin, dirs);
  if (!rules.ok()) {
    std::fprintf(stderr, "test rules do not load: %s\n",
                 std::string(rules.status().message()).c_str());
    std::abort();
  }
  return *rules->release();
}

}  // namespace

const RuleSet& EngineTestRules() {
  static const RuleSet& rules = LoadOrDie({}, {"testdata/rules"});
  return rules;
}

const RuleSet& BuiltinRules() {
  static const RuleSet& rules = LoadOrDie(DefaultRulePacks(), {});
  return rules;
}

absl::StatusOr<std::unique_ptr<RuleSet>> LoadPackText(const std::string& pack) {
  return RuleSet::Load({{"pack.textproto", pack}}, {});
}

}  // namespace claims
