#!/usr/bin/python3
"""Makes the fixtures of `nabla import`: small torch.nn.Sequential networks saved as PyTorch users save them,
with safetensors.torch.save_file(model.state_dict(), ...), the rows they were run on and PyTorch's outputs.

Usage: /usr/bin/python3 scripts/torch-import/make-fixtures.py nabla-core/src/test/resources/torch-import

For each NAME: NAME.safetensors (the state dict), NAME.csv (inputs x0..x{F-1} and PyTorch's outputs: prob_<class>
columns after a softmax or sigmoid, or `value`), and a line in fixtures.txt with the `nabla import` options that
describe the network. Needs python3-torch and the safetensors package.
"""
import csv
import pathlib
import sys

import torch
from safetensors.torch import save_file

out = pathlib.Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
torch.manual_seed(12)


def rows(n, f):
    x = torch.randn(n, f, dtype=torch.float64) * 2
    x[0] = 0  # a row of zeros: the biases alone
    return x


def fixture(name, model, inputs, options, head, classes=None, dtype=torch.float32):
    model = model.to(dtype).eval()
    x = rows(25, inputs).to(torch.float32).to(dtype)  # Nabla reads numbers as float32
    with torch.no_grad():
        z = model(x)
    if classes is None:
        y, columns = z, ["value"]
    elif z.shape[1] == 1:
        p = torch.sigmoid(z)
        y, columns = torch.cat([1 - p, p], dim=1), [f"prob_{c}" for c in classes]
    else:
        y, columns = torch.softmax(z, dim=1), [f"prob_{c}" for c in classes]
    save_file(model.state_dict(), str(out / f"{name}.safetensors"))
    with open(out / f"{name}.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow([f"x{j}" for j in range(inputs)] + columns)
        for i in range(x.shape[0]):
            w.writerow([repr(float(v)) for v in x[i]] + [repr(float(v)) for v in y[i]])
    with open(out / "fixtures.txt", "a") as f:
        f.write(f"{name}\t{head}\t{options}\n")


(out / "fixtures.txt").write_text("# name\toutput\tnabla import options (besides --weights and --out)\n")
nn = torch.nn
fixture("iris_like", nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3)), 4,
        "--layers 8:relu --inputs 4 --classes setosa,versicolor,virginica", "softmax",
        ["setosa", "versicolor", "virginica"])
fixture("binary_tanh", nn.Sequential(nn.Linear(5, 6), nn.Tanh(), nn.Linear(6, 1)), 5,
        "--layers 6:tanh --inputs 5 --classes no,yes", "sigmoid", ["no", "yes"])
fixture("regression_deep", nn.Sequential(nn.Linear(3, 8), nn.LeakyReLU(0.1), nn.Linear(8, 4), nn.Sigmoid(),
                                         nn.Linear(4, 1)), 3,
        "--layers 8:leaky_relu(0.1),4:sigmoid --inputs 3 --regression", "value")
fixture("spec_float64", nn.Sequential(nn.Linear(6, 5), nn.Tanh(), nn.Linear(5, 4, bias=False), nn.ReLU(),
                                      nn.Linear(4, 2)), 6,
        "--model-spec spec_float64.json --inputs 6 --classes a,b", "softmax", ["a", "b"], dtype=torch.float64)
(out / "spec_float64.json").write_text(
    '{"layers": [{"type": "linear", "units": 5}, {"type": "tanh"}, {"type": "linear", "units": 4, "bias": false},\n'
    '            {"type": "relu"}, {"type": "linear", "units": 2}]}\n')
# A network with a dropout in the middle: its second linear layer is "3", not "2" as in --layers 8:relu.
save_file(nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Dropout(0.1), nn.Linear(8, 3)).state_dict(),
          str(out / "dropout_between.safetensors"))
# Batch norm as PyTorch saves it: running statistics from a few training batches, num_batches_tracked an int64 0-dim
# tensor. Made after the others, so that their random numbers stay as they were.
batch_norm = nn.Sequential(nn.Linear(4, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Linear(8, 3))
with torch.no_grad():
    for _ in range(5):
        batch_norm(torch.randn(16, 4) * 3 + 1)
fixture("batch_norm", batch_norm, 4, "--model-spec batch_norm.json --inputs 4 --classes a,b,c", "softmax",
        ["a", "b", "c"])
(out / "batch_norm.json").write_text(
    '{"layers": [{"type": "linear", "units": 8}, {"type": "batch_norm"}, {"type": "relu"},\n'
    '            {"type": "linear", "units": 3}]}\n')
