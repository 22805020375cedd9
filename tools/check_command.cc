// `claims check`: the figures of an article against reference documents.
#include <ostream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "claims/check.h"
#include "claims/report_view.h"
#include "tools/cli.h"
#include "tools/command.h"
#include "tools/compare_cli.h"

ABSL_FLAG(std::vector<std::string>, reference, {},
          "A reference document to check against; repeatable.");

namespace claims::cli {
namespace {

int RunCheck(const std::vector<std::string>& inputs, std::ostream& out,
             std::ostream& err) {
  const std::vector<std::string> reference_paths =
      absl::GetFlag(FLAGS_reference);
  if (inputs.size() != 1 || reference_paths.empty()) {
    err << "claims check: give one ARTICLE and at least one --reference=DOC\n"
           "Run `claims check --help` for usage.\n";
    return kExitUsage;
  }
  absl::StatusOr<const RuleSet*> rules = LoadRules();
  if (!rules.ok()) return ReportError(rules.status(), err);
  absl::StatusOr<std::vector<DiffInput>> article =
      ReadAndExtract(inputs, **rules, err);
  if (!article.ok()) return ReportError(article.status(), err);
  absl::StatusOr<std::vector<DiffInput>> references =
      ReadAndExtract(reference_paths, **rules, err);
  if (!references.ok()) return ReportError(references.status(), err);
  const CheckReport report =
      Checker(**rules, DiffOptionsFromFlags(), CheckOptions())
          .Check(article->front(), *references);
  absl::Status written = WriteReport(
      report, [&](bool color) { return CheckSummary(report, color); },
      [&] { return CheckHtml(report); }, out);
  if (!written.ok()) return ReportError(written, err);
  return report.contradicted_count() > 0 ? kExitFindings : kExitOk;
}

}  // namespace

extern const Command kCheckCommand = {
    "check",
    "[flags] ARTICLE --reference=DOC...",
    "Check an article's figures against reference documents.",
    "For each figure in ARTICLE, finds the most similar reference statement\n"
    "with a figure of the same kind and unit and reports SUPPORTED,\n"
    "CONTRADICTED or NOT_FOUND, citing the reference statement and the\n"
    "qualifier logic: \"more than 100,000\" is supported by 107,543 and\n"
    "contradicted by 98,000; \"nearly 100,000\" is contradicted by 107,543.\n"
    "\n"
    "Output: a summary for people (default), the claims.CheckReport as JSON,\n"
    "or a self-contained HTML page.\n"
    "\n"
    "Exit status: 0 when nothing is contradicted, 1 when something is, 2 on\n"
    "trouble (bad flags, an unreadable input, a rule pack that does not\n"
    "load).",
    {"reference", "report_format", "threshold", "color", "input_format",
     "rules", "pattern_memory_mb"},
    RunCheck,
};

}  // namespace claims::cli
