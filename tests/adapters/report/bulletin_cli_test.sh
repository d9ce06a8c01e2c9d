#!/bin/sh
# CLI-level tests of `cadence bulletin`, `cadence weak` and `cadence rectify`
# on tests/cases/bulletin-basic. Usage: bulletin_cli_test.sh CADENCE CASE_DIR CHECK
#   CHECK = md | csv | no-episodes | xlsx | pdf | ledger | ledger-en
# Golden files live in the case folder; the data cut-off line (the import
# time) is replaced by a fixed text before comparing.
set -eu
cadence=$1
case_dir=$2
check=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db=$work/cadence.db
"$cadence" import --db "$db" --pack "$case_dir" "$case_dir"/orgs.csv "$case_dir"/members.csv "$case_dir"/study.csv \
  "$case_dir"/activities.csv "$case_dir"/notices.csv "$case_dir"/transfers.csv >/dev/null 2>&1
normalize() { sed -e 's/^\(- 数据截至：\).*/\1CUTOFF/'; }
case $check in
  md)
    "$cadence" bulletin --db "$db" --pack "$case_dir" --month 2023-03 | normalize > "$work/out.md"
    diff -u "$case_dir/expected-2023-03.md" "$work/out.md" ;;
  csv)
    "$cadence" bulletin --db "$db" --pack "$case_dir" --month 2023-03 --format csv > "$work/out.csv"
    diff -u "$case_dir/expected-2023-03.csv" "$work/out.csv" ;;
  no-episodes)
    "$cadence" bulletin --db "$db" --pack "$case_dir" --month 2023-01 | normalize > "$work/out.md"
    diff -u "$case_dir/expected-2023-01.md" "$work/out.md" ;;
  branches)
    "$cadence" bulletin --db "$db" --pack "$case_dir" --month 2023-03 --unit branch --under C1 --format csv > "$work/out.csv"
    diff -u "$case_dir/expected-2023-03-branches-C1.csv" "$work/out.csv" ;;
  xlsx)
    "$cadence" bulletin --db "$db" --pack "$case_dir" --month 2023-03 --format xlsx --out "$work/out.xlsx" 2>/dev/null
    /usr/bin/python3 "$case_dir/../../adapters/report/check_bulletin_xlsx.py" "$work/out.xlsx" ;;
  pdf)
    chromium=/usr/bin/chromium
    if [ ! -x "$chromium" ]; then echo "SKIPPED: $chromium is absent, the HTML-to-PDF check cannot run"; exit 0; fi
    "$cadence" bulletin --db "$db" --pack "$case_dir" --month 2023-03 --format html --out "$work/out.html" 2>/dev/null
    "$chromium" --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
      --disable-component-update --disable-sync --user-data-dir="$work/profile" \
      --print-to-pdf="$work/out.pdf" "file://$work/out.html" >/dev/null 2>&1
    pdftotext -enc UTF-8 "$work/out.pdf" "$work/out.txt"
    for text in 青年大学习月度通报 按参学率排序 按未学人数排序 其他情况 参学率 未学人数 西吉县团委 原州区团委 隆德县团委 泾源县团委 表扬 批评 \
        主题团日未开展：1 学社衔接：待办 40.0%; do
      grep -q "$text" "$work/out.txt" || { echo "PDF text lacks $text"; cat "$work/out.txt"; exit 1; }
    done ;;
  ledger|ledger-en)
    # The register in Chinese (the default, asked for explicitly so that the
    # environment's LANG does not matter) or in English: expected-ledger.txt
    # or expected-ledger.en.txt. UPDATE_GOLDEN=1 rewrites it.
    if [ "$check" = ledger ]; then lang=zh expected=expected-ledger.txt; else lang=en expected=expected-ledger.en.txt; fi
    "$cadence" weak --lang "$lang" --db "$db" --pack "$case_dir" --as-of 2023-03-31 > "$work/weak.txt" 2>/dev/null
    "$cadence" weak --db "$db" --pack "$case_dir" --as-of 2023-03-31 >/dev/null 2>&1
    "$cadence" rectify --db "$db" B31 plan --note 整改方案 --on 2023-04-10 2>/dev/null
    "$cadence" rectify --db "$db" B31 close --on 2023-04-20 2>/dev/null
    if "$cadence" rectify --db "$db" B41 close --on 2023-04-20 2>/dev/null; then echo "closing an open case must fail"; exit 1; fi
    "$cadence" weak --db "$db" --pack "$case_dir" --as-of 2023-04-30 >/dev/null 2>&1
    {
      cat "$work/weak.txt"
      echo "--- list"
      "$cadence" rectify --lang "$lang" --db "$db" --pack "$case_dir" --list --as-of 2023-05-15
      echo "--- overdue"
      "$cadence" rectify --lang "$lang" --db "$db" --pack "$case_dir" --list --overdue --as-of 2023-05-15
      echo "--- one org: B31"
      "$cadence" rectify --lang "$lang" --db "$db" --pack "$case_dir" --list B31 --as-of 2023-05-15
      echo "--- under C1"
      "$cadence" rectify --lang "$lang" --db "$db" --pack "$case_dir" --list --under C1 --as-of 2023-05-15
      echo "--- csv"
      "$cadence" rectify --lang "$lang" --db "$db" --pack "$case_dir" --list --format csv --as-of 2023-05-15
    } > "$work/ledger.txt"
    if [ "${UPDATE_GOLDEN:-}" = 1 ]; then cp "$work/ledger.txt" "$case_dir/$expected"; echo "updated: $expected"; exit 0; fi
    diff -u "$case_dir/$expected" "$work/ledger.txt" ;;
  *) echo "unknown check $check"; exit 2 ;;
esac
