#include "claims/numbers.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <optional>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "re2/re2.h"

namespace claims {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
// Longest run of tokens tried as one number; keeps the search linear.
constexpr int kMaxRunTokens = 40;

re2::StringPiece Piece(absl::string_view s) {
  return re2::StringPiece(s.data(), s.size());
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiLetter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool IsAsciiAlnum(char c) { return IsDigit(c) || IsAsciiLetter(c); }

// True when a letter (any script) starts at text[pos].
bool LetterAt(absl::string_view text, size_t pos) {
  if (pos >= text.size()) return false;
  unsigned char c = text[pos];
  if (c < 0x80) return IsAsciiLetter(c);
  static const RE2* const kLetter = new RE2("\\pL");
  size_t length = 1;
  while (pos + length < text.size() && length < 4 &&
         (static_cast<unsigned char>(text[pos + length]) & 0xC0) == 0x80) {
    ++length;
  }
  return RE2::FullMatch(Piece(text.substr(pos, length)), *kLetter);
}

// Byte length of the whitespace character at text[pos], 0 when there is none.
// No-break and narrow no-break spaces count: they group digits ("40 000").
size_t SpaceLength(absl::string_view text, size_t pos) {
  char c = text[pos];
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return 1;
  // Asked at every word and mark: the spaces below are all multi-byte, so an
  // ASCII byte needs no comparison.
  if (static_cast<unsigned char>(c) < 0x80) return 0;
  absl::string_view rest = text.substr(pos);
  for (absl::string_view space : {"\xC2\xA0", "\xE2\x80\xAF", "\xE2\x80\x89"}) {
    if (absl::StartsWith(rest, space)) return space.size();
  }
  return 0;
}

// Byte length of a minus sign at text[pos] ("-" or U+2212), else 0.
size_t MinusLength(absl::string_view text, size_t pos) {
  if (text[pos] == '-') return 1;
  if (absl::StartsWith(text.substr(pos), "\xE2\x88\x92")) return 3;
  return 0;
}

enum class TokenType { kNumeral, kWord, kBreak };

struct Token {
  TokenType type = TokenType::kBreak;
  size_t begin = 0;
  size_t end = 0;
  // Words: the lexicon entry.
  const Rule* rule = nullptr;
  FigureRole role = FIGURE_PATTERN;
  // Numerals: the magnitude, before `scale`; words: `value` or `multiplier`.
  double value = 0;
  // Numerals: a scale written right after the digits ("10k").
  double scale = 1;
  // Joined to the previous word by a hyphen ("twenty-one").
  bool hyphen_before = false;
  bool negative = false;
  bool fraction = false;
  bool ordinal = false;
  bool in_code = false;
  // Exactly four digits, as a year is written.
  bool four_digits = false;
};

bool IsNumeral(const Token& t) { return t.type == TokenType::kNumeral; }
FigureRole RoleOf(const Token& t) {
  return t.type == TokenType::kWord ? t.role : FIGURE_PATTERN;
}
bool Is(const Token& t, FigureRole role) {
  return t.type == TokenType::kWord && t.role == role;
}
bool IsScaleWord(const Token& t) {
  return Is(t, NUMBER_MULTIPLIER) || Is(t, NUMBER_SCALE);
}
bool IsDenominator(const Token& t) {
  return Is(t, NUMBER_ORDINAL_DENOMINATOR) || Is(t, NUMBER_DENOMINATOR);
}
bool IsOrdinalWord(const Token& t) {
  return Is(t, NUMBER_ORDINAL) || Is(t, NUMBER_ORDINAL_DENOMINATOR);
}
bool IsTens(const Token& t) {
  return Is(t, NUMBER_CARDINAL) && t.value >= 20 && t.value < 100 &&
         std::fmod(t.value, 10) == 0;
}
bool IsUnitWord(const Token& t) {
  return (Is(t, NUMBER_CARDINAL) || IsOrdinalWord(t)) && t.value >= 1 &&
         t.value <= 9;
}
// The smallest place a word or numeral fills: a following term must be
// smaller ("twenty" 10: "twenty one"; "one" 1: never "one two").
double PlaceOf(const Token& t) {
  if (IsNumeral(t)) return 1;
  if (t.value < 1) return 0;
  return IsTens(t) ? 10 : 1;
}

struct Parse {
  double value = 0;
  // Multiplier of the scale ending the number, 1 when none.
  double scale = 1;
  // Place a further term would have to stay below (see PlaceOf).
  double place = kInfinity;
  bool ordinal = false;
  bool fraction = false;
  bool in_code = false;
  // For a fraction part: value before a trailing scale, and that scale.
  double core = 0;
  double tail = 1;
};

// Evaluates token sequences as single numbers.
class Grammar {
 public:
  Grammar(absl::string_view text, const std::vector<Token>& tokens)
      : text_(text), t_(tokens) {}

  // [a, b) as one number, or nullopt.
  std::optional<Parse> Number(int a, int b) const {
    if (a >= b) return std::nullopt;
    if (b == a + 1 && IsNumeral(t_[a])) return Single(t_[a]);
    double sign = 1;
    if (Is(t_[a], NUMBER_NEGATIVE)) {
      sign = -1;
      ++a;
    } else if (IsNumeral(t_[a]) && t_[a].negative) {
      sign = -1;
    }
    if (a >= b) return std::nullopt;
    std::optional<Parse> parse = Unsigned(a, b);
    if (parse && sign < 0) {
      if (parse->ordinal) return std::nullopt;
      parse->value = -parse->value;
    }
    return parse;
  }

 private:
  std::optional<Parse> Single(const Token& t) const {
    Parse parse;
    parse.value = t.value * t.scale * (t.negative ? -1 : 1);
    parse.scale = t.scale;
    parse.ordinal = t.ordinal;
    parse.fraction = t.fraction;
    parse.in_code = t.in_code;
    return parse;
  }

  std::optional<Parse> Unsigned(int a, int b) const {
    for (int r = a + 1; r + 1 < b; ++r) {
      if (Is(t_[r], NUMBER_RATIO)) return Ratio(a, r, b);
    }
    std::vector<int> cuts;  // additive "and": "one and a half"
    for (int c = a + 1; c < b; ++c) {
      if (Is(t_[c], NUMBER_CONJUNCTION) && !IsScaleWord(t_[c - 1])) {
        cuts.push_back(c);
      }
    }
    if (cuts.empty()) return Part(a, b);
    double sum = 0;
    int start = a;
    for (int cut : cuts) {
      std::optional<Parse> whole = Cardinal(start, cut, /*trailing_and=*/false);
      if (!whole || std::floor(whole->value) != whole->value) {
        return std::nullopt;
      }
      sum += whole->value;
      start = cut + 1;
    }
    std::optional<Parse> last = Part(start, b);
    if (!last || !last->fraction || last->core >= 1 || last->ordinal) {
      return std::nullopt;
    }
    Parse parse = *last;
    parse.value = (sum + last->core) * last->tail;
    return parse;
  }

  std::optional<Parse> Ratio(int a, int r, int b) const {
    std::optional<Parse> numerator = Cardinal(a, r, false);
    std::optional<Parse> denominator = Cardinal(r + 1, b, false);
    if (!numerator || !denominator || denominator->value == 0) {
      return std::nullopt;
    }
    const Rule& rule = *t_[r].rule;
    if (rule.proper_only()) {
      bool year_like = b == r + 2 && t_[r + 1].four_digits;
      if (numerator->value >= denominator->value || year_like) {
        return std::nullopt;
      }
    }
    if (rule.not_before_word()) {
      size_t pos = t_[b - 1].end;
      while (pos < text_.size() && SpaceLength(text_, pos) > 0) {
        pos += SpaceLength(text_, pos);
      }
      if (LetterAt(text_, pos)) return std::nullopt;
    }
    Parse parse;
    parse.value = numerator->value / denominator->value;
    parse.fraction = true;
    return parse;
  }

  // A number with no additive "and" and no ratio.
  std::optional<Parse> Part(int a, int b) const {
    for (int d = a; d < b; ++d) {
      if (Is(t_[d], NUMBER_DECIMAL_POINT)) return Decimal(a, d, b);
    }
    int j = -1;
    for (int i = a; i < b; ++i) {
      if (IsOrdinalWord(t_[i]) || IsDenominator(t_[i])) j = i;
    }
    if (j < 0) {
      std::optional<Parse> parse = Cardinal(a, b, false);
      if (parse) parse->core = parse->value;
      return parse;
    }
    // After the denominator: "of a" or "a", then scales ("half a dozen").
    int i = j + 1;
    bool linked = false;
    if (i < b && (Is(t_[i], NUMBER_FRACTION_OF) || Is(t_[i], NUMBER_ARTICLE))) {
      ++i;
      linked = true;
    }
    double tail = 1;
    bool has_tail = false;
    for (; i < b; ++i) {
      if (!IsScaleWord(t_[i])) return std::nullopt;
      tail *= t_[i].value;
      has_tail = true;
    }
    if (linked && !has_tail) return std::nullopt;
    // A numerator never reaches back over "<scale> and": "six million and
    // two thirds" is 6,000,000 + 2/3 of a million.
    int numerator_begin = a;
    for (int k = a + 1; k < j; ++k) {
      if (Is(t_[k], NUMBER_CONJUNCTION) && Is(t_[k - 1], NUMBER_SCALE)) {
        numerator_begin = k + 1;
      }
    }
    std::optional<Parse> prefix;
    if (numerator_begin > a) {
      prefix = Cardinal(a, numerator_begin - 1, false);
      if (!prefix) return std::nullopt;
    }
    const Token& denominator_token = t_[j];
    bool plural = denominator_token.rule->plural();
    std::optional<double> fraction;
    for (int s = numerator_begin + 1; s <= j && !fraction; ++s) {
      if (t_[s].hyphen_before && IsTens(t_[s - 1]) && IsUnitWord(t_[s])) {
        continue;  // "twenty-three fifths": never split a compound
      }
      double numerator;
      if (s == numerator_begin + 1 && Is(t_[numerator_begin], NUMBER_ARTICLE)) {
        numerator = 1;
      } else {
        for (int k = numerator_begin; k < s; ++k) {
          if (IsNumeral(t_[k])) return std::nullopt;  // "100 millionths"
        }
        std::optional<Parse> parse = Cardinal(numerator_begin, s, false);
        if (!parse) continue;
        numerator = parse->value;
      }
      std::optional<double> denominator = Denominator(s, j);
      if (!denominator) continue;
      if ((numerator == 1) == plural) continue;  // "one third", "two thirds"
      fraction = numerator / *denominator;
    }
    if (!fraction && numerator_begin == j && IsDenominator(denominator_token) &&
        !plural && (denominator_token.rule->standalone() || has_tail)) {
      fraction = 1 / denominator_token.value;  // "half", "quarter million"
    }
    if (!fraction) {
      if (prefix || has_tail || plural) return std::nullopt;
      return CompoundOrdinal(a, j);
    }
    Parse parse;
    parse.fraction = true;
    parse.core = *fraction;
    parse.tail = tail;
    parse.scale = has_tail ? t_[b - 1].value : 1;
    if (prefix) {
      double inherited = has_tail ? tail : prefix->scale;
      parse.value = prefix->value + *fraction * inherited;
      parse.core = parse.value;
      parse.tail = 1;
    } else {
      parse.value = *fraction * tail;
    }
    return parse;
  }

  // The denominator [s, j]: the ordinal alone, or a cardinal and an ordinal
  // ("twenty fifths" 25, "one hundred and fifth" 105).
  std::optional<double> Denominator(int s, int j) const {
    const Token& ordinal = t_[j];
    if (s == j) {
      if (!IsDenominator(ordinal)) return std::nullopt;
      return ordinal.value;
    }
    if (!Is(t_[s], NUMBER_CARDINAL)) return std::nullopt;
    std::optional<Parse> head = Cardinal(s, j, /*trailing_and=*/true);
    if (!head || !(ordinal.value < head->place)) return std::nullopt;
    return head->value + ordinal.value;
  }

  std::optional<Parse> CompoundOrdinal(int a, int j) const {
    Parse parse;
    parse.ordinal = true;
    if (a == j) {
      parse.value = t_[j].value;
      return parse;
    }
    std::optional<double> value = Denominator(a, j);
    if (!value) {
      // Denominator() refuses "first" alone, not in a compound.
      if (!Is(t_[a], NUMBER_CARDINAL)) return std::nullopt;
      std::optional<Parse> head = Cardinal(a, j, true);
      if (!head || !(t_[j].value < head->place)) return std::nullopt;
      value = head->value + t_[j].value;
    }
    parse.value = *value;
    return parse;
  }

  // "two hundred point zero three", "point five million".
  std::optional<Parse> Decimal(int a, int d, int b) const {
    double whole = 0;
    if (d > a) {
      std::optional<Parse> left = Cardinal(a, d, false);
      if (!left) return std::nullopt;
      whole = left->value;
    }
    int e = d + 1;
    while (e < b && Is(t_[e], NUMBER_CARDINAL)) ++e;
    if (e == d + 1) return std::nullopt;
    std::string digits;
    bool all_digits = true;
    for (int k = d + 1; k < e; ++k) {
      double v = t_[k].value;
      if (v < 0 || v > 9 || std::floor(v) != v) all_digits = false;
    }
    if (all_digits) {
      for (int k = d + 1; k < e; ++k) {
        digits.push_back(static_cast<char>('0' + static_cast<int>(t_[k].value)));
      }
    } else {
      std::optional<Parse> right = Cardinal(d + 1, e, false);
      if (!right || std::floor(right->value) != right->value) {
        return std::nullopt;
      }
      digits = std::to_string(static_cast<long long>(right->value));
    }
    double scale = 1;
    for (int k = e; k < b; ++k) {
      if (!Is(t_[k], NUMBER_SCALE)) return std::nullopt;
      scale *= t_[k].value;
    }
    Parse parse;
    parse.value = (whole + std::strtod(("0." + digits).c_str(), nullptr)) * scale;
    parse.core = parse.value;
    parse.scale = scale;
    return parse;
  }

  // Whole numbers and mixed numerals: "three hundred and two dozens", "4
  // thousand 3 hundred and 21", "2 1/4", "1.5 million". With `trailing_and`
  // a final "and" is allowed ("one hundred and" before "fifth").
  std::optional<Parse> Cardinal(int a, int b, bool trailing_and) const {
    if (a >= b) return std::nullopt;
    if (trailing_and && b - 1 > a && Is(t_[b - 1], NUMBER_CONJUNCTION)) --b;
    double total = 0;
    double group = 0;     // since the last scale
    double segment = 0;   // since the last multiplier or scale
    double place = kInfinity;
    double place_before_segment = kInfinity;
    double last_scale = kInfinity;
    double chunk = 0;     // what the last scale added to total
    double ending_scale = 1;
    bool in_group = false;
    bool last_zero = false;
    bool any = false;
    for (int i = a; i < b; ++i) {
      const Token& t = t_[i];
      const Token* previous = i > a ? &t_[i - 1] : nullptr;
      bool after_and = previous != nullptr && Is(*previous, NUMBER_CONJUNCTION);
      ending_scale = 1;
      auto add_term = [&](double v, double term_place) {
        if (in_group && (v == 0 || last_zero || !(v < place))) return false;
        if (segment == 0) place_before_segment = place;
        group += v;
        segment += v;
        place = term_place;
        last_zero = v == 0;
        in_group = true;
        any = true;
        return true;
      };
      auto apply_scale = [&](double s, bool consecutive) {
        if (consecutive) {
          total -= chunk;
          chunk *= s;
          total += chunk;
          last_scale *= s;
        } else {
          if (!in_group || group <= 0 || !(s < last_scale)) return false;
          chunk = group * s;
          total += chunk;
          last_scale = s;
        }
        group = 0;
        segment = 0;
        place = kInfinity;
        in_group = false;
        last_zero = false;
        ending_scale = s;
        return true;
      };
      switch (t.type) {
        case TokenType::kNumeral: {
          if (t.ordinal || t.in_code) return std::nullopt;
          if (t.negative && i != a) return std::nullopt;
          if (t.fraction) {
            // Alone, or after a whole numeral: "2 1/4".
            bool mixed = previous != nullptr && IsNumeral(*previous) &&
                         !previous->fraction && t.value < 1;
            if (i != b - 1 || (i != a && !mixed)) return std::nullopt;
            group += t.value;
            any = true;
            break;
          }
          if (in_group && !after_and) return std::nullopt;
          if (!add_term(t.value, 1)) return std::nullopt;
          if (t.scale > 1 && !apply_scale(t.scale, false)) return std::nullopt;
          break;
        }
        case TokenType::kWord:
          switch (t.role) {
            case NUMBER_CARDINAL:
              if (previous != nullptr && IsNumeral(*previous) &&
                  !(t.value < 1)) {
                return std::nullopt;  // "5 two"
              }
              if (!add_term(t.value, PlaceOf(t))) return std::nullopt;
              break;
            case NUMBER_ARTICLE:
              if (in_group || i + 1 >= b || !IsScaleWord(t_[i + 1])) {
                return std::nullopt;
              }
              add_term(1, 1);
              break;
            case NUMBER_MULTIPLIER: {
              if (segment <= 0) return std::nullopt;
              double before = group - segment;
              double component = segment * t.value;
              if (before > 0 && !(component < place_before_segment)) {
                return std::nullopt;  // "3 hundred and 2 hundred"
              }
              group = before + component;
              place = place * t.value;
              segment = 0;
              break;
            }
            case NUMBER_SCALE: {
              bool consecutive =
                  previous != nullptr &&
                  (Is(*previous, NUMBER_SCALE) ||
                   (IsNumeral(*previous) && previous->scale > 1));
              if (!apply_scale(t.value, consecutive)) return std::nullopt;
              break;
            }
            case NUMBER_CONJUNCTION:
              if (previous == nullptr || !IsScaleWord(*previous) ||
                  i + 1 >= b) {
                return std::nullopt;
              }
              break;
            default:
              return std::nullopt;
          }
          break;
        case TokenType::kBreak:
          return std::nullopt;
      }
    }
    if (!any) return std::nullopt;
    Parse parse;
    parse.value = total + group;
    parse.core = parse.value;
    parse.scale = ending_scale;
    parse.place = in_group ? place : kInfinity;
    return parse;
  }

  absl::string_view text_;
  const std::vector<Token>& t_;
};

bool CanStartNumber(const Token& t) {
  if (IsNumeral(t)) return true;
  switch (RoleOf(t)) {
    case NUMBER_CARDINAL:
    case NUMBER_ARTICLE:
    case NUMBER_NEGATIVE:
    case NUMBER_DENOMINATOR:
    case NUMBER_ORDINAL:
    case NUMBER_ORDINAL_DENOMINATOR:
      return true;
    default:
      return false;
  }
}

bool IsNumberWordRole(FigureRole role) {
  switch (role) {
    case NUMBER_CARDINAL:
    case NUMBER_MULTIPLIER:
    case NUMBER_SCALE:
    case NUMBER_ORDINAL:
    case NUMBER_ORDINAL_DENOMINATOR:
    case NUMBER_DENOMINATOR:
    case NUMBER_ARTICLE:
    case NUMBER_CONJUNCTION:
    case NUMBER_DECIMAL_POINT:
    case NUMBER_NEGATIVE:
    case NUMBER_RATIO:
    case NUMBER_FRACTION_OF:
    case NUMBER_ORDINAL_SUFFIX:
      return true;
    default:
      return false;
  }
}

}  // namespace

struct NumberLexicon {
  std::vector<const CompiledRule*> words;
  std::unique_ptr<RE2::Set> set;  // `words`, anchored at the start
  // The `words` read as words (IsWordRole), as one alternation for
  // WordStartFilter; nullptr when one may test for the start of a line or
  // text (the Set sees one at every place it is tried, the filter's search
  // only where the search starts).
  std::unique_ptr<RE2> word_alternation;
  RuleIndex vetoes;

