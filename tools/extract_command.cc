// `claims extract`: articles in, one Document with its claims out per article.
#include <cstdio>
#include <fstream>
#include <memory>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "claims/extractor.h"
#include "claims/rule_profile.h"
#include "tools/cli.h"
#include "tools/command.h"
#include "tools/extraction_pool.h"
#include "tools/progress.h"

ABSL_FLAG(bool, include_text, false,
          "Copy each document's text into Document.text, so the output alone "
          "shows\nwhat every span points at.");

ABSL_FLAG(std::string, rule_profile, "",
          "After the run, write to this file what each rule's searches cost,\n"
          "the costliest first, as tab-separated values: rule id, kind,\n"
          "searches, matches, total ms, microseconds per search and where\n"
          "the rule is defined. Timing adds a few percent to the run.");

namespace claims::cli {
namespace {

// What `claims extract` keeps of a document once a worker thread has
// extracted and encoded it (and freed the rest); the reading thread then
// only writes the bytes, in input order. Encoding on the writing thread
// instead kept two threads at 1.68x to 1.71x one (Kremlin corpus, 2 cores,
// three series), against 1.77x to 1.91x.
struct Encoded {
  size_t text_bytes = 0;
  absl::Status status;  // of Encode: a failure is reported in order
  std::string bytes;
};

int RunExtract(const std::vector<std::string>& inputs, std::ostream& out,
               std::ostream& err) {
  if (inputs.empty()) {
    err << "claims extract: no input: give FILE... or - for stdin\n"
           "Run `claims extract --help` for usage.\n";
    return kExitUsage;
  }
  const int threads = ThreadsOrCores(absl::GetFlag(FLAGS_threads));
  absl::StatusOr<const RuleSet*> rules = LoadRules(threads);
  if (!rules.ok()) return ReportError(rules.status(), err);
  const Extractor extractor(**rules);
  const std::string profile_path = absl::GetFlag(FLAGS_rule_profile);
  std::ofstream profile_file;
  std::unique_ptr<RuleProfile> profile;
  if (!profile_path.empty()) {
    // Opened before the run, so a bad path fails at once, not at the end.
    profile_file.open(profile_path, std::ios::binary | std::ios::trunc);
    if (!profile_file) {
      err << "claims extract: cannot write --rule_profile=" << profile_path
          << "\n";
      return kExitUsage;
    }
    profile = std::make_unique<RuleProfile>();
  }
  std::unique_ptr<DocumentWriter> writer = OpenWriter(&out);
  const bool include_text = absl::GetFlag(FLAGS_include_text);
  ProgressLine progress(stderr, TotalInputBytes(inputs));
  ExtractionPool<Encoded> extraction(
      extractor, threads,
      [&](InputDocument& input) {
        Encoded encoded;
        encoded.text_bytes = input.text.size();
        if (include_text) input.document.set_text(std::move(input.text));
        encoded.status = writer->Encode(input.document, &encoded.bytes);
        return encoded;
      },
      profile.get());
  auto write = [&](Encoded& encoded) -> absl::Status {
    progress.Add(1, encoded.text_bytes);
    if (!encoded.status.ok()) return encoded.status;
    return writer->WriteEncoded(encoded.bytes);
  };
  absl::StatusOr<InputSummary> summary = ForEachInput(
      inputs, /*recurse_directories=*/false, err, [&](InputDocument& input) {
        return extraction.Add(std::move(input), write);
      });
  absl::Status finished =
      summary.ok() ? extraction.Finish(write) : summary.status();
  if (finished.ok()) finished = writer->Finish();
  progress.Finish();
  if (!finished.ok()) return ReportError(finished, err);
  if (profile != nullptr && !(profile_file << profile->ToTsv() << std::flush)) {
    err << "claims extract: cannot write --rule_profile=" << profile_path
        << "\n";
    return kExitUsage;
  }
  return summary->errors > 0 ? kExitUsage : kExitOk;
}

}  // namespace

extern const Command kExtractCommand = {
    "extract",
    "[flags] FILE... | -",
    "Find the attributed claims in articles; write one Document per article.",
    "Reads each FILE (\"-\" is standard input) and writes one claims.Document\n"
    "per article to standard output, in input order: speaker, cue,\n"
    "content, source, figures and hedges of every claim, each with byte\n"
    "spans into the article as given. Articles are extracted in batches of\n"
    "up to 32 (or 256 KB), each stage across the batch at once, which is\n"
    "faster; a batch is written as soon as it is done.\n"
    "\n"
    "An input that cannot be read (missing, a directory, binary, not UTF-8,\n"
    "a bad JSONL line) is reported as `claims: PATH: problem` on standard\n"
    "error and skipped; the rest is still processed.\n"
    "\n"
    "With --threads=N, N batches are extracted at once (default: one per\n"
    "core) while reading and writing go on; the output is the same, in input\n"
    "order. On a terminal, standard error shows progress: documents, MB,\n"
    "MB/s and the time left.\n"
    "\n"
    "With --rule_profile=FILE, FILE gets the time each rule took, for\n"
    "authors of rule packs: one rule can cost more than fifty others.\n"
    "\n"
    "Exit status: 0 when every input was read; 2 when some input could not\n"
    "be read, on bad flags, or when a rule pack does not load.",
    {"format", "input_format", "rules", "pattern_memory_mb", "include_text",
     "threads", "rule_profile"},
    RunExtract,
};

}  // namespace claims::cli
