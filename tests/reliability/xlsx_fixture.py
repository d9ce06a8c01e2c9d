"""Tiny XLSX writer for the bad-input corpus generators (tests/cases/bad-input).

Writes just the parts cadence's reader needs (content types, workbook and its
relationships, one sheet, optionally shared strings), so that a case can break
exactly one of them. Cells are inline strings unless they are ints.
"""
import zipfile

CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                 '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 '<Default Extension="xml" ContentType="application/xml"/>'
                 '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                 '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                 '</Types>')
ROOT_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
             '</Relationships>')
WORKBOOK = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
WORKBOOK_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                 '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                 '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
                 '</Relationships>')
SHEET_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
SHEET_TAIL = '</sheetData></worksheet>'


def column_name(index):
    name = ''
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord('A') + rest) + name
    return name


def cell(ref, value):
    if isinstance(value, int):
        return '<c r="%s"><v>%d</v></c>' % (ref, value)
    if isinstance(value, tuple):  # (type, raw <v> text), e.g. ('e', '#DIV/0!') or ('s', '7')
        return '<c r="%s" t="%s"><v>%s</v></c>' % (ref, value[0], value[1])
    text = value.replace('&', '&amp;').replace('<', '&lt;')
    return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, text)


def sheet_xml(rows):
    parts = [SHEET_HEAD]
    for r, row in enumerate(rows, start=1):
        cells = ''.join(cell('%s%d' % (column_name(c), r), v) for c, v in enumerate(row) if v != '')
        parts.append('<row r="%d">%s</row>' % (r, cells))
    parts.append(SHEET_TAIL)
    return ''.join(parts)


def write_xlsx(path, rows=None, sheet=None, extra=None, skip=()):
    """Writes a workbook; `sheet` replaces the sheet XML, `extra` adds parts
    {name: bytes|str}, `skip` leaves parts out."""
    parts = {
        '[Content_Types].xml': CONTENT_TYPES,
        '_rels/.rels': ROOT_RELS,
        'xl/workbook.xml': WORKBOOK,
        'xl/_rels/workbook.xml.rels': WORKBOOK_RELS,
        'xl/worksheets/sheet1.xml': sheet if sheet is not None else sheet_xml(rows or []),
    }
    parts.update(extra or {})
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            if name not in skip:
                archive.writestr(name, data)


MEMBERS_HEADER = ['id', 'org_id', 'name', 'birth_date', 'joined_on', 'status', 'graduation_date']
