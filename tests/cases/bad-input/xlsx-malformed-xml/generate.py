"""members.xlsx whose sheet XML stops in the middle of a tag.

Generated at test time into OUTDIR (argv[1]); never committed."""
import os, sys
out = sys.argv[1]
sys.path.insert(0, os.environ["CADENCE_RELIABILITY_DIR"])
from xlsx_fixture import write_xlsx, SHEET_HEAD
sheet = SHEET_HEAD + '<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c><row r="2"><c r="A2"'
write_xlsx(os.path.join(out, "members.xlsx"), sheet=sheet)
