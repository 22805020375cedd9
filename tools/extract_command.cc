// `claims extract`: articles in, one Document with its claims out per article.
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <ostream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/flags/flag.h"
#include "claims/extractor.h"
#include "tools/cli.h"
#include "tools/command.h"
#include "tools/progress.h"

ABSL_FLAG(bool, include_text, false,
          "Copy each document's text into Document.text, so the output alone "
          "shows\nwhat every span points at.");

ABSL_FLAG(int, threads, 0,
          "Documents extracted at once (0: one per core). Output stays in "
          "input\norder.");

namespace claims::cli {
namespace {

// Documents read ahead and extracted together; enough to keep every thread
// busy, few enough that memory stays flat.
constexpr size_t kBatchDocuments = 64;

// Extracts each document of `batch` on up to `threads` threads; document i
// is written by whichever thread takes it, so the batch keeps input order.
void ExtractBatch(const Extractor& extractor, int threads,
                  std::vector<InputDocument>* batch) {
  auto extract = [&](InputDocument& input) {
    extractor.Extract(input.text, &input.document);
  };
  if (threads <= 1 || batch->size() <= 1) {
    for (InputDocument& input : *batch) extract(input);
    return;
  }
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < batch->size(); i = next++) extract((*batch)[i]);
  };
  std::vector<std::thread> helpers;
  int helper_count = static_cast<int>(
      std::min<size_t>(static_cast<size_t>(threads), batch->size())) - 1;
  for (int t = 0; t < helper_count; ++t) helpers.emplace_back(work);
  work();
  for (std::thread& helper : helpers) helper.join();
}

int ThreadCount() {
  int threads = absl::GetFlag(FLAGS_threads);
  if (threads > 0) return threads;
  return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

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
  const int threads = ThreadCount();
  ProgressLine progress(stderr, TotalInputBytes(inputs));
  std::vector<InputDocument> batch;
  auto flush = [&]() -> absl::Status {
    ExtractBatch(extractor, threads, &batch);
    for (InputDocument& input : batch) {
      progress.Add(1, input.text.size());
      if (include_text) input.document.set_text(std::move(input.text));
      absl::Status written = writer->Write(input.document);
      if (!written.ok()) return written;
    }
    batch.clear();
    return absl::OkStatus();
  };
  absl::StatusOr<InputSummary> summary = ForEachInput(
      inputs, /*recurse_directories=*/false, err, [&](InputDocument& input) {
        batch.push_back(std::move(input));
        return batch.size() < kBatchDocuments ? absl::OkStatus() : flush();
      });
  absl::Status finished = summary.ok() ? flush() : summary.status();
  if (finished.ok()) finished = writer->Finish();
  progress.Finish();
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
    "With --threads=N, N documents are extracted at once (default: one per\n"
    "core); the output is the same, in input order. On a terminal, standard\n"
    "error shows progress: documents, MB, MB/s and the time left.\n"
    "\n"
    "Exit status: 0 when every input was read; 2 when some input could not\n"
    "be read, on bad flags, or when a rule pack does not load.",
    {"format", "input_format", "rules", "include_text", "threads"},
    RunExtract,
};

}  // namespace claims::cli
