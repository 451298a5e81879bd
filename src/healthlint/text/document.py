"""Source text to document: the prose blocks of an article, each mapped back to the source.

Code, HTML, URLs and front matter are not prose. Every prose character keeps the
source offset it came from, so a finding anywhere in the prose can name its exact
line and column, inside nested lists and blockquotes and after inline markup.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import InitVar, dataclass, field
from functools import cached_property

from healthlint.errors import SourceError
from healthlint.text import sentences
from healthlint.text.sources import normalise_newlines, unify_line_endings
from healthlint.text.words import tokens as word_tokens

# A page this long shares one string per word between its blocks' tokens: on its 900 blocks the
# largest page in the corpus held 612 KB of word strings, and 60 KB shared; a run's peak memory is
# its largest page's. A shorter page's strings are few, and sharing them costs more time than it saves.
SHARED_WORDS_FROM = 32_000

# A paragraph with a line this long was not hard-wrapped by its writer: each of
# its lines is a paragraph of its own (text pasted from a word processor or CMS).
UNWRAPPED_LINE = 250

_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"]+", re.IGNORECASE)
_URL_TRAIL = ".,;:!?)]'\"”’"
_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)


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
    """An HTML comment anywhere in the source (suppressions live in these)."""

    start: int
    end: int
    body: str


@dataclass
class Document:
    path: str
    source: str
    markdown: bool
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


def parse(source: str, path: str = "<text>", markdown: bool = True) -> Document:
    """Positions are in the text with its line endings made "\n" (as files are read), so that
    they agree with markdown-it's line map whoever calls this."""
    source = unify_line_endings(source)
    if markdown:
        return _MarkdownBuilder(source, path).build()
    return _parse_plain(source, path)


def _parse_plain(source: str, path: str) -> Document:
    """Plain text: paragraphs separated by blank lines."""
    blocks: list[Block] = []
    words = _shared_words(source)
    for m in re.finditer(r"[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*", source):
        lines = m.group().split("\n")
        if max(len(line) for line in lines) >= UNWRAPPED_LINE:
            offset = m.start()
            for line in lines:
                _add_plain_block(blocks, line, offset, words)
                offset += len(line) + 1
        else:
            _add_plain_block(blocks, m.group(), m.start(), words)
    for i, b in enumerate(blocks):
        b.index = i
    comments = [Comment(m.start(), m.end(), m.group(1)) for m in _COMMENT.finditer(source)] if "<!--" in source else []
    return Document(path, source, False, blocks, {}, comments, set())


def _shared_words(source: str) -> dict[str, str] | None:
    """The dictionary through which a long page's blocks share their word strings; None for a short page."""
    return {} if len(source) >= SHARED_WORDS_FROM else None


def _add_plain_block(blocks: list[Block], text: str, offset: int, words: dict[str, str] | None) -> None:
    stripped = text.lstrip()
    if not stripped.strip():
        return
    offset += len(text) - len(stripped)
    stripped = stripped.rstrip()
    block = Block("paragraph", stripped, [(0, offset)], words=words)
    for m in _URL.finditer(stripped):
        url = m.group().rstrip(_URL_TRAIL)
        block.links.append(Link(m.start(), m.start() + len(url), url))
    blocks.append(block)


def _md():
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = (
        MarkdownIt("commonmark", {"maxNesting": MAX_NESTING})
        .enable("table")
        .use(front_matter_plugin)
        .use(footnote_plugin)
        .disable(["text_join", "normalize"])  # parse() normalises, only when there is something to change
    )
    md.core.ruler.at("inline", _inline_rule)
    md.block.ruler.before("front_matter", "prose", _prose_rule())  # in no rule's list of interrupters
    return md


def _prose_rule():
    """A block rule tried first: a line that starts with a letter (and is not indented code) can
    only open a table, a setext heading or a paragraph, so those three rules are tried at once, in
    markdown-it's order, without the nine others, which need a marker there ("#", ">", "-", "[",
    "<", a digit...) and leave the state alone without it (a fifth of markdown-it's time)."""
    from markdown_it.common.utils import mdTrim
    from markdown_it.rules_block import lheading, paragraph, table

    def prose(state, start: int, end: int, silent: bool) -> bool:
        pos = state.bMarks[start] + state.tShift[start]
        if pos >= state.eMarks[start] or not state.src[pos].isalpha() or state.is_code_block(start):
            return False
        if table(state, start, end, silent):
            return True
        if silent or end != state.lineMax:  # lheading stops at `end`, paragraph at the last line
            return lheading(state, start, end, silent) or paragraph(state, start, end, silent)
        return _heading_or_paragraph(state, start, end, mdTrim)

    return prose