  // The longest entry whose role `accept`s, matching at text[pos, end) and
  // ending at a word boundary, or nullptr. Sets *length.
  const CompiledRule* Match(absl::string_view text, size_t pos, size_t end,
                            bool (*accept)(FigureRole),
                            size_t* length) const {
    if (set == nullptr) return nullptr;
    re2::StringPiece rest = Piece(text.substr(pos, end - pos));
    std::vector<int> hits;
    if (!set->Match(rest, &hits)) return nullptr;
    std::sort(hits.begin(), hits.end());
    const CompiledRule* best = nullptr;
    *length = 0;
    for (int hit : hits) {
      const CompiledRule* rule = words[hit];
      if (!accept(rule->rule.figure_role())) continue;
      re2::StringPiece match;
      if (!rule->re->Match(rest, 0, rest.size(), RE2::ANCHOR_START, &match,
                           1) ||
          match.empty()) {
        continue;
      }
      size_t match_end = pos + match.size();
      char last = text[match_end - 1];
      if (IsAsciiAlnum(last) && match_end < text.size() &&
          (IsAsciiAlnum(text[match_end]) || LetterAt(text, match_end))) {
        continue;
      }
      if (match.size() > *length) {
        best = rule;
        *length = match.size();
      }
    }
    return best;
  }
};

namespace {

// Roles read as words, and roles read right after digits ("10k", "21st").
bool IsWordRole(FigureRole role) {
  return IsNumberWordRole(role) && role != NUMBER_ORDINAL_SUFFIX;
}
bool IsSuffixRole(FigureRole role) {
  return role == NUMBER_SCALE || role == NUMBER_ORDINAL_SUFFIX;
}

// What RE2's `\b` counts as a word character.
bool IsRe2WordChar(char c) { return IsAsciiAlnum(c) || c == '_'; }

// Tells where in text[begin, end) no word entry (IsWordRole) can match, so
// that NumberLexicon::Match runs its anchored RE2::Set only where one may: a
// Set call costs far more than the few bytes it reads, and most words are no
// number word. One unanchored search finds the next place a word entry
// matches; the places before it need no call.
//
// The Set reads text[pos, end) as a text of its own, so `\b` and `\B` at pos
// see the start of a text; the search sees the byte before pos. The two
// agree unless that byte is a word character ("item_two", the "29" of
// "29km"), and there the filter always says yes.
class WordStartFilter {
 public:
  WordStartFilter(absl::string_view text, size_t begin, size_t end,
                  const NumberLexicon& lexicon)
      : text_(text.substr(0, end)),
        begin_(begin),
        alternation_(lexicon.word_alternation.get()) {
    if (alternation_ != nullptr) FindNextMatch(begin);
  }

