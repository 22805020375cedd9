// Auditor: how a document attributes its claims, measured against newsroom
// rules on anonymous sources (use anonymity for fact, not opinion; say why it
// was granted; never a bare "a source"). The report is a claims.AuditReport
// (proto/audit.proto).
//
//   auto rules = claims::RuleSet::Load(claims::DefaultRulePacks(), {});
//   if (!rules.ok()) return rules.status();
//   claims::Extractor extractor(**rules);
//   claims::Auditor auditor(**rules);
//   claims::AuditReportBuilder builder;
//   for (...) {                               // each document
//     extractor.Extract(text, &doc);
//     builder.Add(auditor.Audit(doc, text), /*input=*/"corpus/");
//   }
//   claims::AuditReport report = std::move(builder).Finish();
//
// Speaker classes: PERSON is a named person; ORGANIZATION, GOVERNMENT_BODY
// and MEDIA_OUTLET a named organization; Speaker.anonymous an anonymous
// source; Mode UNATTRIBUTED an unattributed claim; anything else "other".
//
// Transcripts: the extractor gives the claims of a transcript turn to its
// label ("SENIOR ADMINISTRATION OFFICIAL: ...", claims/turns.h); they count
// for the label's speaker and continue its attribution. In a document with
// turns, a BRIEFING_GROUND_RULES reason stated anywhere ("this call is on
// background") is the reason for every anonymous label.
//
// An anonymous claim's reason: its speaker's anonymity_reason; else that of
// the claim it continues (Claim.continues_id) or whose speaker it refers back
// to (Speaker.resolved_to); else, for a transcript label, the document's
// ground rules.
//
// Flags, at most one of each kind per claim (Flag.rule_id names the rule):
//   BARE_SOURCE            an anonymous speaker matching an AUDIT_BARE_SOURCE
//                          rule.
//   NO_ANONYMITY_REASON    an anonymous attribution with no reason
//                          ("builtin.audit_no_anonymity_reason").
//   ANONYMOUS_OPINION      an anonymous claim whose cue is a BELIEF or
//                          EVALUATION (the cue's rule), or whose content
//                          matches an AUDIT_OPINION rule.
//   ANONYMOUS_ONLY_FIGURE  a figure in an anonymous claim that no named or
//                          other attributed claim in the document states
//                          (same kind, value and unit)
//                          ("builtin.audit_anonymous_only_figure").
//   UNATTRIBUTED_FIGURE    an UNATTRIBUTED claim with a figure
//                          ("builtin.audit_unattributed_figure").
// BARE_SOURCE and NO_ANONYMITY_REASON are raised once per attribution: not on
// continuations, references back, the rest of a transcript turn, or a
// transcript label already used in the document.
//
// Options (defaults in brackets):
//   ignored_figure_kinds  figure kinds the figure flags skip [DATE, YEAR,
//                         ORDINAL]: "on Monday" or "the third round" is
//                         rarely what an audit is after.
//   max_excerpt_bytes     longest Flag.sentence [400]
//
// An Auditor is immutable after construction and safe to share between
// threads.
#ifndef CLAIMS_AUDIT_H_
#define CLAIMS_AUDIT_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "claims/rule_set.h"
#include "proto/audit.pb.h"
#include "proto/claims.pb.h"

namespace claims {

struct AuditOptions {
  std::vector<FigureKind> ignored_figure_kinds = {DATE, YEAR, ORDINAL};
  size_t max_excerpt_bytes = 400;
};

class Auditor {
 public:
  // `rules` must outlive the auditor.
  explicit Auditor(const RuleSet& rules, AuditOptions options = {});

  // The audit of `doc`, whose claims were extracted from `text`.
  DocumentAudit Audit(const Document& doc, absl::string_view text) const;

 private:
  const RuleSet& rules_;
  AuditOptions options_;
};

// The speaker class of a claim.
SpeakerClass ClassifyClaim(const Claim& claim);

// Adds the counts in `from` to `into`. Families and reasons are merged by
// key; call SortCounts when done.
void MergeCounts(const AuditCounts& from, AuditCounts* into);

// Puts families most claims first (ties by name), reasons and flags in enum
// order.
void SortCounts(AuditCounts* counts);

// Gathers document audits into a report with aggregate, per-outlet and
// per-input counts.
class AuditReportBuilder {
 public:
  // Adds one document read from `input` (recorded in DocumentAudit.input and
  // counted under AuditReport.inputs).
  void Add(DocumentAudit audit, const std::string& input);
  // Counts an input that could not be read.
  void AddInputError() { report_.set_input_errors(report_.input_errors() + 1); }
  // The report; the builder is spent.
  AuditReport Finish() &&;

 private:
  AuditReport report_;
  absl::flat_hash_map<std::string, int> outlet_index_;
  absl::flat_hash_map<std::string, int> input_index_;
};

}  // namespace claims

#endif  // CLAIMS_AUDIT_H_
