#!/usr/bin/env bash
# Values are exact or refused (issue 29: a sum of 10^13 printed as
# -8446744073627.551616 in explain, json, csv, md and the table).
#  - 9 × 10^12, within the 6-decimal range: printed exactly in every format;
#  - 10^13, whose micros pass 64 bits: every format and explain exit 2 with a
#    message naming the value, print no wrapped number, and record no run;
#  - two 5 × 10^18 rows pooled over a subtree: the sum is refused, named.
# Usage: value_range_test.sh CADENCE SOURCE_DIR
set -euo pipefail
cadence=$1 source=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat >"$work/pack.yaml" <<EOF
pack:
  id: range
  title: 数值范围
  version: 0.1.0
schema: $source/rules/bench/schema.yaml
rules:
  - id: study.total
    title: 参学人数合计
    weight: 1
    cadence: week
    scope: org.kind == "branch"
    value: sum(study.learners)
    fail: value > 100 and value < 1000000000000000
    unit: learners
    message: "{org.name} {period} 合计 {value}"
  - id: study.pooled
    title: 汇总参学人数
    weight: 1
    cadence: week
    scope: org.id == "O2"
    value: 'sum(study.learners, over: subtree)'
    fail: value > 100
    message: "{org.name} {period} 汇总 {value}"
EOF
cp "$source"/tests/cases/bench-tiny/{orgs,members}.csv "$work/"
printf 'org_id,week,learners\nO5,2023-W01,9000000000000\nO5,2023-W02,10000000000000\nO5,2023-W03,5000000000000000000\nO6,2023-W03,5000000000000000000\n' \
  >"$work/study.csv"
db=$work/s.db
"$cadence" import --db "$db" --pack "$work" "$work"/{orgs,members,study}.csv >/dev/null 2>&1
failed=0
fail() { echo "FAIL: $*"; failed=1; }

for format in table csv json md contract; do
  if ! "$cadence" audit --db "$db" --pack "$work" --week 2023-W01 --format "$format" --dry-run >"$work/ok.$format" 2>&1; then
    fail "--week 2023-W01 --format $format exits non-zero:"; cat "$work/ok.$format"
  fi
  grep -q "9000000000000\.000000" "$work/ok.$format" || fail "--format $format does not print 9000000000000.000000"
  status=0
  "$cadence" audit --db "$db" --pack "$work" --week 2023-W02 --format "$format" >"$work/big.$format" 2>"$work/big.err" ||
    status=$?
  [ "$status" = 2 ] || fail "--week 2023-W02 --format $format exits $status, not 2"
  grep -q "the value 10000000000000 is beyond the range cadence computes exactly" "$work/big.err" ||
    { fail "--format $format: no message naming the value:"; cat "$work/big.err"; }
  if grep -q -- "-8446744073" "$work/big.$format"; then fail "--format $format prints a wrapped value"; fi
done
status=0
"$cadence" explain --db "$db" --pack "$work" --rule study.total --org O5 --period 2023-W02 >"$work/explain.out" \
  2>"$work/explain.err" || status=$?
[ "$status" = 2 ] || fail "explain exits $status, not 2"
grep -q "the value 10000000000000 is beyond the range" "$work/explain.err" || fail "explain: no message"
if grep -q -- "-8446744073" "$work/explain.out"; then fail "explain prints a wrapped value"; fi

status=0
"$cadence" audit --db "$db" --pack "$work" --week 2023-W03 --format csv >/dev/null 2>"$work/pooled.err" || status=$?
[ "$status" = 2 ] || fail "the pooled sum's audit exits $status, not 2"
grep -q "sum(study.learners, over: subtree).*a sum is beyond the range" "$work/pooled.err" ||
  { fail "the pooled sum is not refused by name:"; cat "$work/pooled.err"; }

"$cadence" history --db "$db" >"$work/history.out"
grep -q "no audit runs recorded yet" "$work/history.out" || { fail "a refused audit recorded a run:"; cat "$work/history.out"; }
[ "$failed" = 0 ] || exit 1
echo "ok: 9e12 printed exactly, 10^13 and a 64-bit pooled sum refused with exit 2 and no run recorded"
