"""The runner's Python: runs the user's program with statement-level heal hooks (runner.run).

A private package (after Pyodide's ``_pyodide``): the program runs in the same interpreter, and
its own ``import state`` or ``import runner`` must fail as in CPython, not find these modules.
"""
