#!/usr/bin/env bash
# Every command-line option that takes a date or a period refuses a value
# outside the supported dates (1900-01-01..2199-12-31) or an unbounded ask
# with exit 2 and a message that says why — never an abort (issue 29,
# "Calendar ranges", "Unbounded work", "A mistyped --as-of"). Also import
# cells outside the range, and calendar arithmetic of a pack that leaves it.
# "Today" is injected (CADENCE_TODAY): nothing here depends on the real date.
# Usage: period_options_test.sh CADENCE SOURCE_DIR
set -uo pipefail
cadence=$1 source=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pack=$source/rules/guyuan-2023
export CADENCE_TODAY=2023-06-30
failures=0
db=$work/c.db
"$cadence" import --db "$db" --pack "$pack" "$source/data/sample" >/dev/null 2>"$work/import.txt" \
  || { echo "FAIL: sample import"; cat "$work/import.txt"; exit 1; }

# expect CODE MESSAGE -- ARGS...: cadence ARGS exits CODE and its stderr holds MESSAGE.
expect() {
  local code=$1 message=$2; shift 3
  "$cadence" "$@" >"$work/out.txt" 2>"$work/err.txt"
  local got=$?
  if [ "$got" != "$code" ] || ! grep -qF -- "$message" "$work/err.txt"; then
    echo "FAIL: cadence $* → exit $got (want $code), stderr:"
    cat "$work/err.txt"
    echo "  (wanted: $message)"
    failures=$((failures + 1))
  fi
}
range="outside the supported dates 1900-01-01..2199-12-31"
a=(--db "$db" --pack "$pack" --dry-run)

# audit: every period option, the as-of, the range.
expect 2 "--year '9999' is $range" -- audit "${a[@]}" --year 9999
expect 2 "--year '1000' is $range" -- audit "${a[@]}" --year 1000
expect 2 "--week '1000-W10' is $range" -- audit "${a[@]}" --week 1000-W10
expect 2 "--week '9999-W10' is $range" -- audit "${a[@]}" --week 9999-W10
expect 2 "--month '9999-12' is $range" -- audit "${a[@]}" --month 9999-12
expect 2 "--quarter '2200-Q1' is $range" -- audit "${a[@]}" --quarter 2200-Q1
expect 2 "--from '1899-12-31' is $range" -- audit "${a[@]}" --from 1899-12-31 --to 2023-01-31
expect 2 "--to '9999-12-31' is $range" -- audit "${a[@]}" --from 2023-01-01 --to 9999-12-31
expect 2 "--as-of '9999-12-31' is $range" -- audit "${a[@]}" --week 2023-W10 --as-of 9999-12-31
expect 2 "--as-of '2023-1-5' is not a date" -- audit "${a[@]}" --week 2023-W10 --as-of 2023-1-5
expect 2 "--week '2023-W53' is not a week" -- audit "${a[@]}" --week 2023-W53
# Unbounded work: a range of centuries, a weekly audit as of a far year.
expect 2 "an audit evaluates at most 1000" -- audit "${a[@]}" --from 1900-01-01 --to 2199-12-31
expect 2 "more than a year after --week 2023-W10" -- audit "${a[@]}" --week 2023-W10 --as-of 2199-12-31 --allow-future
# A future as-of (today is 2023-06-30): refused without --allow-future.
expect 2 "--as-of 2030-03-13 is after today (2023-06-30)" -- audit "${a[@]}" --week 2030-W10 --as-of 2030-03-13
expect 2 "--allow-future" -- audit "${a[@]}" --month 2023-03 --as-of 2023-07-01
expect 2 "is after today (2023-06-30)" -- audit "${a[@]}" --week 2023-W26
CADENCE_TODAY=2023-13-01 expect 2 "\$CADENCE_TODAY '2023-13-01' is not a date" -- audit "${a[@]}" --week 2023-W10
CADENCE_TODAY=9999-01-01 expect 2 "\$CADENCE_TODAY '9999-01-01' is $range" -- audit "${a[@]}" --week 2023-W10

# weak: --as-of, the future, a window reaching before 1900.
expect 2 "--as-of '9999-12-31' is $range" -- weak --db "$db" --pack "$pack" --dry-run --as-of 9999-12-31
expect 2 "--as-of 2023-07-31 is after today" -- weak --db "$db" --pack "$pack" --dry-run --as-of 2023-07-31
expect 2 "starts before the supported dates" -- weak --db "$db" --pack "$pack" --dry-run --as-of 2023-03-31 --window 1200y
expect 2 "at most 1000 are evaluated" -- weak --db "$db" --pack "$pack" --dry-run --as-of 2023-03-31 --window 100y
CADENCE_TODAY=2199-12-31 expect 2 "plan_due_days (30) leaves the supported dates" -- \
  weak --db "$db" --pack "$pack" --as-of 2199-12-31

