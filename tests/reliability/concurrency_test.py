#!/usr/bin/python3
"""Concurrency: commands started together on one store, many rounds.

Usage: concurrency_test.py CADENCE SOURCE_DIR imports|import-audit [ROUNDS]

Each round starts from a copy of the same store, starts two processes
together (Popen, then wait for both: no sleeps, no timing assumptions) and
checks what they left:

imports: import A sets O3's parent to O7, import B sets O7's parent to O3.
  Each is valid alone; together they make a cycle. Imports are serialised
  and validated inside their write transaction, so exactly one is refused
  (exit 2, a diagnostic naming the cycle) and the other stored (exit 0).
  The store passes PRAGMA integrity_check, its org tree has no cycle, and
  an audit of it succeeds. Then the same file imported twice at once: one
  batch is stored, the other import finds it already imported.

import-audit: an import that changes the findings (more study rows) runs
  with a recording audit (--format csv --out). The import always succeeds.
  The audit either records its run, whose batches are exactly those of the
  data it read — the report must be byte for byte the audit of the store
  without the new batch when the run lists the old batches, and the audit of
  the store with it when it lists the new one — or, when the import
  committed while it ran, refuses to record (exit 2, "the store changed
  while the audit ran"), leaves no --out file, and no run is recorded.
  Either way integrity_check says ok.

Exit 0 when every round holds; a line per round says what happened.
"""
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

BRANCHES = 60


def write_base(folder):
    """Orgs (R, the county committees O3 and O7, branches under them),
    members, half a year of study rows and activities: the bench schema."""
    with open(os.path.join(folder, "orgs.csv"), "w") as f:
        f.write("id,name,parent_id,kind,category,secretary,elected_on\n")
        f.write("R,City Committee,,committee,government,S,2021-01-01\n")
        f.write("O3,County 3,R,committee,government,S,2021-01-01\n")
        f.write("O7,County 7,R,committee,government,S,2021-01-01\n")
        for b in range(BRANCHES):
            f.write("B%d,Branch %d,%s,branch,school,S,2021-01-01\n" % (b, b, "O3" if b % 2 else "O7"))
    with open(os.path.join(folder, "members.csv"), "w") as f:
        f.write("id,org_id,name,birth_date,joined_on,status,graduation_date\n")
        for b in range(BRANCHES):
            for m in range(4):
                f.write("M%d_%d,B%d,Member,2000-01-01,2015-05,active,\n" % (b, m, b))
    with open(os.path.join(folder, "study.csv"), "w") as f:
        f.write("org_id,week,learners\n")
        for week in range(1, 27):
            for b in range(BRANCHES):
                f.write("B%d,2023-W%02d,%d\n" % (b, week, (b + week) % 3))
    with open(os.path.join(folder, "activities.csv"), "w") as f:
        f.write("id,org_id,type,held_on,attendees\n")
        for b in range(BRANCHES):
            for month in range(1, 7):
                if (b + month) % 4:
                    f.write("A%d_%d,B%d,theme_day,2023-%02d-10,4\n" % (b, month, b, month))


def write_parent_change(path, org, parent):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write("id,name,parent_id,kind,category,secretary,elected_on\n")
        f.write("%s,County %s,%s,committee,government,S,2021-01-01\n" % (org, org[1:], parent))


