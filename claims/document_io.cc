#include "claims/document_io.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <limits>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "claims/json_object.h"
#include "re2/re2.h"

namespace claims {
namespace {

// How much of a file the binary sniffing looks at.
constexpr size_t kSniffBytes = 8192;
// More control bytes than this share of the sniffed prefix means binary.
constexpr double kMaxControlShare = 0.10;
constexpr absl::string_view kUtf8Bom = "\xEF\xBB\xBF";

re2::StringPiece Piece(absl::string_view s) {
  return re2::StringPiece(s.data(), s.size());
}

// Offset of the first byte that does not start a well-formed UTF-8 sequence
// (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF), or
// npos.
size_t FindInvalidUtf8(absl::string_view text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const size_t size = text.size();
  size_t i = 0;
  while (i < size) {
    unsigned char lead = bytes[i];
    if (lead < 0x80) {
      ++i;
      continue;
    }
    size_t length;
    unsigned char second_min = 0x80, second_max = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) second_min = 0xA0;  // overlong
      if (lead == 0xED) second_max = 0x9F;  // surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) second_min = 0x90;  // overlong
      if (lead == 0xF4) second_max = 0x8F;  // above U+10FFFF
    } else {
      return i;
    }
    if (i + length > size) return i;
    if (bytes[i + 1] < second_min || bytes[i + 1] > second_max) return i;
    for (size_t k = 2; k < length; ++k) {
      if (bytes[i + k] < 0x80 || bytes[i + k] > 0xBF) return i;
    }
    i += length;
  }
  return absl::string_view::npos;
}

bool IsControlByte(unsigned char c) {
  switch (c) {
    case '\t':
    case '\n':
    case '\v':
    case '\f':
    case '\r':
      return false;
    default:
      return c < 0x20 || c == 0x7F;
  }
}

// The month number for "April", "apr", "Sept", or 0.
int MonthNumber(absl::string_view name) {
  static constexpr absl::string_view kMonths[] = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  std::string lower = absl::AsciiStrToLower(name);
  for (int i = 0; i < 12; ++i) {
    if (lower == kMonths[i] || lower == kMonths[i].substr(0, 3) ||
        (i == 8 && lower == "sept")) {
      return i + 1;
    }
  }
  return 0;
}

// "YYYY-MM-DD" when year-month-day is a real date, else "".
std::string IsoDay(int year, int month, int day) {
  absl::CivilDay civil(year, month, day);
  if (civil.year() != year || civil.month() != month || civil.day() != day) {
    return "";
  }
  return absl::StrFormat("%04d-%02d-%02d", year, month, day);
}

std::string IsoMonth(int year, int month) {
  if (month < 1 || month > 12) return "";
  return absl::StrFormat("%04d-%02d", year, month);
}

// Closes a FILE unless it is stdin.
struct FileCloser {
  void operator()(FILE* file) const {
    if (file != stdin) std::fclose(file);
  }
};
using FilePtr = std::unique_ptr<FILE, FileCloser>;

absl::Status ErrnoStatus(const std::string& path, absl::string_view action,
                         int error) {
  std::string message = absl::StrCat(path, ": ", action, std::strerror(error));
  switch (error) {
    case ENOENT:
    case ENOTDIR:
      return absl::NotFoundError(message);
    case EACCES:
    case EPERM:
      return absl::PermissionDeniedError(message);
    default:
      return absl::UnavailableError(message);
  }
}

// Opens `path` for reading ("-" is stdin); refuses directories.
absl::StatusOr<FilePtr> OpenInput(const std::string& path) {
  if (path == "-") return FilePtr(stdin);
  struct stat info;
  if (stat(path.c_str(), &info) != 0) return ErrnoStatus(path, "", errno);
  if (S_ISDIR(info.st_mode)) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": is a directory"));
  }
  FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return ErrnoStatus(path, "cannot open: ", errno);
  return FilePtr(file);
}

absl::StatusOr<std::string> ReadAll(FILE* file, const std::string& path) {
  std::string content;
  char buffer[1 << 16];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof(buffer), file)) > 0) {
    content.append(buffer, n);
  }
  if (std::ferror(file)) return ErrnoStatus(path, "read error: ", errno);
  return content;
}

