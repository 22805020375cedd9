#!/bin/bash
# End-to-end checks of the `claims` binary: exit statuses, --help for every
# subcommand, and that one bad input does not stop a batch.
#
#   tools/claims_cli_test.sh path/to/claims
set -u

CLAIMS=${1:?usage: claims_cli_test.sh CLAIMS_BINARY}
[[ -x $CLAIMS ]] || { echo "FAIL: $CLAIMS is not an executable" >&2; exit 1; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
failures=0

fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# run WANT_STATUS ARGS...: runs claims, keeping stdout and stderr in files.
run() {
  local want=$1
  shift
  "$CLAIMS" "$@" >"$WORK/out" 2>"$WORK/err"
  local got=$?
  if [[ $got != "$want" ]]; then
    fail "claims $* exited $got, want $want; stderr: $(head -c 500 "$WORK/err")"
  fi
}

# expect FILE TEXT: FILE contains TEXT (a fixed string).
expect() {
  grep -qF -- "$2" "$WORK/$1" || fail "$1 of the last run lacks \"$2\": $(head -c 300 "$WORK/$1")"
}

lines() { wc -l <"$WORK/$1" | tr -d ' '; }

cat >"$WORK/council.txt" <<'EOF'
# Title: Council approves flood barrier
# Date: March 4, 2024
# Outlet: Riverside Courier

The council voted 7-2 on Monday to fund the barrier, the mayor said.
"We cannot wait for the next flood," said Dana Whitfield, the council leader.
EOF
cat >"$WORK/port.txt" <<'EOF'
Shipping through the port fell by about 12% last year, according to a report
published by the harbour authority on Tuesday.
EOF
printf 'The tide\0table' >"$WORK/binary.txt"
printf 'The caf\xe9 owner said the rent had doubled.\n' >"$WORK/latin1.txt"
cat >"$WORK/batch.jsonl" <<'EOF'
{"id": 1, "title": "Budget", "date": "2024-03-04", "text": "The treasurer said the budget would balance."}
this line is not JSON
{"id": "no-text"}
{"id": "3", "text": "Officials said the bridge would reopen in May."}
EOF

# The tool and its help.
run 2
expect err "usage: claims SUBCOMMAND"
for help in help --help -h; do
  run 0 "$help"
  expect out "usage: claims SUBCOMMAND"
  expect out "  extract  "
done
subcommands=$(sed -n '/^subcommands:/,/^$/p' "$WORK/out" | awk 'NF > 1 {print $1}' | grep -v '^help$')
[[ -n $subcommands ]] || fail "claims help lists no subcommands"
for name in $subcommands; do
  run 0 "$name" --help
  expect out "usage: claims $name"
  run 0 help "$name"
  expect out "usage: claims $name"
done
run 0 extract --help
expect out "--format=VALUE (default: jsonl)"
expect out "--[no]include_text (default: false)"

# Usage errors.
run 2 nosuchcommand
expect err 'claims: unknown subcommand "nosuchcommand"'
run 2 help nosuchcommand
run 2 extract --nosuchflag "$WORK/port.txt"
expect err "claims extract: unknown flag --nosuchflag"
run 2 extract --format=xml "$WORK/port.txt"
expect err 'bad value "xml" for --format'
run 2 extract
expect err "claims extract: no input"
run 2 extract --rules="$WORK/no-such-rules" "$WORK/port.txt"
expect err "no-such-rules"

# Good inputs: exit 0, one document each, in order.
run 0 extract "$WORK/council.txt" "$WORK/port.txt"
[[ $(lines out) == 2 ]] || fail "two inputs gave $(lines out) lines"
expect out '"id":"'"$WORK"'/council.txt"'
expect out '"title":"Council approves flood barrier"'
expect out '"date":"2024-03-04"'
[[ ! -s $WORK/err ]] || fail "stderr not empty: $(cat "$WORK/err")"

# The pattern memory changes speed and memory, never the output.
cp "$WORK/out" "$WORK/default_memory.jsonl"
run 0 extract --pattern_memory_mb=16 "$WORK/council.txt" "$WORK/port.txt"
cmp -s "$WORK/out" "$WORK/default_memory.jsonl" ||
  fail "--pattern_memory_mb=16 changed the output"
run 2 extract --pattern_memory_mb=0 "$WORK/port.txt"
expect err "pattern memory must be from 1 to 64 MiB"

# A rule profile leaves the output alone and has a row per rule searched.
run 0 extract --threads=2 --rule_profile="$WORK/profile.tsv" "$WORK/council.txt" "$WORK/port.txt"
cmp -s "$WORK/out" "$WORK/default_memory.jsonl" || fail "--rule_profile changed the output"
head -1 "$WORK/profile.tsv" | grep -q '^rule	kind	searches	matches	total_ms' ||
  fail "rule profile header: $(head -1 "$WORK/profile.tsv")"
awk -F'\t' 'NR > 1 && $2 == "ATTRIBUTION" && $3 > 0 { found = 1 } END { exit !found }' \
  "$WORK/profile.tsv" || fail "no ATTRIBUTION rule in the profile: $(head -3 "$WORK/profile.tsv")"
run 2 extract --rule_profile="$WORK/no/such/dir/profile.tsv" "$WORK/port.txt"
expect err "cannot write --rule_profile=$WORK/no/such/dir/profile.tsv"
[[ ! -s $WORK/out ]] || fail "a bad --rule_profile still ran the extraction"

# A missing file among good ones: reported, skipped, the rest written, exit 2.
run 2 extract "$WORK/council.txt" "$WORK/missing.txt" "$WORK/port.txt"
[[ $(lines out) == 2 ]] || fail "batch with a missing file gave $(lines out) documents"
expect err "claims: $WORK/missing.txt: No such file or directory"
expect out "$WORK/port.txt"

# Every rejection names the path and the problem.
run 2 extract "$WORK/binary.txt" "$WORK/latin1.txt" "$WORK" "$WORK/port.txt"
expect err "claims: $WORK/binary.txt: binary data (NUL byte at byte 8)"
expect err "claims: $WORK/latin1.txt: invalid UTF-8 at byte 7"
expect err "claims: $WORK: is a directory"
[[ $(lines out) == 1 ]] || fail "only port.txt should be written"

# JSONL: bad lines are reported with their line number; good lines go on.
run 2 extract --input_format=jsonl "$WORK/batch.jsonl"
[[ $(lines out) == 2 ]] || fail "JSONL batch gave $(lines out) documents"
expect err "claims: $WORK/batch.jsonl:2: not a JSON object"
expect err "claims: $WORK/batch.jsonl:3: no \"text\" member"
expect out '"id":"1"'
expect out '"id":"3"'

# Threads: every thread has its own rules; the output is the same, in input
# order, whatever the thread count (more documents than one batch of 64).
for i in $(seq 150); do
  printf '{"id": "%d", "text": "Officials said %d trucks crossed the border on day %d."}\n' "$i" "$i" "$i"
done >"$WORK/many.jsonl"
run 0 extract --input_format=jsonl --threads=1 "$WORK/many.jsonl"
cp "$WORK/out" "$WORK/one_thread"
run 0 extract --input_format=jsonl --threads=3 "$WORK/many.jsonl"
cmp -s "$WORK/out" "$WORK/one_thread" || fail "--threads=3 output differs from --threads=1"
[[ $(lines out) == 150 ]] || fail "150 documents gave $(lines out) lines"

# Standard input, both formats.
"$CLAIMS" extract - <"$WORK/port.txt" >"$WORK/out" 2>"$WORK/err" || fail "stdin text failed"
expect out '"id":"-"'
"$CLAIMS" extract --input_format=jsonl - <"$WORK/batch.jsonl" >"$WORK/out" 2>"$WORK/err"
[[ $? == 2 ]] || fail "stdin JSONL with bad lines should exit 2"
expect err "claims: -:2: not a JSON object"

# Every output format, and --include_text.
for format in jsonl json textproto binpb; do
  run 0 extract --format="$format" "$WORK/council.txt" "$WORK/port.txt"
  [[ -s $WORK/out ]] || fail "--format=$format wrote nothing"
done
run 0 extract --format=json "$WORK/port.txt"
[[ $(head -c 2 "$WORK/out") == "[" ]] || fail "json output is not an array"
run 0 extract --format=textproto "$WORK/council.txt" "$WORK/port.txt"
expect out "# document 2"
run 0 extract --include_text "$WORK/port.txt"
expect out '"text":"Shipping through the port'

# Hostile inputs in one batch: each readable one is written (in order, with
# spans into the bytes as given), each refused one is named with its problem,
# and the exit status says something failed.
: >"$WORK/empty.txt"
printf '\xEF\xBB\xBF"We will act," the mayor said.\r\nOfficials said the road would close.\r\n' >"$WORK/bom_crlf.txt"
printf '.,;:!?"()[]%.0s' {1..1000} >"$WORK/punctuation.txt"
head -c 1000000 /dev/zero | tr '\0' '"' >"$WORK/quotes.txt"
printf '\xE2\x80\x9CWe will win, the mayor said.\n\nThe police chief said the road would close.\n' >"$WORK/unbalanced.txt"
run 2 extract "$WORK/empty.txt" "$WORK/binary.txt" "$WORK/bom_crlf.txt" "$WORK/latin1.txt" \
  "$WORK/punctuation.txt" "$WORK/quotes.txt" "$WORK/unbalanced.txt"
[[ $(lines out) == 5 ]] || fail "hostile batch gave $(lines out) documents, want 5"
expect err "claims: $WORK/binary.txt: binary data (NUL byte at byte 8)"
expect err "claims: $WORK/latin1.txt: invalid UTF-8 at byte 7"
[[ $(wc -l <"$WORK/err") == 2 ]] || fail "hostile batch: unexpected errors: $(cat "$WORK/err")"
expect out '"id":"'"$WORK"'/empty.txt"'
expect out '"textLength":1000000'
expect out '"text":"The police chief"'
# After the 3-byte BOM, the quotation opens the first sentence: "the mayor" is
# bytes 18-27 of bom_crlf.txt.
expect out '"text":"the mayor","span":{"begin":18,"end":27}'

# A rule pack RE2 refuses (here: too large to compile) stops the run before any
# input is read, naming the pack, the line and the rule.
mkdir -p "$WORK/bad_rules"
printf 'rule {\n  id: "huge"\n  kind: HEDGE\n  pattern: "((((a{100}){100}){100}){100})"\n}\n' \
  >"$WORK/bad_rules/huge.textproto"
run 2 extract --rules="$WORK/bad_rules" "$WORK/port.txt"
expect err "$WORK/bad_rules/huge.textproto:1:"
expect err 'rule "huge"'
[[ ! -s $WORK/out ]] || fail "a bad rule pack still wrote output"

# claims audit: every view; a .jsonl input is read as JSONL; bad lines are
# reported, counted and the rest audited; no progress line off a terminal.
run 0 audit "$WORK/council.txt" "$WORK/port.txt"
expect out "Audit of 2 documents"
expect out "named person"
expect out "Riverside Courier"
[[ ! -s $WORK/err ]] || fail "audit wrote to stderr off a terminal: $(cat "$WORK/err")"
run 0 audit --report_format=csv "$WORK/council.txt" "$WORK/port.txt"
[[ $(lines out) == 3 ]] || fail "audit csv: want a header and 2 rows: $(cat "$WORK/out")"
run 0 audit --report_format=json "$WORK/council.txt"
expect out '"documentId": "'"$WORK"'/council.txt"'
run 0 audit --report_format=html "$WORK/council.txt"
expect out '<g class="bar">'
# More documents than one batch: one thread and two give the same output.
for i in $(seq 1 75); do
  printf '{"id":"d%d","text":"The mayor said %d ships docked. A senior official, who was not authorized to speak, said %d more were due."}\n' "$i" "$i" "$((i * 3))"
done >"$WORK/many.jsonl"
run 0 audit --report_format=csv --threads=1 "$WORK/many.jsonl"
cp "$WORK/out" "$WORK/audit_one_thread.csv"
[[ $(lines out) == 76 ]] || fail "audit csv of 75 documents has $(lines out) lines"
run 0 audit --report_format=csv --threads=2 "$WORK/many.jsonl"
cmp -s "$WORK/out" "$WORK/audit_one_thread.csv" || fail "audit --threads=2 differs from --threads=1"
run 0 extract --input_format=jsonl --threads=1 "$WORK/many.jsonl"
cp "$WORK/out" "$WORK/extract_one_thread.jsonl"
[[ $(lines out) == 75 ]] || fail "extract of 75 documents wrote $(lines out) lines"
run 0 extract --input_format=jsonl --threads=2 "$WORK/many.jsonl"
cmp -s "$WORK/out" "$WORK/extract_one_thread.jsonl" || fail "extract --threads=2 differs from --threads=1"
head -1 "$WORK/out" | grep -q '"id":"d1"' || fail "extract output not in input order: $(head -c 200 "$WORK/out")"

run 2 audit "$WORK/batch.jsonl"
expect out "Audit of 2 documents (2 inputs could not be read)"
expect err "batch.jsonl:2:"
run 2 audit --report_format=xml "$WORK/council.txt"
expect err "--report_format must be text, csv, json or html"
run 2 audit
expect err "claims audit: no input"

# diff and check: exit statuses as diff(1), and the three views.
run 0 diff "$WORK/council.txt" "$WORK/council.txt"
expect out "No differences."
run 1 diff "$WORK/council.txt" "$WORK/port.txt"
expect out "ONLY_IN_A"
run 1 diff --report_format=json "$WORK/council.txt" "$WORK/port.txt"
expect out '"differenceCount":'
run 1 diff --report_format=html "$WORK/council.txt" "$WORK/port.txt"
expect out 'id="legend"'
run 1 diff --color=always "$WORK/council.txt" "$WORK/port.txt"
expect out $'\x1b['
run 2 diff "$WORK/council.txt"
expect err "claims diff: give at least two documents"
run 2 diff "$WORK/council.txt" "$WORK/binary.txt"
run 2 diff --report_format=xml "$WORK/council.txt" "$WORK/port.txt"
expect err "--report_format: expected text, json or html"
run 0 check "$WORK/council.txt" --reference="$WORK/council.txt"
expect out "SUPPORTED"
run 2 check "$WORK/council.txt"
expect err "claims check: give one ARTICLE and at least one --reference=DOC"

if ((failures > 0)); then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "PASS"
