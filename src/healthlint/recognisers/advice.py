"""Consult notes and health advice, recognised once per document.

A consult note sends readers to a health professional ("ask your pharmacist", "seek
medical help", "call 911", "not a substitute for medical advice"). Health advice is what
makes an article need one: doses (from the dose recogniser), advice to take, use, stop
or switch a medicine, and disease claims (from the claims recogniser). The words are
data, kept on the `disclaimer/missing-consult-note` rule in rules/disclaimer.toml.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache, cached_property
from itertools import accumulate
from typing import Iterable, Iterator

import regex

from healthlint.analysis import Analysis
from healthlint.patterns import matching, pattern_cache
from healthlint.patterns.triggers import required_strings, trigger_words, whole_words
from healthlint.recognisers import context, lexicon
from healthlint.recognisers.claims import disease_claims, sentence_of, whole_sentence
from healthlint.recognisers.dosing import doses
from healthlint.text.document import Block
from healthlint.text.words import fold

_F = regex.IGNORECASE | regex.V0
PROSE = ("paragraph", "table-cell", "heading", "footnote")
STRENGTH = {"dosing": 0, "titration": 0, "medicine": 1, "claim": 2}  # strongest reason to need a note first

# Who the reader is sent to: "your", "a", "their" ("patients should ask their doctor"),
# never "my" or "our" (an anecdote, or the seller's own staff).
_DETERMINER = (
    r"(?:one\s+of\s+(?:your|the)\s+|a\s+member\s+of\s+(?:your|the)\s+|someone\s+(?:from|on)\s+your\s+)?"
    r"(?:your|a|an|the|their|his|her|one['’]s)"
)
_ANY_WORD = r"(?!(?:who|which|that|and|or|to|for|about|if|friends?|relatives?|family|neighbou?rs?|partners?|colleagues?)\b)[\w'’\-]+"
_NOT_PERSON_AFTER = r"(?!\s+(?:friends?|relatives?|neighbou?rs?|colleagues?|partners?)\b)(?![-‐]\w)"


def _both(pattern: str) -> tuple[regex.Pattern, re.Pattern]:
    """A pattern written here as `regex` reads it, and as `re` does for plain text (`_both(p)[True]`)."""
    return pattern_cache.compile(pattern, _F), pattern_cache.compile_re(pattern, re.IGNORECASE)


# A prohibition earlier in the sentence turns "without asking your doctor" into a note.
_PROHIBITION = _both(r"\b(?:no\s+circumstances|do\s+not|don['’]?t|never|must\s+not|mustn['’]?t|should\s+not|shouldn['’]?t|not)\b")
_WITHOUT = _both(r"\bwithout\s+(?:first\s+)?$")
_WITHOUT_AT_END = pattern_cache.compile(_WITHOUT[0].pattern, _F | regex.REVERSE)
# A clause ends at punctuation or a joining word; a dismissal before it does not reach the note.
_CLAUSE_BREAK = _both(r"[,;:()\[\]—–]|\s-\s|\b(?:but|however|although|though|yet|so|instead|if|unless|when|whenever)\b")
# Said to the reader: a sentence or clause opening, or "you should", "try to", "it is best to"...
# Every match ends where the head does, so it is searched from there (regex.REVERSE): a forward
# search tried each position of the sentence, for each piece of advice in it. The two agree on
# the 28,277 heads the corpus gives and 23,251 shorter ones.
_TO_READER = pattern_cache.compile(
    r"(?:(?:^\W*|[:;(]\s*|^(?:if|when|for|to|after|before|while|once|unless|as\s+soon\s+as)\b[^,;]*,\s*)"
    r"(?:(?:please|always|never|do\s+not|don['’]t|only|also|then|first|just|instead|and|or|so)\s+){0,2}"
    r"|(?<!\b(?:whether|if|when)\s+)\byou\s+(?:should|must|need\s+to|have\s+to|ought\s+to)(?:\s+(?:also|not|never|always|first|only))?\s+"
    r"|\b(?:try|remember|be\s+sure|make\s+sure(?:\s+you)?|forget|advised|recommended"
    r"|it(?:\s+is|['’]s|\s+(?:may|might|would|will|can)\s+be)(?:\s+(?:very|also|not|always|often|usually|especially|really))?\s+\w+)\s+to\s+"
    r"|\bwe\s+(?:recommend|suggest|advise)(?:\s+that)?(?:\s+you)?\s+)$",
    _F | regex.REVERSE,
)


class Plain:
    """A stdlib pattern called as `regex` patterns are (the time limit is for rule packs' patterns)."""

    def __init__(self, compiled: re.Pattern):
        self.compiled = compiled
        self.pattern = compiled.pattern

    def search(self, text: str, pos: int = 0, endpos: int | None = None, timeout: float | None = None) -> re.Match | None:
        return self.compiled.search(text, pos, len(text) if endpos is None else endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None, timeout: float | None = None) -> Iterator[re.Match]:
        return self.compiled.finditer(text, pos, len(text) if endpos is None else endpos)


class Opening:
    """A built-in form that opens with a list of phrases, tried in a block of plain text only where one of
    the phrases' first words occurs: every match starts with one, so a few string searches for them
    stand in for the attempt `re` makes at every position (a scan is two to three times faster)."""

    def __init__(self, compiled: re.Pattern, starts: list[int]):
        self.compiled = compiled
        self.pattern = compiled.pattern
        self.starts = starts  # sorted offsets where a first word occurs in the text

    def search(self, text: str, pos: int = 0, endpos: int | None = None, timeout: float | None = None) -> re.Match | None:
        end = len(text) if endpos is None else endpos
        for start in self.starts[bisect.bisect_left(self.starts, pos) :]:
            if start > end:
                break
            m = self.compiled.match(text, start, end)  # the attempt `search` would make there
            if m:
                return m
        return None

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None, timeout: float | None = None) -> Iterator[re.Match]:
        m = self.search(text, pos, endpos)
        while m:  # a phrase is never empty, so neither is a match
            yield m
            m = self.search(text, m.end(), endpos)


