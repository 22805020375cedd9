// Extractor: turns a document's text into attributed claims.
//
//   auto rules = claims::RuleSet::Load(claims::DefaultRulePacks(), {});
//   if (!rules.ok()) return rules.status();
//   claims::Extractor extractor(**rules);
//   claims::Document doc;
//   doc.set_date("2024-04-02");          // optional: anchors relative dates
//   extractor.Extract(text, &doc);       // fills doc.claims()
//
// Claims are found sentence by sentence (see attribution.h); a sentence that
// ends its paragraph with a colon and has no claim of its own ("The message
// reads, in part:") is matched together with the paragraph it introduces.
// In a transcript, the claims of a speaker label's turn are the label's
// (claims/turns.h).
// Extraction never fails: any byte string is accepted (invalid UTF-8 is
// treated as opaque bytes) and every span is a byte offset into `text`.
// An Extractor is immutable after construction and safe to share between
// threads.
#ifndef CLAIMS_EXTRACTOR_H_
#define CLAIMS_EXTRACTOR_H_

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "claims/rule_set.h"
#include "proto/claims.pb.h"

namespace claims {

class Extractor {
 public:
  // `rules` must outlive the extractor.
  explicit Extractor(const RuleSet& rules);
  ~Extractor();

  // Appends the claims in text[doc->body_begin(), end) to doc->claims() and
  // sets doc->text_length(). Reads doc->date() to resolve relative dates.
  void Extract(absl::string_view text, Document* doc) const;

  // Extract(texts[i], docs[i]) for every i, the same claims, found stage by
  // stage across the documents: every sentence split, then every figure,
  // then every sentence's attributions, then the claims. Each stage runs
  // its own few hundred patterns, whose automata then stay in the
  // processor's caches instead of crowding each other out (Kremlin corpus,
  // batches of 32 articles: about 7% faster than one document at a time).
  // `texts` and `docs` have the same size.
  void ExtractAll(absl::Span<const absl::string_view> texts,
                  absl::Span<Document* const> docs) const;

 private:
  struct Impl;
  const Impl* impl_;
};

}  // namespace claims

#endif  // CLAIMS_EXTRACTOR_H_