  // Whether a word entry may match at text[pos, end): false only when none
  // does. `pos` must not decrease from one call to the next.
  bool MayMatchAt(size_t pos) {
    if (alternation_ == nullptr) return true;
    if (pos > begin_ && IsRe2WordChar(text_[pos - 1])) return true;
    if (pos > next_match_) FindNextMatch(pos);
    return pos == next_match_;
  }

 private:
  void FindNextMatch(size_t from) {
    re2::StringPiece context = Piece(text_.substr(begin_));
    re2::StringPiece match;
    next_match_ = alternation_->Match(context, from - begin_, context.size(),
                                      RE2::UNANCHORED, &match, 1)
                      ? match.data() - text_.data()
                      : std::string::npos;
  }

  absl::string_view text_;  // up to `end`, where the Set's text ends too
  size_t begin_;
  const RE2* alternation_;
  // Where the leftmost word match at or after the last search's start
  // begins; npos when there is none.
  size_t next_match_ = std::string::npos;
};

// Turns text[begin, end) into numerals, number words and breaks.
class Tokenizer {
 public:
  Tokenizer(absl::string_view text, size_t begin, size_t end,
            const NumberLexicon& lexicon)
      : text_(text),
        begin_(begin),
        end_(end),
        lexicon_(lexicon),
        word_starts_(text, begin, end, lexicon) {}

