// FigureExtractor: numbers, amounts, percentages, ranges and dates in text.
//
//   claims::FigureExtractor figures(**rules);
//   std::vector<claims::Figure> found;
//   figures.Extract(text, 0, text.size(), "2024-04-02", &found);
//   // "More than 100,000 people died in 2023" gives
//   //   {text "More than 100,000 people", kind COUNT, value 100000,
//   //    unit "people", qualifier MORE_THAN}
//   //   {text "2023", kind YEAR, value 2023, normalized_date "2023"}
//
// How it works. NumberFinder (numbers.h) first finds every number and its
// value. Then every FIGURE rule with figure_role FIGURE_PATTERN is searched
// over the text; a match is kept only when each number group below covers
// exactly one number found in the first step (so the values never come from
// the regex). Overlapping matches are settled by rule `priority` (lower is
// kept first), then length (longer first), then position (earlier first),
// then pack order. Spans inside a NUMBER_VETO match (a URL) hold no figure.
//
// Named groups of a FIGURE_PATTERN rule (all optional):
//   figure     the reported span; default: the whole match
//   number     the amount; `low` and `high` for a range (a scale on the
//              high end is shared: "5-10 million" is 5e6..10e6)
//   ordinal    an ordinal number ("21st")
//   minor      minor units after the unit ("3 dollars 50"), divided by the
//              unit's minor_units
//   qualifier  looked up among FIGURE_QUALIFIER entries
//   unit       looked up among FIGURE_UNIT entries (unit, kind, multiplier);
//              any other text is a counted noun, reported as written
//              ("people"), unless a FIGURE_NOT_UNIT entry matches a word of it
//   per_unit   a second unit: "km/h" from "km" and "hour"
//   scale      a NUMBER_SCALE word applied to the number ("75 USD million")
//   year, month, day, day_end, weekday, relative, period
//              date parts: `month` is a DATE_MONTH word or a number,
//              `weekday` a DATE_WEEKDAY word, `relative` a DATE_RELATIVE word,
//              `period` a DATE_PERIOD word; see dates.h for resolution
// Rule fields: figure_kind (a unit's kind replaces COUNT), unit (when there
// is no `unit` group), qualifier (when there is no `qualifier` group),
// multiplier (applied to the value: "£5m"), priority.
//
// A number written inside a word ("F-16", "29km") counts only when the match
// covers the letters it is glued to; a number that is part of a code
// ("192.168.1.2") only as a date part.
//
// Figure.value is the amount; for a RANGE the low end; for DATE and YEAR the
// year when known, else 0. A date needing the document date ("Tuesday") keeps
// its text and gets an empty normalized_date when none is given.
#ifndef CLAIMS_FIGURES_H_
#define CLAIMS_FIGURES_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "claims/numbers.h"
#include "claims/rule_set.h"
#include "proto/claims.pb.h"

namespace claims {

struct FigureLexicon;

class FigureExtractor {
 public:
  struct Options {
    // Also report units written without a number ("the dollar fell", "a
    // small percent") as figures with value 0: rules with bare_unit set. Off
    // by default: such mentions are no figures to check.
    bool bare_units = false;
  };

  // `rules` must outlive the extractor.
  explicit FigureExtractor(const RuleSet& rules);
  FigureExtractor(const RuleSet& rules, Options options);
  ~FigureExtractor();

  // Appends the figures found in text[begin, end) to `figures`, in order, with
  // spans as offsets into `text`. `document_date` ("YYYY-MM-DD", "YYYY-MM",
  // "YYYY" or empty) anchors relative dates such as "last Tuesday".
  void Extract(absl::string_view text, size_t begin, size_t end,
               absl::string_view document_date,
               std::vector<Figure>* figures) const;

  // The number finder the figures are built on.
  const NumberFinder& numbers() const { return numbers_; }

  // `text` as the figure patterns that have a number_masked_re see it: the
  // numbers NumberFinder finds in it masked where the rule packs' number
  // grammar reads them alike (MaskedReadEnd). Empty when the packs have no
  // `number_mention` macro.
  std::string NumbersMasked(absl::string_view text) const;

 private:
  // NumbersMasked for the `numbers` found up to `end`, with where a figure
  // that uses each must reach (MaskedReadEnd; 0 for one left as written).
  std::string MaskNumbers(absl::string_view text, size_t end,
                          const std::vector<NumberMention>& numbers,
                          std::vector<size_t>* read_to) const;

  // Whether numbers[i] may be masked for the figure patterns, and if so
  // where a figure that uses it must reach. It may where the number grammar
  // (RuleSet::number_mention()) can read exactly that number and, read from
  // its start, stops there (then the figure need only hold the number) or
  // at the end of a later number: NumberFinder split what the grammar joins,
  // so a figure may use the parts, but only together ("five-seven years" is
  // a range; "fifty-fifty" holds no figure of 50). It may not where the
  // grammar reads on over words NumberFinder left out ("the 2-million mark"
  // is "2" to NumberFinder), nor where the number ends a unit's word
  // ("km2"), which the patterns read as written.
  std::optional<size_t> MaskedReadEnd(absl::string_view text, size_t end,
                                      const std::vector<NumberMention>& numbers,
                                      size_t i) const;

  NumberFinder numbers_;
  // RuleSet::number_mention(): whether and where figure patterns run over
  // the text with its numbers masked.
  const RE2* number_mention_;
  std::unique_ptr<const FigureLexicon> lexicon_;
};

}  // namespace claims

#endif  // CLAIMS_FIGURES_H_
