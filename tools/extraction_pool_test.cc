#include "tools/extraction_pool.h"

#include <string>
#include <vector>

#include "claims/test_rules.h"
#include "gtest/gtest.h"

namespace claims::cli {
namespace {

InputDocument Article(int i) {
  InputDocument input;
  input.document.set_id("d" + std::to_string(i));
  input.text = "The mayor said " + std::to_string(i) +
               " ships docked.\n\nAna Ruiz said the port is " +
               std::string(i % 5, 'x') + " open.";
  return input;
}

// What Extract gives `input` alone, serialized.
std::string AloneSerialized(const Extractor& extractor, InputDocument input) {
  extractor.Extract(input.text, &input.document);
  return input.document.SerializeAsString();
}

class ExtractionPoolTest : public testing::TestWithParam<int> {};

TEST_P(ExtractionPoolTest, EachDocumentAsAloneInInputOrder) {
  const Extractor extractor(EngineTestRules());
  constexpr int kDocuments = 3 * kBatchDocuments + 5;
  std::vector<std::string> handed_back;
  {
    ExtractionPool<std::string> pool(
        extractor, GetParam(), [](InputDocument& input) {
          return input.document.SerializeAsString();
        });
    auto done = [&](std::string& serialized) {
      handed_back.push_back(serialized);
      return absl::OkStatus();
    };
    for (int i = 0; i < kDocuments; ++i) {
      ASSERT_TRUE(pool.Add(Article(i), done).ok());
    }
    ASSERT_TRUE(pool.Finish(done).ok());
  }
  ASSERT_EQ(handed_back.size(), static_cast<size_t>(kDocuments));
  for (int i = 0; i < kDocuments; ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(handed_back[i], AloneSerialized(extractor, Article(i)));
  }
}

TEST_P(ExtractionPoolTest, ALongDocumentClosesItsBatch) {
  const Extractor extractor(EngineTestRules());
  int extracted = 0;
  ExtractionPool<int> pool(extractor, GetParam(),
                           [](InputDocument&) { return 1; });
  auto done = [&](int& one) {
    extracted += one;
    return absl::OkStatus();
  };
  InputDocument long_document;
  long_document.text = std::string(kBatchBytes, 'a');
  ASSERT_TRUE(pool.Add(Article(0), done).ok());
  ASSERT_TRUE(pool.Add(std::move(long_document), done).ok());
  // Both are on their way without Finish: the batch closed at its bytes.
  ASSERT_TRUE(pool.Add(Article(1), done).ok());
  if (GetParam() == 1) {
    EXPECT_EQ(extracted, 2);
  }
  ASSERT_TRUE(pool.Finish(done).ok());
  EXPECT_EQ(extracted, 3);
}

TEST_P(ExtractionPoolTest, AnErrorOfDoneStopsTheHandingBack) {
  const Extractor extractor(EngineTestRules());
  ExtractionPool<int> pool(extractor, GetParam(),
                           [](InputDocument&) { return 1; });
  int handed_back = 0;
  auto done = [&](int&) {
    return ++handed_back == 3 ? absl::UnavailableError("disk full")
                              : absl::OkStatus();
  };
  absl::Status status;
  for (size_t i = 0; i < 2 * kBatchDocuments && status.ok(); ++i) {
    status = pool.Add(Article(static_cast<int>(i)), done);
  }
  if (status.ok()) status = pool.Finish(done);
  EXPECT_EQ(status.message(), "disk full");
  EXPECT_EQ(handed_back, 3);
}

INSTANTIATE_TEST_SUITE_P(Threads, ExtractionPoolTest, testing::Values(1, 2));

}  // namespace
}  // namespace claims::cli
