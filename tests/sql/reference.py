#!/usr/bin/env python3
"""Second independent implementation of the benchmark rule pack B1-B8.

Usage: reference.py [--weekly] DATA_DIR OUT_FILE

Reads the six contract CSVs (shared/contract.md, "Tables") from DATA_DIR and
writes the findings file described in "Exact semantics". It exists to check
tests/sql/b1_b8.sqlite.sql: both are written from the contract alone, so when
they agree on a hand-made case, the SQL's integer arithmetic and ranking are
not fooling themselves. Standard library only; every rate is a
fractions.Fraction and never a float.
"""

import csv
import sys
from collections import defaultdict
from fractions import Fraction
from math import floor

YEAR = 2023
WEEKS = range(1, 53)  # 2023-W01 .. 2023-W52
MONTHS = range(1, 13)
QUARTERS = range(1, 5)
MICRO = 10**6

# Rule ids and weights, "Benchmark rule pack".
B1, W1 = "study.weekly_rate", 2
B2, W2 = "activity.monthly_theme_day", 2
B3, W3 = "activity.quarterly_lesson", 1
B4, W4 = "transfer.school_to_community", 3
B5, W5 = "notice.monthly_bulletin", 3
B6_SMALL, B6_SECRETARY, W6 = "branch.too_small", "branch.no_secretary", 3
B7, W7 = "study.county_rollup", 3
B8, W8 = "study.streak", 4

STUDY_THRESHOLD = Fraction(3, 5)
TRANSFER_THRESHOLD = Fraction(19, 20)

# "Weekly audit variant: B1, B7, B8 for 2023-W10 and B2, B5 for 2023-03".
WEEKLY_SCOPE = {
    (B1, "2023-W10"), (B7, "2023-W10"), (B8, "2023-W10"),
    (B2, "2023-03"), (B5, "2023-03"),
}


def read_table(data_dir, name):
    """Rows of NAME.csv as dicts; a missing file is an empty table."""
    try:
        with open(f"{data_dir}/{name}.csv", newline="", encoding="utf-8-sig") as f:
            return list(csv.DictReader(f))
    except FileNotFoundError:
        return []


def micro(x):
    """Round a non-negative Fraction half-up to 6 decimals, in micro-units."""
    return floor(x * MICRO + Fraction(1, 2))


def fmt(m):
    return f"{m // MICRO}.{m % MICRO:06d}"


def week_name(w):
    return f"{YEAR}-W{w:02d}"


def rate_score(weight, threshold, rate):
    """score = w * (1 + (t - value)/t), from the exact ratio."""
    return weight * (1 + (threshold - rate) / threshold)


