#include "claims/audit.h"

#include <algorithm>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "claims/turns.h"

namespace claims {
namespace {

constexpr char kNoReasonRule[] = "builtin.audit_no_anonymity_reason";
constexpr char kAnonymousOnlyFigureRule[] =
    "builtin.audit_anonymous_only_figure";
constexpr char kUnattributedFigureRule[] = "builtin.audit_unattributed_figure";
constexpr int kMaxFamilyExamples = 3;

Span MakeSpan(uint32_t begin, uint32_t end) {
  Span span;
  span.set_begin(begin);
  span.set_end(end);
  return span;
}

// text[span], or "" when the span does not fit.
absl::string_view SpanText(absl::string_view text, const Span& span) {
  if (span.begin() > span.end() || span.end() > text.size()) return "";
  return text.substr(span.begin(), span.end() - span.begin());
}

// At most `max_bytes` of `text`, cut before a UTF-8 continuation byte.
std::string Excerpt(absl::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
    --end;
  }
  return absl::StrCat(text.substr(0, end), "…");
}

// The first BRIEFING_GROUND_RULES reason stated anywhere in the body.
std::optional<AnonymityReason> GroundRules(const RuleSet& rules,
                                           const Document& doc,
                                           absl::string_view text) {
  std::optional<AnonymityReason> best;
  const size_t body = std::min<size_t>(doc.body_begin(), text.size());
  for (const CompiledRule* rule : rules.rules(ANONYMITY_REASON)) {
    if (rule->rule.reason_category() != BRIEFING_GROUND_RULES) continue;
    RuleMatch match;
    if (!ApplyRule(*rule, text, &match, body)) continue;
    if (best.has_value() && best->span().begin() <= uint32_t(match.begin)) {
      continue;
    }
    AnonymityReason reason;
    *reason.mutable_span() = MakeSpan(match.begin, match.end);
    reason.set_text(std::string(SpanText(text, reason.span())));
    reason.set_category(BRIEFING_GROUND_RULES);
    reason.set_rule_id(rule->rule.id());
    best = std::move(reason);
  }
  return best;
}

// Figure identity across claims: kind, value and unit.
using FigureKey = std::tuple<int, double, std::string>;
FigureKey KeyOf(const Figure& figure) {
  return {figure.kind(), figure.value(), figure.unit()};
}

void CountFamily(const Speaker& speaker, AuditCounts* counts) {
  const std::string family = speaker.anonymous_family().empty()
                                 ? std::string("unclassified")
                                 : speaker.anonymous_family();
  AnonymousFamilyCount* entry = nullptr;
  for (AnonymousFamilyCount& existing : *counts->mutable_anonymous_families()) {
    if (existing.family() == family) entry = &existing;
  }
  if (entry == nullptr) {
    entry = counts->add_anonymous_families();
    entry->set_family(family);
  }
  entry->set_claims(entry->claims() + 1);
  if (entry->examples_size() < kMaxFamilyExamples &&
      std::find(entry->examples().begin(), entry->examples().end(),
                speaker.text()) == entry->examples().end()) {
    entry->add_examples(speaker.text());
  }
}

void CountReason(AnonymityReasonCategory category, uint32_t claims,
                 AuditCounts* counts) {
  for (ReasonCount& existing : *counts->mutable_reasons()) {
    if (existing.category() == category) {
      existing.set_claims(existing.claims() + claims);
      return;
    }
  }
  ReasonCount* entry = counts->add_reasons();
  entry->set_category(category);
  entry->set_claims(claims);
}

void CountFlag(FlagKind kind, uint32_t flags, AuditCounts* counts) {
  for (FlagCount& existing : *counts->mutable_flags()) {
    if (existing.kind() == kind) {
      existing.set_flags(existing.flags() + flags);
      return;
    }
  }
  FlagCount* entry = counts->add_flags();
  entry->set_kind(kind);
  entry->set_flags(flags);
}

void CountClass(SpeakerClass speaker_class, SpeakerClassCounts* counts) {
  switch (speaker_class) {
    case CLASS_NAMED_PERSON:
      counts->set_named_person(counts->named_person() + 1);
      break;
    case CLASS_NAMED_ORGANIZATION:
      counts->set_named_organization(counts->named_organization() + 1);
      break;
    case CLASS_ANONYMOUS:
      counts->set_anonymous(counts->anonymous() + 1);
      break;
    case CLASS_UNATTRIBUTED:
      counts->set_unattributed(counts->unattributed() + 1);
      break;
    default:
      counts->set_other(counts->other() + 1);
      break;
  }
  counts->set_total(counts->total() + 1);
}

// One claim as the audit sees it: its class, and whether it opens an
// attribution (rather than continuing one).
struct AuditedClaim {
  const Claim* claim = nullptr;
  SpeakerClass speaker_class = SPEAKER_CLASS_UNSPECIFIED;
  // The extractor gave the claim to the label of its transcript turn.
  bool from_transcript_turn = false;
  bool opens_attribution = true;
  std::optional<AnonymityReason> reason;
};

}  // namespace

