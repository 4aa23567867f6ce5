"""Automatic instrumentation of unmodified scripts, run for real as subprocesses."""

import unittest

from tests.support import Workspace, last_json_line, require_torch

# A local module imported last by every script: its import ends at CLOCK_END, so the automatic
# "imports" mark must not come before it.
CLOCK_MODULE = """
    import time
    time.sleep(0.05)
    CLOCK_END = time.monotonic_ns()
"""

DATALOADER_SCRIPT = '''
    """Train a tiny model from a DataLoader; the script knows nothing about AiLab."""
    import json
    import sys
    import time
    import torch
    from torch.utils.data import DataLoader, TensorDataset
    import clock_module
    AFTER_IMPORTS = time.monotonic_ns()
    time.sleep(0.2)

    def main(workers):
        data = TensorDataset(torch.randn(64, 4), torch.randn(64, 1))
        loader = DataLoader(data, batch_size=16, num_workers=workers)
        model = torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.ReLU(), torch.nn.Linear(8, 1))
        model(torch.zeros(1, 4))  # a warm-up forward once a DataLoader exists: not the first batch
        before_loop = time.monotonic_ns()
        first_body = None
        for epoch in range(2):
            for x, y in loader:
                if first_body is None:
                    first_body = time.monotonic_ns()
                model(x)
        base_iter = torch.utils.data.dataloader._BaseDataLoaderIter
        patched = [hasattr(f, "__wrapped__") for f in (
            base_iter.__dict__["__next__"], DataLoader.__dict__["__init__"], torch.nn.Module.__dict__["__call__"])]
        print(json.dumps({"clock_end": clock_module.CLOCK_END, "after_imports": AFTER_IMPORTS,
                          "before_loop": before_loop, "first_body": first_body, "patched": patched}))

    if __name__ == "__main__":
        main(int(sys.argv[1]))
'''

FORWARD_SCRIPT = '''
    """Run a tiny model on tensors directly, with no DataLoader anywhere."""
    import json
    import time
    import torch
    import clock_module
    AFTER_IMPORTS = time.monotonic_ns()
    time.sleep(0.2)
    model = torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.ReLU(), torch.nn.Linear(8, 1))
    x = torch.randn(16, 4)
    before_forward = time.monotonic_ns()
    model(x)
    after_forward = time.monotonic_ns()
    for _ in range(3):
        model(x)
    print(json.dumps({"clock_end": clock_module.CLOCK_END, "after_imports": AFTER_IMPORTS,
                      "before_forward": before_forward, "after_forward": after_forward,
                      "patched": hasattr(torch.nn.Module.__dict__["__call__"], "__wrapped__")}))
'''

NO_TORCH_SCRIPT = '''
    """A script that never imports torch and starts a child Python process."""
    import json, os
    import subprocess
    import sys
    try:
        import a_module_that_does_not_exist
    except ImportError:
        pass
    import time
    import clock_module
    AFTER_IMPORTS = time.monotonic_ns()
    time.sleep(0.2)
    subprocess.run([sys.executable, "-c", "import json"], check=True)
    import builtins
    builtins.ailab_test_added = 7  # a builtin added later is visible to top-level statements
    print(json.dumps({"clock_end": clock_module.CLOCK_END, "after_imports": AFTER_IMPORTS,
                      "torch_loaded": "torch" in sys.modules, "added": ailab_test_added,
                      "builtins": type(__builtins__).__name__}))
'''

EXPLICIT_SCRIPT = '''
    """A script that marks its phases itself."""
    import time
    from ailab_probe import mark
    mark("imports")
    time.sleep(0.05)
    mark("config_validation")
    mark("done")
'''


