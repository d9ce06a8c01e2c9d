#!/usr/bin/env python3
"""Random contract CSVs for cross-checking the independent implementations.

Usage: random_data.py OUT_DIR SEED BRANCHES

Writes the six contract CSVs (shared/contract.md) for a random org tree with
BRANCHES branches: random kinds and categories (so some committees are school
committees, some root children are not committees), empty secretaries, members
with 2022/2023/2024 graduation dates, duplicate and out-of-year study rows,
activities just outside 2023, bulletins on the 1st, 5th or 6th. The data has no
expected output of its own: run run_sqlite.sh, reference.py and
bench/sql/run_duckdb.js on it and compare (they agreed on seeds 1-3 with 300
branches and seed 7 with 20,000 branches). Deterministic for a seed.
"""
import csv
import os
import random
import sys
class Case:
    def __init__(self, out, crlf=False, bom=()):
        self.out, self.crlf, self.bom = out, crlf, bom
        os.makedirs(out, exist_ok=True)
        self.orgs, self.members, self.study, self.acts, self.transfers, self.notices = [], [], [], [], [], []
    def org(self, i, name, parent, kind, cat, sec="Sec " , elected="2022-01-01"):
        self.orgs.append((i, name, parent, kind, cat, sec if sec != "Sec " else f"Secretary of {i}", elected))
    def mem(self, mid, org, status="active", grad="", name=None):
        self.members.append((mid, org, name or f"Member {mid}", "2001-05-04", "2015-05", status, grad))
    def full_branch(self, org, active, skip_weeks=()):
        for w in range(1, 53):
            if w not in skip_weeks: self.study.append((org, f"2023-W{w:02d}", active))
        for m in range(1, 13): self.act(org, "theme_day", f"2023-{m:02d}-15")
        for q in range(1, 5): self.act(org, "lesson", f"2023-{3*q-1:02d}-10")
    def act(self, org, typ, day, att=5):
        self.acts.append((f"A{len(self.acts)+1}", org, typ, day, att))
    def full_notices(self, county, skip=(), override=None):
        override = override or {}
        for m in range(1, 13):
            if m in skip: continue
            if m in override:
                for d in override[m]: self.notices.append((county, "monthly_bulletin", f"2023-{m:02d}", d))
                continue
            nxt = "2024-01-02" if m == 12 else f"2023-{m+1:02d}-02"
            self.notices.append((county, "monthly_bulletin", f"2023-{m:02d}", nxt))
    def write(self):
        def w(name, header, rows):
            with open(f"{self.out}/{name}.csv", "w", newline="", encoding="utf-8-sig" if name in self.bom else "utf-8") as f:
                c = csv.writer(f, lineterminator="\r\n" if self.crlf else "\n"); c.writerow(header); c.writerows(rows)
        w("orgs", ["id","name","parent_id","kind","category","secretary","elected_on"], self.orgs)
        w("members", ["id","org_id","name","birth_date","joined_on","status","graduation_date"], self.members)
        w("study", ["org_id","week","learners"], self.study)
        w("activities", ["id","org_id","type","held_on","attendees"], self.acts)
        w("transfers", ["member_id","from_org","to_org","kind","requested_on","completed_on"], self.transfers)
        w("notices", ["org_id","kind","period","published_on"], self.notices)
if len(sys.argv) != 4:
    sys.exit("usage: random_data.py OUT_DIR SEED BRANCHES")
random.seed(int(sys.argv[2])); n_branches = int(sys.argv[3])
c = Case(sys.argv[1])
c.org("R", "Root", "", "committee", "government")
parents = ["R"]; committees = []
for i in range(max(2, n_branches // 20)):
    p = random.choice(parents)
    kind = random.choice(["committee", "committee", "working_committee", "general_branch"])
    cat = random.choice(["school", "government", "community"])
    oid = f"C{i}"; c.org(oid, f"Committee, {i}", p, kind, cat, sec=random.choice(["", "S"]))
    parents.append(oid); committees.append(oid)
mid = 0
for b in range(n_branches):
    oid = f"B{b}"; c.org(oid, f'Branch "{b}"', random.choice(parents[1:]), "branch", random.choice(["school","rural"]), sec=random.choice(["", "x", "y"]))
    act = random.choice([0, 1, 2, 3, 5, 8, 13, 40])
    for k in range(act + random.randint(0, 2)):
        mid += 1
        c.mem(f"M{mid}", oid, "active" if k < act else "left", random.choice(["", "", "2023-06-30", "2022-07-01", "2024-01-01", "2023-12-31"]))
        if random.random() < 0.3:
            c.transfers.append((f"M{mid}", oid, "X", random.choice(["school_to_community", "other"]), "2023-01-01", random.choice(["", "2023-05-05", "2023-12-31", "2024-01-01"])))
    for w in list(range(1, 53)):
        if random.random() < 0.85:
            c.study.append((oid, f"2023-W{w:02d}", random.randint(0, max(1, act + 1))))
            if random.random() < 0.05: c.study.append((oid, f"2023-W{w:02d}", random.randint(0, 3)))
    c.study.append((oid, "2022-W52", 5)); c.study.append((oid, "2024-W01", 5))
    for m in range(1, 13):
        if random.random() < 0.8: c.act(oid, random.choice(["theme_day","lesson","assembly"]), f"2023-{m:02d}-{random.randint(1,28):02d}")
    c.act(oid, "theme_day", "2022-12-31"); c.act(oid, "lesson", "2024-01-01")
for co in committees:
    for m in range(1, 13):
        if random.random() < 0.9:
            nm = f"2023-{m+1:02d}" if m < 12 else "2024-01"
            c.notices.append((co, "monthly_bulletin", f"2023-{m:02d}", f"{nm}-{random.choice(['01','05','06'])}"))
c.write()
