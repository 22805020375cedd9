// HedgeFinder: words and phrases that weaken the commitment to a claim.
#ifndef CLAIMS_HEDGES_H_
#define CLAIMS_HEDGES_H_

#include <vector>

#include "absl/strings/string_view.h"
#include "claims/rule_set.h"
#include "proto/claims.pb.h"

namespace claims {

class HedgeFinder {
 public:
  // `rules` must outlive the finder.
  explicit HedgeFinder(const RuleSet& rules);

  // Appends the hedges found in text[begin, end) to `hedges`, in order, with
  // spans as offsets into `text`. Each hedge's scope is the rest of
  // text[begin, end) from the hedge on, unless its rule says otherwise.
  void Find(absl::string_view text, size_t begin, size_t end,
            std::vector<Hedge>* hedges) const;

 private:
  const RuleSet& rules_;
};

}  // namespace claims

#endif  // CLAIMS_HEDGES_H_
