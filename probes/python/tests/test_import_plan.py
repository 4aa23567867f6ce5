"""Planning the __import__ calls of a main module's leading import block."""

import unittest

from ailab_probe._import_plan import plan_import_calls


def plan(source):
    return plan_import_calls(source, "<test>")[0]


class PlanImportCallsTests(unittest.TestCase):
    def test_plan_DocstringFutureAndMultiNameImports_OneCallPerNameAndPerFrom(self):
        source = '"""Doc."""\nfrom __future__ import annotations\nimport os, sys\nfrom json import dumps, loads\nimport a.b.c\n'
        self.assertEqual([1, 2, 3, 4, 5], plan(source))

    def test_plan_BlockEndsAtFirstOtherStatement(self):
        source = "import os\nX = 1\nimport sys\n"
        self.assertEqual([1], plan(source))

    def test_plan_TryImportBlock_AFailedCallSkipsToTheEndOfTheTryBody(self):
        source = "import os\ntry:\n    import fast_json\n    import fast_yaml\nexcept ImportError:\n    pass\nimport sys\n"
        self.assertEqual([1, 3, 3, 4], plan(source))

    def test_plan_TypeCheckingBlock_IsSkippedWithoutCalls(self):
        source = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import torch\nimport os\n"
        self.assertEqual([1, 2], plan(source))

    def test_plan_NoLeadingImports_IsEmpty(self):
        self.assertEqual([], plan('"""Only a docstring."""\nprint("hi")\nimport os\n'))

    def test_plan_BytesSourceWithEncodingDeclaration_IsDecoded(self):
        source = "# -*- coding: latin-1 -*-\n\"\"\"caf\xe9\"\"\"\nimport os\n".encode("latin-1")
        self.assertEqual([1], plan(source))

    def test_plan_LastLine_IsTheEndOfTheBlocksLastStatement(self):
        source = "import os\nfrom json import (\n    dumps,\n    loads)\nX = 1\nimport sys\n"
        self.assertEqual(([1, 2], 4), plan_import_calls(source, "<test>"))

    def test_plan_InvalidSource_RaisesSyntaxError(self):
        with self.assertRaises(SyntaxError):
            plan("import os\ndef broken(:\n")


if __name__ == "__main__":
    unittest.main()
