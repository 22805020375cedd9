#include "claims/hedges.h"

#include <algorithm>
#include <utility>

#include "absl/strings/ascii.h"
#include "claims/text_util.h"
#include "re2/re2.h"

namespace claims {
namespace {

using ByteSpan = std::pair<size_t, size_t>;

void SetSpan(ByteSpan span, Span* out) {
  out->set_begin(static_cast<uint32_t>(span.first));
  out->set_end(static_cast<uint32_t>(span.second));
}

// The span of group `name`, or `fallback` when the group did not take part.
ByteSpan GroupOr(const CompiledRule& rule, absl::string_view text,
                 const std::vector<re2::StringPiece>& groups,
                 absl::string_view name, ByteSpan fallback) {
  int index = rule.group_index(name);
  if (index < 0 || groups[index].data() == nullptr) return fallback;
  size_t begin = groups[index].data() - text.data();
  return {begin, begin + groups[index].size()};
}

}  // namespace

HedgeFinder::HedgeFinder(const RuleSet& rules) {
  std::vector<const CompiledRule*> cues, exceptions;
  for (const CompiledRule* rule : rules.rules(HEDGE)) {
    if (rule->rule.hedge_kind() == HEDGE_KIND_UNSPECIFIED) {
      exceptions.push_back(rule);
    } else {
      cues.push_back(rule);
    }
  }
  cues_ = RuleIndex(std::move(cues));
  exceptions_ = RuleIndex(std::move(exceptions));
}

void HedgeFinder::Find(absl::string_view text, size_t begin, size_t end,
                       std::vector<Hedge>* hedges) const {
  end = std::min(end, text.size());
  if (begin >= end) return;
  std::vector<ByteSpan> blocked;
  ForEachCandidateMatch(
      exceptions_, text, begin, end,
      [&](int position, size_t match_begin, size_t match_end,
          const std::vector<re2::StringPiece>& g) {
        blocked.push_back(GroupOr(*exceptions_.rules()[position], text, g,
                                  "hedge", {match_begin, match_end}));
        return true;
      });
  struct Candidate {
    Hedge hedge;
    size_t order;
  };
  std::vector<Candidate> candidates;
  // A rejected match still hides the hedges inside it: the next search
  // starts after it either way.
  ForEachCandidateMatch(
      cues_, text, begin, end,
      [&](int order, size_t match_begin, size_t match_end,
          const std::vector<re2::StringPiece>& g) {
        const CompiledRule& rule = *cues_.rules()[order];
        ByteSpan cue =
            GroupOr(rule, text, g, "hedge", {match_begin, match_end});
        if (cue.first == cue.second) return true;
        for (const ByteSpan& exception : blocked) {
          if (exception.first <= cue.first && cue.second <= exception.second) {
            return true;
          }
        }
        size_t after = cue.second;
        while (after < end && IsSpace(text[after])) ++after;
        bool words_follow = false;
        for (size_t k = after; k < end && !words_follow; ++k) {
          words_follow =
              absl::ascii_isalnum(static_cast<unsigned char>(text[k]));
        }
        ByteSpan rest = words_follow ? ByteSpan(after, end)
                                     : ByteSpan(begin, cue.first);
        ByteSpan scope = GroupOr(rule, text, g, "scope", rest);
        Candidate candidate;
        candidate.order = order;
        Hedge& hedge = candidate.hedge;
        hedge.set_text(
            std::string(text.substr(cue.first, cue.second - cue.first)));
        SetSpan(cue, hedge.mutable_span());
        hedge.set_kind(rule.rule.hedge_kind());
        hedge.set_rule_id(rule.rule.id());
        SetSpan(scope, hedge.mutable_scope());
        candidates.push_back(std::move(candidate));
        return true;
      });
  std::sort(candidates.begin(), candidates.end(),
            [](const Candidate& a, const Candidate& b) {
              const Span& x = a.hedge.span();
              const Span& y = b.hedge.span();
              if (x.begin() != y.begin()) return x.begin() < y.begin();
              if (x.end() != y.end()) return x.end() > y.end();
              return a.order < b.order;
            });
  size_t covered = begin;
  for (Candidate& candidate : candidates) {
    if (candidate.hedge.span().begin() < covered) continue;
    covered = candidate.hedge.span().end();
    hedges->push_back(std::move(candidate.hedge));
  }
}

}  // namespace claims
