"""A small, real PyTorch training job whose time to first batch has realistic phases.

Phases, each ended by an AiLab mark: imports, config_validation, preprocessing, model_build,
first_batch, then a few training steps and done. Synthetic, deterministic data; no downloads.

    /usr/bin/python3 train.py [--config config.json]

Exit codes: 0 success, 2 bad config.
"""

import argparse
import json
import os
import sys

import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

try:
    from ailab_probe import mark
except ImportError:  # the probe is optional: without it the job runs the same, unmeasured
    def mark(name):
        pass

mark("imports")

HERE = os.path.dirname(os.path.abspath(__file__))

# key -> (type, minimum, maximum, default); None bounds are open.
CONFIG_RULES = {
    "seed": (int, 0, 2**32 - 1, 1234),
    "samples": (int, 256, 1_000_000, 20000),
    "features": (int, 2, 1024, 32),
    "classes": (int, 2, 100, 2),
    "hidden_sizes": (list, None, None, [128, 64]),
    "batch_size": (int, 1, 65536, 256),
    "learning_rate": (float, 1e-6, 10.0, 0.01),
    "steps": (int, 1, 100_000, 20),
    "num_workers": (int, 0, 64, 0),
    "init": (str, None, None, "default"),
}
# How the hidden layers' weights are initialised: PyTorch's default (Kaiming uniform, cheap) or orthogonal (a QR
# decomposition per layer, as RNN and RL models often use: its cost grows with width cubed, which is what makes a
# wide model's construction take seconds before the first batch).
INITS = ("default", "orthogonal")


class ConfigError(Exception):
    """The training config is missing, unreadable or invalid; the message names the problem."""


def load_config(path):
    """Read the JSON config at `path`."""
    try:
        with open(path, encoding="utf-8") as file:
            return json.load(file)
    except OSError as error:
        raise ConfigError("cannot read %s: %s" % (path, error.strerror or error)) from None
    except ValueError as error:
        raise ConfigError("%s is not valid JSON: %s" % (path, error)) from None


def validate_config(cfg):
    """Check types and ranges, fill in defaults, and return the validated config."""
    if not isinstance(cfg, dict):
        raise ConfigError("the config must be a JSON object, got %s" % type(cfg).__name__)
    unknown = sorted(set(cfg) - set(CONFIG_RULES))
    if unknown:
        raise ConfigError("unknown key(s): %s (known: %s)" % (", ".join(unknown), ", ".join(CONFIG_RULES)))
    cfg = dict(cfg)
    for key, (kind, low, high, default) in CONFIG_RULES.items():
        value = cfg.setdefault(key, default)
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = cfg[key] = float(value)
        if isinstance(value, bool) or not isinstance(value, kind):
            raise ConfigError("%s must be %s, got %r" % (key, kind.__name__, value))
        if (low is not None and value < low) or (high is not None and value > high):
            raise ConfigError("%s must be in [%s, %s], got %r" % (key, low, high, value))
    sizes = cfg["hidden_sizes"]
    if not sizes or not all(isinstance(n, int) and not isinstance(n, bool) and 1 <= n <= 8192 for n in sizes):
        raise ConfigError("hidden_sizes must be a non-empty list of integers in [1, 8192], got %r" % (sizes,))
    if cfg["init"] not in INITS:
        raise ConfigError("init must be one of %s, got %r" % (", ".join(INITS), cfg["init"]))
    if cfg["batch_size"] > cfg["samples"]:
        raise ConfigError("batch_size (%d) must not exceed samples (%d)" % (cfg["batch_size"], cfg["samples"]))
    return cfg


def make_dataset(cfg):
    """Generate a deterministic tabular classification set, standardize it, and wrap it for torch."""
    rng = np.random.default_rng(cfg["seed"])
    n, d, k = cfg["samples"], cfg["features"], cfg["classes"]
    # Raw features on very different scales and offsets, as real tabular data has.
    scales = rng.uniform(0.1, 50.0, size=d)
    offsets = rng.uniform(-100.0, 100.0, size=d)
    latent = rng.standard_normal((n, d))
    raw = latent * scales + offsets
    weights = rng.standard_normal((d, k))
    interaction = np.sin(latent[:, :1] * latent[:, 1:2] * np.arange(1, k + 1))  # a non-linear part
    logits = latent @ weights + 0.5 * interaction + 0.3 * rng.standard_normal((n, k))
    labels = logits.argmax(axis=1)
    mean = raw.mean(axis=0)
    std = raw.std(axis=0)
    std[std == 0] = 1.0
    features = ((raw - mean) / std).astype(np.float32)
    return TensorDataset(torch.from_numpy(features), torch.from_numpy(labels.astype(np.int64)))


def build_model(cfg):
    """An MLP classifier and its optimizer."""
    torch.manual_seed(cfg["seed"])
    layers = []
    width = cfg["features"]
    for size in cfg["hidden_sizes"]:
        layer = nn.Linear(width, size)
        if cfg["init"] == "orthogonal":
            nn.init.orthogonal_(layer.weight)
        layers += [layer, nn.ReLU()]
        width = size
    layers.append(nn.Linear(width, cfg["classes"]))
    model = nn.Sequential(*layers)
    optimizer = torch.optim.Adam(model.parameters(), lr=cfg["learning_rate"])
    return model, optimizer


def batches(loader):
    """Yield batches forever, starting a new epoch when one ends."""
    while True:
        for batch in loader:
            yield batch


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", default=os.path.join(HERE, "config.json"), help="path to the JSON config")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    torch.set_num_threads(1)  # stable timings on a small shared machine
    cfg = validate_config(load_config(args.config))
    mark("config_validation")

    dataset = make_dataset(cfg)
    mark("preprocessing")

    model, optimizer = build_model(cfg)
    loss_fn = nn.CrossEntropyLoss()
    mark("model_build")

    loader = DataLoader(
        dataset,
        batch_size=cfg["batch_size"],
        shuffle=True,
        num_workers=cfg["num_workers"],
        generator=torch.Generator().manual_seed(cfg["seed"]),
    )
    stream = batches(loader)
    features, labels = next(stream)
    mark("first_batch")

    model.train()
    for step in range(1, cfg["steps"] + 1):
        if step > 1:
            features, labels = next(stream)
        optimizer.zero_grad()
        loss = loss_fn(model(features), labels)
        loss.backward()
        optimizer.step()
        print("step %d loss %.4f" % (step, loss.item()))
    mark("done")
    return 0


def run():
    """Entry point: run main() and turn a bad config into a clear message and exit code 2."""
    try:
        return main()
    except ConfigError as error:
        print("train.py: bad config: %s" % error, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(run())
