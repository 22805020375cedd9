// ExtractionPool: extracts a stream of documents in batches on several
// threads and hands what became of each back in input order.
//
//   ExtractionPool<Encoded> pool(extractor, /*threads=*/2,
//       [&](InputDocument& input) { return Encode(input.document); });
//   for (...) RETURN_IF_ERROR(pool.Add(std::move(input), write));
//   RETURN_IF_ERROR(pool.Finish(write));  // write(Encoded&), in input order
//
// Documents go to Extractor::ExtractAll a batch at a time, each stage across
// the batch at once (faster than one document at a time: see extractor.h).
// After extraction a worker thread turns each document into a Result with
// `after` (encode it, audit it), so that work runs in parallel too and the
// document's text and claims are freed there; `done` then runs on the
// caller's thread, once per document, in input order.
//
// | option   | meaning                                                   |
// |----------|-----------------------------------------------------------|
// | threads  | worker threads; 1 extracts in Add and Finish, no thread   |
// | profile  | when not null, every batch's rule searches are timed into |
// |          | it (RuleProfile)                                          |
//
// Memory stays flat: at most kBatchesInFlight batches are held at a time.
#ifndef CLAIMS_TOOLS_EXTRACTION_POOL_H_
#define CLAIMS_TOOLS_EXTRACTION_POOL_H_

#include <cstddef>
#include <functional>
#include <optional>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "claims/document_io.h"
#include "claims/extractor.h"
#include "claims/rule_profile.h"
#include "tools/in_order_pool.h"

namespace claims::cli {

// A batch is closed at this many documents or bytes of text. Over the
// Kremlin corpus 32 articles a batch were about 7% faster than one at a
// time (8: no faster than 32, 128: no faster either), and the byte bound
// keeps a batch of long documents from holding up the rest.
inline constexpr size_t kBatchDocuments = 32;
inline constexpr size_t kBatchBytes = 256 << 10;

// Batches held at once: read ahead, in extraction or waiting to be handed
// back (256 documents when they are full). Enough that a long document does
// not leave the other threads idle, few enough that memory stays flat. The
// threads share one Extractor, and so its rules and their DFA caches: on two
// cores that was faster and smaller than a copy of the rules per thread
// (whole corpus: 5.9 s and 168 MB against 6.7 s and 288 MB).
inline constexpr size_t kBatchesInFlight = 8;

template <typename Result>
class ExtractionPool {
 public:
  using After = std::function<Result(InputDocument&)>;
  using Done = std::function<absl::Status(Result&)>;

  // `extractor` and `profile` must outlive the pool; `threads` is at least 1.
  ExtractionPool(const Extractor& extractor, int threads, After after,
                 RuleProfile* profile = nullptr)
      : pool_(threads, kBatchesInFlight,
              [&extractor, after = std::move(after), profile](Batch& batch) {
                Extract(extractor, after, profile, batch);
              }) {}

  // Queues `input`, and passes every document finished so far to `done`, in
  // input order. Returns the first error of `done`; the pool is then to be
  // destroyed.
  absl::Status Add(InputDocument input, const Done& done) {
    filling_.text_bytes += input.text.size();
    filling_.inputs.push_back(std::move(input));
    if (filling_.inputs.size() < kBatchDocuments &&
        filling_.text_bytes < kBatchBytes) {
      return absl::OkStatus();
    }
    return pool_.Add(std::exchange(filling_, Batch()), HandBack(done));
  }

  // Extracts what is queued and passes every document left to `done`.
  absl::Status Finish(const Done& done) {
    if (!filling_.inputs.empty()) {
      absl::Status added =
          pool_.Add(std::exchange(filling_, Batch()), HandBack(done));
      if (!added.ok()) return added;
    }
    return pool_.Finish(HandBack(done));
  }

 private:
  struct Batch {
    std::vector<InputDocument> inputs;
    size_t text_bytes = 0;  // of inputs, while the batch fills
    std::vector<Result> results;
  };

  static void Extract(const Extractor& extractor, const After& after,
                      RuleProfile* profile, Batch& batch) {
    std::vector<absl::string_view> texts;
    std::vector<Document*> documents;
    for (InputDocument& input : batch.inputs) {
      texts.push_back(input.text);
      documents.push_back(&input.document);
    }
    {
      std::optional<RuleProfile::Recording> recording;
      if (profile != nullptr) recording.emplace(profile);
      extractor.ExtractAll(texts, documents);
    }
    batch.results.reserve(batch.inputs.size());
    for (InputDocument& input : batch.inputs) {
      batch.results.push_back(after(input));
    }
    batch.inputs = std::vector<InputDocument>();
  }

  static std::function<absl::Status(Batch&)> HandBack(const Done& done) {
    return [&done](Batch& batch) {
      for (Result& result : batch.results) {
        absl::Status status = done(result);
        if (!status.ok()) return status;
      }
      return absl::OkStatus();
    };
  }

  InOrderPool<Batch> pool_;
  Batch filling_;
};

}  // namespace claims::cli

#endif  // CLAIMS_TOOLS_EXTRACTION_POOL_H_
