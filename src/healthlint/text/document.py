"""Source text of any format to a document: the one entry point, which picks the format's reader.

The model (Document, Block, Comment, Link) lives in healthlint.text.model; each format's reader in
a module of its own, imported only when a file of that format is read.
"""

from __future__ import annotations

from healthlint.text.model import Block, Comment, Document, Link
from healthlint.text.sources import unify_line_endings

__all__ = ["Block", "Comment", "Document", "Link", "parse"]


def parse(source: str, path: str = "<text>", markdown: bool = True, fmt: str | None = None) -> Document:
    """Read `source` as `fmt` (markdown, mdx, html, rst or plain); without it, as Markdown, or as
    plain text when `markdown` is false. Positions are in the text with its line endings made "\\n"
    (as files are read), so that they agree with the parsers' line maps whoever calls this."""
    source = unify_line_endings(source)
    fmt = fmt or ("markdown" if markdown else "plain")
    if fmt == "markdown":
        from healthlint.text import markdown as reader
    elif fmt == "plain":
        from healthlint.text import plain as reader
    else:
        raise ValueError(f"unknown format {fmt!r}")
    return reader.parse(source, path)
