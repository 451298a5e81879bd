"""Health claims and the citations that support them, recognised once per document.

Shared between the claims rules and other rule families (a disease claim makes an
article need a consult note), so both read the same facts via `analysis.fact(...)`.
"""

from __future__ import annotations

import operator
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate, compress, repeat
from typing import Iterator

import regex

from healthlint.analysis import Analysis
from healthlint.patterns import pattern_cache
from healthlint.text.document import Block, Document


@dataclass(frozen=True)
class Claim:
    """A product, substance or practice said to cure, treat or relieve a condition."""

    block: Block
    start: int  # prose offsets of the claim span in block.text, end exclusive
    end: int
    text: str
    cited: bool  # a citation stands in the same sentence or paragraph


# --- which blocks to read ---------------------------------------------------

@dataclass(frozen=True)
class Vocabulary:
    """A document's words, so that a rule finds the few blocks holding its trigger words
    without testing every block's tokens (most documents hold few or none of them)."""

    blocks: list[Block]
    tokens: list[frozenset[str]]  # each block's
    words: frozenset[str]  # all of them

    def holding(self, words: frozenset[str] | None) -> list[Block]:
        """The blocks, in order, whose tokens include one of `words`; every block for None."""
        if words is None:
            return self.blocks
        present = self.words.intersection(words)
        if not present:
            return []
        if len(present) == 1:
            return list(compress(self.blocks, map(operator.contains, self.tokens, repeat(next(iter(present))))))
        return list(compress(self.blocks, map(operator.not_, map(present.isdisjoint, self.tokens))))


def vocabulary(analysis: Analysis) -> Vocabulary:
    """Use as `analysis.fact(vocabulary)`: shared by the claims rules."""
    blocks = analysis.doc.blocks
    tokens = [b.tokens for b in blocks]
    return Vocabulary(blocks, tokens, frozenset().union(*tokens))


# --- citations -------------------------------------------------------------

_AUTHOR_YEAR = (
    r"\((?:e\.g\.,?\s+|see\s+)?[A-Z][\w'’\-]+(?:\s+(?:et\s+al\.?|(?:and|&)\s+[A-Z][\w'’\-]+))?,?\s+"
    r"(?:19|20)\d\d[a-z]?(?:\s*[;,]\s*[^()]{0,80})?\)"
)
_CITATION = pattern_cache.compile(
    rf"{_AUTHOR_YEAR}"
    r"|\bdoi:\s*10\.\d{4,9}/\S+|\b10\.\d{4,9}/[^\s]+"
    r"|\bPMID:?\s*\d{5,9}\b|\bPMCID:?\s*PMC\d+\b",
    regex.V0,
)
_NUMBERED = pattern_cache.compile(r"\[\d{1,3}(?:\s*[,–\-]\s*\d{1,3})*\]")
_REFERENCE_HEADING = pattern_cache.compile(
    r"^\s*(?:references?|sources?|bibliography|citations?|works\s+cited|literature(?:\s+cited)?|notes)\b",
    regex.IGNORECASE,
)


def _has_reference_list(doc: Document) -> bool:
    return any(b.kind == "heading" and _REFERENCE_HEADING.match(b.text) for b in doc.blocks)


def citation_spans(analysis: Analysis) -> dict[int, list[tuple[int, int]]]:
    """Prose spans of citations in each block (by block index): links to sources,
    resolved footnote refs, numbered references with a list, author–year, DOI, PMID."""
    doc = analysis.doc
    numbered_ok = _has_reference_list(doc)
    out: dict[int, list[tuple[int, int]]] = {}
    for block in doc.blocks:
        spans = []
        for link in block.links:
            href = link.href
            if href.startswith("#"):
                if href[1:] in doc.footnote_labels:
                    spans.append((link.start, link.end))
            elif href.lower().startswith(("http://", "https://", "www.")) or href.lower().startswith("doi:"):
                spans.append((link.start, link.end))
        text = block.text
        # What every citation holds: "(" and a year's "19" or "20", a DOI's "10.", "PMID" or "PMC"; most blocks hold none.
        if "(" in text and ("19" in text or "20" in text) or "10." in text or "PMID" in text or "PMC" in text:
            spans.extend(m.span() for m in _CITATION.finditer(text))
        if numbered_ok and "[" in text:
            spans.extend(m.span() for m in _NUMBERED.finditer(text))
        if spans:
            out[block.index] = sorted(spans)
    return out


