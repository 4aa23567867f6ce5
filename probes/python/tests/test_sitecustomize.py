"""The autoinstrument sitecustomize: it keeps the sitecustomize it shadows and installs only on request."""

import os
import subprocess
import unittest

from tests.support import AUTO_DIR, PROBE_ROOT, PYTHON, Workspace

FAKE_APPORT = """
    import os
    def install():
        with open(os.environ["APPORT_MARKER"], "w") as file:
            file.write("installed")
"""


def _stdlib_sitecustomize():
    """The sitecustomize.py in PYTHON's standard library folder (Debian's), or None."""
    stdlib = subprocess.run([PYTHON, "-S", "-c", "import sysconfig; print(sysconfig.get_path('stdlib'))"],
                            capture_output=True, text=True, check=True).stdout.strip()
    path = os.path.join(stdlib, "sitecustomize.py")
    return path if os.path.exists(path) else None


class SiteCustomizeTests(unittest.TestCase):
    def setUp(self):
        self.workspace = Workspace()
        self.extra = os.path.join(self.workspace.path, "extra")
        os.mkdir(self.extra)
        self.marker = os.path.join(self.workspace.path, "apport-marker")

    def tearDown(self):
        self.workspace.close()

    def test_sitecustomize_DebianSitecustomizeOnPath_StillRunsUnderOurs(self):
        debian = _stdlib_sitecustomize()
        if debian is None:
            self.skipTest("this interpreter has no sitecustomize.py of its own")
        with open(debian, encoding="utf-8") as file:
            if "apport_python_hook" not in file.read():
                self.skipTest("the stdlib sitecustomize is not Debian's apport hook")
        # Debian's file installs apport_python_hook when importable: give it one that leaves a trace.
        self.workspace.write(os.path.join("extra", "apport_python_hook.py"), FAKE_APPORT)
        result = self.workspace.run(["-c", "import sitecustomize; print(sitecustomize.shadowed.__file__)"],
                                    auto=True, extra_path=[self.extra], env={"APPORT_MARKER": self.marker})
        self.assertEqual(0, result.returncode, result.stderr)
        self.assertEqual(os.path.realpath(debian), os.path.realpath(result.stdout.strip()))
        self.assertTrue(os.path.exists(self.marker), "Debian's sitecustomize did not run")
        self.assertEqual(["imports", "done"], [m["mark"] for m in self.workspace.marks()])

    def test_sitecustomize_WithoutAutoVariable_ChainsButInstallsNothing(self):
        self.workspace.write(os.path.join("extra", "sitecustomize.py"), """
            import os
            open(os.environ["APPORT_MARKER"], "w").close()
        """)
        result = self.workspace.run(
            ["-c", "import builtins, sys; print(type(builtins.__import__).__name__, 'ailab_probe' in sys.modules)"],
            extra_path=[self.extra], env={"APPORT_MARKER": self.marker,
                                          "PYTHONPATH": os.pathsep.join([AUTO_DIR, PROBE_ROOT, self.extra])})
        self.assertEqual(0, result.returncode, result.stderr)
        self.assertEqual("builtin_function_or_method False\n", result.stdout)
        self.assertTrue(os.path.exists(self.marker), "the shadowed sitecustomize did not run")
        self.assertEqual([], self.workspace.marks())

    def test_sitecustomize_NextOneOnPath_RunsBeforeTheStdlibOne(self):
        self.workspace.write(os.path.join("extra", "sitecustomize.py"), """
            import os
            with open(os.environ["APPORT_MARKER"], "w") as file:
                file.write("extra")
        """)
        result = self.workspace.run(["-c", "import sitecustomize; print(sitecustomize.shadowed.__file__)"],
                                    auto=True, extra_path=[self.extra], env={"APPORT_MARKER": self.marker})
        self.assertEqual(0, result.returncode, result.stderr)
        self.assertEqual(os.path.join(self.extra, "sitecustomize.py"), result.stdout.strip())
        with open(self.marker, encoding="utf-8") as file:
            self.assertEqual("extra", file.read())

    def test_sitecustomize_ShadowedOneRaises_ReportedLikeSiteDoesAndInstrumentationStillInstalled(self):
        self.workspace.write(os.path.join("extra", "sitecustomize.py"), """
            raise RuntimeError("boom from the shadowed sitecustomize")
        """)
        result = self.workspace.run(["-c", "import json\nprint('ran')"], auto=True, extra_path=[self.extra])
        self.assertEqual(0, result.returncode, result.stderr)
        self.assertEqual("ran\n", result.stdout)
        self.assertIn("Error in sitecustomize", result.stderr)
        self.assertIn("boom from the shadowed sitecustomize", result.stderr)
        self.assertEqual(["imports", "done"], [m["mark"] for m in self.workspace.marks()])


if __name__ == "__main__":
    unittest.main()
