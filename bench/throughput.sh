#!/bin/bash
# End-to-end throughput of `claims extract --input_format=jsonl` (file in,
# JSONL out) on a corpus, with one thread and with one per core: MB/s of
# input per second of wall time (and of CPU time, which a busy machine does
# not distort), the speedup, and peak RSS.
#
#   bench/throughput.sh CLAIMS_BINARY [CORPUS.jsonl] [COPIES]
#
# CORPUS defaults to ../shared/corpus/kremlin_en.jsonl beside the repository;
# with COPIES > 1 it is concatenated that many times first (to check that
# memory stays flat). Needs GNU time (/usr/bin/time).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
claims=${1:?usage: bench/throughput.sh CLAIMS_BINARY [CORPUS.jsonl] [COPIES]}
corpus=${2:-$here/../../shared/corpus/kremlin_en.jsonl}
copies=${3:-1}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
input=$corpus
if (( copies > 1 )); then
  input=$work/input.jsonl
  for ((i = 0; i < copies; i++)); do cat "$corpus"; done > "$input"
fi
bytes=$(stat -L -c %s "$input")
cores=$(nproc)

# Prints "wall_seconds cpu_seconds peak_rss_kb".
run() {
  /usr/bin/time -f '%e %U %S %M' -o "$work/time" \
    "$claims" extract --input_format=jsonl --threads="$1" "$input" > /dev/null
  awk '{ print $1, $2 + $3, $4 }' "$work/time"
}

read -r one_s one_cpu one_kb < <(run 1)
read -r all_s all_cpu all_kb < <(run "$cores")
awk -v bytes="$bytes" -v cores="$cores" -v os="$one_s" -v oc="$one_cpu" \
    -v ok="$one_kb" -v as="$all_s" -v ac="$all_cpu" -v ak="$all_kb" 'BEGIN {
  mb = bytes / 1e6
  printf "input: %.1f MB\n", mb
  printf "%-8s %12s %12s %12s\n", "threads", "MB/s wall", "MB/s CPU", "peak RSS MB"
  printf "%-8d %12.3f %12.3f %12.1f\n", 1, mb / os, mb / oc, ok / 1024
  printf "%-8d %12.3f %12.3f %12.1f\n", cores, mb / as, mb / ac, ak / 1024
  printf "speedup (wall): %.2fx\n", os / as
}'
