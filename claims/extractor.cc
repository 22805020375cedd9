#include "claims/extractor.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "claims/attribution.h"
#include "claims/figures.h"
#include "claims/hedges.h"
#include "claims/quotations.h"
#include "claims/sentences.h"
#include "claims/speakers.h"
#include "claims/text_util.h"
#include "claims/turns.h"

namespace claims {
namespace {

// Rule ids of the behaviours that are the engine's own rather than a pack's.
constexpr char kQuoteContinuationRule[] = "builtin.quote_continuation";
constexpr char kUnattributedFigureRule[] = "builtin.unattributed_figure";

void SetSpan(ByteSpan span, Span* out) {
  out->set_begin(static_cast<uint32_t>(span.begin));
  out->set_end(static_cast<uint32_t>(span.end));
}

std::string Slice(absl::string_view text, ByteSpan span) {
  return std::string(text.substr(span.begin, span.end - span.begin));
}

ByteSpan ToByteSpan(const Span& span) { return {span.begin(), span.end()}; }

// Figures that state a checkable quantity; a bare date or ordinal does not
// make a sentence a claim.
bool IsQuantity(const Figure& figure) {
  switch (figure.kind()) {
    case COUNT:
    case MONEY:
    case PERCENT:
    case MEASURE:
    case RANGE:
      return true;
    default:
      return false;
  }
}

// A sentence that is one quotation and nothing else but punctuation.
bool IsBareQuotation(absl::string_view text, const Sentence& sentence,
                     Quotation* quotation) {
  std::vector<Quotation> quotations;
  FindQuotations(text, sentence.begin, sentence.end, &quotations);
  if (quotations.size() != 1 || quotations[0].begin != sentence.begin) {
    return false;
  }
  size_t rest = quotations[0].end;
  size_t end = sentence.end;
  TrimChars(text, ".,;:!?", &rest, &end);
  *quotation = quotations[0];
  return rest >= end;
}

// When sentence `s` ends its paragraph with a colon ("The message reads, in
// part:", "He said:"), it introduces the next paragraph: the index of that
// paragraph's last sentence. Otherwise `s`.
size_t IntroducedParagraphEnd(absl::string_view text,
                              const std::vector<Sentence>& sentences,
                              size_t s) {
  const Sentence& lead_in = sentences[s];
  if (lead_in.end == lead_in.begin || text[lead_in.end - 1] != ':' ||
      s + 1 >= sentences.size() ||
      sentences[s + 1].paragraph != lead_in.paragraph + 1) {
    return s;
  }
  size_t last = s + 1;
  while (last + 1 < sentences.size() &&
         sentences[last + 1].paragraph == sentences[s + 1].paragraph) {
    ++last;
  }
  return last;
}

// Whether the first sentence is the document's headline: the document has no
// title of its own (front matter, a JSONL title) and its first paragraph is
// that one sentence, on one line.
bool HasHeadline(absl::string_view text, const Document& doc,
                 const std::vector<Sentence>& sentences) {
  if (!doc.title().empty() || sentences.size() < 2 ||
      sentences[1].paragraph == sentences[0].paragraph) {
    return false;
  }
  return text.substr(sentences[0].begin, sentences[0].end - sentences[0].begin)
             .find('\n') == absl::string_view::npos;
}

// What the first stages of ExtractAll found in one document, for the last.
struct DocumentStages {
  size_t body = 0;
  std::vector<Sentence> sentences;
  std::vector<Figure> figures;
  // The attributions of each sentence alone.
  std::vector<std::vector<Attribution>> attributions;
};

struct PendingClaim {
  Claim claim;
  // Indices into the pending list of the parent and of the claim whose
  // quotation this one continues, or -1.
  int parent = -1;
  int continues = -1;
};

}  // namespace

struct Extractor::Impl {
  explicit Impl(const RuleSet& rules)
      : rules(rules),
        splitter(rules),
        attributions(rules),
        speakers(rules),
        figures(rules),
        hedges(rules) {}

