// HedgeFinder: words and phrases that weaken the commitment to a claim.
//
//   claims::HedgeFinder hedges(**rules);
//   std::vector<claims::Hedge> found;
//   hedges.Find(text, 0, text.size(), &found);
//   // "Talks may resume, depending on the weather" gives
//   //   {text "may", kind EPISTEMIC, scope "resume, depending on the weather"}
//   //   {text "depending on", kind CONDITIONAL, scope "the weather"}
//
// The cues are HEDGE rules (claims/rules/en/hedges.textproto), each with a
// hedge_kind. A rule's optional group `hedge` is the cue (default: the whole
// match) and optional group `scope` the span it qualifies ("some" qualifies
// "300 troops"). A HEDGE rule without a hedge_kind is an exception: no hedge
// is reported inside its `hedge` group or, without one, its match ("could not
// be reached for comment", "military might").
//
// Overlapping cues: the earliest wins, then the longest, then pack order.
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
  // text[begin, end) after the cue (or, when no word follows it, the text
  // before it), unless its rule has a `scope` group.
  void Find(absl::string_view text, size_t begin, size_t end,
            std::vector<Hedge>* hedges) const;

 private:
  // Each claim runs only the rules its paragraphs can match.
  RuleIndex cues_;
  RuleIndex exceptions_;
};

}  // namespace claims

#endif  // CLAIMS_HEDGES_H_
