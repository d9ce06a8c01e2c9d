"""study.xlsx with a formula error #DIV/0! as a learner count.

Generated at test time into OUTDIR (argv[1]); never committed."""
import os, sys
out = sys.argv[1]
sys.path.insert(0, os.environ["CADENCE_RELIABILITY_DIR"])
from xlsx_fixture import write_xlsx
write_xlsx(os.path.join(out, "study.xlsx"), rows=[["org_id", "week", "learners"], ["O5", "2023-W20", 4],
                                                  ["O6", "2023-W20", ("e", "#DIV/0!")]])
