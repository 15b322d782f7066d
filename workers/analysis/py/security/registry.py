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


def check(node_type, *test_ids, parents=None):
    """`parents`: for string checks, the parent node types the check can fire under; the
    walker skips it elsewhere (keeps huge literal collections cheap)."""

    def register(fn):
        fn.test_ids = test_ids
        fn.parents = parents
        CHECKS[node_type].append(fn)
        return fn

    return register
