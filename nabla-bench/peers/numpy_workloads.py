#!/usr/bin/python3
"""W1-W3 (see BENCHMARKS.md) in NumPy by hand: forward, softmax cross-entropy, backward and SGD written out,
float32 throughout, in-place updates, products through OpenBLAS (2 threads via OPENBLAS_NUM_THREADS).
W stored out x in as in the other implementations. Usage: numpy_workloads.py [W1|W2|W3|all] [--tsv]"""
import os
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", os.environ.get("PEER_THREADS", "2"))
import numpy as np  # noqa: E402

import common as c  # noqa: E402


class Mlp:
    """Y = f(X·Wᵀ + b) per layer, L = mean −log softmax(z)[y]; backward Z̄ = (P − onehot)/B,
    W̄ = Z̄ᵀ·H, b̄ = Z̄ᵀ1, H̄ = Z̄·W, then Z̄ = H̄ ⊙ f′ one layer down; θ ← θ − η·θ̄."""

    def __init__(self, sizes, act, init, seed, lr):
        rng = np.random.default_rng(seed)
        self.w = [init(rng, o, i) for i, o in zip(sizes, sizes[1:])]
        self.b = [np.zeros(o, np.float32) for o in sizes[1:]]
        self.act, self.lr = act, np.float32(lr)

    def forward(self, x):
        hs = [x]
        for i, (w, b) in enumerate(zip(self.w, self.b)):
            z = hs[-1] @ w.T
            z += b
            if i + 1 < len(self.w):
                if self.act == "relu":
                    np.maximum(z, 0, out=z)
                else:
                    np.tanh(z, out=z)
            hs.append(z)
        return hs

    def step(self, x, y):
        hs = self.forward(x)
        z = hs[-1]
        z -= z.max(1, keepdims=True)
        np.exp(z, out=z)
        z /= z.sum(1, keepdims=True)
        n = len(y)
        rows = np.arange(n)
        loss = -np.log(z[rows, y]).mean()
        z[rows, y] -= 1
        z /= n
        g = z
        for i in range(len(self.w) - 1, -1, -1):
            dw = g.T @ hs[i]
            db = g.sum(0)
            if i > 0:
                gh = g @ self.w[i]
                h = hs[i]
                if self.act == "relu":
                    gh *= h > 0
                else:
                    gh *= 1 - h * h
            self.w[i] -= self.lr * dw
            self.b[i] -= self.lr * db
            if i > 0:
                g = gh
        return loss

    def predict(self, x):
        return self.forward(x)[-1].argmax(1)


def w1(out, seed=1, epochs=5):
    xtr, ytr, xte, yte = c.fashion()
    net = Mlp(c.W1_SIZES, "relu", c.he_uniform, seed, 0.1)
    rng = np.random.default_rng(seed + 1)
    steps = len(xtr) // c.W1_BATCH
    times = []
    for epoch in range(epochs):
        t0 = time.perf_counter()
        perm = rng.permutation(len(xtr))
        for s in range(steps):
            idx = perm[s * c.W1_BATCH:(s + 1) * c.W1_BATCH]
            loss = net.step(xtr[idx], ytr[idx])
        times.append(time.perf_counter() - t0)
    acc = (net.predict(xte) == yte).mean()
    epoch = c.median(times[1:4])
    out.fig("W1", "epoch", epoch, "s", "median of epochs 2-4")
    out.fig("W1", "samples_per_s", steps * c.W1_BATCH / epoch, "1/s")
    out.fig("W1", "test_accuracy", acc, "", f"after {epochs} epochs")
    out.fig("W1", "final_loss", loss)


def w2(out, seed=1):
    x, y = c.iris()
    net = Mlp((4, 16, 3), "tanh", c.xavier_uniform, seed, 0.1)
    for _ in range(c.W2_STEPS):
        net.step(x, y)
    times = []
    for _ in range(c.W2_STEPS):
        t0 = time.perf_counter()
        loss = net.step(x, y)
        times.append((time.perf_counter() - t0) * 1e6)
    out.fig("W2", "step", c.median(times), "us", f"median of {c.W2_STEPS}")
    out.fig("W2", "train_accuracy", (net.predict(x) == y).mean())
    out.fig("W2", "final_loss", loss)


def w3(out, seed=1):
    rng = np.random.default_rng(seed + 2)
    x = rng.random((c.W3_BATCH, 784), dtype=np.float32)
    y = rng.integers(0, 10, c.W3_BATCH)
    net = Mlp(c.W3_SIZES, "relu", c.he_uniform, seed, 0.01)
    for _ in range(c.W3_WARMUP):
        net.step(x, y)
    times = []
    for _ in range(c.W3_STEPS):
        t0 = time.perf_counter()
        net.step(x, y)
        times.append((time.perf_counter() - t0) * 1e3)
    ms = c.median(times)
    flops = 6 * c.W3_BATCH * sum(a * b for a, b in zip(c.W3_SIZES, c.W3_SIZES[1:]))
    out.fig("W3", "step", ms, "ms", f"median of {c.W3_STEPS}")
    out.fig("W3", "gflops", flops / ms / 1e6, "GFLOP/s")


def main(argv):
    names, tsv, _, seed = c.parse(argv, f"NumPy {np.__version__}")
    out = c.Out("numpy", tsv)
    for name in names:
        if name == "W0":
            continue  # the GEMM alone is PyTorch's row: both call the same OpenBLAS
        {"W1": w1, "W2": w2, "W3": w3}[name](out, seed)
        out.fig(name, "peak_rss", c.peak_rss_mib(), "MiB", "process so far")


if __name__ == "__main__":
    main(sys.argv[1:])
