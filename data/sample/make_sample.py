#!/usr/bin/python3
"""Regenerates data/sample/ from the generator's output.

    data/sample/make_sample.py [path/to/cadence-gen]

Runs `cadence-gen --branches 300 --seed 2023` into a temporary directory and
rewrites two record sets in the shapes real exports have (data/README.md):

- members-gbk.csv: the member list as Excel on Chinese Windows saves it: GBK,
  CRLF, Chinese headers, a title row above the header and a footer row below
  the data, 团籍状态 as 智慧团建 codes, dates in three spellings;
- transfers.xlsx: the transfer list written by openpyxl (an XLSX writer
  independent of cadence), dates as date cells, 处理状态 as codes.

Every other record set is copied in the contract's UTF-8 layout; dues.csv is
cut to the members of 泾源县 to keep the sample under 2 MB. The output is
deterministic: the same generator gives the same bytes (the XLSX's zip
timestamps and document properties are fixed).

Needs python3-openpyxl (Debian); run it with the system python3.
"""
import csv
import datetime
import glob
import io
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BRANCHES = 300
SEED = 2023
FIXED_TIME = datetime.datetime(2023, 3, 1, 9, 0, 0)

# Contract files copied as they are, and the Guyuan extras.
COPIED = ["orgs.csv", "study.csv", "activities.csv", "notices.csv", "org_details.csv",
          "indicators.csv", "episodes.csv", "evaluations.csv", "registrations.csv", "dispatches.csv"]
# 团籍状态 codes (DOMAIN §5): 0 正常; the generator's "left" becomes one of
# 2 满28周岁离团, 4 自行脱团, 6 自愿退团, 8 开除团籍, chosen by member number.
LEFT_CODES = ["2", "4", "6", "8"]
# 处理状态 codes: 5 接转成功; pending rows are waiting at one of the four
# approval steps 1..4.
TRANSFER_KIND_LABELS = {"school_to_community": "学社衔接", "other": "一般转接"}


def find_generator():
    if len(sys.argv) > 1:
        return sys.argv[1]
    candidates = sorted(glob.glob(os.path.join(ROOT, "build", "*", "cadence-gen")))
    if not candidates:
        sys.exit("make_sample.py: build cadence-gen first or pass its path")
    return candidates[0]


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def parse_date(text):
    return datetime.date.fromisoformat(text) if text else None


def write_members(rows, path):
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["固原市团员信息导出（2023年3月）"])
    writer.writerow(["团员编号", "姓名", "所在团支部", "出生日期", "入团年月", "团籍状态", "毕业时间"])
    for row in rows:
        number = int(row["id"][1:])
        status = "0" if row["status"] == "active" else LEFT_CODES[number % 4]
        birth = parse_date(row["birth_date"])
        joined = parse_date(row["joined_on"])
        graduation = parse_date(row["graduation_date"])
        writer.writerow([
            row["id"], row["name"], row["org_id"],
            f"{birth.year}/{birth.month}/{birth.day}",
            f"{joined.year}-{joined.month:02d}",
            status,
            f"{graduation.year}年{graduation.month}月{graduation.day}日" if graduation else "",
        ])
    writer.writerow([f"共{len(rows)}条记录"])
    with open(path, "wb") as f:
        f.write(out.getvalue().encode("gbk"))


def write_transfers(rows, path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "转接记录"
    sheet.append(["团员编号", "转出团组织", "转入团组织", "类型", "申请时间", "完成时间", "处理状态"])
    for row in rows:
        completed = parse_date(row["completed_on"])
        number = int(row["member_id"][1:])
        status = 5 if completed else 1 + number % 4
        sheet.append([row["member_id"], row["from_org"], row["to_org"],
                      TRANSFER_KIND_LABELS[row["kind"]], parse_date(row["requested_on"]), completed, status])
    for cells in sheet.iter_rows(min_row=2, min_col=5, max_col=6):
        for cell in cells:
            if cell.value is not None:
                cell.number_format = "yyyy-mm-dd"
    book.properties.creator = "cadence make_sample.py"
    book.properties.created = FIXED_TIME
    book.properties.modified = FIXED_TIME
    raw = io.BytesIO()
    book.save(raw)
    # Rewrite the zip with fixed entry times so that reruns give the same bytes.
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as source, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, data)


def jingyuan_members(orgs, members):
    parent = {row["id"]: row["parent_id"] for row in orgs}
    name = {row["id"]: row["name"] for row in orgs}
    keep = set()
    for row in members:
        org = row["org_id"]
        while org and "泾源县" not in name[org]:
            org = parent[org]
        if org:
            keep.add(row["id"])
    return keep


def main():
    generator = find_generator()
    with tempfile.TemporaryDirectory() as work:
        subprocess.run([generator, "--branches", str(BRANCHES), "--seed", str(SEED), "--out", work],
                       check=True, stdout=subprocess.DEVNULL)
        for name in COPIED:
            shutil.copyfile(os.path.join(work, name), os.path.join(HERE, name))
        orgs = read_csv(os.path.join(work, "orgs.csv"))
        members = read_csv(os.path.join(work, "members.csv"))
        write_members(members, os.path.join(HERE, "members-gbk.csv"))
        write_transfers(read_csv(os.path.join(work, "transfers.csv")), os.path.join(HERE, "transfers.xlsx"))
        keep = jingyuan_members(orgs, members)
        with open(os.path.join(work, "dues.csv"), newline="", encoding="utf-8") as source, \
                open(os.path.join(HERE, "dues.csv"), "w", newline="", encoding="utf-8") as target:
            lines = source.readlines()
            target.write(lines[0])
            target.writelines(line for line in lines[1:] if line.split(",", 1)[0] in keep)


if __name__ == "__main__":
    main()
