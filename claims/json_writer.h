// MessageToJson: a protobuf message in the proto3 JSON mapping, fast.
//
//   std::string line = claims::MessageToJson(document);
//   // {"id":"a1","claims":[{"id":"a1.c1","span":{"begin":4,"end":61},...}]}
//   std::string text = claims::MessageToJson(report, claims::JsonStyle::kIndented);
//
// The output is the one protobuf's util::MessageToJsonString prints with its
// default options (add_whitespace for kIndented), byte for byte, with one
// difference: map entries come sorted by key, where protobuf prints them in
// the order of its hash table. In detail:
//   * fields in field-number order, named by their json_name
//     ("sentenceSpan"); a field at its default value is left out, unless it
//     has explicit presence and is set;
//   * 64-bit integers as strings, enums by value name (a number when the
//     value is unknown), bytes in base64, NaN and infinities as "NaN",
//     "Infinity", "-Infinity"; other doubles and floats as the shortest of
//     %.15g (%.6g for floats) and %.17g (%.9g) that reads back exactly;
//   * strings escape '"', '\\', '<', '>', U+007F, every control character
//     and the invisible format characters protobuf escapes (U+00AD, U+200B to
//     U+200F, U+2028 to U+202E, U+FEFF, ...); beyond U+FFFF as a UTF-16
//     surrogate pair. A byte that is not part of valid UTF-8 is left out
//     (protobuf leaves out most such bytes, and logs an error).
//   * kIndented puts each member on its own line, indented one space per
//     level, with ": " after each name; an empty message prints as {}.
// Well-known types (Timestamp, Any, Struct, wrappers) print as ordinary
// messages: the claims protos use none.
//
// Why not protobuf's printer: it serializes the message to the wire format
// and parses that back through a type resolver, which made it a tenth of
// `claims extract` over a corpus (see README, Performance).
#ifndef CLAIMS_JSON_WRITER_H_
#define CLAIMS_JSON_WRITER_H_

#include <string>

#include "google/protobuf/message.h"

namespace claims {

enum class JsonStyle { kCompact, kIndented };

// Appends `message` as JSON to `out`, without a final newline.
void AppendMessageJson(const google::protobuf::Message& message,
                       JsonStyle style, std::string* out);

inline std::string MessageToJson(const google::protobuf::Message& message,
                                 JsonStyle style = JsonStyle::kCompact) {
  std::string out;
  AppendMessageJson(message, style, &out);
  return out;
}

}  // namespace claims

#endif  // CLAIMS_JSON_WRITER_H_
