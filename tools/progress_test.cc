#include "tools/progress.h"

#include <cstdio>
#include <fstream>
#include <string>

#include "gtest/gtest.h"

namespace claims::cli {
namespace {

struct FormatCase {
  int64_t documents;
  uint64_t bytes;
  uint64_t total_bytes;
  double seconds;
  std::string expected;
};

TEST(ProgressLineTest, Formats) {
  const FormatCase cases[] = {
      {10, 2'000'000, 10'000'000, 4.0,
       "claims: 10 documents, 2.0 MB, 0.50 MB/s, ETA 0:16"},
      // Unknown total (standard input): no ETA.
      {3, 1'500'000, 0, 1.0, "claims: 3 documents, 1.5 MB, 1.50 MB/s"},
      // Past the total (text longer than its file said): no ETA.
      {1, 5'000'000, 4'000'000, 1.0, "claims: 1 documents, 5.0 MB, 5.00 MB/s"},
      // Nothing timed yet: no rate, no ETA.
      {0, 0, 1'000'000, 0.0, "claims: 0 documents, 0.0 MB, 0.00 MB/s"},
      {100, 1'000'000, 121'000'000, 1.0,
       "claims: 100 documents, 1.0 MB, 1.00 MB/s, ETA 2:00"},
  };
  for (const FormatCase& c : cases) {
    EXPECT_EQ(ProgressLine::Format(c.documents, c.bytes, c.total_bytes,
                                   c.seconds),
              c.expected);
  }
}

TEST(ProgressLineTest, SilentWhenNotATerminal) {
  std::FILE* file = std::tmpfile();
  ASSERT_NE(file, nullptr);
  ProgressLine progress(file, 1000);
  for (int i = 0; i < 100; ++i) progress.Add(1, 10);
  progress.Finish();
  EXPECT_EQ(std::ftell(file), 0);
  std::fclose(file);
}

TEST(ProgressLineTest, TotalInputBytesCountsRegularFilesOnly) {
  std::string path = ::testing::TempDir() + "/progress_test_input.txt";
  std::ofstream(path) << "12345";
  EXPECT_EQ(TotalInputBytes({path, path, "-", ::testing::TempDir()}), 10u);
}

}  // namespace
}  // namespace claims::cli
