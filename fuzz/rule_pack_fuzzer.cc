// Rule-pack loading over arbitrary text: RuleSet::Load must return a rule set
// or a status, never crash or hang. A pack that loads is then run over a
// short news paragraph, so odd but valid rules (empty groups, patterns that
// match everywhere) reach the engine too.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "claims/extractor.h"
#include "claims/rule_set.h"
#include "fuzz/abort_on_span_problems.h"

namespace {

// The seeds are whole rule packs; larger inputs only slow pattern compiling.
constexpr size_t kMaxInputBytes = 32 * 1024;

constexpr char kParagraph[] =
    "The council voted 7-2 on Monday to fund the barrier, the mayor said.\n"
    "\u201cWe cannot wait for the next flood,\u201d said Dana Whitfield, the "
    "council leader. Shipping fell by about 12% last year, according to a "
    "report by the harbour authority. Officials, who asked not to be named "
    "because they were not authorised to speak, said talks may resume.";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxInputBytes) return 0;
  std::vector<claims::RulePackSource> packs = {
      {"fuzz.textproto",
       std::string(reinterpret_cast<const char*>(data), size)}};
  absl::StatusOr<std::unique_ptr<claims::RuleSet>> rules =
      claims::RuleSet::Load(packs, {});
  if (!rules.ok()) {
    // Errors name the pack they come from.
    if (rules.status().message().find("fuzz.textproto") ==
        absl::string_view::npos) {
      __builtin_trap();
    }
    return 0;
  }
  const claims::Extractor extractor(**rules);
  claims::Document doc;
  extractor.Extract(kParagraph, &doc);
  claims::AbortOnSpanProblems(doc, kParagraph);
  return 0;
}
