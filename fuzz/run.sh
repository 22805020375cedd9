#!/bin/bash
# Builds one libFuzzer target and runs it for a while, seeded from testdata/.
#
#   fuzz/run.sh TARGET SECONDS [BUILD_DIR]
#   fuzz/run.sh extract_fuzzer 1800
#
# Targets: extract_fuzzer, rule_pack_fuzzer, document_reader_fuzzer,
# document_stream_fuzzer, diff_fuzzer. BUILD_DIR (default build/fuzz) is configured with
# clang, -DCLAIMS_BUILD_FUZZERS=ON. The corpus grows in BUILD_DIR/corpus/TARGET
# across runs; crashes land in BUILD_DIR/artifacts/TARGET/. One worker only:
# the machine's cores are shared. The last lines of the log give the number of
# executions ("Done N runs in S second(s)").
set -euo pipefail
cd "$(dirname "$0")/.."

readonly target=${1:?usage: fuzz/run.sh TARGET SECONDS [BUILD_DIR]}
readonly seconds=${2:?usage: fuzz/run.sh TARGET SECONDS [BUILD_DIR]}
readonly build=${3:-build/fuzz}

if [[ ! -f $build/CMakeCache.txt ]]; then
  CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja \
    -DCLAIMS_BUILD_FUZZERS=ON -DCLAIMS_BUILD_BENCHMARKS=OFF
fi
ninja -C "$build" -j 2 "$target" claims_tool

readonly seeds=$build/seeds/$target
readonly corpus=$build/corpus/$target
readonly artifacts=$build/artifacts/$target
rm -rf "$seeds"
mkdir -p "$seeds" "$corpus" "$artifacts"

articles=(testdata/articles/*.txt testdata/eval/text/*.txt)
claims=$build/tools/claims
# claims_seed NAME FORMAT: the articles as `claims extract` writes them, text
# included (so each JSONL line is also a valid JSONL input).
claims_seed() {
  "$claims" extract --include_text --format="$2" "${articles[@]}" >"$seeds/$1"
}

case $target in
  extract_fuzzer)
    cp "${articles[@]}" "$seeds/"
    printf '\xEF\xBB\xBFThe mayor said \xE2\x80\x9CYes.\xE2\x80\x9D\r\nHe added: "No."\r\n' >"$seeds/bom_crlf"
    printf '"She said "he said "they said" no" yes," the aide said.' >"$seeds/nested_quotes"
    printf 'The caf\xe9 owner said rent\0 had doubled, \xff\xfe officials said.' >"$seeds/invalid_utf8"
    ;;
  rule_pack_fuzzer)
    for pack in testdata/rules/*.textproto claims/rules/en/*.textproto; do
      (($(wc -c <"$pack") <= 32768)) && cp "$pack" "$seeds/"
    done
    ;;
  document_reader_fuzzer)
    cp "${articles[@]}" "$seeds/"
    claims_seed documents.jsonl jsonl
    printf '{"id": 1, "text": "A"}\nnot json\n{"id": "2"}\n{"text": 3}\n' >"$seeds/bad_lines.jsonl"
    ;;
  document_stream_fuzzer)
    # The last byte picks the format: 0 jsonl, 1 json, 2 textproto, 3 binpb.
    formats=(jsonl json textproto binpb)
    for i in "${!formats[@]}"; do
      claims_seed "${formats[$i]}" "${formats[$i]}"
      printf "\\x0$i" >>"$seeds/${formats[$i]}"
    done
    ;;
  diff_fuzzer)
    # Text A, text B (each ended by a backslash and another byte, as
    # FuzzedDataProvider reads them), then A's Document as JSON.
    for a in "${articles[@]}"; do
      for b in "${articles[@]}"; do
        [[ $a == "$b" ]] && continue
        seed=$seeds/$(basename "$a" .txt)-$(basename "$b" .txt)
        { cat "$a"; printf '\\x'; cat "$b"; printf '\\x'
          "$claims" extract --format=json "$a" | sed '1d;$d'; } >"$seed"
      done
    done
    ;;
  *)
    echo "fuzz/run.sh: unknown target $target" >&2
    exit 2
    ;;
esac

exec "$build/fuzz/$target" "$corpus" "$seeds" \
  -max_total_time="$seconds" -timeout=30 -rss_limit_mb=4096 -workers=1 \
  -artifact_prefix="$artifacts/" -print_final_stats=1
