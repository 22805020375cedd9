#include "claims/speakers.h"

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "claims/text_util.h"

namespace claims {
namespace {

std::string GroupText(absl::string_view text, const RuleMatch& match,
                      absl::string_view name) {
  std::pair<int, int> group = match.group(name);
  if (group.first < 0) return "";
  return std::string(text.substr(group.first, group.second - group.first));
}

bool KindAllowed(const Rule& reference, SpeakerKind kind) {
  if (reference.refers_to().empty()) return true;
  for (int allowed : reference.refers_to()) {
    if (allowed == kind) return true;
  }
  return false;
}

// Whether every word of `head` occurs in the candidate's phrase or in the
// mention it was itself resolved to.
bool HasAllWords(absl::string_view head, const Speaker& candidate) {
  std::string haystack = absl::AsciiStrToLower(
      absl::StrCat(candidate.text(), " ", candidate.resolved_to().text()));
  for (absl::string_view word :
       absl::StrSplit(head, absl::ByAnyChar(" \t\n"), absl::SkipEmpty())) {
    if (!absl::StrContains(haystack, word)) return false;
  }
  return true;
}

// The fields Speakers::Classify sets, but rule_id.
void CopyClass(const Speaker& from, Speaker* to) {
  to->set_kind(from.kind());
  to->set_title(from.title());
  to->set_affiliation(from.affiliation());
  to->set_name(from.name());
  to->set_anonymous(from.anonymous());
  to->set_anonymous_family(from.anonymous_family());
}

// The earliest mention a speaker stands for: the one it was resolved to, or
// itself.
const Span& EarliestMention(const Speaker& speaker) {
  return speaker.has_resolved_to() ? speaker.resolved_to().span()
                                   : speaker.span();
}

bool SameMention(const Speaker& a, const Speaker& b) {
  return EarliestMention(a).begin() == EarliestMention(b).begin() &&
         EarliestMention(a).end() == EarliestMention(b).end();
}

// Copies the class of `antecedent` onto `speaker`, keeping surface and span.
void TakeClassFrom(const Speaker& antecedent, Speaker* speaker) {
  CopyClass(antecedent, speaker);
  if (!speaker->has_anonymity_reason() && antecedent.has_anonymity_reason()) {
    *speaker->mutable_anonymity_reason() = antecedent.anonymity_reason();
  }
  Mention* mention = speaker->mutable_resolved_to();
  if (antecedent.has_resolved_to()) {
    *mention = antecedent.resolved_to();
  } else {
    mention->set_text(antecedent.text());
    *mention->mutable_span() = antecedent.span();
  }
}

}  // namespace

Speakers::Speakers(const RuleSet& rules) : rules_(rules) {}

void Speakers::Classify(Speaker* speaker) const {
  auto take_class = [speaker](const Speaker& from) {
    CopyClass(from, speaker);
    speaker->set_rule_id(from.rule_id());
  };
  {
    absl::MutexLock lock(&cache_mutex_);
    auto cached = cache_.find(speaker->text());
    if (cached != cache_.end()) {
      take_class(cached->second);
      return;
    }
  }
  Speaker classified;
  ClassifyUncached(speaker->text(), &classified);
  take_class(classified);
  absl::MutexLock lock(&cache_mutex_);
  // Emptied rather than evicted one by one: memory stays bounded and the
  // phrases that matter come back within a few documents.
  if (cache_.size() >= kMaxCachedPhrases) cache_.clear();
  cache_.try_emplace(speaker->text(), std::move(classified));
}

void Speakers::ClassifyUncached(absl::string_view text,
                                Speaker* speaker) const {
  if (ClassifyPhrase(text, speaker)) return;
  // "A senior official, who spoke on condition of anonymity", "Ms. Kall --
  // co-editor of a book --": the head before the appositive decides.
  size_t appositive = AppositiveStart(text);
  if (appositive != absl::string_view::npos) {
    size_t begin = 0, end = appositive;
    Trim(text, &begin, &end);
    if (ClassifyPhrase(text.substr(begin, end - begin), speaker)) return;
  }
  speaker->set_kind(UNKNOWN);
}

bool Speakers::ClassifyPhrase(absl::string_view text, Speaker* speaker) const {
  RuleMatch match;
  for (const CompiledRule* rule : rules_.rules(SPEAKER)) {
    if (!ApplyRule(*rule, text, &match)) continue;
    speaker->set_kind(rule->rule.speaker_kind());
    speaker->set_anonymous(rule->rule.anonymous());
    speaker->set_anonymous_family(rule->rule.family());
    speaker->set_title(GroupText(text, match, "title"));
    speaker->set_name(GroupText(text, match, "name"));
    std::string affiliation = GroupText(text, match, "affiliation");
    // "Norland’s trade minister": the affiliation is Norland.
    for (absl::string_view possessive : {"\xE2\x80\x99s", "'s"}) {
      if (absl::EndsWith(affiliation, possessive)) {
        affiliation.resize(affiliation.size() - possessive.size());
      }
    }
    speaker->set_affiliation(affiliation);
    speaker->set_rule_id(rule->rule.id());
    return true;
  }
  return false;
}

void Speakers::ResolveAll(
    Document* document,
    const absl::flat_hash_map<std::string, std::string>& voiced_by) const {
  std::vector<const Speaker*> earlier;
  absl::flat_hash_map<std::string, const Claim*> by_id;
  // The speaker whose own words hold `claim`, or nullptr.
  auto voice_of = [&](const Claim& claim) -> const Speaker* {
    if (auto voice = voiced_by.find(claim.id()); voice != voiced_by.end()) {
      auto label = by_id.find(voice->second);
      return label == by_id.end() ? nullptr : &label->second->speaker();
    }
    auto parent = by_id.find(claim.parent_id());
    if (parent == by_id.end() || !parent->second->has_speaker()) {
      return nullptr;
    }
    const Claim& holder = *parent->second;
    // Quoted words, and a transcript label's words, are the speaker's own.
    if (holder.mode() == DIRECT_QUOTE || holder.mode() == MIXED ||
        holder.cue().kind() == TRANSCRIPT_LABEL) {
      return &holder.speaker();
    }
    return nullptr;
  };
  RuleMatch match;
  for (Claim& claim : *document->mutable_claims()) {
    by_id[claim.id()] = &claim;
    if (!claim.has_speaker()) continue;
    Speaker* speaker = claim.mutable_speaker();
    const Speaker* antecedent = nullptr;
    const CompiledRule* reference = nullptr;
    // What a relative pronoun stands for, when the sentence names it: "an
    // architect who said ...".
    Speaker named;
    if (speaker->has_resolved_to()) {
      named.set_text(speaker->resolved_to().text());
      *named.mutable_span() = speaker->resolved_to().span();
      Classify(&named);
      antecedent = &named;
    } else {
      for (const CompiledRule* rule : rules_.rules(REFERENCE)) {
        if (ApplyRule(*rule, speaker->text(), &match)) {
          reference = rule;
          break;
        }
      }
    }
    if (reference != nullptr && reference->rule.refers_to_quoted_speaker()) {
      antecedent = voice_of(claim);
    } else if (reference != nullptr) {
      std::string head = absl::AsciiStrToLower(
          GroupText(speaker->text(), match, "head"));
      const Speaker* voice = voice_of(claim);
      for (auto it = earlier.rbegin(); it != earlier.rend(); ++it) {
        const Speaker& candidate = **it;
        if (candidate.span().begin() == speaker->span().begin()) continue;
        if (!KindAllowed(reference->rule, candidate.kind())) continue;
        if (!head.empty() && !HasAllWords(head, candidate)) continue;
        if (voice == nullptr || !SameMention(candidate, *voice)) {
          antecedent = &candidate;
        }
        break;
      }
    }
    if (antecedent != nullptr) {
      TakeClassFrom(*antecedent, speaker);
      speaker->set_rule_id(reference != nullptr ? reference->rule.id()
                                                : named.rule_id());
    } else {
      Classify(speaker);
    }
    if (!speaker->rule_id().empty()) claim.add_rule_ids(speaker->rule_id());
    earlier.push_back(speaker);
  }
}

bool Speakers::RefersToQuotedSpeaker(absl::string_view phrase) const {
  RuleMatch match;
  for (const CompiledRule* rule : rules_.rules(REFERENCE)) {
    if (rule->rule.refers_to_quoted_speaker() &&
        ApplyRule(*rule, phrase, &match)) {
      return true;
    }
  }
  return false;
}

}  // namespace claims
