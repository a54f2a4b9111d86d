"""Joins the tab-separated figures of nabla.*.tsv, torch.*.tsv and numpy.*.tsv in a directory: the median of
each (implementation, workload, metric) over runs, then one row per figure with Nabla ÷ each peer."""
import statistics
import sys
from collections import defaultdict
from pathlib import Path

IMPLS = ("nabla", "torch", "numpy")
figures = defaultdict(list)
units = {}
order = []
for f in sorted(Path(sys.argv[1]).glob("*.tsv")):
    impl = f.name.split(".")[0]
    for line in f.read_text().splitlines():
        if not line or line.startswith("#"):
            continue
        w, metric, value, *unit = line.split("\t")
        key = (w, metric)
        if key not in units:
            order.append(key)
        units[key] = unit[0] if unit else ""
        figures[(impl, w, metric)].append(float(value))


def med(impl, key):
    v = figures.get((impl, *key))
    return statistics.median(v) if v else None


def fmt(v):
    return "" if v is None else f"{v:.4g}"


print(f"{'workload':8} {'metric':22} {'unit':8} {'Nabla':>10} {'PyTorch':>10} {'NumPy':>10} "
      f"{'Nabla/PyTorch':>13} {'Nabla/NumPy':>11}")
for key in sorted(order, key=lambda k: (k[0], order.index(k))):
    n, t, p = (med(i, key) for i in IMPLS)
    rt = n / t if n is not None and t else None
    rp = n / p if n is not None and p else None
    print(f"{key[0]:8} {key[1]:22} {units[key]:8} {fmt(n):>10} {fmt(t):>10} {fmt(p):>10} "
          f"{fmt(rt):>13} {fmt(rp):>11}")
