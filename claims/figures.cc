#include "claims/figures.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "claims/dates.h"
#include "re2/re2.h"

namespace claims {

struct FigureLexicon {
  // The FIGURE_PATTERN rules in pack order; a paragraph runs only the few
  // that can match it.
  RuleIndex patterns;
  // The lexicon entries of each other role.
  absl::flat_hash_map<int, FullMatchIndex> by_role;

  // The first entry of `role` whose pattern fully matches `text`, or nullptr.
  const CompiledRule* Find(FigureRole role, absl::string_view text) const {
    auto it = by_role.find(role);
    return it == by_role.end() ? nullptr : it->second.Find(text);
  }
};

namespace {

using ByteSpan = std::pair<size_t, size_t>;

struct Candidate {
  Figure figure;
  int priority = 0;
  int order = 0;
};

bool IsWhole(double value) { return std::floor(value) == value; }

// Builds the figure for one match of one FIGURE_PATTERN rule.
class FigureBuilder {
 public:
  // `read_to[i]`, when it is past numbers[i], is where a match of a masked
  // pattern that uses numbers[i] must reach (see
  // FigureExtractor::MaskedReadEnd).
  FigureBuilder(absl::string_view text,
                const std::vector<NumberMention>& numbers,
                const std::vector<size_t>& read_to,
                const FigureLexicon& lexicon, absl::string_view document_date)
      : text_(text), lexicon_(lexicon), document_date_(document_date) {
    for (size_t i = 0; i < numbers.size(); ++i) {
      const NumberMention& number = numbers[i];
      by_span_[{number.begin, number.end}] = {&number, read_to[i]};
    }
  }

