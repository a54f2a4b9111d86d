#!/usr/bin/python3
"""Reference trajectories of torch.optim optimisers for OptimizerTrajectoryTest.

Usage: /usr/bin/python3 scripts/torch-reference/optimizers.py > nabla-core/src/test/resources/torch-reference/optimizers.json

A 3-4-3 tanh network (torch.nn.Sequential(Linear, Tanh, Linear)) in float64 with fixed initial weights, the mean
softmax cross-entropy on 12 fixed rows, and ten optimizer.step() calls of each optimiser from the same weights:
the loss before each step and every parameter after it. L-BFGS steps through a closure on the whole batch; where
a case gives L-BFGS a weight decay λ (torch.optim.LBFGS has none), the closure adds λ/2·‖θ‖² to the loss, which is
what Nabla's Lbfgs means by it. The "spec" of each case is Nabla's --optimizer text for the same settings.
"""
import json
import sys

import torch

torch.set_default_dtype(torch.float64)
STEPS = 10

gen = torch.Generator().manual_seed(8)
X = torch.randn(12, 3, generator=gen)
Y = torch.randint(0, 3, (12,), generator=gen)
INITIAL = {
    "0.weight": torch.rand(4, 3, generator=gen) * 2 - 1,
    "0.bias": torch.rand(4, generator=gen) * 2 - 1,
    "2.weight": torch.rand(3, 4, generator=gen) * 2 - 1,
    "2.bias": torch.rand(3, generator=gen) * 2 - 1,
}

# name, Nabla's --optimizer text, learning rate, weight decay (None: the optimiser's default), torch constructor
CASES = [
    ("adamw defaults", "adamw", 0.01, None, lambda p: torch.optim.AdamW(p, lr=0.01)),
    ("adamw betas", "adamw:beta1=0.8,beta2=0.95,eps=1e-6", 0.05, 0.1,
     lambda p: torch.optim.AdamW(p, lr=0.05, betas=(0.8, 0.95), eps=1e-6, weight_decay=0.1)),
    ("adam l2", "adam", 0.05, 0.1, lambda p: torch.optim.Adam(p, lr=0.05, weight_decay=0.1)),
    ("rmsprop", "rmsprop", 0.01, None, lambda p: torch.optim.RMSprop(p, lr=0.01)),
    ("rmsprop weight decay", "rmsprop", 0.01, 1e-4, lambda p: torch.optim.RMSprop(p, lr=0.01, weight_decay=1e-4)),
    ("rmsprop momentum", "rmsprop:momentum=0.9", 0.01, None, lambda p: torch.optim.RMSprop(p, lr=0.01, momentum=0.9)),
    ("rmsprop centered", "rmsprop:centered=true", 0.01, None,
     lambda p: torch.optim.RMSprop(p, lr=0.01, centered=True)),
    ("rmsprop centered momentum alpha", "rmsprop:0.9,1e-6,0.5,true", 0.02, 0.01,
     lambda p: torch.optim.RMSprop(p, lr=0.02, alpha=0.9, eps=1e-6, momentum=0.5, centered=True, weight_decay=0.01)),
    ("adagrad", "adagrad", 0.1, None, lambda p: torch.optim.Adagrad(p, lr=0.1)),
    ("adagrad options", "adagrad:eps=1e-8,lr_decay=0.05,initial_accumulator_value=0.1", 0.1, 0.01,
     lambda p: torch.optim.Adagrad(p, lr=0.1, lr_decay=0.05, weight_decay=0.01, initial_accumulator_value=0.1,
                                   eps=1e-8)),
    ("nesterov", "nesterov", 0.05, 0.01,
     lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.9, nesterov=True, weight_decay=0.01)),
    ("lbfgs strong wolfe", "lbfgs:history_size=3,max_iter=5", 1.0, 0.01,
     lambda p: torch.optim.LBFGS(p, lr=1, history_size=3, max_iter=5, line_search_fn="strong_wolfe")),
    ("lbfgs defaults", "lbfgs", 1.0, 0.05,
     lambda p: torch.optim.LBFGS(p, line_search_fn="strong_wolfe")),
    ("lbfgs no decay", "lbfgs:history_size=4,max_iter=3", 1.0, None,
     lambda p: torch.optim.LBFGS(p, history_size=4, max_iter=3, line_search_fn="strong_wolfe")),
    ("lbfgs fixed step", "lbfgs:history_size=5,max_iter=4,line_search=false", 0.2, None,
     lambda p: torch.optim.LBFGS(p, lr=0.2, history_size=5, max_iter=4)),
]


def network():
    net = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.Tanh(), torch.nn.Linear(4, 3))
    net.load_state_dict({k: v.clone() for k, v in INITIAL.items()}, strict=True)
    return net


def run(spec, make, decay):
    net = network()
    params = list(net.parameters())
    optimizer = make(params)
    lbfgs = isinstance(optimizer, torch.optim.LBFGS)
    losses, trajectory = [], []

    def closure():
        optimizer.zero_grad()
        loss = torch.nn.functional.cross_entropy(net(X), Y)
        if lbfgs and decay:
            loss = loss + 0.5 * decay * sum((p * p).sum() for p in params)
        loss.backward()
        return loss

    for _ in range(STEPS):
        if lbfgs:
            loss = optimizer.step(closure)
        else:
            loss = closure()
            optimizer.step()
        losses.append(float(loss))
        trajectory.append({k: v.detach().flatten().tolist() for k, v in net.state_dict().items()})
    return losses, trajectory


def main():
    cases = []
    for name, spec, lr, decay, make in CASES:
        losses, trajectory = run(spec, make, decay)
        cases.append({"name": name, "spec": spec, "lr": lr, "weight_decay": decay, "loss": losses,
                      "params": trajectory})
    json.dump({
        "generator": "scripts/torch-reference/optimizers.py",
        "torch": torch.__version__,
        "x": X.tolist(),
        "y": Y.tolist(),
        "initial": {k: v.flatten().tolist() for k, v in INITIAL.items()},
        "shapes": {k: list(v.shape) for k, v in INITIAL.items()},
        "cases": cases,
    }, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
