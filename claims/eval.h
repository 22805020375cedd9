// Evaluation: scores extracted claims against gold attribution annotations.
//
//   absl::StatusOr<std::vector<claims::GoldDocument>> gold =
//       claims::ReadGoldDirectory("eval/polnear-dev");
//   if (!gold.ok()) return gold.status();
//   claims::Evaluator evaluator;
//   for (const claims::GoldDocument& document : *gold) {
//     claims::Document predicted = document.document;
//     extractor.Extract(document.text, &predicted);
//     absl::Status added = evaluator.Add(document, predicted);
//     if (!added.ok()) return added;
//   }
//   double f1 = evaluator.report().overlap.attribution.f1();
//
// Gold directory layout: DIR/text/NAME.txt (UTF-8) and DIR/attributions/NAME.ann
// (brat standoff) for every NAME; a text without its .ann is an error.
//
// Gold format, one annotation per line, fields separated by TAB:
//   T3<TAB>Content 124 165;178 214<TAB>“We cannot ...” “and hoping ...”
//   E2<TAB>Attribution:T8 Cue:T7 Source:T6 Content:T5
//   * T offsets are Unicode code point offsets, half-open; `;` separates the
//     fragments of a discontinuous span. They are converted to UTF-8 byte
//     offsets of the text; an invalid UTF-8 byte counts as one code point.
//     The text column, when present, must equal the fragments joined by one
//     space (a newline inside a fragment may appear as a space).
//   * Each E line is one attribution. Its first argument is the trigger
//     (Attribution or Attribution-no-source) and is not scored. The roles
//     Cue, Source and Content are scored; a numbered role (Content2,
//     Source2) adds its fragments to the unnumbered one. Any role may be
//     missing. Other roles are ignored.
//   * T lines no E line refers to (labels such as Discard or Discuss) are
//     ignored, and so are other line types (A, R, #, ...).
//
// Predictions: every Claim whose mode is not UNATTRIBUTED. Gold "Source" is
// who made the statement, so it is compared with Claim.speaker.span (not with
// Claim.source, which is the channel). A role is absent when its message is
// absent or its span is empty. A claim without a cue whose speaker span equals
// that of an earlier claim with a cue (a quotation continued after "..., he
// said.") is not scored on its own: its content is added to the content of
// the latest such claim, as gold adds Content2 or a further fragment.
//
// Matching. All figures are micro-averaged over every document. Within a
// document, matching is one-to-one and greedy: every compatible (gold,
// predicted) pair is ranked by the number of bytes the two share (summed over
// the roles compared), largest first, ties by gold order then predicted order;
// a pair is taken when neither side is taken yet.
//   Overlap (the headline figures):
//     cue / source / content: the distinct spans of that role on each side
//       (a span shared by two attributions counts once); a pair is compatible
//       when the spans share at least one byte.
//     attribution: a predicted and a gold attribution are compatible when
//       - their cues share a byte, or neither has a cue; and
//       - their contents share a byte; and
//       - their sources share a byte, or either has no source.
//   Exact (the secondary figures): the same, with "share a byte" replaced by
//     "have equal extents", where the extent of a discontinuous gold span runs
//     from its first byte to its last; and for attributions the source must
//     be present on both sides with equal extents, or absent on both.
// Precision = matched / predicted, recall = matched / gold, F1 their harmonic
// mean; each is 0 when its denominator is 0.
//
// Error lists (overlap matching only): every unmatched gold item is a miss,
// every unmatched predicted item a false positive, for each of the four roles,
// document by document: single-role spans by position, gold attributions in E
// line order, predicted ones in claim order; attributions carry the reason.
#ifndef CLAIMS_EVAL_H_
#define CLAIMS_EVAL_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "proto/claims.pb.h"

