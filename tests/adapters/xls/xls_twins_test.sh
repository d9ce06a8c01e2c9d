#!/usr/bin/env bash
# .xls files import exactly as their .xlsx twins (issue 22): the fixtures
# (make_xls_fixtures.py: xlwt writes the .xls, openpyxl the .xlsx, same
# cells) are imported into two fresh stores; the summaries and diagnostics
# (with the extension written EXT) and the stored members and study rows
# must be equal to each other and to expected.txt. The fixtures cover a
# title row, Chinese headers, date cells in ISO and 年月日 formats, a footer
# row, a column the record set does not use (a warning), and a workbook
# with one sheet per county (both sheets imported, each named; with
# --sheet, the one named).
#
# Usage: xls_twins_test.sh CADENCE SOURCE_DIR [--update]
set -euo pipefail
cadence=$(realpath "$1") source=$(realpath "$2") mode=${3:-}
here=$source/tests/adapters/xls
# A fixed "today": snapshots without an export date are dated the import day.
export CADENCE_TODAY=2023-03-13
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here"/fixtures/* "$work/"

for ext in xls xlsx; do
  out=$work/$ext.out
  set +e
  (cd "$work" && "$cadence" import --db "$ext.db" --pack "$source/rules/guyuan-2023" \
    orgs.csv "团员信息.$ext" "参学统计.$ext") >"$out" 2>&1
  echo "exit $?" >>"$out"
  set -e
  for table in members study; do
    echo "-- $table" >>"$out"
    sqlite3 "$work/$ext.db" "SELECT * FROM rs_$table ORDER BY 1, 2" >>"$out" 2>&1 || true
  done
  # --sheet: that sheet alone, under the file's own name.
  set +e
  (cd "$work" && "$cadence" import --db "$ext-sheet.db" --pack "$source/rules/guyuan-2023" --sheet 西吉县 \
    orgs.csv "参学统计.$ext") >>"$out" 2>&1
  echo "exit $?" >>"$out"
  set -e
  echo "-- study (--sheet 西吉县)" >>"$out"
  sqlite3 "$work/$ext-sheet.db" "SELECT * FROM rs_study ORDER BY 1, 2" >>"$out" 2>&1 || true
  sed -i "s/\.$ext\b/.EXT/g; s/(XLSX\?\b/(FORMAT/g" "$out"
done

if [ "$mode" = "--update" ]; then
  cp "$work/xls.out" "$here/expected.txt"
  exit 0
fi
failed=0
if ! diff -u "$work/xlsx.out" "$work/xls.out"; then echo "FAIL: the .xls import differs from its .xlsx twin"; failed=1; fi
if ! diff -u "$here/expected.txt" "$work/xls.out"; then echo "FAIL: differs from expected.txt"; failed=1; fi
[ "$failed" -eq 0 ] && echo "ok: .xls and .xlsx twins import the same rows"
exit "$failed"