# The only ASCII characters that `re` and `regex` class differently (\s in `re`, not in `regex`).
_ODD_SPACE = pattern_cache.compile_re("[\x1c-\x1f]")
_WORD_OR_SPACE = (pattern_cache.compile_re(r"[\w\s]"), pattern_cache.compile(r"[\w\s]"))


def is_plain(text: str) -> bool:
    """Text on which `re` matches as `regex` does ("plain text"): ASCII, without the characters they class
    differently, and maybe characters outside ASCII that are neither word characters nor spaces in either
    and have no case (dashes, curly quotes, the degree sign), so that no pattern letter matches them."""
    if _ODD_SPACE.search(text):
        return False
    return text.isascii() or all(_caseless_mark(c) for c in set(text) if not c.isascii())


@cache
def _caseless_mark(ch: str) -> bool:
    return ch.lower() == ch == ch.upper() == ch.casefold() and not any(p.match(ch) for p in _WORD_OR_SPACE)


def phrase_words(phrases: list[str]) -> frozenset[str] | None:
    """One whole word of each phrase, its last uncommon one (of three letters or more if it can). A phrase
    is matched with word edges where it starts or ends with a letter or digit (matching.term_pattern),
    and its other characters only by non-word characters, so every match holds such a word as a token.
    A phrase that holds a one-word phrase of the list needs none of its own; one without a whole word
    leaves nothing known (None)."""
    words = [whole_words(p) for p in phrases]
    if not all(words):
        return None
    single = {ws[0] for ws in words if len(ws) == 1}
    rare = lambda w: (w not in _COMMON and len(w) > 2, w not in _COMMON)  # noqa: E731
    return frozenset(single | {max(reversed(ws), key=rare) for ws in words if single.isdisjoint(ws)})




class Terms:
    """A list of phrases as one group, `grouped` by first letter for a faster scan (see _by_letter)."""

    strings: list[tuple[str, ...]] = []  # the words say more

    def __init__(self, phrases: list[str], grouped: bool = False):
        self.phrases = phrases
        self.pattern = _alternation(phrases, grouped)

    @cached_property
    def words(self) -> frozenset[str] | None:
        return phrase_words(self.phrases)


class Named(Terms):
    """The professional phrase that most consult forms hold: every match of it ends in one of the
    `professionals`, so it holds one of their words."""

    def __init__(self, pattern: str, professionals: list[str], alphabet: str):
        self.phrases = professionals
        self.pattern = pattern
        self.alphabet = alphabet  # a character class body holding every character a match can hold


