#include "claims/json_object.h"

#include <cstdint>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "claims/text_util.h"

namespace claims {
namespace {

// Deeper nesting is refused rather than risking the stack on hostile input.
constexpr int kMaxDepth = 512;

bool IsDigit(char c) { return '0' <= c && c <= '9'; }

int HexDigitValue(char c) {
  if ('0' <= c && c <= '9') return c - '0';
  if ('a' <= c && c <= 'f') return c - 'a' + 10;
  if ('A' <= c && c <= 'F') return c - 'A' + 10;
  return -1;
}

// A cursor over one JSON text. Every method leaves pos_ just after what it
// consumed and reports problems at the offending byte.
class Scanner {
 public:
  explicit Scanner(absl::string_view json) : json_(json) {}

  absl::string_view Slice(size_t begin) const {
    return json_.substr(begin, pos_ - begin);
  }

  absl::Status Error(absl::string_view what) const {
    if (pos_ >= json_.size()) {
      return absl::InvalidArgumentError(
          absl::StrCat(what, " at end of input (byte ", pos_, ")"));
    }
    return absl::InvalidArgumentError(absl::StrCat(what, " at byte ", pos_));
  }

  void SkipWhitespace() {
    while (pos_ < json_.size() &&
           (json_[pos_] == ' ' || json_[pos_] == '\t' || json_[pos_] == '\n' ||
            json_[pos_] == '\r')) {
      ++pos_;
    }
  }

