#include "claims/json_writer.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <deque>
#include <numeric>
#include <utility>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace claims {
namespace {

namespace pb = google::protobuf;

// Code points at or above U+0080 that protobuf's JSON printer escapes: the C1
// controls and format characters that render as nothing (its own table; the
// test checks every code point against it). Sorted, inclusive.
constexpr std::pair<uint32_t, uint32_t> kEscapedRanges[] = {
    {0x0080, 0x009F},   {0x00AD, 0x00AD},   {0x0600, 0x0603},
    {0x06DD, 0x06DD},   {0x070F, 0x070F},   {0x17B4, 0x17B5},
    {0x200B, 0x200F},   {0x2028, 0x202E},   {0x2060, 0x2064},
    {0x206A, 0x206F},   {0xFEFF, 0xFEFF},   {0xFFF9, 0xFFFB},
    {0x1D173, 0x1D17A}, {0xE0001, 0xE0001}, {0xE0020, 0xE007F},
};

bool EscapedCodePoint(uint32_t code_point) {
  for (const auto& [first, last] : kEscapedRanges) {
    if (code_point < first) return false;
    if (code_point <= last) return true;
  }
  return false;
}

void AppendUnicodeEscape(uint32_t unit, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  const char escape[] = {'\\',
                         'u',
                         kHex[(unit >> 12) & 0xF],
                         kHex[(unit >> 8) & 0xF],
                         kHex[(unit >> 4) & 0xF],
                         kHex[unit & 0xF]};
  out->append(escape, sizeof(escape));
}

// The length of the valid UTF-8 sequence at the start of `text` and its code
// point, or 0 when the first byte does not begin one (RFC 3629: no overlong
// forms, no surrogates, nothing above U+10FFFF).
size_t DecodeUtf8(absl::string_view text, uint32_t* code_point) {
  const auto byte = [&](size_t i) { return static_cast<uint8_t>(text[i]); };
  const uint8_t lead = byte(0);
  size_t length;
  uint32_t value;
  uint32_t min_value;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2, value = lead & 0x1F, min_value = 0x80;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3, value = lead & 0x0F, min_value = 0x800;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4, value = lead & 0x07, min_value = 0x10000;
  } else {
    return 0;
  }
  if (text.size() < length) return 0;
  for (size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xC0) != 0x80) return 0;
    value = (value << 6) | (byte(i) & 0x3F);
  }
  if (value < min_value || value > 0x10FFFF ||
      (value >= 0xD800 && value <= 0xDFFF)) {
    return 0;
  }
  *code_point = value;
  return length;
}

// The ASCII characters printed as they are.
constexpr std::array<bool, 128> PlainAscii() {
  std::array<bool, 128> plain{};
  for (int c = 0x20; c < 0x7F; ++c) {
    plain[c] = c != '"' && c != '\\' && c != '<' && c != '>';
  }
  return plain;
}
constexpr std::array<bool, 128> kPlainAscii = PlainAscii();

void AppendJsonString(absl::string_view text, std::string* out) {
  out->push_back('"');
  size_t plain_begin = 0;
  size_t i = 0;
  // Appends text[plain_begin, i), the bytes that need no escape.
  const auto flush = [&] {
    out->append(text.data() + plain_begin, i - plain_begin);
  };
  while (i < text.size()) {
    const uint8_t c = static_cast<uint8_t>(text[i]);
    if (c >= 0x80) {
      uint32_t code_point;
      const size_t length = DecodeUtf8(text.substr(i), &code_point);
      if (length > 0 && !EscapedCodePoint(code_point)) {
        i += length;
        continue;
      }
      flush();
      if (length == 0) {
        i += 1;
      } else if (code_point <= 0xFFFF) {
        AppendUnicodeEscape(code_point, out);
        i += length;
      } else {
        const uint32_t offset = code_point - 0x10000;
        AppendUnicodeEscape(0xD800 + (offset >> 10), out);
        AppendUnicodeEscape(0xDC00 + (offset & 0x3FF), out);
        i += length;
      }
      plain_begin = i;
      continue;
    }
    if (kPlainAscii[c]) {
      ++i;
      continue;
    }
    const char* short_escape = nullptr;
    switch (c) {
      case '"': short_escape = "\\\""; break;
      case '\\': short_escape = "\\\\"; break;
      case '\b': short_escape = "\\b"; break;
      case '\f': short_escape = "\\f"; break;
      case '\n': short_escape = "\\n"; break;
      case '\r': short_escape = "\\r"; break;
      case '\t': short_escape = "\\t"; break;
      default:
        break;
    }
    flush();
    if (short_escape != nullptr) {
      out->append(short_escape);
    } else {
      AppendUnicodeEscape(c, out);
    }
    plain_begin = ++i;
  }
  flush();
  out->push_back('"');
}

