"""orgs.xlsx whose sheet pulls /etc/passwd through an external entity (XXE): refused.

Generated at test time into OUTDIR (argv[1]); never committed."""
import os, sys
out = sys.argv[1]
sys.path.insert(0, os.environ["CADENCE_RELIABILITY_DIR"])
from xlsx_fixture import write_xlsx, SHEET_HEAD, SHEET_TAIL
head = SHEET_HEAD.replace('?>\n', '?>\n<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>', 1)
sheet = head + '<row r="1"><c r="A1" t="inlineStr"><is><t>&secret;</t></is></c></row>' + SHEET_TAIL
write_xlsx(os.path.join(out, "orgs.xlsx"), sheet=sheet)