def sentence_of(block: Block, offset: int) -> int:
    """Index of the sentence holding a prose offset."""
    ends = block.sentence_ends
    return min(bisect_right(ends, offset), max(len(ends) - 1, 0))


def citation_reach(analysis: Analysis) -> dict[int, tuple[list[int], list[int]]]:
    """Each block's citation starts, and the furthest end among the citations up to each, so a
    claim's sentence is tested by bisection and a paragraph's time does not grow with its claims
    times its citations."""
    return {
        index: ([s for s, _ in spans], list(accumulate((e for _, e in spans), max)))
        for index, spans in analysis.fact(citation_spans).items()
    }


def is_cited(analysis: Analysis, block: Block, start: int, scope: str) -> bool:
    """A citation in the claim's sentence ("sentence"), that or the next ("next-sentence"),
    or anywhere in its paragraph ("paragraph")."""
    reach = analysis.fact(citation_reach).get(block.index)
    if not reach:
        return False
    if scope == "paragraph":
        return True
    sents = block.sentences
    i = sentence_of(block, start)
    lo = sents[i][0] if sents else 0
    hi = sents[min(i + (1 if scope == "next-sentence" else 0), len(sents) - 1)][1] if sents else len(block.text)
    # A citation just after the sentence's full stop ("... pain.[1]") still belongs to it.
    hi = min(len(block.text), hi + 12)
    starts, furthest = reach
    i = bisect_left(starts, hi)
    return i > 0 and furthest[i - 1] > lo


# --- negation ---------------------------------------------------------------

_NEGATION = pattern_cache.compile(
    r"\b(?:no|not|never|nor|neither|nothing|none|cannot|without|unproven|unlikely|"
    r"fails?\s+to|failed\s+to|lack(?:s|ed)?|false(?:ly)?|myths?|avoid(?:s|ing|ed)?|don['’]t|doesn['’]t|isn['’]t|aren['’]t|"
    r"wasn['’]t|weren['’]t|won['’]t|can['’]t|didn['’]t|hasn['’]t|haven['’]t|shouldn['’]t|wouldn['’]t)\b",
    regex.IGNORECASE,
)
_CLAUSE_BREAK = pattern_cache.compile(r"[;:()]|,\s+(?:but|yet|and|so|although|though|while|whereas)\b|\b(?:but|however)\b", regex.IGNORECASE)


def negated(block: Block, start: int, sentences: Sentences | None = None) -> bool:
    """A negation or denial governs the words at `start`: it stands earlier in the same
    sentence and clause ("there is no cure for", "is not proven to treat", "do not write that").
    With `sentences` (analysis.fact(sentence_marks)), each sentence is read once for all its claims."""
    marks = sentences.of(block, start) if sentences is not None else None
    if marks is None:
        s = block.sentences[sentence_of(block, start)][0] if block.sentences else 0
        head = block.text[s:start]
        cut = 0
        for m in _CLAUSE_BREAK.finditer(head):
            cut = m.end()
        return bool(_NEGATION.search(head, cut))
    i = bisect_right(marks.breaks, start)
    cut = marks.breaks[i - 1] if i else marks.start
    j = bisect_left(marks.negations, (cut,))
    return j < len(marks.negations) and marks.negations[j][1] <= start


@dataclass(slots=True)
class Marks:
    """Where one sentence's clause breaks end, and its negations and question words stand."""

    start: int
    breaks: list[int]
    negations: list[tuple[int, int]]
    questions: list[tuple[int, int]]
    stops: list[int]  # ";" and ":", which end a question's reach