// protobuf's SimpleDtoa and SimpleFtoa: the short form when it reads back
// exactly, else enough digits to. to_chars and from_chars are printf's %g and
// strtod in the "C" locale whatever the program's locale.
template <typename Float>
void AppendFloat(Float value, std::string* out) {
  if (std::isnan(value)) {
    out->append("\"NaN\"");
    return;
  }
  if (std::isinf(value)) {
    out->append(value > 0 ? "\"Infinity\"" : "\"-Infinity\"");
    return;
  }
  constexpr bool kDouble = sizeof(Float) == sizeof(double);
  char buffer[32];
  std::to_chars_result printed =
      std::to_chars(buffer, buffer + sizeof(buffer), value,
                    std::chars_format::general, kDouble ? 15 : 6);
  Float read_back = 0;
  std::from_chars(buffer, printed.ptr, read_back);
  if (read_back != value) {
    printed = std::to_chars(buffer, buffer + sizeof(buffer), value,
                            std::chars_format::general, kDouble ? 17 : 9);
  }
  out->append(buffer, printed.ptr);
}

class JsonPrinter {
 public:
  JsonPrinter(JsonStyle style, std::string* out)
      : indented_(style == JsonStyle::kIndented), out_(*out) {}

  void Object(const pb::Message& message) {
    // Each GetReflection() call checks that the descriptors are assigned:
    // one per message, passed on.
    const pb::Reflection& reflection = *message.GetReflection();
    // Objects open at the same time have different depths.
    if (fields_by_depth_.size() <= static_cast<size_t>(depth_)) {
      fields_by_depth_.resize(depth_ + 1);
    }
    std::vector<const pb::FieldDescriptor*>& fields = fields_by_depth_[depth_];
    fields.clear();
    reflection.ListFields(message, &fields);
    if (fields.empty()) {
      out_.append("{}");
      return;
    }
    out_.push_back('{');
    ++depth_;
    bool first = true;
    for (const pb::FieldDescriptor* field : fields) {
      if (field->is_extension()) continue;
      Member(field->json_name(), &first);
      if (field->is_map()) {
        Map(message, reflection, field);
      } else if (field->is_repeated()) {
        Array(message, reflection, field);
      } else {
        Value(message, reflection, field, -1);
      }
    }
    --depth_;
    NewLine();
    out_.push_back('}');
  }

 private:
  void NewLine() {
    if (!indented_) return;
    out_.push_back('\n');
    out_.append(depth_, ' ');
  }

  // Starts the next member of an object: the separator, then the name.
  void Member(absl::string_view name, bool* first) {
    if (!*first) out_.push_back(',');
    *first = false;
    NewLine();
    AppendJsonString(name, &out_);
    out_.append(indented_ ? ": " : ":");
  }

  void Array(const pb::Message& message, const pb::Reflection& reflection,
             const pb::FieldDescriptor* field) {
    const int size = reflection.FieldSize(message, field);
    out_.push_back('[');
    ++depth_;
    for (int i = 0; i < size; ++i) {
      if (i > 0) out_.push_back(',');
      NewLine();
      Value(message, reflection, field, i);
    }
    --depth_;
    NewLine();
    out_.push_back(']');
  }

  // A map field is a repeated message of (key = 1, value = 2) entries.
  void Map(const pb::Message& message, const pb::Reflection& reflection,
           const pb::FieldDescriptor* field) {
    const int size = reflection.FieldSize(message, field);
    std::vector<const pb::Message*> entries(size);
    for (int i = 0; i < size; ++i) {
      entries[i] = &reflection.GetRepeatedMessage(message, field, i);
    }
    const pb::Reflection& entry_reflection = *entries[0]->GetReflection();
    const pb::FieldDescriptor* key = field->message_type()->map_key();
    const pb::FieldDescriptor* value = field->message_type()->map_value();
    std::vector<std::string> names(size);
    std::vector<int> order(size);
    std::iota(order.begin(), order.end(), 0);
    if (key->cpp_type() == pb::FieldDescriptor::CPPTYPE_STRING) {
      for (int i = 0; i < size; ++i) {
        names[i] = entry_reflection.GetString(*entries[i], key);
      }
      std::sort(order.begin(), order.end(),
                [&](int a, int b) { return names[a] < names[b]; });
    } else {
      // Integer and bool keys: each printed as JSON text, sorted by value
      // (signed keys in the first of the pair, unsigned in the second).
      std::vector<std::pair<int64_t, uint64_t>> values(size);
      for (int i = 0; i < size; ++i) {
        const pb::Message& entry = *entries[i];
        ScalarText(entry, entry_reflection, key, -1, &names[i]);
        switch (key->cpp_type()) {
          case pb::FieldDescriptor::CPPTYPE_INT32:
            values[i] = {entry_reflection.GetInt32(entry, key), 0};
            break;
          case pb::FieldDescriptor::CPPTYPE_INT64:
            values[i] = {entry_reflection.GetInt64(entry, key), 0};
            break;
          case pb::FieldDescriptor::CPPTYPE_UINT32:
            values[i] = {0, entry_reflection.GetUInt32(entry, key)};
            break;
          case pb::FieldDescriptor::CPPTYPE_UINT64:
            values[i] = {0, entry_reflection.GetUInt64(entry, key)};
            break;
          default:
            values[i] = {entry_reflection.GetBool(entry, key), 0};
            break;
        }
      }
      std::sort(order.begin(), order.end(),
                [&](int a, int b) { return values[a] < values[b]; });
    }
    out_.push_back('{');
    ++depth_;
    bool first = true;
    for (int i : order) {
      Member(names[i], &first);
      Value(*entries[i], entry_reflection, value, -1);
    }
    --depth_;
    NewLine();
    out_.push_back('}');
  }

