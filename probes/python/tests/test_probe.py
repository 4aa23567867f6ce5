"""The dependency-free probe: line format, clock, no-op mode, atomic appends, error handling."""

import json
import os
import time
import unittest
from unittest import mock

import ailab_probe
from tests.support import PYTHON, Workspace


class ProbeInProcessTests(unittest.TestCase):
    def setUp(self):
        self.workspace = Workspace()
        self._saved = os.environ.get("AILAB_EVENTS")
        os.environ["AILAB_EVENTS"] = self.workspace.events

    def tearDown(self):
        if self._saved is None:
            os.environ.pop("AILAB_EVENTS", None)
        else:
            os.environ["AILAB_EVENTS"] = self._saved
        self.workspace.close()

    def test_mark_SeveralMarks_WritesOneJsonLinePerMarkWithIncreasingMonotonicTime(self):
        before = time.monotonic_ns()
        for name in ("imports", "config_validation", "first_batch", "done"):
            ailab_probe.mark(name)
        after = time.monotonic_ns()

        with open(self.workspace.events, encoding="utf-8") as file:
            raw = file.read()
        lines = raw.splitlines()
        self.assertTrue(raw.endswith("\n"))
        events = [json.loads(line) for line in lines]
        self.assertEqual(["imports", "config_validation", "first_batch", "done"], [e["mark"] for e in events])
        self.assertEqual([{"mark", "t_ns", "cpu_ns", "pid"}] * 4, [set(e) for e in events])
        self.assertEqual([os.getpid()] * 4, [e["pid"] for e in events])
        stamps = [e["t_ns"] for e in events]
        self.assertEqual(sorted(stamps), stamps)
        self.assertEqual(len(stamps), len(set(stamps)))
        self.assertGreaterEqual(stamps[0], before)
        self.assertLessEqual(stamps[-1], after)

    def test_mark_BusyLoopThenSleep_CpuStampCountsTheLoopAndNotTheSleep(self):
        # A workload of known size: ~150 ms of CPU spinning, then 200 ms asleep.
        ailab_probe.mark("start")
        spin_until = time.process_time_ns() + 150_000_000
        while time.process_time_ns() < spin_until:
            pass
        ailab_probe.mark("busy")
        time.sleep(0.2)
        ailab_probe.mark("asleep")

        start, busy, asleep = self.workspace.marks()
        self.assertGreaterEqual(busy["cpu_ns"] - start["cpu_ns"], 150_000_000)
        self.assertLess(busy["cpu_ns"] - start["cpu_ns"], 150_000_000 + 50_000_000)  # the mark's own cost is µs
        self.assertLess(asleep["cpu_ns"] - busy["cpu_ns"], 20_000_000)  # sleeping costs no CPU
        self.assertGreaterEqual(asleep["t_ns"] - busy["t_ns"], 200_000_000)

    def test_mark_NameNeedingEscapes_RoundTripsThroughJson(self):
        name = 'phase "one"\\\u00e9\n'
        ailab_probe.mark(name)
        self.assertEqual([name], [event["mark"] for event in self.workspace.marks()])

    def test_mark_NonStringName_RaisesTypeError(self):
        with self.assertRaises(TypeError):
            ailab_probe.mark(42)

    def test_mark_EventsPathChanges_WritesToTheNewPath(self):
        ailab_probe.mark("first")
        second = os.path.join(self.workspace.path, "second.jsonl")
        os.environ["AILAB_EVENTS"] = second
        ailab_probe.mark("second")
        self.assertEqual(["first"], [event["mark"] for event in self.workspace.marks()])
        with open(second, encoding="utf-8") as file:
            self.assertEqual("second", json.loads(file.read())["mark"])

    def test_mark_Cost_IsWellUnderATenthOfAMillisecond(self):
        ailab_probe.mark("warm-up")
        count = 2000
        start = time.perf_counter()
        for _ in range(count):
            ailab_probe.mark("first_batch")
        per_mark_ms = (time.perf_counter() - start) / count * 1e3
        self.assertLess(per_mark_ms, 0.05, "a mark costs %.4f ms" % per_mark_ms)

    def test_enabled_EventsPathSet_ReturnsTrue(self):
        self.assertTrue(ailab_probe.enabled())


class ProbeDisabledTests(unittest.TestCase):
    def test_mark_WithoutEventsPath_WritesNothingAndIsDisabled(self):
        with mock.patch.dict(os.environ, {}, clear=False):
            os.environ.pop("AILAB_EVENTS", None)
            with mock.patch("os.write") as write, mock.patch("os.open") as open_:
                ailab_probe.mark("imports")
            self.assertFalse(ailab_probe.enabled())
        write.assert_not_called()
        open_.assert_not_called()

    def test_mark_WithoutEventsPathInSubprocess_CreatesNoFileAndPrintsNothing(self):
        workspace = Workspace()
        try:
            result = workspace.run(["-c", "import ailab_probe as p; p.mark('imports'); p.mark('done'); print(p.enabled())"],
                                   events=False)
            self.assertEqual(0, result.returncode, result.stderr)
            self.assertEqual("False\n", result.stdout)
            self.assertEqual("", result.stderr)
            self.assertEqual([], os.listdir(workspace.path))
        finally:
            workspace.close()


class ProbeSubprocessTests(unittest.TestCase):
    def setUp(self):
        self.workspace = Workspace()

    def tearDown(self):
        self.workspace.close()

    def test_mark_ManyProcessesAppendingAtOnce_LinesNeverInterleave(self):
        processes, per_process = 4, 1500
        script = self.workspace.write("writer.py", """
            import sys
            from ailab_probe import mark
            tag = sys.argv[1]
            for i in range(%d):
                mark("%%s-%%05d-%%s" %% (tag, i, "x" * 150))
        """ % per_process)
        import subprocess

        env = dict(os.environ, AILAB_EVENTS=self.workspace.events,
                   PYTHONPATH=os.path.dirname(os.path.dirname(ailab_probe.__file__)))
        running = [subprocess.Popen([PYTHON, script, "w%d" % n], env=env) for n in range(processes)]
        for process in running:
            self.assertEqual(0, process.wait(timeout=60))

        events = self.workspace.marks()  # json.loads fails on any torn or interleaved line
        self.assertEqual(processes * per_process, len(events))
        for n in range(processes):
            mine = [e for e in events if e["mark"].startswith("w%d-" % n)]
            self.assertEqual(["w%d-%05d-%s" % (n, i, "x" * 150) for i in range(per_process)],
                             [e["mark"] for e in mine])
            stamps = [e["t_ns"] for e in mine]
            self.assertEqual(sorted(stamps), stamps)

    def test_mark_UnwritableEventsPath_WarnsOnceAndTheProgramGoesOn(self):
        missing = os.path.join(self.workspace.path, "no-such-dir", "events.jsonl")
        result = self.workspace.run(
            ["-c", "from ailab_probe import mark\nfor n in ('a', 'b', 'c'): mark(n)\nprint('still running')"],
            events=False, env={"AILAB_EVENTS": missing})
        self.assertEqual(0, result.returncode)
        self.assertEqual("still running\n", result.stdout)
        warnings = [line for line in result.stderr.splitlines() if line.startswith("ailab_probe:")]
        self.assertEqual(1, len(warnings), result.stderr)
        self.assertIn("no-such-dir", warnings[0])


if __name__ == "__main__":
    unittest.main()
