"""Consult notes and health advice, recognised once per document.

A consult note sends readers to a health professional ("ask your pharmacist", "seek
medical help", "call 911", "not a substitute for medical advice"). Health advice is what
makes an article need one: doses (from the dose recogniser), advice to take, use, stop
or switch a medicine, and disease claims (from the claims recogniser). The words are
data, kept on the `disclaimer/missing-consult-note` rule in rules/disclaimer.toml.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from healthlint import matching
from healthlint.analysis import Analysis
from healthlint.claims import disease_claims, sentence_of
from healthlint.document import Block
from healthlint.dosing import doses
from healthlint.kinds import KindError

VOCABULARY_RULE = "disclaimer/missing-consult-note"
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
# A prohibition earlier in the sentence turns "without asking your doctor" into a note.
_PROHIBITION = regex.compile(r"\b(?:do\s+not|don['’]?t|never|must\s+not|mustn['’]?t|should\s+not|shouldn['’]?t|not)\b", _F)
_WITHOUT = regex.compile(r"\bwithout\s+(?:first\s+)?$", _F)
# A clause ends at punctuation or a joining word; a dismissal before it does not reach the note.
_CLAUSE_BREAK = regex.compile(r"[,;:()\[\]—–]|\s-\s|\b(?:but|however|although|though|yet|so|instead|if|unless|when|whenever)\b", _F)
# Said to the reader: a sentence or clause opening, or "you should", "try to", "it is best to"...
_TO_READER = regex.compile(
    r"(?:(?:^\W*|[:;(]\s*|^(?:if|when|for|to|after|before|while|once|unless|as\s+soon\s+as)\b[^,;]*,\s*)"
    r"(?:(?:please|always|never|do\s+not|don['’]t|only|also|then|first|just|instead|and|or|so)\s+){0,2}"
    r"|(?<!\b(?:whether|if|when)\s+)\byou\s+(?:should|must|need\s+to|have\s+to|ought\s+to)(?:\s+(?:also|not|never|always|first|only))?\s+"
    r"|\b(?:try|remember|be\s+sure|make\s+sure(?:\s+you)?|forget|advised|recommended"
    r"|it(?:\s+is|['’]s|\s+(?:may|might|would|will|can)\s+be)(?:\s+(?:very|also|not|always|often|usually|especially|really))?\s+\w+)\s+to\s+"
    r"|\bwe\s+(?:recommend|suggest|advise)(?:\s+that)?(?:\s+you)?\s+)$",
    _F,
)


class Forms:
    """Patterns matched as one alternation: joined while a run has scanned little text, then apart.

    Joined, they compile once in a few hundredths of a second, but `regex` tries every form at every
    position (about 8 microseconds a character for the consult notes); apart, each is found by its own
    fast scan (about 0.6), which pays for compiling them all (0.09 s) after about `apart_after` characters.
    """

    def __init__(self, forms: list[str], named: str = "", apart_after: int = 0):
        self.forms = forms
        self.named = named  # the phrase that the forms call as (?&named)
        self.apart_after = apart_after
        self.joined: regex.Pattern | None = None
        self.apart: matching.Alternation | None = None
        self.scanned = 0

    def pattern(self, text: str) -> regex.Pattern | matching.Alternation:
        """The matcher to scan `text` with, compiled on first use."""
        self.scanned += len(text)
        if self.scanned > self.apart_after:
            if self.apart is None:
                self.apart = matching.Alternation(tuple(regex.compile(f.replace("(?&named)", f"(?:{self.named})"), _F) for f in self.forms))
            return self.apart
        if self.joined is None:
            define = f"(?(DEFINE)(?P<named>{self.named}))" if self.named else ""
            self.joined = regex.compile(define + ("|".join(f"(?:{f})" for f in self.forms) or r"(?!)"), _F)
        return self.joined


@dataclass(frozen=True)
class Vocabulary:
    """The compiled words of the consult-note rule."""

    note: Forms  # a consult note, any form
    professional: regex.Pattern  # any professional: a block without one can hold only the `notes` forms
    bare_note: Forms  # the `notes` forms alone, which name no professional
    not_note: regex.Pattern  # words just before a note that cancel it
    dismissive: regex.Pattern  # words anywhere earlier in the note's clause that cancel it
    medicine_advice: regex.Pattern  # a verb said to the reader with a medicine or treatment as its object
    substance: regex.Pattern  # words that make "drugs" a substance of abuse, not a medicine
    product: regex.Pattern  # a medicine, supplement or remedy named anywhere


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
    for key in ("notes", "not-notes", "dismissive", "advice-verbs", "treatment-verbs", "medicines", "treatments", "substances"):
        matching.strings(rule, key)
    notes = [matching.check_pattern(p, "notes") for p in rule.data.get("notes", [])]
    multi = [p for p in professionals if " " in p.strip()]
    alt = _alternation
    prof, qual, verb = alt(professionals), alt(qualifiers), alt(verbs)
    # After a determiner up to two other words may stand ("your nuclear medicine doctor");
    # with none, a qualifier or a compound is needed ("consulting healthcare professionals").
    # The professional phrase is defined once and called by name from each form of note: written out
    # in every form, the pattern was 80,000 characters and took a fifth of a second to compile.
    named = rf"(?:{_DETERMINER}\s+(?:{_ANY_WORD}\s+){{0,2}}(?:{qual}\s+){{0,3}}{prof}|(?:{qual}\s+){{1,3}}{prof}|{alt(multi)}){_NOT_PERSON_AFTER}"
    called = "(?&named)"
    consult = [
        rf"{verb}\s+{called}", rf"let\s+{called}\s+know", rf"discuss\w*\s+(?:[\w'’\-]+\s+){{0,8}}?with\s+{called}",
        # Deciding with the clinician: "you and your doctor should decide", "you and your nurse will work out".
        rf"you\s+and\s+{called}\s+(?:\w+\s+){{0,2}}?(?:discuss|decide|talk|work|agree|choose|weigh|plan)\w*",
        # Following the prescriber's instructions: "if the provider prescribes an antibiotic, take it exactly as instructed".
        rf"{called}\s+(?:prescrib|recommend)\w*\b[^.;:!?]{{0,120}}?\bas\s+(?:instructed|directed|advised)",
        rf"(?:as|unless|until)\s+{called}\s+(?:has\s+|have\s+)?(?:recommend|prescrib|advis|direct|instruct|tell|told|say|ask)\w*",
        rf"(?:without|follow|following)\s+{called}(?:['’]?\s?s)\s+(?:advice|approval|agreement|permission|instructions|directions)",
        rf"follow\w*\s+the\s+(?:advice|instructions|directions)\s+(?:\w+\s+){{0,5}}?(?:of|from)\s+{called}",
    ]
    note, bare_note = Forms([*consult, *notes], named, apart_after=12_000), Forms(notes)
    not_note = regex.compile(
        rf"(?:{alt(matching.strings(rule, 'not-notes'))}|\bnever|\bdon['’]?t|\bdo\s+not)"
        r"\s+(?:(?:really|even|always|usually|necessarily|ever|immediately|actually|just|first)\s+)?$",
        _F,
    )
    word = r"(?!(?:at|of|for|about|to|with|on|in|and|or|but|if|when|before|after|during|without|from|by|as|look|walk|break|photo|picture|note|moment|minute)\b)[\w'’\-]+"
    medicines = alt(matching.strings(rule, "medicines"))
    treatments = alt(matching.strings(rule, "treatments"))
    # A generic treatment ("start treatment early", "avoid unnecessary treatments") is care the
    # clinician decides; only the verbs of `treatment-verbs` make it advice ("do not stop your treatment").
    medicine_advice = regex.compile(
        rf"{alt(matching.strings(rule, 'advice-verbs'))}\s+(?:{word}\s+){{0,3}}?{medicines}"
        rf"|{alt(matching.strings(rule, 'treatment-verbs'))}\s+(?:{word}\s+){{0,3}}?{treatments}",
        _F,
    )
    dismissive = regex.compile(alt(matching.strings(rule, "dismissive")), _F)
    substance = regex.compile(alt(matching.strings(rule, "substances")), _F)
    return Vocabulary(
        note, regex.compile(prof, _F), bare_note, not_note, dismissive, medicine_advice, substance,
        regex.compile(medicines, _F),
    )


_BEFORE, _AFTER = r"(?<![\w-])", r"(?![\w-])"  # the word edges matching.term_pattern puts round a phrase


def _alternation(words: list[str]) -> str:
    """The phrases as one group, longest first; word edges shared by all are written once outside it,
    which matches the same text and halves the compile time of the long lists."""
    terms = [matching.term_pattern(w) for w in sorted(words, key=len, reverse=True)]
    if all(t.startswith(_BEFORE) and t.endswith(_AFTER) for t in terms):
        return _BEFORE + "(?:" + "|".join(t[len(_BEFORE) : -len(_AFTER)] for t in terms) + ")" + _AFTER
    return "(?:" + "|".join(terms) + ")"


@cache
def vocabulary() -> Vocabulary:
    """The built-in pack's words, loaded once (every consult rule reads the same notes)."""
    from healthlint.registry import builtin_rules

    rule = builtin_rules().get(VOCABULARY_RULE)
    if rule is None:
        raise KindError(f"rule {VOCABULARY_RULE} is missing from the built-in packs")
    return rule.compiled


