#include "claims/turns.h"

#include <algorithm>

namespace claims {
namespace {

// The begin offset of every TURN_START match in text[from, end).
std::vector<uint32_t> TurnStarts(const RuleSet& rules, absl::string_view text,
                                 size_t from) {
  std::vector<uint32_t> starts;
  for (const CompiledRule* rule : rules.rules(TURN_START)) {
    RuleMatch match;
    size_t pos = from;
    while (pos <= text.size() && ApplyRule(*rule, text, &match, pos)) {
      starts.push_back(static_cast<uint32_t>(match.begin));
      pos = std::max<size_t>(match.end, match.begin + 1);
    }
  }
  std::sort(starts.begin(), starts.end());
  return starts;
}

uint32_t LineStart(absl::string_view text, uint32_t offset) {
  size_t newline = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  if (offset == 0 || newline == absl::string_view::npos) return 0;
  return static_cast<uint32_t>(newline + 1);
}

}  // namespace

std::vector<Turn> FindTurns(const RuleSet& rules, const Document& doc,
                            absl::string_view text) {
  std::vector<Turn> turns;
  std::vector<const Claim*> labels;
  for (const Claim& claim : doc.claims()) {
    if (claim.cue().kind() == TRANSCRIPT_LABEL && claim.parent_id().empty()) {
      labels.push_back(&claim);
    }
  }
  if (labels.empty()) return turns;
  const std::vector<uint32_t> starts =
      TurnStarts(rules, text, std::min<size_t>(doc.body_begin(), text.size()));
  for (const Claim* label : labels) {
    const uint32_t line = LineStart(text, label->span().begin());
    if (!std::binary_search(starts.begin(), starts.end(), line)) continue;
    auto next = std::upper_bound(starts.begin(), starts.end(),
                                 std::max(line, label->span().end() - 1));
    const uint32_t end = next == starts.end()
                             ? static_cast<uint32_t>(text.size())
                             : *next;
    if (end > label->span().end()) {
      turns.push_back({label->span().end(), end, label});
    }
  }
  return turns;
}

const Turn* TurnOf(const std::vector<Turn>& turns, const Claim& claim) {
  // Turns follow each other in text order and do not overlap.
  auto after = std::upper_bound(
      turns.begin(), turns.end(), claim.span().begin(),
      [](uint32_t offset, const Turn& turn) { return offset < turn.begin; });
  if (after == turns.begin()) return nullptr;
  const Turn& turn = *(after - 1);
  return claim.span().end() <= turn.end ? &turn : nullptr;
}

absl::flat_hash_map<std::string, std::string> AttributeTurns(
    const RuleSet& rules, absl::string_view text, Document* doc) {
  absl::flat_hash_map<std::string, std::string> voiced_by;
  const std::vector<Turn> turns = FindTurns(rules, *doc, text);
  if (turns.empty()) return voiced_by;
  for (Claim& claim : *doc->mutable_claims()) {
    if (!claim.parent_id().empty()) continue;
    const Turn* turn = TurnOf(turns, claim);
    if (turn == nullptr) continue;
    voiced_by[claim.id()] = turn->label->id();
    if (claim.mode() != UNATTRIBUTED) continue;
    const Speaker& label = turn->label->speaker();
    claim.set_mode(INDIRECT);
    Speaker* speaker = claim.mutable_speaker();
    speaker->set_text(label.text());
    *speaker->mutable_span() = label.span();
    claim.set_continues_id(turn->label->id());
    claim.clear_rule_ids();
    claim.add_rule_ids(kTranscriptTurnRule);
  }
  return voiced_by;
}

}  // namespace claims
