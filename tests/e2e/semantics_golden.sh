#!/usr/bin/env bash
# The engine's semantics end to end, byte for byte (tests/cases/semantics,
# whose README.md explains every expected line): gaps in the rule's unit, a
# target's relative score, severity, waived findings, a period not yet due,
# and two recorded runs of other periods compared like with like.
#
# Usage: semantics_golden.sh CADENCE SOURCE_DIR
# Regenerate after an intended change (then read the diff):
#   UPDATE_GOLDEN=1 ctest --preset asan -R 'semantics golden'
set -euo pipefail
cadence=$1 source=$2
case_dir="$source/tests/cases/semantics"
pack="$case_dir/pack.yaml"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
files=()
for name in orgs members study posts dispatches; do files+=("$case_dir/$name.csv"); done
"$cadence" import --db "$work/store.db" --pack "$pack" "${files[@]}" >/dev/null

periods=(--week 2023-W05 --week 2023-W26 --month 2023-01 --quarter 2023-Q2)
mkdir "$work/out"
for format in table md json csv contract; do
  "$cadence" audit --db "$work/store.db" --pack "$pack" "${periods[@]}" --as-of 2023-07-03 --format "$format" \
    --dry-run >"$work/out/audit.$format" 2>"$work/err" || { cat "$work/err"; exit 1; }
done
# Without an as-of date every deadline has passed: W26's dispatches fail.
"$cadence" audit --db "$work/store.db" --pack "$pack" "${periods[@]}" --format csv --dry-run \
  >"$work/out/audit-without-as-of.csv" 2>/dev/null
# explain prints the same gap and line as the reports.
"$cadence" explain --db "$work/store.db" --pack "$pack" --rule posts.quota --org C1 --period 2023-Q2 \
  >"$work/out/explain-quota.txt" 2>&1
"$cadence" explain --db "$work/store.db" --pack "$pack" --rule study.streak --org B1 --period 2023-W05 \
  >"$work/out/explain-streak.txt" 2>&1
# --fail-on LEVEL: exit 1 only for findings at or above it.
for level in critical high low; do
  status=0
  "$cadence" audit --db "$work/store.db" --pack "$pack" --quarter 2023-Q2 --as-of 2023-07-03 --dry-run \
    --format contract --fail-on "$level" >/dev/null 2>&1 || status=$?
  echo "--fail-on $level on 2023-Q2 (low findings only): exit $status" >>"$work/out/fail-on.txt"
done
# Two recorded runs of other periods, compared like with like.
"$cadence" audit --db "$work/store.db" --pack "$pack" --week 2023-W01 --week 2023-W02 --as-of 2023-07-03 \
  --format contract --out "$work/run1.csv" 2>/dev/null
"$cadence" audit --db "$work/store.db" --pack "$pack" --week 2023-W03 --week 2023-W10 --as-of 2023-07-03 \
  --format contract --out "$work/run2.csv" 2>/dev/null
"$cadence" diff --db "$work/store.db" --pack "$pack" 1 2 >"$work/out/diff.txt"

status=0
for file in audit.table audit.md audit.json audit.csv audit.contract audit-without-as-of.csv explain-quota.txt \
  explain-streak.txt fail-on.txt diff.txt; do
  sed -E -e "s|$work|<work>|g" -e "s|$source|<source>|g" \
    -e 's/\([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z\)/(<time>)/g' "$work/out/$file" >"$work/normalised"
  if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
    cp "$work/normalised" "$case_dir/expected/$file"
    echo "updated: tests/cases/semantics/expected/$file"
  elif ! cmp -s "$work/normalised" "$case_dir/expected/$file"; then
    echo "FAIL: $file differs from tests/cases/semantics/expected/$file (UPDATE_GOLDEN=1 to accept):"
    diff "$case_dir/expected/$file" "$work/normalised" | head -40
    status=1
  fi
done
[ "$status" = 0 ] && echo "ok: every output equals tests/cases/semantics/expected"
exit "$status"
