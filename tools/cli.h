// What subcommands share: the common flags, loading rules, reading inputs and
// writing Documents. A subcommand that reads articles and writes Documents is
// then a few lines (see tools/extract_command.cc):
//
//   absl::StatusOr<const RuleSet*> rules = LoadRules();
//   if (!rules.ok()) return ReportError(rules.status(), err);
//   std::unique_ptr<DocumentWriter> writer = OpenWriter(&out);
//   absl::StatusOr<InputSummary> summary = ForEachInput(
//       args, /*recurse_directories=*/false, err,
//       [&](InputDocument& input) { ...; return writer->Write(doc); });
//
// Shared flags (list the ones a subcommand uses in its Command::flags):
//   --rules=DIR          extra rule-pack folders after the built-in packs;
//                        repeatable (default: none)
//   --format=FORMAT      Document output: jsonl, json, textproto, binpb
//                        (default: jsonl; see claims/output.h)
//   --input_format=FMT   text or jsonl (default: text; see
//                        claims/document_io.h)
//   --threads=N          threads that extract (default 0: one per core; see
//                        tools/extraction_pool.h)
#ifndef CLAIMS_TOOLS_CLI_H_
#define CLAIMS_TOOLS_CLI_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "absl/flags/declare.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "claims/document_io.h"
#include "claims/output.h"
#include "claims/rule_set.h"

namespace claims {
// Flag syntax for the formats: their names, as ParseOutputFormat and
// ParseInputFormat read them.
bool AbslParseFlag(absl::string_view text, OutputFormat* format,
                   std::string* error);
std::string AbslUnparseFlag(OutputFormat format);
bool AbslParseFlag(absl::string_view text, InputFormat* format,
                   std::string* error);
std::string AbslUnparseFlag(InputFormat format);
}  // namespace claims

ABSL_DECLARE_FLAG(std::vector<std::string>, rules);
ABSL_DECLARE_FLAG(claims::OutputFormat, format);
ABSL_DECLARE_FLAG(claims::InputFormat, input_format);
ABSL_DECLARE_FLAG(std::string, report_format);
ABSL_DECLARE_FLAG(int, threads);

namespace claims::cli {

// `threads` when positive, else one per core of the machine.
int ThreadsOrCores(int threads);

// The built-in rule packs, then every --rules folder, compiled on
// ThreadsOrCores(threads) threads. The rule set lives until the next call or
// the end of the process, which does not free it: a command ends the process,
// and freeing some 1,500 compiled patterns would add 25 ms, a tenth of a run
// over one article.
absl::StatusOr<const RuleSet*> LoadRules(int threads = 0);

// A writer in --format onto `out`.
std::unique_ptr<DocumentWriter> OpenWriter(std::ostream* out);

struct InputSummary {
  // Documents passed to the callback.
  int64_t documents = 0;
  // Inputs (files, directory listings, JSONL lines) that could not be read.
  int64_t errors = 0;
};

// Reads `inputs` ("-" is stdin) in --input_format and calls `process` for
// each document. An input that cannot be read is reported to `err` as
// "claims: PATH: problem" and skipped. Stops early only when `process` fails,
// returning its status.
absl::StatusOr<InputSummary> ForEachInput(
    const std::vector<std::string>& inputs, bool recurse_directories,
    std::ostream& err,
    const std::function<absl::Status(InputDocument&)>& process);

// Writes "claims: MESSAGE" to `err` and returns kExitUsage.
int ReportError(const absl::Status& status, std::ostream& err);

}  // namespace claims::cli

#endif  // CLAIMS_TOOLS_CLI_H_
