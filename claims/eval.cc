#include "claims/eval.h"

#include <algorithm>
#include <filesystem>
#include <tuple>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "claims/document_io.h"

namespace claims {
namespace {

// Length of the UTF-8 sequence starting at text[i], or 1 when it is invalid.
size_t Utf8SequenceLength(absl::string_view text, size_t i) {
  const unsigned char lead = static_cast<unsigned char>(text[i]);
  size_t length = 0;
  if (lead < 0x80) {
    length = 1;
  } else if ((lead >> 5) == 0x6) {
    length = 2;
  } else if ((lead >> 4) == 0xE) {
    length = 3;
  } else if ((lead >> 3) == 0x1E) {
    length = 4;
  }
  if (length == 0 || i + length > text.size()) return 1;
  for (size_t k = 1; k < length; ++k) {
    if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return 1;
  }
  return length;
}

std::string FragmentsText(absl::string_view text, const Fragments& fragments,
                          absl::string_view separator) {
  std::vector<absl::string_view> pieces;
  for (const ByteRange& range : fragments) {
    pieces.push_back(text.substr(range.begin, range.end - range.begin));
  }
  return absl::StrJoin(pieces, separator);
}

ByteRange Extent(const Fragments& fragments) {
  return {fragments.front().begin, fragments.back().end};
}

// Both present and sharing a byte (overlap) or with equal extents (exact).
bool SpansAgree(const Fragments& a, const Fragments& b, bool exact) {
  if (a.empty() || b.empty()) return false;
  return exact ? Extent(a) == Extent(b) : OverlapBytes(a, b) > 0;
}

bool CueAgrees(const EvalAttribution& a, const EvalAttribution& b, bool exact) {
  return (a.cue.empty() && b.cue.empty()) || SpansAgree(a.cue, b.cue, exact);
}

bool ContentAgrees(const EvalAttribution& a, const EvalAttribution& b, bool exact) {
  return SpansAgree(a.content, b.content, exact);
}

bool SourceAgrees(const EvalAttribution& a, const EvalAttribution& b, bool exact) {
  if (a.source.empty() || b.source.empty()) {
    return !exact || (a.source.empty() && b.source.empty());
  }
  return SpansAgree(a.source, b.source, exact);
}

bool AttributionsAgree(const EvalAttribution& a, const EvalAttribution& b, bool exact) {
  return CueAgrees(a, b, exact) && ContentAgrees(a, b, exact) &&
         SourceAgrees(a, b, exact);
}

uint32_t SharedBytes(const EvalAttribution& a, const EvalAttribution& b) {
  return OverlapBytes(a.cue, b.cue) + OverlapBytes(a.source, b.source) +
         OverlapBytes(a.content, b.content);
}

// One-to-one greedy matching (see the header). Returns, for each side, the
// index matched on the other side or -1.
struct Matching {
  std::vector<int> gold_to_predicted;
  std::vector<int> predicted_to_gold;
  int matched = 0;
};

template <typename Item, typename Agree, typename Weight>
Matching GreedyMatch(const std::vector<Item>& gold,
                     const std::vector<Item>& predicted, Agree agree,
                     Weight weight) {
  // (weight, gold index, predicted index); sorted so the heaviest comes first.
  std::vector<std::tuple<uint32_t, int, int>> pairs;
  for (int g = 0; g < static_cast<int>(gold.size()); ++g) {
    for (int p = 0; p < static_cast<int>(predicted.size()); ++p) {
      if (agree(gold[g], predicted[p])) {
        pairs.emplace_back(weight(gold[g], predicted[p]), g, p);
      }
    }
  }
  std::sort(pairs.begin(), pairs.end(), [](const auto& a, const auto& b) {
    if (std::get<0>(a) != std::get<0>(b)) return std::get<0>(a) > std::get<0>(b);
    return std::make_pair(std::get<1>(a), std::get<2>(a)) <
           std::make_pair(std::get<1>(b), std::get<2>(b));
  });
  Matching matching;
  matching.gold_to_predicted.assign(gold.size(), -1);
  matching.predicted_to_gold.assign(predicted.size(), -1);
  for (const auto& [unused_weight, g, p] : pairs) {
    if (matching.gold_to_predicted[g] != -1 ||
        matching.predicted_to_gold[p] != -1) {
      continue;
    }
    matching.gold_to_predicted[g] = p;
    matching.predicted_to_gold[p] = g;
    ++matching.matched;
  }
  return matching;
}

// The distinct non-empty spans of one role, by position.
std::vector<Fragments> DistinctSpans(const std::vector<EvalAttribution>& items,
                                     Fragments EvalAttribution::*role) {
  std::vector<Fragments> spans;
  for (const EvalAttribution& item : items) {
    if (!(item.*role).empty()) spans.push_back(item.*role);
  }
  std::sort(spans.begin(), spans.end());
  spans.erase(std::unique(spans.begin(), spans.end()), spans.end());
  return spans;
}

SpanText MakeSpanText(absl::string_view text, const Fragments& span) {
  return {span, FragmentsText(text, span, " … ")};
}

ErrorReason WhyUnmatched(const EvalAttribution& item,
                         const std::vector<EvalAttribution>& other_side) {
  bool cue = false, content = false, source = false;
  for (const EvalAttribution& other : other_side) {
    if (!CueAgrees(item, other, false)) continue;
    cue = true;
    if (!ContentAgrees(item, other, false)) continue;
    content = true;
    if (SourceAgrees(item, other, false)) source = true;
  }
  if (!cue) return ErrorReason::kCue;
  if (!content) return ErrorReason::kContent;
  if (!source) return ErrorReason::kSource;
  return ErrorReason::kTaken;
}

// For a claim without a cue, the latest earlier attribution with a cue and the
// same speaker span, whose quotation it continues; otherwise null.
EvalAttribution* ContinuedAttribution(const EvalAttribution& claim,
                                  std::vector<EvalAttribution>& earlier) {
  if (!claim.cue.empty() || claim.source.empty()) return nullptr;
  for (auto it = earlier.rbegin(); it != earlier.rend(); ++it) {
    if (!it->cue.empty() && it->source == claim.source) return &*it;
  }
  return nullptr;
}

// Parses "12 30;41 50" into code point ranges.
absl::StatusOr<std::vector<std::pair<uint32_t, uint32_t>>> ParseOffsets(
    absl::string_view offsets) {
  std::vector<std::pair<uint32_t, uint32_t>> ranges;
  for (absl::string_view fragment : absl::StrSplit(offsets, ';')) {
    std::vector<absl::string_view> bounds =
        absl::StrSplit(fragment, ' ', absl::SkipEmpty());
    uint32_t begin = 0, end = 0;
    if (bounds.size() != 2 || !absl::SimpleAtoi(bounds[0], &begin) ||
        !absl::SimpleAtoi(bounds[1], &end)) {
      return absl::InvalidArgumentError(
          absl::StrCat("bad offsets \"", offsets, "\""));
    }
    if (begin > end) {
      return absl::InvalidArgumentError(
          absl::StrCat("offsets ", begin, " ", end, " are reversed"));
    }
    ranges.emplace_back(begin, end);
  }
  return ranges;
}

}  // namespace

Fragments NormalizeFragments(std::vector<ByteRange> ranges) {
  ranges.erase(std::remove_if(ranges.begin(), ranges.end(),
                              [](const ByteRange& r) { return r.begin >= r.end; }),
               ranges.end());
  std::sort(ranges.begin(), ranges.end());
  Fragments merged;
  for (const ByteRange& range : ranges) {
    if (!merged.empty() && range.begin <= merged.back().end) {
      merged.back().end = std::max(merged.back().end, range.end);
    } else {
      merged.push_back(range);
    }
  }
  return merged;
}

uint32_t OverlapBytes(const Fragments& a, const Fragments& b) {
  uint32_t shared = 0;
  for (const ByteRange& x : a) {
    for (const ByteRange& y : b) {
      const uint32_t begin = std::max(x.begin, y.begin);
      const uint32_t end = std::min(x.end, y.end);
      if (begin < end) shared += end - begin;
    }
  }
  return shared;
}

bool OverlapMatch(const EvalAttribution& gold, const EvalAttribution& predicted) {
  return AttributionsAgree(gold, predicted, false);
}

bool ExactMatch(const EvalAttribution& gold, const EvalAttribution& predicted) {
  return AttributionsAgree(gold, predicted, true);
}

std::vector<uint32_t> CodePointByteOffsets(absl::string_view text) {
  std::vector<uint32_t> offsets;
  offsets.reserve(text.size() + 1);
  for (size_t i = 0; i < text.size(); i += Utf8SequenceLength(text, i)) {
    offsets.push_back(static_cast<uint32_t>(i));
  }
  offsets.push_back(static_cast<uint32_t>(text.size()));
  return offsets;
}

absl::StatusOr<GoldDocument> ParseBratAnnotations(absl::string_view name,
                                                  absl::string_view text,
                                                  absl::string_view ann) {
  GoldDocument document;
  document.name = std::string(name);
  document.text = std::string(text);
  const std::vector<uint32_t> byte_at = CodePointByteOffsets(text);
  const uint32_t code_points = static_cast<uint32_t>(byte_at.size() - 1);

  // T id -> its byte span.
  absl::flat_hash_map<std::string, Fragments> bounds;
  // (line number, fields) of every E line, resolved once all T lines are read.
  std::vector<std::pair<int, std::vector<absl::string_view>>> events;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(ann, '\n')) {
    ++line_number;
    absl::ConsumeSuffix(&line, "\r");
    auto error = [&](absl::string_view message) {
      return absl::InvalidArgumentError(
          absl::StrCat(name, ":", line_number, ": ", message));
    };
    if (line.empty() || (line[0] != 'T' && line[0] != 'E')) continue;
    std::vector<absl::string_view> fields = absl::StrSplit(line, '\t');
    if (fields.size() < 2) return error("expected a TAB after the id");
    if (line[0] == 'E') {
      events.emplace_back(line_number, std::move(fields));
      continue;
    }
    const size_t space = fields[1].find(' ');
    if (space == absl::string_view::npos) return error("no offsets");
    auto ranges = ParseOffsets(fields[1].substr(space + 1));
    if (!ranges.ok()) return error(ranges.status().message());
    std::vector<ByteRange> byte_ranges;
    for (const auto& [begin, end] : *ranges) {
      if (end > code_points) {
        return error(absl::StrCat("offset ", end, " is beyond the text (",
                                  code_points, " code points)"));
      }
      byte_ranges.push_back({byte_at[begin], byte_at[end]});
    }
    if (fields.size() >= 3) {
      // Compared before normalising: the text column keeps the file's order.
      std::string covered = absl::StrReplaceAll(
          FragmentsText(text, byte_ranges, " "), {{"\n", " "}});
      if (covered != fields[2]) {
        return error(absl::StrCat("offsets cover \"", covered,
                                  "\" but the text column says \"", fields[2],
                                  "\""));
      }
    }
    const bool inserted =
        bounds
            .emplace(std::string(fields[0]),
                     NormalizeFragments(std::move(byte_ranges)))
            .second;
    if (!inserted) return error(absl::StrCat("duplicate id ", fields[0]));
  }

