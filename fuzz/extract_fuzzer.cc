// Extraction over arbitrary bytes: the built-in rule packs on any text, with
// any body_begin and a few document dates. Every span must stay inside the
// text (claims/test_spans.h).
//
// Input: the document text, then an options byte (date, and whether the two
// bytes before it give body_begin). FuzzedDataProvider takes such values from
// the end, so a plain-text seed stays readable.
#include <cstddef>
#include <cstdint>
#include <string>

#include "claims/extractor.h"
#include "claims/test_rules.h"
#include "fuzz/abort_on_span_problems.h"
#include "fuzzer/FuzzedDataProvider.h"

namespace {

// Extraction is linear in the text at best; longer inputs only slow the
// search down without reaching new code.
constexpr size_t kMaxInputBytes = 16 * 1024;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxInputBytes) return 0;
  static const claims::Extractor* const extractor =
      new claims::Extractor(claims::BuiltinRules());
  FuzzedDataProvider provider(data, size);
  const uint8_t options = provider.ConsumeIntegral<uint8_t>();
  static constexpr const char* kDates[] = {"", "2024-04-02", "2024-04",
                                           "1999"};
  claims::Document doc;
  doc.set_date(kDates[options & 3]);
  const bool has_body_begin = (options & 4) != 0;
  const uint16_t body_begin =
      has_body_begin ? provider.ConsumeIntegral<uint16_t>() : 0;
  doc.set_body_begin(body_begin);
  const std::string text = provider.ConsumeRemainingBytesAsString();
  extractor->Extract(text, &doc);
  if (doc.text_length() != text.size()) __builtin_trap();
  claims::AbortOnSpanProblems(doc, text);
  return 0;
}