  std::vector<Token> Run() {
    size_t pos = begin_;
    bool hyphen = false;
    while (pos < end_) {
      size_t space = SpaceLength(text_, pos);
      if (space > 0) {
        pos += space;
        continue;
      }
      char c = text_[pos];
      size_t numeral_start = NumeralStart(pos);
      if (numeral_start != std::string::npos) {
        pos = Numeral(pos, numeral_start);
        hyphen = false;
        continue;
      }
      if (IsAsciiLetter(c) || (static_cast<unsigned char>(c) & 0x80)) {
        size_t length = 0;
        const CompiledRule* rule =
            word_starts_.MayMatchAt(pos)
                ? lexicon_.Match(text_, pos, end_, IsWordRole, &length)
                : nullptr;
        if (rule != nullptr) {
          Token token;
          token.type = TokenType::kWord;
          token.begin = pos;
          token.end = pos + length;
          token.rule = &rule->rule;
          token.role = rule->rule.figure_role();
          token.value = (token.role == NUMBER_MULTIPLIER ||
                         token.role == NUMBER_SCALE)
                            ? rule->rule.multiplier()
                            : rule->rule.value();
          token.hyphen_before = hyphen;
          tokens_.push_back(token);
          pos += length;
          hyphen = false;
          continue;
        }
        if (IsAsciiLetter(c) || LetterAt(text_, pos)) {
          // Up to a digit: "USD115" holds the number 115.
          while (pos < end_ &&
                 (IsAsciiLetter(text_[pos]) || text_[pos] == '\'' ||
                  ((static_cast<unsigned char>(text_[pos]) & 0x80) &&
                   LetterAt(text_, pos)))) {
            pos += CharLength(pos);
          }
        } else {
          pos += CharLength(pos);
        }
        Break();
        hyphen = false;
        continue;
      }
      if (c == '-' && !tokens_.empty() &&
          tokens_.back().type == TokenType::kWord && !hyphen) {
        hyphen = true;
        ++pos;
        continue;
      }
      Break();
      hyphen = false;
      pos += CharLength(pos);
    }
    return std::move(tokens_);
  }

