#include "claims/attribution.h"

#include <algorithm>
#include <string>

#include "absl/strings/ascii.h"
#include "claims/quotations.h"
#include "claims/text_util.h"

namespace claims {
namespace {

// Punctuation that joins content to its attribution and is not part of it.
constexpr absl::string_view kContentEdge = ",;:";

ByteSpan GroupSpan(const RuleMatch& match, absl::string_view name,
                   size_t offset) {
  std::pair<int, int> group = match.group(name);
  if (group.first < 0) return {};
  return {offset + group.first, offset + group.second};
}

bool SameSpeaker(const Attribution& a, const Attribution& b) {
  return a.speaker.begin == b.speaker.begin && a.speaker.end == b.speaker.end;
}

bool Collides(const Attribution& a, const Attribution& kept) {
  if (a.cue.Overlaps(kept.cue) || a.cue.Overlaps(kept.speaker) ||
      a.speaker.Overlaps(kept.cue)) {
    return true;
  }
  // One subject with two cues ("X said ..., arguing ...") is two claims;
  // SplitSharedSpeakerContents separates their contents.
  if (SameSpeaker(a, kept)) return false;
  return kept.content.Contains(a.cue) || a.content.Contains(kept.cue);
}

// `inner` lies wholly inside `outer`'s content, and not the other way round
// ("X said Y, sources said" holds each cue in the other's content): it is a
// nested claim, which the recursion into that content finds again.
bool NestedIn(const Attribution& inner, const Attribution& outer) {
  return outer.content.Contains(inner.cue) &&
         outer.content.Contains(inner.speaker) &&
         !inner.content.Contains(outer.cue);
}

// Where the speaker's head (the part before any appositive comma or dash)
// really begins and ends, relative to its start. Each clause break moves the
// beginning past it ("The call came as both sides" -> "both sides"); a break
// with a `keep` group ends the speaker where that group ends ("Officials who
// attended the meeting" -> "Officials"), and the breaks go on in what is left.
struct SpeakerHead {
  size_t begin = 0;
  size_t end = 0;
};

SpeakerHead FindSpeakerHead(absl::string_view text, const RuleSet& rules,
                            ByteSpan speaker) {
  // "the official, who spoke ..." keeps its relative clause.
  absl::string_view phrase =
      text.substr(speaker.begin, speaker.end - speaker.begin);
  phrase = phrase.substr(0, AppositiveStart(phrase));
  SpeakerHead head{0, speaker.end - speaker.begin};
  RuleMatch match;
  bool found = true;
  while (found && head.begin < phrase.size()) {
    found = false;
    for (const CompiledRule* rule : rules.rules(CLAUSE_BREAK)) {
      if (!ApplyRule(*rule, phrase.substr(head.begin), &match)) continue;
      std::pair<int, int> keep = match.group("keep");
      if (keep.second > 0) {
        head.end = head.begin + keep.second;
        phrase = phrase.substr(0, head.end);
        found = true;
        break;
      }
      std::pair<int, int> rest = match.group("rest");
      size_t end = rest.first >= 0 ? rest.first : match.end;
      if (end > 0) {
        head.begin += end;
        found = true;
        break;
      }
    }
  }
  return head;
}

bool ExcludedSpeaker(absl::string_view text, const CompiledRule& rule,
                     ByteSpan speaker) {
  return rule.speaker_exclude_re != nullptr &&
         RE2::FullMatch(
             re2::StringPiece(text.data() + speaker.begin,
                              speaker.end - speaker.begin),
             *rule.speaker_exclude_re);
}

// Whether the attribution's rule or its cue's rule excludes its content.
bool ContentExcluded(absl::string_view text, const Attribution& a) {
  absl::string_view content =
      text.substr(a.content.begin, a.content.end - a.content.begin);
  for (const CompiledRule* rule : {a.rule, a.cue_rule}) {
    if (rule != nullptr && ExcludesContent(*rule, content)) return true;
  }
  return false;
}

// Narrows the content, decides the mode, and rejects empty parts.
bool Finish(absl::string_view text, const RuleSet& rules,
            const std::vector<Quotation>& quotations, Attribution* a) {
  // A relative pronoun speaker ("who") is checked through the phrase it
  // stands for.
  ByteSpan* named = a->antecedent.empty() ? &a->speaker : &a->antecedent;
  // speaker_exclude is written against the speaker as the pattern matched it
  // (", as they say," matched "as they") and against the phrase kept.
  if (ExcludedSpeaker(text, *a->rule, a->speaker)) return false;
  // A speaker before its cue starts after its last clause break; one after
  // its cue ("..., said the official") must be a plain phrase.
  SpeakerHead head = FindSpeakerHead(text, rules, *named);
  if (named->begin > a->cue.begin && head.begin > 0) return false;
  named->end = named->begin + head.end;
  named->begin += head.begin;
  TrimChars(text, kContentEdge, &named->begin, &named->end);
  Trim(text, &a->cue.begin, &a->cue.end);
  TrimChars(text, kContentEdge, &a->content.begin, &a->content.end);
  if (a->content.end > a->content.begin &&
      text[a->content.end - 1] == '.' &&
      (a->content.end - a->content.begin) > 1) {
    --a->content.end;
  }
  if (named->empty() || a->speaker.empty() || a->content.empty()) return false;
  absl::string_view speaker =
      text.substr(named->begin, named->end - named->begin);
  RuleMatch match;
  for (const CompiledRule* rule : rules.rules(NOT_SPEAKER)) {
    if (ApplyRule(*rule, speaker, &match)) return false;
  }
  if (ExcludedSpeaker(text, *a->rule, *named)) return false;
  a->cue_rule =
      rules.FindCue(text.substr(a->cue.begin, a->cue.end - a->cue.begin));
  if (ContentExcluded(text, *a)) return false;
  a->extent = {std::min({named->begin, a->speaker.begin, a->cue.begin,
                         a->content.begin}),
               std::max({a->speaker.end, a->cue.end, a->content.end})};
  a->mode = INDIRECT;
  for (const Quotation& quotation : quotations) {
    ByteSpan whole{quotation.begin, quotation.end};
    if (!whole.Overlaps(a->content)) continue;
    // An unclosed quotation runs to the end of the sentence, and so lost
    // the final period that the content did.
    bool runs_to_content_end =
        whole.end == a->content.end ||
        (!quotation.closed && whole.end == a->content.end + 1 &&
         text[a->content.end] == '.');
    if (whole.begin == a->content.begin && runs_to_content_end) {
      a->mode = DIRECT_QUOTE;
      a->content = {quotation.inner_begin, quotation.inner_end};
      TrimChars(text, kContentEdge, &a->content.begin, &a->content.end);
      return !a->content.empty();
    }
    a->mode = MIXED;
  }
  return true;
}

// Keeps `a` unless it collides with a kept match; kept matches nested in `a`
// give way to it. Returns whether `a` was kept.
bool Keep(const Attribution& a, std::vector<Attribution>* kept) {
  std::vector<size_t> nested;
  for (size_t k = 0; k < kept->size(); ++k) {
    if (!Collides(a, (*kept)[k])) continue;
    if (!NestedIn((*kept)[k], a)) return false;
    nested.push_back(k);
  }
  for (auto k = nested.rbegin(); k != nested.rend(); ++k) {
    kept->erase(kept->begin() + static_cast<std::ptrdiff_t>(*k));
  }
  kept->push_back(a);
  return true;
}

// The end of the last word of text[begin, end): every cue ends at or before
// it.
size_t LastWordEnd(absl::string_view text, size_t begin, size_t end) {
  while (end > begin && static_cast<unsigned char>(text[end - 1]) < 0x80 &&
         !absl::ascii_isalnum(static_cast<unsigned char>(text[end - 1]))) {
    --end;
  }
  return end;
}

// Claims of one speaker with several cues: each content ends where the next
// cue begins ("X said A, arguing B": A, then B). A content left with what its
// rules exclude goes ("chimed in on Twitter, saying ...": "on Twitter").
void SplitSharedSpeakerContents(absl::string_view text,
                                std::vector<Attribution>* kept) {
  for (size_t i = 0; i < kept->size(); ++i) {
    Attribution& a = (*kept)[i];
    bool cut = false;
    for (size_t j = 0; j < kept->size(); ++j) {
      const Attribution& b = (*kept)[j];
      if (i == j || !SameSpeaker(a, b) || !a.content.Contains(b.cue)) continue;
      a.content.end = b.cue.begin;
      TrimChars(text, kContentEdge, &a.content.begin, &a.content.end);
      if (a.content.end - a.content.begin > 4 &&
          text.substr(a.content.end - 4, 4) == " and") {
        a.content.end -= 4;
        TrimChars(text, kContentEdge, &a.content.begin, &a.content.end);
      }
      cut = true;
    }
    if (cut && ContentExcluded(text, a)) a.content.end = a.content.begin;
  }
  kept->erase(
      std::remove_if(kept->begin(), kept->end(),
                     [](const Attribution& a) { return a.content.empty(); }),
      kept->end());
}

// A span being searched at one depth: a sentence (depth 0) or the content
// of an attribution kept at the depth above.
struct Level {
  absl::string_view text;
  size_t begin = 0;
  size_t end = 0;
  int depth = 0;
  bool headline = false;
  std::vector<Quotation> quotations;
  // text[begin, end) with its quotations masked, as the rules read it.
  std::string masked;
  size_t last_word_end = 0;
  // The attributions found at this depth, and for each the index of the
  // Level that searches its content.
  std::vector<Attribution> kept;
  std::vector<size_t> contents;
};

// Matches `rule` in `level` up to kMaxMatchesPerRule times, each with a later
// cue than the one before, keeping what survives Finish and Keep.
void MatchRule(const RuleSet& rules, const CompiledRule& rule, Level& level,
               RuleMatch* match) {
  size_t from = 0;
  for (int n = 0; n < AttributionFinder::kMaxMatchesPerRule &&
                  ApplyRule(rule, level.masked, match, from);
       ++n) {
    // The next match of the same rule must have a later cue.
    std::pair<int, int> cue = match->group("cue");
    from = std::max(from + 1, static_cast<size_t>(std::max(cue.second, 0)));
    Attribution a;
    a.rule = &rule;
    a.speaker = GroupSpan(*match, "speaker", level.begin);
    a.antecedent = GroupSpan(*match, "antecedent", level.begin);
    a.cue = GroupSpan(*match, "cue", level.begin);
    a.content = GroupSpan(*match, "content", level.begin);
    if (a.cue.empty() || !Finish(level.text, rules, level.quotations, &a)) {
      continue;
    }
    // A later match of this rule starts after this cue. When this content
    // runs to the last word, that match's cue lies inside it (the words
    // between cue and content, "that", "on Tuesday", "reporters", hold no
    // speaker and cue of their own), so Keep would drop it: the rule stops
    // here, saving a pass over the rest of the sentence.
    if (Keep(a, &level.kept) && a.speaker.end <= a.cue.begin &&
        a.content.begin >= a.cue.end && a.content.end >= level.last_word_end) {
      break;
    }
  }
}

// Finds the attributions of levels[searched], all of one depth: the
// candidate scan of each, then each rule in priority order over every level
// that names it (rule by rule rather than level by level: see FindAll).
void MatchLevels(const RuleSet& rules, const std::vector<size_t>& searched,
                 std::vector<Level>& levels) {
  const RuleIndex& index = rules.index(ATTRIBUTION);
  std::vector<std::vector<size_t>> levels_of_rule(index.rules().size());
  std::vector<int> candidates;
  for (size_t i : searched) {
    Level& level = levels[i];
    FindQuotations(level.text, level.begin, level.end, &level.quotations);
    MaskQuotations(level.text, level.begin, level.end, level.quotations,
                   &level.masked);
    level.last_word_end = LastWordEnd(level.text, level.begin, level.end);
    index.Candidates(level.masked, &candidates);
    for (int candidate : candidates) {
      const Rule& rule = index.rules()[candidate]->rule;
      if (level.depth > 0 && rule.top_level_only()) continue;
      if (rule.headline_only() && !level.headline) continue;
      levels_of_rule[candidate].push_back(i);
    }
  }
  RuleMatch match;
  for (size_t r = 0; r < levels_of_rule.size(); ++r) {
    for (size_t i : levels_of_rule[r]) {
      MatchRule(rules, *index.rules()[r], levels[i], &match);
    }
  }
  for (size_t i : searched) {
    Level& level = levels[i];
    SplitSharedSpeakerContents(level.text, &level.kept);
    level.quotations = std::vector<Quotation>();
    level.masked = std::string();
  }
}

// Appends levels[i]'s attributions to `found`, each followed by what its
// content holds, depth first: each parent before its children.
void AppendDepthFirst(std::vector<Level>& levels, size_t i, int parent,
                      std::vector<Attribution>* found) {
  size_t first = found->size();
  for (Attribution& a : levels[i].kept) {
    a.parent = parent;
    found->push_back(std::move(a));
  }
  for (size_t k = 0; k < levels[i].contents.size(); ++k) {
    AppendDepthFirst(levels, levels[i].contents[k], static_cast<int>(first + k),
                     found);
  }
}

}  // namespace

AttributionFinder::AttributionFinder(const RuleSet& rules) : rules_(rules) {}

void AttributionFinder::Find(absl::string_view text, size_t begin, size_t end,
                             std::vector<Attribution>* found,
                             bool headline) const {
  FindAll({Input{text, begin, end, headline, found}});
}

void AttributionFinder::FindAll(absl::Span<const Input> sentences) const {
  std::vector<Level> levels(sentences.size());
  std::vector<size_t> searched(sentences.size());
  for (size_t i = 0; i < sentences.size(); ++i) {
    const Input& sentence = sentences[i];
    levels[i].text = sentence.text;
    levels[i].begin = sentence.begin;
    levels[i].end = sentence.end;
    levels[i].headline = sentence.headline;
    searched[i] = i;
  }
  for (int depth = 0; !searched.empty(); ++depth) {
    MatchLevels(rules_, searched, levels);
    std::vector<size_t> contents;
    if (depth < kMaxNesting) {
      for (size_t i : searched) {
        for (size_t k = 0; k < levels[i].kept.size(); ++k) {
          Level content;
          content.text = levels[i].text;
          content.begin = levels[i].kept[k].content.begin;
          content.end = levels[i].kept[k].content.end;
          content.depth = depth + 1;
          levels[i].contents.push_back(levels.size());
          contents.push_back(levels.size());
          levels.push_back(std::move(content));
        }
      }
    }
    searched = std::move(contents);
  }
  for (size_t i = 0; i < sentences.size(); ++i) {
    AppendDepthFirst(levels, i, -1, sentences[i].found);
  }
}

}  // namespace claims