SpeakerClass ClassifyClaim(const Claim& claim) {
  if (claim.mode() == UNATTRIBUTED || !claim.has_speaker()) {
    return CLASS_UNATTRIBUTED;
  }
  const Speaker& speaker = claim.speaker();
  if (speaker.anonymous() || speaker.kind() == SpeakerKind::ANONYMOUS) {
    return CLASS_ANONYMOUS;
  }
  switch (speaker.kind()) {
    case PERSON:
      return CLASS_NAMED_PERSON;
    case ORGANIZATION:
    case GOVERNMENT_BODY:
    case MEDIA_OUTLET:
      return CLASS_NAMED_ORGANIZATION;
    default:
      return CLASS_OTHER;
  }
}

Auditor::Auditor(const RuleSet& rules, AuditOptions options)
    : rules_(rules), options_(std::move(options)) {}

DocumentAudit Auditor::Audit(const Document& doc,
                             absl::string_view text) const {
  DocumentAudit audit;
  audit.set_document_id(doc.id());
  audit.set_title(doc.title());
  audit.set_outlet(doc.outlet());
  audit.set_path(doc.path());
  AuditCounts* counts = audit.mutable_counts();
  counts->set_documents(1);

  const std::vector<Turn> turns = FindTurns(rules_, doc, text);
  const std::optional<AnonymityReason> ground_rules =
      turns.empty() ? std::nullopt : GroundRules(rules_, doc, text);

  std::vector<AuditedClaim> audited;
  audited.reserve(doc.claims_size());
  absl::flat_hash_set<std::string> labels_seen;
  for (const Claim& claim : doc.claims()) {
    AuditedClaim entry;
    entry.claim = &claim;
    entry.speaker_class = ClassifyClaim(claim);
    entry.from_transcript_turn =
        std::find(claim.rule_ids().begin(), claim.rule_ids().end(),
                  kTranscriptTurnRule) != claim.rule_ids().end();
    if (!claim.continues_id().empty() || claim.speaker().has_resolved_to()) {
      entry.opens_attribution = false;
    }
    // A transcript's labels repeat one attribution turn after turn.
    if (claim.cue().kind() == TRANSCRIPT_LABEL &&
        !labels_seen.insert(claim.speaker().text()).second) {
      entry.opens_attribution = false;
    }
    audited.push_back(std::move(entry));
  }

  // Each anonymous claim's reason, its own or its attribution's.
  absl::flat_hash_map<std::pair<uint32_t, uint32_t>, const Claim*> by_speaker;
  absl::flat_hash_map<std::string, const Claim*> claim_by_id;
  for (const Claim& claim : doc.claims()) {
    claim_by_id[claim.id()] = &claim;
    if (claim.has_speaker()) {
      by_speaker.emplace(std::make_pair(claim.speaker().span().begin(),
                                        claim.speaker().span().end()),
                         &claim);
    }
  }
  auto own_reason = [&](const Claim& claim) -> std::optional<AnonymityReason> {
    if (claim.speaker().has_anonymity_reason()) {
      return claim.speaker().anonymity_reason();
    }
    if (claim.cue().kind() == TRANSCRIPT_LABEL) return ground_rules;
    return std::nullopt;
  };
  for (AuditedClaim& entry : audited) {
    if (entry.speaker_class != CLASS_ANONYMOUS) continue;
    const Claim& claim = *entry.claim;
    entry.reason = own_reason(claim);
    if (entry.reason.has_value()) continue;
    if (auto it = claim_by_id.find(claim.continues_id());
        it != claim_by_id.end()) {
      entry.reason = own_reason(*it->second);
    }
    if (!entry.reason.has_value() && claim.speaker().has_resolved_to()) {
      const Span& earlier = claim.speaker().resolved_to().span();
      if (auto it = by_speaker.find({earlier.begin(), earlier.end()});
          it != by_speaker.end()) {
        entry.reason = own_reason(*it->second);
      }
    }
  }

  // Figures that a non-anonymous attribution in the document states.
  std::vector<FigureKey> supported;
  for (const AuditedClaim& entry : audited) {
    if (entry.speaker_class == CLASS_ANONYMOUS ||
        entry.speaker_class == CLASS_UNATTRIBUTED) {
      continue;
    }
    for (const Figure& figure : entry.claim->figures()) {
      supported.push_back(KeyOf(figure));
    }
  }
  std::sort(supported.begin(), supported.end());
  const absl::flat_hash_set<int> ignored(options_.ignored_figure_kinds.begin(),
                                         options_.ignored_figure_kinds.end());
  auto first_figure = [&](const Claim& claim,
                          bool unsupported_only) -> const Figure* {
    for (const Figure& figure : claim.figures()) {
      if (ignored.contains(figure.kind())) continue;
      if (unsupported_only && std::binary_search(supported.begin(),
                                                 supported.end(),
                                                 KeyOf(figure))) {
        continue;
      }
      return &figure;
    }
    return nullptr;
  };

  auto add_flag = [&](const Claim& claim, FlagKind kind, const Span& evidence,
                      const std::string& rule_id) {
    Flag* flag = audit.add_flags();
    flag->set_kind(kind);
    flag->set_document_id(doc.id());
    flag->set_claim_id(claim.id());
    *flag->mutable_span() = claim.span();
    *flag->mutable_sentence_span() = claim.sentence_span();
    flag->set_sentence(Excerpt(SpanText(text, claim.sentence_span()),
                               options_.max_excerpt_bytes));
    *flag->mutable_evidence_span() = evidence;
    flag->set_evidence(
        Excerpt(SpanText(text, evidence), options_.max_excerpt_bytes));
    flag->set_rule_id(rule_id);
    CountFlag(kind, 1, counts);
  };

  for (const AuditedClaim& entry : audited) {
    const Claim& claim = *entry.claim;
    CountClass(entry.speaker_class, counts->mutable_speakers());
    if (entry.from_transcript_turn) {
      counts->mutable_speakers()->set_from_transcript_turns(
          counts->speakers().from_transcript_turns() + 1);
    }
    if (entry.speaker_class == CLASS_UNATTRIBUTED) {
      if (const Figure* figure = first_figure(claim, false)) {
        add_flag(claim, UNATTRIBUTED_FIGURE, figure->span(),
                 kUnattributedFigureRule);
      }
      continue;
    }
    if (entry.speaker_class != CLASS_ANONYMOUS) continue;

    const Speaker& speaker = claim.speaker();
    CountFamily(speaker, counts);
    if (entry.reason.has_value()) {
      counts->set_anonymous_with_reason(counts->anonymous_with_reason() + 1);
      CountReason(entry.reason->category(), 1, counts);
    } else {
      counts->set_anonymous_without_reason(counts->anonymous_without_reason() +
                                           1);
    }
    if (entry.opens_attribution) {
      for (const CompiledRule* rule : rules_.rules(AUDIT_BARE_SOURCE)) {
        RuleMatch match;
        if (ApplyRule(*rule, speaker.text(), &match)) {
          add_flag(claim, BARE_SOURCE, speaker.span(), rule->rule.id());
          break;
        }
      }
      if (!entry.reason.has_value()) {
        add_flag(claim, NO_ANONYMITY_REASON, speaker.span(), kNoReasonRule);
      }
    }
    if (claim.cue().kind() == BELIEF || claim.cue().kind() == EVALUATION) {
      add_flag(claim, ANONYMOUS_OPINION, claim.cue().span(),
               claim.cue().rule_id());
    } else {
      const Span& content = claim.content().span();
      absl::string_view content_text = SpanText(text, content);
      for (const CompiledRule* rule : rules_.rules(AUDIT_OPINION)) {
        RuleMatch match;
        if (!ApplyRule(*rule, content_text, &match)) continue;
        std::pair<int, int> words = match.group("opinion");
        if (words.first < 0) words = {match.begin, match.end};
        add_flag(claim, ANONYMOUS_OPINION,
                 MakeSpan(content.begin() + words.first,
                          content.begin() + words.second),
                 rule->rule.id());
        break;
      }
    }
    if (const Figure* figure = first_figure(claim, true)) {
      add_flag(claim, ANONYMOUS_ONLY_FIGURE, figure->span(),
               kAnonymousOnlyFigureRule);
    }
  }
  SortCounts(counts);
  return audit;
}

