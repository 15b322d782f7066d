"""Runs every <root>/tests/test_*.py with unittest and returns one JSON record per test.

Several test folders, each a package named ``tests``, run one after another in the same
interpreter (test/python.test.ts): the previous folder's ``tests`` modules and its path entry
are dropped first, so each folder imports its own ``tests.helpers``.
"""

import json
import pathlib
import sys
import unittest


class _Collect(unittest.TestResult):
    def __init__(self):
        super().__init__()
        self.records = []

    def addSuccess(self, test):
        self.records.append({"id": test.id(), "ok": True})

    def addFailure(self, test, err):
        self.records.append({"id": test.id(), "ok": False, "detail": self._exc_info_to_string(err, test)})

    addError = addFailure

    def addSubTest(self, test, subtest, err):
        # unittest's default files a failing subtest away without calling addFailure, and the
        # test then reports neither success nor failure: record it, or it would vanish.
        if err is not None:
            self.records.append({"id": subtest.id(), "ok": False, "detail": self._exc_info_to_string(err, test)})

    def addSkip(self, test, reason):
        self.records.append({"id": test.id(), "ok": True, "skipped": reason})


def run_all(root: str) -> str:
    here = pathlib.Path(root)
    for name in [name for name in sys.modules if name == "tests" or name.startswith("tests.")]:
        del sys.modules[name]
    path_before = list(sys.path)
    try:
        suite = unittest.TestLoader().discover(str(here / "tests"), pattern="test_*.py", top_level_dir=str(here))
        result = _Collect()
        suite.run(result)
    finally:
        sys.path[:] = path_before
    return json.dumps(result.records)