class Form:
    """A pattern with what a block must hold for it to match there, compiled on first use.

    `regex` costs microseconds a search even on text it cannot match, and most blocks hold none
    of a note's words, so necessary words and strings (read from the pattern's structure) decide first.
    """

    def __init__(self, parts: tuple[str | Terms, ...], built_in: bool = False):
        self.parts = parts  # pieces readable alone, joined in order
        self.pattern = "".join(p if isinstance(p, str) else f"(?:{p.pattern})" for p in parts)
        self.built_in = built_in  # written here, not in a rule pack: needs no time limit, and `re` reads it

    @cached_property
    def compiled(self) -> regex.Pattern:
        return pattern_cache.compile(self.pattern, _F)

    @cached_property
    def plain(self) -> Plain:
        return Plain(pattern_cache.compile_re(self.pattern, re.IGNORECASE))

    @cached_property
    def outline(self) -> re.Pattern | None:
        """The form with its professional phrase left out at either end and loosened to a run of the
        characters the phrase is made of between: it matches wherever the form does, and compiles and
        runs in a fraction of the time, so a block it does not match (most, for most forms) skips the
        form. For plain text; None for a form without the phrase, or one that opens with a list of
        phrases (its outline would cost as much to scan as the form)."""
        parts = list(self.parts)
        if not self.built_in or not any(isinstance(p, Named) for p in parts) or type(parts[0]) is Terms:
            return None
        while parts and isinstance(parts[0], Named):
            parts.pop(0)
        while parts and isinstance(parts[-1], Named):
            parts.pop()
        loose = "".join(p if isinstance(p, str) else f"[{p.alphabet}]+" if isinstance(p, Named) else f"(?:{p.pattern})" for p in parts)
        return pattern_cache.compile_re(loose, re.IGNORECASE) if loose else None

    def matcher(self, plain_text: bool) -> regex.Pattern | Plain:
        """On plain text (is_plain) `re` matches a built-in pattern as `regex` does, and compiles and scans it
        two or three times faster."""
        return self.plain if plain_text and self.built_in else self.compiled

    @cached_property
    def firsts(self) -> frozenset[str] | None:
        """The first words of the phrases a built-in form opens with, or None. Each phrase starts with a
        letter or digit, so the first word stands whole at the start of every match (matching.term_pattern
        puts a word edge before it, and after it the phrase goes on with a non-word character or ends
        with an edge). ASCII phrases only: on plain text they then match the lowercased text as they read."""
        head = self.parts[0]
        if not self.built_in or type(head) is not Terms or not all(p.isascii() and p.strip()[:1].isalnum() for p in head.phrases):
            return None
        words = [whole_words(p) for p in head.phrases]
        return frozenset(ws[0] for ws in words) if all(words) else None

    def opening(self, text: str, tokens: frozenset[str]) -> Opening:
        """The plain pattern, tried at the occurrences in `text` (plain text) of the first words it holds."""
        low = text.lower()
        starts = set()
        for word in self.firsts & tokens:
            at = low.find(word)
            while at >= 0:
                starts.add(at)
                at = low.find(word, at + 1)
        return Opening(self.plain.compiled, sorted(starts))

    @cached_property
    def words(self) -> tuple[frozenset[str], ...]:
        """Sets of folded words: every match holds one word of each as a whole token. The professionals
        come first: most paragraphs name none."""
        named = [p.words for p in self.parts if isinstance(p, Named)]
        found = {trigger_words(p) if isinstance(p, str) else p.words for p in self.parts} - set(named)
        return tuple(w for w in [*named[:1], *sorted(found - {None}, key=len)] if w)

    @cached_property
    def strings(self) -> tuple[tuple[str, ...], ...]:
        """Sets of folded strings: every match holds one string of each. The three of longest strings are
        kept, the smallest set first: a set a block fails is read through, one search a string."""
        found = {s for p in self.parts for s in (required_strings(p) if isinstance(p, str) else p.strings)}
        return tuple(sorted(sorted(found, key=lambda s: (-min(map(len, s)), len(s), s))[:3], key=len))

    @cached_property
    def key(self) -> frozenset[str] | None:
        """The first set of words with none that most paragraphs hold: a block without any cannot match."""
        return next((w for w in self.words if w.isdisjoint(_COMMON)), None)

    def has_words(self, tokens: frozenset[str]) -> bool:
        for words in self.words:
            if words.isdisjoint(tokens):
                return False
        return True

    def has_strings(self, folded: str) -> bool:
        for strings in self.strings:
            for s in strings:
                if s in folded:
                    break
            else:
                return False
        return True


# Words in most paragraphs: a set of words holding one says little about a block.
_COMMON = frozenset("a an the and or of to in on for from is are be it as at by with not you your can may this that".split())


class Prose:
    """The prose blocks of a document, and their text folded together: the blocks holding a form's
    strings are found by a few searches of the whole text rather than tests of every block."""

    def __init__(self, blocks: list[Block]):
        self.blocks = blocks

    @cached_property
    def folded(self) -> str:
        return _fold("\n".join(b.text for b in self.blocks))

    @cached_property
    def ends(self) -> list[int]:
        """Where each block's folded text ends in `folded` (folding changes the length of some non-ASCII text)."""
        lengths = [len(b.text) if b.text.isascii() else len(fold(b.text)) for b in self.blocks]
        return [end - 1 for end in accumulate(n + 1 for n in lengths)]

    def holding(self, strings: tuple[str, ...]) -> set[int]:
        """The positions in `blocks` of the blocks whose folded text holds one of the strings. After a
        find, the search goes on from the next block, so a string costs about one pass of the text."""
        text, ends, found = self.folded, self.ends, set()
        for s in strings:
            at = text.find(s)
            while at >= 0:
                i = bisect.bisect_right(ends, at)  # the block `at` falls in (or the next, at a newline between)
                found.add(i)
                if i >= len(ends) - 1:
                    break
                at = text.find(s, ends[i] + 1)
        return found


def _fold(text: str) -> str:
    """fold(text), in one pass for ASCII text (where casefolding is lowercasing)."""
    return text.lower() if text.isascii() else fold(text)


def prose(analysis: Analysis) -> Prose:
    """The document's prose blocks (shared by the consult-note and advice facts)."""
    return Prose([b for b in analysis.doc.blocks if b.kind in PROSE])


