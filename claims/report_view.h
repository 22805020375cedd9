// Views of a DiffReport or CheckReport for people: a terminal summary and a
// self-contained HTML page.
//
//   std::cout << claims::DiffSummary(report, /*color=*/isatty(1));
//   html_file << claims::DiffHtml(report);
//
// The summary lists every finding except AGREE (those are counted), one
// block each: the label, the statement ids and similarity, the explanation,
// and the two statements; it ends with the count per label. With `color`,
// labels are coloured with ANSI escapes.
//
// The HTML page needs nothing but itself: inline CSS, no script, no fonts or
// images, no links out. It shows, for each compared pair of documents, a
// legend and a table with side A on the left and side B on the right: one row
// per aligned pair (the two statements joined in one row) and one per
// omission (the silent side hatched). Every finding is a badge coloured by
// its label, with its explanation; a row has class `finding` plus
// `label-<LABEL>` for each of its labels and `data-labels` listing them, so
// tests can find them in the DOM. The check page is a table of figures with
// their verdict, the reference statement and the explanation.
#ifndef CLAIMS_REPORT_VIEW_H_
#define CLAIMS_REPORT_VIEW_H_

#include <string>

#include "proto/diff.pb.h"

namespace claims {

std::string DiffSummary(const DiffReport& report, bool color);
std::string CheckSummary(const CheckReport& report, bool color);

std::string DiffHtml(const DiffReport& report);
std::string CheckHtml(const CheckReport& report);

// `text` with &, <, >, " and ' escaped for HTML text and attribute values.
std::string HtmlEscape(const std::string& text);

}  // namespace claims

#endif  // CLAIMS_REPORT_VIEW_H_
