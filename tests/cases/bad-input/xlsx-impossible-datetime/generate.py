"""activities.xlsx with a strict-OOXML date cell (t="d") whose time does not
exist: 2023-01-05T25:99:99 (issue 29: the time part was cut off and the
date stored).

Generated at test time into OUTDIR (argv[1]); never committed."""
import os, sys
out = sys.argv[1]
sys.path.insert(0, os.environ["CADENCE_RELIABILITY_DIR"])
from xlsx_fixture import write_xlsx
write_xlsx(os.path.join(out, "activities.xlsx"),
           rows=[['id', 'org_id', 'type', 'held_on', 'attendees'],
                 ['A90', 'O5', 'theme_day', ('d', '2023-01-05T25:99:99'), 5],
                 ['A91', 'O5', 'theme_day', ('d', '2023-01-06T08:30:00'), 5]])
