#!/usr/bin/python3
"""What commands do with failing outputs, read-only stores and ids that do
not exist, on tests/cases/bulletin-basic (imported, audited once as run 1,
weak branches flagged in the ledger on 2023-03-31).

Usage: store_cli_test.py CADENCE SOURCE_DIR outputs|read-only|ids

outputs: every command with its standard output on /dev/full, and with
  standard output or --out on a file that cannot grow (RLIMIT_FSIZE: a full
  disk), exits 2 with a message; an audit then records no run, `weak` writes
  no ledger step, and no --out file (nor a temporary one) is left. The same
  commands with a working output exit 0, so each check can fail.
read-only: the store file mode 444 in a folder mode 555 (as user nobody
  when run as root, since root ignores modes; skipped, exit 77, when that is
  impossible): read-only commands (audit --dry-run, explain, explain --run,
  history, diff, bulletin, weak --dry-run, rectify --list, check) work and
  print what they print on a writable store; commands that write (audit,
  import, weak, rectify STEP) exit 2 saying the store is read-only; the file
  is unchanged. Then the same with a writable folder (SQLite may make its
  -shm file there).
ids: explain --run, diff and rectify with a run, org or case that does not
  exist; rectify with a step dated before the case or its last step, and
  with nonsensical --plan-due-days: exit 2 with a message, ledger unchanged.
Exit 0 when every check holds; one line per check.
"""
import hashlib
import os
import resource
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import tempfile

FAILURES = []
# What a "full disk" lets a file grow to: less than any report.
FULL_DISK_BYTES = 64


def check(condition, what, detail=""):
    print("%s: %s%s" % ("ok  " if condition else "FAIL", what, "" if condition or not detail else "\n    " + detail))
    if not condition:
        FAILURES.append(what)


def count(db, sql):
    connection = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    try:
        return connection.execute(sql).fetchone()[0]
    finally:
        connection.close()


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


