"""Resolving what a name in a program means in Keras terms.

Imports are followed (`import tensorflow as tf`, `from keras.layers import Dense as D`,
`from tensorflow.keras import layers`) and module prefixes are mapped to their `keras.*`
form with the api_root table, so `tf.keras.layers.Dense`, `layers.Dense` and `D` all
resolve to `keras.layers.Dense`.
"""

import ast
import functools

from .names_data import TABLE

_API_ROOT = TABLE["api_root"]["aliases"]
# Longest prefixes first, so `keras.layers.core` wins over `keras`.
_ROOTS = sorted(_API_ROOT.items(), key=lambda kv: -len(kv[0]))
_TF_PREFIXES = (
    "tensorflow.python.keras",
    "tensorflow.contrib.keras",
    "tensorflow.keras",
    "tf.keras",
    "tensorflow.compat.v1.keras",
)


def _table(dotted: str):
    for alias, standard in _ROOTS:
        if dotted == alias or dotted.startswith(alias + "."):
            return standard + dotted[len(alias) :]
    return None


@functools.lru_cache(maxsize=4096)
def canonical(dotted: str) -> str:
    """`tensorflow.keras.layers.core.Dense` -> `keras.layers.Dense` (other names unchanged)."""
    found = _table(dotted)
    if found is not None:
        return found
    for prefix in _TF_PREFIXES:
        if dotted == prefix or dotted.startswith(prefix + "."):
            rewritten = "keras" + dotted[len(prefix) :]
            return _table(rewritten) or rewritten
    return found if found is not None else dotted


class Names:
    """The import aliases of one module, and dotted-name resolution through them."""

    def __init__(self, nodes):
        """`nodes`: every node of the module (or a tree, walked here)."""
        self.aliases = {}
        self.star_modules = []
        for node in ast.walk(nodes) if isinstance(nodes, ast.AST) else nodes:
            if isinstance(node, ast.Import):
                for a in node.names:
                    if a.asname:
                        self.aliases[a.asname] = a.name
                    else:
                        top = a.name.split(".")[0]
                        self.aliases.setdefault(top, top)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for a in node.names:
                    if a.name == "*":
                        self.star_modules.append(canonical(node.module))
                    else:
                        self.aliases[a.asname or a.name] = f"{node.module}.{a.name}"

    def uses_keras(self) -> bool:
        targets = list(self.aliases.values()) + self.star_modules
        return any(canonical(t).startswith("keras") for t in targets)

    def dotted(self, node: ast.AST):
        """The dotted source name of a Name/Attribute chain, or None."""
        parts = []
        while isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        if not isinstance(node, ast.Name):
            return None
        parts.append(node.id)
        return ".".join(reversed(parts))

    def resolve(self, node: ast.AST):
        """The canonical `keras.*` (or other module) path a Name/Attribute chain means, or None."""
        dotted = self.dotted(node)
        if dotted is None:
            return None
        head, _, rest = dotted.partition(".")
        if head in self.aliases:
            full = self.aliases[head] + ("." + rest if rest else "")
            return canonical(full)
        if self.star_modules and not rest:
            # `from keras.layers import *`: a bare capitalised name may be a layer.
            return f"{self.star_modules[0]}.{head}"
        return canonical(dotted) if dotted.startswith(("keras.", "tensorflow.", "tf.")) else None
