#!/usr/bin/python3
"""W0-W3 (see BENCHMARKS.md) in PyTorch, each at its best on CPU: 2 intra-op threads, tensors indexed
directly (no DataLoader), gradients set to None instead of zero-filled.
Run with Debian's python3 (python3-torch); nabla-bench/peers/compare sets OPENBLAS_CORETYPE and GOMP_SPINCOUNT.
Usage: torch_workloads.py [W0|W1|W2|W3|all] [--tsv]"""
import os
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", os.environ.get("PEER_THREADS", "2"))
os.environ.setdefault("OPENBLAS_NUM_THREADS", os.environ.get("PEER_THREADS", "2"))
import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

import common as c  # noqa: E402


def mlp(sizes, act, init, seed):
    rng = np.random.default_rng(seed)
    layers = []
    for i in range(len(sizes) - 1):
        lin = torch.nn.Linear(sizes[i], sizes[i + 1])
        with torch.no_grad():
            lin.weight.copy_(torch.from_numpy(init(rng, sizes[i + 1], sizes[i])))
            lin.bias.zero_()
        layers.append(lin)
        if i + 2 < len(sizes):
            layers.append(act())
    return torch.nn.Sequential(*layers)


def step(model, opt, x, y):
    opt.zero_grad(set_to_none=True)
    loss = F.cross_entropy(model(x), y)
    loss.backward()
    opt.step()
    return loss


def w0(out):
    def gflops(ta, tb, m, n, k, beta):
        a = torch.rand(k, m) if ta else torch.rand(m, k)
        b = torch.rand(n, k) if tb else torch.rand(k, n)
        a, b = (a.t() if ta else a), (b.t() if tb else b)
        cm = torch.zeros(m, n)
        reps = max(1, int(np.ceil(3e9 / (2.0 * m * n * k))))
        samples = []
        for s in range(6):
            t0 = time.perf_counter()
            for _ in range(reps):
                if beta:
                    cm.addmm_(a, b)
                else:
                    torch.mm(a, b, out=cm)
            t = time.perf_counter() - t0
            if s:
                samples.append(2.0 * m * n * k * reps / t / 1e9)
        return c.median(samples)
    # No 1-thread figure: torch.set_num_threads(1) does not bound OpenBLAS's own pthreads, which
    # OPENBLAS_NUM_THREADS fixes at start-up, so such a row would be a 2-thread figure under a 1-thread name.
    threads = torch.get_num_threads()
    sq = gflops(False, False, 2048, 2048, 2048, 0)
    out.fig("W0", f"gemm2048_t{threads}", sq, "GFLOP/s")
    for b, i, o in c.LAYERS:
        shape = f"{b}x{i}x{o}"
        out.fig("W0", "NT_" + shape, gflops(False, True, b, o, i, 0), "GFLOP/s")
        out.fig("W0", "NN_" + shape, gflops(False, False, b, i, o, 0), "GFLOP/s")
        out.fig("W0", "TN_" + shape, gflops(True, False, o, i, b, 1), "GFLOP/s")


def w1(out, seed=1, epochs=5):
    xtr, ytr, xte, yte = (torch.from_numpy(a) for a in c.fashion())
    model = mlp(c.W1_SIZES, torch.nn.ReLU, c.he_uniform, seed)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    gen = torch.Generator().manual_seed(seed + 1)
    steps = len(xtr) // c.W1_BATCH
    times = []
    for epoch in range(epochs):
        t0 = time.perf_counter()
        perm = torch.randperm(len(xtr), generator=gen)
        for s in range(steps):
            idx = perm[s * c.W1_BATCH:(s + 1) * c.W1_BATCH]
            loss = step(model, opt, xtr[idx], ytr[idx])
        loss = loss.item()
        times.append(time.perf_counter() - t0)
    with torch.no_grad():
        acc = (model(xte).argmax(1) == yte).float().mean().item()
    epoch = c.median(times[1:4])
    out.fig("W1", "epoch", epoch, "s", "median of epochs 2-4")
    out.fig("W1", "samples_per_s", steps * c.W1_BATCH / epoch, "1/s")
    out.fig("W1", "test_accuracy", acc, "", f"after {epochs} epochs")
    out.fig("W1", "final_loss", loss)


def w2(out, seed=1):
    x, y = (torch.from_numpy(a) for a in c.iris())
    model = mlp((4, 16, 3), torch.nn.Tanh, c.xavier_uniform, seed)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    for _ in range(c.W2_STEPS):
        step(model, opt, x, y)
    times = []
    for _ in range(c.W2_STEPS):
        t0 = time.perf_counter()
        loss = step(model, opt, x, y)
        times.append((time.perf_counter() - t0) * 1e6)
    with torch.no_grad():
        acc = (model(x).argmax(1) == y).float().mean().item()
    out.fig("W2", "step", c.median(times), "us", f"median of {c.W2_STEPS}")
    out.fig("W2", "train_accuracy", acc)
    out.fig("W2", "final_loss", loss.item())


def w3(out, seed=1):
    gen = torch.Generator().manual_seed(seed + 2)
    x = torch.rand(c.W3_BATCH, 784, generator=gen)
    y = torch.randint(0, 10, (c.W3_BATCH,), generator=gen)
    model = mlp(c.W3_SIZES, torch.nn.ReLU, c.he_uniform, seed)
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    for _ in range(c.W3_WARMUP):
        step(model, opt, x, y)
    times = []
    for _ in range(c.W3_STEPS):
        t0 = time.perf_counter()
        step(model, opt, x, y)
        times.append((time.perf_counter() - t0) * 1e3)
    ms = c.median(times)
    flops = 6 * c.W3_BATCH * sum(a * b for a, b in zip(c.W3_SIZES, c.W3_SIZES[1:]))
    out.fig("W3", "step", ms, "ms", f"median of {c.W3_STEPS}")
    out.fig("W3", "gflops", flops / ms / 1e6, "GFLOP/s")


def main(argv):
    names, tsv, threads, seed = c.parse(argv, f"PyTorch {torch.__version__}")
    torch.set_num_threads(threads)
    out = c.Out("torch", tsv)
    for name in names:
        if name == "W0":
            w0(out)
        else:
            {"W1": w1, "W2": w2, "W3": w3}[name](out, seed)
        out.fig(name, "peak_rss", c.peak_rss_mib(), "MiB", "process so far")


if __name__ == "__main__":
    main(sys.argv[1:])