  // Consumes `c` (after whitespace) if it is next.
  bool Accept(char c) {
    SkipWhitespace();
    if (pos_ < json_.size() && json_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  absl::Status ExpectEnd() {
    SkipWhitespace();
    if (pos_ != json_.size()) return Error("unexpected text after the value");
    return absl::OkStatus();
  }

  // Reads a string starting at the opening quote; decodes it into `out`
  // unless `out` is null.
  absl::Status ParseString(std::string* out) {
    if (pos_ >= json_.size() || json_[pos_] != '"') {
      return Error("expected a string");
    }
    ++pos_;
    while (true) {
      size_t run_begin = pos_;
      while (pos_ < json_.size() && json_[pos_] != '"' && json_[pos_] != '\\' &&
             static_cast<unsigned char>(json_[pos_]) >= 0x20) {
        ++pos_;
      }
      if (out != nullptr)
        out->append(json_.data() + run_begin, pos_ - run_begin);
      if (pos_ >= json_.size()) return Error("unterminated string");
      char c = json_[pos_];
      if (c == '"') {
        ++pos_;
        return absl::OkStatus();
      }
      if (c != '\\') {
        return Error(
            absl::StrFormat("unescaped control character U+%04X in string",
                            static_cast<unsigned char>(c)));
      }
      absl::Status escape = ParseEscape(out);
      if (!escape.ok()) return escape;
    }
  }

  // Reads any value; records its type, and its text when `value` is not null.
  absl::Status ParseValue(JsonValue* value, int depth) {
    SkipWhitespace();
    if (pos_ >= json_.size()) return Error("expected a value");
    size_t begin = pos_;
    JsonValue::Type type;
    absl::Status status;
    switch (json_[pos_]) {
      case '"':
        type = JsonValue::kString;
        status = ParseString(value == nullptr ? nullptr : &value->text);
        break;
      case '{':
        type = JsonValue::kObject;
        status = SkipObject(depth + 1);
        break;
      case '[':
        type = JsonValue::kArray;
        status = ForEachArrayElement(depth + 1, [](absl::string_view) {});
        break;
      case 't':
        type = JsonValue::kTrue;
        status = ParseLiteral("true");
        break;
      case 'f':
        type = JsonValue::kFalse;
        status = ParseLiteral("false");
        break;
      case 'n':
        type = JsonValue::kNull;
        status = ParseLiteral("null");
        break;
      default:
        type = JsonValue::kNumber;
        status = ParseNumber();
        break;
    }
    if (!status.ok() || value == nullptr) return status;
    value->type = type;
    if (type != JsonValue::kString) value->text = std::string(Slice(begin));
    return absl::OkStatus();
  }

  // Reads an object, calling on_member(key) with pos_ at the member's value;
  // on_member must consume the value.
  template <typename OnMember>
  absl::Status ForEachMember(int depth, OnMember on_member) {
    if (depth > kMaxDepth) return Error("nesting too deep");
    if (!Accept('{')) return Error("expected '{'");
    if (Accept('}')) return absl::OkStatus();
    while (true) {
      SkipWhitespace();
      std::string key;
      absl::Status status = ParseString(&key);
      if (!status.ok()) return status;
      if (!Accept(':')) return Error("expected ':' after an object key");
      status = on_member(std::move(key));
      if (!status.ok()) return status;
      if (Accept('}')) return absl::OkStatus();
      if (!Accept(',')) return Error("expected ',' or '}'");
    }
  }

  // Reads an array, calling on_element with the JSON text of each element.
  template <typename OnElement>
  absl::Status ForEachArrayElement(int depth, OnElement on_element) {
    if (depth > kMaxDepth) return Error("nesting too deep");
    if (!Accept('[')) return Error("expected '['");
    if (Accept(']')) return absl::OkStatus();
    while (true) {
      SkipWhitespace();
      size_t begin = pos_;
      absl::Status status = ParseValue(nullptr, depth);
      if (!status.ok()) return status;
      on_element(Slice(begin));
      if (Accept(']')) return absl::OkStatus();
      if (!Accept(',')) return Error("expected ',' or ']'");
    }
  }

 private:
  absl::Status SkipObject(int depth) {
    return ForEachMember(depth, [this, depth](const std::string&) {
      return ParseValue(nullptr, depth);
    });
  }

  absl::Status ParseLiteral(absl::string_view word) {
    if (json_.substr(pos_, word.size()) != word) return Error("invalid value");
    pos_ += word.size();
    return absl::OkStatus();
  }

  // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
  absl::Status ParseNumber() {
    auto digits = [this] {
      size_t begin = pos_;
      while (pos_ < json_.size() && IsDigit(json_[pos_])) ++pos_;
      return pos_ > begin;
    };
    auto next_is = [this](char c) {
      return pos_ < json_.size() && json_[pos_] == c;
    };
    if (next_is('-')) ++pos_;
    if (next_is('0')) {
      ++pos_;
    } else if (!digits()) {
      return Error("invalid value");
    }
    if (next_is('.')) {
      ++pos_;
      if (!digits()) return Error("expected a digit after '.'");
    }
    if (next_is('e') || next_is('E')) {
      ++pos_;
      if (next_is('+') || next_is('-')) ++pos_;
      if (!digits()) return Error("expected a digit in the exponent");
    }
    return absl::OkStatus();
  }

  // Reads the four hex digits after "\u".
  absl::Status ParseHex4(uint32_t* unit) {
    *unit = 0;
    for (int i = 0; i < 4; ++i) {
      int digit = pos_ < json_.size() ? HexDigitValue(json_[pos_]) : -1;
      if (digit < 0) return Error("expected four hex digits after \\u");
      *unit = *unit * 16 + digit;
      ++pos_;
    }
    return absl::OkStatus();
  }

  // Reads one escape sequence starting at the backslash.
  absl::Status ParseEscape(std::string* out) {
    size_t escape_begin = pos_;
    ++pos_;
    if (pos_ >= json_.size()) return Error("unterminated string");
    char c = json_[pos_++];
    char decoded;
    switch (c) {
      case '"':
        decoded = '"';
        break;
      case '\\':
        decoded = '\\';
        break;
      case '/':
        decoded = '/';
        break;
      case 'b':
        decoded = '\b';
        break;
      case 'f':
        decoded = '\f';
        break;
      case 'n':
        decoded = '\n';
        break;
      case 'r':
        decoded = '\r';
        break;
      case 't':
        decoded = '\t';
        break;
      case 'u':
        return ParseUnicodeEscape(escape_begin, out);
      default:
        pos_ = escape_begin;
        return Error(
            absl::StrCat("invalid escape \\", absl::string_view(&c, 1)));
    }
    if (out != nullptr) out->push_back(decoded);
    return absl::OkStatus();
  }

  // Reads the rest of "\uXXXX" (and of a following low surrogate).
  absl::Status ParseUnicodeEscape(size_t escape_begin, std::string* out) {
    uint32_t unit;
    absl::Status status = ParseHex4(&unit);
    if (!status.ok()) return status;
    uint32_t code_point = unit;
    if (0xD800 <= unit && unit <= 0xDBFF) {
      uint32_t low = 0;
      if (json_.substr(pos_, 2) == "\\u") {
        pos_ += 2;
        status = ParseHex4(&low);
        if (!status.ok()) return status;
      }
      if (!(0xDC00 <= low && low <= 0xDFFF)) {
        pos_ = escape_begin;
        return Error("unpaired UTF-16 surrogate");
      }
      code_point = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
    } else if (0xDC00 <= unit && unit <= 0xDFFF) {
      pos_ = escape_begin;
      return Error("unpaired UTF-16 surrogate");
    }
    if (out != nullptr) AppendUtf8(code_point, out);
    return absl::OkStatus();
  }

  absl::string_view json_;
  size_t pos_ = 0;
};

}  // namespace

const JsonValue* JsonObject::Find(absl::string_view key) const {
  auto it = members_.find(key);
  return it == members_.end() ? nullptr : &it->second;
}

absl::StatusOr<JsonObject> ParseJsonObject(absl::string_view json) {
  Scanner scanner(json);
  JsonObject object;
  scanner.SkipWhitespace();
  absl::Status status = scanner.ForEachMember(1, [&](std::string key) {
    JsonValue value;
    absl::Status value_status = scanner.ParseValue(&value, 1);
    if (value_status.ok()) object.members_[std::move(key)] = std::move(value);
    return value_status;
  });
  if (status.ok()) status = scanner.ExpectEnd();
  if (!status.ok()) return status;
  return object;
}

absl::StatusOr<std::vector<absl::string_view>> SplitJsonArray(
    absl::string_view json) {
  Scanner scanner(json);
  std::vector<absl::string_view> elements;
  absl::Status status = scanner.ForEachArrayElement(
      1, [&](absl::string_view element) { elements.push_back(element); });
  if (status.ok()) status = scanner.ExpectEnd();
  if (!status.ok()) return status;
  return elements;
}

absl::string_view JsonTypeName(JsonValue::Type type) {
  switch (type) {
    case JsonValue::kString:
      return "a string";
    case JsonValue::kNumber:
      return "a number";
    case JsonValue::kTrue:
      return "true";
    case JsonValue::kFalse:
      return "false";
    case JsonValue::kNull:
      return "null";
    case JsonValue::kObject:
      return "an object";
    case JsonValue::kArray:
      return "an array";
  }
  return "a value";
}

}  // namespace claims