def _heading_or_paragraph(state, start: int, end: int, trim) -> bool:
    """markdown-it's lheading, then its paragraph, in one pass: both walk the same lines with the same
    tests, and lheading alone stops at an underline. A paragraph is its inline token alone (its open
    and close tokens are for HTML; _MarkdownBuilder passes them by). `trim` is markdown-it's mdTrim."""
    # Up to `end` (the last line, where both stop) the state comes out as theirs does, even to the
    # parent type lheading leaves as "paragraph" when it fails, which lists then read.
    terminators = state.md.block.ruler.getRules("paragraph")
    old_parent = state.parentType
    state.parentType = "paragraph"
    src, bmarks, emarks, tshift, scount, indent = state.src, state.bMarks, state.eMarks, state.tShift, state.sCount, state.blkIndent
    level = 0
    line = start + 1
    while line < end:
        first = bmarks[line] + tshift[line]
        if first >= emarks[line]:  # an empty line
            break
        count = scount[line]
        if count - indent > 3:  # lazy continuation, not indented code
            line += 1
            continue
        if count >= indent and (marker := src[first]) in "-=":  # a setext underline?
            if state.skipSpaces(state.skipCharsStr(first, marker)) >= emarks[line]:
                level = 1 if marker == "=" else 2
                break
        if count < 0:  # a blockquote's quirk
            line += 1
            continue
        if any(rule(state, line, end, True) for rule in terminators):
            break
        line += 1
    content = trim(state.getLines(start, line, indent, False))
    state.line = line + 1 if level else line  # past the underline
    if level:
        token = state.push("heading_open", f"h{level}", 1)
        token.markup = marker
        token.map = [start, state.line]
    token = state.push("inline", "", 0)
    token.content = content
    token.map = [start, line]
    token.children = []
    if level:
        state.push("heading_close", f"h{level}", -1).markup = marker
        state.parentType = old_parent
    return True


# The characters at which the inline rules enabled above can start: newline, escape, backticks,
# emphasis, link, image, footnote_inline and footnote_ref, autolink and html_inline, entity.
# (markdown-it's text rule also stops at "-", ":", "%" and others kept for rules not used here.)
_INLINE_MARKUP = re.compile(r"[\n\\`*_\[!^<&]")


def _inline_rule(state) -> None:
    """markdown-it's core "inline" rule, less the inline parse of content without any character an
    inline rule starts at: that content becomes one text token, which is made here directly
    (99 blocks in 100 of the benchmark sample; nearly a quarter of markdown-it's time there)."""
    from markdown_it.token import Token

    md = state.md
    markup = _INLINE_MARKUP.search
    for token in state.tokens:
        if token.type == "inline":
            if token.children is None:
                token.children = []
            content = token.content
            if markup(content) is None:
                if content:
                    text = Token("text", "", 0)
                    text.content = content
                    token.children.append(text)
            else:
                md.inline.parse(content, md, state.env, token.children)


_PARSER = None

# markdown-it silently skips what is nested deeper than this (a list level counts
# twice); no real article comes near it, so a file that does is refused, not half-read.
MAX_NESTING = 200
_CONTAINERS = ("blockquote_open", "list_item_open", "footnote_open")
# Tokens the walk has nothing to do with, the most common ones: skipped before any other test.
_PASSED = frozenset(("paragraph_open", "paragraph_close", "bullet_list_open", "bullet_list_close"))


def _check_nesting(tokens) -> None:
    """Refuse a document nested so deeply that markdown-it skipped part of it."""
    for tok in tokens:
        if tok.level >= MAX_NESTING - 1 and tok.type in _CONTAINERS:
            line = tok.map[0] + 1 if tok.map else 1
            raise SourceError(f"line {line}: lists or blockquotes are nested too deeply to read")


def _parser():
    global _PARSER
    if _PARSER is None:
        _PARSER = _md()
    return _PARSER


class _MarkdownBuilder:
    """Walks markdown-it's tokens once, collecting prose blocks with their source map."""

    def __init__(self, source: str, path: str):
        self.source = source
        self.path = path
        self.lines = source.split("\n")
        self.line_starts = [0]
        self.words = _shared_words(source)
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
        for m in _COMMENT.finditer(html):
            at = self.source.find(m.group(), near)
            if at >= 0:
                self.comments.append(Comment(at, at + len(m.group()), m.group(1)))
                near = at + len(m.group())

    def build(self) -> Document:
        tokens = _parser().parse(normalise_newlines(self.source))
        _check_nesting(tokens)
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
        doc = Document(self.path, self.source, True, self.blocks, self.metadata, self.comments, self.footnote_labels)
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
            for m in _URL.finditer(text):
                url = m.group().rstrip(_URL_TRAIL)
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