class Sentences:
    """Each sentence's marks, found once: a sentence's claims are judged by the words before
    each, and reading them afresh for every claim made a long sentence's time grow with its
    square (170 KB without a full stop, 4,000 claims: 65 s)."""

    def __init__(self) -> None:
        self._marks: dict[tuple[int, int], Marks] = {}

    def of(self, block: Block, start: int) -> Marks | None:
        """The marks of the sentence holding `start`; None where they could differ from reading
        the sentence's words before `start` alone (`start` inside a word, or past the sentence)."""
        span = whole_sentence(block, start)
        if span is None:
            return None
        s, e = span
        marks = self._marks.get((block.index, s))
        if marks is None:
            sentence = block.text[s:e]
            marks = self._marks[block.index, s] = Marks(
                s,
                [m.end() + s for m in _CLAUSE_BREAK.finditer(sentence)],
                [(m.start() + s, m.end() + s) for m in _NEGATION.finditer(sentence)],
                [(m.start() + s, m.end() + s) for m in _QUESTION_WORD.finditer(sentence)],
                [i + s for i, c in enumerate(sentence) if c in ";:"] if ";" in sentence or ":" in sentence else [],
            )
        return marks


_WORD_CHAR = pattern_cache.compile(r"\w")


def whole_sentence(block: Block, start: int) -> tuple[int, int] | None:
    """The span of the sentence holding `start`, where marks found in the whole sentence read as
    in its words before `start` alone; None inside a word (a pattern's word edge reads otherwise
    there) or past the sentence's end."""
    text = block.text
    if not block.sentences or 0 < start < len(text) and _WORD_CHAR.match(text, start - 1) and _WORD_CHAR.match(text, start):
        return None
    s, e = block.sentences[sentence_of(block, start)]
    return None if start > e else (s, e)


def sentence_marks(analysis: Analysis) -> Sentences:
    """Use as `analysis.fact(sentence_marks)`: shared by the claims rules."""
    return Sentences()


# --- disease claims -----------------------------------------------------------