  // The field's value (element `index` of a repeated field, or -1).
  void Value(const pb::Message& message, const pb::Reflection& r,
             const pb::FieldDescriptor* field, int index) {
    switch (field->cpp_type()) {
      case pb::FieldDescriptor::CPPTYPE_MESSAGE:
        Object(index < 0 ? r.GetMessage(message, field)
                         : r.GetRepeatedMessage(message, field, index));
        return;
      case pb::FieldDescriptor::CPPTYPE_STRING: {
        std::string scratch;
        const std::string& text =
            index < 0 ? r.GetStringReference(message, field, &scratch)
                      : r.GetRepeatedStringReference(message, field, index,
                                                     &scratch);
        if (field->type() == pb::FieldDescriptor::TYPE_BYTES) {
          out_.push_back('"');
          out_.append(absl::Base64Escape(text));
          out_.push_back('"');
        } else {
          AppendJsonString(text, &out_);
        }
        return;
      }
      case pb::FieldDescriptor::CPPTYPE_ENUM: {
        const int number = index < 0
                               ? r.GetEnumValue(message, field)
                               : r.GetRepeatedEnumValue(message, field, index);
        const pb::EnumValueDescriptor* value =
            field->enum_type()->FindValueByNumber(number);
        if (value != nullptr) {
          AppendJsonString(value->name(), &out_);
        } else {
          absl::StrAppend(&out_, number);
        }
        return;
      }
      case pb::FieldDescriptor::CPPTYPE_INT64:
      case pb::FieldDescriptor::CPPTYPE_UINT64:
        out_.push_back('"');
        ScalarText(message, r, field, index, &out_);
        out_.push_back('"');
        return;
      default:
        ScalarText(message, r, field, index, &out_);
        return;
    }
  }

  // A number or bool field's value as JSON text.
  static void ScalarText(const pb::Message& message, const pb::Reflection& r,
                         const pb::FieldDescriptor* field, int index,
                         std::string* out) {
    const bool one = index < 0;
    switch (field->cpp_type()) {
      case pb::FieldDescriptor::CPPTYPE_INT32:
        absl::StrAppend(out, one ? r.GetInt32(message, field)
                                 : r.GetRepeatedInt32(message, field, index));
        break;
      case pb::FieldDescriptor::CPPTYPE_INT64:
        absl::StrAppend(out, one ? r.GetInt64(message, field)
                                 : r.GetRepeatedInt64(message, field, index));
        break;
      case pb::FieldDescriptor::CPPTYPE_UINT32:
        absl::StrAppend(out, one ? r.GetUInt32(message, field)
                                 : r.GetRepeatedUInt32(message, field, index));
        break;
      case pb::FieldDescriptor::CPPTYPE_UINT64:
        absl::StrAppend(out, one ? r.GetUInt64(message, field)
                                 : r.GetRepeatedUInt64(message, field, index));
        break;
      case pb::FieldDescriptor::CPPTYPE_DOUBLE:
        AppendFloat(one ? r.GetDouble(message, field)
                        : r.GetRepeatedDouble(message, field, index),
                    out);
        break;
      case pb::FieldDescriptor::CPPTYPE_FLOAT:
        AppendFloat(one ? r.GetFloat(message, field)
                        : r.GetRepeatedFloat(message, field, index),
                    out);
        break;
      case pb::FieldDescriptor::CPPTYPE_BOOL:
        out->append((one ? r.GetBool(message, field)
                         : r.GetRepeatedBool(message, field, index))
                        ? "true"
                        : "false");
        break;
      default:
        break;
    }
  }

  const bool indented_;
  std::string& out_;
  int depth_ = 0;
  // ListFields' output for the object open at each depth, kept for its
  // capacity. A deque: growing it keeps the outer objects' vectors in place.
  std::deque<std::vector<const pb::FieldDescriptor*>> fields_by_depth_;
};

}  // namespace

void AppendMessageJson(const pb::Message& message, JsonStyle style,
                       std::string* out) {
  JsonPrinter(style, out).Object(message);
}

}  // namespace claims
