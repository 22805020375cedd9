#include "claims/pattern_pool.h"

namespace claims {

PatternPool::PatternPool(const RE2::Options& options) : options_(options) {}

std::shared_ptr<const RE2> PatternPool::Compile(absl::string_view pattern,
                                                int64_t max_mem) {
  std::shared_ptr<Entry> entry;
  {
    absl::MutexLock lock(&mutex_);
    std::shared_ptr<Entry>& slot =
        entries_[std::make_pair(std::string(pattern), max_mem)];
    if (slot == nullptr) slot = std::make_shared<Entry>();
    entry = slot;
  }
  // Compiled outside the lock, so that other patterns compile meanwhile.
  std::call_once(entry->compiled, [&] {
    RE2::Options options = options_;
    options.set_max_mem(max_mem);
    entry->re = std::make_shared<const RE2>(
        re2::StringPiece(pattern.data(), pattern.size()), options);
  });
  return entry->re;
}

size_t PatternPool::size() const {
  absl::MutexLock lock(&mutex_);
  return entries_.size();
}

}  // namespace claims
