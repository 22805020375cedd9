// What `claims diff` and `claims check` share: reading documents and
// extracting their claims, and writing a report in one of three views.
//
// Flags (list the ones a subcommand uses in its Command::flags):
//   --threshold=X        similarity two statements need to be aligned
//                        (default 0.3; see claims/diff.h)
//   --report_format=F    text, json or html (default text; defined in
//                        tools/cli.cc and shared with `claims eval`). Not
//                        --format: that flag means the Document formats.
//   --color=WHEN         auto, always or never (default auto: colour when
//                        standard output is a terminal); summary only
#ifndef CLAIMS_TOOLS_COMPARE_CLI_H_
#define CLAIMS_TOOLS_COMPARE_CLI_H_

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "absl/flags/declare.h"
#include "absl/status/statusor.h"
#include "claims/diff.h"
#include "claims/rule_set.h"
#include "google/protobuf/message.h"

ABSL_DECLARE_FLAG(double, threshold);
ABSL_DECLARE_FLAG(std::string, color);

namespace claims::cli {

// Reads every input in --input_format and extracts its claims. Any input
// that cannot be read is an error: a comparison with a side missing would
// report everything as omitted.
absl::StatusOr<std::vector<DiffInput>> ReadAndExtract(
    const std::vector<std::string>& inputs, const RuleSet& rules,
    std::ostream& err);

// DiffOptions with --threshold.
DiffOptions DiffOptionsFromFlags();

// Writes `report` in --report_format: `summary(color)` for text, the proto3
// JSON mapping for json, `html()` for html.
absl::Status WriteReport(const google::protobuf::Message& report,
                         const std::function<std::string(bool)>& summary,
                         const std::function<std::string()>& html,
                         std::ostream& out);

}  // namespace claims::cli

#endif  // CLAIMS_TOOLS_COMPARE_CLI_H_
