#include "claims/audit_views.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "claims/json_writer.h"
#include "claims/report_view.h"

namespace claims {
namespace {

// Lower-case enum names for headings and CSV columns: "not_authorized".
std::string Lower(const std::string& name) { return absl::AsciiStrToLower(name); }

std::vector<AnonymityReasonCategory> ReasonCategories() {
  std::vector<AnonymityReasonCategory> categories;
  for (int i = AnonymityReasonCategory_MIN + 1; i <= AnonymityReasonCategory_MAX;
       ++i) {
    if (AnonymityReasonCategory_IsValid(i)) {
      categories.push_back(static_cast<AnonymityReasonCategory>(i));
    }
  }
  return categories;
}

std::vector<FlagKind> FlagKinds() {
  std::vector<FlagKind> kinds;
  for (int i = FlagKind_MIN + 1; i <= FlagKind_MAX; ++i) {
    if (FlagKind_IsValid(i)) kinds.push_back(static_cast<FlagKind>(i));
  }
  return kinds;
}

uint32_t ReasonClaims(const AuditCounts& counts,
                      AnonymityReasonCategory category) {
  for (const ReasonCount& reason : counts.reasons()) {
    if (reason.category() == category) return reason.claims();
  }
  return 0;
}

uint32_t FlagTotal(const AuditCounts& counts, FlagKind kind) {
  for (const FlagCount& flag : counts.flags()) {
    if (flag.kind() == kind) return flag.flags();
  }
  return 0;
}

uint32_t AllFlags(const AuditCounts& counts) {
  uint32_t total = 0;
  for (const FlagCount& flag : counts.flags()) total += flag.flags();
  return total;
}

double Share(uint32_t part, uint32_t total) {
  return total == 0 ? 0.0 : 100.0 * part / total;
}

// The four shares the chart and the group table show.
struct Shares {
  uint32_t named, anonymous, unattributed, other, total;
};
Shares SharesOf(const SpeakerClassCounts& speakers) {
  return {speakers.named_person() + speakers.named_organization(),
          speakers.anonymous(), speakers.unattributed(), speakers.other(),
          speakers.total()};
}

// ---- table

void WriteCountsTable(const AuditCounts& counts, std::ostream& out) {
  const SpeakerClassCounts& s = counts.speakers();
  out << absl::StrFormat("  %-26s %8s %7s\n", "speaker class", "claims",
                         "share");
  auto row = [&](absl::string_view name, uint32_t n) {
    out << absl::StrFormat("  %-26s %8u %6.1f%%\n", name, n,
                           Share(n, s.total()));
  };
  row("named person", s.named_person());
  row("named organization", s.named_organization());
  row("anonymous", s.anonymous());
  row("unattributed", s.unattributed());
  row("other", s.other());
  out << absl::StrFormat("  %-26s %8u\n", "total", s.total());
  if (s.from_transcript_turns() > 0) {
    out << absl::StrFormat("  (%u of them counted for a transcript label)\n",
                           s.from_transcript_turns());
  }
  if (!counts.anonymous_families().empty()) {
    out << absl::StrFormat("\n  %-32s %8s  %s\n", "anonymous family",
                           "claims", "e.g.");
    for (const AnonymousFamilyCount& family : counts.anonymous_families()) {
      out << absl::StrFormat("  %-32s %8u  %s\n", family.family(),
                             family.claims(),
                             absl::StrJoin(family.examples(), "; "));
    }
  }
  if (s.anonymous() > 0) {
    out << absl::StrFormat("\n  %-32s %8u\n  %-32s %8u\n",
                           "anonymous with a reason",
                           counts.anonymous_with_reason(),
                           "anonymous without a reason",
                           counts.anonymous_without_reason());
    for (const ReasonCount& reason : counts.reasons()) {
      out << absl::StrFormat(
          "    %-30s %8u\n",
          Lower(AnonymityReasonCategory_Name(reason.category())),
          reason.claims());
    }
  }
  out << absl::StrFormat("\n  %-32s %8s\n", "flag", "count");
  for (FlagKind kind : FlagKinds()) {
    out << absl::StrFormat("  %-32s %8u\n", Lower(FlagKind_Name(kind)),
                           FlagTotal(counts, kind));
  }
}

void WriteGroupsTable(absl::string_view heading,
                      const google::protobuf::RepeatedPtrField<GroupAudit>& groups,
                      std::ostream& out) {
  if (groups.empty()) return;
  out << "\n" << heading << "\n";
  out << absl::StrFormat("  %-40s %6s %7s %6s %6s %6s %6s %6s\n", "name",
                         "docs", "claims", "named", "anon", "unattr", "other",
                         "flags");
  for (const GroupAudit& group : groups) {
    const Shares s = SharesOf(group.counts().speakers());
    out << absl::StrFormat(
        "  %-40s %6u %7u %5.1f%% %5.1f%% %5.1f%% %5.1f%% %6u\n", group.name(),
        group.counts().documents(), s.total, Share(s.named, s.total),
        Share(s.anonymous, s.total), Share(s.unattributed, s.total),
        Share(s.other, s.total), AllFlags(group.counts()));
  }
}

// ---- csv

std::string CsvField(absl::string_view field) {
  if (field.find_first_of(",\"\n\r") == absl::string_view::npos) {
    return std::string(field);
  }
  std::string quoted = "\"";
  for (char c : field) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

// ---- html

// HTML-escapes a piece of text (claims/report_view.h does the work).
std::string Escape(absl::string_view text) {
  return HtmlEscape(std::string(text));
}

// Percent-encodes for a URL fragment (text fragments, "#:~:text=").
std::string UrlEncode(absl::string_view text) {
  std::string encoded;
  for (unsigned char c : text) {
    if (absl::ascii_isalnum(c) || c == '-' || c == '.' || c == '_' ||
        c == '~') {
      encoded += static_cast<char>(c);
    } else {
      encoded += absl::StrFormat("%%%02X", c);
    }
  }
  return encoded;
}

// A link to the flag's sentence: the document's path or URL with a text
// fragment made of the sentence's first words.
std::string SentenceLink(const DocumentAudit& doc, const Flag& flag) {
  const std::string& target = doc.path().empty() ? doc.document_id() : doc.path();
  std::vector<absl::string_view> words =
      absl::StrSplit(flag.sentence(), absl::ByAnyChar(" \t\r\n"),
                     absl::SkipEmpty());
  if (words.size() > 8) words.resize(8);
  return absl::StrCat(target, "#:~:text=", UrlEncode(absl::StrJoin(words, " ")));
}

// The sentence with the evidence marked, when it lies inside the excerpt.
std::string MarkedSentence(const Flag& flag) {
  const uint32_t base = flag.sentence_span().begin();
  const Span& evidence = flag.evidence_span();
  if (evidence.begin() < base || evidence.end() < evidence.begin() ||
      evidence.end() - base > flag.sentence().size()) {
    return Escape(flag.sentence());
  }
  absl::string_view sentence = flag.sentence();
  const size_t begin = evidence.begin() - base, end = evidence.end() - base;
  return absl::StrCat(Escape(sentence.substr(0, begin)), "<mark>",
                      Escape(sentence.substr(begin, end - begin)), "</mark>",
                      Escape(sentence.substr(end)));
}

struct Bar {
  std::string name;
  Shares shares;
};

constexpr const char* kClassColors[] = {"#2b6cb0", "#c53030", "#d69e2e",
                                        "#a0aec0"};
constexpr const char* kClassNames[] = {"named", "anonymous", "unattributed",
                                       "other"};

void WriteChart(const std::vector<Bar>& bars, std::ostream& out) {
  const int label_width = 260, bar_width = 560, row = 22;
  const int height = row * static_cast<int>(bars.size()) + 30;
  out << "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\""
      << label_width + bar_width + 70 << "\" height=\"" << height
      << "\" role=\"img\" aria-label=\"claims by speaker class\">\n";
  for (size_t i = 0; i < bars.size(); ++i) {
    const Bar& bar = bars[i];
    const int y = static_cast<int>(i) * row;
    std::string label = bar.name;
    if (label.size() > 40) label = "…" + label.substr(label.size() - 39);
    out << "<g class=\"bar\"><title>" << Escape(bar.name) << ": "
        << bar.shares.total << " claims</title>";
    out << "<text x=\"" << label_width - 6 << "\" y=\"" << y + 15
        << "\" text-anchor=\"end\">" << Escape(label) << "</text>";
    const uint32_t parts[] = {bar.shares.named, bar.shares.anonymous,
                              bar.shares.unattributed, bar.shares.other};
    double x = label_width;
    for (int k = 0; k < 4; ++k) {
      const double width =
          bar.shares.total == 0 ? 0 : bar_width * parts[k] / double(bar.shares.total);
      out << absl::StrFormat(
          "<rect class=\"%s\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" "
          "fill=\"%s\"><title>%s %u (%.1f%%)</title></rect>",
          kClassNames[k], x, y + 3, width, row - 6, kClassColors[k],
          kClassNames[k], parts[k], Share(parts[k], bar.shares.total));
      x += width;
    }
    out << "<text x=\"" << label_width + bar_width + 6 << "\" y=\"" << y + 15
        << "\">" << bar.shares.total << "</text></g>\n";
  }
  // Legend.
  const int legend_y = row * static_cast<int>(bars.size()) + 10;
  for (int k = 0; k < 4; ++k) {
    const int x = label_width + k * 130;
    out << absl::StrFormat(
        "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>"
        "<text x=\"%d\" y=\"%d\">%s</text>\n",
        x, legend_y, kClassColors[k], x + 16, legend_y + 11, kClassNames[k]);
  }
  out << "</svg>\n";
}

constexpr absl::string_view kCss = R"css(
body { font: 14px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 70em; color: #1a202c; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 2em; }
table { border-collapse: collapse; margin: .5em 0; }
th, td { padding: .2em .8em; border-bottom: 1px solid #e2e8f0; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
svg.chart text { font: 12px system-ui, sans-serif; fill: #2d3748; }
ol.flags li { margin: .6em 0; }
.kind { font-weight: 600; } .rule { color: #718096; font-family: monospace; }
mark { background: #fed7d7; }
.sentence { display: block; margin-top: .2em; }
)css";

void WriteHtmlCounts(const AuditCounts& counts, std::ostream& out) {
  const SpeakerClassCounts& s = counts.speakers();
  out << "<table class=\"classes\"><tr><th>speaker class</th><th>claims</th>"
         "<th>share</th></tr>\n";
  auto row = [&](absl::string_view name, uint32_t n) {
    out << absl::StrFormat(
        "<tr><td>%s</td><td class=\"n\">%u</td><td class=\"n\">%.1f%%</td></tr>\n",
        name, n, Share(n, s.total()));
  };
  row("named person", s.named_person());
  row("named organization", s.named_organization());
  row("anonymous", s.anonymous());
  row("unattributed", s.unattributed());
  row("other", s.other());
  row("total", s.total());
  out << "</table>\n";
  out << "<table class=\"families\"><tr><th>anonymous family</th><th>claims</th>"
         "<th>as written</th></tr>\n";
  for (const AnonymousFamilyCount& family : counts.anonymous_families()) {
    out << "<tr><td>" << Escape(family.family()) << "</td><td class=\"n\">"
        << family.claims() << "</td><td>"
        << Escape(absl::StrJoin(family.examples(), "; ")) << "</td></tr>\n";
  }
  out << "</table>\n<table class=\"reasons\"><tr><th>reason for anonymity</th>"
         "<th>claims</th></tr>\n";
  for (AnonymityReasonCategory category : ReasonCategories()) {
    out << "<tr><td>" << Lower(AnonymityReasonCategory_Name(category))
        << "</td><td class=\"n\">" << ReasonClaims(counts, category)
        << "</td></tr>\n";
  }
  out << "<tr><td>none given</td><td class=\"n\">"
      << counts.anonymous_without_reason() << "</td></tr>\n</table>\n";
  out << "<table class=\"flag-counts\"><tr><th>flag</th><th>count</th></tr>\n";
  for (FlagKind kind : FlagKinds()) {
    out << "<tr><td>" << Lower(FlagKind_Name(kind)) << "</td><td class=\"n\">"
        << FlagTotal(counts, kind) << "</td></tr>\n";
  }
  out << "</table>\n";
}

}  // namespace

void WriteAuditTable(const AuditReport& report, std::ostream& out) {
  out << "Audit of " << report.aggregate().documents() << " documents";
  if (report.input_errors() > 0) {
    out << " (" << report.input_errors() << " inputs could not be read)";
  }
  out << "\n\n";
  WriteCountsTable(report.aggregate(), out);
  WriteGroupsTable("By outlet", report.outlets(), out);
  if (report.inputs_size() > 1) {
    WriteGroupsTable("By input", report.inputs(), out);
  }
}

void WriteAuditCsv(const AuditReport& report, std::ostream& out) {
  std::vector<std::string> header = {
      "document_id", "input", "outlet", "title", "claims", "named_person",
      "named_organization", "anonymous", "unattributed", "other",
      "from_transcript_turns", "anonymous_with_reason",
      "anonymous_without_reason"};
  for (AnonymityReasonCategory category : ReasonCategories()) {
    header.push_back("reason_" + Lower(AnonymityReasonCategory_Name(category)));
  }
  for (FlagKind kind : FlagKinds()) {
    header.push_back("flag_" + Lower(FlagKind_Name(kind)));
  }
  out << absl::StrJoin(header, ",") << "\r\n";
  for (const DocumentAudit& doc : report.documents()) {
    const AuditCounts& c = doc.counts();
    const SpeakerClassCounts& s = c.speakers();
    std::vector<std::string> row = {
        CsvField(doc.document_id()), CsvField(doc.input()),
        CsvField(doc.outlet()), CsvField(doc.title()),
        absl::StrCat(s.total()), absl::StrCat(s.named_person()),
        absl::StrCat(s.named_organization()), absl::StrCat(s.anonymous()),
        absl::StrCat(s.unattributed()), absl::StrCat(s.other()),
        absl::StrCat(s.from_transcript_turns()),
        absl::StrCat(c.anonymous_with_reason()),
        absl::StrCat(c.anonymous_without_reason())};
    for (AnonymityReasonCategory category : ReasonCategories()) {
      row.push_back(absl::StrCat(ReasonClaims(c, category)));
    }
    for (FlagKind kind : FlagKinds()) {
      row.push_back(absl::StrCat(FlagTotal(c, kind)));
    }
    out << absl::StrJoin(row, ",") << "\r\n";
  }
}

absl::Status WriteAuditJson(const AuditReport& report, std::ostream& out) {
  out << MessageToJson(report, JsonStyle::kIndented) << '\n';
  if (!out) return absl::UnavailableError("cannot write the output stream");
  return absl::OkStatus();
}

void WriteAuditHtml(const AuditReport& report, std::ostream& out,
                    const AuditHtmlOptions& options) {
  // Bars per outlet when every document names one, else per input when
  // there are several, else per document.
  uint32_t with_outlet = 0;
  for (const GroupAudit& g : report.outlets()) {
    with_outlet += g.counts().documents();
  }
  std::vector<Bar> bars;
  std::string per;
  if (!report.outlets().empty() &&
      with_outlet == report.aggregate().documents()) {
    per = "outlet";
    for (const GroupAudit& g : report.outlets()) {
      bars.push_back({g.name(), SharesOf(g.counts().speakers())});
    }
  } else if (report.inputs_size() > 1) {
    per = "input";
    for (const GroupAudit& g : report.inputs()) {
      bars.push_back({g.name(), SharesOf(g.counts().speakers())});
    }
  } else {
    per = "document";
    for (const DocumentAudit& d : report.documents()) {
      bars.push_back({d.document_id(), SharesOf(d.counts().speakers())});
    }
  }
  const size_t all_bars = bars.size();
  if (bars.size() > static_cast<size_t>(options.max_bars)) {
    bars.resize(options.max_bars);
  }

  out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
         "<title>Anonymous-source audit</title>\n<style>"
      << kCss << "</style></head><body>\n";
  out << "<h1>Anonymous-source audit</h1>\n<p>"
      << report.aggregate().documents() << " documents, "
      << report.aggregate().speakers().total() << " claims, "
      << AllFlags(report.aggregate()) << " flags";
  if (report.input_errors() > 0) {
    out << "; " << report.input_errors() << " inputs could not be read";
  }
  out << ".</p>\n<h2>Claims by speaker class, per " << per << "</h2>\n";
  if (all_bars > bars.size()) {
    out << "<p>The first " << bars.size() << " of " << all_bars << ".</p>\n";
  }
  WriteChart(bars, out);
  out << "<h2>All documents</h2>\n";
  WriteHtmlCounts(report.aggregate(), out);

  out << "<h2>Flags</h2>\n<ol class=\"flags\">\n";
  int shown = 0, total = 0;
  for (const DocumentAudit& doc : report.documents()) {
    for (const Flag& flag : doc.flags()) {
      ++total;
      if (shown >= options.max_flags) continue;
      ++shown;
      out << "<li id=\"flag-" << shown << "\"><span class=\"kind\">"
          << Lower(FlagKind_Name(flag.kind())) << "</span> "
          << "<a href=\"" << Escape(SentenceLink(doc, flag)) << "\">"
          << Escape(doc.document_id()) << " " << flag.claim_id() << " ["
          << flag.span().begin() << ", " << flag.span().end() << ")</a> "
          << "<span class=\"rule\">" << Escape(flag.rule_id()) << "</span>"
          << "<span class=\"sentence\">" << MarkedSentence(flag)
          << "</span></li>\n";
    }
  }
  out << "</ol>\n";
  if (total > shown) {
    out << "<p>" << total - shown << " more flags are in the JSON report.</p>\n";
  }
  out << "</body></html>\n";
}

}  // namespace claims
