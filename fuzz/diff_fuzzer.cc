// `claims diff` and `claims check` over arbitrary documents: two texts, and
// for the first one a Document in the proto3 JSON mapping whose claims may
// point anywhere (spans past the text, body_begin past the end, figures with
// any values). Differ::Diff and Checker::Check must return a report whatever
// the Documents say, without reading outside the texts, and the summary and
// HTML views must render it.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "claims/check.h"
#include "claims/diff.h"
#include "claims/report_view.h"
#include "claims/test_rules.h"
#include "fuzzer/FuzzedDataProvider.h"
#include "google/protobuf/util/json_util.h"

namespace {

constexpr size_t kMaxInputBytes = 16 * 1024;
constexpr size_t kMaxTextBytes = 4096;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxInputBytes) return 0;
  static const claims::Differ* const differ =
      new claims::Differ(claims::BuiltinRules(), claims::DiffOptions());
  static const claims::Checker* const checker = new claims::Checker(
      claims::BuiltinRules(), claims::DiffOptions(), claims::CheckOptions());
  FuzzedDataProvider provider(data, size);
  std::vector<claims::DiffInput> inputs(2);
  inputs[0].text = provider.ConsumeRandomLengthString(kMaxTextBytes);
  inputs[1].text = provider.ConsumeRandomLengthString(kMaxTextBytes);
  const std::string json = provider.ConsumeRemainingBytesAsString();
  // A Document that does not parse stays empty: the texts are still compared.
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = true;
  if (!google::protobuf::util::JsonStringToMessage(json, &inputs[0].document,
                                                   options)
           .ok()) {
    inputs[0].document.Clear();
  }
  const claims::DiffReport diff = differ->Diff(inputs);
  claims::DiffSummary(diff, /*color=*/true);
  claims::DiffHtml(diff);
  const claims::CheckReport check = checker->Check(inputs[0], {inputs[1]});
  claims::CheckSummary(check, /*color=*/true);
  claims::CheckHtml(check);
  return 0;
}
