"""The context layer: every trigger's examples, the reach rules, and what a user pack adds."""

from __future__ import annotations

import pytest

from healthlint.analysis import Analysis
from healthlint.errors import PackError
from healthlint.recognisers import context
from healthlint.setup.config import Config, Overrides
from healthlint.setup.registry import builtin_shared, ruleset
from healthlint.text.document import parse

SHARED = builtin_shared()
TRIGGERS = SHARED.context.triggers


def context_of(example: str, shared=SHARED) -> context.Context:
    """The Context of an example's [target], read as a one-paragraph plain-text article."""
    text, start, end = context.target(example)
    analysis = Analysis(parse(text + "\n", "t.txt", False), shared)
    block = analysis.doc.blocks[0]
    assert block.text == text
    return context.at(analysis, block, start, end)


CASES = [
    (t.id, prop, kind, example)
    for t in TRIGGERS
    for kind, examples in t.examples.items()
    for example in examples
    for prop in t.properties
    if prop != context.CLAUSE
]


@pytest.mark.parametrize("tid, prop, kind, example", CASES, ids=[f"{c[0]}:{c[2]}:{c[3][:30]}" for c in CASES])
def test_every_trigger_s_examples(tid, prop, kind, example):
    found = context_of(example)
    if kind == "applies":
        assert tid in found.by.get(prop, ()), f"{tid} should set {prop} on {example!r}: {found.by}"
    else:
        assert not found.has(prop), f"{prop} should not be set on {example!r}: {found.by}"


def test_every_built_in_trigger_has_a_source_and_examples():
    for t in TRIGGERS:
        assert t.why.strip() and any(t.examples.values()), t.id
    assert {p for t in TRIGGERS for p in t.properties} >= set(context.PROPERTIES)


@pytest.mark.parametrize(
    "example, experiencer",
    [
        ("I started on [10 mg] in July.", "writer"),
        ("The patient was given [10 mg].", "other"),
        ("Take [10 mg] at night.", "reader"),
        ("[Aspirin] thins the blood.", None),
    ],
)
def test_experiencer(example, experiencer):
    assert context_of(example).experiencer == experiencer


def test_a_reach_stops_at_its_scope():
    # A clause-wide trigger stops at a comma; four words of "than" do not reach a fifth.
    assert not context_of("No, [take it] now.").negated
    assert not context_of("It costs less than all of the very many [visits] to a doctor.").dismissed
    # A sentence-wide trigger reaches across commas but not into the next sentence.
    assert context_of("In the trial, after a week, [10 mg] was given.").reported
    assert not context_of("The trial ended. Take [10 mg] a day.").reported


def test_a_trigger_that_overlaps_the_span_applies():
    assert context_of("[Zinc does not cure colds].").negated


def test_a_user_pack_adds_triggers(tmp_path):
    pack = tmp_path / "house.toml"
    pack.write_text(
        '[[context]]\nid = "reported/house-audit"\nproperty = "reported"\ndirection = "both"\n'
        'phrases = ["in our audit"]\nwhy = "House style."\n'
        '[context.examples]\napplies = ["In our audit, [20 mg] a day was usual."]\n',
        encoding="utf-8",
    )
    shared = ruleset(Config(rule_packs=(pack,)), Overrides()).shared
    assert context_of("In our audit, [20 mg] a day was usual.", shared).by["reported"] == ("reported/house-audit",)
    assert not context_of("In our audit, [20 mg] a day was usual.").reported


@pytest.mark.parametrize(
    "entry, message",
    [
        ('property = "nope"\ndirection = "both"\nphrases = ["x"]', "key 'property' must be one of"),
        ('property = "reported"\ndirection = "sideways"\nphrases = ["x"]', "key 'direction' must be one of"),
        ('property = "reported"\ndirection = "both"\nscope = 0\nphrases = ["x"]', "key 'scope'"),
        ('property = "reported"\ndirection = "both"', "needs 'phrases' or 'patterns'"),
        ('property = "reported"\ndirection = "both"\nphrases = ["x"]\nnope = 1', "unknown key 'nope'"),
    ],
)
def test_a_broken_trigger_names_its_pack_and_key(tmp_path, entry, message):
    pack = tmp_path / "house.toml"
    pack.write_text(
        f'[[context]]\nid = "reported/x"\n{entry}\nwhy = "w"\n[context.examples]\napplies = ["a [x] b"]\n', encoding="utf-8"
    )
    with pytest.raises(PackError) as err:
        ruleset(Config(rule_packs=(pack,)), Overrides())
    assert str(err.value).startswith(f"{pack}: context 'reported/x': ") and message in str(err.value)


def test_an_example_must_mark_its_target(tmp_path):
    pack = tmp_path / "house.toml"
    pack.write_text(
        '[[context]]\nid = "reported/x"\nproperty = "reported"\ndirection = "both"\nphrases = ["x"]\nwhy = "w"\n'
        '[context.examples]\napplies = ["no target here"]\n',
        encoding="utf-8",
    )
    with pytest.raises(PackError, match=r"must mark its target once, in \[brackets\]"):
        ruleset(Config(rule_packs=(pack,)), Overrides())


def test_an_analysis_without_shared_data_says_so():
    analysis = Analysis(parse("Take 10 mg.\n", "t.txt", False))
    with pytest.raises(ValueError, match="shared"):
        context.at(analysis, analysis.doc.blocks[0], 5, 10)
