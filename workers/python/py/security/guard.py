"""Refuses sources whose expressions chain too deep to turn into a tree safely.

CPython builds the tree recursively; in Pyodide a chain of ~10,000 `+` overflows the
WebAssembly stack and kills the interpreter (no RecursionError to catch). Bandit itself
gives up far earlier (its recursive visitor hits Python's 1,000-frame limit), so refusing
chains over MAX_CHAIN operators loses nothing Bandit would report."""

import io
import tokenize

MAX_CHAIN = 1000
_OP_CHARS = "+-*/%@&|^~.<>"
_CHAIN_OPS = frozenset("+ - * / // % @ & | ^ ~ << >> ** . < > <= >= == != not".split())
_OPEN, _CLOSE = frozenset("([{"), frozenset(")]}")
_RESET = frozenset(", ; : = := -> lambda".split())


def deep_chain_line(source: str):
    """The line where an operator chain passes MAX_CHAIN, else None (cheap when the whole
    file has fewer operator characters than that)."""
    if sum(source.count(c) for c in _OP_CHARS) <= MAX_CHAIN:
        return None
    levels = [0]
    total = 0
    try:
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            kind, text = tok.type, tok.string
            if kind == tokenize.OP or (kind == tokenize.NAME and text in ("not", "lambda")):
                if text in _CHAIN_OPS:
                    levels[-1] += 1
                    total += 1
                    if total > MAX_CHAIN:
                        return tok.start[0]
                elif text in _OPEN:
                    levels.append(0)
                elif text in _CLOSE:
                    if len(levels) > 1:
                        total -= levels.pop()
                elif text in _RESET:
                    total -= levels[-1]
                    levels[-1] = 0
            elif kind == tokenize.NEWLINE:
                levels, total = [0], 0
    except (tokenize.TokenError, SyntaxError):
        return None  # let the parser report what is wrong
    return None
