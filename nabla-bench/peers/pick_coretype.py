#!/usr/bin/python3
"""Picks the OPENBLAS_CORETYPE under which OpenBLAS multiplies fastest on this CPU: OpenBLAS 0.3.21 does not
recognise recent CPUs (AMD Zen 3 and later, recent Xeons) and falls back to slow kernels, and the right kernel
differs between machines (Haswell on AVX2, SkylakeX or Cooperlake on AVX-512). Each candidate runs a short
float32 GEMM (1024³, the median of 5) in a process of its own, since OpenBLAS reads the variable when it loads;
a candidate that fails (an instruction the CPU lacks) is skipped. Prints one line on stdout: the fastest candidate
("-" when none ran: leave OpenBLAS its own choice), a tab, and every candidate's figure.
Usage: pick_coretype.py [CANDIDATE ...]"""
import os
import subprocess
import sys

CANDIDATES = ("Haswell", "SkylakeX", "Cooperlake", "Zen")
PROBE = """
import time, numpy as np
n = 1024
rng = np.random.default_rng(1)
a = rng.random((n, n), dtype=np.float32); b = rng.random((n, n), dtype=np.float32)
a @ b
t = []
for _ in range(5):
    t0 = time.perf_counter(); a @ b; t.append(time.perf_counter() - t0)
print(2.0 * n ** 3 / sorted(t)[2] / 1e9)
"""


def gflops(coretype):
    env = dict(os.environ, OPENBLAS_CORETYPE=coretype)
    env.setdefault("OPENBLAS_NUM_THREADS", os.environ.get("PEER_THREADS", "2"))
    try:
        r = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=120)
        return float(r.stdout.strip().splitlines()[-1]) if r.returncode == 0 else None
    except (subprocess.TimeoutExpired, ValueError, IndexError):
        return None


def main():
    figures = {c: gflops(c) for c in (sys.argv[1:] or CANDIDATES)}
    ran = {c: g for c, g in figures.items() if g is not None}
    summary = ", ".join(f"{c} {g:.0f}" if g else f"{c} failed" for c, g in figures.items())
    print((max(ran, key=ran.get) if ran else "-") + "\t" + summary + " GFLOP/s (1024³ SGEMM)")


if __name__ == "__main__":
    main()
