// Span invariants for tests and fuzzers: what every extracted Document must
// keep, whatever the rules and whatever the input bytes.
//
//   claims::Document doc;
//   extractor.Extract(text, &doc);
//   EXPECT_THAT(claims::SpanProblems(doc, text), testing::IsEmpty());
#ifndef CLAIMS_TEST_SPANS_H_
#define CLAIMS_TEST_SPANS_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "proto/claims.pb.h"

namespace claims {

// One line per broken invariant, naming the field ("claims[2].speaker.span:
// [40, 38) in 120 bytes"); empty when there is none. Checks every Span in
// `doc` (found by reflection, so new fields are covered): begin <= end <=
// text.size(); when `text` is text (CheckIsText), no span cuts a UTF-8
// character; and every claim starts at or after body_begin.
std::vector<std::string> SpanProblems(const Document& doc,
                                      absl::string_view text);

}  // namespace claims

#endif  // CLAIMS_TEST_SPANS_H_