void MergeCounts(const AuditCounts& from, AuditCounts* into) {
  into->set_documents(into->documents() + from.documents());
  SpeakerClassCounts* speakers = into->mutable_speakers();
  const SpeakerClassCounts& add = from.speakers();
  speakers->set_named_person(speakers->named_person() + add.named_person());
  speakers->set_named_organization(speakers->named_organization() +
                                   add.named_organization());
  speakers->set_anonymous(speakers->anonymous() + add.anonymous());
  speakers->set_unattributed(speakers->unattributed() + add.unattributed());
  speakers->set_other(speakers->other() + add.other());
  speakers->set_total(speakers->total() + add.total());
  speakers->set_from_transcript_turns(speakers->from_transcript_turns() +
                                      add.from_transcript_turns());
  for (const AnonymousFamilyCount& family : from.anonymous_families()) {
    AnonymousFamilyCount* entry = nullptr;
    for (AnonymousFamilyCount& existing :
         *into->mutable_anonymous_families()) {
      if (existing.family() == family.family()) entry = &existing;
    }
    if (entry == nullptr) {
      entry = into->add_anonymous_families();
      entry->set_family(family.family());
    }
    entry->set_claims(entry->claims() + family.claims());
    for (const std::string& example : family.examples()) {
      if (entry->examples_size() < kMaxFamilyExamples &&
          std::find(entry->examples().begin(), entry->examples().end(),
                    example) == entry->examples().end()) {
        entry->add_examples(example);
      }
    }
  }
  for (const ReasonCount& reason : from.reasons()) {
    CountReason(reason.category(), reason.claims(), into);
  }
  into->set_anonymous_with_reason(into->anonymous_with_reason() +
                                  from.anonymous_with_reason());
  into->set_anonymous_without_reason(into->anonymous_without_reason() +
                                     from.anonymous_without_reason());
  for (const FlagCount& flag : from.flags()) {
    CountFlag(flag.kind(), flag.flags(), into);
  }
}