 private:
  size_t CharLength(size_t pos) const {
    size_t length = 1;
    while (pos + length < end_ &&
           (static_cast<unsigned char>(text_[pos + length]) & 0xC0) == 0x80) {
      ++length;
    }
    return length;
  }

  void Break() {
    if (!tokens_.empty() && tokens_.back().type == TokenType::kBreak) return;
    Token token;
    tokens_.push_back(token);
  }

  bool DigitAt(size_t pos) const { return pos < end_ && IsDigit(text_[pos]); }

  // Where the digits of a numeral starting at `pos` begin (after a sign), or
  // npos when no numeral starts there.
  size_t NumeralStart(size_t pos) const {
    char c = text_[pos];
    if (IsDigit(c)) return pos;
    if (c == '.' && DigitAt(pos + 1) &&
        !(pos > 0 && IsAsciiAlnum(text_[pos - 1]))) {
      return pos + 1;
    }
    size_t minus = MinusLength(text_, pos);
    if (minus == 0) return std::string::npos;
    // A sign follows a space, an opening bracket or a comparison, never a
    // digit: "1000 - 5000" is a range, "SCP-173" a name.
    if (pos > begin_) {
      char before = text_[pos - 1];
      if (!(SpaceLength(text_, pos - 1) > 0 ||
            absl::string_view("([{<>=:;\"'/").find(before) !=
                absl::string_view::npos)) {
        return std::string::npos;
      }
      size_t p = pos;
      while (p > begin_ && (text_[p - 1] == ' ' || text_[p - 1] == '\t')) --p;
      if (p > begin_ && (IsDigit(text_[p - 1]) || text_[p - 1] == '%')) {
        return std::string::npos;
      }
    }
    size_t digits = pos + minus;
    // Spaces after the sign only at the start: "- 1 4/5".
    if (pos == begin_) {
      while (digits < end_ && text_[digits] == ' ') ++digits;
    }
    if (DigitAt(digits)) return digits;
    if (digits < end_ && text_[digits] == '.' && DigitAt(digits + 1)) {
      return digits + 1;
    }
    return std::string::npos;
  }