class Setup:
    def __init__(self, cadence, source, work):
        self.cadence = cadence
        self.case = os.path.join(source, "tests", "cases", "bulletin-basic")
        self.work = work
        self.db = os.path.join(work, "store", "cadence.db")
        os.makedirs(os.path.dirname(self.db))
        names = ["orgs.csv", "members.csv", "study.csv", "activities.csv", "notices.csv", "transfers.csv"]
        self.run_ok(["import", "--db", self.db, "--pack", self.case] + [os.path.join(self.case, n) for n in names])
        self.run_ok(["audit", "--db", self.db, "--pack", self.case, "--month", "2023-03", "--format", "csv"])
        self.run_ok(["weak", "--db", self.db, "--pack", self.case, "--as-of", "2023-03-31"])
        audit = self.run_ok(["audit", "--db", self.db, "--pack", self.case, "--month", "2023-03", "--format", "csv",
                             "--dry-run"])
        # A finding to explain: the first data row's rule, org and period.
        first = audit.stdout.lstrip("\ufeff").splitlines()[1].split(",")
        self.rule, self.org, self.period = first[0], first[1], first[2]

    def command(self, *arguments):
        return [self.cadence] + list(arguments)

    def run_ok(self, arguments):
        result = subprocess.run([self.cadence] + arguments, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if result.returncode != 0:
            raise SystemExit("setup: cadence %s failed:\n%s" % (" ".join(arguments), result.stderr))
        return result

    def reading_commands(self, db):
        """(name, arguments) of every command that only reads the store."""
        pack = self.case
        return [
            ("audit --dry-run", ["audit", "--db", db, "--pack", pack, "--month", "2023-03", "--format", "csv",
                                 "--dry-run"]),
            ("explain", ["explain", "--db", db, "--pack", pack, "--rule", self.rule, "--org", self.org,
                         "--period", self.period]),
            ("explain --run", ["explain", "--db", db, "--run", "1", "--rule", self.rule, "--org", self.org,
                               "--period", self.period]),
            ("history", ["history", "--db", db]),
            ("diff", ["diff", "--db", db, "1", "1"]),
            ("bulletin", ["bulletin", "--db", db, "--pack", pack, "--month", "2023-03"]),
            ("weak --dry-run", ["weak", "--db", db, "--pack", pack, "--as-of", "2023-03-31", "--dry-run"]),
            ("rectify --list", ["rectify", "--db", db, "--list", "--as-of", "2023-05-15"]),
        ]


def ignore_sigxfsz(limit):
    def prepare():
        # A file that cannot grow past `limit` bytes: writes past it fail
        # with EFBIG, as on a full disk (SIGXFSZ ignored, or it would kill).
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return prepare


def check_outputs(setup):
    db = setup.db
    pack = setup.case
    # Keeps the store's -shm file in place at its size, so that a command
    # whose file size is limited can still open the store.
    keeper = sqlite3.connect(db)
    keeper.execute("SELECT count(*) FROM audit_runs").fetchone()
    runs = lambda: count(db, "SELECT count(*) FROM audit_runs")
    steps = lambda: count(db, "SELECT count(*) FROM rectification_steps")
    stdout_commands = setup.reading_commands(db) + [
        ("audit (records a run)", ["audit", "--db", db, "--pack", pack, "--month", "2023-03"]),
        ("audit --format json", ["audit", "--db", db, "--pack", pack, "--month", "2023-03", "--format", "json"]),
        ("audit --format md", ["audit", "--db", db, "--pack", pack, "--month", "2023-03", "--format", "md"]),
        ("audit --format contract", ["audit", "--db", db, "--pack", pack, "--month", "2023-03", "--format",
                                     "contract"]),
        # The report goes to --out, the comparison with the last run to stdout:
        # printed before the run is recorded, so its loss records nothing.
        ("audit --since-last --out", ["audit", "--db", db, "--pack", pack, "--month", "2023-03", "--format", "csv",
                                      "--since-last", "--out", os.path.join(setup.work, "since-last.csv")]),
        ("bulletin --format csv", ["bulletin", "--db", db, "--pack", pack, "--month", "2023-03", "--format", "csv"]),
        ("bulletin --format html", ["bulletin", "--db", db, "--pack", pack, "--month", "2023-03", "--format",
                                    "html"]),
        ("weak (writes the ledger)", ["weak", "--db", db, "--pack", pack, "--as-of", "2023-04-30"]),
        ("check", ["check", pack, "--explain"]),
        ("import (already imported)", ["import", "--db", db, "--pack", pack, os.path.join(pack, "orgs.csv")]),
        ("demo", ["demo", "--dir", os.path.join(setup.work, "demo")]),
    ]
    for name, arguments in stdout_commands:
        runs_before, steps_before = runs(), steps()
        with open("/dev/full", "w") as full:
            result = subprocess.run([setup.cadence] + arguments, stdout=full, stderr=subprocess.PIPE, text=True)
        check(result.returncode == 2 and "standard output" in result.stderr,
              "%s > /dev/full: exit 2 with a message" % name, "exit %d, stderr %r" % (result.returncode,
                                                                                    result.stderr[-300:]))
        if name.startswith("audit"):
            check(runs() == runs_before, "%s > /dev/full: no run recorded" % name)
        if "--out" in arguments:
            out_file = arguments[arguments.index("--out") + 1]
            check(not os.path.exists(out_file), "%s > /dev/full: no --out file left" % name)
        if name.startswith("weak"):
            check(steps() == steps_before, "%s > /dev/full: the ledger is not written" % name)
    # The same commands with stdout in a file that cannot grow past 64 bytes
    # (the issue's `audit --format csv > file` on a full disk).
    for name, arguments in stdout_commands:
        if name in ("import (already imported)", "demo") or "--out" in arguments:
            continue  # they write to the store or files of their own first
        runs_before = runs()
        target = os.path.join(setup.work, "stdout.txt")
        with open(target, "w") as out:
            result = subprocess.run([setup.cadence] + arguments, stdout=out, stderr=subprocess.PIPE, text=True,
                                    preexec_fn=ignore_sigxfsz(FULL_DISK_BYTES))
        check(result.returncode == 2 and "standard output" in result.stderr,
              "%s > file on a full disk: exit 2 with a message" % name,
              "exit %d, stderr %r" % (result.returncode, result.stderr[-300:]))
        if name.startswith("audit"):
            check(runs() == runs_before, "%s > file on a full disk: no run recorded" % name)
    # --out on a full disk and in a folder that does not exist.
    out_folder = os.path.join(setup.work, "out")
    os.makedirs(out_folder)
    out_commands = [
        ("audit --out csv", ["audit", "--db", db, "--pack", pack, "--month", "2023-03", "--format", "csv"]),
        ("audit --out json", ["audit", "--db", db, "--pack", pack, "--month", "2023-03", "--format", "json"]),
        ("audit --out md", ["audit", "--db", db, "--pack", pack, "--month", "2023-03", "--format", "md"]),
        ("bulletin --out md", ["bulletin", "--db", db, "--pack", pack, "--month", "2023-03"]),
        ("bulletin --out html", ["bulletin", "--db", db, "--pack", pack, "--month", "2023-03", "--format", "html"]),
        ("bulletin --out xlsx", ["bulletin", "--db", db, "--pack", pack, "--month", "2023-03", "--format", "xlsx"]),
    ]
    for name, arguments in out_commands:
        target = os.path.join(out_folder, "report")
        for where, path, prepare in (("on a full disk", target, ignore_sigxfsz(FULL_DISK_BYTES)),
                                     ("on a full disk over an earlier report", target,
                                      ignore_sigxfsz(FULL_DISK_BYTES)),
                                     ("in a missing folder", os.path.join(out_folder, "missing", "report"), None)):
            earlier = "earlier" in where
            if earlier:
                with open(target, "w") as f:
                    f.write("the earlier report\n")
            runs_before = runs()
            result = subprocess.run([setup.cadence] + arguments + ["--out", path], stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, text=True, preexec_fn=prepare)
            check(result.returncode == 2 and "cannot write" in result.stderr,
                  "%s %s: exit 2 with a message" % (name, where),
                  "exit %d, stderr %r" % (result.returncode, result.stderr[-300:]))
            left = sorted(os.listdir(out_folder))
            check(left == (["report"] if earlier else []), "%s %s: no file left behind" % (name, where),
                  "left: %s" % left)
            if earlier:
                with open(target) as f:
                    check(f.read() == "the earlier report\n", "%s %s: the earlier report is intact" % (name, where))
                os.remove(target)
            if name.startswith("audit"):
                check(runs() == runs_before, "%s %s: no run recorded" % (name, where))
        # Control: with room, the report is written and nothing else is left.
        result = subprocess.run([setup.cadence] + arguments + ["--out", target], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        check(result.returncode == 0 and os.listdir(out_folder) == ["report"] and os.path.getsize(target) > FULL_DISK_BYTES,
              "%s with room: the report alone is written" % name,
              "exit %d, folder %s, stderr %r" % (result.returncode, os.listdir(out_folder), result.stderr[-300:]))
        os.remove(target)
    # Control for the stdout checks: a working stdout exits 0.
    for name, arguments in setup.reading_commands(db):
        result = subprocess.run([setup.cadence] + arguments, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        check(result.returncode == 0 and len(result.stdout) > 0, "%s with a working stdout: exit 0" % name)
    keeper.close()


def as_nobody():
    """The prefix that runs a command as an unprivileged user, or None."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]


def check_read_only(setup):
    prefix = as_nobody()
    if prefix is None:
        print("SKIPPED: running as root without setpriv: file modes cannot make the store read-only")
        return 77
    # Everything the unprivileged user must read: the work folder and the
    # store, readable; the store folder and file, not writable.
    os.chmod(setup.work, 0o755)
    folder = os.path.join(setup.work, "read-only")
    os.makedirs(folder)
    os.chmod(folder, 0o755)
    db = os.path.join(folder, "cadence.db")
    shutil.copyfile(setup.db, db)  # the source was closed cleanly: no WAL to copy
    writable = os.path.join(setup.work, "writable.db")
    shutil.copyfile(setup.db, writable)
    out_folder = os.path.join(setup.work, "reports")
    os.makedirs(out_folder)
    os.chmod(out_folder, 0o777)

    def run(arguments, **options):
        return subprocess.run(prefix + [setup.cadence] + arguments, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, **options)

    expected = {}
    for name, arguments in setup.reading_commands(writable):
        result = subprocess.run([setup.cadence] + arguments, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True)
        expected[name] = result.stdout
    for folder_mode, label in ((0o555, "read-only folder"), (0o777, "writable folder")):
        os.chmod(db, 0o444)
        os.chmod(folder, folder_mode)
        before = digest(db)
        for name, arguments in setup.reading_commands(db):
            result = run(arguments)
            check(result.returncode == 0 and result.stdout == expected[name],
                  "%s on a read-only store (%s): works as on a writable one" % (name, label),
                  "exit %d, stderr %r" % (result.returncode, result.stderr[-300:]))
        result = run(["bulletin", "--db", db, "--pack", setup.case, "--month", "2023-03", "--format", "xlsx",
                      "--out", os.path.join(out_folder, "b.xlsx")])
        check(result.returncode == 0, "bulletin --out on a read-only store (%s)" % label, result.stderr[-300:])
        writing = [
            ("audit", ["audit", "--db", db, "--pack", setup.case, "--month", "2023-03", "--format", "csv"]),
            ("import", ["import", "--db", db, "--pack", setup.case, os.path.join(setup.case, "notices.csv")]),
            ("weak", ["weak", "--db", db, "--pack", setup.case, "--as-of", "2023-04-30"]),
            ("rectify STEP", ["rectify", "--db", db, "B31", "plan", "--on", "2023-04-10"]),
        ]
        for name, arguments in writing:
            result = run(arguments)
            check(result.returncode == 2 and "read-only" in result.stderr,
                  "%s on a read-only store (%s): exit 2 saying it is read-only" % (name, label),
                  "exit %d, stderr %r" % (result.returncode, result.stderr[-300:]))
        check(digest(db) == before, "the read-only store (%s) is unchanged" % label)
        result = run(["history", "--db", os.path.join(folder, "missing.db")])
        check(result.returncode == 2 and "no store" in result.stderr and not os.path.exists(
            os.path.join(folder, "missing.db")), "history on a missing store (%s): exit 2, nothing created" % label,
              result.stderr[-300:])
    os.chmod(folder, 0o755)
    return 0


def check_ids(setup):
    db = setup.db
    steps = lambda: count(db, "SELECT count(*) FROM rectification_steps")

    def refused(what, arguments, needle):
        before = steps()
        result = subprocess.run([setup.cadence] + arguments, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True)
        check(result.returncode == 2 and needle in result.stderr and steps() == before,
              "%s: exit 2 (%s)" % (what, needle), "exit %d, stderr %r" % (result.returncode, result.stderr[-300:]))

    explain = ["explain", "--db", db, "--rule", setup.rule, "--org", setup.org, "--period", setup.period]
    refused("explain --run 99", explain + ["--run", "99"], "no run 99")
    refused("explain --run 0", explain + ["--run", "0"], "--run must be a run id")
    refused("explain --run -1", explain + ["--run", "-1"], "--run must be a run id")
    refused("diff with a missing newer run", ["diff", "--db", db, "1", "99"], "no run 99")
    refused("diff with a missing older run", ["diff", "--db", db, "98", "1"], "no run 98")
    refused("rectify on an org without a case", ["rectify", "--db", db, "NOPE", "plan", "--on", "2023-04-10"],
            "no rectification case for NOPE")
    refused("rectify a step before the case", ["rectify", "--db", db, "B31", "plan", "--on", "2023-03-01"],
            "before B31's case was opened on 2023-03-31")
    for days in ("-5", "0", "100000"):
        refused("rectify --plan-due-days %s" % days,
                ["rectify", "--db", db, "B31", "plan", "--on", "2023-04-10", "--plan-due-days", days],
                "--plan-due-days must be between 1 and 366")
    # A valid step, then one dated before it.
    before = steps()
    result = subprocess.run([setup.cadence, "rectify", "--db", db, "B31", "plan", "--on", "2023-04-10"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    check(result.returncode == 0 and steps() == before + 1, "rectify B31 plan on 2023-04-10 is recorded",
          result.stderr)
    refused("rectify a step before the last step", ["rectify", "--db", db, "B31", "close", "--on", "2023-04-05"],
            "before B31's last step (plan on 2023-04-10)")
    # A mistyped --db: only import creates a store; every other command,
    # writing ones included, says there is none and creates nothing.
    missing = os.path.join(setup.work, "missing.db")
    pack = setup.case
    for name, arguments in [
        ("audit", ["audit", "--db", missing, "--pack", pack, "--month", "2023-03"]),
        ("audit --dry-run", ["audit", "--db", missing, "--pack", pack, "--month", "2023-03", "--dry-run"]),
        ("weak", ["weak", "--db", missing, "--pack", pack, "--as-of", "2023-04-30"]),
        ("weak --dry-run", ["weak", "--db", missing, "--pack", pack, "--as-of", "2023-04-30", "--dry-run"]),
        ("rectify STEP", ["rectify", "--db", missing, "B31", "plan", "--on", "2023-04-10"]),
        ("rectify --list", ["rectify", "--db", missing, "--list", "--as-of", "2023-05-15"]),
        ("explain", ["explain", "--db", missing, "--pack", pack, "--rule", setup.rule, "--org", setup.org,
                     "--period", setup.period]),
        ("history", ["history", "--db", missing]),
        ("diff", ["diff", "--db", missing, "1", "2"]),
        ("bulletin", ["bulletin", "--db", missing, "--pack", pack, "--month", "2023-03"]),
    ]:
        result = subprocess.run([setup.cadence] + arguments, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True)
        check(result.returncode == 2 and "no store at " + missing in result.stderr and not os.path.exists(missing),
              "%s on a missing store: exit 2 naming the path, nothing created" % name,
              "exit %d, stderr %r" % (result.returncode, result.stderr[-300:]))
    return 0


def main():
    cadence, source, mode = sys.argv[1], sys.argv[2], sys.argv[3]
    work = tempfile.mkdtemp(prefix="cadence-store-cli-")
    try:
        setup = Setup(cadence, source, work)
        code = {"outputs": check_outputs, "read-only": check_read_only, "ids": check_ids}[mode](setup)
        if FAILURES:
            print("%d checks failed" % len(FAILURES))
            return 1
        return code or 0
    finally:
        for root, folders, _ in os.walk(work):
            for name in folders:
                os.chmod(os.path.join(root, name), stat.S_IRWXU)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
