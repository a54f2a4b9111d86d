#!/usr/bin/python3
"""Reference numbers of torch.nn.utils.clip_grad_norm_ / clip_grad_value_ for ClippingTest.

Usage: /usr/bin/python3 scripts/torch-reference/clipping.py > nabla-core/src/test/resources/torch-reference/clipping.json

The network, rows and initial weights of optimizers.py (float64). For each case: the gradients of the mean softmax
cross-entropy clipped by value (clip_grad_value_) and then by norm (clip_grad_norm_, whose return value is the norm
before clipping), and five SGD steps (lr 0.5) with that clipping between backward() and step().
"""
import json
import sys

import torch

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from optimizers import INITIAL, X, Y, network  # noqa: E402

CASES = [
    ("norm 0.5", 0.5, 0.0),
    ("norm 100 leaves the gradient alone", 100.0, 0.0),
    ("value 0.05", 0.0, 0.05),
    ("value 0.1 then norm 0.2", 0.2, 0.1),
]


def clip(params, max_norm, max_value):
    if max_value > 0:
        torch.nn.utils.clip_grad_value_(params, max_value)
    if max_norm > 0:
        return float(torch.nn.utils.clip_grad_norm_(params, max_norm))
    return None


cases = []
for name, max_norm, max_value in CASES:
    net = network()
    params = list(net.parameters())
    torch.nn.functional.cross_entropy(net(X), Y).backward()
    norm = clip(params, max_norm, max_value)
    grads = {k: p.grad.flatten().tolist() for k, p in net.named_parameters()}
    net = network()
    params = list(net.parameters())
    sgd = torch.optim.SGD(params, lr=0.5)
    trajectory = []
    for _ in range(5):
        sgd.zero_grad()
        torch.nn.functional.cross_entropy(net(X), Y).backward()
        clip(params, max_norm, max_value)
        sgd.step()
        trajectory.append({k: v.detach().flatten().tolist() for k, v in net.state_dict().items()})
    cases.append({"name": name, "max_norm": max_norm, "max_value": max_value, "norm": norm, "grads": grads,
                  "sgd": trajectory})

json.dump({"generator": "scripts/torch-reference/clipping.py", "torch": torch.__version__, "cases": cases},
          sys.stdout, indent=1)
print()
