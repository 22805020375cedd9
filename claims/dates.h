// Calendar dates named in text, resolved against the document's date.
//
//   claims::DateParts parts;
//   parts.month = 11;
//   parts.offset = -1;                 // "last November"
//   parts.relative = true;
//   std::string iso = claims::ResolveDate(parts, "2024-04-02");  // "2023-11"
//
// ResolveDate returns ISO 8601 as far as the text and the document date
// allow, and "" when the text needs a document date it was not given.
//   year only            "2023"
//   month and year       "2022-07"
//   full date            "2022-07-04"; a day range "2024-01-26/2024-01-27"
//   a week               "2024-W13"
// Conventions for what a bare name refers to (English news usage):
//   "Tuesday"            the latest Tuesday on or before the document date
//   "last Tuesday"       the latest Tuesday before it; "next": the first after
//   "this Tuesday"       the Tuesday of the document date's ISO week
//   "November"           the November nearest the document date (the past
//                        one on a tie)
//   "last November"      the latest November before the document's month;
//                        "next": the first after; "this": the document's year
//   "last year/month/week", "yesterday": the period `offset` periods away
#ifndef CLAIMS_DATES_H_
#define CLAIMS_DATES_H_

#include <string>

#include "absl/strings/string_view.h"

namespace claims {

// What the text says; 0 and empty mean "not said".
struct DateParts {
  int year = 0;
  int month = 0;      // 1-12
  int day = 0;        // 1-31
  int day_end = 0;    // last day of a range ("January 26-27")
  int weekday = 0;    // ISO: Monday 1 ... Sunday 7
  // A relative word was used ("last", "next", "this", "yesterday"), with its
  // offset (-1, 1, 0, -1) and, for "last year" and "yesterday", the period:
  // "year", "month", "week" or "day".
  bool relative = false;
  int offset = 0;
  std::string period;
};

// ISO 8601 for `parts` (see above), or "" when it cannot be resolved.
// `document_date` is "YYYY-MM-DD", "YYYY-MM", "YYYY" or empty.
std::string ResolveDate(const DateParts& parts, absl::string_view document_date);

}  // namespace claims

#endif  // CLAIMS_DATES_H_
