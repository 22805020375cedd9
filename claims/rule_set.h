// RuleSet: the validated, compiled rule packs that drive extraction.
//
// A rule pack is a text-format claims.RulePack (see proto/rule_pack.proto).
// Loading never throws: every problem is returned as an absl::Status whose
// message names the file, the line and the rule id, e.g.
//
//   claims/rules/en/cues.textproto:41: rule "cue.say": pattern does not
//   compile: missing ): (?:said|says
//
// Typical use:
//
//   absl::StatusOr<std::unique_ptr<claims::RuleSet>> rules =
//       claims::RuleSet::Load(claims::DefaultRulePacks(), {"my_rules/"});
//   if (!rules.ok()) { /* report rules.status() */ }
//   for (const claims::CompiledRule* rule :
//        (*rules)->rules(claims::ATTRIBUTION)) { ... }
//
// Loading rules:
//   * Packs are applied in order: built-in packs first, then each directory's
//     *.textproto files sorted by name. A rule whose id is already present
//     replaces the earlier rule in place; a new id is appended. A macro name
//     may be defined again only with `replaces: true`.
//   * `{NAME}` in a pattern expands to a macro or to a lexicon (the alternation
//     of every CUE rule whose `lexicon` is NAME), recursively: as a
//     non-capturing group, or pasted as is inside a character class
//     ("[{UPPER}’'-]", where the macro holds class members).
//   * Every rule must have an id, a kind and a pattern that compiles; ids are
//     [a-z0-9_.]+; an ATTRIBUTION pattern must have `speaker`, `cue` and
//     `content` groups.
//   * Patterns that expand to the same text with the same budget compile once
//     and are shared between rules (PatternPool): their lazy DFA builds each
//     state once.
//
// Options used for every pattern (RE2 defaults otherwise):
//   option            value   why
//   encoding          UTF-8   spans are UTF-8 byte offsets
//   max_mem           64 MiB  rule packs are user input; refuse huge patterns
//                             (a pattern that fits in
//                             RuleSetOptions::pattern_memory, 4 MiB unless
//                             set, is matched with that smaller DFA cache,
//                             but for FIGURE and TURN_START patterns, which
//                             search whole paragraphs and documents: same
//                             matches, less memory; the parts of a CueSplit
//                             get half of it each)
//   max_mem (RuleIndex) 32 MiB one RE2::Set per kind (and per list the
//                             figure and hedge finders index) over every
//                             trigger; a trigger with a long span
//                             ("[^,]{0,80}") blows up the whole set's DFA,
//                             so keep them lexical
//   log_errors        false   errors are returned, not printed
//   case_sensitive    true    write (?i) in a pattern to ignore case
#ifndef CLAIMS_RULE_SET_H_
#define CLAIMS_RULE_SET_H_

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "claims/pattern_pool.h"
#include "claims/rule_profile.h"
#include "claims/text_util.h"
#include "proto/rule_pack.pb.h"
#include "re2/re2.h"
#include "re2/set.h"

namespace claims {

// One rule pack as text, with the name used in error messages.
struct RulePackSource {
  std::string file_name;
  std::string content;
};

// An ATTRIBUTION pattern cut where its top-level `cue` group begins,
// "HEAD(?P<cue>CUE)TAIL", so that it can be matched from its cues outward.
// Searched as a whole, such a pattern makes RE2's lazy DFA follow a speaker
// phrase from every word at once through auxiliaries into the cue lexicon, and
// the combinations overflow its cache; each part alone stays small. ApplyRule
// finds every offset where CUE matches, keeps those where TAIL matches, and
// asks HEAD, run backwards from each, where the leftmost match ending there
// starts. The smallest start is where the whole pattern's leftmost match
// starts, so the match and its groups are the same.
struct CueSplit {
  // CUE alone, searched for the offsets where a cue can start.
  std::shared_ptr<const RE2> cue;
  // HEAD followed by any one character and the end of the text: matched
  // against the text up to and including the cue's first character, so that
  // assertions at the end of HEAD (\b) still see that character.
  std::shared_ptr<const RE2> head;
  // "(?P<cue>CUE)TAIL", matched anchored at a cue.
  std::shared_ptr<const RE2> tail;
  // HEAD alone when it starts with "^" (not "^?", "^*" or "^{...}", which may
  // match nothing): no cue need be tried unless it matches at the start of
  // the text, which is often quick to rule out, and HEAD's groups can be
  // taken at the first cue it fits.
  std::shared_ptr<const RE2> anchored_head;
  // Capturing groups of HEAD: group g of the pattern is group g of `head`
  // up to this number, and group g - head_groups of `tail` after it.
  int head_groups = 0;

