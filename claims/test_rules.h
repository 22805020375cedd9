// Rule sets for tests: the small frozen pack that engine tests use, and the
// built-in packs that rule-behaviour tests use. Paths are relative to the
// repository root, where both builds run tests.
#ifndef CLAIMS_TEST_RULES_H_
#define CLAIMS_TEST_RULES_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "claims/rule_set.h"

namespace claims {

// testdata/rules/engine_pack.textproto, loaded once. Aborts the test binary
// with the loader's message if the pack does not load.
const RuleSet& EngineTestRules();

// DefaultRulePacks(), loaded once.
const RuleSet& BuiltinRules();

// A rule pack written in a test, alone, as file "pack.textproto" (the name
// load errors give).
absl::StatusOr<std::unique_ptr<RuleSet>> LoadPackText(const std::string& pack);

}  // namespace claims

#endif  // CLAIMS_TEST_RULES_H_
