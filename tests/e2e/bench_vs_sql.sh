#!/usr/bin/env bash
# cadence's B1–B8 findings against the independent SQL implementation of
# contract.md (tests/sql), byte for byte, on generated contract-layout data.
# Usage: bench_vs_sql.sh CADENCE CADENCE_GEN SOURCE_DIR BRANCHES SEED
# Any difference fails and prints the first differing rows.
set -euo pipefail
cadence=$1 generator=$2 source=$3 branches=$4 seed=$5
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$generator" --branches "$branches" --seed "$seed" --contract-only --out "$work/data" >/dev/null
"$cadence" import --db "$work/store.db" --pack "$source/rules/bench" "$work/data" >/dev/null
compare() {  # name, cadence output, sql output
  if ! cmp -s "$2" "$3"; then
    echo "FAIL: $1 differs from the SQL reference ($(wc -l <"$2") vs $(wc -l <"$3") lines); first differences:"
    diff "$2" "$3" | head -20
    exit 1
  fi
  echo "ok: $1 identical ($(($(wc -l <"$2") - 1)) findings)"
}
"$cadence" audit --db "$work/store.db" --pack "$source/rules/bench" --year 2023 --format contract \
  --out "$work/cadence-full.csv" 2>/dev/null
sh "$source/tests/sql/run_sqlite.sh" "$work/data" "$work/sql-full.csv"
compare "full-year audit" "$work/cadence-full.csv" "$work/sql-full.csv"
"$cadence" audit --db "$work/store.db" --pack "$source/rules/bench" --week 2023-W10 --month 2023-03 \
  --format contract --out "$work/cadence-weekly.csv" 2>/dev/null
sh "$source/tests/sql/run_sqlite.sh" --weekly "$work/data" "$work/sql-weekly.csv"
compare "weekly audit" "$work/cadence-weekly.csv" "$work/sql-weekly.csv"
