"""Request bodies for the load test: the first row and the first 100 rows of a CSV, without the target column.
Usage: make-bodies.py DATA.csv TARGET OUT_PREFIX   writes OUT_PREFIX-1.json and OUT_PREFIX-100.json"""
import csv
import json
import sys

data, target, prefix = sys.argv[1:4]
rows = list(csv.DictReader(open(data, newline="")))
columns = [c for c in rows[0] if c != target]


def cell(text):
    if text == "":
        return None
    try:
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            return text


for n in (1, 100):
    with open(f"{prefix}-{n}.json", "w") as out:
        json.dump({"rows": [{c: cell(r[c]) for c in columns} for r in rows[:n]]}, out)
