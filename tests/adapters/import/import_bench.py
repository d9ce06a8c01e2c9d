#!/usr/bin/env python3
"""Import speed: `cadence import` against sqlite3's `.import` (and DuckDB's
read_csv when its npm package is installed) of the same contract CSVs, in
one run, alternating the competitors.

Usage: import_bench.py CADENCE DATA_DIR [--rounds N] [--work DIR]

Each round runs every competitor once into a fresh database file, the
starting competitor rotating from round to round, each under
/usr/bin/time -v: wall seconds (measured around the process), CPU seconds
(user + system) and peak resident memory. cadence imports with --pack
rules/bench; sqlite3 runs the import half of tests/sql/run_sqlite.sh (all-TEXT
tables); DuckDB runs bench/duckdb_store.js import (bench/run.sh installs
@duckdb/node-api under ${TMPDIR:-/tmp}/cadence-bench/duckdb; skipped when it
is not there). Prints per round and the medians, with the ratios
cadence/sqlite and cadence/duckdb taken round by round. A quicker companion
of bench/run.sh (BENCHMARKS.md) for the import alone; not run by CTest.
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
TABLES = {
    "orgs": "id TEXT, name TEXT, parent_id TEXT, kind TEXT, category TEXT, secretary TEXT, elected_on TEXT",
    "members": "id TEXT, org_id TEXT, name TEXT, birth_date TEXT, joined_on TEXT, status TEXT, graduation_date TEXT",
    "study": "org_id TEXT, week TEXT, learners TEXT",
    "activities": "id TEXT, org_id TEXT, type TEXT, held_on TEXT, attendees TEXT",
    "transfers": "member_id TEXT, from_org TEXT, to_org TEXT, kind TEXT, requested_on TEXT, completed_on TEXT",
    "notices": "org_id TEXT, kind TEXT, period TEXT, published_on TEXT",
}


def measure(command, stdin_path=None, env=None):
    with tempfile.NamedTemporaryFile("r", suffix=".time") as times:
        stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
        start = time.monotonic()
        done = subprocess.run(["/usr/bin/time", "-v", "-o", times.name] + command, stdin=stdin,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        wall = time.monotonic() - start
        if stdin_path:
            stdin.close()
        if done.returncode != 0:
            sys.exit("failed: %s\n%s" % (" ".join(command), done.stderr.decode(errors="replace")))
        text = times.read()
    field = lambda name: float(re.search(name + r": ([0-9.]+)", text).group(1))
    return {"wall": wall, "cpu": field("User time \\(seconds\\)") + field("System time \\(seconds\\)"),
            "mib": field("Maximum resident set size \\(kbytes\\)") / 1024}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cadence")
    parser.add_argument("data_dir")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--work", default=None, help="folder for the databases (default: a temporary one)")
    args = parser.parse_args()
    data_dir = os.path.abspath(args.data_dir)
    work = args.work or tempfile.mkdtemp(prefix="import-bench-")
    os.makedirs(work, exist_ok=True)
    script = os.path.join(work, "sqlite_import.sql")
    with open(script, "w", encoding="utf-8") as out:
        for table, columns in TABLES.items():
            out.write("CREATE TABLE %s(%s);\n" % (table, columns))
        for table in TABLES:
            path = os.path.join(data_dir, table + ".csv")
            if os.path.exists(path):
                out.write('.import --csv --skip 1 "%s" %s\n' % (path.replace("\\", "\\\\").replace('"', '\\"'), table))
    node_modules = os.path.join(os.environ.get("TMPDIR", "/tmp"), "cadence-bench", "duckdb", "node_modules")
    duckdb = os.path.isdir(os.path.join(node_modules, "@duckdb")) and shutil.which("node")
    node_env = dict(os.environ, NODE_PATH=node_modules)

    def database(name):
        path = os.path.join(work, name + ".db")
        for suffix in ("", "-wal", "-shm", ".wal"):
            if os.path.exists(path + suffix):
                os.remove(path + suffix)
        return path

    competitors = {
        "cadence": lambda: measure([args.cadence, "import", "--db", database("cadence"), "--pack",
                                    os.path.join(ROOT, "rules", "bench"), data_dir]),
        "sqlite": lambda: measure(["sqlite3", "-bail", database("sqlite")], stdin_path=script),
    }
    if duckdb:
        competitors["duckdb"] = lambda: measure(["node", os.path.join(ROOT, "bench", "duckdb_store.js"), "import",
                                                 data_dir, database("duckdb")], env=node_env)
    names = list(competitors)
    results = {name: [] for name in names}
    print("load average before: %s" % " ".join(open("/proc/loadavg").read().split()[:3]))
    for round_index in range(args.rounds):
        order = names[round_index % len(names):] + names[:round_index % len(names)]
        for name in order:
            results[name].append(competitors[name]())
        line = ", ".join("%s %.2f s wall %.2f s CPU %.0f MiB" % (n, results[n][-1]["wall"], results[n][-1]["cpu"],
                                                                 results[n][-1]["mib"]) for n in names)
        print("round %d (%s first): %s" % (round_index + 1, order[0], line))
    print("load average after: %s" % " ".join(open("/proc/loadavg").read().split()[:3]))
    print("\n| store | wall s, median (min–max) | CPU s, median | peak MiB | cadence/X wall, median of rounds | cadence/X CPU |")
    print("|---|---|---|---|---|---|")
    for name in names:
        walls = [r["wall"] for r in results[name]]
        cpus = [r["cpu"] for r in results[name]]
        ratio = ratio_cpu = ""
        if name != "cadence":
            ratio = "%.2f×" % statistics.median(c["wall"] / r["wall"] for c, r in zip(results["cadence"], results[name]))
            ratio_cpu = "%.2f×" % statistics.median(c["cpu"] / r["cpu"] for c, r in zip(results["cadence"], results[name]))
        print("| %s | %.2f (%.2f–%.2f) | %.2f | %.0f | %s | %s |" % (name, statistics.median(walls), min(walls), max(walls),
                                                                  statistics.median(cpus),
                                                                  statistics.median(r["mib"] for r in results[name]),
                                                                  ratio, ratio_cpu))
    if not args.work:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