absl::Status WithPrefix(absl::string_view prefix, const absl::Status& status) {
  return absl::Status(status.code(),
                      absl::StrCat(prefix, ": ", status.message()));
}

// Sets *out from the optional string member `key`; a null or absent member
// leaves it alone.
absl::Status ReadStringMember(const JsonObject& object, absl::string_view key,
                              std::string* out) {
  const JsonValue* value = object.Find(key);
  if (value == nullptr || value->type == JsonValue::kNull) {
    return absl::OkStatus();
  }
  if (value->type != JsonValue::kString) {
    return absl::InvalidArgumentError(absl::StrCat(
        "\"", key, "\" is ", JsonTypeName(value->type), ", not a string"));
  }
  *out = value->text;
  return absl::OkStatus();
}

// Sets doc->date from a raw date, or files the raw value under metadata
// `key` when it does not parse.
void SetDate(absl::string_view key, absl::string_view raw, Document* doc) {
  std::string iso = NormalizeDate(raw);
  if (iso.empty()) {
    (*doc->mutable_metadata())[std::string(key)] = std::string(raw);
  } else {
    doc->set_date(iso);
  }
}

}  // namespace

absl::StatusOr<InputFormat> ParseInputFormat(absl::string_view name) {
  if (name == "text") return InputFormat::kText;
  if (name == "jsonl") return InputFormat::kJsonl;
  return absl::InvalidArgumentError(absl::StrCat(
      "unknown input format \"", name, "\" (expected text or jsonl)"));
}

absl::string_view InputFormatName(InputFormat format) {
  return format == InputFormat::kText ? "text" : "jsonl";
}

absl::Status CheckIsText(absl::string_view text) {
  if (text.size() > std::numeric_limits<uint32_t>::max()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "too large (", text.size(), " bytes; spans are 32-bit offsets)"));
  }
  absl::string_view head = text.substr(0, kSniffBytes);
  size_t nul = head.find('\0');
  if (nul != absl::string_view::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat("binary data (NUL byte at byte ", nul, ")"));
  }
  size_t control = std::count_if(head.begin(), head.end(), [](char c) {
    return IsControlByte(static_cast<unsigned char>(c));
  });
  if (control > kMaxControlShare * head.size()) {
    return absl::InvalidArgumentError(
        absl::StrFormat("binary data (%d of the first %d bytes are control "
                        "characters)",
                        control, head.size()));
  }
  size_t invalid = FindInvalidUtf8(text);
  if (invalid != absl::string_view::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid UTF-8 at byte ", invalid));
  }
  return absl::OkStatus();
}

std::string NormalizeDate(absl::string_view date) {
  // Year-month-day in digits, optionally followed by a time.
  static const LazyRE2 kNumeric = {
      R"((\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\S.*)?)"};
  static const LazyRE2 kYearMonth = {R"((\d{4})-(\d{1,2}))"};
  static const LazyRE2 kYear = {R"((\d{4}))"};
  // "April 2, 2024", "Tue, Apr. 2 2024", "April 2nd, 2024".
  static const LazyRE2 kMonthFirst = {
      R"((?:[A-Za-z]+,?\s+)?([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4}))"};
  // "2 April 2024", "Tuesday 2 Apr. 2024".
  static const LazyRE2 kDayFirst = {
      R"((?:[A-Za-z]+,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4}))"};
  static const LazyRE2 kMonthYear = {R"(([A-Za-z]+)\.?,?\s+(\d{4}))"};

  re2::StringPiece input = Piece(absl::StripAsciiWhitespace(date));
  int year, month, day;
  std::string month_name;
  if (RE2::FullMatch(input, *kNumeric, &year, &month, &day)) {
    return IsoDay(year, month, day);
  }
  if (RE2::FullMatch(input, *kYearMonth, &year, &month)) {
    return IsoMonth(year, month);
  }
  if (RE2::FullMatch(input, *kYear, &year)) return absl::StrCat(year);
  if (RE2::FullMatch(input, *kMonthFirst, &month_name, &day, &year) ||
      RE2::FullMatch(input, *kDayFirst, &day, &month_name, &year)) {
    month = MonthNumber(month_name);
    return month == 0 ? "" : IsoDay(year, month, day);
  }
  if (RE2::FullMatch(input, *kMonthYear, &month_name, &year)) {
    month = MonthNumber(month_name);
    return month == 0 ? "" : IsoMonth(year, month);
  }
  return "";
}

