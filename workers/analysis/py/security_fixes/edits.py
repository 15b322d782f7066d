"""Source positions and text edits for AST-located fixes.

Fixes find their node with `ast` and replace only that node's text, so the rest of the
program (comments, formatting) is kept byte for byte.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from _heal_common.parse_guard import parse


@dataclass
class Edit:
    start: int  # character offsets into the source
    end: int
    text: str


class Source:
    """A parsed program with byte-column → character-offset conversion (AST columns are UTF-8 bytes)."""

    def __init__(self, text: str):
        self.text = text
        self.tree = parse(text)  # refuses parser bombs before parsing
        self.lines = text.splitlines(keepends=True)
        self.starts = [0]
        for line in self.lines:
            self.starts.append(self.starts[-1] + len(line))
        self.parents: dict[ast.AST, ast.AST] = {}
        for node in ast.walk(self.tree):
            for child in ast.iter_child_nodes(node):
                self.parents[child] = node

    def offset(self, lineno: int, col: int) -> int:
        line = self.lines[lineno - 1] if lineno - 1 < len(self.lines) else ""
        chars = len(line.encode("utf-8")[:col].decode("utf-8", errors="ignore"))
        return self.starts[lineno - 1] + chars

    def span(self, node: ast.AST) -> tuple[int, int]:
        return (self.offset(node.lineno, node.col_offset), self.offset(node.end_lineno, node.end_col_offset))

    def seg(self, node: ast.AST) -> str:
        start, end = self.span(node)
        return self.text[start:end]

    def replace(self, node: ast.AST, text: str) -> Edit:
        start, end = self.span(node)
        return Edit(start, end, text)

    def line_indent(self, lineno: int) -> str:
        line = self.lines[lineno - 1]
        return line[: len(line) - len(line.lstrip(" \t"))]

    def starts_line(self, node: ast.AST) -> bool:
        start = self.offset(node.lineno, node.col_offset)
        return self.text[self.starts[node.lineno - 1] : start].strip() == ""

    def nodes_at(self, line: int, types: tuple[type, ...]) -> list[ast.AST]:
        found = [
            n
            for n in ast.walk(self.tree)
            if isinstance(n, types) and getattr(n, "lineno", None) is not None and n.lineno <= line <= n.end_lineno
        ]
        # Innermost (latest start, shortest) first: the node a finding on this line most likely means.
        found.sort(key=lambda n: (n.lineno != line, -(n.lineno * 10_000 + n.col_offset), n.end_lineno))
        return found

    def imported_modules(self) -> set[str]:
        names: set[str] = set()
        for node in self.tree.body:
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname is None:
                        names.add(alias.name.split(".")[0])
                    elif alias.asname == alias.name:
                        names.add(alias.name)
        return names

    def import_insert_offset(self) -> tuple[int, str]:
        """Where a new `import x` line goes: after the docstring, __future__ and leading imports."""
        body = self.tree.body
        at = 0
        if (
            body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
            and isinstance(body[0].value.value, str)
        ):
            at = 1
        while at < len(body) and isinstance(body[at], (ast.Import, ast.ImportFrom)):
            at += 1
        if at == 0:
            # Keep a shebang / coding cookie / leading comments on top.
            lineno = 1
            while lineno <= len(self.lines) and self.lines[lineno - 1].lstrip().startswith("#"):
                lineno += 1
            return self.starts[lineno - 1], ""
        last = body[at - 1]
        end = self.offset(last.end_lineno, last.end_col_offset)
        newline = self.text.find("\n", end)
        if newline < 0:
            return len(self.text), "\n"
        return newline + 1, ""


def call_text(
    src: Source,
    call: ast.Call,
    func: str | None = None,
    args: list[str] | None = None,
    keywords: list[str] | None = None,
) -> str:
    """A call rebuilt from its parts' source text (comments inside the parentheses are lost)."""
    func_text = func if func is not None else src.seg(call.func)
    arg_texts = args if args is not None else [src.seg(a) for a in call.args]
    kw_texts = keywords if keywords is not None else [keyword_text(src, k) for k in call.keywords]
    return f"{func_text}({', '.join(arg_texts + kw_texts)})"


def keyword_text(src: Source, keyword: ast.keyword) -> str:
    return f"**{src.seg(keyword.value)}" if keyword.arg is None else f"{keyword.arg}={src.seg(keyword.value)}"


def apply_edits(text: str, edits: list[Edit]) -> tuple[str, list[Edit]]:
    """Applies non-overlapping edits (later ones first); returns the text and the edits skipped as overlapping."""
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    kept: list[Edit] = []
    skipped: list[Edit] = []
    for edit in ordered:
        if kept and edit.start < kept[-1].end:
            skipped.append(edit)
        else:
            kept.append(edit)
    for edit in reversed(kept):
        text = text[: edit.start] + edit.text + text[edit.end :]
    return text, skipped