class Plan:
    """Forms indexed by their key words, so that a block holding none is turned away by one set
    operation; the forms without a key are tried wherever their strings are."""

    def __init__(self, forms: tuple[Form, ...]):
        self.forms = forms
        self.by_word: dict[str, tuple[int, ...]] = {}
        for i, f in enumerate(forms):
            for w in f.key or ():
                self.by_word[w] = (*self.by_word.get(w, ()), i)
        self.keys = frozenset(self.by_word)
        self.loose = tuple(i for i, f in enumerate(forms) if not f.key)
        self.seen: dict[str, tuple[regex.Match, ...]] = {}  # block text -> its matches (see scan)


@cache
def plan(forms: tuple[Form, ...]) -> Plan:
    return Plan(forms)


# Matches kept for block texts seen before, at most this many (a site's boilerplate recurs in its
# articles: "ask your doctor or pharmacist" in every leaflet). 512 keep nine in ten of the hits 4,096
# would on the 300-file sample, and hold about 0.25 MB of text instead of 2 MB.
SEEN = 512


def scan(forms: tuple[Form, ...], whole: Prose) -> Iterator[tuple[Block, regex.Match]]:
    """(block, match) of the forms matched as one alternation in each block: leftmost first, the
    earlier form on a tie. A block's matches depend on its text alone (the prefilters only turn away
    forms that cannot match there), so a text seen before gets the matches found then."""
    p = plan(forms)
    keys, seen = p.keys, p.seen
    # A loose form is tried only in the blocks holding one of its first strings (in every block if it has none).
    loose = [(i, whole.holding(forms[i].strings[0]) if forms[i].strings else None) for i in p.loose]
    loose = [(i, at) for i, at in loose if at != set()]
    everywhere = tuple(i for i, at in loose if at is None)
    some = frozenset().union(*(at for i, at in loose if at))
    blocks = whole.blocks
    if everywhere:
        positions: Iterable[int] = range(len(blocks))
    else:  # the blocks holding a key word or a loose form's string, in order
        keyed = [n for n, b in enumerate(blocks) if not keys.isdisjoint(b.tokens)]
        positions = sorted(some.union(keyed)) if some else keyed
    for n in positions:
        block = blocks[n]
        found = seen.get(block.text)
        if found is None:
            if len(seen) >= SEEN:
                seen.clear()
            found = seen[block.text] = tuple(_matches(p, block, [i for i, at in loose if at is None or n in at]))
        for m in found:
            yield block, m


def _matches(p: Plan, block: Block, loose: list[int]) -> Iterator[regex.Match]:
    """The matches in a block of the forms its words and strings allow, given the loose forms it may hold."""
    forms, tokens = p.forms, block.tokens
    if p.keys.isdisjoint(tokens):
        candidates = loose
    else:
        found = set(loose)
        for w in p.keys.intersection(tokens):
            found.update(p.by_word[w])
        candidates = sorted(found)
    folded, chosen = "", []
    for i in candidates:
        f = forms[i]
        if f.has_words(tokens):
            if f.strings:
                folded = folded or _fold(block.text)
                if not f.has_strings(folded):
                    continue
            chosen.append(f)
    if not chosen:
        return iter(())
    text = block.text
    plain = is_plain(text)
    if plain:
        chosen = [f for f in chosen if f.outline is None or f.outline.search(text)]
        if not chosen:
            return iter(())
    parts = tuple(f.opening(text, tokens) if plain and f.firsts else f.matcher(plain) for f in chosen)
    if len(parts) == 1 and isinstance(parts[0], (Plain, Opening)):
        return parts[0].finditer(text)  # built in: no time limit to set
    return matching.finditer(parts[0] if len(parts) == 1 else matching.Alternation(parts), text)


class Vocabulary:
    """The words of the consult-note rule, compiled when first used (a run of one file needs few)."""

    def __init__(self, notes: tuple[Form, ...], medicine_advice: tuple[Form, ...], sources: dict[str, str], lexicons: tuple[str, ...] = ()):
        self.lexicons = lexicons  # the shared lexicons whose names are medicines (analysis.shared)
        self.notes = notes  # a consult note, any form
        self.medicine_advice = medicine_advice  # a verb said to the reader with a medicine or treatment as its object
        self.sources = sources

    @cached_property
    def not_note(self) -> regex.Pattern:  # words just before a note that cancel it
        return pattern_cache.compile(self.sources["not_note"], _F)

    @cached_property
    def not_note_at_end(self) -> regex.Pattern:  # not_note, searched from the end of the head back
        return pattern_cache.compile(self.sources["not_note"], _F | regex.REVERSE)

    @cached_property
    def dismissive(self) -> regex.Pattern:  # words anywhere earlier in the note's clause that cancel it
        return pattern_cache.compile(self.sources["dismissive"], _F)

    @cached_property
    def verb_before(self) -> regex.Pattern:  # an advice verb and up to three words, at the end of a head
        return pattern_cache.compile(self.sources["verb_before"], _F | regex.REVERSE)

    @cached_property
    def asked_for(self) -> regex.Pattern:  # what asking a professional for keeps a note ("ask your GP for advice")
        return pattern_cache.compile(self.sources["asked_for"], _F)

    @cached_property
    def substance(self) -> regex.Pattern:  # words that make "drugs" a substance of abuse, not a medicine
        return pattern_cache.compile(self.sources["substance"], _F)

    @cached_property
    def product(self) -> regex.Pattern:  # a medicine, supplement or remedy named anywhere
        return pattern_cache.compile(self.sources["product"], _F)

    @cache
    def plain(self, name: str) -> re.Pattern:
        """The pattern `name` (a key of `sources`) as `re` reads it, for plain text: built from
        phrase lists, it reads as it does in `regex`, and compiles several times faster."""
        return pattern_cache.compile_re(self.sources[name], re.IGNORECASE)


