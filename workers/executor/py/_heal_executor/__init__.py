"""The executor's Python: runs heal handling code against a copy of the paused state and
answers with a data-only merge (execution.execute). Private like ``_heal_runner``.

Modules, in the order a request goes through them: prelude (the program's definitions),
state (the runner's pickle, opaque handles), fingerprint (what changed in place), execution
(one request), answer (the merge answer and its dry run), output (captured text, errors);
sandbox holds the Python-level guards.
"""
