#include "claims/diff.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace claims {
namespace {

// Calls `found(begin, end, groups)` for every non-empty match of `rule` in
// text[begin, end), matched as a text of its own (^ and $ are its ends), with
// offsets into `text`; matches do not overlap.
template <typename Found>
void ForEachMatchIn(const CompiledRule& rule, absl::string_view text,
                    size_t begin, size_t end, const Found& found) {
  absl::string_view part = text.substr(begin, end - begin);
  ForEachMatch(rule, part, 0, part.size(),
               [&](size_t b, size_t e,
                   const std::vector<re2::StringPiece>& groups) {
                 if (b == e) return false;
                 found(begin + b, begin + e, groups);
                 return true;
               });
}

bool Overlaps(const std::vector<std::pair<size_t, size_t>>& taken,
              size_t begin, size_t end) {
  for (const auto& [b, e] : taken) {
    if (begin < e && b < end) return true;
  }
  return false;
}

// Decodes the UTF-8 code point at text[i] and its length (1 for a bad byte).
char32_t CodePointAt(absl::string_view text, size_t i, size_t* length) {
  unsigned char c = text[i];
  int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
  if (i + extra >= text.size()) extra = 0;
  char32_t code = extra == 0 ? c : c & (0x3F >> extra);
  for (int k = 1; k <= extra; ++k) code = (code << 6) | (text[i + k] & 0x3F);
  *length = 1 + extra;
  return code;
}

// Letters of words: ASCII letters and non-ASCII letters, but not the
// typographic punctuation block (curly quotes, dashes) nor digits, which
// belong to figures.
bool IsWordCodePoint(char32_t c) {
  if (c < 0x80) return absl::ascii_isalpha(static_cast<unsigned char>(c));
  return c >= 0xC0 && !(c >= 0x2000 && c <= 0x206F) && c != 0xD7 &&
         c != 0xF7;
}

// The first `letters` code points of `word`, lower-cased.
std::string Normalize(absl::string_view word, int letters) {
  size_t i = 0;
  for (int n = 0; n < letters && i < word.size(); ++n) {
    size_t length;
    CodePointAt(word, i, &length);
    i += length;
  }
  return absl::AsciiStrToLower(word.substr(0, i));
}

std::string FigureKey(const Figure& figure, bool with_value) {
  std::string key = absl::StrCat("#", FigureKind_Name(figure.kind()), ":",
                                 absl::AsciiStrToLower(figure.unit()));
  if (!with_value) return key;
  if (!figure.normalized_date().empty()) {
    return absl::StrCat(key, ":", figure.normalized_date());
  }
  return absl::StrCat(key, ":", absl::StrFormat("%.6g", figure.value()), ":",
                      Qualifier_Name(figure.qualifier()));
}

std::vector<std::string> TermTexts(
    const google::protobuf::RepeatedPtrField<Term>& terms, bool initiators) {
  std::set<std::string> texts;
  for (const Term& term : terms) {
    texts.insert(absl::AsciiStrToLower(initiators && !term.initiator().empty()
                                           ? term.initiator()
                                           : term.text()));
  }
  return {texts.begin(), texts.end()};
}

std::string Quoted(const std::vector<std::string>& texts) {
  if (texts.empty()) return "none";
  return absl::StrCat(
      "\"", absl::StrJoin(texts, "\", \""), "\"");
}

std::vector<std::string> RuleIds(
    const google::protobuf::RepeatedPtrField<Term>& a,
    const google::protobuf::RepeatedPtrField<Term>& b) {
  std::set<std::string> ids;
  for (const Term& term : a) ids.insert(term.rule_id());
  for (const Term& term : b) ids.insert(term.rule_id());
  return {ids.begin(), ids.end()};
}

}  // namespace

absl::string_view DiffLabelName(DiffLabel label) {
  return DiffLabel_Name(label);
}

bool SameQuantity(const Figure& a, const Figure& b) {
  return a.kind() == b.kind() &&
         absl::AsciiStrToLower(a.unit()) == absl::AsciiStrToLower(b.unit());
}

Statement StatementAnalyzer::WordsOf(absl::string_view text) const {
  Statement statement;
  AddWords(text, 0, text.size(), &statement);
  return statement;
}

std::string DescribeFigure(const Figure& figure) {
  if (!figure.text().empty()) return figure.text();
  return absl::StrFormat("%.6g", figure.value());
}

StatementAnalyzer::StatementAnalyzer(const RuleSet& rules,
                                     const DiffOptions& options)
    : rules_(rules),
      options_(options),
      splitter_(rules),
      figures_(rules),
      hedges_(rules) {}

