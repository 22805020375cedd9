#include "tools/in_order_pool.h"

#include <utility>

namespace claims::cli {

InOrderPool::InOrderPool(int threads, size_t window, Job job)
    : window_(window), job_(std::move(job)) {
  if (threads <= 1) return;
  for (int t = 0; t < threads; ++t) workers_.emplace_back([this] { WorkerLoop(); });
}

InOrderPool::~InOrderPool() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
    slots_.resize(taken_);
  }
  slot_queued_.notify_all();
  for (std::thread& worker : workers_) worker.join();
}

void InOrderPool::WorkerLoop() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    slot_queued_.wait(lock, [this] { return stopping_ || taken_ < slots_.size(); });
    if (taken_ == slots_.size()) return;
    Slot& slot = slots_[taken_++];
    lock.unlock();
    job_(slot.input);
    lock.lock();
    slot.finished = true;
    // The caller waits for the oldest document only.
    if (&slot == &slots_.front()) slot_finished_.notify_one();
  }
}

absl::Status InOrderPool::Add(InputDocument input, const Done& done) {
  if (workers_.empty()) {
    job_(input);
    return done(input);
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    slots_.push_back({std::move(input)});
  }
  slot_queued_.notify_one();
  return HandBack(window_, done);
}

absl::Status InOrderPool::Finish(const Done& done) {
  return workers_.empty() ? absl::OkStatus() : HandBack(0, done);
}

absl::Status InOrderPool::HandBack(size_t keep, const Done& done) {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!slots_.empty()) {
    if (!slots_.front().finished) {
      if (slots_.size() <= keep) break;
      slot_finished_.wait(lock, [this] { return slots_.front().finished; });
    }
    InputDocument input = std::move(slots_.front().input);
    slots_.pop_front();
    --taken_;
    lock.unlock();
    absl::Status status = done(input);
    if (!status.ok()) return status;
    lock.lock();
  }
  return absl::OkStatus();
}

}  // namespace claims::cli
