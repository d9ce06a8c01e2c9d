#!/bin/sh
# Usage: run_sqlite.sh [--weekly] DATA_DIR OUT_FILE
#
# Runs the independent SQL implementation of the benchmark pack B1-B8
# (shared/contract.md) with the sqlite3 CLI: imports the six contract CSVs of
# DATA_DIR (orgs, members, study, activities, transfers, notices; header row,
# RFC 4180 quoting, UTF-8 with or without BOM, LF or CRLF) into a fresh
# temporary database as all-TEXT tables, runs b1_b8.sqlite.sql (preceded by
# weekly.sqlite.sql with --weekly) and writes the findings file to OUT_FILE.
# A missing CSV imports as an empty table. Exit status: 0 ok, 2 usage error,
# otherwise sqlite3's failure.
set -eu

sql_dir=$(cd "$(dirname "$0")" && pwd)
prologue=""
if [ "${1:-}" = "--weekly" ]; then
  prologue="$sql_dir/weekly.sqlite.sql"
  shift
fi
if [ $# -ne 2 ]; then
  echo "usage: $0 [--weekly] DATA_DIR OUT_FILE" >&2
  exit 2
fi
data_dir=$1
out_file=$2
command -v sqlite3 >/dev/null || { echo "$0: sqlite3 not found" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

# Column order is the contract's; --skip 1 drops each file's header row.
{
  echo "CREATE TABLE orgs(id TEXT, name TEXT, parent_id TEXT, kind TEXT, category TEXT, secretary TEXT, elected_on TEXT);"
  echo "CREATE TABLE members(id TEXT, org_id TEXT, name TEXT, birth_date TEXT, joined_on TEXT, status TEXT, graduation_date TEXT);"
  echo "CREATE TABLE study(org_id TEXT, week TEXT, learners TEXT);"
  echo "CREATE TABLE activities(id TEXT, org_id TEXT, type TEXT, held_on TEXT, attendees TEXT);"
  echo "CREATE TABLE transfers(member_id TEXT, from_org TEXT, to_org TEXT, kind TEXT, requested_on TEXT, completed_on TEXT);"
  echo "CREATE TABLE notices(org_id TEXT, kind TEXT, period TEXT, published_on TEXT);"
  for table in orgs members study activities transfers notices; do
    csv="$data_dir/$table.csv"
    if [ -f "$csv" ]; then
      # The sqlite3 shell takes a double-quoted argument with C escapes.
      quoted=$(printf '%s' "$csv" | sed 's/\\/\\\\/g; s/"/\\"/g')
      echo ".import --csv --skip 1 \"$quoted\" $table"
    fi
  done
} > "$work/import.sql"

# Fed on stdin so that no path needs quoting inside the sqlite3 shell.
cat "$work/import.sql" ${prologue:+"$prologue"} "$sql_dir/b1_b8.sqlite.sql" |
  sqlite3 -bail "$work/cadence_ref.db" > "$work/findings.csv"
mv "$work/findings.csv" "$out_file"
