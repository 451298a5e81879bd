"""Abbreviations a text uses without spelling them out where it first uses them.

An abbreviation is what `word_difficulty` calls one ("Th17", "SGLT-2", "CI"), so the
familiar ones (DNA, HIV, UK) are never reported. Every block is read, headings and table
cells too, as a heading often spells one out ("Symptoms of generalised anxiety disorder (GAD)"). It is spelled out at a use written
"words in full (ABBR)", "ABBR (words in full)" or "ABBR, which stands for ...". Plurals
("GPs", "NSAIDs") are the abbreviation's uses too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from healthlint.recognisers import word_difficulty

_STANDS_FOR = re.compile(r"\s*,?\s*(?:which\s+)?(?:stands\s+for|is\s+short\s+for|short\s+for)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Use:
    block: object  # text.document.Block
    start: int
    end: int
    text: str
    spelled_out: bool


@dataclass(frozen=True)
class Undefined:
    first: Use  # where it is first used, not spelled out
    later: Use | None  # a later use that spells it out
    uses: int


def undefined(analysis, vocabulary: word_difficulty.Vocabulary) -> list[Undefined]:
    """Use as `analysis.fact(abbreviations.undefined, vocabulary)`: each abbreviation not spelled out at its first use."""
    uses: dict[str, list[Use]] = {}
    for block in analysis.doc.blocks:  # headings and table cells too: "## Symptoms of generalised anxiety disorder (GAD)"
        text = block.text
        for w in word_difficulty.hard_words(text, vocabulary)[1]:
            if w.kind == word_difficulty.ABBREVIATION:
                uses.setdefault(word_difficulty.key_of(w.text), []).append(Use(block, w.start, w.end, w.text, spelled_out(text, w.start, w.end)))
    return [
        Undefined(each[0], next((u for u in each if u.spelled_out), None), len(each))
        for each in uses.values()
        if not each[0].spelled_out
    ]


def spelled_out(text: str, start: int, end: int) -> bool:
    """The words in full stand just before it in brackets' place, or just after it in brackets or "stands for"."""
    before = text[max(0, start - 2) : start]
    if before.endswith("(") and text[end : end + 1] in (")", ";", ",") and re.search(r"[^\W\d_]{2}[^()]*\($", text[max(0, start - 60) : start]):
        return True  # "confidence interval (CI)"
    after = text[end : end + 80]
    opened = after.lstrip()
    if opened.startswith("(") and opened[1:2].isalpha():
        inside = opened[1:].split(")", 1)[0]
        return " " in inside.strip() or len(inside) > len(text[start:end]) + 1  # "Th17 (T helper 17)"
    return bool(_STANDS_FOR.match(after))
