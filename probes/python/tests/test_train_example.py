"""examples/pytorch-train end to end: its marks, its output, its config errors, the planted regression."""

import importlib.util
import json
import os
import re
import shutil
import unittest

from tests.support import TRAIN_DIR, Workspace, require_torch

PHASES = ["imports", "config_validation", "preprocessing", "model_build", "first_batch", "done"]

# The demo's regression, as telemetry_blocking.py documents it: inserted before validate_config's return.
DEMO_LINES = ["    import telemetry_blocking\n", "    telemetry_blocking.log_config(cfg)\n"]
DEMO_ANCHOR = "    return cfg\n"


def _load_train_module():
    spec = importlib.util.spec_from_file_location("pytorch_train_example", os.path.join(TRAIN_DIR, "train.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class TrainEndToEndTests(unittest.TestCase):
    def setUp(self):
        require_torch(self)
        self.workspace = Workspace()

    def tearDown(self):
        self.workspace.close()

    def _config(self, **overrides):
        with open(os.path.join(TRAIN_DIR, "config.json"), encoding="utf-8") as file:
            config = json.load(file)
        config.update(overrides)
        path = os.path.join(self.workspace.path, "config.json")
        with open(path, "w", encoding="utf-8") as file:
            json.dump(config, file)
        return path

    def test_train_DefaultConfig_MarksEveryPhaseInOrderAndTrains(self):
        result = self.workspace.run([os.path.join(TRAIN_DIR, "train.py")])
        self.assertEqual(0, result.returncode, result.stderr)
        marks = self.workspace.marks()
        self.assertEqual(PHASES, [m["mark"] for m in marks])
        stamps = [m["t_ns"] for m in marks]
        self.assertEqual(sorted(stamps), stamps)
        losses = re.findall(r"^step (\d+) loss (\d+\.\d{4})$", result.stdout, re.MULTILINE)
        self.assertEqual([str(n) for n in range(1, 21)], [step for step, _ in losses])
        self.assertLess(float(losses[-1][1]), float(losses[0][1]))  # it learns

    def test_train_UnderAutoInstrumentationWithWorkers_KeepsItsOwnMarksOnly(self):
        config = self._config(steps=3, num_workers=2)
        result = self.workspace.run([os.path.join(TRAIN_DIR, "train.py"), "--config", config], auto=True)
        self.assertEqual(0, result.returncode, result.stderr)
        self.assertEqual(PHASES, [m["mark"] for m in self.workspace.marks()])
        self.assertEqual(3, result.stdout.count(" loss "))

    def test_train_BadConfig_ExitsTwoWithAClearMessage(self):
        config = self._config(learning_rate=-0.5)
        result = self.workspace.run([os.path.join(TRAIN_DIR, "train.py"), "--config", config])
        self.assertEqual(2, result.returncode)
        self.assertIn("train.py: bad config: learning_rate must be in", result.stderr)
        self.assertNotIn("Traceback", result.stderr)
        self.assertEqual(["imports"], [m["mark"] for m in self.workspace.marks()])

    def test_train_UnknownInit_ExitsTwoNamingTheChoices(self):
        config = self._config(init="xavier")
        result = self.workspace.run([os.path.join(TRAIN_DIR, "train.py"), "--config", config])
        self.assertEqual(2, result.returncode)
        self.assertIn("train.py: bad config: init must be one of default, orthogonal, got 'xavier'", result.stderr)

    def test_train_OrthogonalInit_MarksEveryPhaseAndCpuStamps(self):
        config = self._config(steps=1, init="orthogonal", hidden_sizes=[64, 64])
        result = self.workspace.run([os.path.join(TRAIN_DIR, "train.py"), "--config", config])
        self.assertEqual(0, result.returncode, result.stderr)
        marks = self.workspace.marks()
        self.assertEqual(PHASES, [m["mark"] for m in marks])
        self.assertEqual(sorted(m["cpu_ns"] for m in marks), [m["cpu_ns"] for m in marks])  # one process's clock

    def test_train_DemoTelemetryPatch_SlowsConfigValidationByTheShippersFlush(self):
        with open(os.path.join(TRAIN_DIR, "telemetry_blocking.py"), encoding="utf-8") as file:
            documented = file.read()
        self.assertIn("telemetry_blocking.log_config(cfg)", documented)  # the call the demo's commit adds
        with open(os.path.join(TRAIN_DIR, "train.py"), encoding="utf-8") as file:
            source = file.read()
        self.assertEqual(1, source.count(DEMO_ANCHOR))
        self.assertEqual(1, source.count('validate_config(load_config(args.config))\n    mark("config_validation")\n'))
        patched = source.replace(DEMO_ANCHOR, "".join(DEMO_LINES) + DEMO_ANCHOR)
        self.workspace.write("train.py", patched)
        shutil.copy(os.path.join(TRAIN_DIR, "telemetry_blocking.py"), self.workspace.path)
        config = self._config(steps=1)

        result = self.workspace.run(["train.py", "--config", config])

        self.assertEqual(0, result.returncode, result.stderr)
        marks = {m["mark"]: m["t_ns"] for m in self.workspace.marks()}
        self.assertEqual(PHASES, list(marks))
        config_validation_ms = (marks["config_validation"] - marks["imports"]) / 1e6
        self.assertGreaterEqual(config_validation_ms, 110.0)


class ValidateConfigTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        require_torch(cls)
        cls.train = _load_train_module()
        with open(os.path.join(TRAIN_DIR, "config.json"), encoding="utf-8") as file:
            cls.shipped = json.load(file)

    def _error(self, **overrides):
        config = dict(self.shipped, **overrides)
        with self.assertRaises(self.train.ConfigError) as caught:
            self.train.validate_config(config)
        return str(caught.exception)

    def test_validate_config_ShippedConfig_IsValidAndUnchanged(self):
        self.assertEqual(self.shipped, self.train.validate_config(dict(self.shipped)))

    def test_validate_config_MissingKeys_GetDefaults(self):
        config = self.train.validate_config({"steps": 5})
        self.assertEqual(5, config["steps"])
        self.assertEqual(0, config["num_workers"])
        self.assertEqual(20000, config["samples"])

    def test_validate_config_BadValues_NameTheKeyAndTheProblem(self):
        cases = [
            ({"steps": 0}, "steps must be in [1, 100000], got 0"),
            ({"steps": "20"}, "steps must be int, got '20'"),
            ({"num_workers": True}, "num_workers must be int, got True"),
            ({"learning_rate": 100}, "learning_rate must be in"),
            ({"hidden_sizes": []}, "hidden_sizes must be a non-empty list"),
            ({"hidden_sizes": [64, 0]}, "hidden_sizes must be a non-empty list"),
            ({"batch_size": 30000}, "batch_size (30000) must not exceed samples (20000)"),
            ({"epochs": 3}, "unknown key(s): epochs"),
        ]
        for overrides, expected in cases:
            with self.subTest(overrides=overrides):
                self.assertIn(expected, self._error(**overrides))

    def test_validate_config_NotAnObject_IsRejected(self):
        with self.assertRaises(self.train.ConfigError):
            self.train.validate_config([1, 2])

    def test_load_config_InvalidJson_RaisesConfigError(self):
        workspace = Workspace()
        try:
            path = workspace.write("bad.json", "{not json")
            with self.assertRaises(self.train.ConfigError) as caught:
                self.train.load_config(path)
            self.assertIn("is not valid JSON", str(caught.exception))
        finally:
            workspace.close()


if __name__ == "__main__":
    unittest.main()
