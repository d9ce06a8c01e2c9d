"""study.xls written by xlwt (BIFF8), then cut to its first 3000 bytes, as
an interrupted download would leave it. Generated at test time into OUTDIR
(argv[1])."""
import io, os, sys
import xlwt
book = xlwt.Workbook(encoding='utf-8')
sheet = book.add_sheet('参学统计')
for r, row in enumerate([['org_id', 'week', 'learners']] + [['O5', '2023-W%02d' % w, 3] for w in range(1, 40)]):
    for c, value in enumerate(row):
        sheet.write(r, c, value)
data = io.BytesIO()
book.save(data)
with open(os.path.join(sys.argv[1], 'study.xls'), 'wb') as f:
    f.write(data.getvalue()[:3000])