@dataclass(frozen=True)
class Note:
    """A sentence part that sends readers to a health professional."""

    block: Block
    start: int  # prose offsets in block.text, end exclusive
    end: int
    text: str


@dataclass(frozen=True)
class Advice:
    """Something that makes an article need a consult note."""

    block: Block
    start: int
    end: int
    kind: str  # "dosing" | "titration" | "medicine" | "claim"
    text: str

    def describe(self) -> str:
        """What the advice is, for messages: 'gives dosing advice ("take 2 tablets")'."""
        quoted = _quote(self.text)
        return {
            "dosing": f"gives dosing advice ({quoted})",
            "titration": f"gives advice on adjusting a dose ({quoted})",
            "medicine": f"advises readers on a medicine ({quoted})",
            "claim": f"says something treats or prevents a condition ({quoted})",
        }[self.kind]

    def noun(self) -> str:
        """The advice as a noun phrase: 'Dosing advice ("take 2 tablets")'."""
        quoted = _quote(self.text)
        return {
            "dosing": f"Dosing advice ({quoted})",
            "titration": f"Advice on adjusting a dose ({quoted})",
            "medicine": f"Advice on a medicine ({quoted})",
            "claim": f"A claim that something treats or prevents a condition ({quoted})",
        }[self.kind]


def _quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[: limit - 1].rstrip() + '…'}”"


def compile_vocabulary(rule) -> Vocabulary:
    """Build the patterns from the rule's word lists; raises KindError naming a bad key."""
    professionals = matching.strings(rule, "professionals")
    qualifiers = matching.strings(rule, "qualifiers")
    verbs = matching.strings(rule, "consult-verbs")
    for key in ("notes", "not-notes", "dismissive", "advice-verbs", "treatment-verbs", "medicines", "treatments", "substances", "asked-for", "lexicons"):
        matching.strings(rule, key)
    notes = [matching.check_pattern(p, "notes") for p in rule.data.get("notes", [])]
    multi = [p for p in professionals if " " in p.strip()]
    alt = _alternation
    prof, qual, verb = alt(professionals), alt(qualifiers), Terms(verbs, grouped=True)
    # After a determiner up to two other words may stand ("your nuclear medicine doctor");
    # with none, a qualifier or a compound is needed ("consulting healthcare professionals").
    # Its words are made of word characters, spaces, apostrophes and hyphens (matching.term_pattern),
    # and of any other character the lists hold.
    others = sorted(c for c in {c for w in professionals + qualifiers for c in w} if not regex.match(r"[\w\s'’\-]", c))
    named = Named(
        rf"(?:(?:{_DETERMINER}\s+(?:{_ANY_WORD}\s+){{0,2}}(?:{qual}\s+){{0,3}}|(?:{qual}\s+){{1,3}}){prof}|{alt(multi)}){_NOT_PERSON_AFTER}",
        professionals,
        r"\w\s'’\-‐‑" + "".join(map(re.escape, others)),
    )
    consult = [
        (verb, r"\s+", named), (r"let\s+", named, r"\s+know"), (r"discuss\w*\s+(?:[\w'’\-]+\s+){0,8}?with\s+", named),
        # Deciding with the clinician: "you and your doctor should decide", "you and your nurse will work out".
        (r"you\s+and\s+", named, r"\s+(?:\w+\s+){0,2}?(?:discuss|decide|talk|work|agree|choose|weigh|plan)\w*"),
        # Following the prescriber's instructions: "if the provider prescribes an antibiotic, take it exactly as instructed".
        (named, r"\s+(?:prescrib|recommend)\w*\b[^.;:!?]{0,120}?\bas\s+(?:instructed|directed|advised)"),
        (r"(?:as|unless|until)\s+", named, r"\s+(?:has\s+|have\s+)?(?:recommend|prescrib|advis|direct|instruct|tell|told|say|ask)\w*"),
        (r"(?:without|follow|following)\s+", named, r"(?:['’]?\s?s)\s+(?:advice|approval|agreement|permission|instructions|directions)"),
        (r"follow\w*\s+the\s+(?:advice|instructions|directions)\s+(?:\w+\s+){0,5}?(?:of|from)\s+", named),
    ]
    word = r"(?!(?:at|of|for|about|to|with|on|in|and|or|but|if|when|before|after|during|without|from|by|as|look|walk|break|photo|picture|note|moment|minute)\b)[\w'’\-]+"
    medicines = Terms(matching.strings(rule, "medicines"), grouped=True)
    # A generic treatment ("start treatment early", "avoid unnecessary treatments") is care the
    # clinician decides; only the verbs of `treatment-verbs` make it advice ("do not stop your treatment").
    medicine_advice = (
        (Terms(matching.strings(rule, "advice-verbs"), grouped=True), rf"\s+(?:{word}\s+){{0,3}}?", medicines),
        (Terms(matching.strings(rule, "treatment-verbs"), grouped=True), rf"\s+(?:{word}\s+){{0,3}}?", Terms(matching.strings(rule, "treatments"), grouped=True)),
    )
    not_note = (
        rf"(?:{alt(matching.strings(rule, 'not-notes'), grouped=True)}|\bnever|\bdon['’]?t|\bdo\s+not)"
        r"\s+(?:(?:really|even|always|usually|necessarily|ever|immediately|actually|just|first)\s+)?$"
    )
    sources = {
        "not_note": not_note, "dismissive": alt(matching.strings(rule, "dismissive"), grouped=True),
        "substance": alt(matching.strings(rule, "substances")), "product": medicines.pattern,
        "asked_for": alt(matching.strings(rule, "asked-for")),
        "verb_before": rf"{alt(matching.strings(rule, 'advice-verbs'), grouped=True)}\s+(?:{word}\s+){{0,3}}?$",
    }
    notes = (*(Form(parts, built_in=True) for parts in consult), *(Form((p,)) for p in notes))
    lexicons = tuple(matching.strings(rule, "lexicons"))
    return Vocabulary(notes, tuple(Form(parts, built_in=True) for parts in medicine_advice), sources, lexicons)


