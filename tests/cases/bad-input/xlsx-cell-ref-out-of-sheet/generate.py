"""study.xlsx with a cell whose reference is no cell of a sheet (XFE3, one
column beyond XFD). Before, the cell was quietly placed in the next column;
now the read stops at it.

Generated at test time into OUTDIR (argv[1]); never committed."""
import os, sys
out = sys.argv[1]
sys.path.insert(0, os.environ["CADENCE_RELIABILITY_DIR"])
from xlsx_fixture import write_xlsx, SHEET_HEAD, SHEET_TAIL
sheet = (SHEET_HEAD +
         '<row r="1"><c r="A1" t="inlineStr"><is><t>org_id</t></is></c><c r="B1" t="inlineStr"><is><t>week</t></is></c>'
         '<c r="C1" t="inlineStr"><is><t>learners</t></is></c></row>'
         '<row r="2"><c r="A2" t="inlineStr"><is><t>O5</t></is></c><c r="B2" t="inlineStr"><is><t>2023-W30</t></is></c>'
         '<c r="C2"><v>3</v></c></row>'
         '<row r="3"><c r="A3" t="inlineStr"><is><t>O5</t></is></c><c r="B3" t="inlineStr"><is><t>2023-W31</t></is></c>'
         '<c r="XFE3"><v>4</v></c></row>' + SHEET_TAIL)
write_xlsx(os.path.join(out, "study.xlsx"), sheet=sheet)
