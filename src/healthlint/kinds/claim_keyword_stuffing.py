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
from itertools import chain, compress, count
from typing import Iterator

from healthlint.analysis import ActiveRule, Analysis
from healthlint.errors import KindError
from healthlint.findings import Finding
from healthlint.kinds.kind import Kind
from healthlint.text import sentences

SETTINGS = ("min-count", "per-1000-words", "second-min-count", "second-per-1000-words")
_TITLE_WORD = re.compile(r"[\w'’\-]+")
_NOT_KEYWORD = re.compile(r"[\d\-]")
_LETTERS = bytes(ord(chr(i).lower()) if i < 128 and chr(i).isalpha() else 32 for i in range(256))
_WORD_MARKS = bytes(97 if i < 128 and chr(i).isalnum() else 32 for i in range(256))
_NOT_MARKED = bytes(i for i in range(256) if not (i < 128 and (chr(i).isalnum() or chr(i) in " \t\n\r\x0b\x0c")))
_PUNCTUATION = "“”‘–—…•"  # three bytes each in UTF-8, never part of a word

_FUNCTION_WORDS = frozenset(
    """
    a an the and or but nor of to in on at by for with from as into onto about over under than then
    is are was were be been being am do does did have has had can could may might will would shall
    should must it its it's this that these those there their they them he she his her you your we our
    i me my not no so if when while which who whom what how why all any some more most such also very
    just only one two s t
    """.split()
)
_FUNCTION_BYTES = frozenset(w.encode() for w in _FUNCTION_WORDS)


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


def _passes(n: int, total: int, st: dict, count_key: str, rate_key: str) -> bool:
    return n >= st[count_key] and n * 1000 / total >= st[rate_key]


def _least(total: int, st: dict) -> int:
    """The fewest uses that pass both thresholds on a page of `total` words."""
    rate = max(st["per-1000-words"], st["second-per-1000-words"])
    n = max(1, int(max(st["min-count"], st["second-min-count"])), int(rate * total / 1000) - 1)  # not past the answer
    while not (_passes(n, total, st, "min-count", "per-1000-words") and _passes(n, total, st, "second-min-count", "second-per-1000-words")):
        n += 1
    return n


def _may_be_stuffed(analysis: Analysis, st: dict, title: set[str]) -> bool:
    """False when no phrase can pass both thresholds, from byte counts that never undercount: most pages
    are ruled out at a fraction of the cost of finding their words.

    A phrase is used no more often than any of its words. A word holding an apostrophe or a non-ASCII
    letter is used no more often than there are such characters; any other word is a run of ASCII
    letters, so a phrase of such words is used no more often than that sequence of runs. The page has
    at least as many words as stretches between spaces that hold an ASCII letter or digit.
    """
    text = "\n".join([b.text for b in analysis.doc.blocks])
    if "\u212a" in text or "\u0130" in text:  # the Kelvin sign and dotted capital I lower to ASCII letters
        return True
    raw = text.encode()
    others = text.count("'")
    if len(raw) != len(text):
        others += len(raw) - len(text) - 2 * sum(text.count(p) for p in _PUNCTUATION)
    runs = raw.translate(_LETTERS).split()
    counts = Counter(runs)
    fewest = max(st["min-count"], st["second-min-count"])
    # Runs that may start or end a phrase: used often enough, not a function word, not in the title.
    eligible = set(compress(counts, map(fewest.__le__, counts.values()))) - _FUNCTION_BYTES - {w.encode() for w in title if w.isascii()}
    if others < fewest and not eligible:
        return False
    marks = raw.translate(_WORD_MARKS, _NOT_MARKED)  # "a" for ASCII letters and digits, " " for ASCII spaces
    total = marks.count(b" a") + marks.startswith(b"a")
    if not total:
        return True
    least = _least(total, st)
    if others >= least:
        return True
    ends = {w for w in eligible if counts[w] >= least}
    if not ends:
        return False
    at = list(compress(count(), map(ends.__contains__, runs)))
    phrases = Counter(tuple(runs[i : i + n]) for i in at for n in (2, 3) if i + n <= len(runs))
    return any(n >= least and g[-1] in ends for g, n in phrases.items())


def _lowered(found: list[str]) -> list[str]:
    """Words as phrases compare them: lower case, curly apostrophes straight."""
    return " ".join(found).lower().replace("’", "'").split(" ") if found else []


def _phrases(block_words: list[tuple], starts: set[str], ends: set[str]) -> dict[tuple[str, ...], list]:
    """Each two- and three-word phrase within a sentence from a word in `starts` to one in `ends`, with its
    uses as (block, sentence start, sentence end, first word, last word), in order of first use."""
    uses: dict[tuple[str, ...], list] = {}
    for block, words in block_words:
        if starts.isdisjoint(words):
            continue
        for lo, hi in block.sentences:
            sent = _lowered(sentences.words(block.text[lo:hi]))
            first = [i for i, w in enumerate(sent) if w in starts]
            for n in (2, 3):
                for i in first:
                    j = i + n - 1
                    if j < len(sent) and sent[j] in ends:
                        uses.setdefault(tuple(sent[i : j + 1]), []).append((block, lo, hi, i, j))
    return uses


def _spans(found: list, cache: dict) -> list[tuple]:
    """The uses of one phrase as (block, start, end) prose offsets; `cache` keeps each sentence's word spans."""
    out = []
    for block, lo, hi, i, j in found:
        key = (block.index, lo)
        if key not in cache:
            cache[key] = sentences.word_spans(block.text, lo, hi)
        spans = cache[key]
        out.append((block, spans[i][0], spans[j][1]))
    return out


def check(active: ActiveRule, analysis: Analysis) -> Iterator[Finding]:
    st = active.settings
    title = _title_words(analysis)
    if not _may_be_stuffed(analysis, st, title):
        return
    block_words = [(b, _lowered(sentences.words(b.text))) for b in analysis.doc.blocks]
    counts = Counter(chain.from_iterable(words for _, words in block_words))
    total = sum(counts.values())
    if not total:
        return

    def passes(found: list, count_key: str, rate_key: str) -> bool:
        return _passes(len(found), total, st, count_key, rate_key)

    # A phrase is used no more often than its first and last words: only words frequent enough,
    # and allowed at either end, can make one worth counting.
    ends = {
        w
        for w, n in counts.items()
        if _passes(n, total, st, "second-min-count", "second-per-1000-words")
        and w not in _FUNCTION_WORDS
        and w not in title
        and not _NOT_KEYWORD.search(w)
    }
    starts = {w for w in ends if not w.isdigit()}
    if not any(_passes(counts[w], total, st, "min-count", "per-1000-words") for w in starts):
        return
    spans: dict = {}
    frequent = {
        g: _spans(u, spans)
        for g, u in _phrases(block_words, starts, ends).items()
        if passes(u, "second-min-count", "second-per-1000-words")
        and not set(g) & title
        and not any(_NOT_KEYWORD.search(w) for w in g)
    }
    keywords = {g: u for g, u in frequent.items() if not _is_name(u)}
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


KIND = Kind("claim-keyword-stuffing", fields=(), placeholders=frozenset({"match", "count", "words", "rate"}), compile=compile, check=check)