  // Whether ApplyRule should check `anchored_head` before trying the cues.
  // The check only filters, so the matches are the same either way; it pays
  // where it rejects most texts ("^“..." on sentences that open with no
  // quotation mark) and costs a search where it rejects few (a HEAD that runs
  // over a speaker phrase, a verb and any words up to "and" takes most of
  // the sentence to decide, and is true for most sentences its cue picks).
  // So it is checked on the first kAnchoredHeadTrials texts, and after them
  // only if it rejected at least half of those.
  static constexpr int kAnchoredHeadTrials = 256;
  bool UseAnchoredHead() const;
  // Counts one check of `anchored_head` during the trials.
  void RecordAnchoredHead(bool rejected) const;
  // The trials so far (threads share them, and may count a few past the
  // limit).
  mutable std::atomic<int> anchored_checks{0};
  mutable std::atomic<int> anchored_rejections{0};
};

// A rule with its compiled pattern and where it was defined.
struct CompiledRule {
  Rule rule;
  // The pattern after macro expansion.
  std::string expanded_pattern;
  // The compiled pattern, shared with every rule that compiles the same text
  // (see PatternPool), as are the other patterns below. An ATTRIBUTION
  // pattern that ends in a named group closing with an any-character run
  // under (?s), "(?P<content>\S.+)", is compiled with that run cut to the
  // character it needs, and ApplyRule extends the group (tail_group) and the
  // match to the end of the text: the same match, found without walking the
  // rest of the sentence.
  std::shared_ptr<const RE2> re;
  // Index in `re` of the group that runs to the end of the text, or -1.
  int tail_group = -1;
  // ATTRIBUTION: `re` cut at its cue, or null when its pattern is not a
  // concatenation with a top-level `cue` group after something else, or the
  // rule was not loaded by a RuleSet. Compiled at the first call
  // (thread-safe): most rules never run on a short input, and loading is most
  // of its cost.
  const CueSplit* cue_split() const;
  // What cue_split() compiles with (the pool of the RuleSet that loaded the
  // rule), and its result.
  PatternPool* cue_split_pool = nullptr;
  int64_t cue_split_memory = 0;
  mutable std::once_flag cue_split_once;
  mutable std::unique_ptr<CueSplit> cue_split_compiled;
  // FIGURE_PATTERN rules that use a `number_mention` macro: the pattern with
  // that macro matching one number placeholder (kNumberPlaceholder), to run
  // over text whose numbers MaskNumber replaced. Null otherwise.
  std::shared_ptr<const RE2> number_masked_re;
  // Compiled `prefilter`, or null.
  std::shared_ptr<const RE2> prefilter_re;
  // ABBREVIATION only: compiled `unless_followed_by`, or null.
  std::shared_ptr<const RE2> follow_re;
  // Compiled `speaker_exclude` (ATTRIBUTION) and `content_exclude`
  // (ATTRIBUTION and CUE), or null.
  std::shared_ptr<const RE2> speaker_exclude_re;
  std::shared_ptr<const RE2> content_exclude_re;
  // The trigger after macro expansion (the expanded pattern when the rule
  // has none), as RuleIndex uses it.
  std::string expanded_trigger;
  // Where the rule was defined, for messages: "file:line".
  std::string location;
  // Index of each named group in `re`, or -1: e.g. group_index("speaker").
  int group_index(absl::string_view name) const;
  // (name, index) of every named group of `re`.
  std::vector<std::pair<std::string, int>> groups;
};

// The result of applying a rule to a text, with group spans relative to that
// text. A group that did not participate has begin == end == -1.
struct RuleMatch {
  int begin = -1;
  int end = -1;
  // The rule that matched, and the span of each of its named groups in the
  // order of CompiledRule::groups. Reused from match to match, so a loop that
  // applies many rules allocates only at first.
  const CompiledRule* rule = nullptr;
  std::vector<std::pair<int, int>> group_spans;
  // The span of `name`, or {-1, -1}.
  std::pair<int, int> group(absl::string_view name) const;
};

// Applies `rule` to `text` the way the engine does for its kind: a full match
// for ABBREVIATION, CUE, SPEAKER, REFERENCE and NOT_SPEAKER; a match at the
// start for SENTENCE_CONTINUATION; the leftmost match otherwise. Returns false
// when it does not match.
// With `from`, a search kind looks for a match starting at or after that
// offset, with `^` still meaning the start of `text`. A rule with a
// prefilter runs its pattern only where the prefilter matches.
bool ApplyRule(const CompiledRule& rule, absl::string_view text,
               RuleMatch* match, size_t from = 0);

// Whether `rule`'s content_exclude matches at the start of `content`, the
// content alone: "$" is its end ("(?i)in\\s+June,?$" drops a content that is
// only "In June,").
bool ExcludesContent(const CompiledRule& rule, absl::string_view content);

// Calls `visit(match_begin, match_end, groups)` for each match of `rule` in
// text[begin, end), left to right; `groups` is RE2's array for the match (a
// group that did not take part has a null data()). When `visit` returns
// true, the next search starts where this match ended, so kept matches never
// overlap; when it returns false, at the character after the match's start,
// so a rejected long match does not hide a shorter one inside it.
//
//   ForEachMatch(rule, text, 0, text.size(),
//                [&](size_t b, size_t e, const std::vector<re2::StringPiece>&) {
//                  spans.emplace_back(b, e);
//                  return true;
//                });
template <typename Visit>
void ForEachMatch(const CompiledRule& rule, absl::string_view text,
                  size_t begin, size_t end, const Visit& visit);

// Numbers as figure patterns see them. A macro marked `number_mention` in
// its pack stands for one number as NumberFinder reads it; in
// CompiledRule::number_masked_re it matches only this placeholder, which
// MaskNumber writes over a number NumberFinder found. The placeholder has
// the number's length, so spans do not move. Its first and last bytes are
// "_" (a word character, for \b) where the number's are word characters,
// and "\x01" and "\x00" where not; the bytes between are "\x00". No
// number reads like that (NUL is not text), so a number left as written
// never matches it, and searching it instead of the number grammar keeps the
// figure patterns' automata small.
inline constexpr char kNumberPlaceholder[] = "[_\\x01]\\x00*[_\\x00]?";

// Writes the placeholder over masked[begin, end).
void MaskNumber(size_t begin, size_t end, std::string* masked);

// Finds, in one pass, which of a list of rules can match a text.
//
//   RuleIndex index(rules.rules(HEDGE));
//   std::vector<int> candidates;
//   index.Candidates(sentence, &candidates);  // indices into index.rules()
//
// The index is an RE2::Set over the rules' distinct expanded triggers (a
// rule's pattern when it has none), with a 32 MiB budget: rules that share a
// trigger cost the scan no more than one. Construction never fails: when the
// set does not compile within its budget, ok() is false and every rule is
// always a candidate, so nothing is missed, only time.
class RuleIndex {
 public:
  RuleIndex() = default;
  explicit RuleIndex(std::vector<const CompiledRule*> rules);
  RuleIndex(RuleIndex&&) = default;
  RuleIndex& operator=(RuleIndex&&) = default;

