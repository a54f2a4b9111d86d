#!/usr/bin/env python3
"""Median over all measurement iterations (all forks) of each benchmark in a JMH JSON result file.

Usage: scripts/jmh-medians.py result.json
JMH prints mean ± error; on a shared, noisy machine the median is the figure to quote.
"""
import json
import statistics
import sys

for run in json.load(open(sys.argv[1])):
    name = run["benchmark"].rsplit(".", 2)
    name = name[-2] + "." + name[-1]
    params = ",".join(f"{k}={v}" for k, v in (run.get("params") or {}).items())
    primary = run["primaryMetric"]
    samples = [x for fork in primary["rawData"] for x in fork]
    line = f"{name:40s} {params:12s} median {statistics.median(samples):10.1f} {primary['scoreUnit']}"
    line += f"  (min {min(samples):.1f}, max {max(samples):.1f}, n={len(samples)})"
    alloc = (run.get("secondaryMetrics") or {}).get("gc.alloc.rate.norm")
    if alloc:
        line += f"  alloc {statistics.median([x for f in alloc['rawData'] for x in f]):.0f} B/op"
    print(line)