namespace claims {

// A half-open UTF-8 byte range.
struct ByteRange {
  uint32_t begin = 0;
  uint32_t end = 0;
  bool operator==(const ByteRange& other) const {
    return begin == other.begin && end == other.end;
  }
  // Document order: by begin, then end.
  bool operator<(const ByteRange& other) const {
    return begin != other.begin ? begin < other.begin : end < other.end;
  }
};

// A possibly discontinuous span: non-empty ranges sorted by begin, with
// overlapping or touching ranges merged. Empty means "role absent".
using Fragments = std::vector<ByteRange>;

// Sorts, merges and drops empty ranges, giving the Fragments form.
Fragments NormalizeFragments(std::vector<ByteRange> ranges);

// Bytes that `a` and `b` (each in Fragments form) have in common.
uint32_t OverlapBytes(const Fragments& a, const Fragments& b);

// One attribution, gold or predicted.
struct EvalAttribution {
  // The E line id ("E3") for gold, the claim id ("c3") for predictions.
  std::string id;
  Fragments cue;
  Fragments source;
  Fragments content;
};

// True when `predicted` matches `gold` under the overlap rules above.
bool OverlapMatch(const EvalAttribution& gold, const EvalAttribution& predicted);
// True when `predicted` matches `gold` under the exact rules above.
bool ExactMatch(const EvalAttribution& gold, const EvalAttribution& predicted);

struct GoldDocument {
  // The file name without ".txt": "port_strike".
  std::string name;
  // The text, byte for byte.
  std::string text;
  // The text file's metadata as claims::ReadTextDocument reads it (front
  // matter, body_begin), without claims: extract into a copy of it.
  Document document;
  // One per E line, in file order, with byte offsets into `text`.
  std::vector<EvalAttribution> attributions;
};

// The byte offset of every code point of `text`, plus text.size() at the end:
// result[i] is where code point i starts. An invalid UTF-8 byte is one code
// point.
std::vector<uint32_t> CodePointByteOffsets(absl::string_view text);

// Parses one .ann file for `text`. `name` is used for GoldDocument::name and
// in error messages ("NAME:LINE: ...").
absl::StatusOr<GoldDocument> ParseBratAnnotations(absl::string_view name,
                                                  absl::string_view text,
                                                  absl::string_view ann);

// Reads every DIR/text/*.txt, sorted by name, with its DIR/attributions/*.ann,
// both through claims::ReadTextDocument (document_io.h), so the text is
// exactly what `claims extract` would see.
absl::StatusOr<std::vector<GoldDocument>> ReadGoldDirectory(
    const std::string& dir);

// The scored attributions of `document`: every claim that is not
// UNATTRIBUTED, in claim order, with continued quotations folded into the
// claim they continue (see above). Fails when a span does not fit in
// `text_length` bytes.
absl::StatusOr<std::vector<EvalAttribution>> PredictedAttributions(
    const Document& document, size_t text_length);

enum class EvalRole { kCue, kSource, kContent, kAttribution };

// "cue", "source", "content", "attribution".
absl::string_view EvalRoleName(EvalRole role);

// The four roles in report order.
constexpr EvalRole kEvalRoles[] = {EvalRole::kCue, EvalRole::kSource,
                                   EvalRole::kContent, EvalRole::kAttribution};

struct Counts {
  int gold = 0;
  int predicted = 0;
  int matched = 0;
  double precision() const;
  double recall() const;
  double f1() const;
};

struct RoleCounts {
  Counts cue;
  Counts source;
  Counts content;
  Counts attribution;
  Counts& of(EvalRole role);
  const Counts& of(EvalRole role) const;
};

// Why an attribution stayed unmatched, judged against every item on the other
// side of the same document (matched or not).
enum class ErrorReason {
  // Not an attribution error: a cue, source or content span.
  kNotApplicable,
  // No attribution on the other side has a compatible cue.
  kCue,
  // Some have a compatible cue, none of those a compatible content.
  kContent,
  // Cue and content compatible somewhere, but not the source.
  kSource,
  // A compatible attribution exists but was matched to another one: a
  // duplicate on this side.
  kTaken,
};

// "-", "cue", "content", "source", "taken".
absl::string_view ErrorReasonName(ErrorReason reason);

// A role's span with the text it covers (fragments joined by " … ").
struct SpanText {
  Fragments span;
  std::string text;
};

// One unmatched gold or predicted item.
struct EvalError {
  std::string document;
  EvalRole role = EvalRole::kAttribution;
  // The gold E id or the claim id; empty for single-role items.
  std::string id;
  // For a single-role item only the field of that role is set.
  SpanText cue;
  SpanText source;
  SpanText content;
  ErrorReason reason = ErrorReason::kNotApplicable;
};

struct EvalReport {
  int documents = 0;
  RoleCounts overlap;
  RoleCounts exact;
  std::vector<EvalError> misses;
  std::vector<EvalError> false_positives;
};

// Accumulates scores over documents.
class Evaluator {
 public:
  // Scores `predicted` (the extractor's output for gold.text) against `gold`.
  // On error (a predicted span outside the text) nothing is added.
  absl::Status Add(const GoldDocument& gold, const Document& predicted);

  const EvalReport& report() const { return report_; }

 private:
  EvalReport report_;
};

}  // namespace claims

#endif  // CLAIMS_EVAL_H_