void ParseFrontMatter(absl::string_view text, Document* doc) {
  static const LazyRE2 kLine = {
      R"(# ([A-Za-z][A-Za-z0-9 _.()'/-]*):[ \t]*([^\r\n]*?)[ \t]*(?:\r?\n|\r|$))"};
  // "#   more of the value": an indented line continues the previous one.
  static const LazyRE2 kContinuation = {
      R"(#[ \t]{2,}([^\r\n]*?)[ \t]*(?:\r?\n|\r|$))"};
  // A URL at the start of a Source value, and its host.
  static const LazyRE2 kSourceUrl = {R"(^(https?://([^/\s?#]+)\S*))"};
  size_t start = absl::StartsWith(text, kUtf8Bom) ? kUtf8Bom.size() : 0;
  re2::StringPiece rest = Piece(text.substr(start));
  std::string key, value;
  std::string source_url;
  bool has_outlet = false, has_url = false;
  while (!rest.empty() && RE2::Consume(&rest, *kLine, &key, &value)) {
    std::string more;
    while (RE2::Consume(&rest, *kContinuation, &more)) {
      absl::StrAppend(&value, " ", more);
    }
    std::string lower = absl::AsciiStrToLower(key);
    if (lower == "title") {
      doc->set_title(value);
    } else if (lower == "date") {
      SetDate(key, value, doc);
    } else if (lower == "outlet") {
      doc->set_outlet(value);
      has_outlet = true;
    } else if (lower == "url") {
      doc->set_path(value);
      has_url = true;
    } else if (lower == "source") {
      std::string host;
      if (RE2::PartialMatch(Piece(value), *kSourceUrl, &source_url, &host)) {
        (*doc->mutable_metadata())[key] = value;
        if (!has_outlet) doc->set_outlet(host);
      } else {
        doc->set_outlet(value);
        has_outlet = true;
      }
    } else {
      (*doc->mutable_metadata())[key] = value;
    }
  }
  if (!source_url.empty() && !has_url) doc->set_path(source_url);
  size_t end = text.size() - rest.size();
  doc->set_body_begin(end == start ? 0 : static_cast<uint32_t>(end));
}

absl::StatusOr<InputDocument> ReadTextDocument(const std::string& path) {
  absl::StatusOr<FilePtr> file = OpenInput(path);
  if (!file.ok()) return file.status();
  absl::StatusOr<std::string> content = ReadAll(file->get(), path);
  if (!content.ok()) return content.status();
  absl::Status text_ok = CheckIsText(*content);
  if (!text_ok.ok()) return WithPrefix(path, text_ok);
  InputDocument input;
  input.text = *std::move(content);
  input.document.set_id(path);
  if (path != "-") input.document.set_path(path);
  ParseFrontMatter(input.text, &input.document);
  return input;
}

absl::StatusOr<InputDocument> ParseJsonlDocument(absl::string_view line) {
  absl::StatusOr<JsonObject> object = ParseJsonObject(line);
  if (!object.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("not a JSON object: ", object.status().message()));
  }
  InputDocument input;
  const JsonValue* text = object->Find("text");
  if (text == nullptr || text->type == JsonValue::kNull) {
    return absl::InvalidArgumentError("no \"text\" member");
  }
  absl::Status status = ReadStringMember(*object, "text", &input.text);
  if (!status.ok()) return status;
  status = CheckIsText(input.text);
  if (!status.ok()) return WithPrefix("\"text\"", status);

  Document& doc = input.document;
  const JsonValue* id = object->Find("id");
  if (id != nullptr && id->type != JsonValue::kNull) {
    if (id->type != JsonValue::kString && id->type != JsonValue::kNumber) {
      return absl::InvalidArgumentError(absl::StrCat(
          "\"id\" is ", JsonTypeName(id->type), ", not a string or number"));
    }
    doc.set_id(id->text);
  }
  std::string date;
  for (auto [key, field] : {std::make_pair("title", doc.mutable_title()),
                            std::make_pair("url", doc.mutable_path()),
                            std::make_pair("date", &date)}) {
    status = ReadStringMember(*object, key, field);
    if (!status.ok()) return status;
  }
  if (!date.empty()) SetDate("date", date, &doc);
  return input;
}

