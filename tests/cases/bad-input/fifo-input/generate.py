"""A FIFO named members.csv given as an input (issue 29: reading it hung for
ever, waiting for a writer). Refused without opening it for a blocking read.

Generated at test time into OUTDIR (argv[1]); never committed."""
import os, sys
os.mkfifo(os.path.join(sys.argv[1], "members.csv"))
