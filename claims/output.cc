#include "claims/output.h"

#include <iterator>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "claims/json_object.h"
#include "claims/json_writer.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/io/zero_copy_stream_impl.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/delimited_message_util.h"
#include "google/protobuf/util/json_util.h"

namespace claims {
namespace {

namespace pb = google::protobuf;

// Starts each document in textproto; a text-format printer never begins a
// line with '#', so the marker cannot occur inside a document.
constexpr absl::string_view kTextprotoMarker = "# document ";

absl::Status StreamStatus(const std::ostream& out) {
  if (out) return absl::OkStatus();
  return absl::UnavailableError("cannot write the output stream");
}

absl::Status FromProtobuf(const pb::util::Status& status) {
  if (status.ok()) return absl::OkStatus();
  return absl::InvalidArgumentError(
      std::string(status.message().data(), status.message().size()));
}

absl::StatusOr<Document> FromJson(absl::string_view json) {
  pb::util::JsonParseOptions options;
  // Lets an older reader accept output that has newer fields.
  options.ignore_unknown_fields = true;
  Document doc;
  absl::Status status = FromProtobuf(pb::util::JsonStringToMessage(
      pb::StringPiece(json.data(), json.size()), &doc, options));
  if (!status.ok()) return status;
  return doc;
}

class JsonlWriter : public DocumentWriter {
 public:
  explicit JsonlWriter(std::ostream* out) : out_(*out) {}
  absl::Status Encode(const Document& doc,
                      std::string* encoded) const override {
    encoded->clear();
    AppendMessageJson(doc, JsonStyle::kCompact, encoded);
    encoded->push_back('\n');
    return absl::OkStatus();
  }
  absl::Status WriteEncoded(absl::string_view encoded) override {
    out_.write(encoded.data(), encoded.size()).flush();
    return StreamStatus(out_);
  }
  absl::Status Finish() override { return StreamStatus(out_ << std::flush); }

 private:
  std::ostream& out_;
};

class JsonArrayWriter : public DocumentWriter {
 public:
  explicit JsonArrayWriter(std::ostream* out) : out_(*out) {}
  absl::Status Encode(const Document& doc,
                      std::string* encoded) const override {
    *encoded = MessageToJson(doc, JsonStyle::kIndented);
    return absl::OkStatus();
  }
  absl::Status WriteEncoded(absl::string_view encoded) override {
    out_ << (empty_ ? "[\n" : ",\n") << encoded << std::flush;
    empty_ = false;
    return StreamStatus(out_);
  }
  absl::Status Finish() override {
    out_ << (empty_ ? "[]\n" : "\n]\n") << std::flush;
    return StreamStatus(out_);
  }

 private:
  std::ostream& out_;
  bool empty_ = true;
};

class TextprotoWriter : public DocumentWriter {
 public:
  explicit TextprotoWriter(std::ostream* out) : out_(*out) {
    // Quotes and speaker names read as written, not as octal escapes.
    printer_.SetUseUtf8StringEscaping(true);
  }
  absl::Status Encode(const Document& doc,
                      std::string* encoded) const override {
    if (!printer_.PrintToString(doc, encoded)) {
      return absl::InternalError("cannot print the document as text format");
    }
    return absl::OkStatus();
  }
  absl::Status WriteEncoded(absl::string_view encoded) override {
    out_ << kTextprotoMarker << ++count_ << '\n' << encoded << std::flush;
    return StreamStatus(out_);
  }
  absl::Status Finish() override { return StreamStatus(out_ << std::flush); }

 private:
  std::ostream& out_;
  pb::TextFormat::Printer printer_;
  int count_ = 0;
};

class BinpbWriter : public DocumentWriter {
 public:
  explicit BinpbWriter(std::ostream* out) : out_(*out) {}
  absl::Status Encode(const Document& doc,
                      std::string* encoded) const override {
    encoded->clear();
    pb::io::StringOutputStream stream(encoded);
    if (!pb::util::SerializeDelimitedToZeroCopyStream(doc, &stream)) {
      return absl::InternalError("cannot serialize the document");
    }
    return absl::OkStatus();
  }
  absl::Status WriteEncoded(absl::string_view encoded) override {
    out_.write(encoded.data(), encoded.size()).flush();
    return StreamStatus(out_);
  }
  absl::Status Finish() override { return StreamStatus(out_ << std::flush); }

 private:
  std::ostream& out_;
};

// Keeps the first text-format parse error instead of logging it.
class FirstError : public pb::io::ErrorCollector {
 public:
  void AddError(int line, int column, const std::string& message) override {
    if (message_.empty()) {
      message_ = absl::StrCat(line + 1, ":", column + 1, ": ", message);
    }
  }
  const std::string& message() const { return message_; }

