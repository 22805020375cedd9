// `claims diff`: how two or more documents describe the same event.
#include <ostream>
#include <string>
#include <vector>

#include "claims/diff.h"
#include "claims/report_view.h"
#include "tools/cli.h"
#include "tools/command.h"
#include "tools/compare_cli.h"

namespace claims::cli {
namespace {

int RunDiff(const std::vector<std::string>& inputs, std::ostream& out,
            std::ostream& err) {
  if (inputs.size() < 2) {
    err << "claims diff: give at least two documents: A B [C ...]\n"
           "Run `claims diff --help` for usage.\n";
    return kExitUsage;
  }
  absl::StatusOr<const RuleSet*> rules = LoadRules();
  if (!rules.ok()) return ReportError(rules.status(), err);
  absl::StatusOr<std::vector<DiffInput>> documents =
      ReadAndExtract(inputs, **rules, err);
  if (!documents.ok()) return ReportError(documents.status(), err);
  const DiffReport report =
      Differ(**rules, DiffOptionsFromFlags()).Diff(*documents);
  absl::Status written = WriteReport(
      report, [&](bool color) { return DiffSummary(report, color); },
      [&] { return DiffHtml(report); }, out);
  if (!written.ok()) return ReportError(written, err);
  return report.difference_count() > 0 ? kExitFindings : kExitOk;
}

}  // namespace

extern const Command kDiffCommand = {
    "diff",
    "[flags] A B [C ...]",
    "Compare how documents describe the same event; label each difference.",
    "Cuts each document into statements, aligns A's statements with B's (and\n"
    "then with C's, ...) by a similarity of their content words, names,\n"
    "figures and dates, and labels every aligned pair or lone statement:\n"
    "AGREE, ONLY_IN_A, ONLY_IN_B, FIGURE_CONFLICT, ATTRIBUTION_DIFFERENCE,\n"
    "HEDGE_DIFFERENCE, FRAMING or INITIATIVE, each with its explanation and\n"
    "similarity. Framing and initiative wording comes from the rule pack\n"
    "claims/rules/en/diff.textproto (add your own with --rules).\n"
    "\n"
    "Output: a summary for people (default), the claims.DiffReport as JSON,\n"
    "or a self-contained HTML page with the documents side by side.\n"
    "\n"
    "Exit status, as diff(1): 0 when there are no differences, 1 when there\n"
    "are, 2 on trouble (bad flags, an unreadable input, a rule pack that does\n"
    "not load).",
    {"report_format", "threshold", "color", "input_format", "rules",
     "pattern_memory_mb"},
    RunDiff,
};

}  // namespace claims::cli
