#include "tools/progress.h"

#include <unistd.h>

#include <system_error>
#include <filesystem>

#include "absl/strings/str_format.h"

namespace claims::cli {
namespace {

constexpr auto kRedrawInterval = std::chrono::milliseconds(250);
constexpr double kMegabyte = 1e6;

}  // namespace

ProgressLine::ProgressLine(std::FILE* stream, uint64_t total_bytes)
    : stream_(stream),
      enabled_(stream != nullptr && isatty(fileno(stream))),
      total_bytes_(total_bytes),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

std::string ProgressLine::Format(int64_t documents, uint64_t bytes,
                                 uint64_t total_bytes, double seconds) {
  double megabytes_per_second =
      seconds > 0 ? static_cast<double>(bytes) / kMegabyte / seconds : 0;
  std::string line = absl::StrFormat(
      "claims: %d documents, %.1f MB, %.2f MB/s", documents,
      static_cast<double>(bytes) / kMegabyte, megabytes_per_second);
  if (total_bytes > bytes && megabytes_per_second > 0) {
    int64_t left = static_cast<int64_t>(static_cast<double>(total_bytes - bytes) /
                                        kMegabyte / megabytes_per_second);
    absl::StrAppendFormat(&line, ", ETA %d:%02d", left / 60, left % 60);
  }
  return line;
}

void ProgressLine::Add(int64_t documents, uint64_t bytes) {
  documents_ += documents;
  bytes_ += bytes;
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (now - last_draw_ < kRedrawInterval) return;
  last_draw_ = now;
  double seconds = std::chrono::duration<double>(now - start_).count();
  // \r and erase-to-end-of-line redraw in place.
  std::fprintf(stream_, "\r%s\x1b[K",
               Format(documents_, bytes_, total_bytes_, seconds).c_str());
  std::fflush(stream_);
}

void ProgressLine::Finish() {
  if (!enabled_) return;
  std::fprintf(stream_, "\r\x1b[K");
  std::fflush(stream_);
}

uint64_t TotalInputBytes(const std::vector<std::string>& paths) {
  uint64_t total = 0;
  for (const std::string& path : paths) {
    std::error_code error;
    if (path == "-" || !std::filesystem::is_regular_file(path, error)) continue;
    uint64_t size = std::filesystem::file_size(path, error);
    if (!error) total += size;
  }
  return total;
}

}  // namespace claims::cli
