"""Trigger words: words one of which every match of a pattern holds as a whole token.

A block whose tokens (`Block.tokens`) include none of a pattern's trigger words cannot
match it, so the pattern is never run there; most blocks skip most phrase lists this way.
The words are read from the pattern's structure, so rule packs need no extra keys. When
the structure gives no certain answer the result is None and the pattern always runs.
"""

from __future__ import annotations

import hashlib
import warnings
from itertools import product
from pathlib import Path
from re import _constants as C
from re import _parser as sre

import regex

from healthlint import __version__
from healthlint.patterns import pattern_cache
from healthlint.text.words import fold

# Word characters as the `regex` package (which runs the patterns) defines them, not as `re` does.
_WORD = regex.compile(r"\w")
_TOKEN = regex.compile(r"\w+")
MAX_STRINGS = 400  # a longer list of spellings is not worth expanding
_WORD_CATEGORIES = {C.CATEGORY_WORD, C.CATEGORY_UNI_WORD, C.CATEGORY_LOC_WORD}
_NON_WORD_CATEGORIES = {C.CATEGORY_SPACE, C.CATEGORY_UNI_SPACE, C.CATEGORY_NOT_WORD, C.CATEGORY_UNI_NOT_WORD}
_EDGES = {C.AT_BOUNDARY, C.AT_UNI_BOUNDARY, C.AT_LOC_BOUNDARY}
_STARTS = {C.AT_BEGINNING, C.AT_BEGINNING_STRING, C.AT_BEGINNING_LINE}
_ENDS = {C.AT_END, C.AT_END_STRING, C.AT_END_LINE}
_GROUPS = {C.BRANCH, C.SUBPATTERN, getattr(C, "ATOMIC_GROUP", C.SUBPATTERN)}
_REPEATS = {C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", C.MAX_REPEAT)}
# `regex` syntax that the stdlib parser reads without error but otherwise: "{e<=1}" (fuzzy
# matching) and "[[:alpha:]]" (POSIX classes) look like literal text to it.
_READ_OTHERWISE = regex.compile(r"\{(?!\d*,?\d*\})|\[\[?:")
# Very common words make poor triggers: a pattern is better keyed on its rarer words.
_COMMON = frozenset("a an the and or of to in on for is are be it as at by with not you your can may this that".split())


def _source_stamp() -> str:
    """What identifies this reading code: its own text (the reading of patterns is kept between runs)."""
    global _STAMP
    if _STAMP is None:
        try:
            _STAMP = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
        except OSError:  # not a plain file (a zipped install): key on the version instead
            _STAMP = __version__
    return _STAMP


_STAMP: str | None = None


def trigger_words(pattern: str) -> frozenset[str] | None:
    """Casefolded words one of which every match holds as a whole \\w+ token; None when unsure."""
    return pattern_cache.derived(f"trigger-words {_source_stamp()}", pattern, _trigger_words, _words_or_none)


def required_strings(pattern: str) -> list[tuple[str, ...]]:
    """Sets of folded strings of two characters or more, one of each in every match of the
    pattern: a looser test than trigger words, for patterns that hold parts of words."""
    kept = pattern_cache.derived(f"required-strings {_source_stamp()}", pattern, _required_tuple, _string_sets)
    return list(kept)


def _words_or_none(value: object) -> bool:
    return value is None or (isinstance(value, frozenset) and all(isinstance(w, str) for w in value))


def _string_sets(value: object) -> bool:
    return isinstance(value, tuple) and all(isinstance(t, tuple) and all(isinstance(w, str) for w in t) for t in value)


def _required_tuple(pattern: str) -> tuple[tuple[str, ...], ...]:
    return tuple(_required_strings(pattern))


def _trigger_words(pattern: str) -> frozenset[str] | None:
    if _READ_OTHERWISE.search(pattern):
        return None
    try:
        with warnings.catch_warnings():  # the stdlib's warnings about its own future syntax are not ours
            warnings.simplefilter("ignore")
            tree = sre.parse(pattern, 0)
        found = _sequence(list(tree), False, False)
    except Exception:  # a pattern the stdlib cannot read (regex-only syntax): no prefilter
        return None
    finally:
        _FINITE.clear()
    return frozenset(found) if found else None


def whole_words(term: str) -> list[str]:
    """The folded words of a phrase that every match of matching.term_pattern(term) holds whole.
    A word at an edge is whole when the phrase starts or ends there with a letter or digit
    (term_pattern then asserts a word edge); inside, non-word characters separate words."""
    term = term.strip()
    folded = fold(term)
    return [
        m.group()
        for m in _TOKEN.finditer(folded)
        if (m.start() > 0 or term[:1].isalnum()) and (m.end() < len(folded) or term[-1:].isalnum())
    ]


def term_words(term: str) -> frozenset[str] | None:
    """trigger_words(matching.term_pattern(term)), read straight from the phrase: its longest whole word."""
    whole = whole_words(term)
    return frozenset([max(whole, key=lambda w: (w not in _COMMON, len(w)))]) if whole else None


def _required_strings(pattern: str) -> list[tuple[str, ...]]:
    if _READ_OTHERWISE.search(pattern):
        return []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = _required(list(sre.parse(pattern, 0)))
    except Exception:  # regex-only syntax: nothing is known
        return []
    finally:
        _FINITE.clear()
    return [tuple(sorted(s)) for s in found if min(map(len, s)) >= 2 and len(s) <= 12]


_SPELLINGS = 64  # a run with more spellings than this is cut in two


def _required(items) -> list[set[str]]:
    """Runs of items with few spellings, and what the groups between them require."""
    out: list[set[str]] = []
    run = {""}
    for op, av in items:
        strings = _finite(op, av)
        if strings is not None and len(strings) <= _SPELLINGS:
            if len(run) * len(strings) <= _SPELLINGS:
                run = {a + b for a in run for b in strings}
                continue
            _keep(run, out)
            run = strings
            continue
        _keep(run, out)
        run = {""}
        if op is C.SUBPATTERN:
            out += _required(list(av[-1]))
        elif op is C.BRANCH:
            best = [_best(_required(list(alt))) for alt in av[1]]
            if all(best):
                out.append(set().union(*best))
        elif op in _REPEATS and av[0] >= 1:
            out += _required(list(av[2]))
    _keep(run, out)
    return out


def _keep(run: set[str], out: list[set[str]]) -> None:
    if "" not in run:
        out.append(run)


def _best(found: list[set[str]]) -> set[str] | None:
    return max(found, key=lambda s: (min(map(len, s)), -len(s)), default=None)


def _is_word(ch: str) -> bool:
    return bool(_WORD.match(ch))


def _class_chars(items) -> set[str] | None:
    """The characters of a small positive class, or None."""
    chars: set[str] = set()
    for op, av in items:
        if op is C.LITERAL:
            chars.add(chr(av))
        elif op is C.RANGE and av[1] - av[0] < 16:
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        else:
            return None
    return chars


def _non_word_char(op, av) -> bool:
    """The item matches exactly one character, and never a word character."""
    if op is C.LITERAL:
        return not _is_word(chr(av))
    if op is not C.IN:
        return False
    if av and av[0][0] is C.NEGATE:
        return any(o is C.CATEGORY and a in _WORD_CATEGORIES for o, a in av[1:])
    for o, a in av:
        if o is C.CATEGORY:
            if a not in _NON_WORD_CATEGORIES:
                return False
        elif o is C.LITERAL:
            if _is_word(chr(a)):
                return False
        elif o is C.RANGE:
            if a[1] - a[0] > 64 or any(_is_word(chr(c)) for c in range(a[0], a[1] + 1)):
                return False
        else:
            return False
    return True


def _covers_word_chars(sub) -> bool:
    """A one-item class that includes every word character (as in (?<![\\w-]))."""
    if len(sub) != 1:
        return False
    op, av = sub[0]
    return op is C.IN and not (av and av[0][0] is C.NEGATE) and any(o is C.CATEGORY and a in _WORD_CATEGORIES for o, a in av)


def _separator(op, av) -> bool:
    """Consumes at least one character, all of them non-word."""
    if op in _REPEATS:
        lo, _hi, sub = av
        return lo >= 1 and len(sub) == 1 and _non_word_char(*sub[0])
    return _non_word_char(op, av)


def _zero_width(op, av) -> tuple[bool, bool] | None:
    """For an assertion: (guards what follows, guards what precedes) a token edge; None if it consumes text."""
    if op is C.AT:
        return (av in _EDGES or av in _STARTS, av in _EDGES or av in _ENDS)
    if op is C.ASSERT_NOT:
        direction, sub = av
        covers = _covers_word_chars(list(sub))
        return (covers and direction < 0, covers and direction > 0)
    if op is C.ASSERT:
        direction, sub = av
        sub = list(sub)
        if direction < 0:
            return (bool(sub) and _separator(*sub[-1]), False)
        return (False, bool(sub) and _separator(*sub[0]))
    return None


_FINITE: dict[int, set[str] | None] = {}  # _finite per parsed item, while one pattern is read


def _finite(op, av) -> set[str] | None:
    """Every string the item can match, folded, when there are few; else None."""
    key = id(av)
    if key not in _FINITE or op is C.LITERAL:
        _FINITE[key] = _finite_uncached(op, av)
    return _FINITE[key]


def _finite_uncached(op, av) -> set[str] | None:
    if op is C.LITERAL:
        return {fold(chr(av))}
    if op is C.IN:
        chars = None if av and av[0][0] is C.NEGATE else _class_chars(av)
        return {fold(c) for c in chars} if chars is not None else None
    if op is C.SUBPATTERN:
        return _finite_sequence(list(av[-1]))
    if op is getattr(C, "ATOMIC_GROUP", None):
        return _finite_sequence(list(av))
    if op is C.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            strings = _finite_sequence(list(alt))
            if strings is None:
                return None
            out |= strings
        return out if len(out) <= MAX_STRINGS else None
    if op in _REPEATS:
        lo, hi, sub = av
        if hi > 3:
            return None
        one = _finite_sequence(list(sub))
        if one is None:
            return None
        out = set()
        for n in range(lo, hi + 1):
            out |= {"".join(p) for p in product(one, repeat=n)}
            if len(out) > MAX_STRINGS:
                return None
        return out
    if _zero_width(op, av) is not None:
        return {""}
    return None


def _finite_sequence(items) -> set[str] | None:
    out = {""}
    for op, av in items:
        strings = _finite(op, av)
        if strings is None:
            return None
        out = {a + b for a in out for b in strings}
        if len(out) > MAX_STRINGS:
            return None
    return out


def _bounded_before(items, i: int, outer: bool) -> bool:
    """The character before item i is sure to be a non-word character (or the start of the text)."""
    for op, av in reversed(items[:i]):
        zero = _zero_width(op, av)
        if zero is not None:
            if zero[0]:
                return True
            continue
        edge = _edge(op, av, -1)
        if edge != "optional":  # an optional group ending in a separator: look further back
            return edge == "separator"
    return outer


def _bounded_after(items, i: int, outer: bool) -> bool:
    for op, av in items[i + 1 :]:
        zero = _zero_width(op, av)
        if zero is not None:
            if zero[1]:
                return True
            continue
        edge = _edge(op, av, 0)
        if edge != "optional":
            return edge == "separator"
    return outer


def _edge(op, av, end: int) -> str:
    """What an item consumes at its end (-1) or start (0): "separator" if always a non-word
    character, "optional" if nothing or such a character, else "other"."""
    if _separator(op, av):
        return "separator"
    if op is C.SUBPATTERN:
        return _sequence_edge(list(av[-1]), end)
    if op is C.BRANCH:
        edges = {_sequence_edge(list(alt), end) for alt in av[1]}
        return "other" if "other" in edges else "optional" if "optional" in edges else "separator"
    if op in _REPEATS:
        inner = _sequence_edge(list(av[2]), end)
        return "other" if inner == "other" else inner if av[0] >= 1 else "optional"
    return "other"


def _sequence_edge(items, end: int) -> str:
    consuming = [item for item in items if _zero_width(*item) is None]
    for op, av in consuming if end == 0 else reversed(consuming):
        edge = _edge(op, av, end)
        if edge != "optional":
            return edge
    return "optional"


def _run_words(strings: set[str], left: bool, right: bool) -> set[str] | None:
    """One whole token from each string a run can match; None if some string has none."""
    out = set()
    for s in strings:
        whole = [
            m.group()
            for m in _TOKEN.finditer(s)
            if (m.start() > 0 or left) and (m.end() < len(s) or right)
        ]
        if not whole:
            return None
        out.add(max(whole, key=lambda w: (w not in _COMMON, len(w))))
    return out


def _score(words: set[str]) -> tuple:
    """Lower is a better trigger set: fewer common words, longer words, fewer of them."""
    return (sum(w in _COMMON for w in words), -min(len(w) for w in words), len(words))


def _sequence(items, left: bool, right: bool) -> set[str] | None:
    """The best trigger set for a sequence of items, given whether its edges are word-bounded."""
    candidates: list[set[str]] = []
    i = 0
    while i < len(items):  # runs of items that match few strings: "take", "tablets?", "don['’]t"
        if _finite(*items[i]) is None or _zero_width(*items[i]) is not None:
            i += 1
            continue
        j = last = i  # the run spans assertions too, but ends on its last consuming item
        while j + 1 < len(items) and _finite(*items[j + 1]) is not None:
            j += 1
            if _zero_width(*items[j]) is None:
                last = j
        strings = _finite_sequence(items[i : last + 1])
        if strings is not None:
            words = _run_words(strings, _bounded_before(items, i, left), _bounded_after(items, last, right))
            if words:
                candidates.append(words)
        i = j + 1
    for i, (op, av) in enumerate(items):  # groups every match passes through, read inside
        if not (op in _GROUPS or (op in _REPEATS and av[0] >= 1)):
            continue
        before, after = _bounded_before(items, i, left), _bounded_after(items, i, right)
        found: set[str] | None = None
        if op is C.BRANCH:
            found = set()
            for alt in av[1]:
                words = _sequence(list(alt), before, after)
                if words is None:
                    found = None
                    break
                found |= words
        elif op is C.SUBPATTERN:
            found = _sequence(list(av[-1]), before, after)
        elif op is getattr(C, "ATOMIC_GROUP", None):
            found = _sequence(list(av), before, after)
        elif op in _REPEATS and av[0] >= 1:
            found = _sequence(list(av[2]), before, False)
        if found:
            candidates.append(found)
    return min(candidates, key=_score) if candidates else None
