"""study.xlsx whose cell points at shared string 42 in a workbook without shared strings.

Generated at test time into OUTDIR (argv[1]); never committed."""
import os, sys
out = sys.argv[1]
sys.path.insert(0, os.environ["CADENCE_RELIABILITY_DIR"])
from xlsx_fixture import write_xlsx
write_xlsx(os.path.join(out, "study.xlsx"), rows=[["org_id", "week", "learners"], [("s", "42"), "2023-W20", 4]])
