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

if ((failures > 0)); then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "PASS"
