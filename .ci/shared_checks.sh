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

# The anonymous-source audit over three corpora (a few minutes, mostly the
# 21 MB Kremlin file) must read every input; Chromium must render its HTML
# page with the chart's bars and the flags.
audit_html=$(mktemp --suffix=.html)
"$claims_bin" audit --report_format=html ../shared/corpus/whitehouse_briefings \
  ../shared/corpus/wikinews ../shared/corpus/kremlin_en.jsonl >"$audit_html"
audit_dom=$(chromium --headless --no-sandbox --disable-gpu \
  --disable-background-networking --disable-component-update --disable-sync \
  --no-first-run --user-data-dir="$(mktemp -d)" --dump-dom "$audit_html" 2>/dev/null)
grep -q '<g class="bar">' <<<"$audit_dom"
grep -q '<li id="flag-1">' <<<"$audit_dom"

# claims diff on the paired official accounts (01, 02, 03, 11): the
# differences a careful reader sees must be found; exits non-zero otherwise.
tools/paired_diff_check.sh "$claims_bin" ../shared/corpus/paired
