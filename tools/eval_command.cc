// `claims eval`: runs the extractor over a gold set and scores it.
#include <algorithm>
#include <array>
#include <memory>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "claims/eval.h"
#include "claims/extractor.h"
#include "tools/cli.h"
#include "tools/command.h"

ABSL_FLAG(std::string, gold, "",
          "The gold set: DIR/text/*.txt and DIR/attributions/*.ann (brat).");
ABSL_FLAG(int, misses, 0,
          "List the first N attribution misses and the first N false "
          "positives.");

namespace claims::cli {
namespace {

// The extractor returned a span outside its text: a bug, not bad input.
constexpr int kExitExtractorBug = 1;
// Longest role text shown in the text listing, in bytes.
constexpr size_t kListedTextBytes = 160;

// (reason, count) for the attribution errors, in the order of ErrorReason,
// leaving out reasons with no errors.
std::vector<std::pair<absl::string_view, int>> CountReasons(
    const std::vector<EvalError>& errors) {
  std::vector<std::pair<absl::string_view, int>> counts;
  for (ErrorReason reason : {ErrorReason::kCue, ErrorReason::kContent,
                             ErrorReason::kSource, ErrorReason::kTaken}) {
    const int count = static_cast<int>(
        std::count_if(errors.begin(), errors.end(), [&](const EvalError& e) {
          return e.role == EvalRole::kAttribution && e.reason == reason;
        }));
    if (count > 0) counts.emplace_back(ErrorReasonName(reason), count);
  }
  return counts;
}

std::vector<const EvalError*> FirstAttributionErrors(
    const std::vector<EvalError>& errors, int limit) {
  std::vector<const EvalError*> first;
  for (const EvalError& error : errors) {
    if (static_cast<int>(first.size()) >= limit) break;
    if (error.role == EvalRole::kAttribution) first.push_back(&error);
  }
  return first;
}

int CountAttributionErrors(const std::vector<EvalError>& errors) {
  return static_cast<int>(
      std::count_if(errors.begin(), errors.end(), [](const EvalError& e) {
        return e.role == EvalRole::kAttribution;
      }));
}

// The roles of an attribution error in reading order, with their names.
std::array<std::pair<const char*, const SpanText*>, 3> NamedRoles(
    const EvalError& error) {
  return {{{"source", &error.source},
           {"cue", &error.cue},
           {"content", &error.content}}};
}

// `text` cut to at most `limit` bytes on a UTF-8 boundary, marked with "…".
std::string Shorten(const std::string& text, size_t limit) {
  if (text.size() <= limit) return text;
  size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
    --cut;
  }
  return text.substr(0, cut) + "…";
}

std::string SpanLabel(const Fragments& span) {
  return absl::StrJoin(span, ";", [](std::string* out, const ByteRange& r) {
    absl::StrAppend(out, r.begin, "-", r.end);
  });
}

void PrintTable(absl::string_view title, const RoleCounts& counts,
                std::ostream& out) {
  out << absl::StrFormat("%-14s %6s %9s %7s %9s %7s %7s\n", title, "gold",
                         "predicted", "matched", "precision", "recall", "F1");
  for (EvalRole role : kEvalRoles) {
    const Counts& c = counts.of(role);
    out << absl::StrFormat("%-14s %6d %9d %7d %9.3f %7.3f %7.3f\n",
                           EvalRoleName(role), c.gold, c.predicted, c.matched,
                           c.precision(), c.recall(), c.f1());
  }
}

void PrintErrors(absl::string_view title, const std::vector<EvalError>& errors,
                 int limit, std::ostream& out) {
  const std::vector<const EvalError*> listed =
      FirstAttributionErrors(errors, limit);
  out << "\n" << title << " (" << listed.size() << " of "
      << CountAttributionErrors(errors) << "):\n";
  for (const EvalError* error : listed) {
    out << "  " << error->document << " " << error->id
        << "  failed on: " << ErrorReasonName(error->reason) << "\n";
    for (const auto& [name, span_text] : NamedRoles(*error)) {
      if (span_text->span.empty()) continue;
      out << absl::StrFormat("    %-8s %-12s %s\n", name,
                             SpanLabel(span_text->span),
                             Shorten(span_text->text, kListedTextBytes));
    }
  }
}

void PrintText(const std::string& gold_dir, const EvalReport& report,
               int misses, std::ostream& out) {
  out << "gold: " << gold_dir << " (" << report.documents << " documents)\n\n";
  PrintTable("overlap match", report.overlap, out);
  out << "\n";
  PrintTable("exact match", report.exact, out);
  auto reasons = [](const std::vector<EvalError>& errors) -> std::string {
    const auto counts = CountReasons(errors);
    if (counts.empty()) return "none";
    return absl::StrJoin(counts, ", ", absl::PairFormatter(" "));
  };
  out << "\nattribution misses by failing role: " << reasons(report.misses)
      << "\nfalse positives by failing role:    "
      << reasons(report.false_positives) << "\n";
  if (misses > 0) {
    PrintErrors("misses", report.misses, misses, out);
    PrintErrors("false positives", report.false_positives, misses, out);
  }
}

// `text` as a JSON string literal. UTF-8 passes through unchanged.
std::string JsonString(absl::string_view text) {
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      quoted += '\\';
      quoted += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      absl::StrAppendFormat(&quoted, "\\u%04x", c);
    } else {
      quoted += c;
    }
  }
  quoted += '"';
  return quoted;
}