void SortCounts(AuditCounts* counts) {
  auto* families = counts->mutable_anonymous_families();
  std::sort(families->begin(), families->end(),
            [](const AnonymousFamilyCount& a, const AnonymousFamilyCount& b) {
              if (a.claims() != b.claims()) return a.claims() > b.claims();
              return a.family() < b.family();
            });
  auto* reasons = counts->mutable_reasons();
  std::sort(reasons->begin(), reasons->end(),
            [](const ReasonCount& a, const ReasonCount& b) {
              return a.category() < b.category();
            });
  auto* flags = counts->mutable_flags();
  std::sort(flags->begin(), flags->end(),
            [](const FlagCount& a, const FlagCount& b) {
              return a.kind() < b.kind();
            });
}

void AuditReportBuilder::Add(DocumentAudit audit, const std::string& input) {
  audit.set_input(input);
  MergeCounts(audit.counts(), report_.mutable_aggregate());
  auto group = [&](absl::flat_hash_map<std::string, int>& index,
                   auto* groups, const std::string& name) {
    auto [it, inserted] = index.emplace(name, groups->size());
    if (inserted) groups->Add()->set_name(name);
    MergeCounts(audit.counts(), groups->Mutable(it->second)->mutable_counts());
  };
  if (!audit.outlet().empty()) {
    group(outlet_index_, report_.mutable_outlets(), audit.outlet());
  }
  group(input_index_, report_.mutable_inputs(), input);
  *report_.add_documents() = std::move(audit);
}

AuditReport AuditReportBuilder::Finish() && {
  SortCounts(report_.mutable_aggregate());
  auto* outlets = report_.mutable_outlets();
  std::sort(outlets->begin(), outlets->end(),
            [](const GroupAudit& a, const GroupAudit& b) {
              return a.name() < b.name();
            });
  for (GroupAudit& outlet : *outlets) SortCounts(outlet.mutable_counts());
  for (GroupAudit& input : *report_.mutable_inputs()) {
    SortCounts(input.mutable_counts());
  }
  return std::move(report_);
}

}  // namespace claims
