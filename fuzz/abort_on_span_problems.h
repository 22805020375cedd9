// For fuzzers: a broken span invariant (claims/test_spans.h) is a crash, so
// libFuzzer keeps the input that caused it.
#ifndef CLAIMS_FUZZ_ABORT_ON_SPAN_PROBLEMS_H_
#define CLAIMS_FUZZ_ABORT_ON_SPAN_PROBLEMS_H_

#include <cstdio>
#include <cstdlib>
#include <string>

#include "claims/test_spans.h"

namespace claims {

inline void AbortOnSpanProblems(const Document& doc, absl::string_view text) {
  std::vector<std::string> problems = SpanProblems(doc, text);
  if (problems.empty()) return;
  for (const std::string& problem : problems) {
    std::fprintf(stderr, "span invariant broken: %s\n", problem.c_str());
  }
  std::abort();
}

}  // namespace claims

#endif  // CLAIMS_FUZZ_ABORT_ON_SPAN_PROBLEMS_H_
