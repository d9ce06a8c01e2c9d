"""study.xlsx with a row wider than its header: D3 holds 005 under a
three-column header (issue 29, the XLSX side of "extra cells dropped").

Generated at test time into OUTDIR (argv[1]); never committed."""
import os, sys
out = sys.argv[1]
sys.path.insert(0, os.environ["CADENCE_RELIABILITY_DIR"])
from xlsx_fixture import write_xlsx
write_xlsx(os.path.join(out, "study.xlsx"),
           rows=[['org_id', 'week', 'learners'], ['O5', '2023-W30', 3], ['O5', '2023-W31', 1, '005']])
