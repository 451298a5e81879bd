"""The context layer: for any span of prose, how it is said and about whom, read once, as data.

Every recogniser asks the same questions of the words it found: is this negated or dismissed,
a question, hypothetical or historical, reported from a study, a trial or a case, said of
someone other than the reader, or said to the reader? The answers come from the `[[context]]`
entries of the rule packs (rules/context.toml and any user pack), in the manner of the ConText
algorithm (Harkema et al. 2009, J Biomed Inform 42(5):839-851; medspaCy's ConText): each entry
is a trigger that sets one property on the words within its reach.

An entry's keys (rulepack reads them; `compile_trigger` checks them):
  property     one of PROPERTIES (for terminate and pseudo entries, a list of them)
  direction    "forward" (the words after it), "backward" (before it), "both"; "terminate":
               its words end the reach of its properties' triggers; "pseudo": its words look like
               a trigger of its properties but are not one, and a trigger inside them is void
  scope        "sentence", "clause" (up to , ; : a bracket or a dash, or a terminate entry of
               property "clause"), or a number of words; a reach never leaves its sentence
  at           "anywhere" (default) or "clause-start": the trigger must open its clause
  phrases, patterns   what it matches (phrases as whole words, any case; patterns as `regex`)
  terminators, pseudo  phrases that end this entry's reach, or inside which it is void
  why, examples        its source, and texts with the target in [brackets] that the tests run
A trigger that overlaps the span applies to it; one inside brackets applies only within them.

The API, for any recogniser (the marks are found per block, on first use, with the one prefilter
every pattern has: its trigger words, patterns.triggers):

    from healthlint.recognisers import context
    ctx = context.at(analysis, block, start, end)   # the Context of block.text[start:end]
    ctx.negated, ctx.dismissed, ctx.question, ctx.hypothetical, ctx.historical, ctx.reported,
    ctx.attributed, ctx.disputed, ctx.instructed          # bool
    ctx.experiencer                                       # "writer", "other", "reader" or None
    ctx.has("reported"), ctx.by["reported"]               # and the ids of the entries that set it

`analysis.shared.context` holds the compiled entries (setup.registry builds them from the packs).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

import regex

from healthlint.analysis import Analysis
from healthlint.errors import KindError
from healthlint.patterns import matching, pattern_cache
from healthlint.text.document import Block

PROPERTIES = (
    "negated",  # "not", "no", "never": the words are denied (NegEx, ConText's negated existence)
    "dismissed",  # "no need to", "instead of", "unlike": an action the text turns the reader away from
    "question",  # asked, not said
    "hypothetical",  # "if you were to", "imagine": not happening (ConText's hypothetical)
    "historical",  # "used to", "in the 1950s": past practice (ConText's historical)
    "reported",  # a study, trial, case, regimen, approval, what a food holds or a diet allows
    "attributed",  # reported speech: "the FDA says", "fact-checkers found", "according to"
    "disputed",  # a claim the article rejects: "myth", "false", "debunked"
    "other",  # about someone other than the reader: a patient in a case report, "my doctor told me"
    "writer",  # the writer's own history: "I started on 10 mg in July"
    "reader",  # about the reader: "you", "your"
    "instructed",  # said to the reader as an instruction, or an impersonal recommendation
)
CLAUSE = "clause"  # the property of terminate entries that end every clause-wide reach
DIRECTIONS = ("forward", "backward", "both", "terminate", "pseudo")
FIELDS = frozenset({"id", "property", "direction", "scope", "at", "phrases", "patterns", "terminators", "pseudo", "what", "why", "examples"})
# Where a clause ends whatever the packs say: these marks (a comma inside a number does not count).
_BREAK = pattern_cache.compile(r"[;:()\[\]—–]|,(?!\d{3})|\s-\s")
_WORD = pattern_cache.compile(r"\w+")
_ASIDE = pattern_cache.compile(r"\([^()]{0,200}\)")
# What may stand between a clause's start and the instruction that opens it: spaces, list marks,
# opening quotes, and a joining or softening word ("and take", "then use", "please ask").
_OPEN = pattern_cache.compile(r"(?:[\s\-–•*>\"“‘'(\d.)]|(?:and|or|then|so|please|also|first|now|just|simply)\b)*", regex.IGNORECASE)


@dataclass(frozen=True)
class Trigger:
    """One compiled `[[context]]` entry."""

    id: str
    properties: tuple[str, ...]
    direction: str
    scope: str | int
    clause_start: bool
    matcher: matching.Alternation
    terminators: matching.Alternation | None
    pseudo: matching.Alternation | None
    why: str
    examples: dict[str, tuple[str, ...]] = field(compare=False)


def _strings(entry: dict, key: str) -> list[str]:
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise KindError(f"key {key!r} must be a list of non-empty strings")
    return value


def compile_trigger(entry: dict) -> Trigger:
    """A `[[context]]` entry, checked and compiled; raises KindError naming the key at fault."""
    unknown = set(entry) - FIELDS
    if unknown:
        raise KindError(f"unknown key {sorted(unknown)[0]!r} (known: {', '.join(sorted(FIELDS))})")
    tid = entry.get("id")
    if not isinstance(tid, str) or not tid.strip():
        raise KindError("key 'id' must be a non-empty string")
    direction = entry.get("direction")
    if direction not in DIRECTIONS:
        raise KindError(f"key 'direction' must be one of {', '.join(DIRECTIONS)}")
    props = entry.get("property")
    props = [props] if isinstance(props, str) else props
    allowed = (*PROPERTIES, CLAUSE) if direction == "terminate" else PROPERTIES
    if not isinstance(props, list) or not props or any(p not in allowed for p in props):
        raise KindError(f"key 'property' must be one of {', '.join(allowed)}")
    if len(props) > 1 and direction not in ("terminate", "pseudo"):
        raise KindError("key 'property': a trigger sets one property (only terminate and pseudo entries take a list)")
    scope = entry.get("scope", "sentence")
    if not (scope in ("sentence", "clause") or (isinstance(scope, int) and not isinstance(scope, bool) and scope > 0)):
        raise KindError("key 'scope' must be \"sentence\", \"clause\" or a number of words above 0")
    at = entry.get("at", "anywhere")
    if at not in ("anywhere", "clause-start"):
        raise KindError("key 'at' must be \"anywhere\" or \"clause-start\"")
    why = entry.get("why")
    if not isinstance(why, str) or not why.strip():
        raise KindError("key 'why' must be a non-empty string (the source of the trigger)")
    matcher = matching.compile_alternation(_strings(entry, "phrases"), _strings(entry, "patterns"), False, "patterns")
    if matcher is None:
        raise KindError("needs 'phrases' or 'patterns'")
    examples = entry.get("examples", {})
    kinds = ("does-not-apply",) if direction in ("terminate", "pseudo") else ("applies", "does-not-apply")
    if not isinstance(examples, dict) or set(examples) - set(kinds):
        raise KindError(f"key 'examples' must be a table of {' and '.join(repr(k) for k in kinds)} lists")
    texts = {k: tuple(_strings(examples, k)) for k in kinds}
    if not any(texts.values()) or (direction not in ("terminate", "pseudo") and not texts["applies"]):
        raise KindError(f"key 'examples' needs at least one {kinds[0]!r} example")
    for text in (t for ts in texts.values() for t in ts):
        target(text)  # raises KindError for a text without one [target]
    ends = matching.compile_alternation(_strings(entry, "terminators"), [], False, "terminators")
    pseudo = matching.compile_alternation(_strings(entry, "pseudo"), [], False, "pseudo")
    return Trigger(tid, tuple(props), direction, scope, at == "clause-start", matcher, ends, pseudo, why, texts)


def target(example: str) -> tuple[str, int, int]:
    """An example's text without its brackets, and where its one [target] stands."""
    start, end = example.find("["), example.find("]")
    if start < 0 or end < start or example.count("[") != 1 or example.count("]") != 1:
        raise KindError(f"key 'examples': {example!r} must mark its target once, in [brackets]")
    return example[:start] + example[start + 1 : end] + example[end + 1 :], start, end - 1


