#include "claims/text_util.h"

#include "absl/strings/ascii.h"

namespace claims {
namespace {

bool StartsWith(absl::string_view text, size_t i, absl::string_view prefix) {
  return text.size() - i >= prefix.size() &&
         text.compare(i, prefix.size(), prefix) == 0;
}

}  // namespace

void AppendUtf8(uint32_t code_point, std::string* out) {
  if (code_point < 0x80) {
    out->push_back(static_cast<char>(code_point));
  } else if (code_point < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (code_point >> 6)));
    out->push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else if (code_point < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (code_point >> 12)));
    out->push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (code_point >> 18)));
    out->push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  }
}

QuoteMark QuoteMarkAt(absl::string_view text, size_t i, size_t* length) {
  // Every quote mark starts with one of three bytes; the splitter asks about
  // every byte of a text.
  unsigned char first = static_cast<unsigned char>(text[i]);
  if (first != '"' && first != '\'' && first != 0xE2) {
    *length = 1;
    return QuoteMark::kNone;
  }
  if (StartsWith(text, i, "\xE2\x80\x9C")) {  // “
    *length = 3;
    bool after_sentence_end = i > 0 && (text[i - 1] == '.' ||
                                        text[i - 1] == '!' || text[i - 1] == '?');
    bool before_space = i + 3 == text.size() || IsSpace(text[i + 3]);
    return after_sentence_end && before_space ? QuoteMark::kClose
                                              : QuoteMark::kOpen;
  }
  if (StartsWith(text, i, "\xE2\x80\x9D")) {  // ”
    *length = 3;
    bool opens_line = i == 0 || text[i - 1] == '\n';
    bool before_word =
        i + 3 < text.size() && (absl::ascii_isalnum(text[i + 3]) ||
                                static_cast<unsigned char>(text[i + 3]) >= 0x80);
    return opens_line && before_word ? QuoteMark::kOpen : QuoteMark::kClose;
  }
  if (text[i] == '"' || StartsWith(text, i, "''")) {
    // Two apostrophes stand for a double quote in some newspaper archives.
    *length = text[i] == '"' ? 1 : 2;
    if (i == 0) return QuoteMark::kOpen;
    char before = text[i - 1];
    if (IsSpace(before) || before == '(' || before == '[' || before == '{' ||
        before == '-' || before == '/') {
      return QuoteMark::kOpen;
    }
    return QuoteMark::kClose;
  }
  *length = 1;
  return QuoteMark::kNone;
}

void Trim(absl::string_view text, size_t* begin, size_t* end) {
  TrimChars(text, "", begin, end);
}

void TrimChars(absl::string_view text, absl::string_view chars, size_t* begin,
               size_t* end) {
  auto strip = [&](size_t i) {
    char c = text[i];
    return IsSpace(c) || chars.find(c) != absl::string_view::npos;
  };
  while (*begin < *end && strip(*begin)) ++*begin;
  while (*end > *begin && strip(*end - 1)) --*end;
}

size_t AppositiveStart(absl::string_view phrase) {
  for (size_t i = 0; i < phrase.size(); ++i) {
    if (phrase[i] == ',' || StartsWith(phrase, i, "--") ||
        StartsWith(phrase, i, "\xE2\x80\x94") ||  // em dash
        StartsWith(phrase, i, "\xE2\x80\x93") ||  // en dash
        StartsWith(phrase, i, "\xE2\x80\x95")) {  // horizontal bar
      return i;
    }
  }
  return absl::string_view::npos;
}

}  // namespace claims