  // Whether the one-pass set compiled; RuleSet::Load refuses rule packs
  // whose kinds do not.
  bool ok() const { return set_ != nullptr || rules_.empty(); }
  // Candidates for `text`, as indices into rules(), ascending. Every rule
  // that matches `text` is a candidate; when the one-pass match cannot finish
  // within its memory budget, all rules are.
  void Candidates(absl::string_view text, std::vector<int>* indices) const;
  const std::vector<const CompiledRule*>& rules() const { return rules_; }

 private:
  std::vector<const CompiledRule*> rules_;
  // For each pattern of `set_`, a distinct trigger, the positions in rules_
  // of the rules that have it.
  std::vector<std::vector<int>> rules_of_trigger_;
  std::unique_ptr<RE2::Set> set_;
};

// Finds which entry of a lexicon (rules matched against a whole phrase: cue
// words, units, month names) a phrase is, in one pass.
//
//   FullMatchIndex units(unit_rules);
//   const CompiledRule* unit = units.Find("kilometres");  // or nullptr
//
// An RE2::Set of every pattern anchored at both ends, with the same 32 MiB
// budget as RuleIndex; when it does not fit, Find tries the rules one by one.
class FullMatchIndex {
 public:
  FullMatchIndex() = default;
  explicit FullMatchIndex(std::vector<const CompiledRule*> rules);
  FullMatchIndex(FullMatchIndex&&) = default;
  FullMatchIndex& operator=(FullMatchIndex&&) = default;

