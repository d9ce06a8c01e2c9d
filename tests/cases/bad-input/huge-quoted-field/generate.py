"""orgs.csv with a 2.4 MB quoted org name (beyond the 1 MiB field limit).

Generated at test time into OUTDIR (argv[1]); never committed."""
import os, sys
out = sys.argv[1]
with open(os.path.join(out, "orgs.csv"), "wb") as f:
    f.write(b"id,name,parent_id,kind,category,secretary,elected_on\nO20,\"")
    f.write("团".encode() * 800000)
    f.write(b"\",O3,branch,rural,,\n")
