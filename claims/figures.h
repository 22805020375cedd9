// FigureExtractor: numbers, amounts, percentages, ranges and dates in text.
#ifndef CLAIMS_FIGURES_H_
#define CLAIMS_FIGURES_H_

#include <vector>

#include "absl/strings/string_view.h"
#include "claims/rule_set.h"
#include "proto/claims.pb.h"

namespace claims {

class FigureExtractor {
 public:
  // `rules` must outlive the extractor.
  explicit FigureExtractor(const RuleSet& rules);

  // Appends the figures found in text[begin, end) to `figures`, in order, with
  // spans as offsets into `text`. `document_date` ("YYYY-MM-DD", "YYYY-MM",
  // "YYYY" or empty) anchors relative dates such as "last Tuesday".
  void Extract(absl::string_view text, size_t begin, size_t end,
               absl::string_view document_date,
               std::vector<Figure>* figures) const;

 private:
  const RuleSet& rules_;
};

}  // namespace claims

#endif  // CLAIMS_FIGURES_H_
