// Checker: checks the figures of an article against reference documents.
//
//   claims::Checker checker(**rules, claims::DiffOptions());
//   claims::CheckReport report = checker.Check(article, {census_table});
//   for (const claims::CheckItem& item : report.items())
//     // item.verdict(): SUPPORTED, CONTRADICTED or NOT_FOUND, with
//     // item.explanation() and item.reference_statement()
//
// For each figure of each article statement (claims/diff.h), the reference
// statements that carry a figure of the same quantity (same kind and unit,
// see SameQuantity) are ranked by topic similarity (words, entities and the
// kinds of figures, not their values); the best one at or above the
// threshold is the evidence, and in it the comparable figure closest in
// value to the claim's. The claim's figure and qualifier allow an
// interval of values, and so does the reference's figure:
//
//   qualifier       claim "Q 100,000" allows
//   EXACT           100,000 within `exact_tolerance` (relative; none for
//                   a YEAR or ORDINAL)
//   MORE_THAN       above 100,000            AT_LEAST  100,000 or above
//   LESS_THAN       below 100,000            AT_MOST, UP_TO  100,000 or below
//   ABOUT           within `about_tolerance` of 100,000
//   NEARLY          below 100,000, within `about_tolerance` of it
//   a RANGE figure  from its low to its high bound
// A DATE is compared as written ("2024-04-02"), to the precision of the
// less precise of the two ("2024-04" supports "2024-04-02").
//
// The verdict is SUPPORTED when the reference interval lies inside the
// claim's, CONTRADICTED when the two do not meet, NOT_FOUND otherwise (no
// evidence, or a reference too vague to decide). So "more than 100,000" is
// supported by 107,543 and contradicted by 98,000, and "nearly 100,000" is
// contradicted by 107,543.
//
// Options (CheckOptions), with defaults:
//   exact_tolerance  0.005  relative slack of an exact figure (rounding)
//   about_tolerance  0.1    relative reach of "about" and "nearly"
// and the DiffOptions of the statement comparison (threshold 0.2, ...).
#ifndef CLAIMS_CHECK_H_
#define CLAIMS_CHECK_H_

#include <string>
#include <vector>

#include "claims/diff.h"
#include "claims/rule_set.h"
#include "proto/claims.pb.h"
#include "proto/diff.pb.h"

namespace claims {

struct CheckOptions {
  double exact_tolerance = 0.005;
  double about_tolerance = 0.1;
};

// The values a figure allows, with its qualifier: see the table above.
struct ValueInterval {
  double low;
  double high;
  bool low_open = false;
  bool high_open = false;
};
ValueInterval AllowedValues(const Figure& figure, const CheckOptions& options);

// SUPPORTED, CONTRADICTED or NOT_FOUND for a claim's figure against a
// reference figure of the same quantity, and why, in words.
Verdict CompareFigure(const Figure& claim, const Figure& reference,
                      const CheckOptions& options, std::string* explanation);

class Checker {
 public:
  // `rules` must outlive the checker.
  Checker(const RuleSet& rules, const DiffOptions& diff_options,
          const CheckOptions& check_options);

  CheckReport Check(const DiffInput& article,
                    const std::vector<DiffInput>& references) const;

 private:
  StatementAnalyzer analyzer_;
  CheckOptions options_;
};

// "SUPPORTED" for SUPPORTED, and so on.
absl::string_view VerdictName(Verdict verdict);

}  // namespace claims

#endif  // CLAIMS_CHECK_H_