  // False when the match does not make a figure (a group is not a number,
  // a range is reversed, a word is no unit...).
  bool Build(const CompiledRule& compiled, const re2::StringPiece* groups,
             ByteSpan match, Figure* figure) const {
    const Rule& rule = compiled.rule;
    auto group = [&](absl::string_view name) -> std::optional<ByteSpan> {
      int index = compiled.group_index(name);
      if (index < 0 || groups[index].data() == nullptr) return std::nullopt;
      size_t begin = groups[index].data() - text_.data();
      return ByteSpan(begin, begin + groups[index].size());
    };
    auto slice = [&](ByteSpan span) {
      return text_.substr(span.first, span.second - span.first);
    };
    // The number at exactly `span`, usable by this match.
    auto number_at = [&](ByteSpan span) -> const NumberMention* {
      auto it = by_span_.find(span);
      if (it == by_span_.end()) return nullptr;
      const auto [number, read_to] = it->second;
      if (number->glued_before && number->begin <= match.first) return nullptr;
      if (number->glued_after && number->end >= match.second) return nullptr;
      if (compiled.number_masked_re != nullptr && read_to > match.second) {
        return nullptr;
      }
      return number;
    };

    FigureKind kind = rule.figure_kind();
    double multiplier = rule.multiplier() > 0 ? rule.multiplier() : 1;
    std::string unit = rule.unit();
    const Rule* unit_entry = nullptr;
    if (std::optional<ByteSpan> span = group("scale")) {
      const CompiledRule* scale = lexicon_.Find(NUMBER_SCALE, slice(*span));
      if (scale == nullptr) return false;
      multiplier *= scale->rule.multiplier();
    }
    if (std::optional<ByteSpan> span = group("unit")) {
      absl::string_view written = slice(*span);
      const CompiledRule* entry = lexicon_.Find(FIGURE_UNIT, written);
      if (entry != nullptr) {
        unit_entry = &entry->rule;
        unit = unit_entry->unit();
        if (unit_entry->multiplier() > 0) multiplier *= unit_entry->multiplier();
        if ((kind == COUNT || kind == FIGURE_KIND_UNSPECIFIED) &&
            unit_entry->figure_kind() != FIGURE_KIND_UNSPECIFIED) {
          kind = unit_entry->figure_kind();
        }
      } else {
        for (absl::string_view word :
             absl::StrSplit(written, absl::ByAnyChar(" -\t\n"), absl::SkipEmpty())) {
          if (lexicon_.Find(FIGURE_NOT_UNIT, word) != nullptr) return false;
        }
        unit = std::string(written);
      }
      SetSpan(*span, figure->mutable_unit_span());
    }
    if (std::optional<ByteSpan> span = group("per_unit")) {
      const CompiledRule* entry = lexicon_.Find(FIGURE_UNIT, slice(*span));
      if (entry == nullptr) return false;
      absl::StrAppend(&unit, "/", entry->rule.unit());
    }
    Qualifier qualifier = rule.qualifier();
    if (std::optional<ByteSpan> span = group("qualifier")) {
      const CompiledRule* entry = lexicon_.Find(FIGURE_QUALIFIER, slice(*span));
      if (entry != nullptr) qualifier = entry->rule.qualifier();
      SetSpan(*span, figure->mutable_qualifier_span());
    }

    double value = 0;
    double low = 0;
    double high = 0;
    if (std::optional<ByteSpan> span = group("number")) {
      const NumberMention* number = number_at(*span);
      if (number == nullptr || number->ordinal || number->in_code) return false;
      value = low = high = number->value;
    }
    if (std::optional<ByteSpan> span = group("ordinal")) {
      const NumberMention* number = number_at(*span);
      if (number == nullptr || !number->ordinal) return false;
      value = low = high = number->value;
    }
    std::optional<ByteSpan> low_span = group("low");
    std::optional<ByteSpan> high_span = group("high");
    if (low_span && high_span) {
      const NumberMention* first = number_at(*low_span);
      const NumberMention* last = number_at(*high_span);
      if (first == nullptr || last == nullptr || first->in_code ||
          last->in_code) {
        return false;
      }
      low = first->value;
      high = last->value;
      if (first->scale == 1 && last->scale > 1 &&
          low <= high / last->scale) {
        low *= last->scale;  // "5-10 million"
      }
      if (!(low < high)) return false;
      value = low;
    }
    if (std::optional<ByteSpan> span = group("minor")) {
      const NumberMention* number = number_at(*span);
      double per_unit = unit_entry != nullptr ? unit_entry->minor_units() : 0;
      if (number == nullptr || per_unit <= 0 || !IsWhole(value) ||
          number->value < 0 || number->value >= per_unit ||
          !IsWhole(number->value)) {
        return false;
      }
      value = low = high = value + number->value / per_unit;
    }
    value *= multiplier;
    low *= multiplier;
    high *= multiplier;

    DateParts date;
    bool is_date = false;
    if (!ReadDate(group, slice, number_at, &date, &is_date)) return false;
    if (is_date) {
      figure->set_normalized_date(ResolveDate(date, document_date_));
      int year = date.year;
      const std::string& iso = figure->normalized_date();
      if (iso.size() >= 4) year = std::atoi(iso.substr(0, 4).c_str());
      value = low = high = year;
    }

    ByteSpan span = group("figure").value_or(match);
    SetSpan(span, figure->mutable_span());
    figure->set_text(std::string(slice(span)));
    figure->set_kind(kind);
    figure->set_value(value);
    figure->set_low(low);
    figure->set_high(high);
    figure->set_unit(unit);
    figure->set_qualifier(qualifier);
    figure->set_rule_id(rule.id());
    return true;
  }

 private:
  static void SetSpan(ByteSpan span, Span* out) {
    out->set_begin(static_cast<uint32_t>(span.first));
    out->set_end(static_cast<uint32_t>(span.second));
  }

