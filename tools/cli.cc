#include "tools/cli.h"

#include <algorithm>
#include <thread>

#include "absl/flags/flag.h"
#include "tools/command.h"

namespace claims {
namespace {

// Stores a parsed flag value, or its error for Abseil to report.
template <typename T>
bool StoreParsed(absl::StatusOr<T> parsed, T* value, std::string* error) {
  if (!parsed.ok()) {
    *error = std::string(parsed.status().message());
    return false;
  }
  *value = *parsed;
  return true;
}

}  // namespace

bool AbslParseFlag(absl::string_view text, OutputFormat* format,
                   std::string* error) {
  return StoreParsed(ParseOutputFormat(text), format, error);
}

std::string AbslUnparseFlag(OutputFormat format) {
  return std::string(OutputFormatName(format));
}

bool AbslParseFlag(absl::string_view text, InputFormat* format,
                   std::string* error) {
  return StoreParsed(ParseInputFormat(text), format, error);
}

std::string AbslUnparseFlag(InputFormat format) {
  return std::string(InputFormatName(format));
}

}  // namespace claims

ABSL_FLAG(std::vector<std::string>, rules, {},
          "A folder of rule packs (*.textproto) applied after the built-in "
          "packs;\na rule with an existing id replaces it.");
ABSL_FLAG(int32_t, pattern_memory_mb, 4,
          "RE2 memory of each rule pattern, 1 to 64 (MiB): mostly its DFA\n"
          "cache. Over a whole corpus 16 runs about 1.3x faster than 4 and\n"
          "peaks about 80 MB higher; over a few articles they are as fast.");
ABSL_FLAG(claims::OutputFormat, format, claims::OutputFormat::kJsonl,
          "Output: jsonl (one JSON Document per line), json (an array),\n"
          "textproto, or binpb (varint-length-delimited binary Documents).");
ABSL_FLAG(claims::InputFormat, input_format, claims::InputFormat::kText,
          "text: each FILE is one article (UTF-8; leading \"# Key: value\" "
          "lines are metadata);\njsonl: each line of each FILE is "
          "{\"id\", \"text\", \"title\", \"url\", \"date\"}.");
ABSL_FLAG(int, threads, 0,
          "Threads that extract, each a batch of documents at a time (0: one "
          "per\ncore). Output stays in input order.");
ABSL_FLAG(std::string, report_format, "text",
          "How a report is written: text (for people), json, html (a\n"
          "self-contained page; diff, check and audit), or csv (audit, one row\n"
          "per document).");

namespace claims::cli {

int ThreadsOrCores(int threads) {
  if (threads > 0) return threads;
  return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

absl::StatusOr<const RuleSet*> LoadRules(int threads) {
  RuleSetOptions options;
  options.compile_threads = ThreadsOrCores(threads);
  options.pattern_memory =
      int64_t{absl::GetFlag(FLAGS_pattern_memory_mb)} * (int64_t{1} << 20);
  absl::StatusOr<std::unique_ptr<RuleSet>> loaded =
      RuleSet::Load(DefaultRulePacks(), absl::GetFlag(FLAGS_rules), options);
  if (!loaded.ok()) return loaded.status();
  static std::unique_ptr<RuleSet>* const kLatest = new std::unique_ptr<RuleSet>;
  *kLatest = *std::move(loaded);
  return kLatest->get();
}

std::unique_ptr<DocumentWriter> OpenWriter(std::ostream* out) {
  return DocumentWriter::Create(absl::GetFlag(FLAGS_format), out);
}

absl::StatusOr<InputSummary> ForEachInput(
    const std::vector<std::string>& inputs, bool recurse_directories,
    std::ostream& err,
    const std::function<absl::Status(InputDocument&)>& process) {
  DocumentReader reader(
      inputs, {absl::GetFlag(FLAGS_input_format), recurse_directories});
  InputSummary summary;
  absl::StatusOr<InputDocument> input;
  while (reader.Next(&input)) {
    if (!input.ok()) {
      ++summary.errors;
      err << "claims: " << input.status().message() << "\n";
      continue;
    }
    ++summary.documents;
    absl::Status processed = process(*input);
    if (!processed.ok()) return processed;
  }
  return summary;
}

int ReportError(const absl::Status& status, std::ostream& err) {
  err << "claims: " << status.message() << "\n";
  return kExitUsage;
}

}  // namespace claims::cli
