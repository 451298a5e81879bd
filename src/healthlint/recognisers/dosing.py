"""The dose recogniser: every dosing statement in an article's prose, found once per document.

A sentence is a dosing statement when it gives an amount (a number with a unit or dose
form) or a schedule, in words that instruct the reader ("take", "the usual dose",
"adults:"), and does not report what others took or what food contains ("participants
took", "a cup of milk has"). Advice on changing the dose without numbers is titration.
Rules read `analysis.fact(doses)`; nothing else re-runs this.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate, repeat
from operator import add, attrgetter
from typing import Iterator

import regex

from healthlint.analysis import Analysis
from healthlint.patterns import pattern_cache
from healthlint.recognisers import context
from healthlint.patterns.triggers import trigger_words
from healthlint.text.document import Block
from healthlint.text.words import fold

_F = regex.IGNORECASE | regex.V0

_WORD_NUM = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred)"
_DIGITS = r"(?:\d{1,3}(?:[,  ]\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?|\.\d+)"
_FRACTION = r"(?:\d+\s*/\s*\d+|(?:\d+\s*)?[½¼¾⅓⅔⅛])"
_ONE_NUM = rf"(?:{_FRACTION}|{_DIGITS}|{_WORD_NUM}(?:[-\s]and[-\s]a[-\s]half)?|one[-\s]half|half(?:\s+an?)?|a\s+half|(?:a\s+)?single|a\s+quarter(?:\s+of\s+an?)?)"
NUMBER = rf"(?:{_ONE_NUM}(?:\s*(?:-|–|—|to|or)\s*{_ONE_NUM})?)"

# Units and dose forms. Lab units (mg/dL, mmol/L) and rates other than per kg or per day are not doses.
_MASS = r"(?:mg|mcg|µg|μg|ug|(?-i:g|gm)|grams?|milligrams?|micrograms?|kg(?=\s+of\b)|ng|nanograms?|ml|millilit(?:er|re)s?|l|lit(?:er|re)s?|iu|i\.u\.|units?|u|mbq|gbq)"
_FORM = (
    r"(?:drops?|puffs?|sprays?|inhalations?|tablets?|tabs?|capsules?|caps|pills?|gumm(?:y|ies)|softgels?|soft\s+gels?"
    r"|scoops?|dropperfuls?|droppers?(?:ful)?|servings?|teaspoons?(?:ful)?|tsps?|tablespoons?(?:ful)?|tbsps?"
    r"|sachets?|lozenges?|patch(?:es)?|suppositor(?:y|ies)|ampoules?|vials?|pens?|injections?|doses?|applications?"
    r"|pumps?|sticks?|chews?|caplets?|measures?|spoonfuls?|infusions?|pessar(?:y|ies)|inhalers?)"
)
_PER = r"(?:\s*/\s*kg|\s+per\s+(?:kg|kilogram)(?:\s+of\s+(?:body\s+)?weight)?|\s*/\s*m2|\s*/\s*(?:day|d)\b)"
_NOT_LAB = r"(?!\.\w)(?![-‐>])(?!\s*/\s*(?:d?l|ml|dl|g|min|h|hr|hour|mmol)\b)(?!\s*(?:\(\w+\)\s*)?per\s+(?:deci)?lit)"
_SIZE = r"(?:\s+(?:small|large|extra|whole|full|level|heaped|heaping|rounded|separate|single|additional|more|further|individual))"
# One word naming the tablets between the number and the form: "3 glucose tablets", "two Tylenol caplets".
_NOT_NAMES = (
    "million|billion|thousand|hundred|in|of|or|to|and|per|a|an|the|fewer|less|combined|different|other|new|same"
    "|years?|days?|weeks?|months?|hours?|times?"
)
_NAMED = rf"(?:\s+(?!(?:{_NOT_NAMES})\b)[a-z][a-z-]{{2,}})"
AMOUNT = rf"(?:(?<![\w.,/])|(?<=(?-i:[a-z]{{3}}))(?=\d))(?<!\d[\s ])(?<!\d\s+(?:in|per)\s+){NUMBER}(?:\s*{_MASS}|(?:{_SIZE}|{_NAMED})?\s*{_FORM})\b{_PER}?{_NOT_LAB}"

_TIMES = rf"(?:once|twice|thrice|{NUMBER}\s+times)"
_PERIOD = r"(?:day|daily|week|month|night|evening|morning)"
# A schedule that only medicines have ("three times a day", "every 4 to 6 hours", "bid"), branch by branch.
SCHEDULE_BRANCHES = (
    rf"\b{_TIMES}\s+(?:a|per|each|every|in\s+a|in\s+one)\s+{_PERIOD}",
    rf"\b{_TIMES}\s+(?:daily|weekly|nightly)",
    rf"\bevery\s+(?:other\s+)?(?:day|morning|evening|night|week|{NUMBER}\s+(?:hours?|hrs?|days?|weeks?|months?))",
    r"\bon\s+days?\s+\d+(?:(?:\s*,\s*(?:and\s+)?|\s+(?:and|to|through)\s+|\s*[-–]\s*)\d+)+",
    r"\bin\s+24\s+hours",
    r"\bin\s+(?:one|a|any)\s+24[-\s]hour\s+period",
    r"\bat\s+bedtime",
    r"\b(?:q\.?d|q\.?o\.?d|t\.?i\.?d|q\.?i\.?d|q\.?h\.?s|p\.?r\.?n)(?!\w)",
    r"\bq\s?\d+(?:\s*-\s*\d+)?\s?h(?:rs?|ours?)?(?!\w)",
    r"(?<=\d\s?\w{0,12}\s)(?:bid|b\.i\.d)(?!\w)",
)
SCHEDULE = "(?:" + "|".join(SCHEDULE_BRANCHES) + ")"
# A timing that many things share ("daily", "with meals", "as needed"): a schedule only beside a dose.
WEAK_SCHEDULE_BRANCHES = (
    r"\b(?:a|per|each)\s+day",
    r"\bdaily",
    r"\bnightly",
    r"\bbefore\s+(?:bed|going\s+to\s+bed|sleep)",
    r"\bin\s+(?:one|a|any)\s+day",
    r"\b(?:with|after|before|between|within\s+\S+\s+minutes\s+(?:of|before|after))\s+(?:meals|food|a\s+meal|each\s+meal|breakfast|dinner|eating)",
    r"\bat\s+the\s+(?:usual|normal|regular)\s+time",
    r"\bat\s+the\s+same\s+time\s+(?:each|every)\s+day",
    r"\bas\s+soon\s+as\s+you\s+remember",
    r"\b(?:the\s+)?next\s+(?:day|morning|evening)",
    r"\bon\s+an\s+empty\s+stomach",
    r"\bas\s+(?:needed|required)",
    r"\bwhen\s+(?:needed|required)",
    r"\bif\s+needed",
)
MAXIMUM = (
    r"(?:(?:no|not)\s+more\s+than|(?:do|must|should)\s+not\s+(?:exceed|take\s+more\s+than|use\s+more\s+than)"
    r"|don['’]t\s+(?:exceed|take\s+more\s+than)|not\s+to\s+exceed|never\s+(?:exceed|take\s+more\s+than)"
    r"|maximum|max\.?(?=\s+\d)|at\s+most|ceiling|upper\s+(?:intake\s+)?(?:limit|level)|up\s+to(?=\s+\S+\s+\S*\s*(?:a|per|in|each)\s+(?:day|24))|highest\s+dose)"
)
TITRATION_BRANCHES = (
    r"(?:start(?:ing)?|begin(?:ning)?)\s+(?:with|at|on|by\s+taking)\s+(?:a\s+|the\s+)?(?:very\s+)?(?:small|smaller|low|lower|lowest|tiny|minimal)(?:\s+possible)?\s+(?:\w+\s+)?(?:doses?|dosages?|amounts?|quantit(?:y|ies)|servings?)",
    r"start\s+low(?:,)?\s+(?:and\s+)?go\s+slow",
    r"(?:increas|rais|titrat|adjust)(?:e|es|ed|ing)?\s+(?:the\s+|your\s+)?(?:dose|dosage|infusion\s+rate)s?\s+(?:slowly|gradually|over\s+time|step\s+by\s+step)",
    r"(?:gradually|slowly)\s+(?:increas|rais|build|work|titrat)(?:e|es|ed|ing)?(?:\s+up)?\s+(?:the\s+|your\s+)?(?:dose|dosage|infusion\s+rate)",
    r"(?:gauge|assess|test|check|find|gauging|assessing|testing)\s+(?:your\s+|their\s+|one['’]s\s+|individual\s+|personal\s+)?tolerance",
    r"double\s+(?:the|your|a|up\s+on\s+(?:the|your|a))\s+dose",
    r"(?:take|use|have)\s+a\s+double\s+dose",
    r"(?:take|use)\s+(?:a\s+)?double\s+the\s+dose",
    r"(?:take|use)\s+(?:more|another\s+dose|an\s+extra\s+dose|a\s+larger\s+dose|a\s+higher\s+dose)\s+if",
    r"(?:lowest|smallest)\s+effective\s+dose",
)
# "Start slowly" is said of exercise and of illnesses too: titration only beside a dose word.
START_SLOW = r"\b(?:start|starting|begin|beginning)\s+(?:small|low|slow|slowly)\b"
_DOSE_WORD = rf"\b(?:dos(?:e|es|age|ages|ing)|amounts?|medicines?|medications?|drugs?|supplements?|{_FORM})\b"

# Words that make an amount or schedule an instruction to the reader.
CUE = (
    r"\b(?:take|takes|taking|taken|use|using|used|give|given|giving|apply|applied|inject|injected|inhale|swallow|chew|dissolve|dilute"
    r"|mix|place|insert|spray|dose|doses|dosage|dosages|dosing|recommended|recommends?|usual|usually|typical|starting"
    r"|maintenance|should|may|can|must|need|needs|increase|decrease|reduce|repeat|maximum|exceed|prescribe[ds]?"
    r"|administered|suggested|receive)\b|/kg|\bper\s+(?:kg|kilogram)|\bby\s+(?:injection|infusion|mouth)\b|\G\W*(?:adults?|children|adolescents|teenagers|infants|babies|kids)\b[^.:;]{0,40}[:–-]"
)
# An instruction at the start of a sentence (where it is matched) overrides reporting words ("Take 500 mg with food").
IMPERATIVE = (
    r"\W*(?:(?:if|when|once|after|before|while|unless)\b[^,.;:]{1,80},\s*)?(?:(?:do\s+not|don['’]t|never|always|then|now|you\s+can|you\s+should)\s+)?"
    r"(?:take|use|give|apply|inject|inhale|swallow|chew|dissolve|dilute|mix|start|begin|increase|reduce|repeat)\b"
    r"(?!\s+(?:longer|care|time|place|part|a\s+(?:walk|break|bath|look|breath)))"
)
# An amount of a food or of what diets count (fat, fibre, fluid) is diet or a recipe, not a dose.
_FOOD = (
    r"\s+(?:of\s+(?:\w+\s+)?|(?:olive|saturated|whole|brown|white|table|sea|dietary|total|trans|added)\s+)?(?:salt|sugars?|flour|oil|butter|water|milk|juice|honey|vinegar|baking\s+soda|oats|rice|yogurt"
    r"|cocoa|coffee|tea|cinnamon|ginger|turmeric|fat|fats|fib(?:er|re)|sodium|protein|carbohydrates?|carbs|fluids?|liquids?"
    r"|alcohol|glucose|cholesterol|sugar|calories|food|meat|fish|fruit|vegetables?|nuts|bleach)\b"
)
# The amount names a test, not a dose: "a 250 mcg ACTH test", "a 75 g oral glucose tolerance test".
_TEST = r"\s+(?:[\w-]+\s+){0,3}?(?:test|tests|challenge)\b"
CHILDREN = r"\b(?:child|children|childrens?['’]s?|kids?|infants?|bab(?:y|ies)|toddlers?|paediatric|pediatric|adolescents?|teens?|teenagers?|newborns?|neonates?)\b(?!\s*[-‐]?\s*(?:bearing|resistant|proof))"
ADULTS = r"\G\W*(?:for\s+)?adults?\b|\b(?:dose|dosage)\s+for\s+adults\b"
# A band is only looked for, never spanned: where NUMBER ends the band its first word or digit is enough, and
# where NUMBER is followed by the unit its last is, since every number starts and ends with one of these and
# each of them is a number (a tenth the pattern to compile).
_FIRST_OF_NUMBER = rf"(?:[\d½¼¾⅓⅔⅛]|\.\d|{_WORD_NUM}|half|single|a\s+(?:half|single|quarter))"
_LAST_OF_NUMBER = rf"(?:[\d½¼¾⅓⅔⅛]|{_WORD_NUM}|half(?:\s+an?)?|single|a\s+quarter(?:\s+of\s+an?)?)"
AGE_OR_WEIGHT = (
    rf"(?:{_LAST_OF_NUMBER}\s*(?:years?|yrs?|months?|weeks?)|aged?\s+{_FIRST_OF_NUMBER}|ages\s+{_FIRST_OF_NUMBER}"
    rf"|(?:under|over|older\s+than|younger\s+than|below|above|from|between)\s+(?:the\s+age\s+of\s+)?{_FIRST_OF_NUMBER}"
    rf"|{_LAST_OF_NUMBER}\s*(?:kg|kilograms?|lbs?|pounds)\b|/\s*kg|per\s+(?:kg|kilogram)|body\s+weight|/\s*m2|body\s+surface"
    rf"|weigh(?:s|ing)?\s+(?:less|more|under|over|between|{_FIRST_OF_NUMBER}))"
)
_HAS_DIGIT = r"\d|½|¼|¾"



# Characters other than ASCII that `regex` reads as word or space characters, and the fractions that numbers hold.
# Text without any (curly quotes, dashes and the degree sign are others) is plain: `regex` classes each of its
# characters as `re`'s ASCII classes do, none has case, and the gates' words, pieces and patterns hold there.
_NOT_PLAIN = regex.compile(r"[^\x00-\x7f\W]|[^\x00-\x7f\S]|[½¼¾⅓⅔⅛]")


def _plain(text: str) -> bool:
    """See _NOT_PLAIN."""
    return text.isascii() or _NOT_PLAIN.search(text) is None


class _Lazy:
    """A pattern compiled on first use (or read back from the pattern cache): these take tens of milliseconds
    to compile, which a one-page run that never finds a dose candidate should not pay at import."""

    def __init__(self, pattern: str, flags: int = _F) -> None:
        self._source = (pattern, flags)

    @cached_property
    def words(self) -> frozenset[str] | None:
        """Its trigger words (healthlint.patterns.triggers), if it has any."""
        return trigger_words(self._source[0])

    def may(self, tokens: frozenset[str]) -> bool:
        """False when it cannot match in a text with these tokens: they hold none of its trigger words."""
        return self.words is None or not self.words.isdisjoint(tokens)

    def __getattr__(self, name: str):
        # Only reached before the method is cached on the instance: compile, then bind directly.
        compiled = pattern_cache.compile(*self._source)
        for method in ("search", "match", "fullmatch", "finditer"):
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)


_amount = _Lazy(AMOUNT)
_maximum = _Lazy(MAXIMUM)
_cue = _Lazy(CUE)
_imperative = _Lazy(IMPERATIVE)
_food_after = _Lazy(_FOOD)
_children = _Lazy(CHILDREN)
_adults = _Lazy(ADULTS)
_age_or_weight = _Lazy(AGE_OR_WEIGHT)
_start_slow = _Lazy(START_SLOW)
_dose_word = _Lazy(_DOSE_WORD)
_test_after = _Lazy(_TEST)

# An age or weight band needs one of these (same flags, so the same case folding); keep it in step with AGE_OR_WEIGHT.
_NUMBER_START = (
    r"(?:\d|[½¼¾⅓⅔⅛.]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty"
    r"|forty|fifty|hundred|half|single|a\s)"
)
_age_or_weight_hint = _Lazy(
    rf"year|yr|month|week|age|kg|kilogram|lb|pound|body|m2|weigh|(?:under|over|than|below|above|from|between)\s+{_NUMBER_START}"
)


def _banded(text: str, start: int = 0, end: int | None = None) -> bool:
    """An age or weight band in text[start:end]; the hint rules most text out before the costly pattern runs."""
    end = len(text) if end is None else end
    return bool(_age_or_weight_hint.search(text, start, end) and _age_or_weight.search(text, start, end))


@dataclass(frozen=True)
class Dose:
    """One dosing statement: a sentence that gives an amount or schedule, or titration advice."""

    block: Block
    start: int  # prose offsets in block.text, end exclusive: the span of the whole statement
    end: int
    kind: str  # "instruction" (amount and/or schedule) or "titration" (advice without numbers)
    text: str  # block.text[start:end]
    for_children: bool  # the statement is about children's doses
    found: str  # the dosing words themselves, first to last ("1 to 2 tablets every 4 to 6 hours")
    amount: bool  # gives an amount
    schedule: bool  # gives a schedule
    maximum: bool  # states a maximum ("no more than 8 tablets in 24 hours")
    age_or_weight: bool  # an age or weight band is given in the statement or (for children) its section


def doses(analysis: Analysis) -> list[Dose]:
    """Every dosing statement in the document, in document order."""
    ctx = _Context(analysis.doc.blocks)
    out: list[Dose] = []
    for clues in _candidates(ctx.blocks):
        if not _quiet(clues):
            out.extend(_block_doses(clues, ctx, analysis))
    return out


class _Context:
    """What a block's doses depend on outside the block: its heading, its lead-in, its section's bands."""

    def __init__(self, blocks: list[Block]) -> None:
        self.blocks = blocks
        self._banded: dict[int, bool] = {}

    @cached_property
    def leads(self) -> list[Block | None]:
        """Found only for a document with a dose candidate."""
        return _lead_ins(self.blocks)

    def around(self, block: Block) -> list[Block]:
        """The heading above the block and the paragraph that introduces it."""
        lead = self.leads[block.index]
        return ([self.blocks[block.section]] if block.section >= 0 else []) + ([lead] if lead else [])

    def about_children(self, block: Block) -> bool:
        return any(_children.may(b.tokens) and _children.search(b.text) for b in self.around(block))

    def banded(self, block: Block) -> bool:
        """A band in the heading, the lead-in, or anywhere in the section (a dose table by weight)."""
        if block.section not in self._banded:
            section = [b for b in self.blocks if b.section == block.section and b.kind != "heading"]
            self._banded[block.section] = any(_banded(b.text) for b in section)
        return self._banded[block.section] or any(_banded(b.text) for b in self.around(block))

    def lead_cue(self, block: Block) -> str:
        """The lead-in's last sentence when it ends in a colon and is not a list of contents, else ""."""
        lead = self.leads[block.index]
        if lead is None or not lead.sentences:
            return ""
        start, end = lead.sentences[-1]
        text = lead.text[start:end].rstrip()
        return text if text.endswith(":") and not _lead_contents.search(text) else ""

    def test_block(self, block: Block) -> bool:
        """The block or its heading is about a test ("Low-dose dexamethasone suppression test."), not treatment."""
        first = block.text[slice(*block.sentences[0])] if block.in_list and block.sentences else ""
        heading = self.blocks[block.section].text if block.section >= 0 else ""
        return bool(_test_word.search(first) or (_test_word.search(heading) and not _treat_word.search(heading)))


