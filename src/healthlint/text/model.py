"""The document every format becomes: prose blocks, each character mapped back to its source offset.

A format's reader (markdown, mdx, html, rst, plain) makes one; rules read nothing else. Every prose
character keeps the source offset it came from, so a finding anywhere in the prose can name its exact
line and column, whatever markup surrounded the words.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import InitVar, dataclass, field
from functools import cached_property

from healthlint.text import sentences
from healthlint.text.words import tokens as word_tokens

# A page this long shares one string per word between its blocks' tokens: on its 900 blocks the
# largest page in the corpus held 612 KB of word strings, and 60 KB shared; a run's peak memory is
# its largest page's. A shorter page's strings are few, and sharing them costs more time than it saves.
SHARED_WORDS_FROM = 32_000

# A paragraph with a line this long was not hard-wrapped by its writer: each of
# its lines is a paragraph of its own (text pasted from a word processor or CMS).
UNWRAPPED_LINE = 250

URL = re.compile(r"(?:https?://|www\.)[^\s<>\"]+", re.IGNORECASE)
URL_TRAIL = ".,;:!?)]'\"”’"
HTML_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)


@dataclass
class Link:
    """A link, footnote reference or bare URL in prose; `start`/`end` are prose offsets."""

    start: int
    end: int
    href: str


@dataclass(slots=True)
class Block:
    """One unit of prose: a paragraph, heading, table cell or footnote paragraph.

    Its sentences and word tokens are made with it, as nearly every rule reads them. In slots a
    block takes 136 bytes, against nearly 900 with them cached in a dict of its own."""

    kind: str  # "paragraph" | "heading" | "table-cell" | "footnote"
    text: str
    runs: list[tuple[int, int]]  # (prose offset, source offset) where a contiguous copy starts
    index: int = 0
    section: int = -1  # index of the heading block above, -1 before the first heading
    heading_level: int = 0
    in_list: bool = False
    in_blockquote: bool = False
    links: list[Link] = field(default_factory=list)
    footnote_refs: list[str] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(init=False, repr=False, compare=False)
    # The folded word tokens: a pattern whose every match holds one of its trigger words
    # (healthlint.patterns.triggers) can skip a block that has none of them.
    tokens: frozenset[str] = field(init=False, repr=False, compare=False)
    _ends: list[int] | None = field(default=None, init=False, repr=False, compare=False)
    words: InitVar[dict[str, str] | None] = None  # the document's words so far, shared by its blocks' tokens

    def __post_init__(self, words: dict[str, str] | None) -> None:
        self.sentences = sentences.split(self.text)
        self.tokens = word_tokens(self.text, words)

    def source_offset(self, i: int) -> int:
        """Map a prose offset to the source offset it came from."""
        k = bisect_right(self.runs, (i, float("inf"))) - 1
        prose, src = self.runs[max(k, 0)]
        return src + (i - prose)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source span of prose [start, end): end maps from the last character, so it stays exact."""
        if end <= start:
            s = self.source_offset(start)
            return s, s
        return self.source_offset(start), self.source_offset(end - 1) + 1

    @property
    def sentence_ends(self) -> list[int]:
        """Sentence end offsets, for finding a sentence by bisection."""
        if self._ends is None:
            self._ends = [e for _, e in self.sentences]
        return self._ends


@dataclass
class Comment:
    """A comment in the format's own syntax (suppressions live in these): `body` is its text
    without the comment markers; `start`/`end` are source offsets of the whole comment."""

    start: int
    end: int
    body: str
    next_line: int = 0  # the 1-based line that "disable-next-line" covers; 0: the line after the comment


@dataclass
class Document:
    """One article in any format: its prose blocks in reading order, with what the format held apart."""

    path: str
    source: str
    format: str  # "markdown", "mdx", "html", "rst" or "plain"
    blocks: list[Block]
    metadata: dict[str, str]
    comments: list[Comment]
    footnote_labels: set[str]

    @cached_property
    def line_starts(self) -> list[int]:
        starts = [0]
        find = self.source.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        return starts

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a source offset."""
        k = bisect_right(self.line_starts, offset) - 1
        return k + 1, offset - self.line_starts[k] + 1

    @property
    def headings(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "heading"]


def shared_words(source: str) -> dict[str, str] | None:
    """The dictionary through which a long page's blocks share their word strings; None for a short page."""
    return {} if len(source) >= SHARED_WORDS_FROM else None
