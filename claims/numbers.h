// NumberFinder: numbers written in digits, in words, or both, with values.
//
//   claims::NumberFinder finder(**rules);
//   std::vector<claims::NumberMention> numbers;
//   finder.Find(text, 0, text.size(), &numbers);
//   // "more than one hundred and two people": {begin 10, end 29, value 102}
//
// Forms read (every word comes from the rule packs, see below):
//   digits       "100,000", "1 234 567", "4.8", ".08", "1,3" (decimal comma
//                when the group is not three digits), "12,34,567.89"
//   words        "one hundred and two", "twenty-one trillion", "fifty - two"
//   mixed        "3 hundred and 21", "1.5 million", "10k", "2mil", "a dozen"
//   fractions    "3/4", "2 1/4", "two-thirds", "a half", "three twenty-firsts",
//                "half a dozen", "two thirds of a million", "one and a half"
//   decimals     "two point zero three", "nought point eleven"
//   powers       "1e6", "1.1^23", "1.3x10^6"
//   ratios       "one over three", "one in five", "two out of five hundred"
//   signs        "-4/5", "minus five", "negative one"
//   ordinals     "21st", "third", "twenty-first" (flagged `ordinal`)
//
// A number never spans punctuation other than a hyphen between words.
// Groups of digits joined by [-./] three or more times ("192.168.1.2",
// "5/17/2018", "+1-222-2222") are codes: each group is reported alone, with
// `in_code` set.
//
// The lexicon: FIGURE rules whose figure_role is NUMBER_* (see
// proto/rule_pack.proto). A word is looked up where a token starts and must
// be matched up to a word boundary; the longest entry wins. NUMBER_VETO rules
// drop numbers ("the one you mentioned") and mark spans where no number or
// figure is reported (URLs).
#ifndef CLAIMS_NUMBERS_H_
#define CLAIMS_NUMBERS_H_

#include <memory>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "claims/rule_set.h"
#include "re2/set.h"

namespace claims {

// One number in the text.
struct NumberMention {
  // Half-open byte span, sign included ("-4/5", "minus five").
  size_t begin = 0;
  size_t end = 0;
  double value = 0;
  // Multiplier of the scale that ends the number ("million" in "1.5 million",
  // "k" in "10k"), 1 when it does not end with one. A range shares it:
  // "5-10 million".
  double scale = 1;
  // "21st", "third": a rank, not a quantity.
  bool ordinal = false;
  // A fraction or ratio ("3/4", "two thirds", "one in five").
  bool fraction = false;
  // One group of a code such as "192.168.1.2".
  bool in_code = false;
  // Written inside a word that starts with a letter ("F-16", "USD115"), or
  // directly followed by a letter that is no scale or ordinal suffix
  // ("29km", "1m"): a figure may use it only together with those letters.
  bool glued_before = false;
  bool glued_after = false;
};

struct NumberLexicon;

class NumberFinder {
 public:
  // `rules` must outlive the finder.
  explicit NumberFinder(const RuleSet& rules);
  ~NumberFinder();

  // Appends the numbers in text[begin, end) to `numbers` in order. When
  // `vetoed` is not null, appends the spans where NUMBER_VETO rules without a
  // `number` group matched: nothing inside them is a number or a figure.
  void Find(absl::string_view text, size_t begin, size_t end,
            std::vector<NumberMention>* numbers,
            std::vector<std::pair<size_t, size_t>>* vetoed = nullptr) const;

 private:
  std::unique_ptr<const NumberLexicon> lexicon_;
};

}  // namespace claims

#endif  // CLAIMS_NUMBERS_H_
