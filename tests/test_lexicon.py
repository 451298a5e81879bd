"""Named lexicons: names found as whole words, built-in lists kept clean, user packs adding names."""

from __future__ import annotations

import pytest

from healthlint.analysis import Analysis
from healthlint.errors import PackError
from healthlint.recognisers import lexicon
from healthlint.setup.config import Config, Overrides
from healthlint.setup.registry import builtin_shared, ruleset
from healthlint.text.document import parse

SHARED = builtin_shared()


def names_in(text: str, name: str = "medicines", shared=SHARED) -> list[str]:
    analysis = Analysis(parse(text + "\n", "t.txt", False), shared)
    found = lexicon.found(analysis, shared.lexicon(name))
    return [b.text[s:e] for b in analysis.doc.blocks for s, e in found.spans(b)]


def test_generic_and_brand_names_are_medicines():
    text = "Switch to Zyrtec or cetirizine; take cefuroxime, Advil or St. John's wort."
    assert names_in(text) == ["Zyrtec", "cetirizine", "cefuroxime", "Advil"]


def test_a_name_is_a_whole_word_and_not_part_of_a_hyphenated_one():
    assert names_in("Ibuprofens and non-ibuprofen pain relief, ibuprofen-like.") == []


def test_the_longest_name_wins():
    assert names_in("Take sodium bicarbonate, then baking soda.") == ["sodium bicarbonate", "baking soda"]


def test_classes_of_medicine():
    assert names_in("You must not take NSAIDs or beta blockers.", "medicine-classes") == ["NSAIDs", "beta blockers"]


def test_everyday_words_are_not_medicines():
    text = "Control the relief of nature today: stay alert, find the modus of the colgate armour."
    assert names_in(text) == []


@pytest.mark.parametrize("name", sorted(SHARED.lexicons))
def test_built_in_lexicons_are_sorted_without_duplicates(name):
    names = list(SHARED.lexicon(name).names)
    assert names == sorted(names, key=str.casefold), f"{name}: keep the names sorted"
    assert len({n.casefold() for n in names}) == len(names), f"{name}: a name is listed twice"


def test_a_user_pack_adds_names_to_a_built_in_lexicon(tmp_path):
    pack = tmp_path / "house.toml"
    (tmp_path / "ours.txt").write_text("# our own\nHouseRelief\n", encoding="utf-8")
    pack.write_text('[[lexicon]]\nid = "medicines"\nwhy = "Our products."\nfile = "ours.txt"\nterms = ["Calmix"]\n', encoding="utf-8")
    shared = ruleset(Config(rule_packs=(pack,)), Overrides()).shared
    assert names_in("Try Calmix or HouseRelief, not Advil.", shared=shared) == ["Calmix", "HouseRelief", "Advil"]
    assert names_in("Try Calmix.") == []


def test_a_lexicon_file_that_is_missing_is_a_pack_error(tmp_path):
    pack = tmp_path / "house.toml"
    pack.write_text('[[lexicon]]\nid = "medicines"\nwhy = "w"\nfile = "gone.txt"\n', encoding="utf-8")
    with pytest.raises(PackError, match="lexicon 'medicines': key 'file'"):
        ruleset(Config(rule_packs=(pack,)), Overrides())


def test_an_unknown_lexicon_is_a_pack_error():
    with pytest.raises(PackError, match="no rule pack defines the lexicon 'nope'"):
        SHARED.lexicon("nope")
