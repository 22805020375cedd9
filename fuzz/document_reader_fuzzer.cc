// Reading inputs over arbitrary bytes: the same file read as JSONL and as a
// text article through DocumentReader (claims/document_io.h). Every document
// that comes back must be valid text with its body inside it; every error must
// name the file.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "claims/document_io.h"

namespace {

constexpr size_t kMaxInputBytes = 64 * 1024;

// A file of this process's own, rewritten for every input.
const std::string& InputPath() {
  static const std::string* const path = new std::string(
      "/tmp/claims_document_reader_fuzzer_" + std::to_string(getpid()));
  return *path;
}

void ReadAll(claims::InputFormat format) {
  claims::DocumentReader reader({InputPath()}, {format, false});
  absl::StatusOr<claims::InputDocument> input;
  while (reader.Next(&input)) {
    if (!input.ok()) {
      if (input.status().message().rfind(InputPath(), 0) != 0) {
        __builtin_trap();
      }
      continue;
    }
    if (!claims::CheckIsText(input->text).ok() ||
        input->document.body_begin() > input->text.size() ||
        input->document.id().empty()) {
      __builtin_trap();
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxInputBytes) return 0;
  FILE* file = std::fopen(InputPath().c_str(), "wb");
  if (file == nullptr) __builtin_trap();
  if (size > 0 && std::fwrite(data, 1, size, file) != size) __builtin_trap();
  std::fclose(file);
  ReadAll(claims::InputFormat::kJsonl);
  ReadAll(claims::InputFormat::kText);
  return 0;
}
