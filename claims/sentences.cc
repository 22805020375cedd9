#include "claims/sentences.h"

#include <array>

#include "claims/text_util.h"

namespace claims {
namespace {

// Abbreviations are short; looking further back would make splitting
// quadratic on text with no spaces.
constexpr size_t kMaxAbbreviationBytes = 24;
constexpr size_t kMaxContinuationBytes = 200;

bool StartsWithBytes(absl::string_view text, size_t i, absl::string_view s) {
  return text.size() - i >= s.size() && text.compare(i, s.size(), s) == 0;
}

// Length of a sentence terminator at text[i], or 0.
size_t TerminatorAt(absl::string_view text, size_t i) {
  char c = text[i];
  if (c == '.' || c == '!' || c == '?') return 1;
  if (StartsWithBytes(text, i, "\xE2\x80\xA6")) return 3;  // …
  return 0;
}

// Length of a closing bracket or single closing quote at text[i], or 0.
size_t ClosingBracketAt(absl::string_view text, size_t i) {
  char c = text[i];
  if (c == ')' || c == ']' || c == '\'') return 1;
  if (StartsWithBytes(text, i, "\xE2\x80\x99")) return 3;  // ’
  return 0;
}

// Whether a sentence may start at text[i].
bool CanStartSentence(absl::string_view text, size_t i) {
  unsigned char c = static_cast<unsigned char>(text[i]);
  if (('A' <= c && c <= 'Z') || ('0' <= c && c <= '9')) return true;
  if (c == '(' || c == '[' || c == '"' || c == '\'') return true;
  if (StartsWithBytes(text, i, "\xE2\x80\x9C") ||  // “
      StartsWithBytes(text, i, "\xE2\x80\x98")) {  // ‘
    return true;
  }
  // Upper-case Latin-1 and Latin Extended letters (À-Þ, Ā-ž lead bytes).
  return c == 0xC3 || c == 0xC4 || c == 0xC5;
}

// Whether a byte can start a line break, a quote mark (see QuoteMarkAt) or a
// sentence terminator: the bytes Split stops at. Most bytes of a text are
// none of these, and skipping them in a tight loop costs a few instructions
// a byte instead of a hundred.
constexpr std::array<bool, 256> kSplitStops = [] {
  std::array<bool, 256> stops{};
  for (unsigned char c : {'\n', '"', '\'', '.', '!', '?'}) stops[c] = true;
  stops[0xE2] = true;  // the first byte of “, ” and …
  return stops;
}();

size_t NextSplitStop(absl::string_view text, size_t i, size_t end) {
  while (i < end && !kSplitStops[static_cast<unsigned char>(text[i])]) ++i;
  return i;
}

bool IsLower(char c) { return 'a' <= c && c <= 'z'; }
bool IsUpper(char c) { return 'A' <= c && c <= 'Z'; }

}  // namespace

SentenceSplitter::SentenceSplitter(const RuleSet& rules) : rules_(rules) {}

bool SentenceSplitter::IsAbbreviation(absl::string_view text, size_t period,
                                      size_t next_word) const {
  size_t start = period;
  while (start > 0 && period - start < kMaxAbbreviationBytes &&
         !IsSpace(text[start - 1])) {
    --start;
  }
  if (start > 0 && !IsSpace(text[start - 1])) return false;
  // Drop opening punctuation: "(Gen." is the word "Gen.".
  while (start < period) {
    size_t length = 0;
    if (text[start] == '(' || text[start] == '[') {
      ++start;
    } else if (QuoteMarkAt(text, start, &length) == QuoteMark::kOpen) {
      start += length;
    } else {
      break;
    }
  }
  absl::string_view word = text.substr(start, period + 1 - start);
  RuleMatch match;
  for (const CompiledRule* rule : rules_.rules(ABBREVIATION)) {
    if (!ApplyRule(*rule, word, &match)) continue;
    if (rule->follow_re == nullptr || next_word >= text.size()) return true;
    re2::StringPiece rest(text.data() + next_word, text.size() - next_word);
    return !rule->follow_re->Match(rest, 0, rest.size(), RE2::ANCHOR_START,
                                   nullptr, 0);
  }
  return false;
}

bool SentenceSplitter::ContinuesAfterQuotation(absl::string_view text,
                                               size_t next) const {
  // An attribution tail is short; looking at a bounded window keeps the
  // split linear.
  absl::string_view rest = text.substr(next, kMaxContinuationBytes);
  RuleMatch match;
  for (const CompiledRule* rule : rules_.rules(SENTENCE_CONTINUATION)) {
    if (ApplyRule(*rule, rest, &match)) return true;
  }
  return false;
}

void SentenceSplitter::Split(absl::string_view text, size_t begin, size_t end,
                             std::vector<Sentence>* sentences) const {
  size_t paragraph = 0;
  size_t start = begin;
  int quote_depth = 0;
  auto emit = [&](size_t from, size_t to) {
    Trim(text, &from, &to);
    if (from < to) {
      sentences->push_back({from, to, paragraph});
    }
  };
  size_t i = begin;
  while ((i = NextSplitStop(text, i, end)) < end) {
    char c = text[i];
    if (c == '\n') {
      // A run of blank lines is one paragraph break.
      size_t k = i + 1;
      bool blank_line = false;
      while (k < end && IsSpace(text[k])) {
        blank_line |= text[k] == '\n';
        ++k;
      }
      bool joined = !blank_line && k < end && 'a' <= text[k] && text[k] <= 'z';
      if (!joined) {
        emit(start, i);
        quote_depth = 0;
        ++paragraph;
        start = k;
      }
      i = k;
      continue;
    }
    size_t length = 0;
    QuoteMark mark = QuoteMarkAt(text, i, &length);
    if (mark == QuoteMark::kOpen) {
      ++quote_depth;
      i += length;
      continue;
    }
    if (mark == QuoteMark::kClose) {
      if (quote_depth > 0) --quote_depth;
      i += length;
      continue;
    }
    size_t terminator = TerminatorAt(text, i);
    if (terminator == 0) {
      ++i;
      continue;
    }
    size_t terminator_at = i;
    size_t period = c == '.' ? i : std::string::npos;
    size_t j = i + terminator;
    while (j < end && TerminatorAt(text, j) > 0) {
      period = std::string::npos;
      j += TerminatorAt(text, j);
    }
    // Closing quotes and brackets belong to the sentence they close.
    bool closes_quotation = false;
    while (j < end) {
      size_t mark_length = 0;
      if (QuoteMarkAt(text, j, &mark_length) == QuoteMark::kClose) {
        if (quote_depth > 0) --quote_depth;
        closes_quotation = true;
        j += mark_length;
      } else if (size_t bracket = ClosingBracketAt(text, j)) {
        j += bracket;
      } else {
        break;
      }
    }
    i = j;
    if (j < end && !IsSpace(text[j]) && !IsNbsp(text, j)) {
      // Scraped text often loses the space: "for joining.Thanks". A word of
      // lower-case letters, the period, then a capitalised word is a
      // boundary; "U.S.A", "Ph.D" and "example.com" are not.
      bool glued = terminator_at >= 2 && j + 1 < end &&
                   IsLower(text[terminator_at - 1]) &&
                   IsLower(text[terminator_at - 2]) && IsUpper(text[j]) &&
                   IsLower(text[j + 1]) && quote_depth == 0;
      if (!glued) continue;
      emit(start, j);
      start = j;
      continue;
    }
    size_t k = j;
    while (k < end && (text[k] == ' ' || text[k] == '\t' || IsNbsp(text, k))) {
      k += IsNbsp(text, k) ? 2 : 1;
    }
    if (k < end && text[k] != '\n' && text[k] != '\r' &&
        !CanStartSentence(text, k)) {
      continue;
    }
    if (quote_depth > 0) continue;
    if (period != std::string::npos && IsAbbreviation(text, period, k)) {
      continue;
    }
    if (closes_quotation && ContinuesAfterQuotation(text, k)) continue;
    emit(start, j);
    start = k;
    i = k;
  }
  emit(start, end);
}

}  // namespace claims
