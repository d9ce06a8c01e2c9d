#!/usr/bin/python3
"""Hostile names round-trip: SQL and format-string text in org ids, org names
and member names goes through import, audit and every report format
unchanged, and the store keeps all its tables.

Usage: injection_test.py CADENCE SOURCE_DIR

Then spreadsheet and markup injection (issue 29): org names such as
`=HYPERLINK("http://…","点击")`, `=cmd|' /C calc'!A0`, `@SUM(…)`, `-2+3`, and
a name holding a line break, `# 标题` and `<script>`, through the audit's CSV
and Markdown and the bulletin's CSV, XLSX, Markdown and HTML. Expected: a
CSV or XLSX text cell that a spreadsheet would evaluate (starts with = + - @
TAB or CR) reads back with a leading apostrophe, XLSX cells are strings,
never formulas, and numbers stay numbers; the contract CSV, a data file for
programs, stays plain; Markdown holds no heading, list item or raw HTML made
by a name (the name's `#`, `<`, `>`, `|` are backslash-escaped and its line
break is a space); HTML holds `&lt;script&gt;`, never `<script>`.

The issue: "Every SQL statement uses bound parameters; org names and values
like `'); DROP TABLE members; --` and `%s%n` round-trip through import,
audit and every report format unchanged." Each branch below has one active
member and no study rows, so every branch gets findings (B1 every week,
branch.too_small) and its id and name reach every report. Expected forms:
csv/contract parse back (Python csv) to the exact strings, json parses back
to the exact strings, table prints them raw, Markdown prints them with '|'
escaped as '\\|' and a line break as a space (a table cell is one line).
"""
import csv
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile

HOSTILE_IDS = ["B'); DROP TABLE rs_orgs; --", "B%s%n", "B\"q\",c", "B2"]
HOSTILE_NAMES = ["'); DROP TABLE members; --", "%s%n%x%p", "He said \"hi\", then, left",
                 "第一行\n第二行 团支部|管道"]
COUNTY_NAME = "Robert'); DELETE FROM import_batches; -- 县委"
MEMBER_NAMES = ["'); DROP TABLE rs_members; --", "%n%n%n", "\"\"\"", "张三,\n李四"]


FORMULA_NAMES = ["=HYPERLINK(\"http://evil.example/\",\"点击\")", "=cmd|' /C calc'!A0", "@SUM(A1:A9)", "-2+3 支部",
                 "+1+1", "\t=1+1", " =1+1 县委"]
MARKUP_NAME = "第一行\n# 标题 <script>alert(1)</script> |管道| *粗* _斜_"
# markdown_text (adapters/report/markup.h) for this name.
MARKUP_NAME_MD = "第一行 \\# 标题 \\<script\\>alert(1)\\</script\\> \\|管道\\| \\*粗\\* \\_斜\\_"


def neutralised(text):
    """OWASP CSV injection: a formula-like text gets a leading apostrophe.
    The importer trims a cell's edge blanks, so a name is compared trimmed."""
    text = text.strip(" ")
    stripped = text.lstrip(" ")
    if stripped[:1] in ("=", "+", "-", "@", "\t", "\r"):
        try:
            float(text)
            return text
        except ValueError:
            return "'" + text
    return text


