// `claims figures`: every figure in articles, one JSON object per line.
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "claims/figures.h"
#include "claims/json_writer.h"
#include "tools/cli.h"
#include "tools/command.h"

namespace claims::cli {
namespace {

int RunFigures(const std::vector<std::string>& inputs, std::ostream& out,
               std::ostream& err) {
  if (inputs.empty()) {
    err << "claims figures: no input: give FILE... or - for stdin\n"
           "Run `claims figures --help` for usage.\n";
    return kExitUsage;
  }
  absl::StatusOr<const RuleSet*> rules = LoadRules();
  if (!rules.ok()) return ReportError(rules.status(), err);
  const FigureExtractor extractor(**rules);
  absl::StatusOr<InputSummary> summary = ForEachInput(
      inputs, /*recurse_directories=*/false, err, [&](InputDocument& input) {
        std::vector<Figure> figures;
        extractor.Extract(input.text, input.document.body_begin(),
                          input.text.size(), input.document.date(), &figures);
        for (const Figure& figure : figures) {
          out << MessageToJson(figure) << "\n";
        }
        out.flush();
        return out ? absl::OkStatus()
                   : absl::UnavailableError("cannot write to standard output");
      });
  if (!summary.ok()) return ReportError(summary.status(), err);
  return summary->errors > 0 ? kExitUsage : kExitOk;
}

}  // namespace

extern const Command kFiguresCommand = {
    "figures",
    "[flags] FILE... | -",
    "List every figure (number, amount, percentage, range, date) in articles.",
    "Reads each FILE (\"-\" is standard input) and writes one claims.Figure\n"
    "per line, in the proto3 JSON mapping, in text order and input order:\n"
    "  {\"text\":\"More than 100,000 people\",\"span\":{\"begin\":0,\"end\":24},\n"
    "   \"kind\":\"COUNT\",\"value\":100000,\"unit\":\"people\",...}\n"
    "Spans are byte offsets into the article as given. Relative dates\n"
    "(\"last Tuesday\") are resolved against the article's date (front\n"
    "matter \"# Date:\" or the JSONL \"date\"); without one their\n"
    "normalizedDate is left out. Unlike `claims extract`, this reports\n"
    "figures anywhere in the article, not only inside claims.\n"
    "\n"
    "Exit status: 0 when every input was read; 2 when some input could not\n"
    "be read, on bad flags, or when a rule pack does not load.",
    {"input_format", "rules", "pattern_memory_mb"},
    RunFigures,
};

}  // namespace claims::cli
