#!/usr/bin/env bash
# `cadence demo` end to end into a temporary folder: its summary and every
# report file, checked for content (not only that it exited 0).
# Usage: demo_test.sh CADENCE SOURCE_DIR
set -euo pipefail
cadence=$1 source=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$source"
# In Chinese, the default, asked for so that the machine's LANG does not matter.
"$cadence" demo --lang zh --dir "$work/demo" >"$work/summary.txt"
fail() { echo "FAIL: $*"; echo "--- summary ---"; cat "$work/summary.txt"; exit 1; }
grep -q "members-gbk.csv → members (GB18030, 1 title row skipped, 1 footer row skipped)" "$work/summary.txt" \
  || fail "the GBK members export was not imported as such"
grep -q "transfers.xlsx → transfers (XLSX)" "$work/summary.txt" || fail "the XLSX was not imported"
grep -q "rejected" "$work/summary.txt" || fail "no import counts"
grep -Eq "^   [a-z_.]+  O[0-9]+  2023年" "$work/summary.txt" || fail "no top findings listed"
grep -q "^2. 周审计 2023-W" "$work/summary.txt" || fail "the demo does not speak Chinese"
grep -q "软弱涣散团支部" "$work/summary.txt" || fail "no weak-branch list"
for name in audit-2023-W10.csv audit-2023-W10.md bulletin-2023-03.md bulletin-2023-03.html bulletin-2023-03.xlsx \
            bulletin-2023-03.csv bulletin-2023-03.docx bulletin-2023-03.pdf dispatch-2023-W10-O0000002.md \
            dispatch-2023-W10-O0000002.docx dispatch-2023-W10-O0000002.pdf weak-2023-06-30.txt cadence.db; do
  [ -s "$work/demo/$name" ] || fail "missing or empty $name"
done
head -1 "$work/demo/audit-2023-W10.csv" | grep -q "^.*规则,组织编号,期间,数值,得分,状态,组织名称,所属县（区）," || fail "audit CSV header"
[ "$(wc -l <"$work/demo/audit-2023-W10.csv")" -gt 10 ] || fail "too few findings in the weekly audit"
grep -q "参学率" "$work/demo/bulletin-2023-03.html" || fail "bulletin HTML lacks 参学率"
grep -q "原州区" "$work/demo/bulletin-2023-03.md" || fail "bulletin lacks the county 原州区"
# The pack's per-unit lines: each county's count of branches without the
# March theme day, and its applications pending past 10 days.
[ "$(grep -c "^- 主题团日未开展：[0-9]* 个团支部" "$work/demo/bulletin-2023-03.md")" -eq 5 ] \
  || fail "bulletin lacks a county's 主题团日未开展 line"
grep -q "^- 转接申请超期：[0-9]* 件超过 10 天未办结" "$work/demo/bulletin-2023-03.md" || fail "bulletin lacks 转接申请超期"
head -c 2 "$work/demo/bulletin-2023-03.xlsx" | grep -q "PK" || fail "bulletin XLSX is not a zip"
"$cadence" history --db "$work/demo/cadence.db" | grep -q "guyuan" || fail "the audit run was not recorded"
echo "ok: demo wrote $(ls "$work/demo" | wc -l) files"
