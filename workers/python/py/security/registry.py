"""Checks register here by the node type they look at; the walker dispatches on it.

A check is `fn(ctx) -> Issue | None`. `test_ids` lists the ids it can report (the
blacklists report many); the walker skips a check when none of them is enabled, and
passes the enabled set on `ctx.module.enabled` for checks that report several ids.
"""

CHECKS = {
    "Call": [],
    "Str": [],
    "Bytes": [],
    "Import": [],
    "ImportFrom": [],
    "FunctionDef": [],
    "Assert": [],
    "ExceptHandler": [],
    "File": [],
}


def check(node_type, *test_ids):
    def register(fn):
        fn.test_ids = test_ids
        CHECKS[node_type].append(fn)
        return fn

    return register
