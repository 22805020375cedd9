// AttributionFinder: finds who said what in a sentence (FindAll: in many
// sentences at once, faster).
//
// The sentence's quotations are masked (see quotations.h) and the
// ATTRIBUTION rules that can match are found in one RE2::Set pass. Those rules
// are then applied in priority order, each as many times as it matches with a
// later cue (up to kMaxMatchesPerRule); a match is kept unless it collides
// with one already kept:
//   * its cue overlaps a kept cue or speaker, or its speaker overlaps a kept
//     cue;
//   * its cue lies inside a kept content, or a kept cue inside its content
//     (that is nesting, found by the recursion below, not a second claim).
// When every collision is a kept match lying wholly inside the new match's
// content, the new (outer) match replaces them instead. Two matches with the
// same speaker span do not collide through their contents ("X said A,
// arguing B"); each content is cut where the other's cue begins.
// Each kept attribution's content is then searched the same way, up to
// kMaxNesting levels deep, so "the Chinese statement said Xi pointed out that
// ..." yields the statement's claim and, as its child, Xi's. Rules marked
// top_level_only (beliefs, intentions) are not applied inside a content:
// "Fowler said he expects ..." is Fowler's claim alone.
// Rules marked headline_only apply only when the caller says the sentence is
// the document's headline, and not inside a content.
//
// A speaker before its cue is cut after its last CLAUSE_BREAK match; a
// speaker after its cue with a clause break in it, and a speaker that is a
// NOT_SPEAKER phrase, drop the match. Content is trimmed of white space and of
// the punctuation that joins it to the attribution (",", ";", ":", a final
// "."). Content that is exactly one quotation becomes its inner text and makes
// the claim a DIRECT_QUOTE; content holding a quotation and other words is
// MIXED; otherwise INDIRECT.
#ifndef CLAIMS_ATTRIBUTION_H_
#define CLAIMS_ATTRIBUTION_H_

#include <cstddef>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "claims/rule_set.h"
#include "proto/claims.pb.h"

namespace claims {

// Byte offsets into the document, half-open.
struct ByteSpan {
  size_t begin = 0;
  size_t end = 0;
  bool empty() const { return begin >= end; }
  bool Overlaps(const ByteSpan& other) const {
    return begin < other.end && other.begin < end;
  }
  bool Contains(const ByteSpan& other) const {
    return begin <= other.begin && other.end <= end;
  }
};

struct Attribution {
  const CompiledRule* rule = nullptr;
  ByteSpan speaker;
  // What a relative pronoun speaker stands for ("an architect who said"), or
  // empty.
  ByteSpan antecedent;
  ByteSpan cue;
  // The CUE rule that fully matches the cue text, or null.
  const CompiledRule* cue_rule = nullptr;
  ByteSpan content;
  // Speaker, cue and content together, quotation marks included.
  ByteSpan extent;
  Mode mode = MODE_UNSPECIFIED;
  // Index in the output vector of the attribution whose content holds this
  // one, or -1.
  int parent = -1;
};

class AttributionFinder {
 public:
  static constexpr int kMaxNesting = 2;
  // Matches taken from one rule in one sentence; each has a later cue than
  // the one before. Bounds the work per sentence.
  static constexpr int kMaxMatchesPerRule = 8;

  // `rules` must outlive the finder.
  explicit AttributionFinder(const RuleSet& rules);

  // Appends the attributions in the sentence text[begin, end) to `found`,
  // each parent before its children. `headline` says the sentence is the
  // document's headline, where headline_only rules apply too.
  void Find(absl::string_view text, size_t begin, size_t end,
            std::vector<Attribution>* found, bool headline = false) const;

  // One sentence for FindAll, with where its attributions go.
  struct Input {
    absl::string_view text;
    size_t begin = 0;
    size_t end = 0;
    bool headline = false;
    std::vector<Attribution>* found = nullptr;
  };
  // Find for each sentence, with the same results. Each rule runs over every
  // sentence (and every content at the same depth) whose candidate scan names
  // it before the next rule runs, so that its automata stay in the
  // processor's cache. Over the Kremlin corpus, 32 documents at a time as
  // `claims extract` runs it, that made the whole extraction 1.08x faster
  // than sentence by sentence (one thread), and the attribution stage alone,
  // warm, 1.06x (bench: BM_Attribution/32).
  void FindAll(absl::Span<const Input> sentences) const;

 private:
  const RuleSet& rules_;
};

}  // namespace claims

#endif  // CLAIMS_ATTRIBUTION_H_
