"""The footprint: the loaded modules and their files, written once at first_batch or at exit."""

import json
import os
import unittest

from tests.support import Workspace


class FootprintTests(unittest.TestCase):
    def setUp(self):
        self.workspace = Workspace()
        self.footprint = os.path.join(self.workspace.path, "footprint.json")
        self.workspace.write("helper_mod.py", "VALUE = 1\n")

    def tearDown(self):
        self.workspace.close()

    def read(self):
        with open(self.footprint, encoding="utf-8") as file:
            return json.load(file)

    def test_write_FirstBatchMarked_ListsTheModulesLoadedBeforeItWithTheirFiles(self):
        self.workspace.write("job.py", """
            from ailab_probe import mark
            import helper_mod
            mark("first_batch")
            import decimal  # after first_batch: not part of what TTFB ran
            mark("done")
            """)
        result = self.workspace.run(["job.py"], env={"AILAB_FOOTPRINT": self.footprint})
        self.assertEqual(0, result.returncode, result.stderr)
        doc = self.read()
        modules = dict(doc["modules"])
        self.assertEqual("first_batch", doc["at"])
        self.assertEqual(os.path.join(self.workspace.path, "helper_mod.py"), modules["helper_mod"])
        self.assertIn("ailab_probe", modules)
        self.assertNotIn("decimal", modules)
        self.assertIsNone(modules["sys"])  # built in: a name without a file

    def test_write_FirstBatchMarked_WrittenBeforeTheMarkLine(self):
        # The harness stops a trial as soon as it reads first_batch: the footprint must already be on disk.
        events = os.path.join(self.workspace.path, "events.jsonl")
        self.workspace.write("job.py", """
            import os
            from ailab_probe import mark
            real_write = os.write
            def checking_write(fd, data):
                if data.startswith(b'{"mark": "first_batch"'):
                    print("footprint before line:", os.path.exists(os.environ["AILAB_FOOTPRINT"]))
                return real_write(fd, data)
            os.write = checking_write
            mark("first_batch")
            """)
        result = self.workspace.run(["job.py"], env={"AILAB_FOOTPRINT": self.footprint, "AILAB_EVENTS": events})
        self.assertEqual(0, result.returncode, result.stderr)
        self.assertIn("footprint before line: True", result.stdout)
        self.assertEqual("first_batch", self.read()["at"])

    def test_write_NoFirstBatch_WritesAtExit(self):
        self.workspace.write("job.py", "from ailab_probe import mark\nimport helper_mod\nmark('imports')\n")
        result = self.workspace.run(["job.py"], env={"AILAB_FOOTPRINT": self.footprint})
        self.assertEqual(0, result.returncode, result.stderr)
        doc = self.read()
        self.assertEqual("exit", doc["at"])
        self.assertIn("helper_mod", dict(doc["modules"]))

    def test_write_ForkedChildMarksToo_KeepsTheFirstWritersDocument(self):
        self.workspace.write("job.py", """
            import os
            from ailab_probe import mark
            mark("first_batch")
            pid = os.fork()
            if pid == 0:
                import helper_mod
                from ailab_probe import _footprint
                _footprint._written = False
                _footprint.write("first_batch")
                os._exit(0)
            os.waitpid(pid, 0)
            """)
        result = self.workspace.run(["job.py"], env={"AILAB_FOOTPRINT": self.footprint})
        self.assertEqual(0, result.returncode, result.stderr)
        self.assertNotIn("helper_mod", dict(self.read()["modules"]))
        self.assertEqual("", result.stderr)

    def test_write_NoFootprintVariable_WritesNothing(self):
        self.workspace.write("job.py", "from ailab_probe import mark\nmark('first_batch')\n")
        result = self.workspace.run(["job.py"])
        self.assertEqual(0, result.returncode, result.stderr)
        self.assertFalse(os.path.exists(self.footprint))


if __name__ == "__main__":
    unittest.main()
