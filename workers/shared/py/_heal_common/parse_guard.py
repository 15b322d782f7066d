"""Refuses source that nests too deeply for Python in the browser, before anything parses it.

CPython's parser, the C code that turns its tree into `ast` objects, the compiler and the
deallocation of a deep tree all recurse in C, once or more per nesting level. In Pyodide that
recursion runs on the JavaScript engine's stack, and running out of it kills the interpreter
(a fatal "Maximum call stack size exceeded", not a RecursionError). Measured with Pyodide 0.29
(Python 3.14) in a Chromium worker, the tightest host: `ast.parse` dies at about 830 levels of
a chain (`not not …`, `f()()…`, `a.b.c…`, `1+1+…`, ternaries, lambdas) and 640 of `elif`;
`compile()` of the text at about 2,500; and the parser itself at 130-190 nested brackets when
each holds a keyword argument, a dict entry or a `yield` tuple (within Python's own limit of 200
brackets). Node's main thread dies at about twice those depths, its worker threads and JSPI
stacks later still.

`nesting()` bounds the depth of the tree a source can produce from its tokens alone, in one
pass over the C tokenizer's output (linear on any input; about 3 ms per 1,000 lines in Pyodide,
a third of what compile() takes), and `check_nesting()` raises a SyntaxError naming the line
where the bound passes MAX_DEPTH. The bound is conservative: every construct that nests counts
at least the levels it can add.

    an open bracket ( [ {       BRACKET_WEIGHT (the call, list, tuple, slice, keyword, f-string
                                field or dict it makes, with a flat or/and/comparison inside)
    f() x[0] a.b                +1 each (trailers nest to the left)
    - + ~ await, binary ops     +1 each (operator chains nest)
    not                         +1 each
    if (ternary or comp.), for  +1 each; also yield, :=, lambda
    lambda                      its parameters count like a bracket up to its colon
    an indented block           INDENT_WEIGHT (the statement, its body and the runner's wrapper)
    elif                        ELIF_WEIGHT each in a chain (each one sits in the last one's else)

Counts are kept per bracket level and dropped where what follows cannot be inside what came
before: a comma, `=` or newline ends a sibling (all counts); `and`/`or` end their operands (`not`
and the operators); a comparison ends its operands (the operators). So comparisons, `and`/`or`,
tuples and assignment chains stay flat however long, as they are in the tree.

At MAX_DEPTH every shape stays at about half of Chromium's crash depth or less (the largest
accepted source of each shape was run through parsing, compiling, the runner's instrumentation
and every analysis call in a Chromium worker); the standard library's modules and the programs
of the corpora stay under 60. Tests: workers/runner/py/tests/test_parse_guard.py, including a
randomised check that the bound is never below the depth of the tree Python builds, nor of the
runner's instrumented tree.
"""

from __future__ import annotations

import ast
import contextlib
import io
import keyword
import sys
import token

MAX_DEPTH = 400
BRACKET_WEIGHT = 6
INDENT_WEIGHT = 3
ELIF_WEIGHT = 2
STATEMENT_BASE = 8  # module, statement, the runner's wrapper and a flat or/and/compare root

# Python-level walkers of a guarded tree (ast.unparse, NodeVisitor, our checks) recurse a few
# frames per level: at MAX_DEPTH levels they need more than Python's default 1,000 frames.
# Those frames live on Python's own stack, not the JavaScript one (measured: 800 levels of
# ast.unparse at a 20,000 limit run fine in a Chromium worker).
TREE_RECURSION_LIMIT = 10 * MAX_DEPTH + 1_000

try:  # the C tokenizer without the tokenize module's Python layer: ~5x faster
    from _tokenize import TokenizerIter as _TokenizerIter
except ImportError:  # pragma: no cover - other Pythons
    _TokenizerIter = None


def _message(line: int, depth: int) -> str:
    return f"line {line} is nested too deeply for Python in the browser ({depth:,} levels; the limit is {MAX_DEPTH:,})"


# What each token does (exact token types of the C tokenizer).
(_ARITH, _ENCLOSE, _COMPARE, _SIBLING, _OPEN, _OPEN_TRAILER, _CLOSE, _COLON, _SEMI, _ATOM, _OTHER) = range(11)