_BEFORE, _AFTER = r"(?<![\w-])", r"(?![\w-])"  # the word edges matching.term_pattern puts round a phrase


def _alternation(words: list[str], grouped: bool = False) -> str:
    """The phrases as one group, longest first; word edges shared by all are written once outside it,
    which matches the same text and halves the compile time of the long lists. An empty list matches nothing."""
    if not words:
        return "(?!)"
    words = sorted(words, key=len, reverse=True)
    terms = [matching.term_pattern(w) for w in words]
    if all(t.startswith(_BEFORE) and t.endswith(_AFTER) for t in terms):
        bodies = [t[len(_BEFORE) : -len(_AFTER)] for t in terms]
        return _BEFORE + (_by_letter(words, bodies) if grouped else "(?:" + "|".join(bodies) + ")") + _AFTER
    return "(?:" + "|".join(terms) + ")"


def _by_letter(words: list[str], terms: list[str]) -> str:
    """The terms as one group, those of each first letter behind a look-ahead for it: `re` then tries only
    the few that can match at a position (a scan for the consult verbs is twice as fast, the medicines a
    quarter faster; not the professionals). Phrases of different first letters never match at the same
    place, so the same phrase is found."""
    if not all(w[:1].isascii() and w[:1].isalpha() for w in words):
        return "(?:" + "|".join(terms) + ")"
    groups: dict[str, list[str]] = {}
    for w, t in zip(words, terms):
        groups.setdefault(w[0].lower(), []).append(t)
    return "(?:" + "|".join(f"(?={k})(?:{'|'.join(ts)})" for k, ts in groups.items()) + ")"


def _sentence_head(block: Block, start: int) -> str:
    return block.text[block.sentences[sentence_of(block, start)][0] if block.sentences else 0 : start]


def _clause_head(head: str, plain: bool = False) -> str:
    """The part of a sentence head after its last clause break."""
    cut = 0
    for m in _CLAUSE_BREAK[plain].finditer(head):
        cut = m.end()
    return head[cut:]


class Heads:
    """What a note's sentence head needs, read once per sentence: where text that is not plain
    first appears, and where its clause breaks end. Reading each note's head afresh made a long
    sentence's time grow with its length times its notes."""

    LONG = 1_000  # characters; a shorter sentence is read faster afresh

    def __init__(self) -> None:
        self._not_plain: dict[tuple[int, int], int] = {}
        self._breaks: dict[tuple[int, int, bool], list[int]] = {}

    def read(self, block: Block, start: int, head: str) -> tuple[bool, int | None]:
        """is_plain(head), and where in the head its last clause starts (as _clause_head finds it);
        None for a short sentence, whose clause is found only when needed."""
        span = whole_sentence(block, start)
        if span is None or span[1] - span[0] < self.LONG or start - span[0] != len(head):
            return is_plain(head), None
        s, e = span
        text = block.text
        first = self._not_plain.get((block.index, s))
        if first is None:
            first = self._not_plain[block.index, s] = s + _first_not_plain(text[s:e])
        plain = first >= start
        breaks = self._breaks.get((block.index, s, plain))
        if breaks is None:
            breaks = self._breaks[block.index, s, plain] = [m.end() + s for m in _CLAUSE_BREAK[plain].finditer(text[s:e])]
        i = bisect.bisect_right(breaks, start)
        return plain, breaks[i - 1] - s if i else 0


