#!/usr/bin/env python3
"""Writes the reader fixtures under tests/adapters/{csv,xlsx}/fixtures/.

The XLSX files come from openpyxl, a writer independent of our reader; a few
are then edited at the XML level to hold what openpyxl does not write (inline
strings, rich text, error cells, hostile XML, a zip bomb). GBK files use
Python's own codec. Run with Debian's python3 (python3-openpyxl):
    /usr/bin/python3 tests/adapters/make_fixtures.py
The output is committed; the tests do not run this script.
"""
import datetime
import io
import os
import re
import zipfile

import openpyxl
from openpyxl.utils.datetime import CALENDAR_MAC_1904

HERE = os.path.dirname(os.path.abspath(__file__))
CSV_DIR = os.path.join(HERE, "csv", "fixtures")
XLSX_DIR = os.path.join(HERE, "xlsx", "fixtures")


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def csv_fixtures():
    os.makedirs(CSV_DIR, exist_ok=True)
    # A 智慧团建-style member export saved by Excel on Chinese Windows: GBK,
    # CRLF, a title row, an empty line, and a footer row.
    members = (
        "固原市原州区团员信息导出,,,,,\r\n"
        "\r\n"
        "团员编号,姓名,所在团支部,出生日期,入团年月,团籍状态\r\n"
        "2017640400001,马小兰,原州区第一中学高三（1）班团支部,2005/3/1,2019-05,0\r\n"
        "2017640400002,李 明,原州区第一中学高三（1）班团支部,2004年11月20日,2018-04,满28周岁离团\r\n"
        "2017640400003,\"王,芳\",南关街道团工委,2000.01.02,2016-05,正常\r\n"
        "合计：3人,,,,,\r\n"
    )
    write(os.path.join(CSV_DIR, "members_gbk.csv"), members.encode("gbk"))
    write(os.path.join(CSV_DIR, "orgs_bom.csv"),
          "\ufeffid,name,parent_id\n640400,共青团固原市委员会,\n640402,共青团原州区委员会,640400\n".encode("utf-8"))
    # RFC 4180 corner cases: embedded CRLF and LF, doubled quotes, commas,
    # an empty field at the end, a stray quote in an unquoted field.
    tricky = (
        'id,note,count\r\n'
        'A1,"line one\r\nline two",1\r\n'
        'A2,"say ""hi"", then go",2\r\n'
        '\r\n'
        'A3,5" screen,\r\n'
        'A4,"multi\nline\nnote",4\r\n'
    )
    write(os.path.join(CSV_DIR, "rfc4180.csv"), tricky.encode("utf-8"))
    # UTF-8 lines followed by a GBK line: must be refused, not half converted.
    write(os.path.join(CSV_DIR, "mixed_encoding.csv"),
          "id,name\n1,共青团固原市委员会\n".encode("utf-8") + "2,共青团原州区委员会\n".encode("gbk"))


INLINE_CELL = re.compile(r'<c r="([A-Z]+[0-9]+)"([^>]*) t="inlineStr"><is><t>(.*?)</t></is></c>')


def rewrite_zip(source, target, edit, shared_strings=False, keep_inline=()):
    """Copies a zip, passing each entry's bytes through edit(name, bytes).

    openpyxl 3.0 writes every string inline; with shared_strings=True the
    strings of the sheets (except cells in keep_inline) move to a shared
    strings part, as Excel and WPS write them, before edit() runs.
    """
    with zipfile.ZipFile(source) as zin:
        entries = [(item.filename, zin.read(item.filename)) for item in zin.infolist()]
    if shared_strings:
        table = []
        def share(match):
            if match.group(1) in keep_inline:
                return match.group(0)
            table.append(match.group(3))
            return '<c r="%s"%s t="s"><v>%d</v></c>' % (match.group(1), match.group(2), len(table) - 1)
        moved = []
        for name, data in entries:
            if name.startswith("xl/worksheets/"):
                data = INLINE_CELL.sub(share, data.decode("utf-8")).encode("utf-8")
            elif name == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                                    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
            elif name == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rIdShared" Type="http://schemas.'
                                    b'openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
                                    b'Target="sharedStrings.xml"/></Relationships>')
            moved.append((name, data))
        sst = ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">'
               % (len(table), len(table)) + "".join("<si><t>%s</t></si>" % t for t in table) + "</sst>")
        entries = moved + [("xl/sharedStrings.xml", sst.encode("utf-8"))]
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in entries:
            zout.writestr(name, edit(name, data), compress_type=zipfile.ZIP_DEFLATED)


