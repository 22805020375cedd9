#include "claims/test_spans.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "claims/document_io.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace claims {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

struct SpanChecker {
  absl::string_view text;
  // When false, offsets may fall inside byte sequences that are not UTF-8.
  bool valid_utf8;
  std::vector<std::string> problems;

  bool IsContinuationByte(size_t offset) const {
    return offset < text.size() &&
           (static_cast<unsigned char>(text[offset]) & 0xC0) == 0x80;
  }

  void Report(absl::string_view path, const Span& span,
              absl::string_view what) {
    problems.push_back(absl::StrCat(path, ": [", span.begin(), ", ",
                                    span.end(), ") in ", text.size(),
                                    " bytes", what));
  }

  void CheckSpan(absl::string_view path, const Span& span) {
    if (span.begin() > span.end() || span.end() > text.size()) {
      Report(path, span, "");
    } else if (valid_utf8 && (IsContinuationByte(span.begin()) ||
                              IsContinuationByte(span.end()))) {
      Report(path, span, " cuts a UTF-8 character");
    }
  }

  void CheckMessage(const Message& message, const std::string& path) {
    if (message.GetDescriptor() == Span::descriptor()) {
      CheckSpan(path, static_cast<const Span&>(message));
      return;
    }
    const Reflection* reflection = message.GetReflection();
    std::vector<const FieldDescriptor*> fields;
    reflection->ListFields(message, &fields);
    for (const FieldDescriptor* field : fields) {
      if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) continue;
      const std::string field_path =
          path.empty() ? field->name() : absl::StrCat(path, ".", field->name());
      if (!field->is_repeated()) {
        CheckMessage(reflection->GetMessage(message, field), field_path);
        continue;
      }
      for (int i = 0; i < reflection->FieldSize(message, field); ++i) {
        CheckMessage(reflection->GetRepeatedMessage(message, field, i),
                     absl::StrCat(field_path, "[", i, "]"));
      }
    }
  }
};

}  // namespace

std::vector<std::string> SpanProblems(const Document& doc,
                                      absl::string_view text) {
  SpanChecker checker{text, CheckIsText(text).ok(), {}};
  checker.CheckMessage(doc, "");
  const size_t body = std::min<size_t>(doc.body_begin(), text.size());
  for (int i = 0; i < doc.claims_size(); ++i) {
    if (doc.claims(i).span().begin() < body) {
      checker.Report(absl::StrCat("claims[", i, "].span"),
                     doc.claims(i).span(),
                     absl::StrCat(" starts before body_begin ", body));
    }
  }
  return std::move(checker.problems);
}

}  // namespace claims
