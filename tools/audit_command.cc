// `claims audit`: how a corpus attributes its claims, and where it leans on
// anonymous or missing sources.
#include <unistd.h>

#include <deque>
#include <iostream>
#include <ostream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "claims/audit.h"
#include "claims/audit_views.h"
#include "claims/document_io.h"
#include "claims/extractor.h"
#include "tools/cli.h"
#include "tools/command.h"
#include "tools/extraction_pool.h"

namespace claims::cli {
namespace {

// A progress line on a terminal, redrawn at most five times a second.
class Progress {
 public:
  explicit Progress(std::ostream& err)
      : err_(err), enabled_(&err == &std::cerr && isatty(STDERR_FILENO)) {}
  void Update(int64_t documents, const std::string& input) {
    if (!enabled_ || absl::Now() - last_ < absl::Milliseconds(200)) return;
    last_ = absl::Now();
    err_ << absl::StrFormat("\rclaims audit: %d documents (%s)\033[K",
                            documents, input)
         << std::flush;
  }
  void Done() {
    if (enabled_) err_ << "\r\033[K" << std::flush;
  }

 private:
  std::ostream& err_;
  const bool enabled_;
  absl::Time last_ = absl::InfinitePast();
};

int RunAudit(const std::vector<std::string>& inputs, std::ostream& out,
             std::ostream& err) {
  // text is a table for a terminal, csv one row per document, json a
  // claims.AuditReport, html a self-contained page.
  const std::string format = absl::GetFlag(FLAGS_report_format);
  if (format != "text" && format != "csv" && format != "json" &&
      format != "html") {
    err << "claims audit: --report_format must be text, csv, json or html, "
           "not \""
        << format << "\"\n";
    return kExitUsage;
  }
  if (inputs.empty()) {
    err << "claims audit: no input: give FILE, DIR or CORPUS.jsonl... or - "
           "for stdin\nRun `claims audit --help` for usage.\n";
    return kExitUsage;
  }
  const int threads = ThreadsOrCores(absl::GetFlag(FLAGS_threads));
  absl::StatusOr<const RuleSet*> rules = LoadRules(threads);
  if (!rules.ok()) return ReportError(rules.status(), err);
  const Extractor extractor(**rules);
  const Auditor auditor(**rules);
  AuditReportBuilder builder;
  Progress progress(err);
  int64_t documents = 0;
  // Audits are made on the threads that extract and added here in input
  // order; `input_of` holds the input of each document queued, in order.
  ExtractionPool<DocumentAudit> extraction(
      extractor, threads, [&](InputDocument& document) {
        return auditor.Audit(document.document, document.text);
      });
  std::deque<const std::string*> input_of;
  auto add = [&](DocumentAudit& audit) {
    builder.Add(std::move(audit), *input_of.front());
    progress.Update(++documents, *input_of.front());
    input_of.pop_front();
    return absl::OkStatus();
  };
  for (const std::string& input : inputs) {
    DocumentReader::Options options;
    options.format = absl::EndsWith(input, ".jsonl")
                         ? InputFormat::kJsonl
                         : absl::GetFlag(FLAGS_input_format);
    options.recurse_directories = true;
    DocumentReader reader({input}, options);
    absl::StatusOr<InputDocument> document;
    while (reader.Next(&document)) {
      if (!document.ok()) {
        builder.AddInputError();
        err << "claims: " << document.status().message() << "\n";
        continue;
      }
      input_of.push_back(&input);
      absl::Status added = extraction.Add(*std::move(document), add);
      if (!added.ok()) return ReportError(added, err);
    }
  }
  absl::Status finished = extraction.Finish(add);
  if (!finished.ok()) return ReportError(finished, err);
  progress.Done();
  const AuditReport report = std::move(builder).Finish();
  if (format == "text") {
    WriteAuditTable(report, out);
  } else if (format == "csv") {
    WriteAuditCsv(report, out);
  } else if (format == "html") {
    WriteAuditHtml(report, out);
  } else if (absl::Status written = WriteAuditJson(report, out);
             !written.ok()) {
    return ReportError(written, err);
  }
  out.flush();
  if (!out) return ReportError(absl::UnavailableError("cannot write output"), err);
  return report.input_errors() > 0 ? kExitUsage : kExitOk;
}

}  // namespace

extern const Command kAuditCommand = {
    "audit",
    "[flags] FILE|DIR|CORPUS.jsonl... | -",
    "Audit anonymous and unattributed claims across documents or a corpus.",
    "Extracts the claims of every document and reports, per document, per\n"
    "outlet (when front matter names one), per input and in aggregate:\n"
    "claims by speaker class (named person, named organization, anonymous,\n"
    "unattributed, other), anonymous sources by family, the reasons given\n"
    "for anonymity, and flags: a bare \"a source\", anonymity with no reason,\n"
    "an anonymous source giving opinion, a figure only anonymous sources\n"
    "support, a figure with no source. See claims/audit.h.\n"
    "\n"
    "Folders are read recursively (*.txt, or *.jsonl with\n"
    "--input_format=jsonl); an input whose name ends in .jsonl is always\n"
    "read as JSONL. On a terminal, progress is shown on standard error.\n"
    "With --threads=N, N batches of documents are extracted at once\n"
    "(default: one per core); the report is the same.\n"
    "\n"
    "Exit status: 0 when every input was read; 2 when some input could not\n"
    "be read (the report covers the rest), on bad flags, or when a rule pack\n"
    "does not load.",
    {"report_format", "input_format", "rules", "pattern_memory_mb", "threads"},
    RunAudit,
};

}  // namespace claims::cli
