#!/usr/bin/env python3
"""Regenerates this example: the data set (data/test.jsonl, data/train.jsonl) and three small PyTorch models
exported to ONNX (models/*.onnx). Deterministic (fixed seeds); needs only Debian's python3-torch (no `onnx` package:
torch.onnx.export serialises the graph itself).

  baseline.onnx              what "runs today"
  candidate_equivalent.onnx  retrained with another seed on the same data: should pass
  candidate_slice_c.onnx     retrained after a (simulated) pipeline bug shuffled slice c's training labels:
                             as good on slices a and b, worse on c, which the comparison must name
Run: /usr/bin/python3 train.py
"""
import json
import math
import os
import random

import torch

HERE = os.path.dirname(os.path.abspath(__file__))


def make_rows(n, seed):
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        s = rng.choice("abc")
        f = [rng.gauss(0, 1) for _ in range(4)]
        if s == "c":
            # Slice c lives elsewhere in feature space and follows its own rule, so a model can be wrong on it alone.
            f[2] = rng.gauss(4, 0.5)
            logit = 3 * (f[3] - f[0])
        else:
            logit = 3 * (f[0] + f[1])
        label = 1 if rng.random() < 1 / (1 + math.exp(-logit)) else 0
        rows.append(dict(id=f"ex{seed}-{i:05d}", slice=s, f0=round(f[0], 4), f1=round(f[1], 4), f2=round(f[2], 4),
                         f3=round(f[3], 4), label=label))
    return rows


def train(rows, seed, corrupt_slice=None):
    torch.manual_seed(seed)
    rng = random.Random(seed)
    x = torch.tensor([[r["f0"], r["f1"], r["f2"], r["f3"]] for r in rows], dtype=torch.float32)
    labels = [r["label"] for r in rows]
    if corrupt_slice:
        idx = [i for i, r in enumerate(rows) if r["slice"] == corrupt_slice]
        shuffled = [labels[i] for i in idx]
        rng.shuffle(shuffled)
        for i, v in zip(idx, shuffled):
            labels[i] = v
    y = torch.tensor(labels, dtype=torch.float32).unsqueeze(1)
    model = torch.nn.Sequential(torch.nn.Linear(4, 16), torch.nn.ReLU(), torch.nn.Linear(16, 1), torch.nn.Sigmoid())
    opt = torch.optim.Adam(model.parameters(), lr=0.02)
    loss_fn = torch.nn.BCELoss()
    for _ in range(400):
        opt.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
    return model


def export(model, name):
    model.eval()
    torch.onnx.export(model, torch.zeros(1, 4), os.path.join(HERE, "models", name), input_names=["features"],
                      output_names=["score"], dynamic_axes={"features": {0: "batch"}, "score": {0: "batch"}},
                      opset_version=13)


def write(rows, name):
    os.makedirs(os.path.join(HERE, "data"), exist_ok=True)
    with open(os.path.join(HERE, "data", name), "w") as f:
        for r in rows:
            f.write(json.dumps(r) + "\n")


def main():
    train_rows, test_rows = make_rows(4000, 1), make_rows(3000, 2)
    write(test_rows, "test.jsonl")
    os.makedirs(os.path.join(HERE, "models"), exist_ok=True)
    export(train(train_rows, 10), "baseline.onnx")
    export(train(train_rows, 11), "candidate_equivalent.onnx")
    export(train(train_rows, 10, corrupt_slice="c"), "candidate_slice_c.onnx")


if __name__ == "__main__":
    main()
