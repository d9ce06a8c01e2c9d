"""Checks a printed document's page 1 rendering (pdftoppm -r 40 -ppm): the
issuing organ's mark is red and at the top, and red appears nowhere below
the separator line (the body is black). Usage: check_document_pdf.py PAGE.ppm
"""
import sys


def read_ppm(path):
    with open(path, "rb") as handle:
        data = handle.read()
    # P6 header: magic, width, height, maxval, each separated by whitespace.
    fields = []
    position = 0
    while len(fields) < 4:
        while data[position:position + 1].isspace():
            position += 1
        start = position
        while not data[position:position + 1].isspace():
            position += 1
        fields.append(data[start:position])
    if fields[0] != b"P6":
        sys.exit(f"{path}: not a binary PPM")
    width, height = int(fields[1]), int(fields[2])
    return width, height, data[position + 1:]


def main(path):
    width, height, pixels = read_ppm(path)
    red_rows = []
    for y in range(height):
        row = pixels[y * width * 3:(y + 1) * width * 3]
        for x in range(width):
            r, g, b = row[3 * x], row[3 * x + 1], row[3 * x + 2]
            if r > 180 and g < 90 and b < 90:
                red_rows.append(y)
                break
    if not red_rows:
        sys.exit(f"{path}: no red on page 1 (the issuing organ's mark and line are red)")
    # A4 297 mm: the mark starts below the 37 mm top margin and the red line
    # lies within the upper third of the page.
    if red_rows[0] < height * 30 // 297:
        sys.exit(f"{path}: red starts at row {red_rows[0]}, inside the top margin")
    if red_rows[-1] > height // 3:
        sys.exit(f"{path}: red at row {red_rows[-1]} of {height}, below the header")
    print(f"red header rows {red_rows[0]}..{red_rows[-1]} of {height}")


if __name__ == "__main__":
    main(sys.argv[1])
