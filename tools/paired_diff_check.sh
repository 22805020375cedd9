#!/bin/bash
# `claims diff` on governments' accounts of the same calls and meetings
# (../shared/corpus/paired, pairs 01, 02, 03 and 11): asserts that the diff
# finds the differences a careful reader sees. .ci/shared_checks.sh runs it.
#
#   tools/paired_diff_check.sh CLAIMS_BINARY PAIRED_CORPUS_DIR
#
# Each assertion names a label and text that one row of the HTML view (one
# aligned pair or lone statement, with its findings; markup removed) must
# hold. Exits 1 when
# any assertion fails.
set -euo pipefail
readonly claims_bin=$1
readonly corpus=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

failures=0
checked=0
diff_pair() {  # diff_pair NAME DIR: side A is the western account, B the Kremlin's
  local dir=$corpus/$2 status=0
  "$claims_bin" diff --report_format=html "$dir"/u[sk]_*.txt "$dir"/ru_*.txt \
    >"$work/$1.html" || status=$?
  if [[ $status -ne 1 ]]; then
    echo "FAIL: $1: claims diff exited $status, expected 1 (differences)"
    failures=$((failures + 1))
  fi
  # One line per row: its labels, then its text without markup.
  sed -nE 's/^<tr [^>]*data-labels="([^"]*)".*$/[\1] &/p' "$work/$1.html" |
    sed -E 's/<[^>]*>//g; s/&quot;/"/g; s/&amp;/\&/g' >"$work/$1.rows"
}
# expect_row NAME LABEL PATTERN...: a row with LABEL matching every PATTERN.
expect_row() {
  local name=$1 label=$2 rows
  shift 2
  checked=$((checked + 1))
  rows=$(grep -E "^\\[[^]]*\\b$label\\b" "$work/$name.rows" || true)
  for pattern in "$@"; do
    rows=$(grep -E -- "$pattern" <<<"$rows" || true)
  done
  if [[ -n $rows ]]; then
    echo "ok: $name: $label: $*"
  else
    echo "FAIL: $name: no $label row matching: $*"
    failures=$((failures + 1))
  fi
}

diff_pair 01 01_trump_putin_call_2018-03-20
expect_row 01 INITIATIVE 'at the latter’s initiative' 'A none vs B "the latter"'
expect_row 01 FRAMING 'constructive.*businesslike'
expect_row 01 ONLY_IN_B 'Energy was discussed separately'
expect_row 01 ONLY_IN_B 'top-level meeting'
expect_row 01 ONLY_IN_B 'problem of Syria was discussed'
expect_row 01 FRAMING 'denuclearizing the Korean Peninsula' 'Satisfaction was expressed'
expect_row 01 AGREE 'congratulated President Putin' 'victory in the presidential election'

diff_pair 02 02_johnson_putin_call_2020-05-08
expect_row 02 ONLY_IN_A 'Global Vaccine Summit'
expect_row 02 ONLY_IN_B 'expressed gratitude for the decisive contribution'
expect_row 02 FRAMING 'obstacles to further progress'
expect_row 02 FRAMING 'expressed willingness to develop dialogue'
expect_row 02 FRAMING 'Arctic convoys.*Arctic convoys'
expect_row 02 AGREE 'coronavirus pandemic.*coronavirus pandemic'

diff_pair 03 03_obama_putin_call_2016-04-18
expect_row 03 INITIATIVE 'At the USA’s initiative'
expect_row 03 AGREE 'Cessation of Hostilities' 'strengthening the ceasefire'
expect_row 03 ONLY_IN_B 'Kevin Dawes'
expect_row 03 ONLY_IN_B 'distance themselves swiftly from ISIS'
expect_row 03 FRAMING 'urged' 'finally start taking concrete steps'
expect_row 03 HEDGE_DIFFERENCE 'expressing the hope'
expect_row 03 FRAMING 'share his concern'

diff_pair 11 11_may_putin_osaka_meeting_2019-06-28
expect_row 11 ONLY_IN_A 'streets of Salisbury'
expect_row 11 FRAMING 'truly.*despicable'
expect_row 11 ONLY_IN_A 'two individuals responsible brought to justice'
expect_row 11 ONLY_IN_A 'LGBT people'
expect_row 11 ONLY_IN_A 'chemical weapons'
expect_row 11 FRAMING 'irresponsible.*destabilising'

echo "paired diff: $((checked - failures)) of $checked expected findings found"
[[ $failures -eq 0 ]]
