"""A telemetry client that looks asynchronous but blocks its caller: the demo's planted regression.

The demo's second commit (src/AiLab.Lab/Demo/DemoRepository.cs) changes train.py by adding exactly two lines:
`import telemetry_blocking` before the first top-level import, and, as the first statement of validate_config
(after its docstring):

        telemetry_blocking.log_config(cfg)

Nothing else changes, so the regression shows up in the config_validation phase only (~120 ms).

log_config() hands the config to a background "log shipper" thread through an async-looking API,
then waits for the shipment to be acknowledged, so the caller pays for the shipper's whole flush.
"""

import json
import os
import tempfile
import threading
import time

FLUSH_SECONDS = 0.11
"""Simulated network round trip of one flush; the spool file write and fsync add the rest."""


class ShipmentHandle:
    """What ship_async() returns: completes when the shipper has flushed the record."""

    def __init__(self, thread):
        self._thread = thread

    def wait(self):
        """Block until the record is flushed."""
        self._thread.join()


def ship_async(record):
    """Start shipping `record` on a background log-shipper thread and return a handle to it."""
    thread = threading.Thread(target=_flush, args=(record,), name="telemetry-log-shipper", daemon=True)
    thread.start()
    return ShipmentHandle(thread)


def log_config(cfg):
    """Send the training config to telemetry (reads like fire-and-forget; it is not)."""
    handle = ship_async({"event": "training_config", "config": cfg})
    handle.wait()  # the bug: "make sure it was delivered" turns the async call into a blocking one


def _flush(record):
    time.sleep(FLUSH_SECONDS)
    spool = os.path.join(tempfile.gettempdir(), "ailab-telemetry-%d.jsonl" % os.getpid())
    try:
        with open(spool, "a", encoding="utf-8") as file:
            file.write(json.dumps(record, sort_keys=True) + "\n")
            file.flush()
            os.fsync(file.fileno())
    finally:
        try:
            os.remove(spool)
        except OSError:
            pass
