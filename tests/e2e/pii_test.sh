#!/usr/bin/env bash
# Personal data: an ID-card number typed into a name never reaches a report
# in full (all but the last 4 masked), in every audit format.
# Usage: pii_test.sh CADENCE SOURCE_DIR
set -euo pipefail
cadence=$1 source=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$source"/tests/cases/bench-tiny/{members,study,activities,transfers,notices}.csv "$work/"
# Give every branch a name holding an 18-digit ID number.
awk -F, 'BEGIN{OFS=","} NR>1 && $4=="branch" {$2=$2 "110101199003071234"} {print}' \
  "$source/tests/cases/bench-tiny/orgs.csv" >"$work/orgs.csv"
"$cadence" import --db "$work/s.db" --pack "$source/rules/bench" "$work"/{orgs,members,study,activities,transfers,notices}.csv >/dev/null
for format in csv json md table; do
  "$cadence" audit --db "$work/s.db" --pack "$source/rules/bench" --year 2023 --format "$format" --dry-run \
    >"$work/out.$format" 2>/dev/null
  if grep -q "110101199003071234" "$work/out.$format"; then
    echo "FAIL: --format $format prints a full ID number"; grep -m3 "110101199003071234" "$work/out.$format"; exit 1
  fi
done
grep -q '\*\*\*\*\*\*\*\*\*\*\*\*\*\*1234' "$work/out.csv" || { echo "FAIL: the masked form is missing"; exit 1; }
echo "ok: ID numbers masked in csv, json, md and table"
