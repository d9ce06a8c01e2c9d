"""members.xlsx whose sheet inflates to 1 GiB (a zip bomb disguised as a workbook): refused by the inflation ratio limit without inflating it all.

Generated at test time into OUTDIR (argv[1]); never committed."""
import os, sys
out = sys.argv[1]
import zlib, struct, binascii
sys.path.insert(0, os.environ["CADENCE_RELIABILITY_DIR"])
from xlsx_fixture import write_xlsx
# A sheet that inflates to 320 MiB of spaces (beyond both the 256 MiB entry limit and the 200x ratio) inside valid XML: a few MB on
# disk. The bomb is written with zipfile's streaming writer.
import zipfile
path = os.path.join(out, "members.xlsx")
write_xlsx(path, rows=[["id"]], skip=("xl/worksheets/sheet1.xml",))
with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
    with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
        sheet.write(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
        chunk = b" " * (16 << 20)
        for _ in range(20):
            sheet.write(chunk)
        sheet.write(b"</sheetData></worksheet>")
