"""`claim-keyword-stuffing`: the same multi-word phrase repeated far more often than natural prose.

Counts two- and three-word phrases within sentences (not starting or ending on a
function word). Health pages repeat their topic and names of conditions, genes and
brands as a matter of course, so phrases sharing a word with the title, names
(capitalised mid-sentence in most uses) and terms with digits or hyphens are not
counted. A phrase past `min-count` and `per-1000-words` marks the page as stuffed;
its other phrases past the `second-` settings are then reported too. Each finding
sits on the phrase's first use.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterator

from healthlint import sentences
from healthlint.analysis import ActiveRule, Analysis
from healthlint.findings import Finding
from healthlint.kinds import KindError

FIELDS = ()
PLACEHOLDERS = {"match", "count", "words", "rate"}
SETTINGS = ("min-count", "per-1000-words", "second-min-count", "second-per-1000-words")
_TITLE_WORD = re.compile(r"[\w'’\-]+")
_NOT_KEYWORD = re.compile(r"[\d\-]")

_FUNCTION_WORDS = frozenset(
    """
    a an the and or but nor of to in on at by for with from as into onto about over under than then
    is are was were be been being am do does did have has had can could may might will would shall
    should must it its it's this that these those there their they them he she his her you your we our
    i me my not no so if when while which who whom what how why all any some more most such also very
    just only one two s t
    """.split()
)


def compile(rule) -> None:
    for key in SETTINGS:
        value = rule.settings.get(key)
        if not isinstance(value, (int, float)) or isinstance(value, bool) or value <= 0:
            raise KindError(f"key 'settings.{key}' must be a positive number")
    return None


def _title_words(analysis: Analysis) -> set[str]:
    doc = analysis.doc
    title = doc.metadata.get("title") or next((b.text for b in doc.blocks if b.kind == "heading"), "")
    return {w.replace("’", "'") for w in _TITLE_WORD.findall(str(title).lower())}


def _is_name(uses: list) -> bool:
    """Capitalised mid-sentence in most uses: a named condition, gene, product or place."""
    caps = sum(1 for b, s, _ in uses if s > 1 and b.text[s].isupper() and b.text[s - 2 : s].strip() not in (".", ""))
    return caps * 2 > len(uses)


def _phrases(analysis: Analysis):
    """Each phrase's uses as (block, start, end), and the prose word count."""
    uses: dict[tuple[str, ...], list] = {}
    total = 0
    for block in analysis.doc.blocks:
        for lo, hi in block.sentences:
            spans = sentences.word_spans(block.text, lo, hi)
            total += len(spans)
            toks = [block.text[s:e].lower().replace("’", "'") for s, e in spans]
            last = [t not in _FUNCTION_WORDS for t in toks]
            # Most words cannot start a phrase: test each once, not once per phrase length.
            starts = [i for i, t in enumerate(toks) if last[i] and not t.isdigit()]
            for n in (2, 3):
                for i in starts:
                    if i + n <= len(toks) and last[i + n - 1]:
                        uses.setdefault(tuple(toks[i : i + n]), []).append((block, spans[i][0], spans[i + n - 1][1]))
    return uses, total


def check(active: ActiveRule, analysis: Analysis) -> Iterator[Finding]:
    st = active.settings
    uses, total = _phrases(analysis)
    if not total:
        return
    title = _title_words(analysis)

    def passes(found: list, count_key: str, rate_key: str) -> bool:
        return len(found) >= st[count_key] and len(found) * 1000 / total >= st[rate_key]

    keywords = {
        g: u
        for g, u in uses.items()
        if passes(u, "second-min-count", "second-per-1000-words")
        and not set(g) & title
        and not any(_NOT_KEYWORD.search(w) for w in g)
        and not _is_name(u)
    }
    if not any(passes(u, "min-count", "per-1000-words") for u in keywords.values()):
        return
    inside = Counter()
    for gram, found in keywords.items():
        if len(gram) == 3:
            inside[gram[:2]] += len(found)
            inside[gram[1:]] += len(found)
    for gram, found in keywords.items():
        # "chronic pain" mostly inside a repeated "chronic pain management" is one finding, not two.
        if len(gram) == 2 and inside[gram] * 2 >= len(found):
            continue
        block, start, end = found[0]
        rate = f"{len(found) * 1000 / total:.0f}"
        message = active.rule.message.format(match=block.text[start:end], count=len(found), words=total, rate=rate, **st)
        yield analysis.finding(active, block, start, end, message)
