"""The dose recogniser: every dosing statement in an article's prose, found once per document.

A sentence is a dosing statement when it gives an amount (a number with a unit or dose
form) or a schedule, in words that instruct the reader ("take", "the usual dose",
"adults:"), and does not report what others took or what food contains ("participants
took", "a cup of milk has"). Advice on changing the dose without numbers is titration.
Rules read `analysis.fact(doses)`; nothing else re-runs this.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

import regex

from healthlint.analysis import Analysis
from healthlint.document import Block

_F = regex.IGNORECASE | regex.V0

_WORD_NUM = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred)"
_DIGITS = r"(?:\d{1,3}(?:[,  ]\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?|\.\d+)"
_FRACTION = r"(?:\d+\s*/\s*\d+|(?:\d+\s*)?[½¼¾⅓⅔⅛])"
_ONE_NUM = rf"(?:{_FRACTION}|{_DIGITS}|{_WORD_NUM}(?:[-\s]and[-\s]a[-\s]half)?|one[-\s]half|half(?:\s+an?)?|a\s+half|(?:a\s+)?single|a\s+quarter(?:\s+of\s+an?)?)"
NUMBER = rf"(?:{_ONE_NUM}(?:\s*(?:-|–|—|to|or)\s*{_ONE_NUM})?)"

# Units and dose forms. Lab units (mg/dL, mmol/L) and rates other than per kg or per day are not doses.
_MASS = r"(?:mg|mcg|µg|μg|ug|g|gm|grams?|milligrams?|micrograms?|kg(?=\s+of\b)|ml|millilit(?:er|re)s?|l|lit(?:er|re)s?|iu|i\.u\.|units?|u)"
_FORM = (
    r"(?:drops?|puffs?|sprays?|inhalations?|tablets?|tabs?|capsules?|caps|pills?|gumm(?:y|ies)|softgels?|soft\s+gels?"
    r"|scoops?|dropperfuls?|droppers?(?:ful)?|servings?|teaspoons?(?:ful)?|tsps?|tablespoons?(?:ful)?|tbsps?"
    r"|sachets?|lozenges?|patch(?:es)?|suppositor(?:y|ies)|ampoules?|vials?|pens?|injections?|doses?|applications?"
    r"|pumps?|sticks?|chews?|caplets?|measures?|spoonfuls?)"
)
_PER = r"(?:\s*/\s*kg|\s+per\s+(?:kg|kilogram)(?:\s+of\s+(?:body\s+)?weight)?|\s*/\s*m2|\s*/\s*(?:day|d)\b)"
_NOT_LAB = r"(?![-‐>])(?!\s*/\s*(?:d?l|ml|dl|g|min|h|hr|hour|mmol)\b)(?!\s*per\s+(?:deci)?lit)"
_SIZE = r"(?:\s+(?:small|large|extra|whole|full|level|heaped|heaping|rounded|separate|single|additional|more|further|individual))"
AMOUNT = rf"(?<![\w.,/])(?<!\d[\s ])(?<!\d\s+(?:in|per)\s+){NUMBER}(?:\s*{_MASS}|{_SIZE}?\s*{_FORM})\b{_PER}?{_NOT_LAB}"

_TIMES = rf"(?:once|twice|thrice|{NUMBER}\s+times)"
_PERIOD = r"(?:day|daily|week|month|night|evening|morning)"
# A schedule that only medicines have ("three times a day", "every 4 to 6 hours", "bid").
SCHEDULE = (
    rf"(?:\b{_TIMES}\s+(?:a|per|each|every|in\s+a|in\s+one)\s+{_PERIOD}|\b{_TIMES}\s+(?:daily|weekly|nightly)"
    rf"|\bevery\s+(?:other\s+)?(?:day|morning|evening|night|week|{NUMBER}\s+(?:hours?|hrs?|days?|weeks?|months?))"
    r"|\bin\s+24\s+hours|\bin\s+(?:one|a|any)\s+24[-\s]hour\s+period|\bat\s+bedtime"
    r"|\b(?:q\.?d|q\.?o\.?d|t\.?i\.?d|q\.?i\.?d|q\.?h\.?s|p\.?r\.?n|q\s?\d+(?:\s*-\s*\d+)?\s?h(?:rs?|ours?)?)(?!\w)"
    r"|(?<=\d\s?\w{0,12}\s)(?:bid|b\.i\.d)(?!\w))"
)
# A timing that many things share ("daily", "with meals", "as needed"): a schedule only beside a dose.
WEAK_SCHEDULE = (
    r"\b(?:(?:a|per|each)\s+day|daily|nightly|before\s+(?:bed|going\s+to\s+bed|sleep)|in\s+(?:one|a|any)\s+day"
    r"|(?:with|after|before|between)\s+(?:meals|food|a\s+meal|each\s+meal|breakfast|dinner|eating)"
    r"|on\s+an\s+empty\s+stomach|as\s+(?:needed|required)|when\s+(?:needed|required)|if\s+needed)"
)
MAXIMUM = (
    r"(?:(?:no|not)\s+more\s+than|(?:do|must|should)\s+not\s+(?:exceed|take\s+more\s+than|use\s+more\s+than)"
    r"|don['’]t\s+(?:exceed|take\s+more\s+than)|not\s+to\s+exceed|never\s+(?:exceed|take\s+more\s+than)"
    r"|maximum|max\.?(?=\s+\d)|at\s+most|up\s+to(?=\s+\S+\s+\S*\s*(?:a|per|in|each)\s+(?:day|24))|highest\s+dose)"
)
TITRATION = (
    r"(?:start(?:ing)?|begin(?:ning)?)\s+(?:with|at|on|by\s+taking)\s+(?:a\s+|the\s+)?(?:very\s+)?(?:small|smaller|low|lower|lowest|tiny|minimal)(?:\s+possible)?\s+(?:\w+\s+)?(?:doses?|dosages?|amounts?|quantit(?:y|ies)|servings?)"
    r"|start\s+low(?:,)?\s+(?:and\s+)?go\s+slow"
    r"|\b(?:start|starting|begin|beginning)\s+(?:small|low|slow|slowly)\b"
    r"|(?:increas|rais|titrat|adjust)(?:e|es|ed|ing)?\s+(?:the\s+|your\s+)?(?:dose|dosage)s?\s+(?:slowly|gradually|over\s+time|step\s+by\s+step)"
    r"|(?:gradually|slowly)\s+(?:increas|rais|build|work|titrat)(?:e|es|ed|ing)?(?:\s+up)?\s+(?:the\s+|your\s+)?(?:dose|dosage)"
    r"|(?:gauge|assess|test|check|find|gauging|assessing|testing)\s+(?:your\s+|their\s+|one['’]s\s+|individual\s+|personal\s+)?tolerance"
    r"|double\s+(?:the|your|a|up\s+on\s+(?:the|your|a))\s+dose|(?:take|use|have)\s+a\s+double\s+dose|(?:take|use)\s+(?:a\s+)?double\s+the\s+dose"
    r"|(?:take|use)\s+(?:more|another\s+dose|an\s+extra\s+dose|a\s+larger\s+dose|a\s+higher\s+dose)\s+if"
    r"|(?:lowest|smallest)\s+effective\s+dose"
)

# Words that make an amount or schedule an instruction to the reader.
CUE = (
    r"\b(?:take|takes|taking|taken|use|using|used|give|given|giving|apply|applied|inject|injected|inhale|swallow|chew|dissolve|dilute"
    r"|mix|place|insert|spray|dose|doses|dosage|dosages|dosing|recommended|recommends?|usual|usually|typical|starting"
    r"|maintenance|should|may|can|must|need|needs|increase|decrease|reduce|repeat|maximum|exceed|prescribe[ds]?"
    r"|administered|suggested)\b|/kg|\bper\s+kg|\G\W*(?:adults?|children|adolescents|teenagers|infants|babies|kids)\b[^.:;]{0,40}[:–-]"
)
# Words that make it reporting: what a study's participants took, or what a food contains.
REPORTING = (
    r"\b(?:participants|subjects|volunteers|trials?|stud(?:y|ies)|studied|researchers|randomi[sz]ed|placebo|cohort"
    r"|were\s+given|received|reported|found\s+that|showed|meta-analysis|review\s+of|contain(?:s|ing)?|content|provides|packs?|supplied|bottles?|cartons?|serving\s+of"
    r"|cups?\s+of|glass\s+of|ounces?|oz|foods?|rich\s+in|sources?\s+of|has\s+about|have\s+about|per\s+100\s*g|fortified"
    r"|levels?|concentrations?|measur(?:e|es|ed|ing)|excret\w*|shown|suggests?|linked|associated|diet|percent|percentage"
    r"|radiation|phlebotomy|urine|samples?|laboratory|alleles?|mutations?)\b"
)
# An instruction at the start of a sentence overrides reporting words ("Take 500 mg with food").
IMPERATIVE = (
    r"\G\W*(?:(?:do\s+not|don['’]t|never|always|then|now|you\s+can|you\s+should)\s+)?"
    r"(?:take|use|give|apply|inject|inhale|swallow|chew|dissolve|dilute|mix|start|begin|increase|reduce|repeat)\b"
    r"(?!\s+(?:longer|care|time|place|part|a\s+(?:walk|break|bath|look|breath)))"
)
# What diets count, not doses: "limit sodium to 1,500 mg a day", "130 g of carbohydrates".
DIET = r"\b(?:sodium|salt|fib(?:er|re)|fats?|cholesterol|carbohydrates?|carbs|calories|sugars?|protein|margarine|caffeine|intake)\b"
# An amount of a food or of what diets count (fat, fibre, fluid) is diet or a recipe, not a dose.
_FOOD = (
    r"\s+(?:of\s+(?:\w+\s+)?|(?:olive|saturated|whole|brown|white|table|sea|dietary|total|trans|added)\s+)?(?:salt|sugars?|flour|oil|butter|water|milk|juice|honey|vinegar|baking\s+soda|oats|rice|yogurt"
    r"|cocoa|coffee|tea|cinnamon|ginger|turmeric|fat|fats|fib(?:er|re)|sodium|protein|carbohydrates?|carbs|fluids?|liquids?"
    r"|alcohol|glucose|cholesterol|sugar|calories|food|meat|fish|fruit|vegetables?|nuts)\b"
)
CHILDREN = r"\b(?:child|children|childrens?['’]s?|kids?|infants?|bab(?:y|ies)|toddlers?|paediatric|pediatric|adolescents?|teens?|teenagers?|newborns?|neonates?)\b(?!\s*[-‐]?\s*(?:bearing|resistant|proof))"
ADULTS = r"\G\W*(?:for\s+)?adults?\b"
AGE_OR_WEIGHT = (
    rf"(?:{NUMBER}\s*(?:years?|yrs?|months?|weeks?)|aged?\s+{NUMBER}|ages\s+{NUMBER}|(?:under|over|older\s+than|younger\s+than|below|above|from|between)\s+(?:the\s+age\s+of\s+)?{NUMBER}"
    rf"|{NUMBER}\s*(?:kg|kilograms?|lbs?|pounds)\b|/\s*kg|per\s+(?:kg|kilogram)|body\s+weight|weigh(?:s|ing)?\s+(?:less|more|under|over|between|{NUMBER}))"
)
_HAS_DIGIT = r"\d|½|¼|¾"

_amount = regex.compile(AMOUNT, _F)
_schedule = regex.compile(SCHEDULE, _F)
_weak_schedule = regex.compile(WEAK_SCHEDULE, _F)
_maximum = regex.compile(MAXIMUM, _F)
_titration = regex.compile(TITRATION, _F)
_cue = regex.compile(CUE, _F)
_reporting = regex.compile(REPORTING, _F)
_imperative = regex.compile(IMPERATIVE, _F)
_food_after = regex.compile(_FOOD, _F)
_diet = regex.compile(DIET, _F)
_children = regex.compile(CHILDREN, _F)
_adults = regex.compile(ADULTS, _F)
_age_or_weight = regex.compile(AGE_OR_WEIGHT, _F)
_number = regex.compile(rf"(?<![\w.,/]){NUMBER}(?![\w])|{_HAS_DIGIT}", _F)


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
    out: list[Dose] = []
    blocks = analysis.doc.blocks
    for block in blocks:
        out.extend(_block_doses(block, blocks))
    return out


def _spans(pattern: regex.Pattern, text: str) -> list[tuple[int, int]]:
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


def _block_doses(block: Block, blocks: list[Block]) -> list[Dose]:
    text = block.text
    amounts = [s for s in _spans(_amount, text) if not _food(text, s)]
    schedules = _spans(_schedule, text)
    weak = _spans(_weak_schedule, text)
    titrations = _spans(_titration, text)
    if not (amounts or schedules or weak or titrations):
        return []
    maximums = _spans(_maximum, text)
    out = []
    for start, end in block.sentences:
        a, s, w, t = _in(amounts, start, end), _in(schedules, start, end), _in(weak, start, end), _in(titrations, start, end)
        if not (a or s or w or t):
            continue
        kind = _kind(text, start, end, a, s, w, t)
        s = s + w
        if kind is None:
            continue
        parts = a + s + (t if kind == "titration" else []) + (_in(maximums, start, end) if a or s else [])
        first, last = min(p[0] for p in parts), max(p[1] for p in parts)
        children = bool(_children.search(text, start, end)) or (
            not _adults.search(text, start, end) and _context_about_children(block, blocks)
        )
        banded = bool(_age_or_weight.search(text, start, end)) or (children and _context_banded(block, blocks))
        out.append(
            Dose(block, start, end, kind, text[start:end], children, text[first:last], bool(a), bool(s),
                 bool(_in(maximums, start, end)), banded)
        )
    return out


def _food(text: str, span: tuple[int, int]) -> bool:
    """An amount of a food ("2 tablespoons of olive oil", "17 grams of fat") is diet, not a dose."""
    return bool(_food_after.match(text, span[1]))


def _kind(text: str, start: int, end: int, a: list, s: list, w: list, t: list) -> str | None:
    """Instruction, titration or neither: see the module docstring."""
    if text[end - 1] == "?" or (_reporting.search(text, start, end) and not _imperative.match(text, start)):
        return None
    if a and not _diet.search(text, start, end) and (s or w or _cue.search(text, start, end)):
        return "instruction"
    if s and not a and _administer.search(text, start, end) and not _activity.search(text, start, end):
        return "instruction"
    if w and not a and (_imperative.match(text, start) or _you_take.search(text, start, end)) and _medicine.search(text, start, end):
        if any(_taken_before.search(text, max(start, ws - 50), ws) for ws, _ in w):
            return "instruction"
    if t and not _digit.search(text, start, end):
        return "titration"
    return None


_administer = regex.compile(
    r"\b(?:take|takes|taken|taking|use|used|apply|applied|inject|injected|inhale|inhaled|give|given|receive|swallow|chew"
    r"|insert|dose|doses|dosage|administered)\b", _F)
_activity = regex.compile(
    r"\b(?:walk|walks|walking|exercise|break|breaks|bath|shower|nap|breaths?|rest|steps|stairs|photos?|notes|readings?"
    r"|temperature|blood\s+(?:pressure|sugar|glucose)|weigh|teeth|void|urinate|urine|meals?|eat|snacks?|checks?|tests?|visits?"
    r"|exams?|follow-up|appointments?|floss|brush\w*|marijuana|cannabis|cigarettes?|smok\w*|drinks?|take\s+(?:out|place|part|care|time))\b", _F)
_you_take = regex.compile(r"\byou\s+(?:\w+\s+){0,2}?(?:take|use|apply|inject|inhale|give)\b", _F)
_medicine = regex.compile(rf"\b(?:it|them|medicines?|medications?|drugs?|doses?|{_FORM}|insulin|antibiotics?|supplements?|vitamins?)\b", _F)
_digit = regex.compile(_HAS_DIGIT)
_taken_before = regex.compile(r"\b(?:take|taken|use|used|apply|inject|inhale|give|given)\b(?:\s+\S+){0,4}\s+$", _F)


def _lead_in(block: Block, blocks: list[Block]) -> Block | None:
    """The paragraph that introduces a list item ("For children aged 6 to 12:")."""
    if not block.in_list:
        return None
    for b in reversed(blocks[: block.index]):
        if not b.in_list:
            return b if b.kind == "paragraph" else None
    return None


def _context(block: Block, blocks: list[Block]) -> list[Block]:
    ctx = [blocks[block.section]] if block.section >= 0 else []
    lead = _lead_in(block, blocks)
    return ctx + ([lead] if lead else [])


def _context_about_children(block: Block, blocks: list[Block]) -> bool:
    return any(_children.search(b.text) for b in _context(block, blocks))


def _context_banded(block: Block, blocks: list[Block]) -> bool:
    """A band in the heading, the list's lead-in, or anywhere in the section (a dose table by weight)."""
    section = [b for b in blocks if b.section == block.section and b.kind != "heading"]
    return any(_age_or_weight.search(b.text) for b in _context(block, blocks) + section)
