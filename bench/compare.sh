#!/bin/bash
# Runs `claims extract` and compromise (quotations, numbers, people,
# organizations) on the same JSONL articles and prints, for each, MB/s, docs/s
# and peak RSS, and their ratio. Rates are per second of CPU time (user +
# system), which a busy machine does not distort as it does wall time.
#
#   bench/compare.sh CLAIMS_BINARY [CORPUS.jsonl] [MEGABYTES]
#
# CORPUS defaults to ../shared/corpus/kremlin_en.jsonl beside the repository;
# only its first MEGABYTES (default 1; compromise is slow) of whole lines are
# used. compromise is installed on first use with npm into bench/compare/
# (ignored by git). Needs node, npm and GNU time (/usr/bin/time).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
claims=${1:?usage: bench/compare.sh CLAIMS_BINARY [CORPUS.jsonl] [MEGABYTES]}
corpus=${2:-$here/../../shared/corpus/kremlin_en.jsonl}
megabytes=${3:-1}

if [[ ! -d $here/compare/node_modules/compromise ]]; then
  (cd "$here/compare" && npm install --no-audit --no-fund --silent)
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Whole lines only, up to the size asked for.
head -c "$(awk -v mb="$megabytes" 'BEGIN { printf "%d", mb * 1000000 }')" \
  "$corpus" | sed '$ { /}$/!d }' > "$work/input.jsonl"
bytes=$(stat -c %s "$work/input.jsonl")
docs=$(wc -l < "$work/input.jsonl")

# Prints "cpu_seconds peak_rss_kb" for the command.
measure() {
  /usr/bin/time -f '%U %S %M' -o "$work/time" "$@" > /dev/null
  awk '{ print $1 + $2, $3 }' "$work/time"
}

read -r claims_s claims_kb < <(measure "$claims" extract --input_format=jsonl \
  --threads=1 "$work/input.jsonl")
read -r npm_s npm_kb < <(measure node "$here/compare/compromise_extract.mjs" \
  "$work/input.jsonl")

awk -v bytes="$bytes" -v docs="$docs" \
    -v cs="$claims_s" -v ck="$claims_kb" -v ns="$npm_s" -v nk="$npm_kb" 'BEGIN {
  cmbs = bytes / 1e6 / cs; nmbs = bytes / 1e6 / ns
  printf "input: %d documents, %.2f MB; both single-threaded\n", docs, bytes / 1e6
  printf "%-12s %10s %10s %14s\n", "tool", "MB/s", "docs/s", "peak RSS MB"
  printf "%-12s %10.3f %10.1f %14.1f\n", "claims", cmbs, docs / cs, ck / 1024
  printf "%-12s %10.3f %10.1f %14.1f\n", "compromise", nmbs, docs / ns, nk / 1024
  printf "%-12s %9.2fx %9.2fx %13.2fx\n", "claims/comp.", cmbs / nmbs,
         (docs / cs) / (docs / ns), ck / nk
}'
