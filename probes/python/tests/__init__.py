"""Tests of the Python probe, the PyTorch auto-instrumentation and the pytorch-train example."""