void StatementAnalyzer::AddWords(absl::string_view text, size_t begin,
                                 size_t end, Statement* statement) const {
  std::set<std::string> words, entities;
  std::vector<std::pair<size_t, size_t>> taken;
  for (const CompiledRule* rule : rules_.rules(DIFF_WORD)) {
    ForEachMatchIn(*rule, text, begin, end,
                   [&](size_t b, size_t e,
                       const std::vector<re2::StringPiece>&) {
                   if (Overlaps(taken, b, e)) return;
                   taken.emplace_back(b, e);
                   const std::string& lemma = rule->rule.lemma();
                   if (lemma.empty()) return;
                   words.insert(lemma);
                   if (absl::ascii_isupper(static_cast<unsigned char>(lemma[0]))) {
                     entities.insert(lemma);
                   }
                 });
  }
  bool first_word = true;
  size_t i = begin;
  while (i < end) {
    size_t length;
    if (!IsWordCodePoint(CodePointAt(text, i, &length))) {
      i += length;
      continue;
    }
    size_t word_end = i;
    while (word_end < end &&
           IsWordCodePoint(CodePointAt(text, word_end, &length))) {
      word_end += length;
    }
    absl::string_view word = text.substr(i, word_end - i);
    // A digit glued to the word ("G20") makes it a name, kept whole.
    while (word_end < end && absl::ascii_isdigit(text[word_end])) ++word_end;
    bool capital = absl::ascii_isupper(static_cast<unsigned char>(word[0]));
    // Letters glued after a number ("75th", "10km") belong to the figure.
    bool after_digit = i > begin && absl::ascii_isdigit(text[i - 1]);
    if (word_end - i >= 2 && !after_digit && !Overlaps(taken, i, word_end)) {
      std::string normalized = word_end - i > word.size()
                                   ? absl::AsciiStrToLower(
                                         text.substr(i, word_end - i))
                                   : Normalize(word, options_.word_prefix);
      // A capital that only starts the sentence says nothing.
      if (capital && !first_word) entities.insert(normalized);
      words.insert(std::move(normalized));
    }
    first_word = false;
    i = word_end;
  }
  statement->mutable_words()->Assign(words.begin(), words.end());
  statement->mutable_entities()->Assign(entities.begin(), entities.end());
}

void StatementAnalyzer::Analyze(const DiffInput& input, uint32_t index,
                                std::vector<Statement>* statements) const {
  const std::string& text = input.text;
  size_t body = std::min<size_t>(input.document.body_begin(), text.size());
  std::vector<Sentence> sentences;
  splitter_.Split(text, body, text.size(), &sentences);
  int number = 0;
  for (const Sentence& sentence : sentences) {
    Statement statement;
    statement.set_document(index);
    statement.mutable_span()->set_begin(sentence.begin);
    statement.mutable_span()->set_end(sentence.end);
    statement.set_text(text.substr(sentence.begin, sentence.end - sentence.begin));
    AddWords(text, sentence.begin, sentence.end, &statement);
    std::vector<Figure> figures;
    figures_.Extract(text, sentence.begin, sentence.end, input.document.date(),
                     &figures);
    for (Figure& figure : figures) *statement.add_figures() = std::move(figure);
    if (statement.words().empty() && statement.figures().empty()) continue;

    std::vector<Hedge> hedges;
    hedges_.Find(text, sentence.begin, sentence.end, &hedges);
    for (Hedge& hedge : hedges) {
      // Approximators qualify figures: the figure comparison sees them.
      if (hedge.kind() != APPROXIMATOR) *statement.add_hedges() = std::move(hedge);
    }
    auto add_terms = [&](RuleKind kind,
                         google::protobuf::RepeatedPtrField<Term>* terms) {
      std::vector<std::pair<size_t, size_t>> taken;
      for (const CompiledRule* rule : rules_.rules(kind)) {
        int initiator = rule->group_index("initiator");
        ForEachMatchIn(*rule, text, sentence.begin, sentence.end,
                       [&](size_t b, size_t e,
                           const std::vector<re2::StringPiece>& groups) {
                       if (Overlaps(taken, b, e)) return;
                       taken.emplace_back(b, e);
                       Term* term = terms->Add();
                       term->set_text(text.substr(b, e - b));
                       term->mutable_span()->set_begin(b);
                       term->mutable_span()->set_end(e);
                       term->set_rule_id(rule->rule.id());
                       if (initiator >= 0 &&
                           groups[initiator].data() != nullptr) {
                         term->set_initiator(std::string(groups[initiator]));
                       }
                     });
      }
      std::sort(terms->begin(), terms->end(), [](const Term& x, const Term& y) {
        return x.span().begin() < y.span().begin();
      });
    };
    add_terms(FRAMING_CUE, statement.mutable_framing());
    add_terms(INITIATIVE_CUE, statement.mutable_initiative());
    for (const Claim& claim : input.document.claims()) {
      // Only speakers the extractor could classify: a clause mistaken for a
      // speaker would make every pair an attribution difference.
      if (!claim.has_speaker() || claim.speaker().text().empty() ||
          claim.speaker().kind() == SPEAKER_KIND_UNSPECIFIED ||
          claim.speaker().kind() == UNKNOWN) {
        continue;
      }
      const Span& span = claim.speaker().span();
      if (span.begin() < sentence.begin || span.end() > sentence.end) continue;
      statement.add_speakers(claim.speaker().text());
      if (claim.speaker().anonymous()) statement.set_anonymous_speaker(true);
    }
    statement.set_id(absl::StrCat("d", index, ".s", ++number));
    statements->push_back(std::move(statement));
  }
}

