// Small byte-level helpers shared by the extractors. All take and return byte
// offsets into UTF-8 text; none but AppendUtf8 allocates.
#ifndef CLAIMS_TEXT_UTIL_H_
#define CLAIMS_TEXT_UTIL_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace claims {

// Quotation marks the engine recognises. Curly quotes open and close
// unambiguously; a straight double quote (or two apostrophes, as some
// newspaper archives write it) opens after white space, an opening bracket or
// at the start, and closes otherwise. A right curly quote that opens a
// paragraph before a word (”We will ...) is a typo for the left one and opens:
// nothing before it on the line could close. Likewise a left curly quote right
// after a sentence's final stop and before a space (... achievement.“) closes:
// some archives print quotations the other way round (”We ... achievement.“).
enum class QuoteMark { kNone, kOpen, kClose };

// The kind of quotation mark starting at text[i], and its byte length in
// `*length`.
QuoteMark QuoteMarkAt(absl::string_view text, size_t i, size_t* length);

inline bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}

// True when text[i] starts a non-breaking space (U+00A0), which news text
// uses between words.
inline bool IsNbsp(absl::string_view text, size_t i) {
  return i + 1 < text.size() && static_cast<unsigned char>(text[i]) == 0xC2 &&
         static_cast<unsigned char>(text[i + 1]) == 0xA0;
}

// The offset of the UTF-8 character after the one at `pos` (the next byte
// that is not a continuation byte); pos < text.size().
inline size_t NextCharacter(absl::string_view text, size_t pos) {
  ++pos;
  while (pos < text.size() &&
         (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) {
    ++pos;
  }
  return pos;
}

// Appends the UTF-8 encoding of `code_point` (a Unicode scalar value) to
// `*out`.
void AppendUtf8(uint32_t code_point, std::string* out);

// Narrows [*begin, *end) to exclude leading and trailing ASCII white space.
void Trim(absl::string_view text, size_t* begin, size_t* end);

// Narrows [*begin, *end) to exclude leading and trailing white space and the
// given ASCII punctuation characters.
void TrimChars(absl::string_view text, absl::string_view chars, size_t* begin,
               size_t* end);

// Where an appositive starts in a speaker phrase: the first comma, or the
// first dash that can set one off ("--", em dash, en dash, horizontal bar).
// npos when the phrase has none. "Jane Roe, a neighbor" -> 8.
size_t AppositiveStart(absl::string_view phrase);

}  // namespace claims

#endif  // CLAIMS_TEXT_UTIL_H_
