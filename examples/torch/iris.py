#!/usr/bin/python3
"""A torch.nn.Sequential trained on the iris table and saved as PyTorch users save one, for `nabla import`.
Usage: /usr/bin/python3 examples/torch/iris.py OUT.safetensors   (needs python3-torch and safetensors)"""
import csv
import sys

import torch
import torch.nn as nn
from safetensors.torch import save_file

rows = list(csv.reader(open("nabla-core/src/main/resources/dev/nabla/data/embedded/iris.csv")))[1:]
classes = sorted({r[4] for r in rows})
x = torch.tensor([[float(v) for v in r[:4]] for r in rows])
y = torch.tensor([classes.index(r[4]) for r in rows])
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 3))
optimiser = torch.optim.Adam(model.parameters(), lr=0.01)
for _ in range(300):
    optimiser.zero_grad()
    nn.functional.cross_entropy(model(x), y).backward()
    optimiser.step()
save_file(model.state_dict(), sys.argv[1])
new = torch.tensor([[5.1, 3.5, 1.4, 0.2], [6.4, 3.2, 4.5, 1.5], [7.7, 3.0, 6.1, 2.3]])
with torch.no_grad():
    for p in torch.softmax(model(new), dim=1):
        print(classes[int(p.argmax())], " ".join(f"{float(v):.7g}" for v in p))