  // Reads the date groups; false when one is present but unreadable.
  template <typename Group, typename Slice, typename NumberAt>
  bool ReadDate(const Group& group, const Slice& slice,
                const NumberAt& number_at, DateParts* date,
                bool* is_date) const {
    auto whole = [&](ByteSpan span, int lowest, int highest, int* out) {
      const NumberMention* number = number_at(span);
      if (number == nullptr || !IsWhole(number->value) ||
          number->value < lowest || number->value > highest) {
        return false;
      }
      *out = static_cast<int>(number->value);
      return true;
    };
    if (std::optional<ByteSpan> span = group("year")) {
      const NumberMention* number = number_at(*span);
      if (number == nullptr || number->ordinal) return false;
      if (!whole(*span, 1, 9999, &date->year)) return false;
      *is_date = true;
    }
    if (std::optional<ByteSpan> span = group("month")) {
      const CompiledRule* entry = lexicon_.Find(DATE_MONTH, slice(*span));
      if (entry != nullptr) {
        date->month = static_cast<int>(entry->rule.value());
      } else if (!whole(*span, 1, 12, &date->month)) {
        return false;
      }
      *is_date = true;
    }
    if (std::optional<ByteSpan> span = group("day")) {
      if (!whole(*span, 1, 31, &date->day)) return false;
      *is_date = true;
    }
    if (std::optional<ByteSpan> span = group("day_end")) {
      if (!whole(*span, 1, 31, &date->day_end)) return false;
    }
    if (std::optional<ByteSpan> span = group("weekday")) {
      const CompiledRule* entry = lexicon_.Find(DATE_WEEKDAY, slice(*span));
      if (entry == nullptr) return false;
      date->weekday = static_cast<int>(entry->rule.value());
      *is_date = true;
    }
    if (std::optional<ByteSpan> span = group("relative")) {
      const CompiledRule* entry = lexicon_.Find(DATE_RELATIVE, slice(*span));
      if (entry == nullptr) return false;
      date->relative = true;
      date->offset = static_cast<int>(entry->rule.value());
      date->period = entry->rule.unit();
      *is_date = true;
    }
    if (std::optional<ByteSpan> span = group("period")) {
      const CompiledRule* entry = lexicon_.Find(DATE_PERIOD, slice(*span));
      if (entry == nullptr) return false;
      date->period = entry->rule.unit();
      *is_date = true;
    }
    return true;
  }