def _lead_ins(blocks: list[Block]) -> list[Block | None]:
    """For each block, the paragraph that introduces it: its list's lead-in, or a paragraph ending in a colon."""
    leads: list[Block | None] = []
    last: Block | None = None  # the last block outside a list
    for i, b in enumerate(blocks):
        if b.in_list:
            leads.append(last if last is not None and last.kind == "paragraph" else None)
        else:
            prev = blocks[i - 1] if i else None
            colon = prev is not None and prev.kind == "paragraph" and not prev.in_list and prev.text.rstrip().endswith(":")
            leads.append(prev if colon else None)
            last = b
    return leads


def _spans(pattern: _Lazy, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def _in(spans: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """The spans (sorted by start) that lie inside [start, end); bisect keeps long blocks linear."""
    out = []
    i = bisect_left(spans, (start, -1))
    while i < len(spans) and spans[i][0] < end:
        if spans[i][1] <= end:
            out.append(spans[i])
        i += 1
    return out


class _Clues:
    """A block's words, for skipping each pattern that provably cannot match it. Only for plain text (_plain),
    where `regex`'s word, digit and space classes and case folding agree with `block.tokens` and `str.lower`;
    any other block runs every pattern."""

    def __init__(
        self, block: Block, digit: bool | None = None, unit: bool | None = None, held: frozenset[str] | None = None
    ) -> None:
        """`digit`, `unit` and `held` (the first pieces in the text; plain text only): as found for the whole
        document by _candidates, else looked for here."""
        self.block = block
        self.text = text = block.text
        self.plain = plain = _plain(text)
        self.low = low = text.lower() if plain else ""
        self.tokens = block.tokens if plain else frozenset()
        self.digit = not plain or (digit if digit is not None else _ASCII_DIGIT.search(text) is not None)
        # A unit or dose form after a number: every amount has one (see _UNIT).
        if unit is None:
            unit = (self.digit and _UNIT_AFTER_DIGIT.search(low) is not None) or _UNIT_AFTER_WORD.search(low) is not None
        self.unit = not plain or unit
        self.held = held if held is not None else frozenset(p for p in _FIRST_PIECES if p in low)
        self.live: dict[_Branches, list[int]] = {}  # the branches whose gates are open

    @cached_property
    def folded(self) -> str:
        return fold(self.text)

    def word(self, words: frozenset[str]) -> bool:
        return not self.plain or not words.isdisjoint(self.tokens)


@dataclass(frozen=True)
class _Gate:
    """What every match of one branch holds: for each need, one of its words as a whole word (a frozenset:
    the branch has a word edge or a space on both sides of the word) or one of its pieces anywhere (a tuple)
    or a match of a `re` pattern in the lowercased text (after the others: the branch itself, loosened, where
    words alone let too much through); and a digit if `digit`."""

    needs: tuple[frozenset[str] | tuple[str, ...] | re.Pattern, ...]
    digit: bool = False

    def __post_init__(self) -> None:
        # The needs by type, cheapest first (all must hold, so the order does not matter).
        object.__setattr__(self, "words", tuple(n for n in self.needs if isinstance(n, frozenset)))
        object.__setattr__(self, "pieces", tuple(n for n in self.needs if isinstance(n, tuple)))
        object.__setattr__(self, "patterns", tuple(n for n in self.needs if isinstance(n, re.Pattern)))

    def open(self, clues: _Clues) -> bool:
        if not clues.plain:
            # Other text: what a match holds as a whole word or a piece, it holds as a piece of the folded text, where
            # each character that `regex` matches to a letter regardless of case is that letter (see triggers.fold).
            return all(any(map(clues.folded.__contains__, n)) for n in self.words + self.pieces)
        if self.digit and not clues.digit:
            return False
        tokens, low = clues.tokens, clues.low
        for words in self.words:
            if words.isdisjoint(tokens):
                return False
        for pieces in self.pieces:
            if not any(map(low.__contains__, pieces)):
                return False
        for pattern in self.patterns:
            if not pattern.search(low):
                return False
        return True


def _gate(*needs: frozenset[str] | tuple[str, ...] | str, digit: bool = False) -> _Gate:
    """A str need is a `re` pattern with ASCII classes for the lowercased plain text (which match as `regex`'s there)."""
    return _Gate(tuple(pattern_cache.compile_re(n, re.ASCII) if isinstance(n, str) else n for n in needs), digit)


def _edgeless(branch: str) -> str:
    """A branch without its leading word edge: it holds in every match of the branch, and `re` finds it faster."""
    return branch.removeprefix(r"\b")


class _Branches:
    """A pattern's branches scanned apart, each only in a block its gate lets through."""

    def __init__(self, branches: tuple[str, ...], gates: tuple[_Gate, ...], held: bool = False) -> None:
        """`held`: its pieces are first pieces (_FIRST_PIECES), which a block's clues hold as found."""
        assert len(branches) == len(gates)
        self.branches = branches
        self.gates = gates
        # Every open gate meets its first need: only the branches whose first need a block meets are looked at.
        self.by_word: dict[str, list[int]] = {}
        self.by_piece: dict[str, list[int]] = {}
        for i, gate in enumerate(gates):
            first = gate.needs[0]
            for key in first:
                (self.by_word if isinstance(first, frozenset) else self.by_piece).setdefault(key, []).append(i)
        self.words = frozenset(self.by_word)
        self.pieces = tuple(self.by_piece)
        self.piece_set = frozenset(self.pieces)
        self.held = held
        self.compiled: dict[int, regex.Pattern] = {}

    def part(self, i: int) -> regex.Pattern:
        """Branch i, compiled on first use (or read back from the pattern cache, faster than `re` compiles it)."""
        if i not in self.compiled:
            self.compiled[i] = pattern_cache.compile(self.branches[i], _F)
        return self.compiled[i]

    def keyed(self, piece: str) -> list[_Gate]:
        """The gates whose first need holds this piece."""
        return [self.gates[i] for i in self.by_piece.get(piece, [])]

    def open(self, clues: _Clues) -> list[int]:
        """The branches whose gates the block opens (found once per block: the quiet test asks first)."""
        live = clues.live.get(self)
        if live is None:
            near: set[int] = set()
            for word in self.words.intersection(clues.tokens):
                near.update(self.by_word[word])
            if self.held:
                for piece in self.piece_set.intersection(clues.held):
                    near.update(self.by_piece[piece])
            else:
                low = clues.low
                for piece in self.pieces:
                    if piece in low:
                        near.update(self.by_piece[piece])
            gates = self.gates
            live = clues.live[self] = [i for i in sorted(near) if gates[i].open(clues)] if near else []
        return live

    def spans(self, clues: _Clues) -> list[tuple[int, int]]:
        if not clues.plain:
            live = [i for i, gate in enumerate(self.gates) if gate.open(clues)]
            return _leftmost([self.part(i) for i in live], clues.text) if live else []
        live = self.open(clues)
        return _leftmost([self.part(i) for i in live], clues.text) if live else []


_ASCII_DIGIT = pattern_cache.compile_re(r"[0-9]")
# Where an amount can start: a digit run, a decimal point, or a number word at a word's start (AMOUNT's lookbehind).
# A number's digits and separators lead to a letter that starts its unit, form, range or the one word naming
# the tablets: "45%", "(2019)", "10 years" and "20 million" are skipped. The words left out of _NOT_NAMES here
# can go on an amount: "1 to 2", "1 or 2", "1 - a half", "5 - hundred", "1–2" (a dash, in plain text).
_NOT_AFTER_DIGITS = "|".join(w for w in _NOT_NAMES.split("|") if w not in ("to", "or", "a", "hundred"))
_DIGITS_START = pattern_cache.compile_re(rf"\.?[0-9]+(?=[0-9.,/\s–—-]*(?!(?:{_NOT_AFTER_DIGITS})\b)[a-z])")
_WORDS_START = pattern_cache.compile_re(
    r"(?<![a-z0-9_])(?:o(?:ne)|t(?:wo|hree|en|welve|wenty|hirty)|f(?:our|ive|ifteen|ifty|orty)|s(?:ix|even|ingle)"
    r"|e(?:ight|leven)|n(?:ine)|h(?:undred|alf)|a(?=\s+(?:half|single|quarter)))"
)
# Every amount ends in its last number's final digit or word (one, half, half a, a quarter of a, ...) and
# then its unit or dose form, so a match of one of these, in the lowercased plain text, is needed for any
# (AMOUNT with its lookarounds dropped and the word naming the tablets loosened; `re`'s \s holds all that
# `regex`'s does there). Keep the words in step with _ONE_NUM's.
_UNIT = rf"(?:\s*{_MASS}|(?:{_SIZE}|\s+[a-z][a-z-]{{2,}})?\s*{_FORM})\b"
_UNIT_AFTER_DIGIT = pattern_cache.compile_re(rf"[0-9]{_UNIT}")
_LAST_NUMBER_WORD = (
    r"(?:o(?:ne)|t(?:wo|hree|en|welve|wenty|hirty)|f(?:our|ive|ifteen|ifty|orty)|s(?:ix|even|ingle)|e(?:ight|leven)"
    r"|n(?:ine)|h(?:undred|alf(?:\s+an?)?)|quarter(?:\s+of\s+an?)?)"
)
_UNIT_AFTER_WORD = pattern_cache.compile_re(rf"{_LAST_NUMBER_WORD}{_UNIT}")
_TIMES_WORDS = frozenset({"once", "twice", "thrice", "times"})
# A branch whose words and pieces are common in other text (so that its gate would open in many blocks where it
# has no match) has itself, edgeless, as its gate's last need.
_SCHEDULES = _Branches(SCHEDULE_BRANCHES, (
    _gate(_TIMES_WORDS, ("day", "daily", "week", "month", "night", "evening", "morning")),
    _gate(_TIMES_WORDS, ("daily", "weekly", "nightly")),
    _gate(frozenset({"every"}), ("day", "morning", "evening", "night", "week", "hr", "hour", "month")),
    _gate(frozenset({"day", "days"}), r"on\s+days?\s+[0-9]", digit=True),
    _gate(frozenset({"24"}), _edgeless(SCHEDULE_BRANCHES[4])),
    _gate(frozenset({"24"}), _edgeless(SCHEDULE_BRANCHES[5])),
    _gate(("bedtime",)),
    _gate(frozenset({"q", "qd", "qo", "qod", "qi", "qid", "qh", "qhs", "t", "ti", "tid", "p", "pr", "prn"}), _edgeless(SCHEDULE_BRANCHES[7])),
    _gate(("q",), _edgeless(SCHEDULE_BRANCHES[8]), digit=True),
    _gate(frozenset({"bid", "b"}), r"[0-9]\s?\w{0,12}\sb(?:id|\.i\.d)(?!\w)", digit=True),
), held=True)
_LOW = frozenset({"small", "smaller", "low", "lower", "lowest", "tiny", "minimal"})
_DOSE_OR_RATE = frozenset({"dose", "doses", "dosage", "dosages", "infusion"})
_TITRATIONS = _Branches(TITRATION_BRANCHES, (
    _gate(_LOW, ("start", "begin"), ("dos", "amount", "quantit", "serving")),
    _gate(frozenset({"low"}), ("slow",), ("start",)),
    _gate(_DOSE_OR_RATE, ("increas", "rais", "titrat", "adjust"), ("slowly", "gradually", "over", "step")),
    _gate(("gradually", "slowly"), ("dose", "dosage", "infusion"),
          frozenset(v + e for v in ("increas", "rais", "build", "work", "titrat") for e in ("", "e", "es", "ed", "ing"))),
    _gate(("tolerance",), TITRATION_BRANCHES[4]),
    _gate(("double",), ("dose",)),
    _gate(frozenset({"double"}), ("dose",)),
    _gate(frozenset({"double"}), ("dose",)),
    _gate(frozenset({"more", "dose"}), ("take", "use"), ("if",), TITRATION_BRANCHES[8]),
    _gate(frozenset({"effective"}), ("lowest", "smallest"), ("dose",)),
), held=True)
_START_SLOW = _gate(frozenset({"start", "starting", "begin", "beginning"}), frozenset({"small", "low", "slow", "slowly"}))
_WEAK = _Branches(WEAK_SCHEDULE_BRANCHES, (
    _gate(("day",), frozenset({"a", "per", "each"}), _edgeless(WEAK_SCHEDULE_BRANCHES[0])),
    _gate(("daily",)),
    _gate(("nightly",)),
    _gate(frozenset({"before"}), ("bed", "sleep")),
    _gate(("day",), frozenset({"in"}), frozenset({"one", "a", "any"}), _edgeless(WEAK_SCHEDULE_BRANCHES[4])),
    _gate(("meal", "food", "breakfast", "dinner", "eating"), frozenset({"with", "after", "before", "between", "within"}),
          _edgeless(WEAK_SCHEDULE_BRANCHES[5])),
    _gate(frozenset({"usual", "normal", "regular"}), ("time",), _edgeless(WEAK_SCHEDULE_BRANCHES[6])),
    _gate(("day",), frozenset({"same"})),
    _gate(frozenset({"soon"}), ("remember",)),
    _gate(frozenset({"next"}), ("day", "morning", "evening")),
    _gate(frozenset({"empty"}), ("stomach",)),
    _gate(("needed", "required"), frozenset({"as"})),
    _gate(("needed", "required"), frozenset({"when"})),
    _gate(("needed",), frozenset({"if"})),
))
# A timing alone is a dose only after one of these words (_taken_before), as a whole word.
_TAKE = frozenset({"take", "taken", "use", "used", "apply", "inject", "inhale", "give", "given"})


# What a block needs for any schedule's or titration's gate to open (most blocks have none of these);
# the pieces of gates that need a digit too count only in a block with one.
_FIRST_WORDS = _SCHEDULES.words | _TITRATIONS.words | _START_SLOW.needs[0]
_FIRST_PIECES = _SCHEDULES.pieces + _TITRATIONS.pieces
_UNDIGITED_PIECES = tuple(p for p in _FIRST_PIECES if not all(g.digit for g in _SCHEDULES.keyed(p) + _TITRATIONS.keyed(p)))


# A block with none of these words, none of the first pieces and no unit after a number is quiet (see _quiet).
_QUIET_WORDS = _FIRST_WORDS | _TAKE
_TEXT = attrgetter("text")
# Every digit made "0", in bytes: one find goes to the next digit faster than a search does.
_ZEROS = bytes.maketrans(b"123456789", b"000000000")


def _candidates(blocks: list[Block]) -> Iterator[_Clues]:
    """The clues of each block that may not be quiet, in order: any text that is not plain, and plain text with a
    quiet word, a first piece (the ones a gate with a digit needs, only with a digit) or a unit after a number.
    Digits, units and pieces are looked for in the document's plain blocks at once, joined by NUL (which no
    pattern here matches, so no match crosses from one block into the next)."""
    texts = list(map(_TEXT, blocks))
    if all(map(str.isascii, texts)):
        plain = blocks
    else:
        plain = [b for b in blocks if _plain(b.text)]
        texts = list(map(_TEXT, plain))
    low = "\0".join(texts).lower()  # plain: each block keeps its length
    nexts = list(accumulate(map(add, map(len, texts), repeat(1))))  # where block i + 1 starts; block i ends before
    digits: set[int] = set()
    units: set[int] = set()
    zeros = low.encode("ascii", "replace").translate(_ZEROS)  # a byte for each character
    at = zeros.find(b"0")
    while at != -1:
        i = bisect_right(nexts, at)
        digits.add(i)
        if _UNIT_AFTER_DIGIT.search(low, at, nexts[i] - 1):
            units.add(i)
        at = zeros.find(b"0", nexts[i])
    units.update(bisect_right(nexts, m.start()) for m in _UNIT_AFTER_WORD.finditer(low))
    wanted = units | {i for i, b in enumerate(plain) if not _QUIET_WORDS.isdisjoint(b.tokens)}
    held: dict[int, set[str]] = {}
    for piece in _FIRST_PIECES:
        undigited = piece in _UNDIGITED_PIECES
        at = low.find(piece)
        while at != -1:
            i = bisect_right(nexts, at)
            held.setdefault(i, set()).add(piece)
            if undigited or i in digits:
                wanted.add(i)
            at = low.find(piece, nexts[i])
    k = 0
    for block in blocks:
        if k < len(plain) and block is plain[k]:
            if k in wanted:
                yield _Clues(block, k in digits, k in units, frozenset(held.get(k, ())))
            k += 1
        else:
            yield _Clues(block)


def _quiet(clues: _Clues) -> bool:
    """Nothing in the block can count (plain text only): no schedule's or titration's gate opens, no number
    has a unit after it, and no word of taking goes with an open timing's gate (a timing alone counts only
    after one, see _kind)."""
    if not clues.plain or clues.unit:
        return False
    pieces = _FIRST_PIECES if clues.digit else _UNDIGITED_PIECES
    if (not _FIRST_WORDS.isdisjoint(clues.tokens) or not clues.held.isdisjoint(pieces)) and (
        _SCHEDULES.open(clues) or _TITRATIONS.open(clues) or _START_SLOW.open(clues)
    ):
        return False
    return _TAKE.isdisjoint(clues.tokens) or not _WEAK.open(clues)


def _leftmost(parts: list[regex.Pattern], text: str) -> list[tuple[int, int]]:
    """The spans of the parts' alternation: leftmost match first, the earlier part on a tie, no overlaps."""
    if len(parts) == 1:
        return [m.span() for m in parts[0].finditer(text)]
    ahead: list = [None] * len(parts)  # each part's next match at or after pos; False: none left
    out: list[tuple[int, int]] = []
    pos = 0
    while True:
        best = None
        for i, part in enumerate(parts):
            m = ahead[i]
            if m is None or (m is not False and m.start() < pos):
                m = ahead[i] = part.search(text, pos) or False
            if m is not False and (best is None or m.start() < best.start()):
                best = m
        if best is None:
            return out
        out.append(best.span())
        pos = best.end() if best.end() > best.start() else best.end() + 1


def _amounts(clues: _Clues) -> list[tuple[int, int]]:
    """AMOUNT's matches, tried only where a number starts (every match starts at one of those)."""
    text = clues.text
    if not clues.plain:
        return _spans(_amount, text)
    if not clues.unit:
        return []
    starts = [m.start() for m in _WORDS_START.finditer(clues.low)]
    if clues.digit:
        starts = sorted(starts + [m.start() for m in _DIGITS_START.finditer(clues.low)])
    out: list[tuple[int, int]] = []
    pos = 0
    for start in starts:
        if start >= pos and (m := _amount.match(text, start)):
            out.append(m.span())
            pos = m.end()
    return out


def _titrations(clues: _Clues) -> list[tuple[int, int]]:
    found = _TITRATIONS.spans(clues)
    return sorted(found + _spans(_start_slow, clues.text)) if _START_SLOW.open(clues) else found


def _block_doses(clues: _Clues, ctx: _Context, analysis: Analysis) -> list[Dose]:
    """The doses of a block that is not quiet."""
    block = clues.block
    text = block.text
    amounts = _amounts(clues)
    tokens = block.tokens
    food, test = _food_after.may(tokens), _test_after.may(tokens)
    amounts = [s for s in amounts if not (food and _food_after.match(text, s[1])) and not (test and _test_after.match(text, s[1]))]
    schedules = _SCHEDULES.spans(clues)
    titrations = _titrations(clues)
    # A timing matters beside an amount, a schedule or titration, or after a word of taking (see _kind).
    weak = _WEAK.spans(clues) if amounts or schedules or titrations or clues.word(_TAKE) else []
    if not (amounts or schedules or weak or titrations):
        return []
    maximums: list[tuple[int, int]] | None = None
    out = []
    for i, (start, end) in enumerate(block.sentences):
        a, s, w, t = _in(amounts, start, end), _in(schedules, start, end), _in(weak, start, end), _in(titrations, start, end)
        if not (a or s or w or t):
            continue
        lead = ctx.lead_cue(block) if i == 0 else ""
        # Judged at the schedule when there is one: an aside about the amount ("one infusion, containing
        # 300 mg, twice a day") does not make the instruction a report.
        spans = s or a + w + t
        said = context.at(analysis, block, min(p[0] for p in spans), max(p[1] for p in spans))
        kind = _kind(text, start, end, a, s, w, t, lead, said)
        if kind is None or (kind == "instruction" and not a and ctx.test_block(block)):
            continue
        if maximums is None:
            maximums = _spans(_maximum, text)
        s = s + w
        parts = a + s + (t if kind == "titration" else []) + (_in(maximums, start, end) if a or s else [])
        first, last = min(p[0] for p in parts), max(p[1] for p in parts)
        children = bool(_children.may(tokens) and _children.search(text, start, end)) or (
            not _adults.search(text, start, end) and ctx.about_children(block)
        )
        banded = _banded(text, start, end) or (children and ctx.banded(block))
        out.append(
            Dose(block, start, end, kind, text[start:end], children, text[first:last], bool(a), bool(s),
                 bool(_in(maximums, start, end)), banded)
        )
    return out


def _kind(
    text: str, start: int, end: int, a: list, s: list, w: list, t: list, lead: str, said: context.Context,
) -> str | None:
    """Instruction, titration or neither: see the module docstring. `lead`: the sentence introducing this one
    ("The recommended dose is:"), whose cue an amount or schedule on its own borrows; `said`: the context of the dosing words (recognisers.context)."""
    if text[end - 1] == "?" or said.question or said.hypothetical:
        return None
    imperative = _imperative.match(text, start)
    if not imperative and (said.reported or said.historical or said.experiencer in ("writer", "other")):
        return None  # a study's, a case's, the writer's own or past dose; what a food holds or a diet allows
    if a and (s or w or _cue.search(text, start, end) or _cue.search(lead) or _lead_cue.search(lead)):
        return "instruction"
    if s and not a and not _activity.search(text, start, end) and (_administers(text, start, end) or _given(lead)):
        return "instruction"
    if w and not a and _addressed(text, start, end, imperative):
        if any(_taken_before.search(text, max(start, ws - 50), ws) for ws, _ in w):
            return "instruction"
    titration = [p for p in t if not _start_slow.fullmatch(text, *p) or _dose_word.search(text, start, end)]
    if titration and not _digit.search(text, start, end):
        return "titration"
    return None


def _administers(text: str, start: int, end: int) -> bool:
    """A verb or noun of giving a medicine; "use" only with a medicine, or right before the schedule
    ("use the spray", "Use twice a day", "use your Eklira inhaler", "Relvar should be used", not "use the grid")."""
    if _administer.search(text, start, end) or _passive_given.search(text, start, end):
        return True
    return bool(_use.search(text, start, end) and (_medicine.search(text, start, end) or _use_bare.search(text, start, end)))


def _given(lead: str) -> bool:
    """The lead-in speaks of giving a medicine ("Rybrevant is given as follows:"), not of steps or activities."""
    return _administers(lead, 0, len(lead)) and not _activity.search(lead)


def _addressed(text: str, start: int, end: int, imperative) -> bool:
    """A timing is a dose's when the sentence tells the reader to take a medicine, or says when it is taken
    ("Kirsty is used just before a meal"; "given as needed" only of a medicine, not "other treatment")."""
    given = _passive_given.search(text, start, end)
    if _passive.search(text, start, end) or (given and _meal.search(text, start, end)):
        return True
    told = imperative or _you_take.search(text, start, end) or given
    return bool(told and (_medicine.search(text, start, end) or _medicine_verb.search(text, start, end)))


_administer = _Lazy(
    r"\b(?:take|takes|taken|taking|apply|applied|inject|injected|inhale|inhaled|give|given|receive|swallow|chew"
    r"|insert|dose|doses|dosage|administered|infusions?|injections?)\b", _F)
_use = _Lazy(r"\b(?:use|used|using)\b", _F)
# "use" of a medicine: before the schedule, "more than", or a product's name ("Use your BiResp Spiromax").
_use_bare = _Lazy(rf"\buse\s+(?:of\b|(?=(?:{_TIMES}|every|more\s+than)\b)|(?:your\s+|the\s+)?(?-i:[A-Z]))", _F)
_activity = _Lazy(
    r"\b(?:walk|walks|walking|exercise|break|breaks|bath|shower|nap|breaths?|rest|steps?|stairs|photos?|notes|readings?"
    r"|temperature|blood\s+(?:pressure|sugar|glucose)|weigh|teeth|void|urinate|urine|meals?|eat|snacks?|checks?|tests?|visits?"
    r"|exams?|follow-up|appointments?|floss|brush\w*|marijuana|cannabis|cigarettes?|smok\w*|drinks?|take\s+(?:out|place|part|care|time)"
    r"|(?:re-?)?evaluat\w*|monitor(?:ed|ing)?|checked|reviewed|screen(?:ed|ing)?)\b", _F)
_you_take = _Lazy(r"\byou\s+(?:\w+\s+){0,2}?(?:take|use|apply|inject|inhale|give)\b", _F)
_passive = _Lazy(r"\b(?:is|are|be|being)\s+(?:\w+\s+)?(?:taken|injected|inhaled|swallowed)\b", _F)
_passive_given = _Lazy(r"\b(?:is|are|be|being)\s+(?:\w+\s+)?(?:used|given)\b", _F)
_meal = _Lazy(r"\b(?:meals?|food|breakfast|dinner|eating)\b", _F)
_medicine = _Lazy(rf"\b(?:it|them|medicines?|medications?|drugs?|doses?|{_FORM}|insulin|antibiotics?|supplements?|vitamins?)\b", _F)
_medicine_verb = _Lazy(r"\b(?:inject|injected|injecting|inhale|inhaled|swallow|swallowed)\b", _F)
_digit = _Lazy(_HAS_DIGIT, 0)
_taken_before = _Lazy(r"\b(?:take|taken|use|used|apply|inject|inhale|give|given)\b(?:\s+\S+){0,4}\s+$", _F)
# A lead-in's cue: CUE's words or these (kept apart from CUE, which is compiled once for both).
_lead_cue = _Lazy(r"\b(?:administer|have|consumed?|follows)\b", _F)
_lead_contents = _Lazy(r"\b(?:contains?|ingredients?|active\s+substances?)\b", _F)
_test_word = _Lazy(r"\btests?\b", _F)
_treat_word = _Lazy(r"\b(?:treat\w*|therap\w*|medicines?|medications?|dos\w+)\b", _F)
