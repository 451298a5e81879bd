"""Named lexicons: long lists of names (medicines, remedies) that any rule may read, found word by word.

A pack's `[[lexicon]]` entry gives an `id`, a `why` (the list's source and licence) and its
names: `terms` inline, or `file`, a text file beside the pack with one name a line (`#` starts a
comment), as codespell keeps its dictionaries. Entries of the same id in several packs add up, so
a user pack extends the built-in lists. Names match whole words in any case; the words of a name
may be joined by spaces, hyphens, apostrophes or full stops ("St. John's wort", "omega 3").

    hits = lexicon.found(analysis, analysis.shared.lexicon("medicines"))
    hits.spans(block)      # [(start, end), ...] in block.text, in order
    hits.blocks()          # the blocks holding any name, in order

A text file reads in about a fiftieth of the time TOML takes for the 8,000 medicine names, and
is read only when a rule first needs the lexicon.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from healthlint.analysis import Analysis
from healthlint.errors import PackError
from healthlint.patterns import pattern_cache
from healthlint.text.document import Block
from healthlint.text.words import fold

_WORD = pattern_cache.compile(r"\w+")
_JOIN = pattern_cache.compile(r"[\s\-‐‑'’.]{1,3}")  # what may stand between the words of a name


@dataclass(frozen=True, eq=False)
class Lexicon:
    """One named list, from every pack that adds to it."""

    id: str
    why: str
    terms: tuple[str, ...] = ()
    files: tuple[Path, ...] = ()

    def extended(self, other: Lexicon) -> Lexicon:
        return Lexicon(self.id, f"{self.why} {other.why}".strip(), self.terms + other.terms, self.files + other.files)

    @cached_property
    def names(self) -> tuple[str, ...]:
        """Every name, the files' read on first use (a file that cannot be read is a pack error)."""
        found = list(self.terms)
        for path in self.files:
            try:
                lines = path.read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError) as err:
                raise PackError(f"{path}: lexicon {self.id!r}: cannot be read ({err})") from None
            found += [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
        return tuple(found)

    @cached_property
    def _index(self) -> dict[str, list[tuple[str, ...]]]:
        """Each name's folded words, by its first word, longest names first."""
        index: dict[str, list[tuple[str, ...]]] = {}
        for name in self.names:
            words = tuple(_WORD.findall(fold(name)))
            if words:
                index.setdefault(words[0], []).append(words)
        for names in index.values():
            names.sort(key=len, reverse=True)
        return index

    @cached_property
    def first_words(self) -> frozenset[str]:
        return frozenset(self._index)

    def spans(self, block: Block) -> list[tuple[int, int]]:
        """Where the names stand in the block's text, leftmost and longest first, without overlaps."""
        if self.first_words.isdisjoint(block.tokens):
            return []
        text = block.text
        words = [(m.start(), m.end(), fold(m.group())) for m in _WORD.finditer(text)]
        out: list[tuple[int, int]] = []
        i = 0
        while i < len(words):
            start, _, word = words[i]
            n = self._longest(text, words, i) if word in self._index and not _joined(text, start - 1) else 0
            if n:
                end = words[i + n - 1][1]
                out.append((start, end))
                i += n
            else:
                i += 1
        return out

    def _longest(self, text: str, words: list[tuple[int, int, str]], i: int) -> int:
        """How many words from i on make the longest name here (0 for none)."""
        for name in self._index[words[i][2]]:
            n = len(name)
            if i + n > len(words) or _joined(text, words[i + n - 1][1]):
                continue
            if all(words[i + k][2] == name[k] for k in range(1, n)) and all(
                _JOIN.fullmatch(text, words[i + k - 1][1], words[i + k][0]) for k in range(1, n)
            ):
                return n
        return 0


def _joined(text: str, at: int) -> bool:
    """A hyphen at `at` joins the name to another word ("non-aspirin"), so it is not the name."""
    return 0 <= at < len(text) and text[at] in "-‐‑"


class Found:
    """A lexicon's names in one document, found block by block as rules ask."""

    def __init__(self, analysis: Analysis, lexicon: Lexicon) -> None:
        self.doc = analysis.doc
        self.lexicon = lexicon
        self._spans: dict[int, list[tuple[int, int]]] = {}

    def spans(self, block: Block) -> list[tuple[int, int]]:
        found = self._spans.get(block.index)
        if found is None:
            found = self._spans[block.index] = self.lexicon.spans(block)
        return found

    def blocks(self) -> list[Block]:
        return [b for b in self.doc.blocks if self.spans(b)]


def found(analysis: Analysis, lexicon: Lexicon) -> Found:
    """The lexicon's names in the document: one fact, shared by every rule that reads the lexicon."""
    return analysis.fact(_found, lexicon)


def _found(analysis: Analysis, lexicon: Lexicon) -> Found:
    return Found(analysis, lexicon)
