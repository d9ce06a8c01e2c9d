#!/usr/bin/env bash
# A hand-checked golden case of the B1–B8 pack (tests/cases/bench-*), run
# through cadence: import the six CSVs, audit the full year (and the weekly
# variant when the case has weekly_findings.csv), compare byte for byte.
# Usage: bench_case.sh CADENCE SOURCE_DIR CASE_DIR
set -euo pipefail
cadence=$1 source=$2 case_dir=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
files=()
for name in orgs members study activities transfers notices; do files+=("$case_dir/$name.csv"); done
"$cadence" import --db "$work/store.db" --pack "$source/rules/bench" "${files[@]}" >/dev/null
"$cadence" audit --db "$work/store.db" --pack "$source/rules/bench" --year 2023 --format contract \
  --out "$work/full.csv" 2>/dev/null
if ! cmp -s "$work/full.csv" "$case_dir/findings.csv"; then
  echo "FAIL: full-year findings differ from $case_dir/findings.csv"
  diff "$work/full.csv" "$case_dir/findings.csv" | head -20
  exit 1
fi
if [ -f "$case_dir/weekly_findings.csv" ]; then
  "$cadence" audit --db "$work/store.db" --pack "$source/rules/bench" --week 2023-W10 --month 2023-03 \
    --format contract --out "$work/weekly.csv" 2>/dev/null
  if ! cmp -s "$work/weekly.csv" "$case_dir/weekly_findings.csv"; then
    echo "FAIL: weekly findings differ from $case_dir/weekly_findings.csv"
    diff "$work/weekly.csv" "$case_dir/weekly_findings.csv" | head -20
    exit 1
  fi
fi
echo "ok: $(basename "$case_dir")"
