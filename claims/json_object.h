// JSON scanning for the two places that read JSON without a schema: JSONL
// input lines ({"id": ..., "text": ..., ...}) and JSON arrays of Documents.
//
//   absl::StatusOr<claims::JsonObject> object =
//       claims::ParseJsonObject(R"({"id": 6152, "text": "Hello\n"})");
//   if (!object.ok()) { /* object.status(): "expected ',' or '}' at byte 12" */
//   } const claims::JsonValue* id = object->Find("id");
//   // id->type == JsonValue::kNumber, id->text == "6152"
//
// Why not protobuf's JSON parser: an input "id" may be a string or a number,
// and a number must come back exactly as written (a 20-digit id does not
// survive a double); and an error should point at a byte, not at a parser
// state. The scanner is strict RFC 8259: no comments, no trailing commas, no
// raw control characters in strings, no lone UTF-16 surrogates.
#ifndef CLAIMS_JSON_OBJECT_H_
#define CLAIMS_JSON_OBJECT_H_

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace claims {

// One member value of a JSON object.
struct JsonValue {
  enum Type { kString, kNumber, kTrue, kFalse, kNull, kObject, kArray };
  Type type = kNull;
  // kString: the decoded string (escapes resolved, UTF-8). Every other type:
  // the value's JSON text exactly as written ("6152", "null", "[1, 2]").
  std::string text;
};

// The top-level members of a JSON object. A repeated key keeps its last
// value, as most JSON readers do.
class JsonObject {
 public:
  // The member `key`, or nullptr.
  const JsonValue* Find(absl::string_view key) const;

 private:
  friend absl::StatusOr<JsonObject> ParseJsonObject(absl::string_view json);
  absl::flat_hash_map<std::string, JsonValue> members_;
};

// Parses `json`, which must hold exactly one JSON object (surrounding
// whitespace allowed). Errors name the byte offset into `json`.
absl::StatusOr<JsonObject> ParseJsonObject(absl::string_view json);

// The JSON text of each element of the array `json` (surrounding whitespace
// allowed), as views into `json`. Errors name the byte offset into `json`.
absl::StatusOr<std::vector<absl::string_view>> SplitJsonArray(
    absl::string_view json);

// The name of `type` for messages: "a string", "a number", "null", ...
absl::string_view JsonTypeName(JsonValue::Type type);

}  // namespace claims

#endif  // CLAIMS_JSON_OBJECT_H_