  size_t SkipDigits(size_t pos) const {
    while (DigitAt(pos)) ++pos;
    return pos;
  }

  // Reads a numeral whose sign (if any) starts at `start` and digits at
  // `digits`; returns the position after it.
  size_t Numeral(size_t start, size_t digits) {
    if (digits > start && text_[digits - 1] == '.') {
      // ".08": no integer part.
      size_t end = SkipDigits(digits);
      return Finish(start, digits - 1, end,
                    "0." + std::string(text_.substr(digits, end - digits)));
    }
    size_t code_end = 0;
    if (Code(digits, &code_end)) return code_end;
    size_t int_end = SkipDigits(digits);
    std::string number(text_.substr(digits, int_end - digits));
    size_t pos = int_end;
    bool grouped = false;
    bool decimal = false;
    size_t int_digits = int_end - digits;
    auto group_of = [&](size_t p, size_t n) {
      for (size_t k = 0; k < n; ++k) {
        if (!DigitAt(p + k)) return false;
      }
      return !DigitAt(p + n);
    };
    if (int_digits <= 3) {
      // "1,234,567"
      while (pos < end_ && text_[pos] == ',' && group_of(pos + 1, 3)) {
        absl::StrAppend(&number, text_.substr(pos + 1, 3));
        pos += 4;
        grouped = true;
      }
      // "12,34,567" (lakh grouping): two-digit groups, then three.
      if (!grouped && int_digits <= 2) {
        size_t p = pos;
        std::string lakh;
        while (p < end_ && text_[p] == ',' && group_of(p + 1, 2)) {
          absl::StrAppend(&lakh, text_.substr(p + 1, 2));
          p += 3;
        }
        if (!lakh.empty() && p < end_ && text_[p] == ',' &&
            group_of(p + 1, 3)) {
          number += lakh;
          absl::StrAppend(&number, text_.substr(p + 1, 3));
          pos = p + 4;
          grouped = true;
        }
      }
      // "1.111,11": dots group thousands, the comma is the decimal mark.
      if (!grouped) {
        size_t p = pos;
        std::string thousands;
        while (p < end_ && text_[p] == '.' && group_of(p + 1, 3)) {
          absl::StrAppend(&thousands, text_.substr(p + 1, 3));
          p += 4;
        }
        if (!thousands.empty() && p < end_ && text_[p] == ',' &&
            DigitAt(p + 1)) {
          size_t fraction_end = SkipDigits(p + 1);
          number += thousands + "." +
                    std::string(text_.substr(p + 1, fraction_end - p - 1));
          pos = fraction_end;
          grouped = decimal = true;
        }
      }
      // "1 234 567", "40 000": spaces group thousands.
      if (!grouped) {
        for (;;) {
          size_t space = pos < end_ ? SpaceLength(text_, pos) : 0;
          if (space == 0 || text_[pos] == '\n' || !group_of(pos + space, 3)) {
            break;
          }
          size_t after = pos + space + 3;
          if (after < end_ && text_[after] == '/') break;  // "10 1/2"
          absl::StrAppend(&number, text_.substr(pos + space, 3));
          pos = after;
          grouped = true;
        }
      }
    }
    // "1,3", "5,00": a comma before other than three digits, not a list
    // ("22,24,26").
    bool listed = digits >= 2 && text_[digits - 1] == ',' && IsDigit(text_[digits - 2]);
    if (!grouped && !decimal && !listed && pos < end_ && text_[pos] == ',' &&
        DigitAt(pos + 1)) {
      size_t fraction_end = SkipDigits(pos + 1);
      bool list = fraction_end < end_ && text_[fraction_end] == ',' &&
                  DigitAt(fraction_end + 1);
      if (!list && fraction_end - pos - 1 != 3) {
        number += "." + std::string(text_.substr(pos + 1, fraction_end - pos - 1));
        pos = fraction_end;
        decimal = true;
      }
    }
    if (!decimal && pos < end_ && text_[pos] == '.' && DigitAt(pos + 1)) {
      size_t fraction_end = SkipDigits(pos + 1);
      number += "." + std::string(text_.substr(pos + 1, fraction_end - pos - 1));
      pos = fraction_end;
      decimal = true;
    }
    double value = std::strtod(number.c_str(), nullptr);
    bool fraction = false;
    if (!grouped && !decimal && pos < end_ && text_[pos] == '/' &&
        DigitAt(pos + 1)) {
      size_t denominator_end = SkipDigits(pos + 1);
      double denominator = std::strtod(
          std::string(text_.substr(pos + 1, denominator_end - pos - 1)).c_str(),
          nullptr);
      if (denominator != 0) {
        value /= denominator;
        pos = denominator_end;
        fraction = true;
      }
    }
    if (!fraction) pos = Power(pos, &value);
    Token token;
    token.type = TokenType::kNumeral;
    token.begin = start;
    token.value = value;
    token.negative = start < digits;
    token.fraction = fraction;
    token.four_digits = !grouped && !decimal && !fraction && int_digits == 4 &&
                        pos == int_end;
    pos = Suffix(pos, &token);
    token.end = pos;
    tokens_.push_back(token);
    return pos;
  }

