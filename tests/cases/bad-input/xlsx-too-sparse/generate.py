"""study.xlsx whose header itself reaches column 9,999 (NTO), with 200 rows
of two cells each, at A and at NTO: laid out under that header the rows
would take 2 million cells for 400 filled ones. Refused as too sparse.

Generated at test time into OUTDIR (argv[1]); never committed."""
import os, sys
out = sys.argv[1]
sys.path.insert(0, os.environ["CADENCE_RELIABILITY_DIR"])
from xlsx_fixture import write_xlsx, SHEET_HEAD, SHEET_TAIL, column_name

far = column_name(9998)
rows = ['<row r="1"><c r="A1" t="inlineStr"><is><t>org_id</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>week</t></is></c>'
        '<c r="C1" t="inlineStr"><is><t>learners</t></is></c>'
        '<c r="%s1" t="inlineStr"><is><t>remark</t></is></c></row>' % far]
for r in range(2, 202):
    rows.append('<row r="%d"><c r="A%d" t="inlineStr"><is><t>O5</t></is></c>'
                '<c r="%s%d"><v>5</v></c></row>' % (r, r, far, r))
write_xlsx(os.path.join(out, "study.xlsx"), sheet=SHEET_HEAD + ''.join(rows) + SHEET_TAIL)
