# Parsing CSV-like text by hand: split lines and fields, convert types,
# skip bad rows with try/except, aggregate with dicts, and print a report
# with str.format alignment and totals.
import gc

gc.collect()

DATA = """name,dept,salary,start
Alice,Engineering,120000,2019
Bob,Marketing,85000,2020
Carol,Engineering,135000,2017
Dan,Sales,notanumber,2021
Eve,Sales,70000,2022
Frank,Marketing,91000,2018
,Engineering,100000,2020
Grace,Engineering,99000,2023
"""

lines = DATA.strip().splitlines()
header = lines[0].split(",")
rows, errors = [], []
for lineno, line in enumerate(lines[1:], start=2):
    fields = line.split(",")
    record = dict(zip(header, fields))
    try:
        if not record["name"]:
            raise ValueError("empty name")
        record["salary"] = int(record["salary"])
        record["start"] = int(record["start"])
    except ValueError as e:
        errors.append((lineno, str(e)))
        continue
    rows.append(record)
print(len(rows), "rows;", len(errors), "errors")
for lineno, msg in errors:
    print(f"  line {lineno}: {msg}")
by_dept = {}
for r in rows:
    by_dept.setdefault(r["dept"], []).append(r)
print("{:<12} {:>5} {:>10} {:>10}".format("dept", "n", "total", "average"))
for dept in sorted(by_dept):
    people = by_dept[dept]
    total = sum(p["salary"] for p in people)
    print("{:<12} {:>5} {:>10,} {:>10,.1f}".format(dept, len(people), total, total / len(people)))
senior = [r["name"] for r in sorted(rows, key=lambda r: r["start"]) if r["start"] < 2020]
print("senior:", ", ".join(senior))
top = max(rows, key=lambda r: r["salary"])
print("top earner: %(name)s" % top if False else "top earner: %s (%s)" % (top["name"], top["dept"]))
raises = {r["name"]: round(r["salary"] * 1.035) for r in rows}
print(raises)
print(sum(raises.values()) - sum(r["salary"] for r in rows))
