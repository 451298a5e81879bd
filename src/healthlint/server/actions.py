"""Code actions on a finding: apply its suggestion, suppress it on its line or in the whole file.

Edits are in healthlint's positions (1-based lines, columns in characters). A suppression is
written in the existing comment syntax, placed so the article renders and parses as before:
after the previous line's prose when there is some (an inline comment does not split a
paragraph or a list), else on a line of its own above the finding.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Iterable

from healthlint import suppressions
from healthlint.findings import Finding
from healthlint.checking import Checked
from healthlint.text.document import Document

# Kinds of block whose lines may carry an inline comment at their end.
_INLINE_OK = ("paragraph", "heading", "footnote")
_PREFIX = re.compile(r"^[ \t>]*")  # indentation and blockquote marks a comment line must repeat
_FRONT_MATTER = {"---": ("---", "..."), "+++": ("+++",)}
_DOCTYPE = re.compile(r"\s*<!doctype\b", re.IGNORECASE)


@dataclass(frozen=True)
class Edit:
    """Replace [line:column, end_line:end_column) with `text`; an insertion when both ends are the same."""

    line: int
    column: int
    end_line: int
    end_column: int
    text: str


@dataclass(frozen=True)
class Action:
    title: str
    kind: str  # an LSP code action kind: "quickfix"
    edits: tuple[Edit, ...]
    findings: tuple[Finding, ...]
    preferred: bool = False


def comment_syntax(name: str) -> tuple[str, str]:
    """How a suppression comment opens and closes in the format of the file `name`."""
    suffix = os.path.splitext(name)[1].lower()
    if suffix == ".mdx":
        return "{/* ", " */}"
    return "<!-- ", " -->"


def actions_for(checked: Checked, findings: Iterable[Finding]) -> list[Action]:
    """The actions each finding offers, suggestion first."""
    out: list[Action] = []
    doc = checked.doc
    if doc is None:
        return out
    for f in findings:
        if f.rule.startswith("meta/"):
            out.append(Action("Remove this suppression comment", "quickfix", (_removal(doc, f),), (f,), True))
            continue
        if f.suggestion:
            original = _text(doc, f)
            replacement = _same_case(original, f.suggestion)
            # Not preferred: an editor applies a preferred fix without showing it, and a suggestion
            # is for the writer to choose (rules do not yet say which fixes are safe).
            out.append(Action(f"Replace '{original}' with '{replacement}'", "quickfix", (Edit(f.line, f.column, f.end_line, f.end_column, replacement),), (f,)))
        out.append(Action(f"Suppress {f.rule} on this line", "quickfix", (suppress_line(doc, checked.name, f),), (f,)))
        out.append(Action(f"Suppress {f.rule} in this file", "quickfix", (suppress_file(doc, checked.name, f.rule),), (f,)))
    return out


def _text(doc: Document, f: Finding) -> str:
    return doc.source[_offset(doc, f.line, f.column) : _offset(doc, f.end_line, f.end_column)]


def _offset(doc: Document, line: int, column: int) -> int:
    return doc.line_starts[line - 1] + column - 1


def _line(doc: Document, line: int) -> str:
    start = doc.line_starts[line - 1]
    end = doc.source.find("\n", start)
    return doc.source[start : end if end >= 0 else len(doc.source)]


def _same_case(original: str, suggestion: str) -> str:
    """A suggestion for a capitalised word starts with a capital too ("Analgesic" -> "Pain reliever")."""
    if original[:1].isupper() and suggestion[:1].islower():
        return suggestion[0].upper() + suggestion[1:]
    return suggestion


def _removal(doc: Document, f: Finding) -> Edit:
    """The comment, and its line when nothing else is on it."""
    line = _line(doc, f.line)
    if f.line == f.end_line and not (line[: f.column - 1] + line[f.end_column - 1 :]).strip() and f.line < doc.line_count:
        return Edit(f.line, 1, f.line + 1, 1, "")
    return Edit(f.line, f.column, f.end_line, f.end_column, "")


def suppress_line(doc: Document, name: str, f: Finding) -> Edit:
    """`healthlint-disable-next-line RULE` ending on the line before the finding's first line."""
    opening, closing = comment_syntax(name)
    above = f.line - 1
    for d in suppressions.directives(doc):
        if d.action == "disable-next-line" and d.line == above and d.ids is not None:
            return _add_id(doc, d, f.rule)
    comment = f"{opening}healthlint-disable-next-line {f.rule}{closing}"
    if above >= 1 and _ends_in_prose(doc, above):
        column = len(_prose_end(_line(doc, above))) + 1
        return Edit(above, column, above, column, " " + comment)
    prefix = _PREFIX.match(_line(doc, f.line)).group()
    return Edit(f.line, 1, f.line, 1, f"{prefix}{comment}\n")


def suppress_file(doc: Document, name: str, rule: str) -> Edit:
    """`healthlint-disable-file RULE` at the top of the file (after front matter or a doctype),
    or the rule added to such a comment that is already there."""
    for d in suppressions.directives(doc):
        if d.action == "disable-file" and d.ids is not None:
            return _add_id(doc, d, rule)
    opening, closing = comment_syntax(name)
    line = _top(doc)
    return Edit(line, 1, line, 1, f"{opening}healthlint-disable-file {rule}{closing}\n")


def _top(doc: Document) -> int:
    """The first line after front matter or an HTML doctype: where a file-wide comment goes."""
    first = _line(doc, 1).rstrip()
    if doc.format in ("markdown", "mdx") and first in _FRONT_MATTER:
        for n in range(2, doc.line_count + 1):
            if _line(doc, n).rstrip() in _FRONT_MATTER[first]:
                return min(n + 1, doc.line_count)
    if _DOCTYPE.match(first):
        return min(2, doc.line_count)
    return 1


def _add_id(doc: Document, d: suppressions.Directive, rule: str) -> Edit:
    """The rule id added to the ids a suppression comment names."""
    body = d.comment.body
    at = doc.source.find(body, d.comment.start) + len(body.rstrip())
    line, column = doc.position(at)
    return Edit(line, column, line, column, f" {rule}")


def _ends_in_prose(doc: Document, line: int) -> bool:
    """Whether the last character on `line` is prose of a paragraph, heading or footnote: an inline
    comment after it stays inside that block (not in code, a table row or front matter)."""
    end = len(_prose_end(_line(doc, line)))
    if not end:
        return False
    last = doc.line_starts[line - 1] + end - 1
    for block in doc.blocks:
        if block.kind not in _INLINE_OK or not block.runs or block.runs[0][1] > last:
            continue
        for i, (prose, src) in enumerate(block.runs):
            length = (block.runs[i + 1][0] if i + 1 < len(block.runs) else len(block.text)) - prose
            if src <= last < src + length:
                return True
    return False


def _prose_end(line: str) -> str:
    """The line up to its last character of text: without trailing spaces or a backslash line break."""
    text = line.rstrip()
    return text[:-1].rstrip() if text.endswith("\\") else text
