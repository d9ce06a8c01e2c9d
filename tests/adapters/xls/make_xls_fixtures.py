"""Writes the .xls / .xlsx twins of tests/adapters/xls (issue 22).

Run with Debian's python (/usr/bin/python3: python3-xlwt, python3-openpyxl);
the output is checked in, so that the .xls files come from a program other
than cadence and do not change between runs:

  /usr/bin/python3 tests/adapters/xls/make_xls_fixtures.py tests/adapters/xls/fixtures

Each workbook is written twice with the same cells, once by xlwt (BIFF8,
.xls) and once by openpyxl (.xlsx):
  - 团员信息: a members export as 智慧团建 writes it: a title row above the
    Chinese header, birth dates as date cells in two date formats (ISO and
    zh-CN 年月日), a status code as a number, and a footer row 合计：3人;
  - 参学统计: one sheet per county (原州区, 西吉县) of one week's study,
    with a column 支部名称 that the study record set does not use.
"""
import datetime
import os
import sys

import openpyxl
import xlwt

MEMBERS = [
    ['固原市团员信息（导出时间：2023年3月6日）'],
    ['团员编号', '姓名', '所在团支部', '出生日期', '入团年月', '团籍状态'],
    ['M1', '马小红', 'B1', datetime.date(2001, 5, 4), '2015-05', 0],
    ['M2', '李明', 'B2', datetime.date(1999, 12, 31), '2014-06', 0],
    ['M3', '王芳', 'B3', datetime.date(2003, 2, 28), '2018-05', 2],
    ['合计：3人'],
]
STUDY = {
    '原州区': [['团支部编码', '支部名称', '周次', '参学人数'],
              ['B1', '清河镇机关团支部', '2023-W05', 1],
              ['B2', '三营镇机关团支部', '2023-W05', 0]],
    '西吉县': [['团支部编码', '支部名称', '周次', '参学人数'],
              ['B3', '吉强镇机关团支部', '2023-W05', 1]],
}
ISO = 'YYYY-MM-DD'
CHINESE = 'yyyy"年"m"月"d"日"'


def date_format(row_index):
  return ISO if row_index % 2 == 0 else CHINESE


def write_xls(path, sheets):
  book = xlwt.Workbook(encoding='utf-8')
  styles = {code: xlwt.easyxf(num_format_str=code) for code in (ISO, CHINESE)}
  for name, rows in sheets.items():
    sheet = book.add_sheet(name)
    for r, row in enumerate(rows):
      for c, value in enumerate(row):
        if isinstance(value, datetime.date):
          sheet.write(r, c, value, styles[date_format(r)])
        else:
          sheet.write(r, c, value)
  book.save(path)


def write_xlsx(path, sheets):
  book = openpyxl.Workbook()
  book.remove(book.active)
  for name, rows in sheets.items():
    sheet = book.create_sheet(name)
    for r, row in enumerate(rows):
      for c, value in enumerate(row):
        cell = sheet.cell(row=r + 1, column=c + 1, value=value)
        if isinstance(value, datetime.date):
          cell.number_format = date_format(r)
  book.save(path)


def main():
  out = sys.argv[1]
  os.makedirs(out, exist_ok=True)
  for stem, sheets in (('团员信息', {'团员': MEMBERS}), ('参学统计', STUDY)):
    write_xls(os.path.join(out, stem + '.xls'), sheets)
    write_xlsx(os.path.join(out, stem + '.xlsx'), sheets)
  with open(os.path.join(out, 'orgs.csv'), 'w', encoding='utf-8') as f:
    f.write('id,name,parent_id,kind\n'
            'R,固原团市委,,committee\n'
            'C1,原州区团委,R,committee\n'
            'C2,西吉县团委,R,committee\n'
            'B1,清河镇机关团支部,C1,branch\n'
            'B2,三营镇机关团支部,C1,branch\n'
            'B3,吉强镇机关团支部,C2,branch\n')


main()
