#!/usr/bin/python3
"""Hostile names round-trip: SQL and format-string text in org ids, org names
and member names goes through import, audit and every report format
unchanged, and the store keeps all its tables.

Usage: injection_test.py CADENCE SOURCE_DIR

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
            texts[fmt] = open(out, encoding="utf-8").read() if os.path.exists(out) else ""

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
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("%d failures" % len(failures) if failures else "ok: every hostile name round-tripped")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
