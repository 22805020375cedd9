// PatternPool: one compiled RE2 per distinct pattern and budget, shared by
// every rule that uses it.
//
//   claims::PatternPool pool(options);
//   std::shared_ptr<const RE2> a = pool.Compile("(?i)said|says", 4 << 20);
//   std::shared_ptr<const RE2> b = pool.Compile("(?i)said|says", 4 << 20);
//   // a == b: one program and one lazy DFA, whose states are built once.
//   if (!a->ok()) { /* a->error() says why */ }
//
// Rules are written from shared macros, so different rules often compile the
// same text: in the built-in packs thirteen ATTRIBUTION rules have the same
// speaker phrase before their cue (CueSplit::head). Every RE2 object builds
// its own DFA states as it meets new text and keeps them in its own cache;
// thirteen copies build the same states thirteen times and keep thirteen
// caches, which also crowd each other out of the processor's caches.
//
// Compile never fails: a pattern that does not compile is pooled like any
// other, and the caller checks ok(). It is thread-safe: rules compile on
// several threads at load and cue splits compile at first use, and a pattern
// asked for by two threads at once is compiled once. An RE2 is safe to match
// from several threads.
#ifndef CLAIMS_PATTERN_POOL_H_
#define CLAIMS_PATTERN_POOL_H_

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "re2/re2.h"

namespace claims {

class PatternPool {
 public:
  // Every pattern is compiled with `options`, its max_mem replaced by the
  // budget asked for.
  explicit PatternPool(const RE2::Options& options);
  PatternPool(const PatternPool&) = delete;
  PatternPool& operator=(const PatternPool&) = delete;

  // `pattern` compiled with `max_mem` bytes; the same object for every call
  // with an equal pattern and budget.
  std::shared_ptr<const RE2> Compile(absl::string_view pattern,
                                     int64_t max_mem);
  // Distinct (pattern, budget) pairs asked for so far.
  size_t size() const;

 private:
  struct Entry {
    std::once_flag compiled;
    std::shared_ptr<const RE2> re;
  };

  const RE2::Options options_;
  mutable absl::Mutex mutex_;
  absl::flat_hash_map<std::pair<std::string, int64_t>, std::shared_ptr<Entry>>
      entries_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace claims

#endif  // CLAIMS_PATTERN_POOL_H_
