"""study.xlsx whose rows each carry a cell at column 9,999 (NTO) beyond the
three-column header (issue 29: a 27 KB sheet like this took 2.1 GB and 30 s,
every row laid out 9,999 cells wide). Now each row is laid out only to the
header's width and its far cell is an extra-cell error: memory in proportion
to the cells present.

Generated at test time into OUTDIR (argv[1]); never committed."""
import os, sys
out = sys.argv[1]
sys.path.insert(0, os.environ["CADENCE_RELIABILITY_DIR"])
from xlsx_fixture import write_xlsx, SHEET_HEAD, SHEET_TAIL, column_name

far = column_name(9998)  # column 9,999
rows = ['<row r="1"><c r="A1" t="inlineStr"><is><t>org_id</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>week</t></is></c>'
        '<c r="C1" t="inlineStr"><is><t>learners</t></is></c></row>']
for r in range(2, 20002):
    rows.append('<row r="%d"><c r="A%d" t="inlineStr"><is><t>O5</t></is></c>'
                '<c r="B%d" t="inlineStr"><is><t>2023-W30</t></is></c><c r="C%d"><v>1</v></c>'
                '<c r="%s%d"><v>5</v></c></row>' % (r, r, r, r, far, r))
write_xlsx(os.path.join(out, "study.xlsx"), sheet=SHEET_HEAD + ''.join(rows) + SHEET_TAIL)