def _table() -> dict[int, int]:
    table: dict[int, int] = {}
    groups = (
        (
            "PLUS MINUS STAR SLASH DOUBLESLASH PERCENT AT VBAR AMPER CIRCUMFLEX TILDE LEFTSHIFT "
            "RIGHTSHIFT DOUBLESTAR DOT",
            _ARITH,
        ),
        ("COLONEQUAL", _ENCLOSE),
        ("LESS GREATER EQEQUAL NOTEQUAL LESSEQUAL GREATEREQUAL", _COMPARE),
        (
            "COMMA EQUAL PLUSEQUAL MINEQUAL STAREQUAL SLASHEQUAL DOUBLESLASHEQUAL PERCENTEQUAL ATEQUAL "
            "VBAREQUAL AMPEREQUAL CIRCUMFLEXEQUAL LEFTSHIFTEQUAL RIGHTSHIFTEQUAL DOUBLESTAREQUAL",
            _SIBLING,
        ),
        ("LPAR LSQB", _OPEN_TRAILER),
        ("LBRACE", _OPEN),
        ("RPAR RSQB RBRACE", _CLOSE),
        ("COLON", _COLON),
        ("SEMI", _SEMI),
        ("NUMBER STRING ELLIPSIS FSTRING_END TSTRING_END", _ATOM),
    )
    for names, action in groups:
        for name in names.split():
            number = getattr(token, name, None)
            if number is not None:
                table[number] = action
    return table


_ACTIONS = _table()
_NAME, _NEWLINE, _INDENT, _DEDENT = token.NAME, token.NEWLINE, token.INDENT, token.DEDENT
_KEYWORDS = frozenset(keyword.kwlist)
_ENCLOSING_KEYWORDS = frozenset({"if", "for", "yield"})
_ATOM_KEYWORDS = frozenset({"None", "True", "False"})


def _tokens(source: str):
    """(exact type, string, start, end, line) for each token; NL and comments left out."""
    readline = io.StringIO(source).readline
    if _TokenizerIter is not None:
        return _TokenizerIter(readline, extra_tokens=False)
    import tokenize  # pragma: no cover - the slower public tokenizer

    skip = (tokenize.NL, tokenize.COMMENT)
    return (
        (t.exact_type, t.string, t.start, t.end, t.line)
        for t in tokenize.generate_tokens(readline)
        if t.type not in skip
    )


def nesting(source: str, limit: int = MAX_DEPTH) -> tuple[int, int, int] | None:
    """(line, column, depth) where the bound first passes `limit`, with the deepest bound on
    that logical line; None when the whole source stays within it."""
    found, peak = _scan(source, limit)
    return None if found is None else (found[0], found[1], peak)


def deepest(source: str) -> int:
    """The bound for the whole source (its deepest line)."""
    return _scan(source, None)[1]


