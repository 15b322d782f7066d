"""`# nosec` comments, read from the token stream as Bandit does: a bare `# nosec`
(or one followed by words that are not test ids) silences every test on its line,
`# nosec B602, B607` or `# nosec: subprocess_without_shell_equals_true` only those."""

import bisect
import io
import re
import tokenize

from .catalog import BY_NAME

_NOSEC = re.compile(r"#\s*nosec:?\s*(?P<tests>[^#]+)?#?")
_TESTS = re.compile(r"(?:(B\d+|[a-z\d_]+),?)+", re.IGNORECASE)
_ID = re.compile(r"B\d+", re.IGNORECASE)


def parse_comment(comment: str):
    """None when not a nosec comment; else the set of test ids it names (empty: all)."""
    match = _NOSEC.search(comment)
    if not match:
        return None
    ids = set()
    tests = match.group("tests")
    if tests:
        for found in _TESTS.finditer(tests):
            word = found.group(1)
            if _ID.fullmatch(word):
                ids.add(word)
            elif word in BY_NAME:
                ids.add(BY_NAME[word])
    return ids


class NosecLines:
    """Line -> tests silenced there, with a fast "first nosec line within a range"."""

    def __init__(self, source: str):
        self.lines = {}
        if "nosec" in source:
            try:
                for tok in tokenize.generate_tokens(io.StringIO(source).readline):
                    if tok.type == tokenize.COMMENT:
                        parsed = parse_comment(tok.string)
                        if parsed is not None:
                            self.lines[tok.start[0]] = parsed
            except (tokenize.TokenError, SyntaxError):
                pass
        self._sorted = sorted(self.lines)

    def __bool__(self):
        return bool(self.lines)

    def at(self, line):
        return self.lines.get(line)

    def first_in(self, start: int, end: int):
        """The nosec set of the first nosec line in [start, end] (Bandit scans the range in order)."""
        i = bisect.bisect_left(self._sorted, start)
        if i < len(self._sorted) and self._sorted[i] <= end:
            return self.lines[self._sorted[i]]
        return None
