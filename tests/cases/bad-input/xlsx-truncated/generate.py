"""members.xlsx cut in half (its zip central directory is gone).

Generated at test time into OUTDIR (argv[1]); never committed."""
import os, sys
out = sys.argv[1]
sys.path.insert(0, os.environ["CADENCE_RELIABILITY_DIR"])
from xlsx_fixture import write_xlsx, MEMBERS_HEADER
path = os.path.join(out, "members.xlsx")
rows = [MEMBERS_HEADER] + [["M%d" % (100 + i), "O5", "Name %d" % i, "2001-05-04", "2015-05", "active", ""] for i in range(200)]
write_xlsx(path, rows=rows)
data = open(path, "rb").read()
open(path, "wb").write(data[: len(data) // 2])
