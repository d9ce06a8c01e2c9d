"""study.xlsx with a row numbered 1,048,577, one beyond Excel's last row.

Generated at test time into OUTDIR (argv[1]); never committed."""
import os, sys
out = sys.argv[1]
sys.path.insert(0, os.environ["CADENCE_RELIABILITY_DIR"])
from xlsx_fixture import write_xlsx, SHEET_HEAD, SHEET_TAIL
sheet = (SHEET_HEAD +
         '<row r="1"><c t="inlineStr"><is><t>org_id</t></is></c><c t="inlineStr"><is><t>week</t></is></c>'
         '<c t="inlineStr"><is><t>learners</t></is></c></row>'
         '<row r="1048577"><c t="inlineStr"><is><t>O5</t></is></c><c t="inlineStr"><is><t>2023-W30</t></is></c>'
         '<c><v>3</v></c></row>' + SHEET_TAIL)
write_xlsx(os.path.join(out, "study.xlsx"), sheet=sheet)
