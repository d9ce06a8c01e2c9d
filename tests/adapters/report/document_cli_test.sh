#!/bin/sh
# The published documents on tests/cases/bulletin-basic: the bulletin as the
# official document (--format docx|pdf, GB/T 9704) and the weekly dispatch.
# Usage: document_cli_test.sh CADENCE CASE_DIR CHECK
#   bulletin-docx    the DOCX read back with python3-docx (text and page setup) = expected-2023-03-docx.txt
#   bulletin-soffice LibreOffice converts the DOCX to an A4 PDF of at most 4 pages (its substitute fonts run longer) with the header lines
#   bulletin-pdf     the PDF (headless Chromium): pdftotext = expected-2023-03-pdf.txt, page count,
#                    the title and number lines, page 1 rendered with a red header
#   dispatch-county  `dispatch --under C1` Markdown = expected-dispatch-C1.md
#   dispatch-city    `dispatch` (the counties) Markdown = expected-dispatch-city.md
#   dispatch-docx    the county's DOCX read back = expected-dispatch-C1-docx.txt
#   dispatch-pdf     the county's PDF: A4, one page, title and ranking text, red header
#   dispatch-errors  a vacation week and an unknown county are refused with exit 2
# The tools are Debian packages the CI installs (.ci/setup.sh): a missing one
# fails the check, it does not skip it.
set -eu
cadence=$1
case_dir=$2
check=$3
here=$(dirname "$0")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db=$work/cadence.db
"$cadence" import --db "$db" --pack "$case_dir" "$case_dir"/orgs.csv "$case_dir"/members.csv "$case_dir"/study.csv \
  "$case_dir"/activities.csv "$case_dir"/notices.csv "$case_dir"/transfers.csv >/dev/null 2>&1
