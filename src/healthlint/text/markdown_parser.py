"""markdown-it configured as healthlint reads Markdown, with two shortcuts whose worth is measured.

The shortcuts (a block rule for lines that start with a letter, and an inline rule that makes
markup-free content one text token directly) give markdown-it's own tokens faster; the tests
compare them with markdown-it's own rules, and docs/performance.md gives what they save.
"""

from __future__ import annotations

import re

from healthlint.errors import SourceError

def configured():
    """A new markdown-it with healthlint's rules and plugins."""
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


def check_nesting(tokens) -> None:
    """Refuse a document nested so deeply that markdown-it skipped part of it."""
    for tok in tokens:
        if tok.level >= MAX_NESTING - 1 and tok.type in _CONTAINERS:
            line = tok.map[0] + 1 if tok.map else 1
            raise SourceError(f"line {line}: lists or blockquotes are nested too deeply to read")


def parser():
    """The one configured parser, made on first use."""
    global _PARSER
    if _PARSER is None:
        _PARSER = configured()
    return _PARSER
