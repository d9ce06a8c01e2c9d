"""members.csv: one 100 MB line without a line break or comma (a file that is not a table). The reader stops at its 1 MiB field limit.

Generated at test time into OUTDIR (argv[1]); never committed."""
import os, sys
out = sys.argv[1]
with open(os.path.join(out, "members.csv"), "wb") as f:
    chunk = b"x" * (1 << 20)
    for _ in range(100):
        f.write(chunk)
