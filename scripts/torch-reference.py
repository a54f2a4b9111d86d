#!/usr/bin/python3
"""Reference values for Nabla's tests, computed independently of Nabla with PyTorch (float64) and mpmath.

Usage: /usr/bin/python3 scripts/torch-reference.py   (writes nabla-core/src/test/resources/reference/*.json)

- erf.json: erf and erfc at points from 1e-8 to 27, 40 significant digits (mpmath), rounded to float64.
- activations.json: f(x) and f'(x) of GELU (erf and tanh forms), SiLU, ELU (alpha 1 and 0.5) and Softplus at
  points from -30 to 30 (torch.nn.functional, float64, f' by autograd), and GELU to 40 digits (mpmath).
- batch_norm.json: torch.nn.BatchNorm1d(4) in float64 trained 5 steps (SGD lr 0.1 on a fixed weighted sum of its
  outputs): per step the input, the output, the gradients of the input, weight and bias, and the running
  statistics after the step; then the output in evaluation mode.
- layer_norm.json: torch.nn.LayerNorm(5) in float64: output and gradients for a fixed input and weighting.
"""
import json
import os

import mpmath
import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "nabla-core", "src", "test", "resources",
                   "reference")
torch.set_default_dtype(torch.float64)


def write(name, value):
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(value, f, indent=1)
        f.write("\n")


def erf_points():
    mpmath.mp.dps = 40
    xs = [1e-8, 1e-3, 0.1, 0.25, 0.5, 0.74, 0.75, 0.76, 1.0, 1.3, 1.7, 2.0, 2.3, 2.49, 2.5, 2.51, 3.0, 3.7, 4.5,
          5.5, 6.0, 8.0, 10.0, 15.0, 26.0]
    xs += [-x for x in (0.3, 1.1, 2.7, 5.0)]
    write("erf.json", [{"x": x, "erf": float(mpmath.erf(x)), "erfc": float(mpmath.erfc(x))} for x in xs])


def activations():
    xs = torch.tensor([-30.0, -12.0, -6.0, -3.3, -1.7, -0.9, -0.3, -1e-3, 0.0, 2e-3, 0.4, 0.8, 1.5, 2.6, 4.0,
                       7.5, 19.9, 20.1, 30.0])
    fs = {
        "gelu": lambda x: torch.nn.functional.gelu(x),
        "gelu_tanh": lambda x: torch.nn.functional.gelu(x, approximate="tanh"),
        "silu": torch.nn.functional.silu,
        "elu": lambda x: torch.nn.functional.elu(x, alpha=1.0),
        "elu(0.5)": lambda x: torch.nn.functional.elu(x, alpha=0.5),
        "softplus": torch.nn.functional.softplus,
    }
    out = {}
    for name, f in fs.items():
        x = xs.clone().requires_grad_(True)
        y = f(x)
        (g,) = torch.autograd.grad(y.sum(), x)
        out[name] = {"x": xs.tolist(), "y": y.tolist(), "dy_dx": g.tolist()}
    # PyTorch computes GELU as x·½(1 + erf(x/√2)), which cancels to 0 below x ≈ −8; 40 digits show the true tail.
    mpmath.mp.dps = 40
    out["gelu_exact"] = {"x": xs.tolist(), "y": [float(x * mpmath.ncdf(x)) for x in xs.tolist()],
                         "dy_dx": [float(mpmath.ncdf(x) + x * mpmath.npdf(x)) for x in xs.tolist()]}
    write("activations.json", out)


def batch_norm():
    gen = torch.Generator().manual_seed(8)
    bn = torch.nn.BatchNorm1d(4)
    with torch.no_grad():
        bn.weight.copy_(torch.tensor([1.0, 0.5, -1.5, 2.0]))
        bn.bias.copy_(torch.tensor([0.0, 0.25, -0.5, 1.0]))
    r = torch.randn(6, 4, generator=gen)
    opt = torch.optim.SGD(bn.parameters(), lr=0.1)
    steps = []
    bn.train()
    for s in range(5):
        x = (torch.randn(6, 4, generator=gen) * torch.tensor([1.0, 3.0, 0.2, 10.0]) + torch.tensor([0.0, 5.0, -1.0, 100.0])
             ).requires_grad_(True)
        opt.zero_grad()
        y = bn(x)
        loss = (y * r).sum()
        loss.backward()
        steps.append({"x": x.detach().tolist(), "y": y.detach().tolist(), "grad_x": x.grad.tolist(),
                      "grad_weight": bn.weight.grad.tolist(), "grad_bias": bn.bias.grad.tolist()})
        opt.step()
        steps[-1].update({"running_mean": bn.running_mean.tolist(), "running_var": bn.running_var.tolist(),
                          "num_batches_tracked": int(bn.num_batches_tracked), "weight": bn.weight.tolist(),
                          "bias": bn.bias.tolist()})
    bn.eval()
    x_eval = torch.randn(3, 4, generator=gen) * 2
    write("batch_norm.json", {"initial_weight": [1.0, 0.5, -1.5, 2.0], "initial_bias": [0.0, 0.25, -0.5, 1.0],
                              "momentum": 0.1, "eps": 1e-5, "learning_rate": 0.1, "loss_weights": r.tolist(),
                              "steps": steps, "eval_x": x_eval.tolist(), "eval_y": bn(x_eval).detach().tolist()})


def layer_norm():
    gen = torch.Generator().manual_seed(9)
    ln = torch.nn.LayerNorm(5)
    with torch.no_grad():
        ln.weight.copy_(torch.tensor([1.0, -0.5, 2.0, 0.75, 1.25]))
        ln.bias.copy_(torch.tensor([0.1, 0.0, -0.3, 0.5, 2.0]))
    x = (torch.randn(3, 5, generator=gen) * 4 + 1).requires_grad_(True)
    r = torch.randn(3, 5, generator=gen)
    y = ln(x)
    (y * r).sum().backward()
    write("layer_norm.json", {"weight": ln.weight.tolist(), "bias": ln.bias.tolist(), "eps": 1e-5, "x": x.tolist(),
                              "loss_weights": r.tolist(), "y": y.detach().tolist(), "grad_x": x.grad.tolist(),
                              "grad_weight": ln.weight.grad.tolist(), "grad_bias": ln.bias.grad.tolist()})


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    erf_points()
    activations()
    batch_norm()
    layer_norm()