  for (const auto& [event_line, fields] : events) {
    auto error = [&, event_line = event_line](absl::string_view message) {
      return absl::InvalidArgumentError(
          absl::StrCat(name, ":", event_line, ": ", message));
    };
    EvalAttribution attribution;
    attribution.id = std::string(fields[0]);
    std::vector<absl::string_view> arguments =
        absl::StrSplit(fields[1], ' ', absl::SkipEmpty());
    // The first argument is the trigger: not scored.
    for (size_t i = 1; i < arguments.size(); ++i) {
      std::pair<absl::string_view, absl::string_view> role_and_id =
          absl::StrSplit(arguments[i], absl::MaxSplits(':', 1));
      auto bound = bounds.find(role_and_id.second);
      if (role_and_id.second.empty() || bound == bounds.end()) {
        return error(absl::StrCat("\"", arguments[i],
                                  "\" refers to no T annotation"));
      }
      // "Content2" adds to "Content".
      absl::string_view role = role_and_id.first;
      while (!role.empty() && absl::ascii_isdigit(role.back())) {
        role.remove_suffix(1);
      }
      Fragments* target = role == "Cue"       ? &attribution.cue
                          : role == "Source"  ? &attribution.source
                          : role == "Content" ? &attribution.content
                                              : nullptr;
      if (target == nullptr) continue;
      std::vector<ByteRange> combined = *target;
      combined.insert(combined.end(), bound->second.begin(),
                      bound->second.end());
      *target = NormalizeFragments(std::move(combined));
    }
    document.attributions.push_back(std::move(attribution));
  }
  return document;
}

