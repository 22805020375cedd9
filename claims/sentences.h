// SentenceSplitter: cuts text into sentences and paragraphs.
//
//   claims::SentenceSplitter splitter(rules);
//   std::vector<claims::Sentence> sentences;
//   splitter.Split(text, 0, text.size(), &sentences);
//
// A sentence ends at ".", "!", "?" or "…" (with any closing quotes or
// brackets after it) followed by white space and then an upper-case letter,
// a digit, an opening quote or bracket, or the end of the paragraph. It does
// not end:
//   * after a word that an ABBREVIATION rule matches ("Gen.", "U.S.", "L."),
//     unless the rule's `unless_followed_by` matches what comes next;
//   * after a quotation that ends with its own period when a
//     SENTENCE_CONTINUATION rule matches what follows ("“Is it over?”
//     Clinton said." is one sentence);
//   * inside an open quotation: a quote of several sentences followed by its
//     attribution is one unit, so the attribution and its quote stay
//     together. A quotation left open at the end of a paragraph (the news
//     convention for a quote that continues) ends there.
// A sentence also ends where scraped text lost the space after the period
// ("for joining.Thanks"): lower-case letters, the terminator, then a
// capitalised word.
// A paragraph ends at a blank line, or at a line break followed by anything
// but a lower-case letter (hard-wrapped lines are joined).
//
// Splitting is one left-to-right pass: linear in the input on any input.
#ifndef CLAIMS_SENTENCES_H_
#define CLAIMS_SENTENCES_H_

#include <cstddef>
#include <vector>

#include "absl/strings/string_view.h"
#include "claims/rule_set.h"

namespace claims {

struct Sentence {
  // Byte offsets into the text, trimmed of surrounding white space.
  size_t begin = 0;
  size_t end = 0;
  // 0-based paragraph number within the split range.
  size_t paragraph = 0;
};

class SentenceSplitter {
 public:
  // `rules` must outlive the splitter.
  explicit SentenceSplitter(const RuleSet& rules);

  // Appends the sentences of text[begin, end) to `sentences`, in order.
  void Split(absl::string_view text, size_t begin, size_t end,
             std::vector<Sentence>* sentences) const;

 private:
  bool IsAbbreviation(absl::string_view text, size_t period,
                      size_t next_word) const;
  bool ContinuesAfterQuotation(absl::string_view text, size_t next) const;
  const RuleSet& rules_;
};

}  // namespace claims

#endif  // CLAIMS_SENTENCES_H_