  Claim MakeClaim(absl::string_view text, const Sentence& sentence,
                  const Attribution& a) const;
  bool IsQuotedSpeakerSelfReport(absl::string_view text, Mode parent_mode,
                                 const Attribution& child) const;
  // The leftmost match of every `kind` rule that matches the sentence, in
  // pack order, with offsets into the sentence: found once per sentence and
  // shared by its claims.
  void MatchSentence(RuleKind kind, absl::string_view sentence_text,
                     std::vector<RuleMatch>* matches) const;
  void AddSource(absl::string_view text, const Sentence& sentence,
                 const std::vector<RuleMatch>& sources, Claim* claim) const;
  void AddAnonymityReason(absl::string_view text, const Sentence& sentence,
                          const std::vector<RuleMatch>& reasons,
                          Claim* claim) const;
  void AddFiguresAndHedges(absl::string_view text,
                           const std::vector<Figure>& all_figures,
                           Claim* claim) const;
  // The claims of `text`, from what the earlier stages found in it (their
  // attributions are moved out).
  void AddClaims(absl::string_view text, DocumentStages& stages,
                 Document* doc) const;

  const RuleSet& rules;
  SentenceSplitter splitter;
  AttributionFinder attributions;
  Speakers speakers;
  FigureExtractor figures;
  HedgeFinder hedges;
};

Claim Extractor::Impl::MakeClaim(absl::string_view text,
                                 const Sentence& sentence,
                                 const Attribution& a) const {
  Claim claim;
  SetSpan(a.extent, claim.mutable_span());
  SetSpan({sentence.begin, sentence.end}, claim.mutable_sentence_span());
  claim.mutable_content()->set_text(Slice(text, a.content));
  SetSpan(a.content, claim.mutable_content()->mutable_span());
  claim.set_mode(a.mode);
  claim.add_rule_ids(a.rule->rule.id());

  Speaker* speaker = claim.mutable_speaker();
  speaker->set_text(Slice(text, a.speaker));
  SetSpan(a.speaker, speaker->mutable_span());
  if (!a.antecedent.empty()) {
    speaker->mutable_resolved_to()->set_text(Slice(text, a.antecedent));
    SetSpan(a.antecedent, speaker->mutable_resolved_to()->mutable_span());
  }

  Cue* cue = claim.mutable_cue();
  cue->set_text(Slice(text, a.cue));
  SetSpan(a.cue, cue->mutable_span());
  if (const CompiledRule* cue_rule = a.cue_rule) {
    cue->set_lemma(cue_rule->rule.lemma());
    cue->set_kind(cue_rule->rule.cue_kind());
    cue->set_rule_id(cue_rule->rule.id());
    claim.add_rule_ids(cue_rule->rule.id());
  } else {
    cue->set_lemma(absl::AsciiStrToLower(cue->text()));
    cue->set_kind(a.rule->rule.cue_kind());
    cue->set_rule_id(a.rule->rule.id());
  }
  return claim;
}

// "“I think we can do it,” she said": inside a quotation, the quoted
// speaker reporting their own thought or words is a hedge on the quote, not
// a second claim.
bool Extractor::Impl::IsQuotedSpeakerSelfReport(absl::string_view text,
                                                Mode parent_mode,
                                                const Attribution& child) const {
  if (parent_mode != DIRECT_QUOTE && parent_mode != MIXED) return false;
  return speakers.RefersToQuotedSpeaker(
      text.substr(child.speaker.begin, child.speaker.end - child.speaker.begin));
}

void Extractor::Impl::MatchSentence(RuleKind kind,
                                    absl::string_view sentence_text,
                                    std::vector<RuleMatch>* matches) const {
  matches->clear();
  const RuleIndex& index = rules.index(kind);
  std::vector<int> candidates;
  index.Candidates(sentence_text, &candidates);
  RuleMatch match;
  for (int candidate : candidates) {
    if (ApplyRule(*index.rules()[candidate], sentence_text, &match)) {
      matches->push_back(match);
    }
  }
}

void Extractor::Impl::AddSource(absl::string_view text,
                                const Sentence& sentence,
                                const std::vector<RuleMatch>& sources,
                                Claim* claim) const {
  ByteSpan content = ToByteSpan(claim->content().span());
  ByteSpan window = ToByteSpan(claim->span());
  // A channel named in the sentence but outside the quoted or reported
  // words, nearest the attribution: "..., it said in a statement", "a White
  // House statement said".
  const CompiledRule* best_rule = nullptr;
  ByteSpan best_source, best_issuer;
  size_t best_distance = 0;
  for (const RuleMatch& match : sources) {
    std::pair<int, int> group = match.group("source");
    if (group.first < 0) group = {match.begin, match.end};
    ByteSpan source{sentence.begin + group.first,
                    sentence.begin + group.second};
    if (source.Overlaps(content)) continue;
    size_t distance = source.begin >= window.end     ? source.begin - window.end
                      : window.begin >= source.end ? window.begin - source.end
                                                   : 0;
    if (best_rule != nullptr && distance >= best_distance) continue;
    std::pair<int, int> issuer = match.group("issuer");
    best_rule = match.rule;
    best_source = source;
    best_issuer = issuer.first < 0
                      ? ByteSpan{}
                      : ByteSpan{sentence.begin + issuer.first,
                                 sentence.begin + issuer.second};
    best_distance = distance;
  }
  if (best_rule == nullptr) return;
  Source* out = claim->mutable_source();
  out->set_kind(best_rule->rule.source_kind());
  out->set_text(Slice(text, best_source));
  SetSpan(best_source, out->mutable_span());
  out->set_issuer(best_issuer.empty() ? "" : Slice(text, best_issuer));
  out->set_rule_id(best_rule->rule.id());
  claim->add_rule_ids(best_rule->rule.id());
}

void Extractor::Impl::AddAnonymityReason(absl::string_view text,
                                         const Sentence& sentence,
                                         const std::vector<RuleMatch>& reasons,
                                         Claim* claim) const {
  // The first reason rule in pack order that matches the sentence.
  if (reasons.empty()) return;
  const RuleMatch& match = reasons.front();
  ByteSpan reason{sentence.begin + match.begin, sentence.begin + match.end};
  AnonymityReason* out = claim->mutable_speaker()->mutable_anonymity_reason();
  out->set_text(Slice(text, reason));
  SetSpan(reason, out->mutable_span());
  out->set_category(match.rule->rule.reason_category());
  out->set_rule_id(match.rule->rule.id());
}

void Extractor::Impl::AddFiguresAndHedges(
    absl::string_view text, const std::vector<Figure>& all_figures,
    Claim* claim) const {
  ByteSpan content = ToByteSpan(claim->content().span());
  for (const Figure& figure : all_figures) {
    if (content.Contains(ToByteSpan(figure.span()))) {
      *claim->add_figures() = figure;
    }
  }
  ByteSpan span = ToByteSpan(claim->span());
  std::vector<Hedge> found;
  hedges.Find(text, span.begin, span.end, &found);
  for (Hedge& hedge : found) {
    ByteSpan scope = ToByteSpan(hedge.scope());
    scope.begin = std::max(scope.begin, content.begin);
    scope.end = std::min(scope.end, content.end);
    if (scope.empty()) scope = content;
    SetSpan(scope, hedge.mutable_scope());
    *claim->add_hedges() = std::move(hedge);
  }
}

Extractor::Extractor(const RuleSet& rules) : impl_(new Impl(rules)) {}

Extractor::~Extractor() { delete impl_; }

void Extractor::Extract(absl::string_view text, Document* doc) const {
  ExtractAll({text}, {doc});
}

void Extractor::ExtractAll(absl::Span<const absl::string_view> texts,
                           absl::Span<Document* const> docs) const {
  std::vector<DocumentStages> stages(texts.size());
  for (size_t i = 0; i < texts.size(); ++i) {
    docs[i]->set_text_length(static_cast<uint32_t>(texts[i].size()));
    size_t body = std::min<size_t>(docs[i]->body_begin(), texts[i].size());
    // A byte-order mark is not part of the first sentence.
    if (absl::StartsWith(texts[i].substr(body), "\xEF\xBB\xBF")) body += 3;
    stages[i].body = body;
    impl_->splitter.Split(texts[i], body, texts[i].size(),
                          &stages[i].sentences);
  }
  for (size_t i = 0; i < texts.size(); ++i) {
    impl_->figures.Extract(texts[i], stages[i].body, texts[i].size(),
                           docs[i]->date(), &stages[i].figures);
  }
  // Every sentence of the batch at once, also those that AddClaims then
  // reads as the paragraph a lead-in introduces (rare: 0.5% more searches
  // over the Kremlin corpus).
  std::vector<AttributionFinder::Input> inputs;
  for (size_t i = 0; i < texts.size(); ++i) {
    const std::vector<Sentence>& sentences = stages[i].sentences;
    const bool first_line_is_headline =
        HasHeadline(texts[i], *docs[i], sentences);
    stages[i].attributions.resize(sentences.size());
    for (size_t s = 0; s < sentences.size(); ++s) {
      inputs.push_back({texts[i], sentences[s].begin, sentences[s].end,
                        /*headline=*/s == 0 && first_line_is_headline,
                        &stages[i].attributions[s]});
    }
  }
  impl_->attributions.FindAll(inputs);
  for (size_t i = 0; i < texts.size(); ++i) {
    impl_->AddClaims(texts[i], stages[i], docs[i]);
  }
}

void Extractor::Impl::AddClaims(absl::string_view text, DocumentStages& stages,
                                Document* doc) const {
  const std::vector<Sentence>& sentences = stages.sentences;
  const std::vector<Figure>& all_figures = stages.figures;

  std::vector<PendingClaim> pending;
  // For each sentence, the index in `pending` of its first top-level claim,
  // or -1 when it has none.
  std::vector<int> first_claim(sentences.size(), -1);
  std::vector<Attribution> found;
  std::vector<RuleMatch> sources, reasons;
  for (size_t s = 0; s < sentences.size(); ++s) {
    Sentence sentence = sentences[s];
    found = std::move(stages.attributions[s]);
    // A lead-in with no claim of its own is matched together with the
    // paragraph it introduces, as one sentence, when that gives a claim
    // whose cue is in the lead-in.
    size_t last = s;
    if (found.empty()) {
      last = IntroducedParagraphEnd(text, sentences, s);
      if (last > s) {
        attributions.Find(text, sentence.begin, sentences[last].end, &found);
        bool introduces = std::any_of(
            found.begin(), found.end(), [&](const Attribution& a) {
              return a.parent < 0 && a.cue.begin < sentence.end;
            });
        if (introduces) {
          sentence.end = sentences[last].end;
        } else {
          found.clear();
          last = s;
        }
      }
    }
    if (!found.empty()) {
      absl::string_view sentence_text =
          text.substr(sentence.begin, sentence.end - sentence.begin);
      MatchSentence(SOURCE, sentence_text, &sources);
      MatchSentence(ANONYMITY_REASON, sentence_text, &reasons);
    }
    // Index in `pending` of each found attribution, or of the nearest
    // ancestor kept in its place.
    std::vector<int> kept(found.size(), -1);
    for (size_t k = 0; k < found.size(); ++k) {
      const Attribution& a = found[k];
      int parent = a.parent < 0 ? -1 : kept[a.parent];
      // The nearest kept ancestor decides: a dropped self-report ("I
      // would not say we agreed") passes its quotation on to its children.
      if (parent >= 0 &&
          IsQuotedSpeakerSelfReport(text, pending[parent].claim.mode(), a)) {
        kept[k] = parent;
        continue;
      }
      kept[k] = static_cast<int>(pending.size());
      PendingClaim claim{MakeClaim(text, sentence, a), parent};
      // A nested claim came through its parent's channel, not its own.
      if (a.parent < 0) AddSource(text, sentence, sources, &claim.claim);
      AddAnonymityReason(text, sentence, reasons, &claim.claim);
      if (first_claim[s] < 0 && a.parent < 0) {
        first_claim[s] = static_cast<int>(pending.size());
      }
      pending.push_back(std::move(claim));
    }
    // The introduced paragraph is the lead-in's content, not a claim of its
    // own, and a quotation after it continues the lead-in's speaker.
    for (size_t introduced = s + 1; introduced <= last; ++introduced) {
      first_claim[introduced] = first_claim[s];
    }
    s = last;
  }

  // Sentences with no attribution of their own: a bare quotation continues
  // the speaker of the quotation next to it; a stated quantity is an
  // unattributed claim.
  for (size_t s = 0; s < sentences.size(); ++s) {
    if (first_claim[s] >= 0) continue;
    const Sentence& sentence = sentences[s];
    Quotation quotation;
    if (IsBareQuotation(text, sentence, &quotation)) {
      int neighbour_index = -1;
      bool neighbour_before = false;
      if (!quotation.closed && s + 1 < sentences.size() &&
          first_claim[s + 1] >= 0) {
        neighbour_index = first_claim[s + 1];
      } else if (s > 0 && first_claim[s - 1] >= 0 &&
                 sentences[s - 1].paragraph + 1 >= sentence.paragraph) {
        neighbour_index = first_claim[s - 1];
        neighbour_before = true;
      }
      if (neighbour_index < 0) continue;
      const Claim* neighbour = &pending[neighbour_index].claim;
      // Reported words that quote some of theirs go on in a quotation of
      // their own too ("She called it a “rant.” “We had no context.”"), but
      // a quotation is not taken back to a later claim that is not one.
      if (neighbour->mode() != DIRECT_QUOTE &&
          !(neighbour->mode() == MIXED && neighbour_before)) {
        continue;
      }
      ByteSpan content{quotation.inner_begin, quotation.inner_end};
      TrimChars(text, ",;:", &content.begin, &content.end);
      if (content.empty()) continue;
      Claim claim;
      SetSpan({sentence.begin, sentence.end}, claim.mutable_span());
      SetSpan({sentence.begin, sentence.end}, claim.mutable_sentence_span());
      claim.mutable_content()->set_text(Slice(text, content));
      SetSpan(content, claim.mutable_content()->mutable_span());
      claim.set_mode(DIRECT_QUOTE);
      *claim.mutable_speaker() = neighbour->speaker();
      claim.mutable_speaker()->clear_resolved_to();
      claim.add_rule_ids(kQuoteContinuationRule);
      pending.push_back({std::move(claim), -1, neighbour_index});
      continue;
    }
    ByteSpan content{sentence.begin, sentence.end};
    TrimChars(text, ".", &content.begin, &content.end);
    bool states_quantity = false;
    for (const Figure& figure : all_figures) {
      if (IsQuantity(figure) && content.Contains(ToByteSpan(figure.span()))) {
        states_quantity = true;
        break;
      }
    }
    if (!states_quantity) continue;
    Claim claim;
    SetSpan(content, claim.mutable_span());
    SetSpan({sentence.begin, sentence.end}, claim.mutable_sentence_span());
    claim.mutable_content()->set_text(Slice(text, content));
    SetSpan(content, claim.mutable_content()->mutable_span());
    claim.set_mode(UNATTRIBUTED);
    claim.add_rule_ids(kUnattributedFigureRule);
    pending.push_back({std::move(claim), -1});
  }

  for (PendingClaim& claim : pending) {
    AddFiguresAndHedges(text, all_figures, &claim.claim);
  }

  // Document order; a parent starts no later and ends no earlier than its
  // children, so it sorts before them.
  std::vector<int> order(pending.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    const Span& x = pending[a].claim.span();
    const Span& y = pending[b].claim.span();
    if (x.begin() != y.begin()) return x.begin() < y.begin();
    return x.end() > y.end();
  });
  std::vector<std::string> ids(pending.size());
  for (size_t rank = 0; rank < order.size(); ++rank) {
    ids[order[rank]] = absl::StrCat("c", rank + 1);
  }
  for (int i : order) {
    Claim* claim = doc->add_claims();
    *claim = std::move(pending[i].claim);
    claim->set_id(ids[i]);
    if (pending[i].parent >= 0) claim->set_parent_id(ids[pending[i].parent]);
    if (pending[i].continues >= 0) {
      claim->set_continues_id(ids[pending[i].continues]);
    }
  }
  speakers.ResolveAll(doc, AttributeTurns(rules, text, doc));
  for (Claim& claim : *doc->mutable_claims()) {
    if (!claim.has_speaker()) continue;
    Speaker* speaker = claim.mutable_speaker();
    if (!speaker->anonymous()) speaker->clear_anonymity_reason();
    // "X said in a statement": the statement is X's.
    if (claim.has_source() && claim.source().issuer().empty()) {
      claim.mutable_source()->set_issuer(
          !speaker->name().empty()        ? speaker->name()
          : speaker->has_resolved_to()    ? speaker->resolved_to().text()
                                          : speaker->text());
    }
  }
}

}  // namespace claims