  // Exponents: "1e10", "-12e-1", "1.1^23", "2.5^-1", "1.3x10^6".
  size_t Power(size_t pos, double* value) const {
    if (pos >= end_) return pos;
    auto exponent = [&](size_t p, bool allow_repeat, double* out) -> size_t {
      bool negative = false;
      size_t signs = 0;
      while (p < end_ && (text_[p] == '+' || text_[p] == '-') &&
             (allow_repeat || signs == 0)) {
        if (text_[p] == '-') negative = !negative;
        ++p;
        ++signs;
      }
      if (!DigitAt(p)) return 0;
      size_t e = SkipDigits(p);
      if (e < end_ && text_[e] == '.' && DigitAt(e + 1)) e = SkipDigits(e + 1);
      *out = std::strtod(std::string(text_.substr(p, e - p)).c_str(), nullptr);
      if (negative) *out = -*out;
      return e;
    };
    double e = 0;
    char c = text_[pos];
    if (c == 'e' || c == 'E') {
      size_t after = exponent(pos + 1, false, &e);
      if (after != 0 && !(after < end_ && LetterAt(text_, after))) {
        *value *= std::pow(10.0, e);
        return after;
      }
    } else if (c == '^') {
      size_t after = exponent(pos + 1, true, &e);
      if (after != 0) {
        *value = std::pow(*value, e);
        return after;
      }
    } else if ((c == 'x' || c == 'X') && absl::StartsWith(text_.substr(pos + 1), "10^")) {
      size_t after = exponent(pos + 4, false, &e);
      if (after != 0) {
        *value *= std::pow(10.0, e);
        return after;
      }
    }
    return pos;
  }

  // A scale or ordinal suffix written against the digits: "10k", "21st".
  size_t Suffix(size_t pos, Token* token) const {
    if (pos >= end_ || !IsAsciiLetter(text_[pos])) return pos;
    size_t length = 0;
    const CompiledRule* rule =
        lexicon_.Match(text_, pos, end_, IsSuffixRole, &length);
    if (rule == nullptr) return pos;
    if (rule->rule.figure_role() == NUMBER_SCALE) {
      token->scale = rule->rule.multiplier();
    } else {
      if (token->fraction || std::floor(token->value) != token->value) {
        return pos;
      }
      token->ordinal = true;
    }
    token->four_digits = false;
    return pos + length;
  }

  // Groups of digits joined by [-./] that form a code ("192.168.1.2",
  // "5/17/2018", "1-222-2222/2222"): each group becomes its own numeral.
  bool Code(size_t digits, size_t* end) {
    std::vector<std::pair<size_t, size_t>> groups;
    std::string separators;
    size_t pos = digits;
    for (;;) {
      size_t group_end = SkipDigits(pos);
      groups.emplace_back(pos, group_end);
      if (group_end + 1 < end_ &&
          absl::string_view("-./").find(text_[group_end]) !=
              absl::string_view::npos &&
          DigitAt(group_end + 1)) {
        separators.push_back(text_[group_end]);
        pos = group_end + 1;
      } else {
        break;
      }
    }
    bool code = std::count(separators.begin(), separators.end(), '-') >= 2;
    size_t dots = 0;
    size_t slashes = 0;
    for (char separator : separators) {
      if (separator == '-') {
        dots = slashes = 0;
        continue;
      }
      if (separator == '.') ++dots;
      if (separator == '/') ++slashes;
      if (dots + slashes >= 2) code = true;
    }
    if (!code) return false;
    for (const auto& [group_begin, group_end] : groups) {
      Token token;
      token.type = TokenType::kNumeral;
      token.begin = group_begin;
      token.end = group_end;
      token.value = std::strtod(
          std::string(text_.substr(group_begin, group_end - group_begin)).c_str(),
          nullptr);
      token.in_code = true;
      tokens_.push_back(token);
      Break();
    }
    *end = groups.back().second;
    return true;
  }

  // A numeral with no integer part (".08"); `point` is where its '.' is.
  size_t Finish(size_t start, size_t point, size_t end,
                const std::string& number) {
    Token token;
    token.type = TokenType::kNumeral;
    token.begin = start;
    token.value = std::strtod(number.c_str(), nullptr);
    token.negative = start < point;
    end = Suffix(end, &token);
    token.end = end;
    tokens_.push_back(token);
    return end;
  }