_CONDITION = (
    r"(?:chronic\s+|acute\s+|severe\s+|mild\s+|joint\s+|back\s+|nerve\s+|neuropathic\s+|muscle\s+)*"
    r"(?:pain|aches?|arthritis|fibromyalgia|cancers?|tumou?rs?|diabetes|depression|anxiety|insomnia|"
    r"inflammation|infections?|diseases?|disorders?|syndromes?|conditions|symptoms|illness(?:es)?|"
    r"migraines?|headaches?|alzheimer['’]?s|dementia|parkinson['’]?s|autism|adhd|asthma|eczema|psoriasis|acne|"
    r"obesity|hypertension|high\s+blood\s+pressure|high\s+cholesterol|covid(?:-19)?|coronavirus|flu|colds?|"
    r"addiction|withdrawal|opioid\s+withdrawal|ptsd|stress|fatigue|nausea|seizures?|epilepsy|"
    r"heart\s+disease|stroke|hair\s+loss|neuropathy|[a-z]+itis|[a-z]+osis|[a-z]+oma)\b"
)
_VERB = (
    r"cures?|cured|heals?|relieves?|prevents?|reverses?|fights?|eliminates?|alleviates?|eases?|"
    r"soothes?|combats?|manages?|banish(?:es)?|treats?|gets?\s+rid\s+of|"
    r"(?:offers?|provides?|brings?|gives?|delivers?)\s+(?:\w+\s+)?relief\s+(?:from|for)"
)
_GERUND = (
    r"curing|healing|relieving|preventing|reversing|fighting|eliminating|alleviating|easing|soothing|"
    r"combating|managing|banishing|treating|getting\s+rid\s+of"
)
_CLAIM = pattern_cache.compile(
    r"(?:\b(?:can|could|may|might|will|does|do|also|even|truly|really|actually|effectively|naturally|often|"
    r"helps?(?:\s+to)?|helped|known\s+to|proven\s+to|shown\s+to|said\s+to|claimed\s+to|believed\s+to|"
    r"thought\s+to|reported\s+to|designed\s+to|formulated\s+to|able\s+to|works?\s+to)\s+)*"
    rf"(?<!-)\b(?:{_VERB}"
    rf"|(?<=\b(?:effective|useful|helpful|beneficial|good|great|excellent|powerful|potent|successful|aids?|helps?|role)\s+(?:in|at|for|with)\s+)(?:{_GERUND})"
    r"|(?:offering|providing|bringing|giving|delivering)\s+(?:\w+\s+)?relief\s+(?:from|for))\b"
    rf"(?:\s+(?!(?:and|or|but|with|by|through|because|in|to|from|if|when)\b)[\w'’\-]+,?){{0,6}}?\s+{_CONDITION}"
    rf"(?:(?:,\s*|\s+)(?:(?:and|or|including|such\s+as)\s+)?(?:[\w'’\-]+\s+){{0,2}}?{_CONDITION})*",
    regex.IGNORECASE | regex.V0,
)
# Every claim holds one of these as a whole word (its verb or gerund, the "rid" of "get rid of", the
# "relief" of "offers relief from"), and only words and spaces stand between the claim's start and it,
# which is one of the _FIRST_WORDS: a framing word ("can", "helps to") or the first of its verb phrase.
# Keep both in step with _CLAIM: tests/test_claims.py checks that claims are found as a full scan finds them.
_CLAIM_WORDS = frozenset(
    """cure cures cured heal heals relieve relieves prevent prevents reverse reverses fight fights eliminate
    eliminates alleviate alleviates ease eases soothe soothes combat combats manage manages banish banishes
    treat treats rid relief curing healing relieving preventing reversing fighting eliminating alleviating
    easing soothing combating managing banishing treating""".split()
)
_FIRST_WORDS = _CLAIM_WORDS - {"rid", "relief"} | frozenset(
    """can could may might will does do also even truly really actually effectively naturally often help helps
    helped known proven shown said claimed believed thought reported designed formulated able work works get gets
    getting offer offers provide provides bring brings give gives deliver delivers offering providing bringing
    giving delivering""".split()
)
_CHAIN_WORDS = _FIRST_WORDS | {"to"}  # the words from a claim's start up to its claim word ("helps to cure")
_WORDS_BACK = pattern_cache.compile(r"[\w\s]*", regex.REVERSE | regex.V0)
_WORD_BEFORE = pattern_cache.compile(r"\b\w+", regex.REVERSE | regex.V0)
_ASCII_WORD = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")
# Care and the body described, not a product sold: "antibiotics can treat",
# "a doctor may treat", "medicines used to treat", "your immune system fights".
_CARE_SUBJECT = pattern_cache.compile(
    r"\b(?:medicines?|medications?|drugs?|treatments?|therap(?:y|ies)|surger(?:y|ies)|operations?|procedures?|"
    r"antibiotics?|antivirals?|antihistamines?|vaccines?|vaccinations?|shots?|chemotherapy|radiation|transplant(?:s|ation)?|"
    r"transfusions?|injections?|replacement|implants?|devices?|circumcision|toxin|"
    r"\w+(?:mab|nib|pril|olol|sartan|statins?|mycin|cillin|cycline|floxacin|azole|vir|parin|prazole|triptan|steroids?|sone|lone)|"
    r"risk\s+factors|protective\s+factors|healthy|smoking|"
    r"doctors?|physicians?|providers?|surgeons?|nurses?|clinicians?|specialists?|pharmacists?|teams?|"
    r"(?:the|your|their|a\s+person['’]s)\s+body|(?:immune|lymphatic|nervous)\s+system|cells?|antibodies|researchers?|scientists?|studies|trials?|"
    r"\w+phils|lymphocytes|spleen|proteins?|enzymes?|genes?|hormones?|HDL|coughing|immune\s+response|"
    r"anesthetics?|anaesthetics?|analgesics?|painkillers?|pain\s+relievers?|antacids?|laxatives?|decongestants?|diuretics?|"
    r"anticonvulsants?|antidepressants?|anticoagulants?|inhibitors?|blockers?|lozenges?|suppositor(?:y|ies)|"
    r"over-the-counter|prescription|active\s+substances?|screening|early\s+detection|"
    r"hygiene|hand\s*washing|washing|cleaning|care|handling|steps|actions|measures|precautions|habits|activities|"
    r"he\s+or\s+she|she\s+or\s+he|therapists?|counsell?ors?|dentists?|dietitians?|"
    r"diet|exercise|lifestyle|physical\s+activity|weight\s+loss|quitting|"
    r"you|we|they|people|patients?|someone|ways?)\b[^.;:]{0,60}$",
    regex.IGNORECASE,
)
# "to treat" as a purpose ("used to treat", "ways to prevent, treat and cure") describes
# care; a claim frames it ("helps to", "proven to", "designed to"), kept in the verb group.
_PURPOSE = pattern_cache.compile(
    r"\bto\s+(?:(?:[\w\-]+\s+){0,8}?[\w\-]+(?:,\s+(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:\w+ly,?\s+)?)?$",
    regex.IGNORECASE,
)
_FRAMED = pattern_cache.compile(
    r"\b(?:helps?|helped|proven|shown|known|said|claimed|believed|thought|reported|designed|formulated|able|works?)\s+$",
    regex.IGNORECASE,
)
# "may be cured if the tumor is removed": the condition is the subject, nothing is sold.
_PASSIVE = pattern_cache.compile(r"\b(?:be|been|is|are|was|were|being|get|gets|got)\s+(?:\w+ly\s+)?$", regex.IGNORECASE)
_PARTICIPLES = ("offering", "providing", "bringing", "giving", "delivering")
# A bare verb opening a sentence is an instruction ("Treat related conditions"), not a claim;
# so is one joined to an opening instruction ("Reduce your heart's workload and relieve symptoms").
_SENTENCE_OPEN = pattern_cache.compile(r"^[\s\-–•*\d.)]*$")
_INSTRUCTION = pattern_cache.compile(
    r"^[\s\-–•*\d.)]*(?:try|take|use|eat|drink|get|keep|stay|limit|reduce|lower|stop|quit|talk|ask|see|call|make|wash|"
    r"rest|follow|choose|learn|avoid|exercise|lose|maintain|control|check|cut)\b[^.;:]{0,100}\b(?:and|or)\s+$",
    regex.IGNORECASE,
)
# A question studied is not an answer given: "studied whether vitamin E will prevent cancer".
_QUESTION_WORD = pattern_cache.compile(r"\b(?:whether|if\s+it|to\s+see\s+if|to\s+find\s+out\s+if|how\s+well)\b", regex.IGNORECASE)
_QUESTION = pattern_cache.compile(rf"{_QUESTION_WORD.pattern}[^;:]*$", regex.IGNORECASE)
# A practice as the subject is advice ("Treating it early can prevent complications"); taking,
# using, eating or drinking something is not ("Drinking green tea fights cancer").
_PRACTICE = pattern_cache.compile(
    r"^[\s\-–•*\d.)]*(?!(?:taking|using|consuming|drinking|eating|adding|applying|supplementing|chewing|smoking|vaping|rubbing|trying|\w*thing|morning|evening|spring|during|bring)\b)\w+ing\b",
    regex.IGNORECASE,
)