  absl::string_view text_;
  const FigureLexicon& lexicon_;
  absl::string_view document_date_;
  absl::flat_hash_map<ByteSpan, std::pair<const NumberMention*, size_t>>
      by_span_;
};

}  // namespace

FigureExtractor::FigureExtractor(const RuleSet& rules)
    : FigureExtractor(rules, Options()) {}

FigureExtractor::FigureExtractor(const RuleSet& rules, Options options)
    : numbers_(rules), number_mention_(rules.number_mention()) {
  auto lexicon = std::make_unique<FigureLexicon>();
  std::vector<const CompiledRule*> patterns;
  absl::flat_hash_map<int, std::vector<const CompiledRule*>> by_role;
  for (const CompiledRule* rule : rules.rules(FIGURE)) {
    FigureRole role = rule->rule.figure_role();
    if (role == FIGURE_PATTERN) {
      if (!rule->rule.bare_unit() || options.bare_units) {
        patterns.push_back(rule);
      }
    } else {
      by_role[role].push_back(rule);
    }
  }
  lexicon->patterns = RuleIndex(std::move(patterns));
  for (auto& [role, entries] : by_role) {
    lexicon->by_role[role] = FullMatchIndex(std::move(entries));
  }
  lexicon_ = std::move(lexicon);
}

FigureExtractor::~FigureExtractor() = default;

std::optional<size_t> FigureExtractor::MaskedReadEnd(
    absl::string_view text, size_t end,
    const std::vector<NumberMention>& numbers, size_t i) const {
  const NumberMention& number = numbers[i];
  if (number.glued_before) {
    size_t word = number.begin;
    while (word > 0 &&
           absl::ascii_isalpha(static_cast<unsigned char>(text[word - 1]))) {
      --word;
    }
    if (lexicon_->Find(FIGURE_UNIT, text.substr(word, number.end - word)) !=
        nullptr) {
      return std::nullopt;
    }
  }
  const re2::StringPiece input(text.data(), text.size());
  re2::StringPiece read;
  if (!number_mention_->Match(input, number.begin, end, RE2::ANCHOR_START,
                              &read, 1)) {
    return std::nullopt;
  }
  size_t read_end =
      static_cast<size_t>(read.data() + read.size() - text.data());
  if (read_end == number.end) return number.end;
  // Read otherwise, the number must still be one reading of the grammar.
  if (!number_mention_->Match(input, number.begin, number.end, RE2::ANCHOR_BOTH,
                              nullptr, 0)) {
    return std::nullopt;
  }
  if (read_end < number.end) return number.end;
  for (size_t next = i + 1;
       next < numbers.size() && numbers[next].begin < read_end; ++next) {
    if (numbers[next].end == read_end) return read_end;
  }
  return std::nullopt;
}

std::string FigureExtractor::MaskNumbers(
    absl::string_view text, size_t end,
    const std::vector<NumberMention>& numbers,
    std::vector<size_t>* read_to) const {
  read_to->assign(numbers.size(), 0);
  if (number_mention_ == nullptr) return "";
  std::string masked(text);
  for (size_t i = 0; i < numbers.size(); ++i) {
    if (std::optional<size_t> read_end = MaskedReadEnd(text, end, numbers, i)) {
      MaskNumber(numbers[i].begin, numbers[i].end, &masked);
      (*read_to)[i] = *read_end;
    }
  }
  return masked;
}

std::string FigureExtractor::NumbersMasked(absl::string_view text) const {
  std::vector<NumberMention> numbers;
  numbers_.Find(text, 0, text.size(), &numbers);
  std::vector<size_t> read_to;
  return MaskNumbers(text, text.size(), numbers, &read_to);
}

void FigureExtractor::Extract(absl::string_view text, size_t begin, size_t end,
                              absl::string_view document_date,
                              std::vector<Figure>* figures) const {
  end = std::min(end, text.size());
  if (begin >= end) return;
  std::vector<NumberMention> numbers;
  std::vector<ByteSpan> vetoed;
  numbers_.Find(text, begin, end, &numbers, &vetoed);
  std::vector<size_t> read_to;
  std::string numbers_masked = MaskNumbers(text, end, numbers, &read_to);
  FigureBuilder builder(text, numbers, read_to, *lexicon_, document_date);
  std::vector<Candidate> candidates;
  auto add_candidate = [&](int order, size_t match_begin, size_t match_end,
                           const std::vector<re2::StringPiece>& groups) {
    const CompiledRule& rule = *lexicon_->patterns.rules()[order];
    Candidate candidate;
    if (match_end == match_begin ||
        !builder.Build(rule, groups.data(), {match_begin, match_end},
                       &candidate.figure)) {
      return false;
    }
    candidate.priority = rule.rule.priority();
    candidate.order = order;
    candidates.push_back(std::move(candidate));
    return true;
  };
  ForEachCandidateMatch(lexicon_->patterns, text, begin, end, add_candidate,
                        numbers_masked);
  std::sort(candidates.begin(), candidates.end(),
            [](const Candidate& a, const Candidate& b) {
              const Span& x = a.figure.span();
              const Span& y = b.figure.span();
              if (a.priority != b.priority) return a.priority < b.priority;
              if (x.end() - x.begin() != y.end() - y.begin()) {
                return x.end() - x.begin() > y.end() - y.begin();
              }
              if (x.begin() != y.begin()) return x.begin() < y.begin();
              return a.order < b.order;
            });
  std::vector<ByteSpan> taken = std::move(vetoed);
  std::vector<Figure> kept;
  for (Candidate& candidate : candidates) {
    const Span& span = candidate.figure.span();
    bool overlaps = false;
    for (const auto& [taken_begin, taken_end] : taken) {
      if (span.begin() < taken_end && taken_begin < span.end()) overlaps = true;
    }
    if (overlaps) continue;
    taken.emplace_back(span.begin(), span.end());
    kept.push_back(std::move(candidate.figure));
  }
  std::sort(kept.begin(), kept.end(), [](const Figure& a, const Figure& b) {
    return a.span().begin() < b.span().begin();
  });
  for (Figure& figure : kept) figures->push_back(std::move(figure));
}

}  // namespace claims
