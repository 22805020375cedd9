// Transcript turns: in a transcript, a speaker label ("SENIOR ADMINISTRATION
// OFFICIAL:", "President of Russia Vladimir Putin:") speaks for every
// paragraph up to the next turn, not only for its own line.
//
//   std::vector<claims::Turn> turns = claims::FindTurns(rules, doc, text);
//   if (const claims::Turn* turn = claims::TurnOf(turns, claim)) {
//     const claims::Speaker& speaker = turn->label->speaker();
//   }
//
// The extractor calls AttributeTurns before it resolves speakers, so the
// claims of a turn arrive attributed to its label:
//   - a sentence that states a figure and names no source becomes an
//     INDIRECT claim of the label's speaker (a transcript quotes without
//     quotation marks), with rule kTranscriptTurnRule and continues_id the
//     label claim's id;
//   - every top-level claim of the turn is in the label's voice: its "I" or
//     "we" is the label's speaker and its "he" or "they" is not
//     (Speakers::ResolveAll).
//
// A turn belongs to a top-level claim whose cue is a TRANSCRIPT_LABEL and
// whose line starts with a TURN_START match. It runs from the end of that
// claim to the next TURN_START match after the label's line (another label,
// a question line "Q ...", "END"), or to the end of the text. A label whose
// line is no TURN_START match (a headline "Pence: ...") has no turn.
#ifndef CLAIMS_TURNS_H_
#define CLAIMS_TURNS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "claims/rule_set.h"
#include "proto/claims.pb.h"

namespace claims {

// The rule id of the engine's own turn attribution.
inline constexpr char kTranscriptTurnRule[] = "builtin.transcript_turn";

struct Turn {
  // Byte offsets into the text, half-open.
  uint32_t begin = 0;
  uint32_t end = 0;
  // The label claim, one of the document's claims.
  const Claim* label = nullptr;
};

// The turns of `doc`, in the order of their labels; they point into
// doc.claims(), so adding or removing claims invalidates them.
std::vector<Turn> FindTurns(const RuleSet& rules, const Document& doc,
                            absl::string_view text);

// The turn that wholly contains `claim`'s span, or nullptr.
const Turn* TurnOf(const std::vector<Turn>& turns, const Claim& claim);

// Attributes the claims of every turn in `doc` to the turn's label, as the
// header comment says, and returns the id of the label claim of every
// top-level claim in a turn, keyed by that claim's id: the `voiced_by` of
// Speakers::ResolveAll. Call it once the claims have their ids and before
// Speakers::ResolveAll.
absl::flat_hash_map<std::string, std::string> AttributeTurns(
    const RuleSet& rules, absl::string_view text, Document* doc);

}  // namespace claims

#endif  // CLAIMS_TURNS_H_