def csv_text(rows):
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def run(arguments):
    return subprocess.run(arguments, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def main():
    cadence, source = sys.argv[1], sys.argv[2]
    pack = os.path.join(source, "rules", "bench")
    work = tempfile.mkdtemp(prefix="cadence-injection-")
    failures = []

    def check(condition, what):
        if not condition:
            failures.append(what)
            print("FAIL: " + what)

    try:
        orgs = [["id", "name", "parent_id", "kind", "category", "secretary", "elected_on"],
                ["R", "City, \"Quoted\" 委员会", "", "committee", "government", "S", "2021-01-01"],
                ["C1", COUNTY_NAME, "R", "committee", "government", "%s", "2021-01-01"]]
        members = [["id", "org_id", "name", "birth_date", "joined_on", "status", "graduation_date"]]
        for i, (org_id, name) in enumerate(zip(HOSTILE_IDS, HOSTILE_NAMES)):
            orgs.append([org_id, name, "C1", "branch", "rural", "'; --", "2021-01-01"])
            members.append(["M%d" % i, org_id, MEMBER_NAMES[i], "2000-01-01", "2015-05", "active", ""])
        for name, rows in (("orgs.csv", orgs), ("members.csv", members)):
            with open(os.path.join(work, name), "w", newline="") as f:
                f.write(csv_text(rows))
        db = os.path.join(work, "store.db")
        result = run([cadence, "import", "--db", db, "--pack", pack,
                      os.path.join(work, "orgs.csv"), os.path.join(work, "members.csv")])
        check(result.returncode == 0, "import exit %d: %s" % (result.returncode, result.stderr.decode()))

        texts = {}
        for fmt in ("csv", "contract", "json", "md", "table"):
            out = os.path.join(work, "audit." + fmt)
            result = run([cadence, "audit", "--db", db, "--pack", pack, "--year", "2023", "--format", fmt,
                          "--out", out])
            check(result.returncode == 0, "audit --format %s exit %d: %s" % (fmt, result.returncode, result.stderr.decode()))
            # utf-8-sig: the CSV for people starts with a byte order mark.
            texts[fmt] = open(out, encoding="utf-8-sig").read() if os.path.exists(out) else ""

        rows = list(csv.DictReader(io.StringIO(texts["csv"])))
        for org_id, name in zip(HOSTILE_IDS, HOSTILE_NAMES):
            check(any(r["org_id"] == org_id and r["org_name"] == name for r in rows),
                  "csv: no finding row with org_id %r and org_name %r" % (org_id, name))
        check(any(r["org_name"] == COUNTY_NAME for r in rows), "csv: county name %r missing" % COUNTY_NAME)
        contract_ids = {r["org_id"] for r in csv.DictReader(io.StringIO(texts["contract"]))}
        for org_id in HOSTILE_IDS:
            check(org_id in contract_ids, "contract: org_id %r missing" % org_id)

        try:
            document = json.loads(texts["json"])
        except ValueError as error:
            document = None
            check(False, "json does not parse: %s" % error)
        pairs = set()

        def walk(node):
            if isinstance(node, dict):
                if "org_name" in node:
                    pairs.add((node.get("org_id"), node["org_name"]))
                for value in node.values():
                    walk(value)
            elif isinstance(node, list):
                for value in node:
                    walk(value)
        walk(document)
        names = {name for _, name in pairs}
        for name in HOSTILE_NAMES + [COUNTY_NAME]:
            check(name in names, "json: org_name %r missing" % name)
        for org_id in HOSTILE_IDS:
            check(org_id in texts["json"] or json.dumps(org_id)[1:-1] in texts["json"], "json: org_id %r missing" % org_id)

        for org_id, name in zip(HOSTILE_IDS, HOSTILE_NAMES):
            check(org_id + " " + name in texts["table"], "table: %r missing" % (org_id + " " + name))
            md = (org_id + " " + name).replace("|", "\\|").replace("\n", " ")
            check(md in texts["md"], "md: %r missing" % md)

        connection = sqlite3.connect(db)
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        for table in ("rs_orgs", "rs_members", "import_batches"):
            check(table in tables, "store: table %s is gone (tables: %s)" % (table, sorted(tables)))
        if "rs_members" in tables:
            stored = sorted(row[0] for row in connection.execute("SELECT name FROM rs_members"))
            check(stored == sorted(MEMBER_NAMES), "store: member names %r" % stored)
        if "rs_orgs" in tables:
            stored = {row[0]: row[1] for row in connection.execute("SELECT id, name FROM rs_orgs")}
            for org_id, name in zip(HOSTILE_IDS, HOSTILE_NAMES):
                check(stored.get(org_id) == name, "store: org %r has name %r" % (org_id, stored.get(org_id)))
        if "import_batches" in tables:
            count = connection.execute("SELECT count(*) FROM import_batches").fetchone()[0]
            check(count == 2, "store: %d import batches, expected 2" % count)
        check(connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok", "store: integrity_check")
        connection.close()
        spreadsheet_and_markup(cadence, source, work, check)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("%d failures" % len(failures) if failures else "ok: every hostile name round-tripped")
    return 1 if failures else 0


def spreadsheet_and_markup(cadence, source, work, check):
    case = os.path.join(source, "tests", "cases", "bulletin-basic")
    data = os.path.join(work, "bulletin")
    os.makedirs(data)
    with open(os.path.join(case, "orgs.csv"), encoding="utf-8") as f:
        orgs = list(csv.reader(f))
    # Counties are the bulletin's units; branches reach its notes and the audit.
    hostile = {"C1": FORMULA_NAMES[0], "C2": FORMULA_NAMES[1], "C3": MARKUP_NAME, "C4": FORMULA_NAMES[2],
               "B11": FORMULA_NAMES[3], "B12": FORMULA_NAMES[4], "B21": FORMULA_NAMES[5], "B31": FORMULA_NAMES[6]}
    for row in orgs[1:]:
        row[1] = hostile.get(row[0], row[1])
    with open(os.path.join(data, "orgs.csv"), "w", newline="", encoding="utf-8") as f:
        f.write(csv_text(orgs))
    files = [os.path.join(data, "orgs.csv")] + [os.path.join(case, name) for name in
                                                ("members.csv", "study.csv", "activities.csv", "notices.csv",
                                                 "transfers.csv")]
    db = os.path.join(work, "bulletin.db")
    result = run([cadence, "import", "--db", db, "--pack", case] + files)
    check(result.returncode == 0, "bulletin import exit %d: %s" % (result.returncode, result.stderr.decode()))
    names = {org_id: name for org_id, name in hostile.items() if any(r[0] == org_id for r in orgs)}

    # The audit's CSV: names neutralised, numbers as they are; contract plain.
    result = run([cadence, "audit", "--db", db, "--pack", case, "--month", "2023-03", "--format", "csv", "--dry-run"])
    check(result.returncode == 0, "audit csv exit %d: %s" % (result.returncode, result.stderr.decode()))
    rows = list(csv.DictReader(io.StringIO(result.stdout.decode("utf-8-sig"))))
    seen = {r["org_id"]: r["org_name"] for r in rows}
    for org_id, name in names.items():
        if org_id in seen:
            check(seen[org_id] == neutralised(name), "audit csv: org %s name %r, expected %r"
                  % (org_id, seen[org_id], neutralised(name)))
    check(any(org_id in seen for org_id in ("B11", "B12", "B21", "B31")), "audit csv: no hostile branch has a finding")
    for r in rows:
        for column in ("value", "score"):
            check(not r[column].startswith("'"), "audit csv: number %r neutralised" % r[column])
    # The audit's Markdown: no line made by a name.
    result = run([cadence, "audit", "--db", db, "--pack", case, "--month", "2023-03", "--format", "md", "--dry-run"])
    markdown = result.stdout.decode("utf-8")
    check_markdown("audit md", markdown, check)

    # The bulletin in every format.
    outputs = {}
    for fmt in ("csv", "md", "html", "xlsx"):
        out = os.path.join(work, "bulletin." + fmt)
        result = run([cadence, "bulletin", "--db", db, "--pack", case, "--month", "2023-03", "--format", fmt,
                      "--out", out])
        check(result.returncode == 0, "bulletin %s exit %d: %s" % (fmt, result.returncode, result.stderr.decode()))
        outputs[fmt] = out
    with open(outputs["csv"], encoding="utf-8-sig") as f:
        bulletin_rows = list(csv.DictReader(f))
    units = {r["单位编码"]: r["单位"] for r in bulletin_rows if r["单位编码"]}
    for org_id in ("C1", "C2", "C3", "C4"):
        check(units.get(org_id) == neutralised(names[org_id]),
              "bulletin csv: unit %s is %r, expected %r" % (org_id, units.get(org_id), neutralised(names[org_id])))
    for r in bulletin_rows:
        if r["排序"] == "按参学率" and r["参学率"] not in ("—", ""):
            check(r["参学率"][0].isdigit(), "bulletin csv: rate %r changed" % r["参学率"])
        if r["较上月（百分点）"].startswith(("+", "-")):
            check(not r["较上月（百分点）"].startswith("'"), "bulletin csv: number neutralised")
    check_markdown("bulletin md", open(outputs["md"], encoding="utf-8").read(), check)
    html = open(outputs["html"], encoding="utf-8").read()
    check("<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html,
          "bulletin html: the name's <script> is not escaped")
    try:
        import openpyxl
    except ImportError:
        check(False, "python3-openpyxl is missing (.ci/setup.sh installs it)")
        return
    book = openpyxl.load_workbook(outputs["xlsx"])
    texts = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                check(cell.data_type != "f", "xlsx: %s!%s is a formula: %r" % (sheet.title, cell.coordinate, cell.value))
                if isinstance(cell.value, str):
                    texts.append(cell.value)
                    check(neutralised(cell.value) == cell.value,
                          "xlsx: %s!%s is formula-like text %r" % (sheet.title, cell.coordinate, cell.value))
    for org_id in ("C1", "C2", "C4"):
        check(neutralised(names[org_id]) in texts, "xlsx: unit %s missing as %r" % (org_id, neutralised(names[org_id])))
    rate = book["按参学率"]
    check(all(isinstance(rate.cell(row=r, column=3).value, (int, float)) for r in range(2, rate.max_row + 1)),
          "xlsx: member counts are not numbers")


def unescaped_pipes(line):
    return sum(1 for i, c in enumerate(line) if c == "|" and (i == 0 or line[i - 1] != "\\"))


def check_markdown(what, markdown, check):
    lines = markdown.split("\n")
    width = None
    for line in lines:
        check("标题" not in line or not line.lstrip().startswith("#") or "\\# 标题" in line,
              "%s: a name made the heading %r" % (what, line))
        check(re.search(r"(?<!\\)<script", line) is None, "%s: raw HTML %r" % (what, line))
        # Each table keeps its column count: no name ends a cell early.
        if not line.startswith("|"):
            width = None
            continue
        if width is None:
            width = unescaped_pipes(line)
        check(unescaped_pipes(line) == width, "%s: table row with %d cells, header %d: %r"
              % (what, unescaped_pipes(line), width, line))
    check(MARKUP_NAME_MD in markdown, "%s: the escaped name %r is missing" % (what, MARKUP_NAME_MD))


if __name__ == "__main__":
    sys.exit(main())
