// Views of an AuditReport (claims/audit.h): a terminal table, CSV, JSON and a
// self-contained HTML page.
//
//   claims::AuditReport report = ...;
//   claims::WriteAuditTable(report, std::cout);
//   absl::Status written = claims::WriteAuditJson(report, std::cout);
//
//   table  The aggregate, then each outlet and each input: claims by speaker
//          class (count and share), anonymous families, reasons, flags.
//   csv    RFC 4180, one header row, then one row per document: id, input,
//          outlet, title, the class counts, anonymous with and without a
//          reason, one column per reason category and per flag kind.
//   json   The AuditReport in the proto3 JSON mapping, pretty-printed.
//   html   One page, no external resources: inline CSS, a stacked bar chart
//          in inline SVG of named / anonymous / unattributed / other shares
//          (per outlet when every document names one, else per input when
//          there are several, else per document, at most `max_bars` bars), the
//          aggregate counts, and the flags (at most `max_flags`), each with
//          its sentence and the evidence marked. Each flag is an element with
//          id "flag-N"; each bar a <g class="bar">.
#ifndef CLAIMS_AUDIT_VIEWS_H_
#define CLAIMS_AUDIT_VIEWS_H_

#include <ostream>

#include "absl/status/status.h"
#include "proto/audit.pb.h"

namespace claims {

struct AuditHtmlOptions {
  int max_bars = 60;
  int max_flags = 500;
};

void WriteAuditTable(const AuditReport& report, std::ostream& out);
void WriteAuditCsv(const AuditReport& report, std::ostream& out);
absl::Status WriteAuditJson(const AuditReport& report, std::ostream& out);
void WriteAuditHtml(const AuditReport& report, std::ostream& out,
                    const AuditHtmlOptions& options = {});

}  // namespace claims

#endif  // CLAIMS_AUDIT_VIEWS_H_
