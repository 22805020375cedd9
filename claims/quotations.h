// Quotations: where quoted words are, and a masked view that hides them.
//
// Attribution patterns must not match words inside a quotation ("“We said
// no,” he added" has one cue, "added"). MaskQuotations returns a copy of the
// text in which every byte strictly inside a closed top-level quotation is
// replaced by kMaskByte; the quotation marks stay. An unclosed quotation is
// not masked: where it really ends is unknown, and a transcript paragraph
// opening with a stray quote ("\"PENCE: Well, ...") must stay visible. A
// no-break space (two bytes) becomes two ASCII spaces, so patterns can match
// it with \s, and a quotation opened by a mistyped right quote (a paragraph
// that starts ”We ...) opens with a left one. The copy has the same length,
// so a match in it is a match at the same offsets in the original.
#ifndef CLAIMS_QUOTATIONS_H_
#define CLAIMS_QUOTATIONS_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace claims {

// An ASCII control byte that never occurs in the patterns' word classes.
inline constexpr char kMaskByte = '\x1F';

struct Quotation {
  // [begin, end) includes the quotation marks.
  size_t begin = 0;
  size_t end = 0;
  // [inner_begin, inner_end) is the quoted text.
  size_t inner_begin = 0;
  size_t inner_end = 0;
  // False when the range ended before a closing mark.
  bool closed = false;
};

// Appends the top-level quotations in text[begin, end) to `quotations`.
void FindQuotations(absl::string_view text, size_t begin, size_t end,
                    std::vector<Quotation>* quotations);

// Writes text[begin, end) to `masked` with the inside of each closed
// quotation in `quotations` (which must lie in that range) replaced by
// kMaskByte and each no-break space by two spaces.
void MaskQuotations(absl::string_view text, size_t begin, size_t end,
                    const std::vector<Quotation>& quotations,
                    std::string* masked);

}  // namespace claims

#endif  // CLAIMS_QUOTATIONS_H_
