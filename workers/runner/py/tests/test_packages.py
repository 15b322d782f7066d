"""Packages loaded between runs (packages.prepare) stay through the clean state of every run, and
plt.show() sends figures to the run's console (plots.py, OutputSink.write_image)."""

import sys
import types
import unittest

from _heal_runner import packages, plots, streams
from tests.helpers import run


def fake_pyplot(png=b"\x89PNG fake"):
    """Just the figure API plots.py uses (the real matplotlib is not in the test Pyodide)."""
    module = types.ModuleType("matplotlib.pyplot")
    figures = {}

    class Figure:
        def savefig(self, target, format="png"):
            target.write(png)

    def figure(num=None):
        num = num or max(figures, default=0) + 1
        return figures.setdefault(num, Figure())

    module.figure = figure
    module.get_fignums = lambda: sorted(figures)
    module.close = lambda which=None: figures.clear()
    module.show = lambda *a, **k: None
    return module


class PackagesSurviveRuns(unittest.TestCase):
    def tearDown(self):
        for name in ("heal_fake_pkg", "matplotlib", "matplotlib.pyplot"):
            sys.modules.pop(name, None)
        packages.prepare("[]")  # the baseline without them again

    def test_a_module_loaded_between_runs_is_kept_by_every_run(self):
        run("x = 1\n")  # the baseline exists
        module = types.ModuleType("heal_fake_pkg")
        module.VALUE = 7
        sys.modules["heal_fake_pkg"] = module
        packages.prepare("[]")
        for _ in range(2):
            result, _host = run("import heal_fake_pkg\nheal_fake_pkg.VALUE += 1\nprint(heal_fake_pkg.VALUE)\n")
            self.assertEqual(result["stdout"], "8\n")  # kept, and its change put back
            self.assertIs(sys.modules.get("heal_fake_pkg"), module)

    def test_preload_reports_a_missing_module_but_not_a_missing_submodule(self):
        errors = __import__("json").loads(packages.prepare('["json.nothing_here", "no_such_module_x"]'))["errors"]
        self.assertEqual([e["module"] for e in errors], ["no_such_module_x"])
        self.assertIn("ModuleNotFoundError", errors[0]["error"])

    def test_plt_show_sends_each_figure_as_png_and_closes_it(self):
        sys.modules["matplotlib"] = types.ModuleType("matplotlib")
        sys.modules["matplotlib.pyplot"] = fake_pyplot()
        packages.prepare("[]")
        result, host = run(
            "import matplotlib.pyplot as plt\nplt.figure()\nplt.figure()\nplt.show()\nprint(plt.get_fignums())\n"
        )
        self.assertEqual(result["stdout"], "[]\n")
        images = [text for stream, text in host.batches if stream == "image"]
        self.assertEqual(images, ["data:image/png;base64,iVBORyBmYWtl"] * 2)
        self.assertNotIn("data:image", result["stderr"])
        self.assertTrue(plots.install())  # already installed: a no-op


class ImageCaps(unittest.TestCase):
    def test_over_the_caps_a_line_says_so(self):
        batches = []
        sink = streams.OutputSink(lambda batch, truncated: batches.extend(batch))
        for _ in range(streams.MAX_IMAGES + 1):
            sink.write_image("image/png", b"x")
        sink.write_image("image/png", b"x" * streams.MAX_IMAGE_CHARS)
        sink.flush()
        self.assertEqual(sum(1 for stream, _ in batches if stream == "image"), streams.MAX_IMAGES)
        notes = [text for stream, text in batches if stream == "stderr"]
        self.assertTrue(notes and notes[0].startswith("[figure not shown"))
        self.assertEqual(sink.text("stdout"), "")
