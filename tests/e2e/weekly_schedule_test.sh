#!/usr/bin/env bash
# The Monday audit through the program and its store: `--week W` alone grades
# the week plus every period whose deadline passed and that no recorded run
# graded (engine/eval/audit_schedule.h). Runs on the demo sample with the
# Guyuan pack. (Rule by rule deadlines are in tests/engine/eval/audit_schedule_test.cpp.)
# Usage: weekly_schedule_test.sh CADENCE SOURCE_DIR
set -euo pipefail
cadence=$1 source=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pack=${PACK:-$source/rules/guyuan-2023}
"$cadence" import --db "$work/c.db" --pack "$pack" "$source/data/sample" >/dev/null
audit() {  # audit WEEK [extra...] → the "periods" line, findings per period in $work/periods.txt
  local week=$1; shift
  "$cadence" audit --db "$work/c.db" --pack "$pack" --week "$week" --format csv --out "$work/a.csv" "$@" \
    2>"$work/stderr.txt"
  cut -d, -f1,3 "$work/a.csv" | tail -n +2 | sort -u >"$work/periods.txt"
  grep "periods" "$work/stderr.txt"
}
fail() { echo "FAIL: $*"; cat "$work/stderr.txt"; exit 1; }

# 6 March 2023, a fresh store: the week, and January and February (their
# deadlines, the 5th of the next month at the latest, have passed); nothing
# of 2022 (the history starts now), no quarter yet. A dry run records nothing.
line=$(audit 2023-W09 --dry-run)
[ "$line" = "cadence audit: periods 2023-W09; 2 months 2023-01..2023-02 (due by 2023-03-06 and not yet audited)" ] \
  || fail "unexpected selection: $line"

# The recorded audit of W10 grades January and February.
line=$(audit 2023-W10)
[ "$line" = "cadence audit: periods 2023-W10; 2 months 2023-01..2023-02 (due by 2023-03-13 and not yet audited)" ] \
  || fail "unexpected selection: $line"
grep -q "^activity.monthly_theme_day,2023-02" "$work/periods.txt" || fail "no February theme-day findings"

# Run again: the months are graded already; only the week is left.
line=$(audit 2023-W10)
[ "$line" = "cadence audit: periods 2023-W10 (due by 2023-03-13 and not yet audited)" ] \
  || fail "graded the months twice: $line"
grep -q ",2023-0[12]$" "$work/periods.txt" && fail "findings of the months graded before"

# Skip three Mondays: W14 catches up on March and the first quarter.
line=$(audit 2023-W14)
[ "$line" = "cadence audit: periods 2023-W14; 2023-03; 2023-Q1 (due by 2023-04-10 and not yet audited)" ] \
  || fail "unexpected selection: $line"
echo "ok"
