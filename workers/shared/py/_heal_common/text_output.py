"""The base of our sys.stdout / sys.stderr stand-ins (the runner's streamed output, the
executor's captured output): a writable text stream that takes str only, as Python's own do."""

from __future__ import annotations

import io


class TextOutput(io.TextIOBase):
    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        self._take(text)
        return len(text)

    def _take(self, text: str) -> None:
        raise NotImplementedError
