// Speakers: classifies speaker phrases and resolves references to them.
//
//   claims::Speakers speakers(rules);
//   claims::Speaker s;
//   s.set_text("Treasury Secretary Janet L. Yellen");
//   speakers.Classify(&s);   // kind PERSON, title "Treasury Secretary",
//                            // name "Janet L. Yellen" (as the rules say)
//
// Classify applies SPEAKER rules in pack order; the first whose pattern
// matches the whole phrase sets kind, anonymous, family and the optional
// `title`, `name` and `affiliation` groups. When none matches, the part before
// the first comma is tried ("a senior official, who spoke ..."); when that
// fails too, kind is UNKNOWN.
//
// ResolveAll walks a document's claims in order. A speaker that a REFERENCE
// rule matches ("he", "it", "the official") takes the class of the nearest
// earlier speaker that is compatible: its kind is in the rule's `refers_to`
// (any when empty) and, when the rule captures `head`, every word of the head
// occurs in its phrase or in the mention it was resolved to ("the senior
// administration official" -> "a senior U.S. administration official", but
// "the Chinese statement" is not "a White House statement"). The surface
// text and span are kept; Speaker.resolved_to points at the earliest mention
// of the chain.
//
// A claim may be in the voice of an earlier claim's speaker: it is nested in
// that speaker's quotation or transcript label ("Vladimir Putin: I think
// ..."), or stands in that speaker's transcript turn (`voiced_by`, see
// claims/turns.h). A rule with refers_to_quoted_speaker ("I", "we") resolves
// only to that voice. A third-person reference ("he", "they", "the
// official") is someone else: when the nearest compatible speaker is the
// voice itself, or was resolved to the same mention, it stays unresolved.
// An unresolved reference is classified like any other phrase.
//
// Classify remembers the class of the last phrases it saw (up to
// kMaxCachedPhrases): a corpus names the same speakers over and over ("the
// President", "Mr Putin"), and a transcript repeats its labels turn after
// turn. The cache is shared by the threads that share a Speakers.
//
// A speaker that arrives with resolved_to already set (a relative pronoun,
// "an architect who said ...", whose rule captured what it stands for) takes
// the class of that phrase.
#ifndef CLAIMS_SPEAKERS_H_
#define CLAIMS_SPEAKERS_H_

#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "claims/rule_set.h"
#include "proto/claims.pb.h"

namespace claims {

class Speakers {
 public:
  // `rules` must outlive this object.
  explicit Speakers(const RuleSet& rules);

  // Phrases whose class Classify keeps; past it the cache starts over.
  static constexpr size_t kMaxCachedPhrases = 8192;

  // Sets the class fields of `speaker` from speaker->text(). Thread-safe.
  void Classify(Speaker* speaker) const;

  // Classifies or resolves the speaker of every claim in `document`, in order.
  // `voiced_by` maps a claim id to the id of an earlier claim in whose
  // speaker's voice it stands (a transcript label), besides the quotation a
  // claim is nested in.
  void ResolveAll(
      Document* document,
      const absl::flat_hash_map<std::string, std::string>& voiced_by = {})
      const;

  // True when a REFERENCE rule with refers_to_quoted_speaker matches the
  // phrase: the quoted speaker speaking of themselves ("I", "we").
  bool RefersToQuotedSpeaker(absl::string_view phrase) const;

 private:
  void ClassifyUncached(absl::string_view text, Speaker* speaker) const;
  bool ClassifyPhrase(absl::string_view text, Speaker* speaker) const;

  const RuleSet& rules_;
  mutable absl::Mutex cache_mutex_;
  // Class fields and rule_id of each phrase classified, by phrase.
  mutable absl::flat_hash_map<std::string, Speaker> cache_
      ABSL_GUARDED_BY(cache_mutex_);
};

}  // namespace claims

#endif  // CLAIMS_SPEAKERS_H_
