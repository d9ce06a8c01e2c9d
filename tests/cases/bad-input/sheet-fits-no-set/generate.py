"""book.xlsx with two sheets: 原州区 holds study rows, 工资 a header no record
set has. Every sheet is imported on its own, so the workbook is refused,
naming the sheet (issue 22). Generated at test time into OUTDIR (argv[1])."""
import os, sys
import openpyxl
book = openpyxl.Workbook()
book.remove(book.active)
study = book.create_sheet('原州区')
for row in [['org_id', 'week', 'learners'], ['O5', '2023-W40', 3]]:
    study.append(row)
payroll = book.create_sheet('工资')
for row in [['employee', 'salary'], ['A', 1000]]:
    payroll.append(row)
book.save(os.path.join(sys.argv[1], 'book.xlsx'))
