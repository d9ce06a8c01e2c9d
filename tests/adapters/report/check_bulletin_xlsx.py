"""Reads the bulletin XLSX with openpyxl (an independent reader) and checks its cells."""
import sys

import openpyxl

book = openpyxl.load_workbook(sys.argv[1])
assert book.sheetnames == ["说明", "按参学率", "按未学人数", "各单位情况", "其他情况"], book.sheetnames
about = book["说明"]
assert about["A1"].value == "青年大学习月度通报 2023-03", about["A1"].value
assert about["B5"].value.startswith("bulletin-basic") or about["B4"].value == "bulletin-basic 0.4.0", (about["B4"].value)
rate = book["按参学率"]
header = [cell.value for cell in rate[1]]
# The month's 人次 (2 episodes in 2023-03): whole numbers.
assert header == ["序号", "单位", "应学人次", "参学人次", "参学率", "较上月（百分点）", "未学人次", "备注"], header
assert rate["A1"].font.bold, "header is bold"
rows = [[cell.value for cell in row] for row in rate.iter_rows(min_row=2)]
assert rows[0] == [1, "西吉县团委", 20, 16, 0.8, -20, 4, "表扬"], rows[0]
assert rows[1][1] == "原州区团委" and abs(rows[1][5] - 30) < 1e-9, rows[1]
assert rows[2][1] == "隆德县团委" and rows[2][3] == 3 and abs(rows[2][4] - 0.3) < 1e-12 and rows[2][7] == "批评", rows[2]
assert rows[3][1] == "泾源县团委" and rows[3][4] is None, rows[3]
assert rate["E2"].number_format == "0.0%", rate["E2"].number_format
assert rate["C2"].number_format == "0", rate["C2"].number_format
for row in rows:
    assert all(isinstance(value, int) for value in (row[2], row[3]) if value is not None), row
# Printed: A4, fitted to the page width, the header row on every page.
assert rate.page_setup.paperSize == 9, rate.page_setup.paperSize
# fitToWidth absent means 1 (ECMA-376); fitToHeight 0: as many pages as needed.
setup = rate.page_setup
assert rate.sheet_properties.pageSetUpPr.fitToPage, "fit to page"
assert setup.fitToWidth in (None, 1) and setup.fitToHeight in (0, "0"), (setup.fitToWidth, setup.fitToHeight)
assert rate.print_title_rows == "$1:$1", rate.print_title_rows
short = book["按未学人数"]
assert [short.cell(row=r, column=2).value for r in (2, 3, 4)] == ["隆德县团委", "原州区团委", "西吉县团委"]
# The pack's per-unit lines: one column per line (its label), one row per unit.
lines = book["各单位情况"]
assert [cell.value for cell in lines[1]] == ["单位编码", "单位", "主题团日未开展", "学社衔接"], [c.value for c in lines[1]]
assert lines["C1"].font.bold, "header is bold"
per_unit = {row[0]: row[1:] for row in lines.iter_rows(min_row=2, values_only=True)}
assert sorted(per_unit) == ["C1", "C2", "C3", "C4"], per_unit
assert per_unit["C1"] == ("原州区团委", "1 个支部（原州二中团支部）", "待办 3 人（超期 1 件），完成率 40.0%"), per_unit["C1"]
assert per_unit["C2"] == ("西吉县团委", "0 个支部", "待办 0 人（超期 0 件），完成率 —"), per_unit["C2"]
notes = book["其他情况"]
topics = [(row[0].value, row[2].value) for row in notes.iter_rows(min_row=2)]
assert ("C3", "月通报按时发布") in topics and ("C1", "每月主题团日") in topics, topics
print("xlsx ok:", len(rows), "units")