def _first_not_plain(sentence: str) -> int:
    """Where the first character stands that makes a head holding it not plain (is_plain); the length if none."""
    odd = _ODD_SPACE.search(sentence)
    first = odd.start() if odd else len(sentence)
    if not sentence.isascii():
        first = min(first, next((i for i, c in enumerate(sentence) if not c.isascii() and not _caseless_mark(c)), first))
    return first


def _cancelled(vocab: Vocabulary, block: Block, start: int, text: str, heads: Heads) -> bool:
    """Dismissive, comparing or historical words before the note ("no need to", "unlike"),
    or "without" the professional with no prohibition before it ("buy it without your doctor's permission")."""
    head = _sentence_head(block, start)
    plain, cut = heads.read(block, start, head)
    dismissive = vocab.plain("dismissive") if plain else vocab.dismissive
    # A dismissal in the note's clause: most heads hold none, so a short one is searched whole
    # first; a long one's clause, whose start is known, first.
    if cut is None:
        dismissed = dismissive.search(head) and dismissive.search(_clause_head(head, plain))
    else:
        dismissed = dismissive.search(head[cut:]) and dismissive.search(head)
    if dismissed:
        return True  # "no need to waste money seeing a doctor", "you don't need a prescription or to see a doctor"
    # Both patterns end in spaces at the end of the head ("\s+$"): searched from there first, as
    # a search from the start reads all of a long sentence for each of its notes.
    ends_open = not plain or head[-1:].isspace()
    m = ends_open and vocab.not_note_at_end.search(head) and (vocab.plain("not_note") if plain else vocab.not_note).search(head)
    without = (ends_open and _WITHOUT_AT_END.search(head) and _WITHOUT[plain].search(head)) or text[:7].lower() == "without"
    if not m and not without:
        return False
    # "Do not stop taking it without asking your doctor" is a note; "buy it without asking" is not.
    return not (without and _PROHIBITION[plain].search(head, 0, m.start() if m else len(head)))


def consult_notes(analysis: Analysis, vocab: Vocabulary) -> list[Note]:
    """Every consult note in the document's prose, in document order: not cancelled by the words just
    before it, not a request for something other than advice, and not, in its context's reach
    (recognisers.context), dismissed, historical, hypothetical or told of someone else."""
    heads = Heads()
    out = []
    for block, m in scan(vocab.notes, analysis.fact(prose)):
        if _cancelled(vocab, block, m.start(), m.group(), heads) or _errand(vocab, block, m):
            continue
        said = context.at(analysis, block, m.start(), m.end())
        if said.dismissed or said.historical or said.hypothetical or (said.experiencer == "other" and not said.has("reader")):
            continue
        out.append(Note(block, m.start(), m.end(), m.group()))
    return out


def _errand(vocab: Vocabulary, block: Block, m) -> bool:
    """Asking a professional for something other than advice ("ask a doctor for the lab forms") does not
    send the reader for advice; asking for help, advice or a referral (`asked-for`) does."""
    if not _ASKING.match(m.group()):
        return False
    after = _FOR.match(block.text, m.end())
    return bool(after and not vocab.asked_for.match(block.text, after.end()))


_ASKING = pattern_cache.compile(r"(?:ask|asking|request|requesting)\b", _F)
_FOR = pattern_cache.compile(r"\s+for\s+", _F)


def named_medicine_advice(analysis: Analysis, vocab: Vocabulary) -> list[Advice]:
    """Advice to the reader on a medicine named in the rule's lexicons ("switch to Zyrtec", "you must not
    take NSAIDs", "Take cefuroxime until you finish the prescription"): an advice verb up to three words
    before the name, said to the reader, and not a question, hypothetical, past or someone else's."""
    out = []
    for name in vocab.lexicons:
        found = lexicon.found(analysis, analysis.shared.lexicon(name))
        for block in analysis.fact(prose).blocks:
            for s, e in found.spans(block):
                head = _sentence_head(block, s)
                verb = vocab.verb_before.search(head)
                if verb and _TO_READER.search(head[: verb.start()]) and not _unsaid(analysis, block, s, e):
                    start = s - (len(head) - verb.start())
                    out.append(Advice(block, start, e, "medicine", block.text[start:e]))
    return out


def _unsaid(analysis: Analysis, block: Block, start: int, end: int) -> bool:
    """The advice is asked, imagined, past, reported or someone else's (recognisers.context)."""
    said = context.at(analysis, block, start, end)
    return said.question or said.hypothetical or said.historical or said.reported or said.experiencer in ("writer", "other")