# explain, bulletin, rectify.
expect 2 "--period '9999-12' is $range" -- explain --db "$db" --pack "$pack" --rule activity.monthly_theme_day \
  --org O0000004 --period 9999-12
expect 2 "--period '1000-W10' is $range" -- explain --db "$db" --pack "$pack" --rule activity.monthly_theme_day \
  --org O0000004 --period 1000-W10
expect 2 "--month '9999-12' is $range" -- bulletin --db "$db" --pack "$pack" --month 9999-12
expect 2 "--month '2023-3' is not a month" -- bulletin --db "$db" --pack "$pack" --month 2023-3
expect 2 "--on/--as-of '9999-12-31' is $range" -- rectify --db "$db" --list --as-of 9999-12-31
expect 2 "--on/--as-of '1899-01-01' is $range" -- rectify --db "$db" O0000004 plan --on 1899-01-01
expect 2 "--plan-due-days must be between 1 and 366" -- rectify --db "$db" O0000004 reopen --on 2023-04-01 --plan-due-days 999999999
expect 2 "leaves the supported dates" -- rectify --db "$db" O0000004 reopen --on 2199-12-31 --plan-due-days 30

# Import cells: a week, a month and a date of a year outside the range are
# refused with the row and column, and the store keeps nothing of the file.
mkdir -p "$work/cells"
for cell in 1000-W10 9999-W10; do
  printf 'org_id,week,published_on\nO0000002,%s,2023-01-09\n' "$cell" >"$work/cells/dispatches.csv"
  expect 2 "'$cell' is $range" -- import --db "$db" --pack "$pack" "$work/cells/dispatches.csv"
done
printf 'org_id,week,published_on\nO0000002,2023-W10,9999-01-09\n' >"$work/cells/dispatches.csv"
expect 2 "'9999-01-09' is $range" -- import --db "$db" --pack "$pack" "$work/cells/dispatches.csv"
printf 'member_id,month,paid\nM00003760,9999-12,true\n' >"$work/cells/dues.csv"
expect 2 "'9999-12' is $range" -- import --db "$db" --pack "$pack" "$work/cells/dues.csv"

# A pack that passes `check` but whose calendar arithmetic leaves the range:
# a positioned error naming the rule, exit 2, no run recorded.
cp -r "$pack" "$work/pack"
# (the pack's calendar files are found relative to it)
sed -i "s#\.\./calendars/#$source/rules/calendars/#g" "$work/pack/pack.yaml"
original="value: 'count(dispatches, where: published_on <= working_days_after(period.end, 3))'"
grep -qF "$original" "$work/pack/pack.yaml" || { echo "FAIL: the Guyuan pack changed; update this test"; exit 1; }
# with_value EXPR: the pack with notice.weekly_dispatch's value replaced.
with_value() {
  sed "s/$original/value: '$1'/" "$pack/pack.yaml" | sed "s#\.\./calendars/#$source/rules/calendars/#g" \
    >"$work/pack/pack.yaml"
  "$cadence" check "$work/pack" >/dev/null 2>&1 || { echo "FAIL: the changed pack does not pass check"; exit 1; }
  line=$(grep -nF "value: '$1'" "$work/pack/pack.yaml" | head -1 | cut -d: -f1)
}
with_value 'count(dispatches, where: published_on <= period.end + 99999999 working days)'
expect 2 "pack.yaml:$line:" -- audit --db "$db" --pack "$work/pack" --week 2023-W10
expect 2 "rule notice.weekly_dispatch: calendar arithmetic gives a date $range" -- \
  audit --db "$db" --pack "$work/pack" --week 2023-W10
"$cadence" history --db "$db" | grep -q "2023-W10" && { echo "FAIL: a failed audit was recorded"; failures=$((failures + 1)); }
with_value 'count(dispatches, where: week >= period - 99999999)'
expect 2 "rule notice.weekly_dispatch: calendar arithmetic gives a week $range" -- \
  audit --db "$db" --pack "$work/pack" --week 2023-W10 --dry-run
expect 2 "rule notice.weekly_dispatch: calendar arithmetic gives a week" -- \
  explain --db "$db" --pack "$work/pack" --rule notice.weekly_dispatch --org O0000002 --period 2023-W10
with_value 'count(dispatches, where: published_on <= working_days_after(period.end, -99999999))'
expect 2 "rule notice.weekly_dispatch: calendar arithmetic gives a date $range" -- \
  audit --db "$db" --pack "$work/pack" --week 2023-W10 --dry-run

[ "$failures" = 0 ] || { echo "$failures failures"; exit 1; }
echo ok
