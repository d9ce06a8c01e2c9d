"""A zip that has a sheet but no xl/workbook.xml.

Generated at test time into OUTDIR (argv[1]); never committed."""
import os, sys
out = sys.argv[1]
sys.path.insert(0, os.environ["CADENCE_RELIABILITY_DIR"])
from xlsx_fixture import write_xlsx, MEMBERS_HEADER
write_xlsx(os.path.join(out, "members.xlsx"), rows=[MEMBERS_HEADER], skip=("xl/workbook.xml",))
