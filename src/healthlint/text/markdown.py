"""Markdown to document: markdown-it's tokens walked once, each prose character mapped to its source.

Code (fenced, indented, inline), HTML, URLs and front matter are not prose.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from healthlint.text.markdown_parser import check_nesting, parser
from healthlint.text.model import HTML_COMMENT, UNWRAPPED_LINE, URL, URL_TRAIL, Block, Comment, Document, Link, shared_words
from healthlint.text.sources import normalise_newlines

# Tokens the walk has nothing to do with, the most common ones: skipped before any other test.
_PASSED = frozenset(("paragraph_open", "paragraph_close", "bullet_list_open", "bullet_list_close"))


def parse(source: str, path: str) -> Document:
    return _MarkdownBuilder(source, path).build()


class _MarkdownBuilder:
    """Walks markdown-it's tokens once, collecting prose blocks with their source map."""

    def __init__(self, source: str, path: str):
        self.source = source
        self.path = path
        self.lines = source.split("\n")
        self.line_starts = [0]
        self.words = shared_words(source)
        for line in self.lines[:-1]:
            self.line_starts.append(self.line_starts[-1] + len(line) + 1)
        self.blocks: list[Block] = []
        self.metadata: dict[str, str] = {}
        self.footnote_labels: set[str] = set()
        self.section = -1
        self.list_depth = 0
        self.quote_depth = 0
        self.in_footnote = 0
        self.row_cursor: tuple[int, int] | None = None  # (line, column) within a table row
        self.comments: list[Comment] = []

    def _comments(self, html: str, near: int) -> None:
        """Record the HTML comments in a piece of HTML found at or after source offset `near`."""
        for m in HTML_COMMENT.finditer(html):
            at = self.source.find(m.group(), near)
            if at >= 0:
                self.comments.append(Comment(at, at + len(m.group()), m.group(1)))
                near = at + len(m.group())

    def build(self) -> Document:
        tokens = parser().parse(normalise_newlines(self.source))
        check_nesting(tokens)
        heading_level = 0
        cell = False
        for tok in tokens:
            t = tok.type
            if t in _PASSED:
                continue
            if t == "inline":
                if cell:
                    self._inline(tok, "table-cell", 0)
                elif heading_level:
                    self._inline(tok, "heading", heading_level)
                else:
                    self._inline(tok, "footnote" if self.in_footnote else "paragraph", 0)
            elif t == "heading_open":
                heading_level = int(tok.tag[1:])
            elif t == "heading_close":
                heading_level = 0
            elif t in ("th_open", "td_open"):
                cell = True
            elif t in ("th_close", "td_close"):
                cell = False
            elif t == "tr_open":
                self.row_cursor = (tok.map[0], 0) if tok.map else None
            elif t == "list_item_open":
                self.list_depth += 1
            elif t == "list_item_close":
                self.list_depth -= 1
            elif t == "blockquote_open":
                self.quote_depth += 1
            elif t == "blockquote_close":
                self.quote_depth -= 1
            elif t == "footnote_open":
                self.in_footnote += 1
                self.footnote_labels.add(tok.meta.get("label", ""))
            elif t == "footnote_close":
                self.in_footnote -= 1
            elif t == "html_block" and tok.map and "<!--" in tok.content:
                self._comments(tok.content, self.line_starts[tok.map[0]])
            elif t == "front_matter":
                self.metadata = _front_matter(tok.content)
        doc = Document(self.path, self.source, "markdown", self.blocks, self.metadata, self.comments, self.footnote_labels)
        doc.line_starts = self.line_starts  # the same list its property would build again
        return doc

    # -- mapping inline content back to the source

    def _line_map(self, tok, kind: str, clines: list[str]) -> list[tuple[int, int]]:
        """For each line of the inline content: (content offset, source offset) of its start."""
        cell = kind == "table-cell"
        out = []
        coff = 0
        for lineno, cline in enumerate(clines, tok.map[0]):
            if cell and self.row_cursor and self.row_cursor[0] == lineno:
                sline = self.lines[lineno] if lineno < len(self.lines) else ""
                col = sline.find(cline, self.row_cursor[1]) if cline else -1
                if col >= 0:
                    self.row_cursor = (lineno, col + len(cline))
                out.append((coff, self.line_starts[min(lineno, len(self.line_starts) - 1)] + max(col, 0)))
            else:
                out.append((coff, self._line_start(lineno, cline)))
            coff += len(cline) + 1
        return out

    def _line_start(self, lineno: int, cline: str) -> int:
        """Source offset where a line of inline content (on markdown-it's line `lineno`) starts."""
        if lineno < len(self.lines):
            return self.line_starts[lineno] + _locate(self.lines[lineno], cline)
        return self.line_starts[-1] + _locate("", cline)

    def _inline(self, tok, kind: str, level: int) -> None:
        if tok.map is None:
            return
        content = tok.content
        children = tok.children or []
        if kind != "table-cell" and len(children) == 1 and "\n" not in content:
            child = children[0]
            text = child.content
            if child.type == "text" and "://" not in text and "w." not in text and "W." not in text:
                # Most blocks: one line of plain text (without a bare URL: "www."), all of it prose.
                at = self._line_start(tok.map[0], content) + max(content.find(text), 0)
                self._add_block(kind, level, [text], [(0, at)] if text else [], [], [])
                return
        clines = content.split("\n")
        line_map = self._line_map(tok, kind, clines)
        line_offsets = [c for c, _ in line_map]
        unwrapped = kind == "paragraph" and max(map(len, clines)) >= UNWRAPPED_LINE

        def src(c: int) -> int:
            k = bisect_right(line_offsets, c) - 1
            return line_map[k][1] + (c - line_map[k][0])

        parts: list[str] = []
        runs: list[tuple[int, int]] = []
        links: list[Link] = []
        refs: list[str] = []
        length = 0
        pos = 0
        link_stack: list[tuple[int, str]] = []
        skip = 0  # inside an autolink or image: its text is not prose

        def emit(text: str, at: int) -> None:
            nonlocal length
            if not text:
                return
            runs.append((length, src(at)))
            parts.append(text)
            length += len(text)

        def emit_text(text: str, at: int) -> None:
            """Plain text, with bare URLs taken out of the prose and kept as links."""
            if "://" not in text and "www." not in text.lower():
                emit(text, at)
                return
            last = 0
            for m in URL.finditer(text):
                url = m.group().rstrip(URL_TRAIL)
                emit(text[last : m.start()], at + last)
                links.append(Link(length, length, url))
                last = m.start() + len(url)
            emit(text[last:], at + last)

        def flush() -> None:
            nonlocal parts, runs, links, refs, length
            self._add_block(kind, level, parts, runs, links, refs)
            parts, runs, links, refs, length = [], [], [], [], 0

        for child in children:
            ct = child.type
            if ct == "text":
                at = content.find(child.content, pos)
                if at < 0:
                    at = pos
                if not skip:
                    emit_text(child.content, at)
                pos = at + len(child.content)
            elif ct == "text_special":
                at = content.find(child.markup, pos)
                if at < 0:
                    at = pos
                if not skip:
                    emit(child.content, at)
                pos = at + len(child.markup)
            elif ct in ("softbreak", "hardbreak"):
                at = content.find("\n", pos)
                if at < 0:
                    continue
                if unwrapped and not skip:
                    flush()
                elif not skip:
                    emit(" ", at)
                pos = at + 1
            elif ct == "code_inline":
                at = content.find(child.content, pos)
                if at >= 0:
                    pos = at + len(child.content)
                end = content.find(child.markup, pos)
                if end >= 0:
                    pos = end + len(child.markup)
            elif ct == "link_open":
                if child.markup == "autolink":
                    skip += 1
                    links.append(Link(length, length, child.attrs.get("href", "")))
                    link_stack.append((-1, ""))
                else:
                    link_stack.append((length, str(child.attrs.get("href", ""))))
            elif ct == "link_close":
                start, href = link_stack.pop() if link_stack else (-1, "")
                if start < 0:
                    skip = max(0, skip - 1)
                    end = content.find(">", pos)
                    pos = end + 1 if end >= 0 else pos
                else:
                    links.append(Link(start, length, href))
                    pos = _skip_link_destination(content, pos)
            elif ct == "image":
                at = content.find("](", pos)
                if at >= 0:
                    pos = _skip_link_destination(content, at)
            elif ct == "footnote_ref":
                label = child.meta.get("label", "") if child.meta else ""
                refs.append(label)
                links.append(Link(length, length, "#" + label))
                at = content.find("]", pos)
                pos = at + 1 if at >= 0 else pos
            elif ct == "html_inline":
                at = content.find(child.content, pos)
                if at >= 0:
                    if child.content.startswith("<!--"):
                        self._comments(child.content, src(at))
                    pos = at + len(child.content)
        self._add_block(kind, level, parts, runs, links, refs)

    def _add_block(self, kind, level, parts, runs, links, refs) -> None:
        text = "".join(parts)
        if not text or text.isspace():
            return
        # Trim surrounding spaces so block text starts and ends with prose.
        if text[0].isspace():
            lead = len(text) - len(text.lstrip())
            text = text[lead:]
            runs = _shift(runs, lead)
            for link in links:
                link.start = max(0, link.start - lead)
                link.end = max(0, link.end - lead)
        if text[-1].isspace():
            text = text.rstrip()
        # Fields by position (index, section, heading_level, in_list, in_blockquote, links,
        # footnote_refs): half the cost of keywords, paid once per block.
        index = len(self.blocks)
        if kind == "heading":
            self.section = index
        block = Block(kind, text, runs, index, self.section, level, self.list_depth > 0, self.quote_depth > 0, links, refs, self.words)
        self.blocks.append(block)


