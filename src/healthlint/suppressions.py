"""Inline suppressions in Markdown comments, invisible when the article is rendered.

<!-- healthlint-disable [ids] -->  ...  <!-- healthlint-enable [ids] -->
<!-- healthlint-disable-next-line [ids] -->
<!-- healthlint-disable-file [ids] -->

An id may be a rule id or a category; no ids means every rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from healthlint.findings import Finding
from healthlint.text.document import Comment, Document

_DIRECTIVE = re.compile(r"^\s*healthlint-(disable-next-line|disable-file|disable|enable)\b(.*)$", re.DOTALL)


@dataclass
class Directive:
    comment: Comment
    action: str
    ids: frozenset[str] | None  # None: every rule
    line: int
    used: int = 0


@dataclass
class Region:
    directive: Directive
    ids: frozenset[str] | None
    start: int  # first line covered
    end: int  # last line covered
    spared: frozenset[str] = field(default_factory=frozenset)  # re-enabled inside an all-rules region

    def covers(self, f: Finding) -> bool:
        if not self.start <= f.line <= self.end:
            return False
        if self.ids is None:
            return not _named(f, self.spared)
        return _named(f, self.ids)


def _named(f: Finding, ids) -> bool:
    return f.rule in ids or f.category in ids


def directives(doc: Document) -> list[Directive]:
    out = []
    for comment in doc.comments:
        m = _DIRECTIVE.match(comment.body)
        if not m:
            continue
        names = [n for n in re.split(r"[\s,]+", m.group(2).strip()) if n]
        line, _ = doc.position(comment.start)
        end_line, _ = doc.position(comment.end)
        out.append(Directive(comment, m.group(1), frozenset(names) if names else None, end_line if m.group(1) == "disable-next-line" else line))
    return out


def regions(doc: Document, found: list[Directive]) -> list[Region]:
    last = doc.line_count
    done: list[Region] = []
    open_: list[Region] = []
    for d in found:
        if d.action == "disable-file":
            done.append(Region(d, d.ids, 1, last))
        elif d.action == "disable-next-line":
            done.append(Region(d, d.ids, d.line + 1, d.line + 1))
        elif d.action == "disable":
            open_.append(Region(d, d.ids, d.line, last))
        else:  # enable
            still = []
            for r in open_:
                if d.ids is None:
                    r.end = d.line
                    done.append(r)
                elif r.ids is None:
                    r.end = d.line
                    done.append(r)
                    still.append(Region(r.directive, None, d.line, last, r.spared | d.ids))
                elif r.ids & d.ids:
                    r.end = d.line
                    done.append(r)
                    if r.ids - d.ids:
                        still.append(Region(r.directive, r.ids - d.ids, d.line, last))
                else:
                    still.append(r)
            open_ = still
    return done + open_


def apply(doc: Document, findings: list[Finding]) -> tuple[list[Finding], list[Directive]]:
    """Drop suppressed findings; return what is left and the directives that suppressed nothing."""
    found = directives(doc)
    if not found:
        return findings, []
    covering = regions(doc, found)
    kept = []
    for f in findings:
        hit = False
        for r in covering:
            if r.covers(f):
                r.directive.used += 1
                hit = True
        if not hit:
            kept.append(f)
    return kept, [d for d in found if d.action != "enable" and not d.used]