  absl::string_view text_;
  size_t begin_;
  size_t end_;
  const NumberLexicon& lexicon_;
  WordStartFilter word_starts_;
  std::vector<Token> tokens_;
};

// Whether the word holding text[pos] starts with a letter: "F-16", "USD115".
bool GluedBefore(absl::string_view text, size_t pos) {
  size_t p = pos;
  while (p > 0 && (IsAsciiAlnum(text[p - 1]) || text[p - 1] == '-')) --p;
  for (size_t k = p; k < pos; ++k) {
    if (IsAsciiLetter(text[k])) return true;
  }
  if (p > 0 && (static_cast<unsigned char>(text[p - 1]) & 0x80)) {
    size_t lead = p - 1;
    while (lead > 0 && (static_cast<unsigned char>(text[lead]) & 0xC0) == 0x80) {
      --lead;
    }
    return LetterAt(text, lead);
  }
  return false;
}

}  // namespace

NumberFinder::NumberFinder(const RuleSet& rules) {
  auto lexicon = std::make_unique<NumberLexicon>();
  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingUTF8);
  options.set_log_errors(false);
  options.set_max_mem(64 << 20);
  auto set = std::make_unique<RE2::Set>(options, RE2::ANCHOR_START);
  std::vector<const CompiledRule*> vetoes;
  std::vector<std::string> word_patterns;
  bool may_test_start = false;
  for (const CompiledRule* rule : rules.rules(FIGURE)) {
    FigureRole role = rule->rule.figure_role();
    if (role == NUMBER_VETO) {
      vetoes.push_back(rule);
    } else if (IsNumberWordRole(role)) {
      std::string error;
      if (set->Add(Piece(rule->expanded_pattern), &error) >= 0) {
        lexicon->words.push_back(rule);
        if (IsWordRole(role)) {
          const std::string& pattern = rule->expanded_pattern;
          word_patterns.push_back(absl::StrCat("(?:", pattern, ")"));
          // Crude ("[^a]" counts too), and safe: it only leaves the filter off.
          may_test_start |= absl::StrContains(pattern, '^') ||
                              absl::StrContains(pattern, "\\A");
        }
      }
    }
  }
  if (!lexicon->words.empty() && set->Compile()) lexicon->set = std::move(set);
  if (lexicon->set != nullptr && !word_patterns.empty() && !may_test_start) {
    auto alternation =
        std::make_unique<RE2>(absl::StrJoin(word_patterns, "|"), options);
    if (alternation->ok()) lexicon->word_alternation = std::move(alternation);
  }
  lexicon->vetoes = RuleIndex(std::move(vetoes));
  lexicon_ = std::move(lexicon);
}

NumberFinder::~NumberFinder() = default;

void NumberFinder::Find(absl::string_view text, size_t begin, size_t end,
                        std::vector<NumberMention>* numbers,
                        std::vector<std::pair<size_t, size_t>>* vetoed) const {
  end = std::min(end, text.size());
  if (begin >= end) return;
  std::vector<Token> tokens = Tokenizer(text, begin, end, *lexicon_).Run();
  Grammar grammar(text, tokens);
  std::vector<NumberMention> found;
  const int n = static_cast<int>(tokens.size());
  for (int i = 0; i < n;) {
    if (!CanStartNumber(tokens[i])) {
      ++i;
      continue;
    }
    int run_end = i;
    while (run_end < n && tokens[run_end].type != TokenType::kBreak &&
           run_end - i < kMaxRunTokens) {
      ++run_end;
    }
    int best = -1;
    std::optional<Parse> parse;
    for (int e = run_end; e > i && best < 0; --e) {
      parse = grammar.Number(i, e);
      if (parse) best = e;
    }
    if (best < 0) {
      ++i;
      continue;
    }
    // A scale word that cannot join means the "and" before it split two
    // numbers: "3 hundred and 2 hundred".
    if (best < run_end && IsScaleWord(tokens[best])) {
      for (int c = best - 1; c > i; --c) {
        if (!Is(tokens[c], NUMBER_CONJUNCTION)) continue;
        std::optional<Parse> shorter = grammar.Number(i, c);
        if (shorter) {
          best = c;
          parse = shorter;
        }
        break;
      }
    }
    NumberMention mention;
    mention.begin = tokens[i].begin;
    mention.end = tokens[best - 1].end;
    mention.value = parse->value;
    mention.scale = parse->scale;
    mention.ordinal = parse->ordinal;
    mention.fraction = parse->fraction;
    mention.in_code = parse->in_code;
    size_t digits_begin = mention.begin;
    while (digits_begin < mention.end && !IsAsciiAlnum(text[digits_begin])) {
      ++digits_begin;
    }
    mention.glued_before = digits_begin < mention.end &&
                           IsDigit(text[digits_begin]) &&
                           GluedBefore(text, digits_begin);
    mention.glued_after = LetterAt(text, mention.end);
    found.push_back(mention);
    i = best;
  }
  // Vetoes.
  std::vector<std::pair<size_t, size_t>> blocked;
  std::vector<std::pair<size_t, size_t>> dropped;
  ForEachCandidateMatch(
      lexicon_->vetoes, text, begin, end,
      [&](int position, size_t match_begin, size_t match_end,
          const std::vector<re2::StringPiece>& groups) {
        int number_group =
            lexicon_->vetoes.rules()[position]->group_index("number");
        if (number_group >= 0 && groups[number_group].data() != nullptr) {
          size_t b = groups[number_group].data() - text.data();
          dropped.emplace_back(b, b + groups[number_group].size());
        } else {
          blocked.emplace_back(match_begin, match_end);
        }
        return true;
      });
  for (const NumberMention& mention : found) {
    bool drop = false;
    for (const auto& [b, e] : dropped) {
      if (mention.begin == b && mention.end == e) drop = true;
    }
    for (const auto& [b, e] : blocked) {
      if (mention.begin < e && b < mention.end) drop = true;
    }
    if (!drop) numbers->push_back(mention);
  }
  if (vetoed != nullptr) {
    vetoed->insert(vetoed->end(), blocked.begin(), blocked.end());
  }
}

}  // namespace claims
