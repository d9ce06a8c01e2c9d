"""members.xlsx whose shared strings declare nested entities: refused.

Generated at test time into OUTDIR (argv[1]); never committed."""
import os, sys
out = sys.argv[1]
sys.path.insert(0, os.environ["CADENCE_RELIABILITY_DIR"])
from xlsx_fixture import write_xlsx
sst = ('<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
       '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
       '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>&c;</t></si></sst>')
rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
        '</Relationships>')
write_xlsx(os.path.join(out, "members.xlsx"), rows=[["id", "name"], ["M90", ("s", "0")]],
           extra={"xl/sharedStrings.xml": sst, "xl/_rels/workbook.xml.rels": rels})