def _sentence_head(block: Block, start: int) -> str:
    return block.text[block.sentences[sentence_of(block, start)][0] if block.sentences else 0 : start]


def _clause_head(head: str) -> str:
    """The part of a sentence head after its last clause break."""
    cut = 0
    for m in _CLAUSE_BREAK.finditer(head):
        cut = m.end()
    return head[cut:]


def _cancelled(vocab: Vocabulary, block: Block, start: int, text: str) -> bool:
    """Dismissive, comparing or historical words before the note ("no need to", "unlike"),
    or "without" the professional with no prohibition before it ("buy it without your doctor's permission")."""
    head = _sentence_head(block, start)
    if vocab.dismissive.search(_clause_head(head)):
        return True  # "no need to waste money seeing a doctor", "you don't need a prescription or to see a doctor"
    m = vocab.not_note.search(head)
    without = _WITHOUT.search(head) or text[:7].lower() == "without"
    if not m and not without:
        return False
    # "Do not stop taking it without asking your doctor" is a note; "buy it without asking" is not.
    return not (without and _PROHIBITION.search(head, 0, m.start() if m else len(head)))


def consult_notes(analysis: Analysis) -> list[Note]:
    """Every consult note in the document's prose, in document order."""
    vocab = vocabulary()
    out = []
    for block in analysis.doc.blocks:
        if block.kind not in PROSE:
            continue
        # Every form but the `notes` ones names a professional, so most blocks need only those.
        forms = vocab.note if vocab.professional.search(block.text) else vocab.bare_note
        for m in matching.finditer(forms.pattern(block.text), block.text):
            if not _cancelled(vocab, block, m.start(), m.group()):
                out.append(Note(block, m.start(), m.end(), m.group()))
    return out


