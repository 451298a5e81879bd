"""Positions between healthlint (1-based lines, columns in code points) and an editor (0-based lines,
columns in the code units of the encoding agreed at start-up: UTF-16 unless the editor offers another)."""

from __future__ import annotations

from dataclasses import dataclass

from healthlint.text.sources import unify_line_endings

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"


def units(text: str, encoding: str) -> int:
    """The code units `text` takes in `encoding`: a character beyond U+FFFF is 2 in UTF-16, up to 4 in UTF-8."""
    if encoding == UTF32 or text.isascii():
        return len(text)
    if encoding == UTF16:  # encoded in C: counting characters beyond U+FFFF in Python took 1 ms a long line
        return len(text.encode("utf-16-le", "surrogatepass")) // 2
    return len(text.encode("utf-8", "surrogatepass"))


def characters(line: str, count: int, encoding: str) -> int:
    """How many characters of `line` fill `count` code units; a position inside a character moves to its end."""
    if encoding == UTF32 or line.isascii():
        return min(count, len(line))
    used = 0
    for i, c in enumerate(line):
        if used >= count:
            return i
        used += units(c, encoding)
    return len(line)


@dataclass(frozen=True)
class Lines:
    """A document's lines, split where LSP splits them (\\n, \\r\\n or \\r), as healthlint numbers them."""

    lines: tuple[str, ...]
    encoding: str = UTF16

    @classmethod
    def of(cls, text: str, encoding: str = UTF16) -> "Lines":
        return cls(tuple(unify_line_endings(text).split("\n")), encoding)

    def line(self, index: int) -> str:
        return self.lines[index] if 0 <= index < len(self.lines) else ""

    def to_editor(self, line: int, column: int) -> tuple[int, int]:
        """healthlint's (line, column) to the editor's (line, character)."""
        text = self.line(line - 1)
        return line - 1, units(text[: column - 1], self.encoding)

    def from_editor(self, line: int, character: int) -> tuple[int, int]:
        """The editor's (line, character) to healthlint's (line, column)."""
        return line + 1, characters(self.line(line), character, self.encoding) + 1