def _shift(runs: list[tuple[int, int]], lead: int) -> list[tuple[int, int]]:
    """Drop `lead` prose characters from the front of a run list."""
    out = []
    for i, (p, s) in enumerate(runs):
        nxt = runs[i + 1][0] if i + 1 < len(runs) else float("inf")
        if nxt <= lead:
            continue
        if p < lead:
            out.append((0, s + (lead - p)))
        else:
            out.append((p - lead, s))
    return out or [(0, runs[0][1] if runs else 0)]


def _locate(sline: str, cline: str) -> int:
    """Column (never negative) where a content line sits in its source line (container markers stripped)."""
    if not cline:
        return len(sline)
    body = cline.rstrip()
    if not body:
        return len(sline)
    stripped = sline.rstrip()
    if stripped.endswith(body):
        return len(stripped) - len(body)
    col = sline.find(body)
    return col if col >= 0 else 0


def _skip_link_destination(content: str, pos: int) -> int:
    """Move past `](destination "title")`, `][ref]` or `]` after a link's text."""
    j = content.find("]", pos)
    if j < 0:
        return pos
    if content.startswith("](", j):
        depth = 0
        k = j + 1
        while k < len(content):
            ch = content[k]
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if depth == 0:
                    return k + 1
            k += 1
        return j + 1
    if content.startswith("][", j):
        k = content.find("]", j + 2)
        return k + 1 if k >= 0 else j + 1
    return j + 1


def _front_matter(content: str) -> dict[str, str]:
    """Simple `key: value` front matter; nested YAML is kept as raw text per top-level key."""
    meta: dict[str, str] = {}
    for line in content.split("\n"):
        m = re.match(r"([A-Za-z0-9_-]+)\s*:\s*(.*)$", line)
        if m:
            value = m.group(2).strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            meta[m.group(1)] = value
    return meta
