#include "claims/report_view.h"

#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace claims {
namespace {

struct LabelStyle {
  DiffLabel key;
  const char* ansi;        // SGR parameters for the terminal
  const char* background;  // CSS colour
  const char* meaning;     // for the legend
};

constexpr LabelStyle kLabelStyles[] = {
    {AGREE, "32", "#d6f0d6", "both sides state the same thing"},
    {ONLY_IN_A, "1;33", "#ffd8a8", "only side A reports it (omitted by B)"},
    {ONLY_IN_B, "1;33", "#ffd8a8", "only side B reports it (omitted by A)"},
    {FIGURE_CONFLICT, "1;31", "#f5b5b5", "the same quantity, different figures"},
    {ATTRIBUTION_DIFFERENCE, "35", "#dcc6f2", "credited to different speakers"},
    {HEDGE_DIFFERENCE, "34", "#c4dcff", "asserted on one side, hedged on the other"},
    {FRAMING, "33", "#fff0a0", "different evaluative words"},
    {INITIATIVE, "36", "#bfeee9", "who initiated: the sides differ or one is silent"},
};


struct VerdictStyle {
  Verdict key;
  const char* ansi;
  const char* background;
  const char* meaning;
};

constexpr VerdictStyle kVerdictStyles[] = {
    {SUPPORTED, "32", "#d6f0d6", "the reference figure fits the claim"},
    {CONTRADICTED, "1;31", "#f5b5b5", "the reference figure does not fit"},
    {NOT_FOUND, "33", "#eeeeee", "no usable reference figure"},
};

// The style of `key` in `styles`, or the last style.
template <typename Style, size_t N, typename Key>
const Style& StyleIn(const Style (&styles)[N], Key key) {
  for (const Style& style : styles) {
    if (style.key == key) return style;
  }
  return styles[N - 1];
}

const LabelStyle& StyleOf(DiffLabel label) {
  return StyleIn(kLabelStyles, label);
}
const VerdictStyle& StyleOf(Verdict verdict) {
  return StyleIn(kVerdictStyles, verdict);
}

std::string Paint(const std::string& text, const char* ansi, bool color) {
  if (!color) return text;
  return absl::StrCat("\x1b[", ansi, "m", text, "\x1b[0m");
}

template <typename Report>
absl::flat_hash_map<std::string, const Statement*> StatementsById(
    const Report& report) {
  absl::flat_hash_map<std::string, const Statement*> by_id;
  for (const Statement& s : report.statements()) by_id[s.id()] = &s;
  return by_id;
}

template <typename Report>
std::string DocumentName(const Report& report, uint32_t index) {
  if (index >= static_cast<uint32_t>(report.documents_size())) return "?";
  const ComparedDocument& doc = report.documents(index);
  return doc.title().empty() ? doc.id() : doc.title();
}

const char kCss[] = R"css(
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:1.5em;color:#222;background:#fff}
h1{font-size:1.4em;margin:0 0 .3em}h2{font-size:1.15em;margin:1.5em 0 .4em}
.meta{color:#555;margin:.2em 0 1em}
.legend{display:flex;flex-wrap:wrap;gap:.4em 1em;margin:.5em 0 1em;padding:.6em;border:1px solid #ccc;border-radius:6px;background:#fafafa}
.legend div{display:flex;align-items:center;gap:.4em;font-size:.9em}
.badge{display:inline-block;padding:0 .45em;border-radius:4px;font:600 .75em/1.7 ui-monospace,monospace;border:1px solid rgba(0,0,0,.25);white-space:nowrap}
table{border-collapse:collapse;width:100%;table-layout:fixed}
th,td{border:1px solid #bbb;padding:.45em .6em;vertical-align:top;text-align:left}
th{background:#eee}
th.side{width:38%}
td.side{font-family:Georgia,serif}
td.missing{background:repeating-linear-gradient(45deg,#fff,#fff 6px,#ffe6c4 6px,#ffe6c4 12px);color:#8a5a00;font-style:italic}
tr.finding.omission td.present{box-shadow:inset 4px 0 0 #f08c00}
.explain{font-size:.85em;margin:.2em 0}
.id{color:#777;font:.75em ui-monospace,monospace}
mark.term{background:none;border-bottom:2px solid #c08a00;font-weight:600}
mark.figure{background:none;border-bottom:2px dotted #b00}
)css";

std::string Badge(const std::string& name, const char* background) {
  return absl::StrFormat(
      "<span class=\"badge\" style=\"background:%s\">%s</span>", background,
      HtmlEscape(name));
}

// The statement's text with its framing and initiative terms and figures
// marked.
std::string StatementHtml(const Statement& s) {
  std::vector<std::pair<std::pair<uint32_t, uint32_t>, const char*>> marks;
  for (const Term& t : s.framing()) {
    marks.push_back({{t.span().begin(), t.span().end()}, "term"});
  }
  for (const Term& t : s.initiative()) {
    marks.push_back({{t.span().begin(), t.span().end()}, "term"});
  }
  for (const Figure& f : s.figures()) {
    marks.push_back({{f.span().begin(), f.span().end()}, "figure"});
  }
  std::sort(marks.begin(), marks.end());
  std::string html;
  uint32_t base = s.span().begin();
  uint32_t at = base;
  for (const auto& [span, kind] : marks) {
    if (span.first < at || span.second > s.span().end()) continue;
    absl::StrAppend(&html, HtmlEscape(s.text().substr(at - base, span.first - at)),
                    "<mark class=\"", kind, "\">",
                    HtmlEscape(s.text().substr(span.first - base,
                                               span.second - span.first)),
                    "</mark>");
    at = span.second;
  }
  absl::StrAppend(&html, HtmlEscape(s.text().substr(at - base)));
  return html;
}

std::string SideCell(const Statement* s, bool omission) {
  if (s == nullptr) {
    return "<td class=\"side missing\">not mentioned on this side</td>";
  }
  return absl::StrCat("<td class=\"side", omission ? " present" : "",
                      "\" id=\"", HtmlEscape(s->id()), "\"><span class=\"id\">",
                      HtmlEscape(s->id()), "</span> ", StatementHtml(*s),
                      "</td>");
}

std::string PageStart(const std::string& title) {
  return absl::StrCat(
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width\">"
      "<title>",
      HtmlEscape(title), "</title><style>", kCss, "</style></head><body>\n");
}

}  // namespace

std::string HtmlEscape(const std::string& text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': escaped += "&amp;"; break;
      case '<': escaped += "&lt;"; break;
      case '>': escaped += "&gt;"; break;
      case '"': escaped += "&quot;"; break;
      case '\'': escaped += "&#39;"; break;
      default: escaped += c;
    }
  }
  return escaped;
}

std::string DiffSummary(const DiffReport& report, bool color) {
  auto by_id = StatementsById(report);
  std::string out;
  std::map<int, int> counts;
  uint32_t current_b = 0;
  for (const Finding& f : report.findings()) {
    ++counts[f.label()];
    if (f.b_document() != current_b) {
      current_b = f.b_document();
      absl::StrAppend(&out, Paint("A", "1", color), " = ",
                      DocumentName(report, 0), "\n", Paint("B", "1", color),
                      " = ", DocumentName(report, current_b), "\n\n");
    }
    if (f.label() == AGREE) continue;
    const LabelStyle& style = StyleOf(f.label());
    absl::StrAppend(&out, Paint(DiffLabel_Name(f.label()), style.ansi, color),
                    "  ", f.a_statement().empty() ? "-" : f.a_statement(),
                    " ~ ", f.b_statement().empty() ? "-" : f.b_statement(),
                    absl::StrFormat("  similarity %.2f\n", f.similarity()),
                    "  ", f.explanation(), "\n");
    for (const auto& [side, id] : {std::pair<const char*, const std::string&>{
                                       "A", f.a_statement()},
                                   {"B", f.b_statement()}}) {
      auto it = by_id.find(id);
      if (it != by_id.end()) {
        absl::StrAppend(&out, "  ", side, ": ", it->second->text(), "\n");
      }
    }
    out += "\n";
  }
  std::vector<std::string> parts;
  for (const auto& [label, count] : counts) {
    parts.push_back(absl::StrCat(
        Paint(DiffLabel_Name(static_cast<DiffLabel>(label)),
              StyleOf(static_cast<DiffLabel>(label)).ansi, color),
        " ", count));
  }
  absl::StrAppend(&out, report.difference_count() == 0
                            ? "No differences."
                            : absl::StrCat(report.difference_count(),
                                           report.difference_count() == 1
                                               ? " difference."
                                               : " differences."),
                  parts.empty() ? "" : " ", absl::StrJoin(parts, ", "), "\n");
  return out;
}

std::string CheckSummary(const CheckReport& report, bool color) {
  auto by_id = StatementsById(report);
  std::string out;
  std::map<int, int> counts;
  for (const CheckItem& item : report.items()) {
    ++counts[item.verdict()];
    absl::StrAppend(&out,
                    Paint(Verdict_Name(item.verdict()),
                          StyleOf(item.verdict()).ansi, color),
                    "  \"", item.figure().text(), "\" in ", item.statement(),
                    "\n  ", item.explanation(), "\n");
    auto it = by_id.find(item.reference_statement());
    if (it != by_id.end()) {
      absl::StrAppend(&out, "  reference ", it->first, " (",
                      DocumentName(report, it->second->document()),
                      "): ", it->second->text(), "\n");
    }
    out += "\n";
  }
  std::vector<std::string> parts;
  for (const auto& [verdict, count] : counts) {
    parts.push_back(
        absl::StrCat(Verdict_Name(static_cast<Verdict>(verdict)), " ", count));
  }
  absl::StrAppend(&out, report.items_size(), " figures checked",
                  parts.empty() ? "." : ": ", absl::StrJoin(parts, ", "), "\n");
  return out;
}

std::string DiffHtml(const DiffReport& report) {
  auto by_id = StatementsById(report);
  std::string html = PageStart("claims diff");
  absl::StrAppend(&html, "<h1>claims diff</h1>\n<p class=\"meta\">",
                  report.difference_count(),
                  " differences; statements aligned at similarity &ge; ",
                  absl::StrFormat("%.2f", report.threshold()), "</p>\n");
  absl::StrAppend(&html, "<div class=\"legend\" id=\"legend\">");
  for (const LabelStyle& style : kLabelStyles) {
    absl::StrAppend(&html, "<div>", Badge(DiffLabel_Name(style.key),
                                          style.background),
                    HtmlEscape(style.meaning), "</div>");
  }
  absl::StrAppend(&html, "</div>\n");

  // One row per (A statement, B statement) pair, in finding order.
  struct Row {
    const Finding* first;
    std::vector<const Finding*> findings;
  };
  std::map<uint32_t, std::vector<Row>> tables;
  std::map<std::pair<uint32_t, std::pair<std::string, std::string>>, size_t>
      row_of;
  for (const Finding& f : report.findings()) {
    auto key = std::make_pair(
        f.b_document(), std::make_pair(f.a_statement(), f.b_statement()));
    std::vector<Row>& rows = tables[f.b_document()];
    auto [it, inserted] = row_of.emplace(key, rows.size());
    if (inserted) rows.push_back({&f, {}});
    rows[it->second].findings.push_back(&f);
  }
  for (const auto& [b, rows] : tables) {
    absl::StrAppend(
        &html, "<h2>A: ", HtmlEscape(DocumentName(report, 0)),
        " &nbsp;&harr;&nbsp; B: ", HtmlEscape(DocumentName(report, b)),
        "</h2>\n<table class=\"diff\" data-b-document=\"", b,
        "\"><thead><tr><th class=\"side\">A</th><th>Findings</th>"
        "<th class=\"side\">B</th></tr></thead><tbody>\n");
    for (const Row& row : rows) {
      const Finding& f = *row.first;
      std::vector<std::string> labels, classes;
      const char* background = "#fff";
      bool omission = false;
      std::string badges;
      for (const Finding* g : row.findings) {
        const LabelStyle& style = StyleOf(g->label());
        labels.push_back(DiffLabel_Name(g->label()));
        classes.push_back(absl::StrCat("label-", DiffLabel_Name(g->label())));
        if (g->label() == ONLY_IN_A || g->label() == ONLY_IN_B) omission = true;
        if (g->label() != AGREE && std::string(background) == "#fff") {
          background = style.background;
        }
        absl::StrAppend(&badges, "<div class=\"explain\">",
                        Badge(DiffLabel_Name(g->label()), style.background),
                        " ", HtmlEscape(g->explanation()), "</div>");
      }
      if (labels.size() == 1 && labels[0] == "AGREE") {
        background = StyleOf(AGREE).background;
      }
      auto statement = [&](const std::string& id) -> const Statement* {
        auto it = by_id.find(id);
        return it == by_id.end() ? nullptr : it->second;
      };
      std::string similarity =
          f.a_statement().empty() || f.b_statement().empty()
              ? ""
              : absl::StrFormat("<div class=\"id\">similarity %.2f</div>",
                                f.similarity());
      absl::StrAppend(
          &html, "<tr class=\"finding", omission ? " omission" : "", " ",
          absl::StrJoin(classes, " "), "\" data-labels=\"",
          absl::StrJoin(labels, " "), "\" style=\"background:", background,
          "\">", SideCell(statement(f.a_statement()), omission), "<td>",
          badges, similarity, "</td>",
          SideCell(statement(f.b_statement()), omission), "</tr>\n");
    }
    absl::StrAppend(&html, "</tbody></table>\n");
  }
  absl::StrAppend(&html, "</body></html>\n");
  return html;
}

std::string CheckHtml(const CheckReport& report) {
  auto by_id = StatementsById(report);
  std::string html = PageStart("claims check");
  absl::StrAppend(&html, "<h1>claims check: ",
                  HtmlEscape(DocumentName(report, 0)), "</h1>\n<p class=\"meta\">",
                  report.items_size(), " figures checked, ",
                  report.contradicted_count(), " contradicted</p>\n");
  absl::StrAppend(&html, "<div class=\"legend\" id=\"legend\">");
  for (const VerdictStyle& style : kVerdictStyles) {
    absl::StrAppend(&html, "<div>",
                    Badge(Verdict_Name(style.key), style.background),
                    HtmlEscape(style.meaning), "</div>");
  }
  absl::StrAppend(
      &html,
      "</div>\n<table class=\"check\"><thead><tr><th class=\"side\">Article</th>"
      "<th>Verdict</th><th class=\"side\">Reference</th></tr></thead><tbody>\n");
  for (const CheckItem& item : report.items()) {
    const VerdictStyle& style = StyleOf(item.verdict());
    auto claim = by_id.find(item.statement());
    auto reference = by_id.find(item.reference_statement());
    absl::StrAppend(
        &html, "<tr class=\"finding verdict-", Verdict_Name(item.verdict()),
        "\" data-labels=\"", Verdict_Name(item.verdict()),
        "\" style=\"background:", style.background, "\">",
        SideCell(claim == by_id.end() ? nullptr : claim->second, false),
        "<td><div class=\"explain\">",
        Badge(Verdict_Name(item.verdict()), style.background), " <b>",
        HtmlEscape(item.figure().text()), "</b>: ",
        HtmlEscape(item.explanation()), "</div></td>",
        SideCell(reference == by_id.end() ? nullptr : reference->second,
                 false),
        "</tr>\n");
  }
  absl::StrAppend(&html, "</tbody></table>\n</body></html>\n");
  return html;
}

}  // namespace claims