def xlsx_fixtures():
    os.makedirs(XLSX_DIR, exist_ok=True)
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "说明"
    notes["A1"] = "本表由智慧团建导出"
    members = wb.create_sheet("团员")
    members["A1"] = "固原市团员名单（2023年3月）"
    members.append([])  # row 2 empty
    members.append(["团员编号", "姓名", "所在团支部", "出生日期", "入团年月", "团费", "是否团干部"])  # row 3
    members.append(["M001", "马小兰", "一中团支部", datetime.date(2005, 3, 1), "2019-05", 12, True])  # row 4
    members.append(["M002", "李明", "一中团支部", datetime.date(2004, 11, 20), "2018-04", 3.5, False])  # row 5
    members["A6"] = "M003"  # row 6: gaps in B, C, E..G
    members["D6"] = datetime.date(1900, 3, 1)
    members["D6"].number_format = "mm-dd-yy"  # built-in format 14
    members["D4"].number_format = 'yyyy"年"m"月"d"日"'
    members["A7"] = "M004"
    members["B7"] = "INLINE-PLACEHOLDER"
    members["C7"] = "RICH-PLACEHOLDER"
    members["F7"] = 0.1
    members["A9"] = "制表人：张三"
    path = os.path.join(XLSX_DIR, "members.xlsx")
    plain = io.BytesIO()
    wb.save(plain)

    def edit(name, data):
        text = data.decode("utf-8")
        if name == "xl/worksheets/sheet2.xml":
            # An inline string (openpyxl only writes shared strings).
            text = text.replace("<t>INLINE-PLACEHOLDER</t>", "<t>内联 文本</t>")
        if name == "xl/sharedStrings.xml":
            # Rich text runs and a phonetic guide run, which must be dropped.
            text = text.replace("<si><t>RICH-PLACEHOLDER</t></si>",
                                "<si><r><t>一中</t></r><r><rPr><b/></rPr><t>团支部</t></r>"
                                "<rPh sb=\"0\" eb=\"1\"><t>yizhong</t></rPh></si>")
        return text.encode("utf-8")

    rewrite_zip(plain, path, edit, shared_strings=True, keep_inline=("B7",))

    # An error cell (#DIV/0!) and serial 60 with a date style.
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["id", "rate", "day"])
    ws.append(["A", "ERROR-PLACEHOLDER", 61])
    ws.append(["B", 0.5, 60])
    ws["C2"].number_format = "yyyy-mm-dd"
    ws["C3"].number_format = "yyyy-mm-dd"
    plain = io.BytesIO()
    wb.save(plain)

    def edit_errors(name, data):
        text = data.decode("utf-8")
        if name == "xl/worksheets/sheet1.xml":
            text = re.sub(r'<c r="B2"([^>]*) t="inlineStr"><is><t>ERROR-PLACEHOLDER</t></is></c>',
                          r'<c r="B2"\1 t="e"><v>#DIV/0!</v></c>', text)
        return text.encode("utf-8")

    rewrite_zip(plain, os.path.join(XLSX_DIR, "cell_errors.xlsx"), edit_errors)

    # The 1904 date system (old Mac Excel): same dates, other serials.
    wb = openpyxl.Workbook()
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.append(["id", "held_on"])
    ws.append(["A", datetime.date(2023, 3, 1)])
    wb.save(os.path.join(XLSX_DIR, "date1904.xlsx"))

    # Entity expansion ("billion laughs") inside the sheet part.
    laughs = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
              '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n'
              '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>')

    def edit_entities(name, data):
        return laughs.encode("utf-8") if name == "xl/worksheets/sheet1.xml" else data

    small = io.BytesIO()
    openpyxl.Workbook().save(small)
    rewrite_zip(small, os.path.join(XLSX_DIR, "entities.xlsx"), edit_entities)

    # A compression-ratio bomb that stays small on disk: 8 MiB of whitespace
    # inside the sheet XML deflates about 1000:1.
    def edit_bomb(name, data):
        if name == "xl/worksheets/sheet1.xml":
            return data.replace(b"<sheetData", b" " * (8 << 20) + b"<sheetData", 1)
        return data

    rewrite_zip(small, os.path.join(XLSX_DIR, "ratio_bomb.xlsx"), edit_bomb)

    # A download cut short.
    with open(path, "rb") as f:
        whole = f.read()
    write(os.path.join(XLSX_DIR, "truncated.xlsx"), whole[: len(whole) // 2])


if __name__ == "__main__":
    csv_fixtures()
    xlsx_fixtures()