class TorchAutoNoTorchTests(unittest.TestCase):
    def setUp(self):
        self.workspace = Workspace()
        self.workspace.write("clock_module.py", CLOCK_MODULE)

    def tearDown(self):
        self.workspace.close()

    def _assert_imports_marked_right_after_the_import_block(self, marks, report):
        imports = marks[0]["t_ns"]
        self.assertLessEqual(report["clock_end"], imports)
        self.assertLessEqual(imports, report["after_imports"])
        self.assertGreater(marks[-1]["t_ns"] - imports, 200_000_000)  # the 0.2 s sleep came after it

    def test_auto_ScriptWithoutTorch_MarksImportsAndDoneOnlyAndNeverLoadsTorch(self):
        self.workspace.write("no_torch.py", NO_TORCH_SCRIPT)
        result = self.workspace.run(["no_torch.py"], auto=True)
        self.assertEqual(0, result.returncode, result.stderr)
        self.assertEqual("", result.stderr)
        report = last_json_line(result.stdout)
        marks = self.workspace.marks()
        self.assertEqual(["imports", "done"], [m["mark"] for m in marks])  # nothing from the child
        self._assert_imports_marked_right_after_the_import_block(marks, report)
        self.assertFalse(report["torch_loaded"])
        self.assertEqual(7, report["added"])
        self.assertEqual("module", report["builtins"])

    def test_auto_RunAsModule_MarksImportsAfterTheModulesImportBlock(self):
        self.workspace.write("no_torch.py", NO_TORCH_SCRIPT)
        result = self.workspace.run(["-m", "no_torch"], auto=True)
        self.assertEqual(0, result.returncode, result.stderr)
        marks = self.workspace.marks()
        self.assertEqual(["imports", "done"], [m["mark"] for m in marks])
        self._assert_imports_marked_right_after_the_import_block(marks, last_json_line(result.stdout))

    def test_auto_RunCommand_MarksImportsAfterTheCommandsImports(self):
        command = "import json\nimport time, clock_module\nprint(time.monotonic_ns())\ntime.sleep(0.1)\n"
        result = self.workspace.run(["-c", command], auto=True)
        self.assertEqual(0, result.returncode, result.stderr)
        marks = self.workspace.marks()
        self.assertEqual(["imports", "done"], [m["mark"] for m in marks])
        self.assertLessEqual(marks[0]["t_ns"], int(result.stdout))

    def test_auto_ScriptThatMarksItself_KeepsOnlyTheExplicitMarks(self):
        self.workspace.write("explicit.py", EXPLICIT_SCRIPT)
        result = self.workspace.run(["explicit.py"], auto=True)
        self.assertEqual(0, result.returncode, result.stderr)
        self.assertEqual(["imports", "config_validation", "done"], [m["mark"] for m in self.workspace.marks()])

    def test_auto_WithoutEventsPath_InstallsNothing(self):
        self.workspace.write("no_torch.py", NO_TORCH_SCRIPT)
        result = self.workspace.run(
            ["-c", "import sys; print(type(__builtins__).__name__, 'ailab_probe.torch_auto' in sys.modules)"],
            auto=True, events=False)
        self.assertEqual(0, result.returncode, result.stderr)
        self.assertEqual("module False\n", result.stdout)


class TorchAutoTorchTests(unittest.TestCase):
    def setUp(self):
        require_torch(self)
        self.workspace = Workspace()
        self.workspace.write("clock_module.py", CLOCK_MODULE)

    def tearDown(self):
        self.workspace.close()

    def _run(self, script, text, *args):
        self.workspace.write(script, text)
        result = self.workspace.run([script] + list(args), auto=True)
        self.assertEqual(0, result.returncode, result.stderr)
        self.assertNotIn("ailab_probe", result.stderr)
        return self.workspace.marks(), last_json_line(result.stdout)

    def _assert_dataloader_run(self, marks, report):
        self.assertEqual(["imports", "first_batch", "done"], [m["mark"] for m in marks])
        imports, first_batch, done = (m["t_ns"] for m in marks)
        self.assertLessEqual(report["clock_end"], imports)
        self.assertLessEqual(imports, report["after_imports"])
        self.assertLessEqual(report["before_loop"], first_batch)
        self.assertLessEqual(first_batch, report["first_body"])
        self.assertLessEqual(report["first_body"], done)
        self.assertEqual([False, False, False], report["patched"])  # every patch removed itself

    def test_auto_DataLoaderScript_MarksImportsFirstBatchDoneAtTheRightMoments(self):
        self._assert_dataloader_run(*self._run("loader.py", DATALOADER_SCRIPT, "0"))

    def test_auto_DataLoaderWithTwoWorkers_MarksOnceFromTheMainProcess(self):
        self._assert_dataloader_run(*self._run("loader.py", DATALOADER_SCRIPT, "2"))

    def test_auto_ForwardWithoutDataLoader_MarksFirstBatchAtTheOutermostFirstForward(self):
        marks, report = self._run("forward.py", FORWARD_SCRIPT)
        self.assertEqual(["imports", "first_batch", "done"], [m["mark"] for m in marks])
        imports, first_batch, _ = (m["t_ns"] for m in marks)
        self.assertLessEqual(report["clock_end"], imports)
        self.assertLessEqual(imports, report["after_imports"])
        self.assertLessEqual(report["before_forward"], first_batch)
        self.assertLessEqual(first_batch, report["after_forward"])
        self.assertFalse(report["patched"])


if __name__ == "__main__":
    unittest.main()
