#!/usr/bin/env bash
# A mistyped --as-of (2030 for 2023) must not be recorded as grading: it is
# refused without --allow-future, and a run with a future as-of never counts
# as grading, so the next Monday still catches up March and Q1 (issue 29).
# "Today" is injected with CADENCE_TODAY; nothing depends on the real date.
# Usage: future_as_of_test.sh CADENCE SOURCE_DIR
set -euo pipefail
cadence=$1 source=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pack=$source/rules/guyuan-2023
"$cadence" import --db "$work/c.db" --pack "$pack" "$source/data/sample" >/dev/null
fail() { echo "FAIL: $*"; cat "$work/stderr.txt"; exit 1; }

# Monday 13 March 2023: as of 2030 is refused, and nothing is recorded.
export CADENCE_TODAY=2023-03-13
if "$cadence" audit --db "$work/c.db" --pack "$pack" --week 2023-W10 --as-of 2030-03-13 --format csv \
  >/dev/null 2>"$work/stderr.txt"; then
  fail "a future --as-of was accepted"
fi
grep -qF -- "--as-of 2030-03-13 is after today (2023-03-13)" "$work/stderr.txt" || fail "no message"
"$cadence" history --db "$work/c.db" | grep -q "no audit runs" || fail "the refused run was recorded"

# With --allow-future it runs and is recorded, as of the end of the year.
"$cadence" audit --db "$work/c.db" --pack "$pack" --week 2023-W10 --as-of 2023-12-31 --allow-future \
  --format csv --out "$work/a.csv" 2>"$work/stderr.txt" || fail "--allow-future was refused"
grep -q "recorded as run 1" "$work/stderr.txt" || fail "the run was not recorded"

# Monday 10 April (three Mondays skipped): the future run graded nothing, so
# W14 catches up January to March and the first quarter.
export CADENCE_TODAY=2023-04-10
"$cadence" audit --db "$work/c.db" --pack "$pack" --week 2023-W14 --format csv --out "$work/a.csv" \
  2>"$work/stderr.txt" || fail "the Monday audit failed"
line=$(grep "periods" "$work/stderr.txt")
[ "$line" = "cadence audit: periods 2023-W14; 3 months 2023-01..2023-03; 2023-Q1 (due by 2023-04-10 and not yet audited)" ] \
  || fail "unexpected selection: $line"

# That run was made on its as-of day: it grades, and the next Monday has only its week.
export CADENCE_TODAY=2023-04-17
"$cadence" audit --db "$work/c.db" --pack "$pack" --week 2023-W15 --dry-run --format csv --out "$work/a.csv" \
  2>"$work/stderr.txt" || fail "the next Monday audit failed"
line=$(grep "periods" "$work/stderr.txt")
[ "$line" = "cadence audit: periods 2023-W15 (due by 2023-04-17 and not yet audited)" ] \
  || fail "unexpected selection: $line"
echo ok
