#!/usr/bin/env bash
# The weekly routine of issue 22 through the command line: two counties'
# partial study files for one week give the union; a dry run changes no
# byte of the store; history --imports lists the batches; --undo of the
# last and then of an earlier batch removes exactly their rows; an unknown
# batch is refused and changes nothing.
# Usage: weekly_import_test.sh CADENCE SOURCE_DIR
set -euo pipefail
cadence=$1 source=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pack=$source/rules/guyuan-2023
export CADENCE_TODAY=2024-01-15
fail() { echo "FAIL: $*"; exit 1; }
rows() { sqlite3 "$work/c.db" "SELECT count(*) FROM rs_study"; }
batch_of() { "$cadence" history --db "$work/c.db" --imports | awk -F'\t' -v f="$1" '$NF == f { print $1 }'; }

"$cadence" import --db "$work/c.db" --pack "$pack" "$source/data/sample" >/dev/null
base=$(rows)
# 2024-W02 is after the sample's year: every row of these files is new.
printf 'org_id,week,learners\nO0000037,2024-W02,3\n' >"$work/yuanzhou.csv"
printf 'org_id,week,learners\nO0000103,2024-W02,4\nO0000104,2024-W02,5\n' >"$work/xiji.csv"
(cd "$work" && "$cadence" import --db c.db --pack "$pack" yuanzhou.csv) >"$work/out.txt"
(cd "$work" && "$cadence" import --db c.db --pack "$pack" xiji.csv) >>"$work/out.txt"
grep -q "1 row: 1 added, 0 updated" "$work/out.txt" || fail "the first county's file: $(cat "$work/out.txt")"
grep -q "2 rows: 2 added, 0 updated" "$work/out.txt" || fail "the second county's file: $(cat "$work/out.txt")"
[ "$(rows)" -eq $((base + 3)) ] || fail "two partial files should give the union: $(rows) rows, not $((base + 3))"

# A dry run of a changed row: says what it would update, stores nothing.
printf 'org_id,week,learners\nO0000037,2024-W02,9\n' >"$work/again.csv"
cp "$work/c.db" "$work/before.db"
(cd "$work" && "$cadence" import --db c.db --pack "$pack" --dry-run again.csv) >"$work/dry.txt"
grep -q "would update: O0000037, 2024-W02" "$work/dry.txt" || fail "dry run summary: $(cat "$work/dry.txt")"
cmp -s "$work/c.db" "$work/before.db" || fail "the dry run changed the store file"

# history --imports names every batch; undo the last, then the earlier one.
first=$(batch_of yuanzhou.csv) second=$(batch_of xiji.csv)
[ -n "$first" ] && [ -n "$second" ] && [ "$second" -gt "$first" ] || fail "history --imports lists no such batches"
"$cadence" import --db "$work/c.db" --undo "$second" >/dev/null
[ "$(rows)" -eq $((base + 1)) ] || fail "undo of the last batch left $(rows) rows"
[ "$(sqlite3 "$work/c.db" "SELECT count(*) FROM rs_study WHERE org_id = 'O0000037'")" -gt 0 ] || fail "undo took other rows"
"$cadence" import --db "$work/c.db" --undo "$first" >/dev/null
[ "$(rows)" -eq "$base" ] || fail "undo of the earlier batch left $(rows) rows, not $base"

cp "$work/c.db" "$work/before.db"
if "$cadence" import --db "$work/c.db" --undo 9999 2>"$work/err.txt"; then fail "an unknown batch was undone"; fi
grep -q "no import batch 9999" "$work/err.txt" || fail "message: $(cat "$work/err.txt")"
cmp -s "$work/c.db" "$work/before.db" || fail "a refused undo changed the store file"
echo "ok: partial files give the union, dry run and undo change exactly what they say"
