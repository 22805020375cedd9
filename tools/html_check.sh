#!/bin/bash
# Renders the HTML page of `claims diff` and of `claims check` in headless
# Chromium (Debian's `chromium`) and checks that the DOM, as the browser built
# it, holds the expected findings, the legend and the side-by-side table. Also
# saves screenshots for people to look at.
#
#   tools/html_check.sh CLAIMS_BINARY [OUTPUT_DIR]
#
# Run from the repository root (CTest does). Exits 0 when every check passes,
# 1 when one fails, 77 (CTest's "skipped") when chromium is not installed.
set -euo pipefail
readonly claims_bin=$1
mkdir -p "${2:-${TMPDIR:-/tmp}/claims_html_check}"
out=$(cd "${2:-${TMPDIR:-/tmp}/claims_html_check}" && pwd)
readonly out

if ! command -v chromium >/dev/null; then
  echo "html_check: chromium is not installed; skipping" >&2
  exit 77
fi

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
chromium_run() {
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run \
    --user-data-dir="$profile" "$@" 2>/dev/null
}

failures=0
expect() {  # expect DESCRIPTION PATTERN FILE: an extended regex must match
  if grep -Eq -- "$2" "$3"; then
    echo "ok: $1"
  else
    echo "FAIL: $1 (no /$2/ in $3)"
    failures=$((failures + 1))
  fi
}

# claims diff exits 1 when there are differences: that is the expected case.
status=0
"$claims_bin" diff --report_format=html testdata/diff/summit_a.txt \
  testdata/diff/summit_b.txt >"$out/diff.html" || status=$?
[[ $status -eq 1 ]] || { echo "FAIL: claims diff exited $status, expected 1"; exit 1; }
status=0
"$claims_bin" check --report_format=html testdata/diff/check_article.txt \
  --reference=testdata/diff/check_reference.txt >"$out/check.html" || status=$?
[[ $status -eq 1 ]] || { echo "FAIL: claims check exited $status, expected 1"; exit 1; }

for page in diff check; do
  chromium_run --dump-dom "file://$out/$page.html" >"$out/$page.dom.html"
  chromium_run --window-size=1280,900 --screenshot="$out/$page.png" \
    "file://$out/$page.html" >/dev/null
  if [[ ! -s $out/$page.png ]]; then
    echo "FAIL: $page: no screenshot"
    failures=$((failures + 1))
  fi
  expect "$page: the legend is in the DOM" 'id="legend"' "$out/$page.dom.html"
done

dom=$out/diff.dom.html
for label in INITIATIVE FRAMING FIGURE_CONFLICT ATTRIBUTION_DIFFERENCE ONLY_IN_A ONLY_IN_B AGREE; do
  expect "diff: a row labelled $label" "<tr class=\"finding[^\"]*label-$label" "$dom"
done
expect "diff: the framing explanation" 'A "candid", "constructive" vs B "candid", "in-depth"' "$dom"
expect "diff: the figure explanation" 'A "more than 1,200 jobs" vs B "about 900 jobs"' "$dom"
expect "diff: an aligned pair joins both statements in one row" \
  'id="d0.s2".*<mark class="term">constructive</mark>.*id="d1.s2"' "$dom"
expect "diff: the omission's silent side is marked" 'class="side missing"' "$dom"
expect "diff: the omitted statement" 'class="side present" id="d0.s5".*raised the detention of' "$dom"
if grep -Eq '(src|href)="https?:' "$dom"; then
  echo "FAIL: diff: the page loads something from the network"
  failures=$((failures + 1))
fi

dom=$out/check.dom.html
expect "check: the supported figure" 'verdict-SUPPORTED.*More than 100,000 people' "$dom"
expect "check: the contradicted figure" 'verdict-CONTRADICTED.*Nearly 100,000 runners' "$dom"
expect "check: the cited reference" 'id="d1.s2"' "$dom"

echo "html_check: pages and screenshots in $out"
[[ $failures -eq 0 ]]