# The sentence's first word, where _PRACTICE's match must end: `regex` looks for the "ing" a
# match needs across the whole text first, which made each claim's test as long as its sentence.
_FIRST_WORD = pattern_cache.compile(r"[\s\-–•*\d.)]*\w+")


def _practice(sentence: str) -> bool:
    first = _FIRST_WORD.match(sentence)
    return bool(first and _PRACTICE.match(sentence, 0, first.end()))


def _described_care(block: Block, start: int, sentence_start: int, sentences: Sentences) -> bool:
    """The verb's subject is care or the body, it states a purpose, or it is an instruction."""
    head = block.text[max(sentence_start, start - 80) : start]
    sentence = block.text[sentence_start:start]
    purpose = _PURPOSE.search(head)  # first: most verbs found state a purpose ("used to treat")
    if purpose and not _FRAMED.search(head, 0, purpose.start()):
        return True
    if _SENTENCE_OPEN.match(head) or _INSTRUCTION.match(sentence) or _asks(block, start, sentence, sentences) or _practice(sentence):
        return True
    if _PASSIVE.search(head) and block.text.startswith("cured", start):
        return True
    # A participle ("..., offering relief from") hangs on the whole clause, not the nearest noun.
    participle = block.text[start:start + 12].lower().startswith(_PARTICIPLES)
    return not participle and bool(_CARE_SUBJECT.search(head))


