"""Plain text: paragraphs separated by blank lines; `<!-- -->` comments hold suppressions."""

from __future__ import annotations

import re

from healthlint.text.model import HTML_COMMENT, UNWRAPPED_LINE, URL, URL_TRAIL, Block, Comment, Document, Link, shared_words

_PARAGRAPH = re.compile(r"[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*")


def parse(source: str, path: str) -> Document:
    """Each run of non-blank lines is a paragraph; one with a line of UNWRAPPED_LINE characters
    or more was not wrapped by hand, so each of its lines is a paragraph of its own."""
    blocks: list[Block] = []
    words = shared_words(source)
    for m in _PARAGRAPH.finditer(source):
        lines = m.group().split("\n")
        if max(len(line) for line in lines) >= UNWRAPPED_LINE:
            offset = m.start()
            for line in lines:
                _add_block(blocks, line, offset, words)
                offset += len(line) + 1
        else:
            _add_block(blocks, m.group(), m.start(), words)
    for i, b in enumerate(blocks):
        b.index = i
    comments = [Comment(m.start(), m.end(), m.group(1)) for m in HTML_COMMENT.finditer(source)] if "<!--" in source else []
    return Document(path, source, "plain", blocks, {}, comments, set())


def _add_block(blocks: list[Block], text: str, offset: int, words: dict[str, str] | None) -> None:
    stripped = text.lstrip()
    if not stripped.strip():
        return
    offset += len(text) - len(stripped)
    stripped = stripped.rstrip()
    block = Block("paragraph", stripped, [(0, offset)], words=words)
    for m in URL.finditer(stripped):
        url = m.group().rstrip(URL_TRAIL)
        block.links.append(Link(m.start(), m.start() + len(url), url))
    blocks.append(block)