def _scan(source: str, limit: int | None) -> tuple[tuple[int, int] | None, int]:
    """One pass: (start of the token where the bound first passed `limit`, or None; the deepest
    bound up to the end of that logical line, or of the source when `limit` is None). A source
    the tokenizer rejects is scanned up to the error (the parser gets no further either)."""
    # Everything the loop touches is a local: global lookups would double its cost.
    actions, keywords, enclosing_kw, atom_kw = _ACTIONS, _KEYWORDS, _ENCLOSING_KEYWORDS, _ATOM_KEYWORDS
    w_bracket, w_indent, w_elif = BRACKET_WEIGHT, INDENT_WEIGHT, ELIF_WEIGHT
    t_name, t_newline, t_indent, t_dedent = _NAME, _NEWLINE, _INDENT, _DEDENT
    arith_, enclose_, compare_, sibling_, open_, trailer_, close_, colon_, semi_, atom_, other_ = (
        _ARITH,
        _ENCLOSE,
        _COMPARE,
        _SIBLING,
        _OPEN,
        _OPEN_TRAILER,
        _CLOSE,
        _COLON,
        _SEMI,
        _ATOM,
        _OTHER,
    )
    if limit is None:
        limit = 1 << 62  # never passed: the scan runs to the end
    base = STATEMENT_BASE  # the statement's depth from blocks and elif chains
    depth = base  # base + the open levels' weights and counts
    # The innermost open level's counts: what encloses the rest of the level (ternary, lambda,
    # yield, comprehension), `not`s (end at and/or), operators and trailers (end at comparisons).
    enc = neg = ari = 0
    saved: list[tuple[int, int, int, bool]] = []  # enclosing levels: counts, and "a lambda's parameters"
    lam = False  # the innermost level is a lambda's parameters (its colon closes it)
    elifs = [0]  # per indentation level: elifs so far in the current if chain
    at_start = True
    after_atom = False  # the previous token ends an operand: ( and [ are trailers
    found = None
    peak = 0
    try:
        for kind, text, start, _end, _line in _tokens(source):
            if at_start and kind != t_newline and kind != t_indent and kind != t_dedent:
                at_start = False
                if kind == t_name and text == "elif":
                    elifs[-1] += 1
                    base += w_elif
                    depth += w_elif
                    if depth > peak:
                        peak = depth
                        if depth > limit and found is None:
                            found = start
                    after_atom = False
                    continue
                if elifs[-1] and not (kind == t_name and text == "else"):
                    base -= w_elif * elifs[-1]
                    depth -= w_elif * elifs[-1]
                    elifs[-1] = 0
            if kind == t_name:
                if text not in keywords:
                    after_atom = True
                    continue
                after_atom = text in atom_kw
                if text in enclosing_kw:
                    enc += 1
                    depth += 1
                elif text == "not":  # also in `not in` and `is not`: one too many, until and/or
                    neg += 1
                    depth += 1
                elif text == "in" or text == "is":
                    depth -= ari
                    ari = 0
                    continue
                elif text == "and" or text == "or":
                    depth -= neg + ari
                    neg = ari = 0
                    continue
                elif text == "await":
                    ari += 1
                    depth += 1
                elif text == "lambda":
                    saved.append((enc + 1, neg, ari, lam))
                    enc = neg = ari = 0
                    lam = True
                    depth += 1 + w_bracket
                else:
                    continue
            elif kind == t_newline:
                if found is not None:
                    break
                depth, enc, neg, ari, lam, at_start, after_atom = base, 0, 0, 0, False, True, False
                if saved:
                    saved.clear()
                continue
            elif kind == t_indent:
                elifs.append(0)
                base += w_indent
                depth, at_start = base, True
            elif kind == t_dedent:
                base -= w_indent + w_elif * elifs.pop()
                depth, at_start = base, True
                continue
            else:
                action = actions.get(kind, other_)
                if action == atom_:
                    after_atom = True
                    continue
                if action == arith_:
                    ari += 1
                    depth += 1
                elif action == open_ or action == trailer_:
                    if after_atom and action == trailer_:
                        ari += 1
                        depth += 1
                    saved.append((enc, neg, ari, lam))
                    enc = neg = ari = 0
                    lam = False
                    depth += w_bracket
                elif action == enclose_:
                    enc += 1
                    depth += 1
                else:
                    if action == close_:
                        while saved:  # a lambda left open inside is invalid anyway: close it too
                            depth -= enc + neg + ari + w_bracket
                            closed = lam
                            enc, neg, ari, lam = saved.pop()
                            if not closed:
                                break
                        after_atom = True
                        continue
                    if action == compare_:
                        depth -= ari
                        ari = 0
                    elif action == sibling_:
                        depth -= enc + neg + ari
                        enc = neg = ari = 0
                    elif action == colon_:
                        if lam:
                            depth -= enc + neg + ari + w_bracket
                            enc, neg, ari, lam = saved.pop()
                    elif action == semi_:
                        depth, enc, neg, ari, lam, at_start = base, 0, 0, 0, False, True
                        saved.clear()
                    after_atom = False
                    continue
                after_atom = False
            # Only tokens that deepen the bound get here.
            if depth > peak:
                peak = depth
                if depth > limit and found is None:
                    found = start
    except (SyntaxError, ValueError):
        pass
    return found, max(peak, STATEMENT_BASE)


def nesting_error(source: str | bytes, filename: str = "<unknown>") -> SyntaxError | None:
    """The SyntaxError naming the line when `source` nests too deeply to parse safely here."""
    if isinstance(source, bytes):
        source = source.decode("utf-8", "replace")
    deep = nesting(source)
    if deep is None:
        return None
    line, col, depth = deep
    # No text: a bomb's line can be megabytes long, and the message says what is wrong.
    return SyntaxError(_message(line, depth), (filename, line, col + 1, None, line, col + 2))


def check_nesting(source: str | bytes, filename: str = "<unknown>") -> None:
    """Raises nesting_error(source) if there is one."""
    error = nesting_error(source, filename)
    if error is not None:
        raise error


def parse(source: str, filename: str = "<unknown>", mode: str = "exec", **kwargs) -> ast.AST:
    """ast.parse behind the guard."""
    check_nesting(source, filename)
    return ast.parse(source, filename, mode, **kwargs)


def compile_source(source: str, filename: str, mode: str = "exec", **kwargs):
    """compile() of source text behind the guard (trees are compiled as they are)."""
    check_nesting(source, filename)
    return compile(source, filename, mode, **kwargs)


@contextlib.contextmanager
def deep_trees():
    """Room for Python-level recursion over a guarded tree; the limit is restored after."""
    previous = sys.getrecursionlimit()
    if previous < TREE_RECURSION_LIMIT:
        sys.setrecursionlimit(TREE_RECURSION_LIMIT)
    try:
        yield
    finally:
        if sys.getrecursionlimit() != previous:
            sys.setrecursionlimit(previous)
