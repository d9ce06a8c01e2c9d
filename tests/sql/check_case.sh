#!/bin/sh
# Usage: check_case.sh CASE_DIR
#
# Runs both independent implementations of the benchmark pack B1-B8, the
# SQLite SQL (run_sqlite.sh) and the Python reference (reference.py), on the
# contract CSVs in CASE_DIR and compares their outputs byte for byte with the
# hand-verified CASE_DIR/findings.csv and, when present, the weekly audit
# variant with CASE_DIR/weekly_findings.csv. On a mismatch it prints the first
# differing lines and exits 1; 0 when everything agrees, 2 on usage errors.
set -u

if [ $# -ne 1 ] || [ ! -f "$1/findings.csv" ]; then
  echo "usage: $0 CASE_DIR (holding the six CSVs and findings.csv)" >&2
  exit 2
fi
case_dir=$1
sql_dir=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
status=0

# compare NAME EXPECTED ACTUAL
compare() {
  if [ ! -f "$3" ]; then
    echo "FAIL $1: no output"
    status=1
  elif cmp -s "$2" "$3"; then
    echo "ok   $1"
  else
    echo "FAIL $1: differs from $2 (first differences, - expected + actual):"
    diff -u "$2" "$3" | sed -n '3,$p' | grep '^[-+]' | head -n 12
    status=1
  fi
}

for variant in full weekly; do
  expected="$case_dir/findings.csv"
  flag=""
  if [ "$variant" = weekly ]; then
    expected="$case_dir/weekly_findings.csv"
    flag="--weekly"
    [ -f "$expected" ] || continue
  fi
  "$sql_dir/run_sqlite.sh" $flag "$case_dir" "$work/sqlite_$variant.csv" ||
    echo "FAIL sqlite $variant: run_sqlite.sh exited $?"
  compare "sqlite $variant" "$expected" "$work/sqlite_$variant.csv"
  python3 "$sql_dir/reference.py" $flag "$case_dir" "$work/python_$variant.csv" ||
    echo "FAIL python $variant: reference.py exited $?"
  compare "python $variant" "$expected" "$work/python_$variant.csv"
done
exit $status