@dataclass(frozen=True)
class ContextRules:
    """Every pack's `[[context]]` entries, compiled; what `analysis.shared.context` holds."""

    triggers: tuple[Trigger, ...]

    def __post_init__(self) -> None:
        by_direction: dict[str, list[Trigger]] = {}
        for t in self.triggers:
            by_direction.setdefault("scoping" if t.direction in ("forward", "backward", "both") else t.direction, []).append(t)
        object.__setattr__(self, "scoping", tuple(by_direction.get("scoping", ())))
        object.__setattr__(self, "ends", tuple(by_direction.get("terminate", ())))
        object.__setattr__(self, "pseudos", tuple(by_direction.get("pseudo", ())))


@dataclass(frozen=True)
class Context:
    """What the context layer says of one span: the properties set on it, and by which entries."""

    by: dict[str, tuple[str, ...]]  # property -> ids of the entries that set it, in text order

    def has(self, prop: str) -> bool:
        return prop in self.by

    negated = property(lambda self: "negated" in self.by)
    dismissed = property(lambda self: "dismissed" in self.by)
    question = property(lambda self: "question" in self.by)
    hypothetical = property(lambda self: "hypothetical" in self.by)
    historical = property(lambda self: "historical" in self.by)
    reported = property(lambda self: "reported" in self.by)
    attributed = property(lambda self: "attributed" in self.by)
    disputed = property(lambda self: "disputed" in self.by)
    instructed = property(lambda self: "instructed" in self.by)

    @property
    def experiencer(self) -> str | None:
        """Whom the words are about: the writer's own story, another person, the reader, or unsaid."""
        for who in ("writer", "other"):
            if who in self.by:
                return who
        return "reader" if "reader" in self.by or "instructed" in self.by else None


