// InOrderPool: runs one job over a stream of items (documents) on several
// threads and hands the items back in the order they came in.
//
//   InOrderPool<Extraction> pool(/*threads=*/2, /*window=*/256,
//                                [&](Extraction& item) { Extract(item); });
//   for (...) RETURN_IF_ERROR(pool.Add(std::move(item), write));
//   RETURN_IF_ERROR(pool.Finish(write));
//
// A thread that finishes an item takes the next one at once: a long document
// holds up the output behind it, not the other threads, as long as fewer than
// `window` items are waiting behind it. Add and Finish are called from one
// thread, the caller's, which also runs `done` on each item in input order,
// so writing overlaps the work on later items. Whatever can be done out of
// order belongs in the job, which runs in parallel; `done` runs on one thread.
//
// | option  | meaning                                                  |
// |---------|----------------------------------------------------------|
// | threads | worker threads; 1 runs the job in Add, with no thread    |
// | window  | items held at most: queued, in work or not yet done      |
//
// Memory stays flat: at most `window` items are held at a time.
#ifndef CLAIMS_TOOLS_IN_ORDER_POOL_H_
#define CLAIMS_TOOLS_IN_ORDER_POOL_H_

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/status.h"

namespace claims::cli {

template <typename Item>
class InOrderPool {
 public:
  using Job = std::function<void(Item&)>;
  using Done = std::function<absl::Status(Item&)>;

  // `threads` and `window` are at least 1.
  InOrderPool(int threads, size_t window, Job job)
      : window_(window), job_(std::move(job)) {
    if (threads <= 1) return;
    for (int t = 0; t < threads; ++t) {
      workers_.emplace_back([this] { WorkerLoop(); });
    }
  }

  // Drops the items no thread has taken and waits for the others.
  ~InOrderPool() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
      slots_.resize(taken_);
    }
    slot_queued_.notify_all();
    for (std::thread& worker : workers_) worker.join();
  }

  InOrderPool(const InOrderPool&) = delete;
  InOrderPool& operator=(const InOrderPool&) = delete;

  // Queues `item`, then passes every item finished so far to `done`, in
  // input order, waiting for the oldest while `window` are held. Returns the
  // first error of `done`; the pool is then to be destroyed.
  absl::Status Add(Item item, const Done& done) {
    if (workers_.empty()) {
      job_(item);
      return done(item);
    }
    {
      std::lock_guard<std::mutex> lock(mutex_);
      slots_.push_back({std::move(item)});
    }
    slot_queued_.notify_one();
    return HandBack(window_, done);
  }

  // Waits for every queued item and passes each to `done`, in order.
  absl::Status Finish(const Done& done) {
    return workers_.empty() ? absl::OkStatus() : HandBack(0, done);
  }

 private:
  struct Slot {
    Item item;
    bool finished = false;
  };

  void WorkerLoop() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (true) {
      slot_queued_.wait(lock,
                        [this] { return stopping_ || taken_ < slots_.size(); });
      if (taken_ == slots_.size()) return;
      Slot& slot = slots_[taken_++];
      lock.unlock();
      job_(slot.item);
      lock.lock();
      slot.finished = true;
      // The caller waits for the oldest item only.
      if (&slot == &slots_.front()) slot_finished_.notify_one();
    }
  }

  // Hands back finished items from the front until at most `keep` are held
  // and the oldest is not finished.
  absl::Status HandBack(size_t keep, const Done& done) {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!slots_.empty()) {
      if (!slots_.front().finished) {
        if (slots_.size() <= keep) break;
        slot_finished_.wait(lock, [this] { return slots_.front().finished; });
      }
      Item item = std::move(slots_.front().item);
      slots_.pop_front();
      --taken_;
      lock.unlock();
      absl::Status status = done(item);
      if (!status.ok()) return status;
      lock.lock();
    }
    return absl::OkStatus();
  }

  const size_t window_;
  const Job job_;
  std::mutex mutex_;
  std::condition_variable slot_queued_;    // a worker may take a slot
  std::condition_variable slot_finished_;  // the caller may hand one back
  // Held items, oldest first. A worker keeps a reference to the slot it works
  // on: a deque keeps those valid while the ends change.
  std::deque<Slot> slots_;
  size_t taken_ = 0;  // slots_[0, taken_) are taken by a worker or finished
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace claims::cli

#endif  // CLAIMS_TOOLS_IN_ORDER_POOL_H_
