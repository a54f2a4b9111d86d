#!/usr/bin/python3
"""Reference learning rates of torch.optim.lr_scheduler for ScheduleTest.

Usage: /usr/bin/python3 scripts/torch-reference/schedules.py > nabla-core/src/test/resources/torch-reference/schedules.json

Each case is Nabla's --schedule text and warm-up with the rate η (the optimiser's lr), the steps per epoch and the
epochs of the run, and the rate PyTorch's scheduler gives every optimiser step: the group's lr read before each
optimizer.step(), the scheduler stepped after it (per step, or once per epoch for the epoch-based StepLR and
ExponentialLR, as Nabla defines them). A warm-up of W steps is SequentialLR of LinearLR(start_factor=1/(W+1),
total_iters=W) and the schedule. Plateau cases feed ReduceLROnPlateau one loss per epoch and record the lr after
each scheduler.step(loss).
"""
import json
import sys

import torch
from torch.optim import lr_scheduler as S

LR, SPE, EPOCHS = 0.1, 3, 8
TOTAL = SPE * EPOCHS


def optimizer():
    return torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=LR)


def per_step(make, epochwise=False):
    opt = optimizer()
    sched = make(opt)
    rates = []
    for t in range(TOTAL):
        rates.append(opt.param_groups[0]["lr"])
        opt.step()
        if not epochwise:
            sched.step()
        elif (t + 1) % SPE == 0:
            sched.step()
    return rates


def warm(w, make_main):
    return lambda opt: S.SequentialLR(opt, [S.LinearLR(opt, start_factor=1 / (w + 1), total_iters=w),
                                            make_main(opt)], milestones=[w])


CASES = [
    ("constant", 0, per_step(lambda o: S.LambdaLR(o, lambda t: 1.0))),
    ("constant", 5, per_step(lambda o: S.LinearLR(o, start_factor=1 / 6, total_iters=5))),
    ("step:2,0.5", 0, per_step(lambda o: S.StepLR(o, step_size=2, gamma=0.5), epochwise=True)),
    ("step:step_size=3", 0, per_step(lambda o: S.StepLR(o, step_size=3), epochwise=True)),
    ("exponential:0.8", 0, per_step(lambda o: S.ExponentialLR(o, gamma=0.8), epochwise=True)),
    ("cosine", 0, per_step(lambda o: S.CosineAnnealingLR(o, T_max=TOTAL))),
    ("cosine:eta_min=0.001", 0, per_step(lambda o: S.CosineAnnealingLR(o, T_max=TOTAL, eta_min=0.001))),
    ("cosine:0.001,2,2", 0,
     per_step(lambda o: S.CosineAnnealingWarmRestarts(o, T_0=2 * SPE, T_mult=2, eta_min=0.001))),
    ("cosine:t_0=1", 0, per_step(lambda o: S.CosineAnnealingWarmRestarts(o, T_0=SPE))),
    ("cosine", 4, per_step(warm(4, lambda o: S.CosineAnnealingLR(o, T_max=TOTAL - 4)))),
    ("onecycle", 0, per_step(lambda o: S.OneCycleLR(o, max_lr=LR, total_steps=TOTAL))),
    ("onecycle:max_lr=0.5,linear=true,three_phase=true", 0,
     per_step(lambda o: S.OneCycleLR(o, max_lr=0.5, total_steps=TOTAL, anneal_strategy="linear", three_phase=True))),
    ("onecycle:0.4,0.25,10,100", 0,
     per_step(lambda o: S.OneCycleLR(o, max_lr=0.4, total_steps=TOTAL, pct_start=0.25, div_factor=10,
                                     final_div_factor=100))),
]

LOSSES = [1.0, 0.9, 0.9, 0.95, 0.91, 0.89999, 0.88, 0.88, 0.88, 0.88, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7]
PLATEAU = [
    ("plateau:patience=2,factor=0.5,cooldown=1,min_lr=0.02", dict(patience=2, factor=0.5, cooldown=1, min_lr=0.02)),
    ("plateau:1,0.3,0.05", dict(patience=1, factor=0.3, threshold=0.05)),
    ("plateau:patience=0", dict(patience=0)),
]


def plateau(kwargs):
    opt = optimizer()
    sched = S.ReduceLROnPlateau(opt, **kwargs)
    rates = []
    for loss in LOSSES:
        sched.step(loss)
        rates.append(opt.param_groups[0]["lr"])
    return rates


json.dump({
    "generator": "scripts/torch-reference/schedules.py",
    "torch": torch.__version__,
    "lr": LR, "steps_per_epoch": SPE, "epochs": EPOCHS,
    "cases": [{"spec": spec, "warmup": w, "rates": rates} for spec, w, rates in CASES],
    "plateau_losses": LOSSES,
    "plateau": [{"spec": spec, "rates": plateau(kw)} for spec, kw in PLATEAU],
}, sys.stdout, indent=1)
print()
