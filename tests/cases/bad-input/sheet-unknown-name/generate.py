"""study.xlsx with the sheets 原州区 and 西吉县, imported with --sheet 固原
(no such sheet). Generated at test time into OUTDIR (argv[1])."""
import os, sys
import openpyxl
book = openpyxl.Workbook()
book.remove(book.active)
for name in ('原州区', '西吉县'):
    sheet = book.create_sheet(name)
    for row in [['org_id', 'week', 'learners'], ['O5', '2023-W40', 3]]:
        sheet.append(row)
book.save(os.path.join(sys.argv[1], 'study.xlsx'))