@dataclass(frozen=True)
class _Mark:
    start: int
    end: int
    trigger: Trigger


class _BlockMarks:
    """One block's trigger, terminator and clause-break positions, found once."""

    def __init__(self, rules: ContextRules, block: Block) -> None:
        text, tokens = block.text, block.tokens
        self.text = text
        self.breaks = [m.start() for m in _BREAK.finditer(text)]
        self.sentences = block.sentences or [(0, len(text))]
        self.starts = [s for s, _ in self.sentences]
        pseudo: dict[str, list[tuple[int, int]]] = {}
        for t in rules.pseudos:
            for m in t.matcher.finditer(text, tokens=tokens):
                for p in t.properties:
                    pseudo.setdefault(p, []).append(m.span())
        self.ends: dict[str, list[int]] = {}
        self._clause_words_end: list[int] = []
        for t in rules.ends:
            for m in t.matcher.finditer(text, tokens=tokens):
                for p in t.properties:
                    self.ends.setdefault(p, []).append(m.start())
                if CLAUSE in t.properties:
                    self._clause_words_end.append(m.end())
        for spans in self.ends.values():
            spans.sort()
        self.clause_ends = sorted(set(self.breaks) | set(self.ends.get(CLAUSE, [])))
        # Where each clause's own words begin: after a break's mark, or after the joining word that opens it.
        self.clause_opens = sorted({b + 1 for b in self.breaks} | set(self._clause_words_end))
        marks: list[_Mark] = []
        for t in rules.scoping:
            void = pseudo.get(t.properties[0], []) + ([m.span() for m in t.pseudo.finditer(text, tokens=tokens)] if t.pseudo else [])
            for m in t.matcher.finditer(text, tokens=tokens):
                if any(s <= m.start() and m.end() <= e for s, e in void):
                    continue
                if t.clause_start and not self._opens_clause(m.start()):
                    continue
                marks.append(_Mark(m.start(), m.end(), t))
        self.marks = sorted(marks, key=lambda k: (k.start, k.end))
        self.asides = [m.span() for m in _ASIDE.finditer(text)] if "(" in text else []
        self.mark_starts = [k.start for k in self.marks]

    def _opens_clause(self, pos: int) -> bool:
        """Only list marks, quotes, spaces and a joining word stand between its clause's start and `pos`."""
        begin = self.sentence(pos)[0]
        i = bisect.bisect_right(self.clause_opens, pos)
        if i and self.clause_opens[i - 1] > begin:
            begin = self.clause_opens[i - 1]
        return _OPEN.match(self.text, begin, pos).end() >= pos

    def sentence(self, pos: int) -> tuple[int, int]:
        return self.sentences[max(bisect.bisect_right(self.starts, pos) - 1, 0)]

    def reaches(self, mark: _Mark, lo: int, hi: int) -> bool:
        """The gap text[lo:hi] between a trigger and the span lies within the trigger's reach."""
        t = mark.trigger
        for p in t.properties:
            ends = self.ends.get(p, ())
            i = bisect.bisect_left(ends, lo)
            if i < len(ends) and ends[i] < hi:
                return False
        if t.terminators and t.terminators.search(self.text, lo, hi):
            return False
        if t.scope == "clause":
            i = bisect.bisect_left(self.clause_ends, lo)
            if i < len(self.clause_ends) and self.clause_ends[i] < hi:
                return False
        elif isinstance(t.scope, int) and len(_WORD.findall(self.text, lo, hi)) > t.scope:
            return False
        return True

    def context(self, start: int, end: int) -> Context:
        s, e = self.sentence(start)
        by: dict[str, list[str]] = {}
        i = bisect.bisect_left(self.mark_starts, s)
        while i < len(self.marks) and self.marks[i].start < e:
            mark = self.marks[i]
            i += 1
            if mark.end > e:
                continue
            t = mark.trigger
            aside = next(((a, b) for a, b in self.asides if a <= mark.start and mark.end <= b), None)
            if aside and not (aside[0] <= start and end <= aside[1]):
                continue  # a trigger in brackets speaks of the aside only ("(the unit used to measure it)")
            if mark.start < end and start < mark.end:
                applies = True
            elif mark.end <= start:
                applies = t.direction in ("forward", "both") and self.reaches(mark, mark.end, start)
            else:
                applies = t.direction in ("backward", "both") and self.reaches(mark, end, mark.start)
            if applies:
                by.setdefault(t.properties[0], []).append(t.id)
        return Context({p: tuple(ids) for p, ids in by.items()})


class Contexts:
    """The fact: each block's marks, found the first time a span in it is asked about."""

    def __init__(self, rules: ContextRules) -> None:
        self.rules = rules
        self._blocks: dict[int, _BlockMarks] = {}

    def at(self, block: Block, start: int, end: int) -> Context:
        marks = self._blocks.get(block.index)
        if marks is None:
            marks = self._blocks[block.index] = _BlockMarks(self.rules, block)
        return marks.context(start, end)


def contexts(analysis: Analysis, rules: ContextRules) -> Contexts:
    """Use as `analysis.fact(contexts, rules)`; `at` below does."""
    return Contexts(rules)


def at(analysis: Analysis, block: Block, start: int, end: int) -> Context:
    """The Context of block.text[start:end] under the document's context rules."""
    return analysis.fact(contexts, rules_of(analysis)).at(block, start, end)


def rules_of(analysis: Analysis) -> ContextRules:
    shared: Any = analysis.shared
    if shared is None:
        raise ValueError("this Analysis was made without the packs' shared data (Analysis(doc, shared))")
    return shared.context
