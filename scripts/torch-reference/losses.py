#!/usr/bin/python3
"""Reference values and gradients of torch.nn losses for LossesTorchTest.

Usage: /usr/bin/python3 scripts/torch-reference/losses.py > nabla-core/src/test/resources/torch-reference/losses.json

Float64 inputs from a seeded generator; for every case the mean loss and its gradient with respect to the
network's outputs (logits), computed by torch.nn.functional and autograd.
"""
import json
import sys

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
gen = torch.Generator().manual_seed(3)

Y = torch.randn(5, 3, generator=gen) * 2
T = torch.randn(5, 3, generator=gen) * 2
Z = torch.randn(6, 4, generator=gen) * 2
LABELS = torch.tensor([0, 3, 1, 1, 2, 3])
WEIGHTS = torch.tensor([0.5, 2.0, 1.0, 3.0])
ZB = torch.randn(6, 3, generator=gen) * 2
YB = torch.randint(0, 2, (6, 3), generator=gen).double()
YB[0, 0], YB[1, 1] = 0.3, 0.8   # soft targets too
POS = torch.tensor([2.0, 0.5, 1.0])


def case(name, inputs, loss_fn, **extra):
    x = inputs.clone().requires_grad_(True)
    loss = loss_fn(x)
    loss.backward()
    return dict(name=name, input=inputs.tolist(), loss=float(loss), grad=x.grad.tolist(), **extra)


cases = []
for delta in (1.0, 0.5, 2.0):
    cases.append(case("huber delta " + str(delta), Y, lambda x: F.huber_loss(x, T, delta=delta),
                      kind="huber", delta=delta, target=T.tolist()))
cases.append(case("l1", Y, lambda x: F.l1_loss(x, T), kind="l1", target=T.tolist()))
for smoothing in (0.0, 0.1, 0.3):
    cases.append(case("cross entropy smoothing " + str(smoothing), Z,
                      lambda x: F.cross_entropy(x, LABELS, label_smoothing=smoothing),
                      kind="cross_entropy", labels=LABELS.tolist(), smoothing=smoothing))
    cases.append(case("cross entropy weights smoothing " + str(smoothing), Z,
                      lambda x: F.cross_entropy(x, LABELS, weight=WEIGHTS, label_smoothing=smoothing),
                      kind="cross_entropy", labels=LABELS.tolist(), smoothing=smoothing, weights=WEIGHTS.tolist()))
cases.append(case("bce pos_weight per column", ZB,
                  lambda x: F.binary_cross_entropy_with_logits(x, YB, pos_weight=POS),
                  kind="bce", target=YB.tolist(), pos_weight=POS.tolist()))
cases.append(case("bce pos_weight 3 on one column", ZB[:, :1],
                  lambda x: F.binary_cross_entropy_with_logits(x, YB[:, :1], pos_weight=torch.tensor([3.0])),
                  kind="bce", target=YB[:, :1].tolist(), pos_weight=[3.0]))

json.dump({"generator": "scripts/torch-reference/losses.py", "torch": torch.__version__, "cases": cases},
          sys.stdout, indent=1)
print()