 private:
  std::string message_;
};

}  // namespace

absl::Status DocumentWriter::Write(const Document& doc) {
  absl::Status encoded = Encode(doc, &scratch_);
  return encoded.ok() ? WriteEncoded(scratch_) : encoded;
}

absl::StatusOr<OutputFormat> ParseOutputFormat(absl::string_view name) {
  for (OutputFormat format : {OutputFormat::kJsonl, OutputFormat::kJson,
                              OutputFormat::kTextproto, OutputFormat::kBinpb}) {
    if (name == OutputFormatName(format)) return format;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("unknown output format \"", name,
                   "\" (expected jsonl, json, textproto or binpb)"));
}

absl::string_view OutputFormatName(OutputFormat format) {
  switch (format) {
    case OutputFormat::kJsonl:
      return "jsonl";
    case OutputFormat::kJson:
      return "json";
    case OutputFormat::kTextproto:
      return "textproto";
    case OutputFormat::kBinpb:
      return "binpb";
  }
  return "";
}

std::unique_ptr<DocumentWriter> DocumentWriter::Create(OutputFormat format,
                                                       std::ostream* out) {
  switch (format) {
    case OutputFormat::kJsonl:
      return std::make_unique<JsonlWriter>(out);
    case OutputFormat::kJson:
      return std::make_unique<JsonArrayWriter>(out);
    case OutputFormat::kTextproto:
      return std::make_unique<TextprotoWriter>(out);
    case OutputFormat::kBinpb:
      return std::make_unique<BinpbWriter>(out);
  }
  return nullptr;
}

// One subclass per format; Next has DocumentStreamReader::Next's contract.
class DocumentStreamReader::Impl {
 public:
  virtual ~Impl() = default;
  virtual bool Next(absl::StatusOr<Document>* doc) = 0;
};

namespace {

absl::Status Located(absl::string_view where, int64_t index,
                     const absl::Status& status) {
  return absl::Status(status.code(),
                      absl::StrCat(where, " ", index, ": ", status.message()));
}

class JsonlReader : public DocumentStreamReader::Impl {
 public:
  explicit JsonlReader(std::istream* in) : in_(*in) {}
  bool Next(absl::StatusOr<Document>* doc) override {
    std::string line;
    while (std::getline(in_, line)) {
      ++line_number_;
      if (absl::StripAsciiWhitespace(line).empty()) continue;
      *doc = FromJson(line);
      if (!doc->ok()) *doc = Located("line", line_number_, doc->status());
      return true;
    }
    return false;
  }

 private:
  std::istream& in_;
  int64_t line_number_ = 0;
};

class JsonArrayReader : public DocumentStreamReader::Impl {
 public:
  explicit JsonArrayReader(std::istream* in) : in_(*in) {}
  bool Next(absl::StatusOr<Document>* doc) override {
    if (!loaded_) {
      loaded_ = true;
      text_.assign(std::istreambuf_iterator<char>(in_),
                   std::istreambuf_iterator<char>());
      absl::StatusOr<std::vector<absl::string_view>> elements =
          SplitJsonArray(text_);
      if (!elements.ok()) {
        *doc = absl::InvalidArgumentError(
            absl::StrCat("not a JSON array: ", elements.status().message()));
        return true;
      }
      elements_ = *std::move(elements);
    }
    if (next_ >= elements_.size()) return false;
    *doc = FromJson(elements_[next_++]);
    if (!doc->ok()) *doc = Located("document", next_, doc->status());
    return true;
  }

 private:
  std::istream& in_;
  bool loaded_ = false;
  std::string text_;
  std::vector<absl::string_view> elements_;
  size_t next_ = 0;
};

class TextprotoReader : public DocumentStreamReader::Impl {
 public:
  explicit TextprotoReader(std::istream* in) : in_(*in) {}
  bool Next(absl::StatusOr<Document>* doc) override {
    // A document runs up to the next marker. Text before the first marker is
    // a document only if it has more than blank and comment lines, so that a
    // lone textproto without a marker reads as one document.
    std::string chunk;
    bool is_document = after_marker_;
    std::string line;
    while (std::getline(in_, line)) {
      if (absl::StartsWith(line, kTextprotoMarker)) {
        after_marker_ = true;
        if (is_document) return Parse(chunk, doc);
        is_document = true;
        continue;
      }
      absl::string_view content = absl::StripAsciiWhitespace(line);
      if (!content.empty() && content[0] != '#') is_document = true;
      absl::StrAppend(&chunk, line, "\n");
    }
    after_marker_ = false;
    return is_document && Parse(chunk, doc);
  }

 private:
  bool Parse(const std::string& chunk, absl::StatusOr<Document>* doc) {
    ++count_;
    Document parsed;
    FirstError errors;
    pb::TextFormat::Parser parser;
    parser.RecordErrorsTo(&errors);
    if (parser.ParseFromString(chunk, &parsed)) {
      *doc = std::move(parsed);
    } else {
      *doc = Located("document", count_,
                     absl::InvalidArgumentError(errors.message()));
    }
    return true;
  }

  std::istream& in_;
  // The next line read belongs to a document announced by a marker.
  bool after_marker_ = false;
  int64_t count_ = 0;
};

class BinpbReader : public DocumentStreamReader::Impl {
 public:
  explicit BinpbReader(std::istream* in) : stream_(in) {}
  bool Next(absl::StatusOr<Document>* doc) override {
    if (failed_) return false;
    Document parsed;
    bool clean_eof = false;
    if (pb::util::ParseDelimitedFromZeroCopyStream(&parsed, &stream_,
                                                   &clean_eof)) {
      ++count_;
      *doc = std::move(parsed);
      return true;
    }
    if (clean_eof) return false;
    // The framing is lost: nothing after this point can be trusted.
    failed_ = true;
    *doc = Located("document", count_ + 1,
                   absl::DataLossError("truncated or malformed message"));
    return true;
  }

 private:
  pb::io::IstreamInputStream stream_;
  int64_t count_ = 0;
  bool failed_ = false;
};

}  // namespace

DocumentStreamReader::DocumentStreamReader(OutputFormat format,
                                           std::istream* in) {
  switch (format) {
    case OutputFormat::kJsonl:
      impl_ = std::make_unique<JsonlReader>(in);
      break;
    case OutputFormat::kJson:
      impl_ = std::make_unique<JsonArrayReader>(in);
      break;
    case OutputFormat::kTextproto:
      impl_ = std::make_unique<TextprotoReader>(in);
      break;
    case OutputFormat::kBinpb:
      impl_ = std::make_unique<BinpbReader>(in);
      break;
  }
}

DocumentStreamReader::~DocumentStreamReader() = default;

bool DocumentStreamReader::Next(absl::StatusOr<Document>* doc) {
  return impl_->Next(doc);
}

}  // namespace claims