// {"cue": {"gold": 1, ...}, ...}, keys in a fixed order so runs diff cleanly.
std::string CountsJson(const RoleCounts& counts) {
  std::vector<std::string> roles;
  for (EvalRole role : kEvalRoles) {
    const Counts& c = counts.of(role);
    roles.push_back(absl::StrFormat(
        "\n    %s: {\"gold\": %d, \"predicted\": %d, \"matched\": %d, "
        "\"precision\": %.4f, \"recall\": %.4f, \"f1\": %.4f}",
        JsonString(EvalRoleName(role)), c.gold, c.predicted, c.matched,
        c.precision(), c.recall(), c.f1()));
  }
  return absl::StrCat("{", absl::StrJoin(roles, ","), "\n  }");
}

std::string ReasonsJson(const std::vector<EvalError>& errors) {
  return absl::StrCat(
      "{",
      absl::StrJoin(CountReasons(errors), ", ",
                    [](std::string* out, const auto& reason_count) {
                      absl::StrAppend(out, JsonString(reason_count.first),
                                      ": ", reason_count.second);
                    }),
      "}");
}

std::string ErrorsJson(const std::vector<EvalError>& errors, int limit) {
  std::vector<std::string> items;
  for (const EvalError* error : FirstAttributionErrors(errors, limit)) {
    std::string item = absl::StrCat(
        "{\"document\": ", JsonString(error->document),
        ", \"id\": ", JsonString(error->id),
        ", \"failed_on\": ", JsonString(ErrorReasonName(error->reason)));
    for (const auto& [name, span_text] : NamedRoles(*error)) {
      if (span_text->span.empty()) continue;
      absl::StrAppend(
          &item, ", ", JsonString(name), ": {\"span\": [",
          absl::StrJoin(span_text->span, ", ",
                        [](std::string* out, const ByteRange& r) {
                          absl::StrAppend(out, "[", r.begin, ", ", r.end, "]");
                        }),
          "], \"text\": ", JsonString(span_text->text), "}");
    }
    items.push_back(item + "}");
  }
  if (items.empty()) return "[]";
  return absl::StrCat("[\n    ", absl::StrJoin(items, ",\n    "), "\n  ]");
}

void PrintJson(const std::string& gold_dir, const EvalReport& report,
               int misses, std::ostream& out) {
  out << "{\n  \"gold\": " << JsonString(gold_dir)
      << ",\n  \"documents\": " << report.documents
      << ",\n  \"overlap\": " << CountsJson(report.overlap)
      << ",\n  \"exact\": " << CountsJson(report.exact)
      << ",\n  \"misses_by_failing_role\": " << ReasonsJson(report.misses)
      << ",\n  \"false_positives_by_failing_role\": "
      << ReasonsJson(report.false_positives)
      << ",\n  \"misses\": " << ErrorsJson(report.misses, misses)
      << ",\n  \"false_positives\": "
      << ErrorsJson(report.false_positives, misses) << "\n}\n";
}

int RunEval(const std::vector<std::string>& args, std::ostream& out,
            std::ostream& err) {
  const std::string gold_dir = absl::GetFlag(FLAGS_gold);
  const int misses = absl::GetFlag(FLAGS_misses);
  const std::string report_format = absl::GetFlag(FLAGS_report_format);
  std::string problem;
  if (!args.empty()) {
    problem = absl::StrCat("unexpected argument \"", args[0], "\"");
  } else if (gold_dir.empty()) {
    problem = "--gold=DIR is required";
  } else if (misses < 0) {
    problem = "--misses must not be negative";
  } else if (report_format != "text" && report_format != "json") {
    problem = absl::StrCat("--report_format is text or json, not \"",
                           report_format, "\"");
  }
  if (!problem.empty()) {
    err << "claims eval: " << problem
        << "\nRun `claims eval --help` for usage.\n";
    return kExitUsage;
  }
  absl::StatusOr<std::vector<GoldDocument>> gold = ReadGoldDirectory(gold_dir);
  if (!gold.ok()) return ReportError(gold.status(), err);
  absl::StatusOr<const RuleSet*> rules = LoadRules();
  if (!rules.ok()) return ReportError(rules.status(), err);
  const Extractor extractor(**rules);
  Evaluator evaluator;
  for (const GoldDocument& document : *gold) {
    Document predicted = document.document;
    extractor.Extract(document.text, &predicted);
    if (absl::Status added = evaluator.Add(document, predicted); !added.ok()) {
      err << "claims eval: extractor output: " << added.message() << "\n";
      return kExitExtractorBug;
    }
  }
  if (report_format == "json") {
    PrintJson(gold_dir, evaluator.report(), misses, out);
  } else {
    PrintText(gold_dir, evaluator.report(), misses, out);
  }
  return kExitOk;
}

}  // namespace

extern const Command kEvalCommand = {
    "eval",
    "--gold=DIR [flags]",
    "Score the extractor against gold attribution annotations.",
    "Runs the extractor over every DIR/text/*.txt and compares its claims\n"
    "with DIR/attributions/*.ann (brat standoff: Source, Cue and Content\n"
    "spans tied together by E lines). Prints precision, recall and F1 for\n"
    "cues, sources (the claim's speaker), contents and whole attributions,\n"
    "with overlap matching, then with exact matching; then how many\n"
    "unmatched attributions failed on each role. The matching rules are\n"
    "documented in claims/eval.h.\n"
    "\n"
    "Exit status: 0 when scored; 2 on bad flags, an unreadable or malformed\n"
    "gold set, or a rule pack that does not load; 1 when the extractor\n"
    "returns a span outside its text.",
    {"gold", "rules", "pattern_memory_mb", "misses", "report_format"},
    RunEval,
};

}  // namespace claims::cli
