#include "claims/check.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace claims {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

bool Inside(const ValueInterval& inner, const ValueInterval& outer) {
  bool low_ok = inner.low > outer.low ||
                (inner.low == outer.low && (inner.low_open || !outer.low_open));
  bool high_ok =
      inner.high < outer.high ||
      (inner.high == outer.high && (inner.high_open || !outer.high_open));
  return low_ok && high_ok;
}

bool Disjoint(const ValueInterval& a, const ValueInterval& b) {
  auto before = [](const ValueInterval& x, const ValueInterval& y) {
    return x.high < y.low ||
           (x.high == y.low && (x.high_open || y.low_open));
  };
  return before(a, b) || before(b, a);
}

std::string Number(double value) { return absl::StrFormat("%.10g", value); }

std::string Describe(const ValueInterval& interval) {
  if (interval.low == -kInfinity) {
    return absl::StrCat(interval.high_open ? "below " : "at most ",
                        Number(interval.high));
  }
  if (interval.high == kInfinity) {
    return absl::StrCat(interval.low_open ? "above " : "at least ",
                        Number(interval.low));
  }
  if (interval.low == interval.high) return Number(interval.low);
  return absl::StrCat(interval.low_open ? "(" : "[", Number(interval.low), ", ",
                      Number(interval.high), interval.high_open ? ")" : "]");
}

}  // namespace

absl::string_view VerdictName(Verdict verdict) { return Verdict_Name(verdict); }

ValueInterval AllowedValues(const Figure& figure, const CheckOptions& options) {
  const double v = figure.value();
  // Years and ordinals are counted, never rounded.
  const double exact = figure.kind() == YEAR || figure.kind() == ORDINAL
                           ? 0
                           : std::fabs(v) * options.exact_tolerance;
  const double about = std::fabs(v) * options.about_tolerance;
  if (figure.kind() == RANGE || figure.low() != figure.high()) {
    return {figure.low(), figure.high()};
  }
  switch (figure.qualifier()) {
    case MORE_THAN:
      return {v, kInfinity, true, false};
    case AT_LEAST:
      return {v, kInfinity};
    case LESS_THAN:
      return {-kInfinity, v, false, true};
    case AT_MOST:
    case UP_TO:
      return {-kInfinity, v};
    case ABOUT:
      return {v - about, v + about};
    case NEARLY:
      return {v - about, v, false, true};
    default:
      return {v - exact, v + exact};
  }
}

Verdict CompareFigure(const Figure& claim, const Figure& reference,
                      const CheckOptions& options, std::string* explanation) {
  // A date is right or wrong as written, to the precision both give.
  if (claim.kind() == DATE && !claim.normalized_date().empty() &&
      !reference.normalized_date().empty()) {
    const std::string& a = claim.normalized_date();
    const std::string& b = reference.normalized_date();
    size_t common = std::min(a.size(), b.size());
    Verdict verdict =
        a.compare(0, common, b, 0, common) == 0 ? SUPPORTED : CONTRADICTED;
    *explanation = absl::StrCat("\"", DescribeFigure(claim), "\" is ", a,
                                "; the reference \"", DescribeFigure(reference),
                                "\" is ", b);
    return verdict;
  }
  ValueInterval allowed = AllowedValues(claim, options);
  ValueInterval found = AllowedValues(reference, options);
  // An exact reference is a point: its rounding slack belongs to the claim.
  if (reference.qualifier() == EXACT ||
      reference.qualifier() == QUALIFIER_UNSPECIFIED) {
    found = {reference.value(), reference.value()};
  }
  Verdict verdict = Inside(found, allowed)     ? SUPPORTED
                    : Disjoint(found, allowed) ? CONTRADICTED
                                               : NOT_FOUND;
  *explanation = absl::StrCat(
      "\"", DescribeFigure(claim), "\" allows ", Describe(allowed),
      "; the reference \"", DescribeFigure(reference), "\" says ",
      Describe(found),
      verdict == NOT_FOUND ? ": too vague to decide" : "");
  return verdict;
}

Checker::Checker(const RuleSet& rules, const DiffOptions& diff_options,
                 const CheckOptions& check_options)
    : analyzer_(rules, diff_options), options_(check_options) {}

CheckReport Checker::Check(const DiffInput& article,
                           const std::vector<DiffInput>& references) const {
  CheckReport report;
  report.set_threshold(analyzer_.options().threshold);
  auto add_document = [&](const DiffInput& input) {
    ComparedDocument* doc = report.add_documents();
    doc->set_id(input.document.id());
    doc->set_title(input.document.title());
    doc->set_text(input.text);
    doc->set_body_begin(input.document.body_begin());
  };
  add_document(article);
  std::vector<Statement> claimed;
  analyzer_.Analyze(article, 0, &claimed);
  std::vector<Statement> evidence;
  for (size_t k = 0; k < references.size(); ++k) {
    add_document(references[k]);
    analyzer_.Analyze(references[k], k + 1, &evidence);
  }
  for (const Statement& statement : claimed) {
    if (!statement.figures().empty()) *report.add_statements() = statement;
  }
  for (const Statement& statement : evidence) *report.add_statements() = statement;

  std::vector<const Statement*> all;
  for (const Statement& s : claimed) all.push_back(&s);
  for (const Statement& s : evidence) all.push_back(&s);
  const Rarity rarity = StatementAnalyzer::RarityOf(all);
  int contradicted = 0;
  for (const Statement& statement : claimed) {
    for (const Figure& figure : statement.figures()) {
      CheckItem* item = report.add_items();
      item->set_statement(statement.id());
      *item->mutable_figure() = figure;
      const Statement* best = nullptr;
      const Figure* best_figure = nullptr;
      double best_score = 0;
      for (const Statement& candidate : evidence) {
        // Of several comparable figures, the one closest in value is the
        // one the claim is most likely about ("7-2": 2 is checked against 2).
        const Figure* comparable = nullptr;
        for (const Figure& f : candidate.figures()) {
          if (SameQuantity(figure, f) &&
              (comparable == nullptr ||
               std::fabs(f.value() - figure.value()) <
                   std::fabs(comparable->value() - figure.value()))) {
            comparable = &f;
          }
        }
        if (comparable == nullptr) continue;
        double score = analyzer_.TopicSimilarity(statement, candidate, &rarity);
        if (score > best_score) {
          best = &candidate;
          best_figure = comparable;
          best_score = score;
        }
      }
      if (best == nullptr || best_score < analyzer_.options().threshold) {
        item->set_verdict(NOT_FOUND);
        item->set_explanation(absl::StrCat(
            "no reference statement with a comparable figure reaches "
            "similarity ",
            analyzer_.options().threshold));
        continue;
      }
      std::string explanation;
      item->set_verdict(
          CompareFigure(figure, *best_figure, options_, &explanation));
      item->set_reference_statement(best->id());
      *item->mutable_reference_figure() = *best_figure;
      item->set_similarity(best_score);
      item->set_explanation(std::move(explanation));
      if (item->verdict() == CONTRADICTED) ++contradicted;
    }
  }
  report.set_contradicted_count(contradicted);
  return report;
}

}  // namespace claims
