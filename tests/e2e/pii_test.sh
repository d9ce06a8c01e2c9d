#!/usr/bin/env bash
# Personal data: an ID-card number typed into a name, a member's name, a
# note or a pack's text never reaches any output in full (all but the last 4
# masked) — every command and every format, standard output, standard error
# and the files written, XLSX included (its zipped XML is searched).
# Usage: pii_test.sh CADENCE SOURCE_DIR   (KEEP=1 keeps the work folder to look at)
#
# The three forms of adapters/report/pii.h: 18 digits, 17 digits and a check
# X, and the first-generation 15 digits.
set -euo pipefail
cadence=$1 source=$2
work=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
case_dir=$source/tests/cases/bulletin-basic
ids=(110101199003071234 11010519491231002X 110105491231002)
masked=('\*\*\*\*\*\*\*\*\*\*\*\*\*\*1234' '\*\*\*\*\*\*\*\*\*\*\*\*\*\*002X' '\*\*\*\*\*\*\*\*\*\*\*1002')

# The bulletin case with every org name, every member name and the pack's
# rule titles and messages holding an ID number.
mkdir -p "$work/case" "$work/out"
cp "$case_dir"/{study,activities,notices,transfers}.csv "$work/case/"
awk -F, -v id="${ids[0]}" 'BEGIN{OFS=","} NR>1 {$2=$2 id} {print}' "$case_dir/orgs.csv" >"$work/case/orgs.csv"
awk -F, -v id="${ids[1]}" 'BEGIN{OFS=","} NR>1 {$3=$3 "身份证" id} {print}' "$case_dir/members.csv" \
  >"$work/case/members.csv"
sed -e "s#^schema: \.\./\.\./\.\./#schema: $source/#" \
    -e "s#^\(    title: .*\)\$#\1${ids[2]}#" \
    -e "s#message: \"{org.name}#message: \"${ids[2]} {org.name}#" \
  "$case_dir/pack.yaml" >"$work/case/pack.yaml"
grep -q "${ids[2]}" "$work/case/pack.yaml" || { echo "FAIL: the pack holds no ID number (sed)"; exit 1; }

db=$work/s.db pack=$work/case
step=0
# run NAME ARGS...: runs cadence, keeps its stdout and stderr as out/NAME.*
run() {
  local name=$1; shift
  step=$((step + 1))
  "$cadence" "$@" >"$work/out/$name.stdout" 2>"$work/out/$name.stderr" || true
}
run import import --db "$db" --pack "$pack" "$work/case"/{orgs,members,study,activities,notices,transfers}.csv
run check check "$pack" --explain --tests
for format in table csv json md contract; do
  run "audit-$format" audit --db "$db" --pack "$pack" --month 2023-03 --format "$format" --dry-run
  run "audit-$format-out" audit --db "$db" --pack "$pack" --month 2023-03 --format "$format" --dry-run \
    --out "$work/out/audit-file.$format"
done
run audit-recorded-1 audit --db "$db" --pack "$pack" --month 2023-02
run audit-recorded-2 audit --db "$db" --pack "$pack" --month 2023-03 --since-last
run history history --db "$db"
run diff diff --db "$db" 1 2
run explain-rate explain --db "$db" --pack "$pack" --rule study.weekly_rate --org B31 --period 2023-W10
run explain-theme explain --db "$db" --pack "$pack" --rule activity.monthly_theme_day --org B11 --period 2023-03
run explain-run explain --db "$db" --rule activity.monthly_theme_day --org B11 --period 2023-03 --run 2
run weak weak --db "$db" --pack "$pack" --as-of 2023-03-31
run rectify-plan rectify --db "$db" B31 plan --note "整改 ${ids[0]}" --on 2023-04-10
run rectify-list rectify --db "$db" --list --as-of 2023-05-15
for format in md html csv; do
  run "bulletin-$format" bulletin --db "$db" --pack "$pack" --month 2023-03 --format "$format"
  run "bulletin-$format-out" bulletin --db "$db" --pack "$pack" --month 2023-03 --format "$format" \
    --out "$work/out/bulletin-file.$format"
done
run bulletin-xlsx bulletin --db "$db" --pack "$pack" --month 2023-03 --format xlsx --out "$work/out/bulletin.xlsx"
run bulletin-branches bulletin --db "$db" --pack "$pack" --month 2023-03 --unit branch --format csv

# The demo on a copy of the sample whose org names hold an ID number.
cp -r "$source/data/sample" "$work/sample"
awk -F, -v id="${ids[0]}" 'BEGIN{OFS=","} NR>1 {$2=$2 id} {print}' "$source/data/sample/orgs.csv" \
  >"$work/sample/orgs.csv"
CADENCE_SAMPLE=$work/sample run demo demo --dir "$work/demo"

# Every output, XLSX files unzipped: no full ID anywhere.
for xlsx in "$work/out/bulletin.xlsx" "$work/demo"/*.xlsx; do
  [ -f "$xlsx" ] || { echo "FAIL: $xlsx was not written"; exit 1; }
  /usr/bin/python3 -c 'import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
sys.stdout.write("".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml")))' "$xlsx" \
    >"$xlsx.xml"
done
outputs=("$work/out"/* "$work/demo"/*)
failed=0
for id in "${ids[@]}"; do
  for file in "${outputs[@]}"; do
    case $file in *.xlsx|*/cadence.db*) continue ;; esac
    if grep -q -- "$id" "$file"; then
      echo "FAIL: $(basename "$file") prints the full ID number $id:"; grep -m3 -- "$id" "$file"; failed=1
    fi
  done
done
# The data did reach the outputs, masked: each form somewhere, and the
# commands the issue names (explain, weak) show the masked names.
for form in "${masked[@]}"; do
  grep -q -- "$form" "${outputs[@]}" 2>/dev/null || { echo "FAIL: the masked form $form appears nowhere"; failed=1; }
done
for name in explain-rate.stdout explain-theme.stdout weak.stdout audit-csv.stdout bulletin-md.stdout \
    bulletin-xlsx.xml demo.stdout; do
  file=$work/out/$name
  [ "$name" = bulletin-xlsx.xml ] && file=$work/out/bulletin.xlsx.xml
  grep -q -- '\*\*\*\*\*\*\*\*\*\*\*' "$file" || { echo "FAIL: $name shows no masked number"; head -5 "$file"; failed=1; }
done
[ "$failed" = 0 ] || exit 1
echo "ok: no full ID number in $step commands' stdout, stderr and files (XLSX included)"
