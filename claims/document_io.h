// Reading inputs: text files and JSONL, one document at a time, without ever
// letting one bad input stop a batch.
//
//   claims::DocumentReader reader({"a.txt", "b.txt", "-"}, {});
//   absl::StatusOr<claims::InputDocument> input;
//   while (reader.Next(&input)) {
//     if (!input.ok()) {  // "b.txt: no such file or directory"
//       std::cerr << "claims: " << input.status().message() << "\n";
//       continue;         // the rest of the batch is still read
//     }
//     extractor.Extract(input->text, &input->document);
//   }
//
// Text input (InputFormat::kText):
//   * The bytes are kept exactly as read: no BOM stripping, no line-end
//     rewriting, so spans index the file itself.
//   * Rejected, with a status naming the path: a missing file, a directory,
//     an unreadable file, binary data (a NUL byte, or more than 10% control
//     bytes, in the first 8 KiB), invalid UTF-8 (with the byte offset), more
//     than 4 GiB (spans are 32-bit).
//   * Front matter: the leading lines of the form "# Key: value" (after a
//     UTF-8 BOM, if any) are metadata, and Document.body_begin is the offset
//     just after them. Keys are matched case-insensitively:
//       Title          -> Document.title
//       Date           -> Document.date, as "YYYY-MM-DD" (or "YYYY-MM",
//                         "YYYY"); a date that does not parse stays in metadata
//       Outlet         -> Document.outlet
//       Url            -> Document.path
//       Source         -> Document.outlet; but a Source that starts with a URL
//                         (as in "# Source: https://example.org/a (archived)")
//                         gives the URL to Document.path and its host to
//                         Document.outlet, and is also kept verbatim in
//                         metadata
//       anything else  -> Document.metadata, key and value verbatim
//   * Document.id is the path as given ("-" for stdin); Document.path is the
//     path too, unless front matter gives a URL (empty for stdin).
//
// JSONL input (InputFormat::kJsonl): one JSON object per line, read line by
// line (files may be larger than memory).
//   "text"   required string: the document text (body_begin stays 0)
//   "id"     string or number, kept as written; default "FILE:LINE"
//   "title"  string -> Document.title
//   "url"    string -> Document.path (default: the JSONL file's path)
//   "date"   string -> Document.date, normalised as above
// Other members are ignored; a null member counts as missing. A line that is
// not a JSON object, lacks "text", or has a member of the wrong type yields
// an error "FILE:LINE: problem" and reading goes on with the next line. Blank
// lines are skipped.
//
// The path "-" reads standard input, in either format.
#ifndef CLAIMS_DOCUMENT_IO_H_
#define CLAIMS_DOCUMENT_IO_H_

#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "proto/claims.pb.h"

namespace claims {

// A document as read: metadata (no claims yet) and the text its spans will
// refer to.
struct InputDocument {
  Document document;
  std::string text;
};

enum class InputFormat { kText, kJsonl };

// "text" or "jsonl".
absl::StatusOr<InputFormat> ParseInputFormat(absl::string_view name);
absl::string_view InputFormatName(InputFormat format);

// OK when `text` is text: no NUL byte and at most 10% control bytes in its
// first 8 KiB, valid UTF-8 throughout, at most 4 GiB. Otherwise an
// InvalidArgument status such as "invalid UTF-8 at byte 1234".
absl::Status CheckIsText(absl::string_view text);

// Reads the front matter of `text` into `doc` (title, date, outlet, path,
// metadata, body_begin); see the file comment.
void ParseFrontMatter(absl::string_view text, Document* doc);

// A publication date as ISO 8601: "YYYY-MM-DD", or "YYYY-MM" / "YYYY" when
// that is all it says. Understands "2024-04-02" (also with a time after it),
// "2024/04/02", "April 2, 2024", "Tue, Apr. 2, 2024", "2 April 2024",
// "April 2024", "2024". Returns "" for anything else or an impossible date.
std::string NormalizeDate(absl::string_view date);

// Reads one text file, or standard input for "-".
absl::StatusOr<InputDocument> ReadTextDocument(const std::string& path);

// Parses one JSONL line. Errors carry no file or line: DocumentReader adds
// them. An absent "id" leaves Document.id empty.
absl::StatusOr<InputDocument> ParseJsonlDocument(absl::string_view line);

// Reads documents from a list of inputs, in order, one at a time.
class DocumentReader {
 public:
  struct Options {
    // How every input is read.
    InputFormat format = InputFormat::kText;
    // When false a directory is an input error. When true it stands for the
    // files under it, recursively, in path order, whose name ends in ".txt"
    // (kText) or ".jsonl" (kJsonl); hidden files and folders are skipped.
    bool recurse_directories = false;
  };

  DocumentReader(std::vector<std::string> inputs, Options options);
  ~DocumentReader();
  DocumentReader(const DocumentReader&) = delete;
  DocumentReader& operator=(const DocumentReader&) = delete;

  // Returns false once every input is exhausted. Otherwise sets `*result` to
  // the next document, or to the error for one input (a file, a directory
  // listing, or one JSONL line); the next call carries on after it.
  bool Next(absl::StatusOr<InputDocument>* result);

 private:
  class JsonlStream;

  // Replaces the directory `path` at the front of the queue by its files.
  absl::Status ExpandDirectory(const std::string& path);

  Options options_;
  std::deque<std::string> pending_;
  std::unique_ptr<JsonlStream> jsonl_;
};

}  // namespace claims

#endif  // CLAIMS_DOCUMENT_IO_H_