def compute(data_dir):
    orgs = read_table(data_dir, "orgs")
    members = read_table(data_dir, "members")
    study = read_table(data_dir, "study")
    activities = read_table(data_dir, "activities")
    transfers = read_table(data_dir, "transfers")
    notices = read_table(data_dir, "notices")

    children = defaultdict(list)
    for o in orgs:
        children[o["parent_id"]].append(o["id"])
    kind = {o["id"]: o["kind"] for o in orgs}

    def subtree(root):
        seen, stack = set(), [root]
        while stack:
            o = stack.pop()
            if o not in seen:
                seen.add(o)
                stack.extend(children.get(o, []))
        return seen

    branches = [o for o in orgs if o["kind"] == "branch"]
    active = defaultdict(int)
    for m in members:
        if m["status"] == "active":
            active[m["org_id"]] += 1

    learners = defaultdict(int)  # (branch, week number) -> summed learners
    for s in study:
        wk = s["week"]
        if len(wk) == 8 and wk.startswith(f"{YEAR}-W") and wk[6:].isdigit():
            n = int(wk[6:])
            if 1 <= n <= 52:
                learners[(s["org_id"], n)] += int(s["learners"] or 0)

    findings = []  # (rule, org, period, value Fraction, score Fraction)

    # B1 and B8.
    for b in branches:
        bid, d = b["id"], active[b["id"]]
        if d < 1:
            continue
        run = 0
        for w in WEEKS:
            rate = Fraction(learners[(bid, w)], d)
            if rate < STUDY_THRESHOLD:
                findings.append((B1, bid, week_name(w), rate,
                                 rate_score(W1, STUDY_THRESHOLD, rate)))
                run += 1
                if run >= 3:
                    findings.append((B8, bid, week_name(w), Fraction(run), Fraction(2 * W8)))
            else:
                run = 0

    # B2, B3: only 2023 activities of the branch itself.
    theme_months, lesson_quarters = set(), set()
    for a in activities:
        held = a["held_on"]
        if not (f"{YEAR}-01-01" <= held <= f"{YEAR}-12-31"):
            continue
        month = int(held[5:7])
        if a["type"] == "theme_day":
            theme_months.add((a["org_id"], month))
        elif a["type"] == "lesson":
            lesson_quarters.add((a["org_id"], (month - 1) // 3 + 1))
    for b in branches:
        for m in MONTHS:
            if (b["id"], m) not in theme_months:
                findings.append((B2, b["id"], f"{YEAR}-{m:02d}", Fraction(0), Fraction(2 * W2)))
        for q in QUARTERS:
            if (b["id"], q) not in lesson_quarters:
                findings.append((B3, b["id"], f"{YEAR}-Q{q}", Fraction(0), Fraction(2 * W3)))

    # B4.
    done_members = {t["member_id"] for t in transfers
                    if t["kind"] == "school_to_community"
                    and t["completed_on"] != "" and t["completed_on"] <= f"{YEAR}-12-31"}
    for s in orgs:
        if s["category"] != "school" or s["kind"] != "committee":
            continue
        inside = subtree(s["id"])
        graduates = {m["id"] for m in members
                     if m["org_id"] in inside
                     and f"{YEAR}-01-01" <= m["graduation_date"] <= f"{YEAR}-12-31"}
        if not graduates:
            continue
        rate = Fraction(len(graduates & done_members), len(graduates))
        if rate < TRANSFER_THRESHOLD:
            findings.append((B4, s["id"], str(YEAR), rate,
                             rate_score(W4, TRANSFER_THRESHOLD, rate)))

    # County committees: the root's children of kind committee.
    roots = [o["id"] for o in orgs if o["parent_id"] == ""]
    counties = [c for r in roots for c in children.get(r, []) if kind[c] == "committee"]

    # B5.
    published = defaultdict(list)  # (org, period) -> publication dates
    for n in notices:
        if n["kind"] == "monthly_bulletin" and n["published_on"] != "":
            published[(n["org_id"], n["period"])].append(n["published_on"])
    for c in counties:
        for m in MONTHS:
            period = f"{YEAR}-{m:02d}"
            deadline = f"{YEAR + 1}-01-05" if m == 12 else f"{YEAR}-{m + 1:02d}-05"
            ok = any(day <= deadline for day in published.get((c, period), []))
            if not ok:
                findings.append((B5, c, period, Fraction(0), Fraction(2 * W5)))

    # B6.
    for b in branches:
        if active[b["id"]] < 3:
            findings.append((B6_SMALL, b["id"], str(YEAR), Fraction(active[b["id"]]),
                             Fraction(2 * W6)))
        if b["secretary"] == "":
            findings.append((B6_SECRETARY, b["id"], str(YEAR), Fraction(0), Fraction(2 * W6)))

    # B7.
    for c in counties:
        pooled = [o for o in subtree(c) if kind.get(o) == "branch"]
        d = sum(active[o] for o in pooled)
        if d == 0:
            continue
        for w in WEEKS:
            rate = Fraction(sum(learners[(o, w)] for o in pooled), d)
            if rate < STUDY_THRESHOLD:
                findings.append((B7, c, week_name(w), rate,
                                 rate_score(W7, STUDY_THRESHOLD, rate)))

    return [(r, o, p, micro(v), micro(s)) for r, o, p, v, s in findings]


def rank(findings):
    """Orgs by total rounded score desc then id; within: score desc, rule, period.

    Python compares str by code point, which for UTF-8 text is the same order
    as comparing the encoded bytes."""
    total = defaultdict(int)
    for _, org, _, _, score in findings:
        total[org] += score
    return sorted(findings, key=lambda f: (-total[f[1]], f[1], -f[4], f[0], f[2]))


def main(argv):
    weekly = len(argv) > 1 and argv[1] == "--weekly"
    args = argv[2:] if weekly else argv[1:]
    if len(args) != 2:
        print(f"usage: {argv[0]} [--weekly] DATA_DIR OUT_FILE", file=sys.stderr)
        return 2
    findings = compute(args[0])
    if weekly:
        findings = [f for f in findings if (f[0], f[2]) in WEEKLY_SCOPE]
    with open(args[1], "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["rule", "org_id", "period", "value", "score"])
        for rule, org, period, value, score in rank(findings):
            writer.writerow([rule, org, period, fmt(value), fmt(score)])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
