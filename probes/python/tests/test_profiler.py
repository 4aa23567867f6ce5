"""The TTFB-window profiler: sampled stacks with phases, native leaves, imports, call counts, and its switches."""

import json
import os
import re
import unittest

from tests.support import Workspace

FEATURES = """
    def memoize_key(table, name):
        return (name, repr(table))


    def build_features(table):
        out = []
        # 48 reprs of a 30,000-entry table take ~0.5 s on an idle core, three times heavy's 0.15 s sleep: the repr
        # stack must be the heaviest on a fast machine too (12 took 0.12 s there and lost to the sleep).
        for i in range(48):
            out.append(memoize_key(table, "f%d" % (i % 4)))
        return out
"""

HEAVY = """
    import time

    time.sleep(0.15)
"""

TRAIN = """
    import json
    import sys
    from ailab_probe import mark
    import heavy
    import features

    mark("imports")
    table = {i: (i, str(i) * 3) for i in range(30000)}
    mark("config_validation")
    features.build_features(table)
    mark("first_batch")
    print(json.dumps({"profiler_loaded": "ailab_probe.profiler" in sys.modules}))
"""


class ProfilerTests(unittest.TestCase):
    def setUp(self):
        self.workspace = Workspace()
        self.workspace.write("features.py", FEATURES)
        self.workspace.write("heavy.py", HEAVY)
        self.workspace.write("train.py", TRAIN)
        self.output = os.path.join(self.workspace.path, "profile.json")

    def tearDown(self):
        self.workspace.close()

    def _profile(self, *args, mode="sample", auto=True):
        result = self.workspace.run(list(args) + ["train.py"], auto=auto,
                                    env={"AILAB_PROFILE": self.output, "AILAB_PROFILE_MODE": mode})
        self.assertEqual(result.returncode, 0, result.stderr)
        with open(self.output, encoding="utf-8") as file:
            return json.load(file), result

    def test_sample_HelperKeysOnReprOfATable_HeaviestStackEndsInReprUnderTheHelper(self):
        doc, _ = self._profile()
        self.assertEqual(doc["format"], "ailab-profile/1")
        self.assertEqual(doc["stopped_by"], "first_batch")
        self.assertEqual(doc["interval_ms"], 1.0)
        frames = doc["frames"]

        def names(stack):
            return ["%s.%s" % (frames[i]["module"], frames[i]["name"]) for i in stack["stack"]]

        heaviest = max(doc["stacks"], key=lambda s: s["ms"])
        self.assertEqual(names(heaviest)[-3:], ["builtins.repr", "features.memoize_key", "features.build_features"][::-1])
        self.assertEqual(heaviest["phase"], "first_batch")
        # Every sample has a phase from the marks, and the weights cover the window (sampled, so up to an interval short).
        self.assertTrue(all(s["phase"] in ("imports", "config_validation", "first_batch") for s in doc["stacks"]))
        window_ms = (doc["stop_ns"] - doc["start_ns"]) / 1e6
        self.assertLessEqual(sum(s["ms"] for s in doc["stacks"]), window_ms + 1e-6)

    def test_sample_ImportInTheWindow_ImportFrameAndRecordWithItsTime(self):
        doc, _ = self._profile()
        heavy = [r for r in doc["imports"] if r["module"] == "heavy"]
        self.assertEqual(len(heavy), 1)
        self.assertGreaterEqual(heavy[0]["total_ms"], 150)
        self.assertLessEqual(heavy[0]["end_ns"], doc["stop_ns"])
        frames = doc["frames"]
        self.assertIn("heavy", [f["name"] for f in frames if f["module"] == "<import>"])

    def test_sample_SameRunWithImportTime_SameModulesAsPythonXImportTime(self):
        doc, result = self._profile("-X", "importtime")
        listed = {m.group(2).strip(): int(m.group(1)) for m in
                  re.finditer(r"^import time:\s+\d+ \|\s+(\d+) \|(.*)$", result.stderr, re.M)}
        ours = {r["module"]: r["total_ms"] for r in doc["imports"]}
        # -X importtime lists in order of completion; modules whose import was under way when the profiler started
        # (site, sitecustomize, the probe itself, what the profiler imports before its hook: atexit, dis and its
        # dependencies) are the only ones the hook cannot see.
        order = list(listed)
        started = order.index("ailab_probe.profiler")
        # The hook also sees importlib.import_module() of a new module, which -X importtime does not list (it
        # times only the import statement's path): the hook's list is the larger one.
        self.assertLessEqual(set(order[started + 1:]) - set(ours),
                             {"ailab_probe", "sitecustomize", "site", "atexit", "dis", "opcode", "_opcode",
                              "collections", "_collections", "keyword", "operator", "_operator", "reprlib",
                              "itertools", "types", "io"})
        self.assertNotIn("dis", ours)  # the profiler's own imports are made before its hook
        # Same boundary, same import: the inclusive times agree (the hook's own cost is microseconds).
        self.assertAlmostEqual(ours["heavy"], listed["heavy"] / 1000.0, delta=0.2 * ours["heavy"])

    def test_calls_HelperCallsRepr_CountsPerCallerEdge(self):
        doc, _ = self._profile(mode="calls")
        reprs = [c for c in doc["calls"] if c["function"] == "builtins.repr"]
        self.assertEqual(len(reprs), 1)
        edge = [c for c in reprs[0]["callers"] if c["function"] == "features.memoize_key"]
        self.assertEqual(edge[0]["calls"], 48)

    def _switch_intervals(self, mode="sample", **env):
        self.workspace.write("switch.py", """
            import json
            import sys
            from ailab_probe import mark
            inside = sys.getswitchinterval()
            mark("first_batch")
            print(json.dumps({"inside": inside, "after": sys.getswitchinterval()}))
        """)
        env.update(AILAB_PROFILE=self.output, AILAB_PROFILE_MODE=mode)
        result = self.workspace.run(["switch.py"], auto=True, env=env)
        self.assertEqual(result.returncode, 0, result.stderr)
        with open(self.output, encoding="utf-8") as file:
            return json.loads(result.stdout.strip().splitlines()[-1]), json.load(file)

    def test_sample_Window_SwitchIntervalLoweredUntilFirstBatchOnly(self):
        seen, doc = self._switch_intervals()
        # The sampler's GIL requests are answered within 0.5 ms instead of the interpreter's 5 ms, in the window only.
        self.assertAlmostEqual(seen["inside"], 0.0005)
        self.assertAlmostEqual(seen["after"], 0.005)
        self.assertAlmostEqual(doc["switch_interval_ms"], 0.5)

    def test_sample_SwitchOverriddenToZero_InterpretersIntervalKept(self):
        seen, doc = self._switch_intervals(AILAB_PROFILE_SWITCH_MS="0")
        self.assertAlmostEqual(seen["inside"], 0.005)
        self.assertAlmostEqual(doc["switch_interval_ms"], 5.0)

    def test_calls_Window_SwitchIntervalUntouched(self):
        seen, _ = self._switch_intervals(mode="calls")
        self.assertAlmostEqual(seen["inside"], 0.005)

    def test_start_PythonDashS_StartsAtTheProbesImport(self):
        doc, _ = self._profile("-S", auto=False)
        self.assertEqual(doc["stopped_by"], "first_batch")
        self.assertIn("heavy", [r["module"] for r in doc["imports"]])

    def test_start_NoAilabProfile_ProfilerNeverLoaded(self):
        result = self.workspace.run(["train.py"], auto=True)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertFalse(json.loads(result.stdout.strip().splitlines()[-1])["profiler_loaded"])
        self.assertFalse(os.path.exists(self.output))


if __name__ == "__main__":
    unittest.main()
