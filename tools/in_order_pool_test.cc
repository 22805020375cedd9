#include "tools/in_order_pool.h"

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "claims/document_io.h"
#include "gtest/gtest.h"

namespace claims::cli {
namespace {

InputDocument Numbered(int i) {
  InputDocument input;
  input.text = std::to_string(i);
  return input;
}

// A job whose documents take very different times, so that later documents
// finish before earlier ones whenever there is more than one thread.
void UnevenJob(InputDocument& input) {
  int i = std::stoi(input.text);
  std::this_thread::sleep_for(std::chrono::microseconds((i * 7919) % 13 * 50));
  input.document.set_id("done " + input.text);
}

struct PoolCase {
  int threads;
  size_t window;
};

class InOrderPoolTest : public testing::TestWithParam<PoolCase> {};

TEST_P(InOrderPoolTest, HandsBackEveryDocumentOnceInInputOrder) {
  constexpr int kDocuments = 500;
  std::vector<std::string> handed_back;
  int added = 0;
  size_t most_held = 0;
  auto done = [&](InputDocument& input) {
    handed_back.push_back(input.document.id());
    return absl::OkStatus();
  };
  {
    InOrderPool<InputDocument> pool(GetParam().threads, GetParam().window,
                                    UnevenJob);
    for (int i = 0; i < kDocuments; ++i) {
      ASSERT_TRUE(pool.Add(Numbered(i), done).ok());
      ++added;
      most_held = std::max(most_held, added - handed_back.size());
    }
    ASSERT_TRUE(pool.Finish(done).ok());
  }
  ASSERT_EQ(handed_back.size(), static_cast<size_t>(kDocuments));
  for (int i = 0; i < kDocuments; ++i) {
    EXPECT_EQ(handed_back[i], "done " + std::to_string(i));
  }
  EXPECT_LE(most_held, GetParam().window);
}

INSTANTIATE_TEST_SUITE_P(Cases, InOrderPoolTest,
                         testing::Values(PoolCase{1, 1}, PoolCase{1, 8},
                                         PoolCase{2, 1}, PoolCase{2, 16},
                                         PoolCase{4, 7}, PoolCase{8, 256}));

TEST(InOrderPoolTest, StopsAtTheFirstErrorOfDone) {
  std::atomic<int> jobs{0};
  int handed_back = 0;
  auto done = [&](InputDocument&) {
    return ++handed_back == 3 ? absl::DataLossError("disk full")
                              : absl::OkStatus();
  };
  absl::Status status;
  {
    InOrderPool<InputDocument> pool(2, 4, [&](InputDocument& input) {
      ++jobs;
      UnevenJob(input);
    });
    for (int i = 0; i < 100 && status.ok(); ++i) {
      status = pool.Add(Numbered(i), done);
    }
  }
  EXPECT_EQ(status, absl::DataLossError("disk full"));
  EXPECT_EQ(handed_back, 3);
  // What was queued when the error came may still run, but no more.
  EXPECT_LE(jobs.load(), 3 + 4 + 1);
}

TEST(InOrderPoolTest, FinishWithNothingAddedHandsBackNothing) {
  for (int threads : {1, 3}) {
    InOrderPool<InputDocument> pool(threads, 4, UnevenJob);
    int handed_back = 0;
    EXPECT_TRUE(pool.Finish([&](InputDocument&) {
                      ++handed_back;
                      return absl::OkStatus();
                    }).ok());
    EXPECT_EQ(handed_back, 0);
  }
}

}  // namespace
}  // namespace claims::cli
