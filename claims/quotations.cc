#include "claims/quotations.h"

#include "claims/text_util.h"

namespace claims {

void FindQuotations(absl::string_view text, size_t begin, size_t end,
                    std::vector<Quotation>* quotations) {
  int depth = 0;
  Quotation current;
  absl::string_view scanned = text.substr(0, end);
  size_t i = begin;
  while (i < end) {
    // Every quote mark starts with one of these bytes (see QuoteMarkAt).
    i = scanned.find_first_of("\"'\xE2", i);
    if (i == absl::string_view::npos) break;
    size_t length = 0;
    QuoteMark mark = QuoteMarkAt(text, i, &length);
    if (i + length > end) break;
    if (mark == QuoteMark::kOpen) {
      if (depth == 0) {
        current.begin = i;
        current.inner_begin = i + length;
      }
      ++depth;
    } else if (mark == QuoteMark::kClose && depth > 0) {
      --depth;
      if (depth == 0) {
        current.inner_end = i;
        current.end = i + length;
        current.closed = true;
        quotations->push_back(current);
      }
    }
    i += length;
  }
  if (depth > 0) {
    current.inner_end = end;
    current.end = end;
    current.closed = false;
    quotations->push_back(current);
  }
}

void MaskQuotations(absl::string_view text, size_t begin, size_t end,
                    const std::vector<Quotation>& quotations,
                    std::string* masked) {
  masked->assign(text.data() + begin, end - begin);
  // A no-break space (C2 A0) reads as two spaces, so patterns' \s sees it.
  for (size_t i = 0; i + 1 < masked->size(); ++i) {
    if ((*masked)[i] == '\xC2' && (*masked)[i + 1] == '\xA0') {
      (*masked)[i] = ' ';
      (*masked)[i + 1] = ' ';
    }
  }
  for (const Quotation& quotation : quotations) {
    if (!quotation.closed) continue;
    // A quotation opened by a mistyped ” (see QuoteMarkAt) reads as “, so
    // patterns need not know the typo.
    if (text.substr(quotation.begin, 3) == "\xE2\x80\x9D") {
      (*masked)[quotation.begin - begin + 2] = '\x9C';
    }
    for (size_t i = quotation.inner_begin; i < quotation.inner_end; ++i) {
      (*masked)[i - begin] = kMaskByte;
    }
  }
}

}  // namespace claims
