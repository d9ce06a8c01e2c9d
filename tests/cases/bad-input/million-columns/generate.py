"""study.csv with 1,000,000 columns (header and one row): beyond the 10,000 cells a row may hold.

Generated at test time into OUTDIR (argv[1]); never committed."""
import os, sys
out = sys.argv[1]
with open(os.path.join(out, "study.csv"), "w") as f:
    f.write(",".join("c%d" % i for i in range(1000000)))
    f.write("\n")
    f.write(",".join("1" for i in range(1000000)))
    f.write("\n")
