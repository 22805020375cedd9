// `claims extract`: articles in, one Document with its claims out per article.
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "absl/flags/flag.h"
#include "claims/extractor.h"
#include "tools/cli.h"
#include "tools/command.h"

ABSL_FLAG(bool, include_text, false,
          "Copy each document's text into Document.text, so the output alone "
          "shows\nwhat every span points at.");

namespace claims::cli {
namespace {

int RunExtract(const std::vector<std::string>& inputs, std::ostream& out,
               std::ostream& err) {
  if (inputs.empty()) {
    err << "claims extract: no input: give FILE... or - for stdin\n"
           "Run `claims extract --help` for usage.\n";
    return kExitUsage;
  }
  absl::StatusOr<std::unique_ptr<RuleSet>> rules = LoadRules();
  if (!rules.ok()) return ReportError(rules.status(), err);
  const Extractor extractor(**rules);
  std::unique_ptr<DocumentWriter> writer = OpenWriter(&out);
  const bool include_text = absl::GetFlag(FLAGS_include_text);
  absl::StatusOr<InputSummary> summary = ForEachInput(
      inputs, /*recurse_directories=*/false, err, [&](InputDocument& input) {
        extractor.Extract(input.text, &input.document);
        if (include_text) input.document.set_text(std::move(input.text));
        return writer->Write(input.document);
      });
  absl::Status finished = summary.ok() ? writer->Finish() : summary.status();
  if (!finished.ok()) return ReportError(finished, err);
  return summary->errors > 0 ? kExitUsage : kExitOk;
}

}  // namespace

extern const Command kExtractCommand = {
    "extract",
    "[flags] FILE... | -",
    "Find the attributed claims in articles; write one Document per article.",
    "Reads each FILE (\"-\" is standard input) and writes one claims.Document\n"
    "per article to standard output, as soon as it is done: speaker, cue,\n"
    "content, source, figures and hedges of every claim, each with byte\n"
    "spans into the article as given.\n"
    "\n"
    "An input that cannot be read (missing, a directory, binary, not UTF-8,\n"
    "a bad JSONL line) is reported as `claims: PATH: problem` on standard\n"
    "error and skipped; the rest is still processed.\n"
    "\n"
    "Exit status: 0 when every input was read; 2 when some input could not\n"
    "be read, on bad flags, or when a rule pack does not load.",
    {"format", "input_format", "rules", "include_text"},
    RunExtract,
};

}  // namespace claims::cli
