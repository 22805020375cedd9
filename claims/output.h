// Writing Documents as a stream, and reading such a stream back.
//
//   std::unique_ptr<claims::DocumentWriter> writer =
//       claims::DocumentWriter::Create(claims::OutputFormat::kJsonl,
//       &std::cout);
//   for (...) {
//     absl::Status written = writer->Write(doc);  // written and flushed now
//     if (!written.ok()) return written;
//   }
//   return writer->Finish();
//
//   claims::DocumentStreamReader reader(claims::OutputFormat::kJsonl, &in);
//   absl::StatusOr<claims::Document> doc;
//   while (reader.Next(&doc)) { if (doc.ok()) ... }
//
// Formats:
//   jsonl      One Document per line in the proto3 JSON mapping, with the
//              default lowerCamelCase names ("bodyBegin", "sentenceSpan");
//              fields at their default value are omitted, metadata keys come
//              sorted (see json_writer.h).
//   json       A JSON array of Documents, pretty-printed; same mapping.
//   textproto  Each Document in protobuf text format, preceded by a line
//              "# document N" (N counts from 1). One document alone is
//              therefore a valid text-format claims.Document.
//   binpb      A stream of length-delimited Documents: for each, its size in
//              bytes as a base-128 varint, then the serialized message. This
//              is protobuf's writeDelimitedTo / parseDelimitedFrom framing
//              (google/protobuf/util/delimited_message_util.h).
//
// A writer does not own its stream. Every Write flushes, so a reader on a
// pipe sees each document as soon as it is ready. Errors (a failed stream) are
// returned as absl::Status; nothing throws.
#ifndef CLAIMS_OUTPUT_H_
#define CLAIMS_OUTPUT_H_

#include <istream>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "proto/claims.pb.h"

namespace claims {

enum class OutputFormat { kJsonl, kJson, kTextproto, kBinpb };

// "jsonl", "json", "textproto" or "binpb".
absl::StatusOr<OutputFormat> ParseOutputFormat(absl::string_view name);
absl::string_view OutputFormatName(OutputFormat format);

class DocumentWriter {
 public:
  // A writer of `format` onto `out`, which must outlive it.
  static std::unique_ptr<DocumentWriter> Create(OutputFormat format,
                                                std::ostream* out);
  virtual ~DocumentWriter() = default;

  // Writes one document and flushes: Encode, then WriteEncoded.
  absl::Status Write(const Document& doc);

  // The two halves of Write, so that threads can encode documents while one
  // thread writes them in order (see `claims extract --threads`).
  //
  // Sets `*encoded` to the bytes that stand for `doc` in the output, less
  // what depends on its place in the stream (json's "[" and ",", textproto's
  // "# document N"). Const and safe to call from several threads at once.
  virtual absl::Status Encode(const Document& doc,
                              std::string* encoded) const = 0;
  // Writes what Encode returned, as the next document, and flushes.
  virtual absl::Status WriteEncoded(absl::string_view encoded) = 0;

  // Ends the stream (the closing "]" of json) and flushes. Call it once,
  // after the last Write; it is needed even when nothing was written.
  virtual absl::Status Finish() = 0;

 private:
  // Write's encoding, reused from document to document.
  std::string scratch_;
};

// Reads what a DocumentWriter of the same format wrote. json reads the whole
// stream at the first Next; the other formats read one document at a time.
class DocumentStreamReader {
 public:
  // `in` must outlive the reader.
  DocumentStreamReader(OutputFormat format, std::istream* in);
  ~DocumentStreamReader();

  // Returns false at the end of the stream. Otherwise sets `*doc` to the next
  // document or to an error naming where it is ("line 3: ..." for jsonl,
  // "document 2: ..." otherwise). Reading goes on after a bad document,
  // except in binpb (the framing is lost) and in json that is not an array:
  // then the stream ends.
  bool Next(absl::StatusOr<Document>* doc);

  // The per-format reader, defined in output.cc.
  class Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace claims

#endif  // CLAIMS_OUTPUT_H_
