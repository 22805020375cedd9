// InOrderPool: runs one job over a stream of documents on several threads
// and hands the documents back in the order they came in.
//
//   InOrderPool pool(/*threads=*/2, /*window=*/256,
//                    [&](InputDocument& input) { Extract(input); });
//   for (...) RETURN_IF_ERROR(pool.Add(std::move(input), write));
//   RETURN_IF_ERROR(pool.Finish(write));
//
// A thread that finishes a document takes the next one at once: a long
// document holds up the output behind it, not the other threads, as long as
// fewer than `window` documents are waiting behind it. Add and Finish are
// called from one thread, the caller's, which also runs `done` on each
// document in input order, so writing overlaps the work on later documents.
//
// | option  | meaning                                                  |
// |---------|----------------------------------------------------------|
// | threads | worker threads; 1 runs the job in Add, with no thread    |
// | window  | documents held at most: queued, in work or not yet done  |
//
// Memory stays flat: at most `window` documents are held at a time.
#ifndef CLAIMS_TOOLS_IN_ORDER_POOL_H_
#define CLAIMS_TOOLS_IN_ORDER_POOL_H_

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "claims/document_io.h"

namespace claims::cli {

class InOrderPool {
 public:
  using Job = std::function<void(InputDocument&)>;
  using Done = std::function<absl::Status(InputDocument&)>;

  // `threads` and `window` are at least 1.
  InOrderPool(int threads, size_t window, Job job);
  // Drops the documents no thread has taken and waits for the others.
  ~InOrderPool();

  InOrderPool(const InOrderPool&) = delete;
  InOrderPool& operator=(const InOrderPool&) = delete;

  // Queues `input`, then passes every document finished so far to `done`, in
  // input order, waiting for the oldest while `window` are held. Returns the
  // first error of `done`; the pool is then to be destroyed.
  absl::Status Add(InputDocument input, const Done& done);

  // Waits for every queued document and passes each to `done`, in order.
  absl::Status Finish(const Done& done);

 private:
  struct Slot {
    InputDocument input;
    bool finished = false;
  };

  void WorkerLoop();
  // Hands back finished documents from the front until at most `keep` are
  // held and the oldest is not finished.
  absl::Status HandBack(size_t keep, const Done& done);

  const size_t window_;
  const Job job_;
  std::mutex mutex_;
  std::condition_variable slot_queued_;    // a worker may take a slot
  std::condition_variable slot_finished_;  // the caller may hand one back
  // Held documents, oldest first. A worker keeps a reference to the slot it
  // works on: a deque keeps those valid while the ends change.
  std::deque<Slot> slots_;
  size_t taken_ = 0;  // slots_[0, taken_) are taken by a worker or finished
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace claims::cli

#endif  // CLAIMS_TOOLS_IN_ORDER_POOL_H_
