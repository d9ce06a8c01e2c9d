"""Prints a .docx's text as a reader sees it, in document order, with
python-docx (Debian's python3-docx): each paragraph on a line, each table
row as its cells joined by " | ", then the footer's text. Also checks what
GB/T 9704 asks of the page: A4 and the standard's margins.

Usage: /usr/bin/python3 read_docx.py FILE.docx
"""
import sys

import docx
from docx.shared import Mm
from docx.table import Table
from docx.text.paragraph import Paragraph


def main(path):
    document = docx.Document(path)
    section = document.sections[0]
    # A4 and the margins of GB/T 9704 (top 37 mm, left 28 mm), to 0.5 mm.
    expected = {"page_width": 210, "page_height": 297, "top_margin": 37, "left_margin": 28,
                "right_margin": 26, "bottom_margin": 35}
    for name, millimetres in expected.items():
        value = getattr(section, name)
        if abs(value - Mm(millimetres)) > Mm(0.5):
            sys.exit(f"{path}: {name} is {value.mm:.1f} mm, not {millimetres} mm")
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            print(Paragraph(child, document).text)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                print(" | ".join(cell.text for cell in row.cells))
    print("--- footer")
    for paragraph in section.footer.paragraphs:
        print(paragraph.text)


if __name__ == "__main__":
    main(sys.argv[1])