need() { command -v "$1" >/dev/null 2>&1 || { echo "FAIL: $1 is missing (install $2)"; exit 1; }; }
python=/usr/bin/python3
case $check in
  bulletin-docx)
    "$cadence" bulletin --db "$db" --pack "$case_dir" --month 2023-03 --format docx --number 7 --out "$work/b.docx" 2>/dev/null
    "$python" "$here/read_docx.py" "$work/b.docx" > "$work/b.txt"
    diff -u "$case_dir/expected-2023-03-docx.txt" "$work/b.txt" ;;
  bulletin-soffice)
    need soffice libreoffice-writer-nogui
    need pdftotext poppler-utils
    "$cadence" bulletin --db "$db" --pack "$case_dir" --month 2023-03 --format docx --number 7 --out "$work/b.docx" 2>/dev/null
    HOME="$work" soffice --headless --norestore "-env:UserInstallation=file://$work/lo" --convert-to pdf \
      --outdir "$work" "$work/b.docx" >/dev/null 2>&1
    [ -s "$work/b.pdf" ] || { echo "LibreOffice did not convert the DOCX"; exit 1; }
    pdfinfo "$work/b.pdf" > "$work/info.txt"
    grep -q "Page size:.*(A4)" "$work/info.txt" || { echo "not A4:"; cat "$work/info.txt"; exit 1; }
    pages=$(sed -n 's/^Pages: *//p' "$work/info.txt")
    [ "$pages" -ge 1 ] && [ "$pages" -le 4 ] || { echo "LibreOffice laid the bulletin out on $pages pages"; exit 1; }
    # LibreOffice spaces CJK from digits (2023 年) and wraps the title:
    # compare without spaces and line breaks.
    pdftotext -enc UTF-8 "$work/b.pdf" - | tr -d ' \n' > "$work/b.txt"
    for text in 共青团固原市委员会固团通〔2023〕7号关于2023年3月“青年大学习”学习情况的通报各县（区）团委： \
        隆德县团委 共青团固原市委员会2023年4月5日抄送：团区委，市委组织部。; do
      grep -q "$text" "$work/b.txt" || { echo "the converted PDF lacks $text"; cat "$work/b.txt"; exit 1; }
    done ;;
  bulletin-pdf)
    need chromium chromium
    need pdftotext poppler-utils
    "$cadence" bulletin --db "$db" --pack "$case_dir" --month 2023-03 --format pdf --number 7 --out "$work/b.pdf" 2>/dev/null
    pdfinfo "$work/b.pdf" > "$work/info.txt"
    grep -q "Page size:.*(A4)" "$work/info.txt" || { echo "not A4:"; cat "$work/info.txt"; exit 1; }
    # Three pages: the tables, the findings per county, then the
    # requirements, signature and 版记 — no near-empty page at the end.
    grep -q "^Pages: *3$" "$work/info.txt" || { echo "expected 3 pages:"; cat "$work/info.txt"; exit 1; }
    pdftotext -enc UTF-8 "$work/b.pdf" "$work/b.txt"
    diff -u "$case_dir/expected-2023-03-pdf.txt" "$work/b.txt"
    # Page 1 as laid out: the mark and the number each on a line of their
    # own, then the title (balanced over two lines) and the addressee.
    pdftotext -enc UTF-8 -layout -f 1 -l 1 "$work/b.pdf" "$work/p1.txt"
    for line in 共青团固原市委员会 固团通〔2023〕7号; do
      grep -q "^ *$line *$" "$work/p1.txt" || { echo "page 1 has no line '$line'"; cat "$work/p1.txt"; exit 1; }
    done
    tr -d ' \n' < "$work/p1.txt" | grep -q "固团通〔2023〕7号关于2023年3月“青年大学习”学习情况的通报各县（区）团委：" ||
      { echo "page 1 does not read mark, number, title, addressee"; cat "$work/p1.txt"; exit 1; }
    # The last page ends with the 版记 and is more than a few lines long.
    pdftotext -enc UTF-8 -layout -f 3 -l 3 "$work/b.pdf" "$work/p2.txt"
    [ "$(grep -c . "$work/p2.txt")" -ge 8 ] || { echo "the last page is nearly empty"; cat "$work/p2.txt"; exit 1; }
    grep -q "印发" "$work/p2.txt" || { echo "the 版记 is not on the last page"; exit 1; }
    pdftoppm -f 1 -l 1 -r 40 "$work/b.pdf" "$work/page"
    "$python" "$here/check_document_pdf.py" "$work"/page-1.ppm ;;
  dispatch-county)
    "$cadence" dispatch --db "$db" --pack "$case_dir" --week 2023-W10 --under C1 > "$work/d.md"
    diff -u "$case_dir/expected-dispatch-C1.md" "$work/d.md" ;;
  dispatch-city)
    "$cadence" dispatch --db "$db" --pack "$case_dir" --week 2023-W10 > "$work/d.md"
    diff -u "$case_dir/expected-dispatch-city.md" "$work/d.md" ;;
  dispatch-docx)
    "$cadence" dispatch --db "$db" --pack "$case_dir" --week 2023-W10 --under C1 --format docx --out "$work/d.docx" 2>/dev/null
    "$python" "$here/read_docx.py" "$work/d.docx" > "$work/d.txt"
    diff -u "$case_dir/expected-dispatch-C1-docx.txt" "$work/d.txt" ;;
  dispatch-pdf)
    need chromium chromium
    need pdftotext poppler-utils
    "$cadence" dispatch --db "$db" --pack "$case_dir" --week 2023-W10 --under C1 --format pdf --out "$work/d.pdf" 2>/dev/null
    pdfinfo "$work/d.pdf" > "$work/info.txt"
    grep -q "Page size:.*(A4)" "$work/info.txt" && grep -q "^Pages: *1$" "$work/info.txt" ||
      { echo "expected one A4 page:"; cat "$work/info.txt"; exit 1; }
    pdftotext -enc UTF-8 "$work/d.pdf" - | tr -d ' \n' > "$work/d.txt"
    for text in 原州区团委关于2023年第10周（3月6日—3月12日）“青年大学习”学习情况的周调度 1原州一中团支部原州区团委 44100.0%+50.0 \
        本周没有参学率低于60%的团支部。原州区团委2023年3月13日; do
      grep -q "$text" "$work/d.txt" || { echo "the dispatch PDF lacks $text"; cat "$work/d.txt"; exit 1; }
    done
    pdftoppm -f 1 -l 1 -r 40 "$work/d.pdf" "$work/page"
    "$python" "$here/check_document_pdf.py" "$work"/page-1.ppm ;;
  dispatch-errors)
    if "$cadence" dispatch --db "$db" --pack "$case_dir" --week 2023-W01 --under C1 2> "$work/err.txt"; then
      echo "a week without an episode must be refused"; exit 1
    fi
    grep -q "not an episode week" "$work/err.txt" || { cat "$work/err.txt"; exit 1; }
    if "$cadence" dispatch --db "$db" --pack "$case_dir" --week 2023-W10 --under C9 2> "$work/err.txt"; then
      echo "an unknown county must be refused"; exit 1
    fi
    grep -q "no org with id 'C9'" "$work/err.txt" || { cat "$work/err.txt"; exit 1; }
    if "$cadence" bulletin --db "$db" --pack "$case_dir" --month 2023-03 --format docx --out "$work/x.docx" 2> "$work/err.txt"; then
      echo "a document without --number must be refused"; exit 1
    fi
    grep -q "number" "$work/err.txt" || { cat "$work/err.txt"; exit 1; }
    [ ! -e "$work/x.docx" ] || { echo "a refused document left a file"; exit 1; } ;;
  *) echo "unknown check $check"; exit 2 ;;
esac
