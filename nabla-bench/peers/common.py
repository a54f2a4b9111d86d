"""Shared by the peer workloads: data loading, timing helpers and the figure rows
(workload, metric, value, unit) that nabla-bench/peers/compare joins with Nabla's --tsv output."""
import gzip
import os
import statistics
import sys
from pathlib import Path

import numpy as np

FASHION_DIR = Path(os.environ.get("FASHION_MNIST_DIR", "/usr/share/datasets/fashion-mnist"))
IRIS_CSV = Path(__file__).resolve().parents[1] / "src/main/resources/dev/nabla/bench/workload/iris.csv"
W1_BATCH, W1_SIZES = 128, (784, 256, 128, 10)
W3_BATCH, W3_SIZES = 1024, (784, 2048, 2048, 10)
W2_STEPS, W3_STEPS, W3_WARMUP = 2000, 20, 8
LAYERS = [(128, 784, 256), (128, 256, 128), (128, 128, 10),
          (1024, 784, 2048), (1024, 2048, 2048), (1024, 2048, 10)]


def idx(name):
    """An unsigned-byte IDX file, plain or gzipped, as a numpy array of its shape."""
    for p in (FASHION_DIR / name, FASHION_DIR / (name + ".gz")):
        if p.is_file():
            raw = gzip.open(p).read() if p.suffix == ".gz" else p.read_bytes()
            rank = raw[3]
            dims = [int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(rank)]
            return np.frombuffer(raw, np.uint8, offset=4 + 4 * rank).reshape(dims)
    sys.exit(f"Fashion-MNIST file {name}[.gz] not found in {FASHION_DIR} (apt-get install -y dataset-fashion-mnist)")


def fashion():
    """(train x, train y, test x, test y): pixels/255 as float32 rows of 784, labels as int64."""
    def images(n):
        return (idx(n).reshape(-1, 784).astype(np.float32) / np.float32(255))
    return (images("train-images-idx3-ubyte"), idx("train-labels-idx1-ubyte").astype(np.int64),
            images("t10k-images-idx3-ubyte"), idx("t10k-labels-idx1-ubyte").astype(np.int64))


def iris():
    """Iris standardised per column with the population std, labels in order of first appearance."""
    rows = [l.split(",") for l in IRIS_CSV.read_text().splitlines()[1:] if l.strip()]
    x = np.array([[float(v) for v in r[:-1]] for r in rows])
    names = list(dict.fromkeys(r[-1].strip() for r in rows))
    y = np.array([names.index(r[-1].strip()) for r in rows], dtype=np.int64)
    return ((x - x.mean(0)) / x.std(0)).astype(np.float32), y


def he_uniform(rng, fan_out, fan_in):
    b = np.sqrt(6.0 / fan_in)
    return rng.uniform(-b, b, size=(fan_out, fan_in)).astype(np.float32)


def xavier_uniform(rng, fan_out, fan_in):
    b = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-b, b, size=(fan_out, fan_in)).astype(np.float32)


def peak_rss_mib():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


median = statistics.median


class Out:
    """Prints figures as a table, or as tab-separated rows with --tsv."""

    def __init__(self, impl, tsv):
        self.impl, self.tsv = impl, tsv

    def fig(self, w, metric, value, unit="", note=""):
        if self.tsv:
            print(f"{w}\t{metric}\t{value:.6g}\t{unit}", flush=True)
        else:
            print(f"{w:4} {metric:22} {value:14.6g} {unit:8} {note}", flush=True)


def parse(argv, impl):
    """(workload names, --tsv, threads, --seed): the same options as Nabla's Workloads."""
    seed = 1
    if "--seed" in argv:
        i = argv.index("--seed")
        seed = int(argv[i + 1])
        argv = argv[:i] + argv[i + 2:]
    names = [a.upper() for a in argv if not a.startswith("--")]
    if not names or "ALL" in names:
        names = ["W0", "W1", "W2", "W3"]
    tsv = "--tsv" in argv
    threads = int(os.environ.get("PEER_THREADS", "2"))
    head = (f"{impl} · {threads} threads · OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '-')}"
            f" GOMP_SPINCOUNT={os.environ.get('GOMP_SPINCOUNT', '-')}")
    print(("# " if tsv else "") + head, flush=True)
    return names, tsv, threads, seed