def write_more_study(path):
    """Every branch studied fully in weeks 10-20: fewer findings."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write("org_id,week,learners\n")
        for week in range(10, 21):
            for b in range(BRANCHES):
                f.write("B%d,2023-W%02d,4\n" % (b, week))


def copy_store(source, target):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(target + suffix):
            os.remove(target + suffix)
    shutil.copyfile(source, target)


def run(command):
    return subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def start_together(first, second):
    """Starts both, then waits for both: (code, stderr) each."""
    a = subprocess.Popen(first, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    b = subprocess.Popen(second, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    a_err = a.communicate()[1]
    b_err = b.communicate()[1]
    return (a.returncode, a_err), (b.returncode, b_err)


def org_cycle(db):
    """An org on a cycle of parent links, or None."""
    connection = sqlite3.connect(db)
    try:
        parents = dict(connection.execute("SELECT id, parent_id FROM rs_orgs"))
    finally:
        connection.close()
    for start in parents:
        seen = set()
        org = start
        while org is not None and org in parents:
            if org in seen:
                return org
            seen.add(org)
            org = parents[org]
    return None


def query(db, sql):
    connection = sqlite3.connect(db)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def check_imports(cadence, pack, work, base, rounds):
    a_file = os.path.join(work, "a", "orgs.csv")
    b_file = os.path.join(work, "b", "orgs.csv")
    write_parent_change(a_file, "O3", "O7")
    write_parent_change(b_file, "O7", "O3")
    db = os.path.join(work, "store.db")
    # Each alone is valid: the test is only meaningful if so.
    for change in (a_file, b_file):
        copy_store(base, db)
        alone = run([cadence, "import", "--db", db, "--pack", pack, change])
        if alone.returncode != 0:
            print("setup: %s alone was refused:\n%s" % (change, alone.stderr))
            return 1
    failures = 0
    for number in range(1, rounds + 1):
        copy_store(base, db)
        batches_before = query(db, "SELECT count(*) FROM import_batches")[0][0]
        (a_code, a_err), (b_code, b_err) = start_together(
            [cadence, "import", "--db", db, "--pack", pack, a_file],
            [cadence, "import", "--db", db, "--pack", pack, b_file])
        problems = []
        if sorted([a_code, b_code]) != [0, 2]:
            problems.append("exit codes %d and %d, expected one 0 and one 2" % (a_code, b_code))
        refused = a_err if a_code == 2 else b_err
        if "cycle" not in refused.lower():
            problems.append("the refused import does not name the cycle: %r" % refused.strip())
        integrity = query(db, "PRAGMA integrity_check")[0][0]
        if integrity != "ok":
            problems.append("integrity_check: " + integrity)
        cycle = org_cycle(db)
        if cycle is not None:
            problems.append("the stored org tree has a cycle through " + cycle)
        batches_after = query(db, "SELECT count(*) FROM import_batches")[0][0]
        if batches_after != batches_before + 1:
            problems.append("%d batches stored, expected 1" % (batches_after - batches_before))
        audit = run([cadence, "audit", "--db", db, "--pack", pack, "--month", "2023-03", "--dry-run",
                     "--format", "csv"])
        if audit.returncode != 0:
            problems.append("an audit of the store fails: " + audit.stderr.strip()[-300:])
        failures += 1 if problems else 0
        stored = "A" if a_code == 0 else "B"
        print("round %2d: %s stored, %s" % (number, stored, "; ".join(problems) if problems else "ok"))
    # The same file twice at once: the checksum check is a validation
    # against stored data too, so exactly one batch is stored and the other
    # import says the file was already imported.
    for number in range(1, rounds + 1):
        copy_store(base, db)
        batches_before = query(db, "SELECT count(*) FROM import_batches")[0][0]
        (a_code, a_err), (b_code, b_err) = start_together(
            [cadence, "import", "--db", db, "--pack", pack, a_file],
            [cadence, "import", "--db", db, "--pack", pack, a_file])
        problems = []
        if (a_code, b_code) != (0, 0):
            problems.append("exit codes %d and %d, expected 0 and 0: %s" % (a_code, b_code, (a_err + b_err)[-300:]))
        batches_after = query(db, "SELECT count(*) FROM import_batches")[0][0]
        if batches_after != batches_before + 1:
            problems.append("%d batches stored for one file, expected 1" % (batches_after - batches_before))
        failures += 1 if problems else 0
        print("round %2d: the same file twice, %s" % (number, "; ".join(problems) if problems else "ok"))
    print("%d rounds of each, %d failures" % (rounds, failures))
    return 1 if failures else 0


def check_import_audit(cadence, pack, work, base, rounds):
    more = os.path.join(work, "more", "study.csv")
    write_more_study(more)
    import_command = lambda db: [cadence, "import", "--db", db, "--pack", pack, more]
    audit_command = lambda db, out: [cadence, "audit", "--db", db, "--pack", pack, "--year", "2023", "--as-of",
                                     "2023-12-31", "--format", "csv", "--out", out]
    # The two possible reports: the audit of the store without the new
    # batch and with it. They must differ, or the test could not tell them.
    db = os.path.join(work, "store.db")
    old_batches = ",".join(str(row[0]) for row in query(base, "SELECT id FROM import_batches ORDER BY id"))
    reference_out = os.path.join(work, "reference.csv")
    copy_store(base, db)
    subprocess.run(audit_command(db, reference_out), check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(reference_out, "rb") as f:
        without = f.read()
    copy_store(base, db)
    subprocess.run(import_command(db), check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    new_batches = ",".join(str(row[0]) for row in query(db, "SELECT id FROM import_batches ORDER BY id"))
    subprocess.run(audit_command(db, reference_out), check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(reference_out, "rb") as f:
        with_new = f.read()
    if without == with_new or old_batches == new_batches:
        print("setup: the import does not change the audit's report")
        return 1

    failures = 0
    outcomes = {}
    out = os.path.join(work, "out", "audit.csv")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    for number in range(1, rounds + 1):
        copy_store(base, db)
        if os.path.exists(out):
            os.remove(out)
        (import_code, import_err), (audit_code, audit_err) = start_together(import_command(db),
                                                                         audit_command(db, out))
        problems = []
        if import_code != 0:
            problems.append("the import failed (exit %d): %s" % (import_code, import_err.strip()[-300:]))
        integrity = query(db, "PRAGMA integrity_check")[0][0]
        if integrity != "ok":
            problems.append("integrity_check: " + integrity)
        runs = query(db, "SELECT batches FROM audit_runs ORDER BY id")
        leftovers = [name for name in os.listdir(os.path.dirname(out)) if name != "audit.csv"]
        if leftovers:
            problems.append("files left beside the report: %s" % leftovers)
        if audit_code == 0:
            if len(runs) != 1:
                problems.append("%d runs recorded, expected 1" % len(runs))
                what = "?"
            elif runs[0][0] == old_batches:
                what = "recorded before the import"
                expected = without
            elif runs[0][0] == new_batches:
                what = "recorded after the import"
                expected = with_new
            else:
                problems.append("the run records batches %s, neither %s nor %s" % (runs[0][0], old_batches, new_batches))
                what = "?"
            if what != "?":
                with open(out, "rb") as f:
                    report = f.read()
                if report != expected:
                    problems.append("the report does not come from the batches the run records (%s)" % runs[0][0])
        else:
            what = "exit %d" % audit_code
            problems.append("the audit failed: %s" % audit_err.strip()[-300:])
        outcomes[what] = outcomes.get(what, 0) + 1
        failures += 1 if problems else 0
        print("round %2d: audit %s, %s" % (number, what, "; ".join(problems) if problems else "ok"))
    print("%d rounds (%s), %d failures"
          % (rounds, ", ".join("%s: %d" % item for item in sorted(outcomes.items())), failures))
    return 1 if failures else 0


def main():
    cadence, source, mode = sys.argv[1], sys.argv[2], sys.argv[3]
    rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 20
    pack = os.path.join(source, "rules", "bench")
    work = tempfile.mkdtemp(prefix="cadence-concurrency-")
    try:
        write_base(work)
        base = os.path.join(work, "base.db")
        subprocess.run([cadence, "import", "--db", base, "--pack", pack]
                       + [os.path.join(work, name) for name in ("orgs.csv", "members.csv", "study.csv", "activities.csv")],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if mode == "imports":
            return check_imports(cadence, pack, work, base, rounds)
        return check_import_audit(cadence, pack, work, base, rounds)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