def medicine_advice(analysis: Analysis) -> list[Advice]:
    """Advice said to the reader to take, use, try, stop or switch a medicine or treatment."""
    vocab = vocabulary()
    out = []
    for block in analysis.doc.blocks:
        if block.kind not in PROSE:
            continue
        lead = _list_lead_in(analysis.doc.blocks, block)
        for m in matching.finditer(vocab.medicine_advice, block.text):
            head = _sentence_head(block, m.start())
            if lead is not None and m.start() < block.sentences[0][1]:
                if lead.endswith(":") and not _SPEAKS_TO_READER.search(lead):
                    continue  # "They do many things: - Give medicine" lists, it does not advise
                if not lead.endswith(":"):
                    head = lead + " " + head  # the item finishes its lead-in's sentence
            if _TO_READER.search(head) and not _substance(vocab, block, m):
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


_JOINED = regex.compile(r",?\s+(?:and|or|and\s*/\s*or)\s+", _F)


_SPEAKS_TO_READER = regex.compile(r"\b(?:you|your|tips?|steps?|should|try|how\s+to|what\s+to\s+do)\b", _F)


# A claim is made to the reader when its sentence tells them what they can do with the product
# ("you can ease the pain with ...", "it helps you sleep"), gives an instruction, or speaks for a
# seller ("our gummies", "we recommend", "buy"); "the pain in your hands", "our bodies" and
# "in order to" are none of these.
_READER_VOICE = regex.compile(
    r"\byou\s+(?:can|could|should|must|need\s+to|(?:may|might)\s+want\s+to|will\s+(?:feel|notice|see|find))\b"
    r"|\b(?:helps?|lets?|makes?|gets?)\s+you\b"
    r"|\b(?:we\s+(?:recommend|suggest|advise|offer|sell)|buy|shop|(?<!\bin\s)order"
    r"|our(?!\s+(?:own\s+)?(?:bod(?:y|ies)|immune|cells?|brains?|skin|health|hearts?|guts?|blood|joints|muscles|bones|organs|species)\b))\b"
    r"|\G\W*(?:try|take|use|give|add|choose|switch|start|get|consider)\b",
    _F,
)
_YOUR = regex.compile(r"\byour\b", _F)


def _recommends_product(claim) -> bool:
    """A claim needs a note when it recommends a product to the reader: its sentence names a medicine,
    supplement or remedy, and the claim is about the reader's own condition ("cures your acne") or the
    sentence speaks to the reader or for a seller. A third-person account of what a treatment does
    ("supplemental zinc usually eliminates the symptoms") or of what clinicians prescribe ("your doctor
    may prescribe an antibiotic to reduce swelling") describes care rather than advising."""
    s, e = claim.block.sentences[sentence_of(claim.block, claim.start)]
    text = claim.block.text
    if not vocabulary().product.search(text, s, e):
        return False
    return bool(_YOUR.search(claim.text) or _READER_VOICE.search(text, s, e))


def health_advice(analysis: Analysis) -> list[Advice]:
    """Everything that makes an article need a consult note, in document order."""
    found = [Advice(d.block, d.start, d.end, "dosing" if d.kind == "instruction" else "titration", d.found or d.text)
             for d in analysis.fact(doses)]
    found += analysis.fact(medicine_advice)
    found += [Advice(c.block, c.start, c.end, "claim", c.text) for c in analysis.fact(disease_claims) if _recommends_product(c)]
    return sorted(found, key=lambda a: (a.block.index, a.start))
