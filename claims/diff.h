// Differ: compares how two or more documents describe the same event.
//
//   auto rules = claims::RuleSet::Load(claims::DefaultRulePacks(), {});
//   claims::Extractor extractor(**rules);
//   std::vector<claims::DiffInput> inputs(2);
//   inputs[0].text = white_house_readout;   // and inputs[1].text = kremlin_readout
//   for (claims::DiffInput& input : inputs)
//     extractor.Extract(input.text, &input.document);
//   claims::Differ differ(**rules, claims::DiffOptions());
//   claims::DiffReport report = differ.Diff(inputs);
//   // report.findings(): AGREE, ONLY_IN_A, FRAMING, ... (proto/diff.proto)
//
// How it works, so that every finding can be explained:
//   1. Each document body is cut into sentences (claims/sentences.h); each is
//      a Statement with its normalised content words and entities (DIFF_WORD
//      rules of claims/rules/en/diff.textproto give canonical forms and drop
//      function words; other words are lower-cased and cut to their first
//      `word_prefix` letters, a crude but predictable stemmer), its figures
//      and dates (claims/figures.h), its hedges (claims/hedges.h), its framing
//      and initiative terms (FRAMING_CUE and INITIATIVE_CUE rules), and the
//      speakers of the extractor's claims inside it.
//   2. Similarity of two statements is the mean of the weighted Dice
//      coefficient of those features, 2 * w(shared) / (w(A) + w(B)), and the
//      containment w(shared) / min(w(A), w(B)), so that a short statement
//      said inside a long one still aligns. A word weighs 1, an entity
//      `entity_weight`, a figure `figure_weight`, each times its rarity
//      log((N + 1) / n) among the N statements of the two documents (n of
//      which have it): a name every sentence repeats counts for little.
//   3. The first document is side A; every other document in turn is side B.
//      Each statement is aligned with its most similar statement on the other
//      side (ties: the earlier one) when the score reaches `threshold` and
//      the two are each other's most similar, or `secondary_threshold`
//      otherwise; the pairs from both directions are kept, so one long
//      sentence may align with several short ones.
//   4. Each aligned pair is labelled FIGURE_CONFLICT, ATTRIBUTION_DIFFERENCE,
//      HEDGE_DIFFERENCE, FRAMING or INITIATIVE for each difference found, or
//      AGREE when none; a statement aligned with nothing is ONLY_IN_A or
//      ONLY_IN_B, plus FRAMING or INITIATIVE when it carries such terms.
// The result depends only on the inputs, the rules and the options.
//
// Options (DiffOptions), with defaults:
//   threshold      0.2  similarity two mutually most similar statements
//                       need to be aligned
//   secondary_threshold 0.3  similarity a statement needs to be aligned with
//                       a partner that is more similar to another statement
//   word_prefix    5    letters of a word that are compared
//   entity_weight  2.0  weight of a capitalised word
//   figure_weight  2.0  weight of a figure or date
#ifndef CLAIMS_DIFF_H_
#define CLAIMS_DIFF_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "claims/figures.h"
#include "claims/hedges.h"
#include "claims/rule_set.h"
#include "claims/sentences.h"
#include "proto/claims.pb.h"
#include "proto/diff.pb.h"

namespace claims {

struct DiffOptions {
  double threshold = 0.2;
  double secondary_threshold = 0.3;
  int word_prefix = 5;
  double entity_weight = 2.0;
  double figure_weight = 2.0;
};

// Feature -> rarity weight (StatementAnalyzer::RarityOf).
using Rarity = absl::flat_hash_map<std::string, double>;

// One document to compare: its text and the Document the extractor filled
// from it (id, title, date, body_begin, claims).
struct DiffInput {
  Document document;
  std::string text;
};

// Builds Statements and scores pairs of them. Shared by Differ and Checker.
class StatementAnalyzer {
 public:
  // `rules` must outlive the analyzer.
  StatementAnalyzer(const RuleSet& rules, const DiffOptions& options);

  // Appends one Statement per sentence of input.text after body_begin that
  // has at least one content word or figure. Ids are "d<index>.s<n>".
  void Analyze(const DiffInput& input, uint32_t index,
               std::vector<Statement>* statements) const;

  // Similarity in [0, 1] (see the file comment). `rarity` may be null (all
  // features equally rare). When `shared` is not null, it receives what both
  // statements have, sorted: words, then "#"-prefixed figures.
  double Similarity(const Statement& a, const Statement& b,
                    const Rarity* rarity,
                    std::vector<std::string>* shared) const;

  // Like Similarity, but figures count only by their kind and unit, so that
  // "more than 100,000 people" and "98,000 people" still align (for checks).
  double TopicSimilarity(const Statement& a, const Statement& b,
                         const Rarity* rarity) const;

  // The features Similarity compares, sorted: words, and figures as
  // "#KIND:unit" plus ":value:QUALIFIER" (or ":date") with figure_values.
  static std::vector<std::string> Features(const Statement& statement,
                                           bool figure_values);

  // The rarity of every feature of `statements`: log((N + 1) / n) for a
  // feature found in n of the N statements.
  static Rarity RarityOf(const std::vector<const Statement*>& statements);

  // A statement holding only the normalised words and entities of `text`.
  Statement WordsOf(absl::string_view text) const;

  const DiffOptions& options() const { return options_; }

 private:
  void AddWords(absl::string_view text, size_t begin, size_t end,
                Statement* statement) const;
  double Score(const Statement& a, const Statement& b, bool figure_values,
               const Rarity* rarity, std::vector<std::string>* shared) const;

  const RuleSet& rules_;
  DiffOptions options_;
  SentenceSplitter splitter_;
  FigureExtractor figures_;
  HedgeFinder hedges_;
};

// Two figures measure the same quantity: same kind and same unit.
bool SameQuantity(const Figure& a, const Figure& b);

// "more than 100,000 people" as written, or the value when the text is empty.
std::string DescribeFigure(const Figure& figure);

class Differ {
 public:
  // `rules` must outlive the differ.
  Differ(const RuleSet& rules, const DiffOptions& options);

  // Compares inputs[0] with each of inputs[1..]. Fewer than two inputs give
  // a report with no findings.
  DiffReport Diff(const std::vector<DiffInput>& inputs) const;

 private:
  StatementAnalyzer analyzer_;
};

// "FRAMING" for FRAMING, and so on.
absl::string_view DiffLabelName(DiffLabel label);

}  // namespace claims

#endif  // CLAIMS_DIFF_H_