absl::StatusOr<std::vector<GoldDocument>> ReadGoldDirectory(
    const std::string& dir) {
  namespace fs = std::filesystem;
  const fs::path text_dir = fs::path(dir) / "text";
  const fs::path ann_dir = fs::path(dir) / "attributions";
  std::error_code error;
  std::vector<fs::path> texts;
  for (fs::directory_iterator it(text_dir, error), end; !error && it != end;
       it.increment(error)) {
    if (it->path().extension() == ".txt") texts.push_back(it->path());
  }
  if (error) {
    return absl::NotFoundError(
        absl::StrCat("cannot list ", text_dir.string(), ": ", error.message()));
  }
  if (texts.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("no *.txt files in ", text_dir.string()));
  }
  std::sort(texts.begin(), texts.end());
  std::vector<GoldDocument> documents;
  for (const fs::path& text_path : texts) {
    const std::string name = text_path.stem().string();
    absl::StatusOr<InputDocument> text = ReadTextDocument(text_path.string());
    if (!text.ok()) return text.status();
    const std::string ann_path = (ann_dir / (name + ".ann")).string();
    absl::StatusOr<InputDocument> ann = ReadTextDocument(ann_path);
    if (!ann.ok()) return ann.status();
    absl::StatusOr<GoldDocument> document =
        ParseBratAnnotations(ann_path, text->text, ann->text);
    if (!document.ok()) return document.status();
    document->name = name;
    document->document = std::move(text->document);
    documents.push_back(*std::move(document));
  }
  return documents;
}

