"""study.xlsx with a cell in column XFD (16,384): beyond the 10,000 cells a row may hold.

Generated at test time into OUTDIR (argv[1]); never committed."""
import os, sys
out = sys.argv[1]
sys.path.insert(0, os.environ["CADENCE_RELIABILITY_DIR"])
from xlsx_fixture import write_xlsx, SHEET_HEAD, SHEET_TAIL
sheet = SHEET_HEAD + '<row r="1"><c r="A1" t="inlineStr"><is><t>org_id</t></is></c><c r="XFD1" t="inlineStr"><is><t>x</t></is></c></row>' + SHEET_TAIL
write_xlsx(os.path.join(out, "study.xlsx"), sheet=sheet)
