"""members.xlsx whose sheet declares the 'billion laughs' entities (10^9 expansions of 'lol'): a DOCTYPE is refused outright.

Generated at test time into OUTDIR (argv[1]); never committed."""
import os, sys
out = sys.argv[1]
sys.path.insert(0, os.environ["CADENCE_RELIABILITY_DIR"])
from xlsx_fixture import write_xlsx, SHEET_HEAD, SHEET_TAIL
lol = '<!DOCTYPE lolz [<!ENTITY lol "lol">' + ''.join(
    '<!ENTITY lol%d "%s">' % (i, ('&lol%s;' % (i - 1 if i > 1 else '')) * 10) for i in range(1, 10)) + ']>'
head = SHEET_HEAD.replace('?>\n', '?>\n' + lol, 1)
sheet = head + '<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c></row>' \
        '<row r="2"><c r="A2" t="inlineStr"><is><t>&lol9;</t></is></c></row>' + SHEET_TAIL
write_xlsx(os.path.join(out, "members.xlsx"), sheet=sheet)