absl::StatusOr<std::vector<EvalAttribution>> PredictedAttributions(
    const Document& document, size_t text_length) {
  std::vector<EvalAttribution> attributions;
  for (const Claim& claim : document.claims()) {
    if (claim.mode() == UNATTRIBUTED) continue;
    EvalAttribution attribution;
    attribution.id = claim.id();
    const std::pair<bool, const Span*> roles[] = {
        {claim.has_cue(), &claim.cue().span()},
        {claim.has_speaker(), &claim.speaker().span()},
        {claim.has_content(), &claim.content().span()}};
    Fragments* targets[] = {&attribution.cue, &attribution.source,
                            &attribution.content};
    for (int i = 0; i < 3; ++i) {
      if (!roles[i].first) continue;
      const Span& span = *roles[i].second;
      if (span.begin() > span.end() || span.end() > text_length) {
        return absl::InvalidArgumentError(absl::StrCat(
            "claim ", claim.id(), ": span [", span.begin(), ", ", span.end(),
            ") does not fit in the text (", text_length, " bytes)"));
      }
      *targets[i] = NormalizeFragments({{span.begin(), span.end()}});
    }
    if (EvalAttribution* head = ContinuedAttribution(attribution, attributions)) {
      std::vector<ByteRange> content = head->content;
      content.insert(content.end(), attribution.content.begin(),
                     attribution.content.end());
      head->content = NormalizeFragments(std::move(content));
      continue;
    }
    attributions.push_back(std::move(attribution));
  }
  return attributions;
}

absl::string_view EvalRoleName(EvalRole role) {
  switch (role) {
    case EvalRole::kCue:
      return "cue";
    case EvalRole::kSource:
      return "source";
    case EvalRole::kContent:
      return "content";
    case EvalRole::kAttribution:
      return "attribution";
  }
  return "";
}

absl::string_view ErrorReasonName(ErrorReason reason) {
  switch (reason) {
    case ErrorReason::kNotApplicable:
      return "-";
    case ErrorReason::kCue:
      return "cue";
    case ErrorReason::kContent:
      return "content";
    case ErrorReason::kSource:
      return "source";
    case ErrorReason::kTaken:
      return "taken";
  }
  return "";
}

double Counts::precision() const {
  return predicted == 0 ? 0.0 : static_cast<double>(matched) / predicted;
}

double Counts::recall() const {
  return gold == 0 ? 0.0 : static_cast<double>(matched) / gold;
}

double Counts::f1() const {
  const double p = precision(), r = recall();
  return p + r == 0.0 ? 0.0 : 2 * p * r / (p + r);
}

Counts& RoleCounts::of(EvalRole role) {
  switch (role) {
    case EvalRole::kCue:
      return cue;
    case EvalRole::kSource:
      return source;
    case EvalRole::kContent:
      return content;
    case EvalRole::kAttribution:
      break;
  }
  return attribution;
}

