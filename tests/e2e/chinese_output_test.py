#!/usr/bin/python3
"""cadence in Chinese, its default: no English text of the catalog is left.

Usage: chinese_output_test.py CADENCE SOURCE_DIR

Runs, with --lang zh, the audit in the formats people read (terminal,
Markdown, CSV), `weak`, `rectify --list`, the --help of every command and the
main errors, and checks that
  - no English text of adapters/i18n/po/zh_CN.po (each msgid cut at its
    {n} placeholders, the pieces of two words or more) appears in any of
    them: a text printed without tr(), or missing from the catalog, fails;
  - periods, dates and statuses read as people write them in Chinese, and
    each branch is named with its county.
Then checks that --lang en and LANGUAGE=en give the English texts back.
"""
import os
import re
import subprocess
import sys
import tempfile

cadence, source = sys.argv[1], sys.argv[2]
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def run(arguments, env_extra=None, expect=0):
    env = dict(os.environ)
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        env.pop(name, None)
    env["CADENCE_TODAY"] = "2023-06-30"
    env.update(env_extra or {})
    result = subprocess.run([cadence] + arguments, capture_output=True, env=env, cwd=source)
    out = result.stdout.decode("utf-8") + result.stderr.decode("utf-8")
    check(result.returncode == expect, "%s: exit %d, expected %d:\n%s" % (" ".join(arguments), result.returncode, expect, out))
    return out


def english_fragments():
    text = open(os.path.join(source, "adapters/i18n/po/zh_CN.po"), encoding="utf-8").read()
    fragments = set()
    for msgid in re.findall(r'^msgid "(.+)"$', text, re.M):
        for piece in re.split(r"\{\d\}", msgid.replace('\\"', '"')):
            piece = piece.strip(" :;,.()'")
            # Two words or more: single words (rule, value) also occur in
            # ids, file names and option names.
            if re.search(r"[A-Za-z]+ [A-Za-z]+", piece) and not piece.startswith("-"):
                fragments.add(piece)
    return fragments


fragments = english_fragments()
check(len(fragments) > 100, "too few English texts read from zh_CN.po: %d" % len(fragments))


def no_english(name, text):
    left = sorted(f for f in fragments if f in text)
    check(not left, "%s: English left in the Chinese output: %s\n%s" % (name, left, text[:3000]))