def _asks(block: Block, start: int, sentence: str, sentences: Sentences) -> bool:
    """`_QUESTION.search(sentence)`: a question word before `start` with no ";" or ":" after it."""
    marks = sentences.of(block, start)
    if marks is None:
        return bool(_QUESTION.search(sentence))
    i = bisect_right(marks.questions, (start, start))
    while i and marks.questions[i - 1][1] > start:  # a question word running past `start` is not before it
        i -= 1
    if not i:
        return False
    after = marks.questions[i - 1][1]
    k = bisect_left(marks.stops, after)
    return k == len(marks.stops) or marks.stops[k] >= start


def disease_claims(analysis: Analysis) -> list[Claim]:
    """Every disease claim in the document, with whether a citation supports it."""
    claims = []
    sentences = analysis.fact(sentence_marks)
    for block in analysis.fact(vocabulary).holding(_CLAIM_WORDS):
        if block.kind not in ("paragraph", "table-cell", "heading", "footnote"):
            continue
        for m in _claim_matches(block):
            sentence_start = block.sentences[sentence_of(block, m.start())][0]
            if _described_care(block, m.start(), sentence_start, sentences) or negated(block, m.start(), sentences):
                continue
            cited = is_cited(analysis, block, m.start(), "paragraph")
            claims.append(Claim(block, m.start(), m.end(), m.group(), cited))
    return claims


def _claim_matches(block: Block) -> Iterator[regex.Match]:
    """What `_CLAIM.finditer(block.text)` finds, trying _CLAIM only where a claim can start: at a claim
    word or the framing words just before it. Scanning every position costs about ten times as much."""
    text = block.text
    low = text.lower()
    if len(low) != len(text):  # a dotted capital I lowers to two characters: offsets would drift
        yield from _CLAIM.finditer(text)
        return
    low = low.replace("\u017f", "s")  # long s matches "s" ignoring case; the Kelvin sign lowers to "k"
    spots = sorted(
        (i, w)
        for w in block.tokens & _CLAIM_WORDS
        for i in _occurrences(low, w)
        if not (i and low[i - 1] in _ASCII_WORD or low[i + len(w) : i + len(w) + 1] in _ASCII_WORD)
    )
    pos = 0  # as in finditer: the next match starts here or later
    for spot, claim_word in spots:
        if spot < pos:
            continue
        starts = [spot] if claim_word in _FIRST_WORDS else []
        # Back over the framing words; one word of any kind may stand before "relief" ("offers fast relief").
        for n, word in enumerate(_WORD_BEFORE.finditer(text, _WORDS_BACK.match(text, pos, spot).start(), spot)):
            found = low[word.start() : word.end()]
            if found not in _CHAIN_WORDS and not (n == 0 and claim_word == "relief"):
                break
            if found in _FIRST_WORDS:
                starts.append(word.start())
        match = next(filter(None, map(_CLAIM.match, repeat(text), reversed(starts))), None)
        if match:
            yield match
        pos = match.end() if match else spot + 1


def _occurrences(text: str, word: str) -> Iterator[int]:
    i = text.find(word)
    while i != -1:
        yield i
        i = text.find(word, i + 1)
