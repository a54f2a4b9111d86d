#!/usr/bin/python3
"""Loads a Nabla model file into PyTorch and compares outputs with Nabla's.

Usage: /usr/bin/python3 scripts/check-torch-load.py MODEL.safetensors INPUT.csv [NABLA_OUTPUTS.csv]

Reads the file with nothing but struct, json and torch (the safetensors package is not needed), builds the
torch.nn.Sequential that the metadata describes, and calls load_state_dict(strict=True) on the file's tensors, which
checks that every name and shape matches. INPUT.csv has a header naming the model's features (other columns are
ignored); they are scaled as the model's metadata says, then fed to the network in evaluation mode (dropout off,
batch norm on its running statistics). Prints the raw outputs' shape and, given NABLA_OUTPUTS.csv, the largest
absolute difference: either Nabla's raw outputs (one row per input row, no header) or the output of
'nabla predict' (header "predicted,prob_…"), whose probabilities are compared with softmax (or sigmoid) of torch's.
Networks with add (branch) layers have no plain Sequential equivalent and are refused.

Every layer type maps to its torch.nn module: linear, the activations (gelu, gelu_tanh, silu, elu, softplus, …),
dropout -> Dropout(rate), batch_norm -> BatchNorm1d(width, eps, momentum) (num_batches_tracked is stored as a 0-dim
tensor of the model's dtype; load_state_dict casts it to int64), layer_norm -> LayerNorm(width, eps).
"""
import csv
import json
import struct
import sys

import torch

DTYPES = {"F32": torch.float32, "F64": torch.float64}


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n].decode("utf-8"))
    metadata = header.pop("__metadata__", {})
    buffer = data[8 + n:]
    tensors = {}
    for name, entry in header.items():
        begin, end = entry["data_offsets"]
        t = torch.frombuffer(bytearray(buffer[begin:end]), dtype=DTYPES[entry["dtype"]])
        tensors[name] = t.reshape(entry["shape"])
    return tensors, metadata


def activation(layer):
    kind = layer["type"]
    if kind == "identity":
        return torch.nn.Identity()
    if kind == "tanh":
        return torch.nn.Tanh()
    if kind == "sigmoid":
        return torch.nn.Sigmoid()
    if kind == "relu":
        return torch.nn.ReLU()
    if kind == "leaky_relu":
        return torch.nn.LeakyReLU(layer["slope"])
    if kind == "gelu":
        return torch.nn.GELU()
    if kind == "gelu_tanh":
        return torch.nn.GELU(approximate="tanh")
    if kind == "silu":
        return torch.nn.SiLU()
    if kind == "elu":
        return torch.nn.ELU(layer["alpha"])
    if kind == "softplus":
        return torch.nn.Softplus()
    raise SystemExit("layer type %r has no torch.nn.Sequential equivalent here" % kind)


def build(spec, dtype):
    width = spec["inputs"]
    modules = []
    for layer in spec["layers"]:
        if layer["type"] == "linear":
            modules.append(torch.nn.Linear(width, layer["units"], bias=layer.get("bias", True), dtype=dtype))
            width = layer["units"]
        elif layer["type"] == "batch_norm":
            modules.append(torch.nn.BatchNorm1d(width, eps=layer["eps"], momentum=layer["momentum"], dtype=dtype))
        elif layer["type"] == "layer_norm":
            modules.append(torch.nn.LayerNorm(width, eps=layer["eps"], dtype=dtype))
        elif layer["type"] == "dropout":
            modules.append(torch.nn.Dropout(layer["rate"]))
        else:
            modules.append(activation(layer))
    return torch.nn.Sequential(*modules)


def main():
    if len(sys.argv) not in (3, 4):
        raise SystemExit(__doc__)
    tensors, metadata = read_safetensors(sys.argv[1])
    model = json.loads(metadata["nabla"])
    dtype = DTYPES[model["dtype"].upper()]
    net = build(model["spec"], dtype)
    net.load_state_dict(tensors, strict=True)
    net.eval()
    print("load_state_dict: ok (%d tensors: %s)" % (len(tensors), ", ".join(tensors)))

    with open(sys.argv[2], newline="") as f:
        rows = list(csv.reader(f))
    columns = [rows[0].index(name) for name in model["feature_names"]]
    x = torch.tensor([[float(r[c]) for c in columns] for r in rows[1:] if r], dtype=torch.float32)
    shift = torch.tensor(model["scaling"]["shift"], dtype=torch.float32)
    scale = torch.tensor(model["scaling"]["scale"], dtype=torch.float32)
    x = ((x - shift) / scale).to(dtype)
    with torch.no_grad():
        z = net(x)
    print("outputs:", tuple(z.shape), dtype)
    if len(sys.argv) == 4:
        with open(sys.argv[3], newline="") as f:
            rows = [r for r in csv.reader(f) if r]
        if rows[0][0] == "predicted":
            probs = [c for c, name in enumerate(rows[0]) if name.startswith("prob_")]
            expected = torch.tensor([[float(r[c]) for c in probs] for r in rows[1:]], dtype=torch.float64)
            z = torch.softmax(z, dim=1) if z.shape[1] > 1 else torch.sigmoid(z)
            if z.shape[1] == 1 and expected.shape[1] == 2:
                z = torch.cat([1 - z, z], dim=1)
            what = "probabilities"
        else:
            expected = torch.tensor([[float(v) for v in r] for r in rows], dtype=torch.float64)
            what = "outputs"
        diff = (z.to(torch.float64) - expected).abs().max().item()
        print("max abs difference of the %s, torch vs nabla: %.3g" % (what, diff))


if __name__ == "__main__":
    main()
