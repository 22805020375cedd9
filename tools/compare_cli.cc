#include "tools/compare_cli.h"

#include <unistd.h>

#include <utility>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "claims/extractor.h"
#include "claims/json_writer.h"
#include "tools/cli.h"

ABSL_FLAG(double, threshold, claims::DiffOptions().threshold,
          "Similarity in [0, 1] two statements need to be aligned; lower\n"
          "aligns more loosely.");
ABSL_FLAG(std::string, color, "auto",
          "auto, always or never: colour the summary (auto: when standard\n"
          "output is a terminal).");

namespace claims::cli {

absl::StatusOr<std::vector<DiffInput>> ReadAndExtract(
    const std::vector<std::string>& inputs, const RuleSet& rules,
    std::ostream& err) {
  const Extractor extractor(rules);
  std::vector<DiffInput> documents;
  absl::StatusOr<InputSummary> summary = ForEachInput(
      inputs, /*recurse_directories=*/false, err, [&](InputDocument& input) {
        DiffInput& document = documents.emplace_back();
        extractor.Extract(input.text, &input.document);
        document.document = std::move(input.document);
        document.text = std::move(input.text);
        return absl::OkStatus();
      });
  if (!summary.ok()) return summary.status();
  if (summary->errors > 0) {
    return absl::InvalidArgumentError(
        absl::StrCat(summary->errors, " input(s) could not be read"));
  }
  return documents;
}

DiffOptions DiffOptionsFromFlags() {
  DiffOptions options;
  options.threshold = absl::GetFlag(FLAGS_threshold);
  return options;
}

absl::Status WriteReport(const google::protobuf::Message& report,
                         const std::function<std::string(bool)>& summary,
                         const std::function<std::string()>& html,
                         std::ostream& out) {
  const std::string format = absl::GetFlag(FLAGS_report_format);
  const std::string color = absl::GetFlag(FLAGS_color);
  if (color != "auto" && color != "always" && color != "never") {
    return absl::InvalidArgumentError(
        absl::StrCat("--color: expected auto, always or never, got ", color));
  }
  if (format == "text") {
    out << summary(color == "always" ||
                   (color == "auto" && isatty(STDOUT_FILENO)));
  } else if (format == "html") {
    out << html();
  } else if (format == "json") {
    out << MessageToJson(report, JsonStyle::kIndented) << '\n';
  } else {
    return absl::InvalidArgumentError(absl::StrCat(
        "--report_format: expected text, json or html, got ", format));
  }
  out.flush();
  return absl::OkStatus();
}

}  // namespace claims::cli
