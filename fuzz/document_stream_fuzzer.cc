// Reading claim output back over arbitrary bytes: DocumentStreamReader
// (claims/output.h) in each format, as a program that consumes `claims
// extract` output reads it. The last byte picks the format (0 jsonl, 1 json,
// 2 textproto, 3 binpb, modulo 4). Reading must end, with documents or
// errors, and never crash.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "claims/output.h"
#include "fuzzer/FuzzedDataProvider.h"
#include "google/protobuf/stubs/logging.h"

namespace {

constexpr size_t kMaxInputBytes = 64 * 1024;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  // Protobuf logs every string that is not UTF-8; the reader reports them too.
  google::protobuf::SetLogHandler(nullptr);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxInputBytes) return 0;
  FuzzedDataProvider provider(data, size);
  const claims::OutputFormat format = provider.PickValueInArray(
      {claims::OutputFormat::kJsonl, claims::OutputFormat::kJson,
       claims::OutputFormat::kTextproto, claims::OutputFormat::kBinpb});
  std::istringstream in(provider.ConsumeRemainingBytesAsString());
  claims::DocumentStreamReader reader(format, &in);
  absl::StatusOr<claims::Document> doc;
  // Each Next consumes input or ends the stream; more calls than bytes
  // means it is stuck.
  for (size_t calls = 0; reader.Next(&doc); ++calls) {
    if (calls > size + 1) __builtin_trap();
  }
  return 0;
}
