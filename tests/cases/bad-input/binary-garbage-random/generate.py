"""study.csv holding 64 KiB of random bytes (fixed seed).

Generated at test time into OUTDIR (argv[1]); never committed."""
import os, sys
out = sys.argv[1]
import random
random.seed(20231)
with open(os.path.join(out, "study.csv"), "wb") as f:
    f.write(bytes(random.getrandbits(8) for _ in range(65536)))
