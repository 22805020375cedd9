// ProgressLine: a one-line progress report on a terminal, e.g.
//
//   claims: 1200 documents, 5.3 MB, 0.61 MB/s, ETA 0:25
//
// Typical use:
//
//   ProgressLine progress(stderr, TotalInputBytes(paths));
//   for (...) { ...; progress.Add(1, bytes_read); }
//   progress.Finish();
//
// It draws only when the stream is a terminal (isatty), at most a few times a
// second, and erases itself in Finish(); otherwise every call does nothing, so
// logs and pipes stay clean. The ETA needs the total: with total_bytes == 0
// (standard input, unknown size) it is left out.
#ifndef CLAIMS_TOOLS_PROGRESS_H_
#define CLAIMS_TOOLS_PROGRESS_H_

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace claims::cli {

class ProgressLine {
 public:
  ProgressLine(std::FILE* stream, uint64_t total_bytes);
  // Counts `documents` more documents and `bytes` more input bytes.
  void Add(int64_t documents, uint64_t bytes);
  // Erases the line.
  void Finish();

  // The text of the line for the given counts, without drawing it.
  static std::string Format(int64_t documents, uint64_t bytes,
                            uint64_t total_bytes, double seconds);

 private:
  std::FILE* stream_;
  bool enabled_;
  uint64_t total_bytes_;
  int64_t documents_ = 0;
  uint64_t bytes_ = 0;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

// The summed size of the regular files among `paths` ("-" and anything that
// is not a regular file count 0).
uint64_t TotalInputBytes(const std::vector<std::string>& paths);

}  // namespace claims::cli

#endif  // CLAIMS_TOOLS_PROGRESS_H_
