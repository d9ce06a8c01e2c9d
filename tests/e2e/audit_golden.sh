#!/usr/bin/env bash
# The audit report people read first, byte for byte: the B1–B8 pack on
# tests/cases/bench-tiny for 2023-W10 and 2023-03, in one format, compared
# with tests/cases/audit-report/<expected file>.
#
# Usage: audit_golden.sh CADENCE SOURCE_DIR FORMAT [LANG]
#   FORMAT is table, md, json, csv or contract; LANG zh (default, the
#   expected file as named below) or en (its English twin, table.en.txt, …).
#   The contract CSV is machine-readable: one file, the same in both.
# Regenerate after an intended change to a report (then read the diff):
#   UPDATE_GOLDEN=1 ctest --preset asan -R 'audit report golden'
#
# The report is written to stdout with --dry-run, so no run is recorded and
# no timestamp or store path enters it; any path of the temporary folder that
# does appear is replaced by <work> all the same.
set -euo pipefail
cadence=$1 source=$2 format=$3 lang=${4:-zh}
data="$source/tests/cases/bench-tiny"
golden_dir="$source/tests/cases/audit-report"
case "$format" in
  table) expected=table.txt ;;
  md) expected=report.md ;;
  json) expected=report.json ;;
  csv) expected=report.csv ;;
  contract) expected=contract.csv ;;
  *) echo "audit_golden.sh: unknown format '$format'" >&2; exit 2 ;;
esac
if [ "$lang" = en ] && [ "$format" != contract ]; then expected=${expected%.*}.en.${expected##*.}; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
files=()
for name in orgs members study activities transfers notices; do files+=("$data/$name.csv"); done
"$cadence" import --db "$work/store.db" --pack "$source/rules/bench" "${files[@]}" >/dev/null
"$cadence" audit --lang "$lang" --db "$work/store.db" --pack "$source/rules/bench" --week 2023-W10 --month 2023-03 \
  --format "$format" --dry-run >"$work/out" 2>"$work/err" || { cat "$work/err"; exit 1; }
sed -e "s|$work|<work>|g" -e "s|$source|<source>|g" "$work/out" >"$work/normalised"
# The contract CSV is never rewritten: it must stay byte for byte.
if [ "${UPDATE_GOLDEN:-}" = 1 ] && [ "$format" != contract ]; then
  cp "$work/normalised" "$golden_dir/$expected"
  echo "updated: tests/cases/audit-report/$expected"
  exit 0
fi
if ! cmp -s "$work/normalised" "$golden_dir/$expected"; then
  echo "FAIL: --format $format differs from tests/cases/audit-report/$expected (UPDATE_GOLDEN=1 to accept):"
  diff "$golden_dir/$expected" "$work/normalised" | head -40
  exit 1
fi
echo "ok: --format $format equals tests/cases/audit-report/$expected"
