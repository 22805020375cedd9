#!/bin/bash
# Checks against the read-only reference material in ../shared. .ci/run calls
# this from the repository root, after the CMake build, when ../shared exists.
set -euo pipefail
readonly claims_bin=build/cmake/tools/claims

# Attribution scores on the PolNeAR dev sample: prints the P/R/F1 table.
"$claims_bin" eval --gold=../shared/eval/polnear-dev

# Figures on the Recognizers-Text number specs: the pass rate per file; exits
# non-zero (failing CI) when a file misses its bar.
build/cmake/tools/figures_spec_check ../shared/specs/recognizers-text \
  testdata/figures_spec_out_of_scope.tsv

# The seed article the project was specified from: its named claims.
CLAIMS_SEED_ARTICLE=../shared/seed/article.txt build/cmake/claims/seed_article_test