  // The first rule, in list order, whose pattern matches all of `text`, or
  // nullptr.
  const CompiledRule* Find(absl::string_view text) const;
  const std::vector<const CompiledRule*>& rules() const { return rules_; }

 private:
  std::vector<const CompiledRule*> rules_;
  std::unique_ptr<RE2::Set> set_;
};

// ForEachMatch for every rule of `index`, one paragraph (text between blank
// lines) of text[begin, end) at a time, running only the rules the index
// names as candidates for that paragraph: calls
// `visit(rule_position, match_begin, match_end, groups)` with the rule's
// position in index.rules(). Matches never span a blank line. Within a
// paragraph, rules run in index order; callers that need another order sort
// what they keep. Much cheaper than a whole-text scan per rule when each
// paragraph can match only a few of many rules (figures, hedges).
// With `numbers_masked`, `text` with its numbers masked (MaskNumber), a rule
// that has a number_masked_re runs it there instead; `groups` still point
// into `text`. Candidates and prefilters are always checked on `text`.
template <typename Visit>
void ForEachCandidateMatch(const RuleIndex& index, absl::string_view text,
                           size_t begin, size_t end, const Visit& visit,
                           absl::string_view numbers_masked = {});

// How rule patterns are compiled. The matches never depend on these options,
// only time and memory do.
struct RuleSetOptions {
  // RE2 max_mem of every pattern but FIGURE and TURN_START ones, in bytes,
  // from 1 MiB to 64 MiB; a pattern too large for it gets 64 MiB. Most of
  // it is the lazy DFA's state cache, which fills as a corpus goes by: over
  // the 21 MB Kremlin corpus (one thread), 4 MiB gives a peak RSS of 140 MB
  // and 16 MiB 221 MB for 1.3x the speed; over a few articles the two are
  // as fast. See README, Performance.
  int64_t pattern_memory = int64_t{4} << 20;
  // Threads that compile the patterns, at least 1. Compiling is most of
  // loading (about 0.4 s for the built-in packs on one core), and the rules
  // compile independently.
  int compile_threads = 1;
};

class RuleSet {
 public:
  // Loads `builtin` packs, then every *.textproto in each of `dirs`. Fails
  // with InvalidArgument when `options` are out of range.
  static absl::StatusOr<std::unique_ptr<RuleSet>> Load(
      const std::vector<RulePackSource>& builtin,
      const std::vector<std::string>& dirs,
      const RuleSetOptions& options = RuleSetOptions());

  // Rules of `kind` in application order (ATTRIBUTION by priority, then pack
  // order; every other kind in pack order).
  const std::vector<const CompiledRule*>& rules(RuleKind kind) const;
  // The one-pass candidate index over rules(kind), built at load for the
  // kinds matched against whole sentences: ATTRIBUTION, SOURCE and
  // ANONYMITY_REASON. Empty for the other kinds: the figure and hedge finders
  // index the lists they run, and lexicon kinds are never searched.
  const RuleIndex& index(RuleKind kind) const;
  // The rule with `id`, or nullptr.
  const CompiledRule* Find(absl::string_view id) const;
  // Every rule, in pack order.
  const std::vector<std::unique_ptr<CompiledRule>>& all() const {
    return all_;
  }
  // The first CUE rule (in pack order) whose pattern fully matches
  // `cue_text`, or nullptr. One pass over every cue pattern.
  const CompiledRule* FindCue(absl::string_view cue_text) const;
  // The pack's `number_mention` macro (at most one) compiled alone, or null.
  // FigureExtractor masks a number NumberFinder found only where this reads
  // it alike (FigureExtractor::MaskedReadEnd).
  const RE2* number_mention() const { return number_mention_.get(); }