std::vector<std::string> StatementAnalyzer::Features(const Statement& s,
                                                     bool figure_values) {
  std::set<std::string> keys(s.words().begin(), s.words().end());
  for (const Figure& figure : s.figures()) {
    keys.insert(FigureKey(figure, figure_values));
  }
  return {keys.begin(), keys.end()};
}

Rarity StatementAnalyzer::RarityOf(
    const std::vector<const Statement*>& statements) {
  absl::flat_hash_map<std::string, int> frequency;
  for (const Statement* s : statements) {
    for (const std::string& key : Features(*s, true)) ++frequency[key];
    // Figures by kind and unit alone, as TopicSimilarity compares them.
    for (const std::string& key : Features(*s, false)) {
      if (key[0] == '#') ++frequency[key];
    }
  }
  Rarity rarity;
  for (const auto& [key, count] : frequency) {
    rarity[key] = std::log((statements.size() + 1.0) / count);
  }
  return rarity;
}

double StatementAnalyzer::Score(const Statement& a, const Statement& b,
                                bool figure_values, const Rarity* rarity,
                                std::vector<std::string>* shared) const {
  std::set<std::string> entities(a.entities().begin(), a.entities().end());
  entities.insert(b.entities().begin(), b.entities().end());
  auto weight = [&](const std::string& key) {
    double base = key[0] == '#'                 ? options_.figure_weight
                  : entities.count(key) > 0 ? options_.entity_weight
                                                : 1.0;
    if (rarity == nullptr) return base;
    auto it = rarity->find(key);
    return base * (it == rarity->end() ? 1.0 : it->second);
  };
  std::vector<std::string> keys_a = Features(a, figure_values);
  std::vector<std::string> keys_b = Features(b, figure_values);
  double total_a = 0, total_b = 0, common = 0;
  for (const std::string& key : keys_a) total_a += weight(key);
  for (const std::string& key : keys_b) {
    total_b += weight(key);
    if (std::binary_search(keys_a.begin(), keys_a.end(), key)) {
      common += weight(key);
      if (shared != nullptr) shared->push_back(key);
    }
  }
  if (common == 0) return 0;
  double dice = 2 * common / (total_a + total_b);
  double containment = common / std::min(total_a, total_b);
  return (dice + containment) / 2;
}

double StatementAnalyzer::Similarity(const Statement& a, const Statement& b,
                                     const Rarity* rarity,
                                     std::vector<std::string>* shared) const {
  return Score(a, b, /*figure_values=*/true, rarity, shared);
}

double StatementAnalyzer::TopicSimilarity(const Statement& a,
                                          const Statement& b,
                                          const Rarity* rarity) const {
  return Score(a, b, /*figure_values=*/false, rarity, nullptr);
}

namespace {

// The findings of one comparison, side A against side B.
class PairComparison {
 public:
  PairComparison(const StatementAnalyzer& analyzer,
                 const std::vector<Statement>& a,
                 const std::vector<Statement>& b, uint32_t b_document,
                 DiffReport* report)
      : analyzer_(analyzer), a_(a), b_(b), b_document_(b_document),
        report_(report) {
    std::vector<const Statement*> all;
    for (const Statement& s : a_) all.push_back(&s);
    for (const Statement& s : b_) all.push_back(&s);
    rarity_ = StatementAnalyzer::RarityOf(all);
  }

