"""Words as every rule compares them: casefolded as `regex` IGNORECASE reads them, and each block's set of word tokens.

A pattern's trigger words (healthlint.patterns.triggers) are compared with these tokens to skip
blocks that cannot match it.
"""

from __future__ import annotations

import regex

_TOKEN = regex.compile(r"\w+")


def fold(text: str) -> str:
    """Casefold as `regex` IGNORECASE compares: dotted and dotless i match plain i there."""
    return text.casefold().replace("i\u0307", "i").replace("ı", "i")


# For ASCII text: word characters lowercased, every other byte a space (\w is [A-Za-z0-9_] there).
_ASCII_WORDS = bytes(c + 32 if 65 <= c <= 90 else c if chr(c).isalnum() or c == 95 else 32 for c in range(128)) + b" " * 128


def tokens(text: str, words: dict[str, str] | None = None) -> frozenset[str]:
    """The folded word tokens (runs of \\w) of a text; with `words`, each word is one string
    however many of a document's blocks hold it (a tenth of the strings, on long pages)."""
    found = text.encode().translate(_ASCII_WORDS).decode().split() if text.isascii() else _TOKEN.findall(fold(text))
    return frozenset(found if words is None else map(words.setdefault, found, found))