def medicine_advice(analysis: Analysis, vocab: Vocabulary) -> list[Advice]:
    """Advice said to the reader to take, use, try, stop or switch a medicine or treatment."""
    out = []
    for block, m in scan(vocab.medicine_advice, analysis.fact(prose)):
        lead = _list_lead_in(analysis.doc.blocks, block)
        head = _sentence_head(block, m.start())
        if lead is not None and m.start() < block.sentences[0][1]:
            if lead.endswith(":") and not _SPEAKS_TO_READER.search(lead):
                continue  # "They do many things: - Give medicine" lists, it does not advise
            if not lead.endswith(":"):
                head = lead + " " + head  # the item finishes its lead-in's sentence
        if _TO_READER.search(head) and not _substance(vocab, block, m) and not _unsaid(analysis, block, m.start(), m.end()):
            out.append(Advice(block, m.start(), m.end(), "medicine", m.group()))
    return out


def _list_lead_in(blocks: list[Block], block: Block) -> str | None:
    """The unfinished last sentence of the paragraph that introduces a list item
    ("You're at greater risk if you", "To ease the pain:"), or None."""
    if not block.in_list or not block.sentences:
        return None
    lead = next((b for b in reversed(blocks[: block.index]) if not b.in_list), None)
    if lead is None or lead.kind != "paragraph" or not lead.sentences:
        return None
    s, e = lead.sentences[-1]
    last = lead.text[s:e]
    return None if last.endswith((".", "!", "?")) else last


def _substance(vocab: Vocabulary, block: Block, m: regex.Match) -> bool:
    """"Don't use illegal drugs", "avoid drugs or alcohol": lifestyle advice, not advice on a medicine."""
    if vocab.substance.search(m.group()):
        return True
    joined = _JOINED.match(block.text, m.end())
    return bool(joined and vocab.substance.match(block.text, joined.end()))


_JOINED = pattern_cache.compile(r",?\s+(?:and|or|and\s*/\s*or)\s+", _F)


_SPEAKS_TO_READER = pattern_cache.compile(r"\b(?:you|your|tips?|steps?|should|try|how\s+to|what\s+to\s+do)\b", _F)


# A claim is made to the reader when its sentence tells them what they can do with the product
# ("you can ease the pain with ...", "it helps you sleep"), gives an instruction, or speaks for a
# seller ("our gummies", "we recommend", "buy"); "the pain in your hands", "our bodies" and
# "in order to" are none of these.
_READER_VOICE = pattern_cache.compile(
    r"\byou\s+(?:can|could|should|must|need\s+to|(?:may|might)\s+want\s+to|will\s+(?:feel|notice|see|find))\b"
    r"|\b(?:helps?|lets?|makes?|gets?)\s+you\b"
    r"|\b(?:we\s+(?:recommend|suggest|advise|offer|sell)|buy|shop|(?<!\bin\s)order"
    r"|our(?!\s+(?:own\s+)?(?:bod(?:y|ies)|immune|cells?|brains?|skin|health|hearts?|guts?|blood|joints|muscles|bones|organs|species)\b))\b"
    r"|\G\W*(?:try|take|use|give|add|choose|switch|start|get|consider)\b",
    _F,
)
_YOUR = pattern_cache.compile(r"\byour\b", _F)


def _recommends_product(vocab: Vocabulary, claim, sentences: dict[tuple[int, int], tuple[bool, bool]], plain: dict[int, bool]) -> bool:
    """A claim needs a note when it recommends a product to the reader: its sentence names a medicine,
    supplement or remedy, and the claim is about the reader's own condition ("cures your acne") or the
    sentence speaks to the reader or for a seller. A third-person account of what a treatment does
    ("supplemental zinc usually eliminates the symptoms") or of what clinicians prescribe ("your doctor
    may prescribe an antibiotic to reduce swelling") describes care rather than advising.
    `sentences` keeps what was read from each sentence, for its other claims, and `plain` each block's is_plain."""
    s, e = claim.block.sentences[sentence_of(claim.block, claim.start)]
    read = sentences.get((claim.block.index, s))
    if read is None:
        text = claim.block.text
        if claim.block.index not in plain:
            plain[claim.block.index] = is_plain(text)
        product = (vocab.plain("product") if plain[claim.block.index] else vocab.product).search(text, s, e)
        read = sentences[claim.block.index, s] = (bool(product), bool(product and _READER_VOICE.search(text, s, e)))
    product, reader_voice = read
    return product and (reader_voice or bool(_YOUR.search(claim.text)))


def health_advice(analysis: Analysis, vocab: Vocabulary) -> list[Advice]:
    """Everything that makes an article need a consult note, in document order."""
    found = [Advice(d.block, d.start, d.end, "dosing" if d.kind == "instruction" else "titration", d.found or d.text)
             for d in analysis.fact(doses)]
    found += analysis.fact(medicine_advice, vocab)
    seen = {(a.block.index, a.start) for a in found}
    found += [a for a in analysis.fact(named_medicine_advice, vocab) if (a.block.index, a.start) not in seen]
    read: dict[tuple[int, int], tuple[bool, bool]] = {}
    plain: dict[int, bool] = {}
    found += [Advice(c.block, c.start, c.end, "claim", c.text) for c in analysis.fact(disease_claims) if _recommends_product(vocab, c, read, plain)]
    return sorted(found, key=lambda a: (a.block.index, a.start))