  void Run() {
    const double threshold = analyzer_.options().threshold;
    std::vector<std::vector<double>> score(a_.size(),
                                           std::vector<double>(b_.size()));
    for (size_t i = 0; i < a_.size(); ++i) {
      for (size_t j = 0; j < b_.size(); ++j) {
        score[i][j] = analyzer_.Similarity(a_[i], b_[j], &rarity_, nullptr);
      }
    }
    std::vector<size_t> best_b(a_.size()), best_a(b_.size());
    for (size_t i = 0; i < a_.size(); ++i) {
      for (size_t j = 1; j < b_.size(); ++j) {
        if (score[i][j] > score[i][best_b[i]]) best_b[i] = j;
      }
    }
    for (size_t j = 0; j < b_.size(); ++j) {
      for (size_t i = 1; i < a_.size(); ++i) {
        if (score[i][j] > score[best_a[j]][j]) best_a[j] = i;
      }
    }
    // Mutual best partners align at the threshold; a statement whose best
    // partner prefers another needs `secondary_threshold` (one long sentence
    // may cover two short ones, but a shared name alone should not pull a
    // lone statement into a pair).
    std::set<std::pair<size_t, size_t>> pairs;
    auto consider = [&](size_t i, size_t j) {
      bool mutual = best_b[i] == j && best_a[j] == i;
      if (score[i][j] >= (mutual ? threshold
                                 : analyzer_.options().secondary_threshold)) {
        pairs.emplace(i, j);
      }
    };
    if (!b_.empty()) {
      for (size_t i = 0; i < a_.size(); ++i) consider(i, best_b[i]);
    }
    if (!a_.empty()) {
      for (size_t j = 0; j < b_.size(); ++j) consider(best_a[j], j);
    }
    std::vector<bool> aligned_a(a_.size()), aligned_b(b_.size());
    for (const auto& [i, j] : pairs) aligned_a[i] = aligned_b[j] = true;
    for (size_t i = 0; i < a_.size(); ++i) {
      for (auto it = pairs.lower_bound({i, 0});
           it != pairs.end() && it->first == i; ++it) {
        LabelPair(a_[i], b_[it->second]);
      }
      if (!aligned_a[i]) OneSided(&a_[i], nullptr);
    }
    for (size_t j = 0; j < b_.size(); ++j) {
      if (!aligned_b[j]) OneSided(nullptr, &b_[j]);
    }
  }

 private:
  Finding* Add(DiffLabel label, const Statement* a, const Statement* b,
               std::string explanation) {
    Finding* finding = report_->add_findings();
    finding->set_label(label);
    finding->set_a_document(0);
    finding->set_b_document(b_document_);
    if (a != nullptr) finding->set_a_statement(a->id());
    if (b != nullptr) finding->set_b_statement(b->id());
    if (a != nullptr && b != nullptr) {
      std::vector<std::string> shared;
      finding->set_similarity(analyzer_.Similarity(*a, *b, &rarity_, &shared));
      finding->mutable_shared()->Assign(shared.begin(), shared.end());
    }
    finding->set_explanation(std::move(explanation));
    return finding;
  }

  void LabelPair(const Statement& a, const Statement& b) {
    int before = report_->findings_size();
    CompareFigures(a, b);
    CompareSpeakers(a, b);
    if (a.hedges().empty() != b.hedges().empty()) {
      const Statement& hedged = a.hedges().empty() ? b : a;
      Add(HEDGE_DIFFERENCE, &a, &b,
          absl::StrCat("hedge: ", a.hedges().empty() ? "B" : "A", " says \"",
                       hedged.hedges(0).text(), "\", ",
                       a.hedges().empty() ? "A" : "B", " asserts"));
    }
    CompareTerms(FRAMING, "framing", a.framing(), b.framing(), &a, &b);
    CompareTerms(INITIATIVE, "initiative", a.initiative(), b.initiative(), &a,
                 &b);
    if (report_->findings_size() == before) {
      Add(AGREE, &a, &b, "agree: the same content on both sides");
    }
  }

  void CompareFigures(const Statement& a, const Statement& b) {
    for (const Figure& fa : a.figures()) {
      const Figure* comparable = nullptr;
      bool equal = false;
      for (const Figure& fb : b.figures()) {
        if (!SameQuantity(fa, fb)) continue;
        if (comparable == nullptr) comparable = &fb;
        if (FigureKey(fa, true) == FigureKey(fb, true)) equal = true;
      }
      if (comparable == nullptr || equal) continue;
      Add(FIGURE_CONFLICT, &a, &b,
          absl::StrCat("figure: A \"", DescribeFigure(fa), "\" vs B \"",
                       DescribeFigure(*comparable), "\""));
    }
  }