with tempfile.TemporaryDirectory() as work:
    bench = os.path.join(source, "tests/cases/bench-tiny")
    pack = os.path.join(source, "rules/bench")
    db = os.path.join(work, "bench.db")
    run(["import", "--db", db, "--pack", pack] +
        [os.path.join(bench, name + ".csv") for name in ("orgs", "members", "study", "activities", "transfers", "notices")])
    audit = ["audit", "--lang", "zh", "--db", db, "--pack", pack, "--week", "2023-W10", "--month", "2023-03", "--dry-run"]
    outputs = {}
    for fmt in ("table", "md", "csv"):
        outputs[fmt] = run(audit + ["--format", fmt])
        no_english("audit --format " + fmt, outputs[fmt])
    table = outputs["table"]
    check("审计结果" in table, "audit table: no 审计结果 heading")
    check("2023年第10周（3月6日—3月12日）" in table, "audit table: the week not written 2023年第10周（3月6日—3月12日）")
    check("2023年3月" in table, "audit table: the month not written 2023年3月")
    check("O7 Sanying Town Branch （Xiji County Committee）" in table or "O7 Sanying Town Branch（Xiji County Committee）" in table,
          "audit table: the branch O7 without its county")
    check(outputs["csv"].startswith("\ufeff"), "audit CSV: no UTF-8 byte order mark for Excel and WPS")
    check("所属县（区）" in outputs["csv"].splitlines()[0], "audit CSV: no county column")
    check("Xiji County Committee" in outputs["csv"].splitlines()[1], "audit CSV: the first row lacks its county")
    # GB18030 on request: the same text, no byte order mark.
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    gb = subprocess.run([cadence] + audit + ["--format", "csv", "--csv-encoding", "gb18030"], capture_output=True,
                        env=env, cwd=source)
    utf8 = subprocess.run([cadence] + audit + ["--format", "csv"], capture_output=True, env=env, cwd=source)
    check(gb.returncode == 0 and gb.stdout.decode("gb18030") == utf8.stdout.decode("utf-8-sig") and
          not gb.stdout.startswith(b"\xef\xbb\xbf") and utf8.stdout.startswith(b"\xef\xbb\xbf"),
          "--csv-encoding gb18030 is not the UTF-8 CSV in GB18030 without its byte order mark")
    contract = run(audit + ["--format", "contract"])
    check(contract.startswith("rule,org_id,period,value,score\n") and "2023-W10" in contract,
          "the contract CSV changed with the language")

    explained = run(["explain", "--lang", "zh", "--db", db, "--pack", pack, "--rule", "study.weekly_rate", "--org", "O7",
                     "--period", "2023-W10"])
    no_english("explain", explained)
    check("依据记录" in explained, "explain: no 依据记录 section")

    # The main errors say what to do, in Chinese.
    error = run(["audit", "--lang", "zh", "--db", db, "--pack", pack, "--week", "2023-10"], expect=2)
    check("--month 2023-10" in error and "是否" in error, "--week 2023-10 does not suggest --month 2023-10: " + error)
    no_english("audit --week 2023-10", error)
    error = run(["audit", "--lang", "zh", "--db", db, "--pack", pack, "--week", "2023-W10", "--format", "docs"], expect=2)
    check("未知" in error, "unknown --format not said in Chinese: " + error)
    no_english("audit --format docs", error)
    error = run(["rectify", "--lang", "zh", "--db", db, "O7", "fix"], expect=2)
    no_english("rectify O7 fix", error)
    check("未知步骤" in error, "unknown rectify step not said in Chinese: " + error)

    # The register and the weak list.
    case = os.path.join(source, "tests/cases/bulletin-basic")
    ledger_db = os.path.join(work, "ledger.db")
    run(["import", "--db", ledger_db, "--pack", case] +
        [os.path.join(case, name + ".csv") for name in ("orgs", "members", "study", "activities", "notices", "transfers")])
    weak = run(["weak", "--lang", "zh", "--db", ledger_db, "--pack", case, "--as-of", "2023-03-31"])
    no_english("weak", weak)
    check("2023年1月1日" in weak and "隆德县团委" in weak, "weak: dates or counties not as people write them")
    # A month with no imported rows is said to be one, not left to read as a vacation.
    empty_month = run(["bulletin", "--lang", "zh", "--db", ledger_db, "--pack", case, "--month", "2023-01"])
    check("2023年1月 没有导入任何数据（已导入的数据截至 2023年3月31日）" in empty_month,
          "bulletin for a month with no data does not say so: " + empty_month[:400])
    run(["rectify", "--db", ledger_db, "B31", "plan", "--note", "整改方案", "--on", "2023-04-10"])
    run(["rectify", "--db", ledger_db, "B11", "plan", "--on", "2023-04-10"])
    run(["rectify", "--db", ledger_db, "B11", "recheck", "--on", "2023-04-20"])
    ledger = run(["rectify", "--lang", "zh", "--db", ledger_db, "--pack", case, "--list", "--as-of", "2023-05-15"])
    no_english("rectify --list", ledger)
    for status in ("已报整改方案", "复查中", "待报整改方案", "整改方案", "隆德农村团支部", "隆德县团委", "2023年4月10日"):
        check(status in ledger, "rectify --list: %s missing" % status)

    # --help of the program and of every command.
    helps = run(["--help", "--lang", "zh"])
    no_english("--help", helps)
    check("用法" in helps and "子命令" in helps, "--help: CLI11's labels not translated")
    for command in ("demo", "import", "check", "audit", "explain", "history", "diff", "bulletin", "weak", "rectify"):
        no_english(command + " --help", run([command, "--help", "--lang", "zh"]))
    # With no variable set and no --lang, Chinese too.
    check("用法" in run(["audit", "--help"]), "the default is not Chinese")

    # English on request, from the option or the environment.
    english = run(audit[:1] + audit[3:] + ["--format", "table", "--lang", "en"])
    check("Audit findings" in english and "2023-W10" in english, "--lang en does not give English")
    english = run(audit[:1] + audit[3:] + ["--format", "table"], env_extra={"LANG": "en_US.UTF-8"})
    check("Audit findings" in english, "LANG=en_US.UTF-8 does not give English")
    check("Usage" in run(["--help"], env_extra={"LANGUAGE": "en"}), "LANGUAGE=en does not give English help")
    run(["--lang", "fr", "--help"], expect=2)

for failure in failures:
    print("FAIL:", failure)
if failures:
    sys.exit(1)
print("ok: Chinese by default, no English text of the catalog left; English on request")
