#!/usr/bin/env bash
# Recorded runs read back through the program: two audits of the demo sample
# (the second with --since-last), then `cadence history`, `cadence diff` and
# `cadence explain --run` must give back what the audits wrote to their CSV
# reports — the counts, and every field of a sample of the findings.
# Usage: run_history_test.sh CADENCE SOURCE_DIR
set -euo pipefail
cadence=$1 source=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pack=$source/rules/guyuan-2023
fail() { echo "FAIL: $*"; exit 1; }
"$cadence" import --db "$work/c.db" --pack "$pack" "$source/data/sample" >/dev/null
# Run 1 grades W10 and the months due; run 2 only W10 again.
"$cadence" audit --db "$work/c.db" --pack "$pack" --week 2023-W10 --format csv --out "$work/run1.csv" 2>/dev/null
"$cadence" audit --db "$work/c.db" --pack "$pack" --week 2023-W10 --format csv --out "$work/run2.csv" --since-last \
  >"$work/since.txt" 2>/dev/null
first=$(($(wc -l <"$work/run1.csv") - 1))
second=$(($(wc -l <"$work/run2.csv") - 1))
[ "$first" -gt "$second" ] && [ "$second" -gt 0 ] || fail "unexpected finding counts $first, $second"

grep -q "^Since the last run:" "$work/since.txt" || fail "--since-last printed no comparison"
for line in "  new: 0" "  persisting: $second" "  revised: 0" "  resolved: 0"; do
  grep -qx "$line" "$work/since.txt" || fail "--since-last lacks '$line'"
done

"$cadence" history --db "$work/c.db" >"$work/history.txt"
[ "$(cut -f1,4 "$work/history.txt" | tail -n +2 | tr '\t\n' ' ;')" = "1 $first;2 $second;" ] \
  || fail "history: $(cat "$work/history.txt")"

"$cadence" diff --db "$work/c.db" 1 2 >"$work/diff.txt"
grep -qx "  persisting: $second" "$work/diff.txt" || fail "diff 1 2: $(head -5 "$work/diff.txt")"
[ "$(grep -c "open since run 1$" "$work/diff.txt")" -eq "$second" ] || fail "diff 1 2: not every finding open since run 1"

# Every 40th finding of run 1 (and its last) as the CSV has it, against
# what `explain --run 1` reads back from the store.
python3 - "$work/run1.csv" >"$work/sample.txt" <<'EOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")))
for row in rows[::40] + rows[-1:]:
    print("\x1f".join(row[k] for k in ("rule", "org_id", "period", "status", "value", "score", "numerator",
                                      "denominator", "gap", "message")))
EOF
checked=0
# Fields apart by the unit separator: read merges runs of tabs, and empty
# fields (no ratio) must stay fields.
while IFS=$'\x1f' read -r rule org period status value score numerator denominator gap message; do
  ratio=""
  [ -n "$numerator" ] && ratio=" ($numerator/$denominator)"
  needs=""  # a rule whose condition draws no line has no gap
  [ -n "$gap" ] && needs=", needs $gap"
  expected="run 1: $rule $org $period: $status
  value $value$ratio, score $score$needs
  $message"
  actual=$("$cadence" explain --db "$work/c.db" --run 1 --rule "$rule" --org "$org" --period "$period")
  [ "$actual" = "$expected" ] || fail "explain --run 1 $rule $org $period:
$actual
expected:
$expected"
  checked=$((checked + 1))
done <"$work/sample.txt"
[ "$checked" -gt 10 ] || fail "only $checked findings checked"
echo "ok: runs of $first and $second findings; $checked findings read back field by field"