  void CompareSpeakers(const Statement& a, const Statement& b) {
    Statement words_a, words_b;
    for (const std::string& s : a.speakers()) AddSpeakerWords(s, &words_a);
    for (const std::string& s : b.speakers()) AddSpeakerWords(s, &words_b);
    // A speaker with no content words ("it", "the leaders") names nobody.
    if (words_a.words().empty() || words_b.words().empty()) return;
    std::string why;
    if (a.anonymous_speaker() != b.anonymous_speaker()) {
      why = "named on one side, anonymous on the other";
    } else if (analyzer_.Similarity(words_a, words_b, nullptr, nullptr) == 0) {
      why = "different speakers";
    } else {
      return;
    }
    Add(ATTRIBUTION_DIFFERENCE, &a, &b,
        absl::StrCat("attribution: ", why, ": A ",
                     Quoted({a.speakers().begin(), a.speakers().end()}),
                     " vs B ",
                     Quoted({b.speakers().begin(), b.speakers().end()})));
  }

  // Speakers are compared by their normalised words: "Mr Putin" matches
  // "Vladimir Putin".
  void AddSpeakerWords(const std::string& speaker, Statement* words) {
    Statement parsed = analyzer_.WordsOf(speaker);
    for (const std::string& w : parsed.words()) words->add_words(w);
  }

  void CompareTerms(DiffLabel label, absl::string_view what,
                    const google::protobuf::RepeatedPtrField<Term>& ta,
                    const google::protobuf::RepeatedPtrField<Term>& tb,
                    const Statement* a, const Statement* b) {
    bool initiators = label == INITIATIVE;
    std::vector<std::string> texts_a = TermTexts(ta, initiators);
    std::vector<std::string> texts_b = TermTexts(tb, initiators);
    if (texts_a == texts_b) return;
    std::string explanation = absl::StrCat(what, ": A ", Quoted(texts_a),
                                           " vs B ", Quoted(texts_b));
    if (a == nullptr || b == nullptr) {
      absl::StrAppend(&explanation, " (no counterpart on ",
                      a == nullptr ? "A" : "B", ")");
    }
    Finding* finding = Add(label, a, b, std::move(explanation));
    std::vector<std::string> ids = RuleIds(ta, tb);
    finding->mutable_rule_ids()->Assign(ids.begin(), ids.end());
  }

  void OneSided(const Statement* a, const Statement* b) {
    const Statement& present = a != nullptr ? *a : *b;
    Add(a != nullptr ? ONLY_IN_A : ONLY_IN_B, a, b,
        absl::StrCat("omission: no statement on side ", a != nullptr ? "B" : "A",
                     " reaches similarity ", analyzer_.options().threshold));
    google::protobuf::RepeatedPtrField<Term> none;
    CompareTerms(FRAMING, "framing", a != nullptr ? present.framing() : none,
                 b != nullptr ? present.framing() : none, a, b);
    CompareTerms(INITIATIVE, "initiative",
                 a != nullptr ? present.initiative() : none,
                 b != nullptr ? present.initiative() : none, a, b);
  }

  const StatementAnalyzer& analyzer_;
  const std::vector<Statement>& a_;
  const std::vector<Statement>& b_;
  uint32_t b_document_;
  DiffReport* report_;
  Rarity rarity_;
};

}  // namespace

Differ::Differ(const RuleSet& rules, const DiffOptions& options)
    : analyzer_(rules, options) {}

DiffReport Differ::Diff(const std::vector<DiffInput>& inputs) const {
  DiffReport report;
  report.set_threshold(analyzer_.options().threshold);
  std::vector<std::vector<Statement>> statements(inputs.size());
  for (size_t k = 0; k < inputs.size(); ++k) {
    ComparedDocument* doc = report.add_documents();
    doc->set_id(inputs[k].document.id());
    doc->set_title(inputs[k].document.title());
    doc->set_text(inputs[k].text);
    doc->set_body_begin(inputs[k].document.body_begin());
    analyzer_.Analyze(inputs[k], k, &statements[k]);
    for (const Statement& s : statements[k]) *report.add_statements() = s;
  }
  for (size_t k = 1; k < inputs.size(); ++k) {
    PairComparison(analyzer_, statements[0], statements[k], k, &report).Run();
  }
  int differences = 0;
  for (const Finding& finding : report.findings()) {
    if (finding.label() != AGREE) ++differences;
  }
  report.set_difference_count(differences);
  return report;
}

}  // namespace claims