 private:
  RuleSet() = default;
  // Compiles every pattern of the rules, and their cue splits later.
  std::unique_ptr<PatternPool> patterns_;
  std::vector<std::unique_ptr<CompiledRule>> all_;
  absl::flat_hash_map<std::string, const CompiledRule*> by_id_;
  absl::flat_hash_map<int, std::vector<const CompiledRule*>> by_kind_;
  absl::flat_hash_map<int, RuleIndex> index_;
  FullMatchIndex cues_;
  std::shared_ptr<const RE2> number_mention_;
};

// The packs compiled into the binary from claims/rules/en/*.textproto, in
// file-name order.
std::vector<RulePackSource> DefaultRulePacks();

// Whether `rule` has a prefilter and it is not found in input[begin, end):
// then the rule cannot match there.
inline bool PrefilterRejects(const CompiledRule& rule,
                             const re2::StringPiece& input, size_t begin,
                             size_t end) {
  return rule.prefilter_re != nullptr &&
         !rule.prefilter_re->Match(input, begin, end, RE2::UNANCHORED, nullptr,
                                   0);
}

// ForEachMatch of `re` (rule.re or a variant of it) in `searched`, text or
// a copy of it of the same length, with the groups moved into `text`.
template <typename Visit>
void ForEachMatchIn(const CompiledRule& rule, const RE2& re,
                    absl::string_view text, absl::string_view searched,
                    size_t begin, size_t end, const Visit& visit) {
  SearchTimer<CompiledRule> timer(rule);
  if (PrefilterRejects(rule, re2::StringPiece(text.data(), text.size()), begin,
                       end)) {
    timer.Finish(false);
    return;
  }
  re2::StringPiece input(searched.data(), searched.size());
  std::vector<re2::StringPiece> groups(re.NumberOfCapturingGroups() + 1);
  size_t pos = begin;
  while (pos < end) {
    bool found = re.Match(input, pos, end, RE2::UNANCHORED, groups.data(),
                          static_cast<int>(groups.size()));
    timer.Finish(found);
    if (!found) return;
    if (searched.data() != text.data()) {
      for (re2::StringPiece& group : groups) {
        if (group.data() == nullptr) continue;
        group = re2::StringPiece(text.data() + (group.data() - searched.data()),
                                 group.size());
      }
    }
    size_t match_begin = static_cast<size_t>(groups[0].data() - text.data());
    size_t match_end = match_begin + groups[0].size();
    bool kept = visit(match_begin, match_end, groups);
    pos = kept && match_end > match_begin ? match_end
                                          : NextCharacter(text, match_begin);
    timer.Restart();
  }
}

template <typename Visit>
void ForEachMatch(const CompiledRule& rule, absl::string_view text,
                  size_t begin, size_t end, const Visit& visit) {
  ForEachMatchIn(rule, *rule.re, text, text, begin, end, visit);
}

template <typename Visit>
void ForEachCandidateMatch(const RuleIndex& index, absl::string_view text,
                           size_t begin, size_t end, const Visit& visit,
                           absl::string_view numbers_masked) {
  std::vector<int> candidates;
  while (begin < end) {
    size_t blank_line = text.substr(0, end).find("\n\n", begin);
    size_t paragraph_end =
        blank_line == absl::string_view::npos ? end : blank_line;
    index.Candidates(text.substr(begin, paragraph_end - begin), &candidates);
    for (int position : candidates) {
      const CompiledRule& rule = *index.rules()[position];
      bool masked = !numbers_masked.empty() && rule.number_masked_re != nullptr;
      ForEachMatchIn(rule, masked ? *rule.number_masked_re : *rule.re, text,
                     masked ? numbers_masked : text, begin, paragraph_end,
                     [&](size_t match_begin, size_t match_end,
                         const std::vector<re2::StringPiece>& groups) {
                       return visit(position, match_begin, match_end, groups);
                     });
    }
    begin = paragraph_end + 2;
  }
}

}  // namespace claims

#endif  // CLAIMS_RULE_SET_H_