const Counts& RoleCounts::of(EvalRole role) const {
  return const_cast<RoleCounts*>(this)->of(role);
}

absl::Status Evaluator::Add(const GoldDocument& gold,
                            const Document& predicted) {
  absl::StatusOr<std::vector<EvalAttribution>> predictions =
      PredictedAttributions(predicted, gold.text.size());
  if (!predictions.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(gold.name, ": ", predictions.status().message()));
  }
  auto add_counts = [](Counts& counts, size_t gold_count,
                       size_t predicted_count, int matched) {
    counts.gold += static_cast<int>(gold_count);
    counts.predicted += static_cast<int>(predicted_count);
    counts.matched += matched;
  };

  struct SingleRole {
    EvalRole role;
    Fragments EvalAttribution::*member;
    SpanText EvalError::*field;
  };
  const SingleRole single_roles[] = {
      {EvalRole::kCue, &EvalAttribution::cue, &EvalError::cue},
      {EvalRole::kSource, &EvalAttribution::source, &EvalError::source},
      {EvalRole::kContent, &EvalAttribution::content, &EvalError::content}};
  for (const SingleRole& single : single_roles) {
    const std::vector<Fragments> gold_spans =
        DistinctSpans(gold.attributions, single.member);
    const std::vector<Fragments> predicted_spans =
        DistinctSpans(*predictions, single.member);
    const Matching overlap = GreedyMatch(
        gold_spans, predicted_spans,
        [](const Fragments& a, const Fragments& b) {
          return SpansAgree(a, b, false);
        },
        OverlapBytes);
    const Matching exact = GreedyMatch(
        gold_spans, predicted_spans,
        [](const Fragments& a, const Fragments& b) {
          return SpansAgree(a, b, true);
        },
        OverlapBytes);
    add_counts(report_.overlap.of(single.role), gold_spans.size(),
               predicted_spans.size(), overlap.matched);
    add_counts(report_.exact.of(single.role), gold_spans.size(),
               predicted_spans.size(), exact.matched);
    auto add_errors = [&](const std::vector<Fragments>& spans,
                          const std::vector<int>& matched_to,
                          std::vector<EvalError>& errors) {
      for (size_t i = 0; i < spans.size(); ++i) {
        if (matched_to[i] != -1) continue;
        EvalError error;
        error.document = gold.name;
        error.role = single.role;
        error.*single.field = MakeSpanText(gold.text, spans[i]);
        errors.push_back(std::move(error));
      }
    };
    add_errors(gold_spans, overlap.gold_to_predicted, report_.misses);
    add_errors(predicted_spans, overlap.predicted_to_gold,
               report_.false_positives);
  }

  auto agree = [](bool exact) {
    return [exact](const EvalAttribution& a, const EvalAttribution& b) {
      return AttributionsAgree(a, b, exact);
    };
  };
  const Matching overlap =
      GreedyMatch(gold.attributions, *predictions, agree(false), SharedBytes);
  const Matching exact =
      GreedyMatch(gold.attributions, *predictions, agree(true), SharedBytes);
  add_counts(report_.overlap.attribution, gold.attributions.size(),
             predictions->size(), overlap.matched);
  add_counts(report_.exact.attribution, gold.attributions.size(),
             predictions->size(), exact.matched);
  auto add_errors = [&](const std::vector<EvalAttribution>& items,
                        const std::vector<int>& matched_to,
                        const std::vector<EvalAttribution>& other_side,
                        std::vector<EvalError>& errors) {
    for (size_t i = 0; i < items.size(); ++i) {
      if (matched_to[i] != -1) continue;
      EvalError error;
      error.document = gold.name;
      error.role = EvalRole::kAttribution;
      error.id = items[i].id;
      error.cue = MakeSpanText(gold.text, items[i].cue);
      error.source = MakeSpanText(gold.text, items[i].source);
      error.content = MakeSpanText(gold.text, items[i].content);
      error.reason = WhyUnmatched(items[i], other_side);
      errors.push_back(std::move(error));
    }
  };
  add_errors(gold.attributions, overlap.gold_to_predicted, *predictions,
             report_.misses);
  add_errors(*predictions, overlap.predicted_to_gold, gold.attributions,
             report_.false_positives);
  ++report_.documents;
  return absl::OkStatus();
}

}  // namespace claims