// A JSONL file being read line by line.
class DocumentReader::JsonlStream {
 public:
  JsonlStream(FilePtr file, std::string path)
      : file_(std::move(file)), path_(std::move(path)) {}
  ~JsonlStream() { std::free(line_); }

  // Like DocumentReader::Next, for this file only.
  bool Next(absl::StatusOr<InputDocument>* result) {
    while (!failed_) {
      errno = 0;
      ssize_t length = getline(&line_, &capacity_, file_.get());
      if (length < 0) {
        if (!std::ferror(file_.get())) return false;
        // A read error ends this file: report it once.
        *result = ErrnoStatus(path_, "read error: ", errno);
        failed_ = true;
        return true;
      }
      ++line_number_;
      absl::string_view line(line_, static_cast<size_t>(length));
      if (absl::StripAsciiWhitespace(line).empty()) continue;
      std::string location = absl::StrCat(path_, ":", line_number_);
      *result = ParseJsonlDocument(line);
      if (!result->ok()) {
        *result = WithPrefix(location, result->status());
        return true;
      }
      Document& doc = (*result)->document;
      if (doc.id().empty()) doc.set_id(location);
      if (doc.path().empty() && path_ != "-") doc.set_path(path_);
      return true;
    }
    return false;
  }

 private:
  FilePtr file_;
  std::string path_;
  char* line_ = nullptr;
  size_t capacity_ = 0;
  int64_t line_number_ = 0;
  bool failed_ = false;
};

DocumentReader::DocumentReader(std::vector<std::string> inputs, Options options)
    : options_(options), pending_(inputs.begin(), inputs.end()) {}

DocumentReader::~DocumentReader() = default;

absl::Status DocumentReader::ExpandDirectory(const std::string& path) {
  namespace fs = std::filesystem;
  const char* extension =
      options_.format == InputFormat::kText ? ".txt" : ".jsonl";
  std::vector<std::string> files;
  std::error_code error;
  fs::recursive_directory_iterator it(path, error), end;
  for (; !error && it != end; it.increment(error)) {
    std::string name = it->path().filename().string();
    if (absl::StartsWith(name, ".")) {
      if (it->is_directory(error)) it.disable_recursion_pending();
      continue;
    }
    if (absl::EndsWith(name, extension) && it->is_regular_file(error)) {
      files.push_back(it->path().string());
    }
  }
  if (error) {
    return absl::UnavailableError(
        absl::StrCat(path, ": cannot list directory: ", error.message()));
  }
  std::sort(files.begin(), files.end());
  pending_.insert(pending_.begin(), files.begin(), files.end());
  return absl::OkStatus();
}

bool DocumentReader::Next(absl::StatusOr<InputDocument>* result) {
  while (true) {
    if (jsonl_ != nullptr) {
      if (jsonl_->Next(result)) return true;
      jsonl_.reset();
    }
    if (pending_.empty()) return false;
    std::string path = std::move(pending_.front());
    pending_.pop_front();
    std::error_code error;
    if (options_.recurse_directories && path != "-" &&
        std::filesystem::is_directory(path, error)) {
      absl::Status listed = ExpandDirectory(path);
      if (listed.ok()) continue;
      *result = listed;
      return true;
    }
    if (options_.format == InputFormat::kText) {
      *result = ReadTextDocument(path);
      return true;
    }
    absl::StatusOr<FilePtr> file = OpenInput(path);
    if (!file.ok()) {
      *result = file.status();
      return true;
    }
    jsonl_ = std::make_unique<JsonlStream>(*std::move(file), path);
  }
}

}  // namespace claims
