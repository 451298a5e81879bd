"""`healthlint stats`: the numbers per file, as text and as JSON."""

from __future__ import annotations

import json

from click.testing import CliRunner
from conftest import EXAMPLE

from healthlint.cli import main
from healthlint.text.syllables import textstat


def run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(main, ["stats", *args], input=stdin)


def test_json_numbers_for_the_example():
    result = run("--format", "json", str(EXAMPLE))
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["errors"] == []
    [f] = data["files"]
    assert f["path"] == str(EXAMPLE)
    assert (f["words"], f["sentences"]) == (715, 41)
    assert f["average_sentence_words"] == 17.4
    assert f["reading_minutes"] == 3.6  # 715 words at 200 a minute
    assert f["grades"]["flesch-kincaid"] == 12.8
    assert f["grades"]["consensus"] == 14.8
    assert f["grades"]["default"] == 12.2
    assert set(f["grades"]) == {"default", "consensus", "flesch-kincaid", "smog", "coleman-liau", "ari", "gunning-fog", "dale-chall"}
    assert [(p["line"], p["column"], p["grade"]) for p in f["hardest_paragraphs"]] == [(10, 1, 17.0), (8, 1, 15.2), (1, 1, 14.9)]
    difficulty = f["word_difficulty"]
    assert (difficulty["hard_words"], difficulty["tokens"], difficulty["hard_share"]) == (29, 715, 4.1)
    assert difficulty["words"][0] == {"word": "kratom", "kind": "uncommon", "count": 21, "line": 1}
    assert f["abbreviations"] == []


def test_text_output_names_formulas_and_hardest_lines():
    result = run(str(EXAMPLE))
    assert result.exit_code == 0
    out = result.output
    assert out.startswith(f"{EXAMPLE}\n  words               715\n  sentences           41\n")
    assert "  average sentence    17.4 words\n" in out
    assert "  grade (default)     12.2   Flesch–Kincaid and the share of hard words\n" in out
    assert "    consensus         14.8" in out
    assert "    Flesch–Kincaid    12.8\n" in out
    assert "  hard words          4.1%   29 of 715: uncommon words, abbreviations, statistics\n" in out
    assert "    most used         kratom (21), neuropathic (2)," in out
    assert "    line 10    grade 17.0  Kratom, derived from the leaves of the Mitragyna …" in out


def test_abbreviations_found_are_listed_with_their_first_line():
    text = "Both Th1 and Th17 responses rose in C57BL/6 mice.\n\nTh17 cells and DNA were measured (95% CI 1.2 to 3.4).\n"
    [f] = json.loads(run("--format", "json", "-", stdin=text).output)["files"]
    assert f["abbreviations"] == [
        {"abbreviation": "Th1", "count": 1, "line": 1},
        {"abbreviation": "Th17", "count": 2, "line": 1},
        {"abbreviation": "C57BL/6", "count": 1, "line": 1},
        {"abbreviation": "CI", "count": 1, "line": 3},
    ]
    assert [(w["word"], w["kind"]) for w in f["word_difficulty"]["words"]] == [("95%", "statistic"), ("1.2", "statistic"), ("3.4", "statistic")]


def test_markdown_from_stdin_leaves_out_headings_and_code():
    text = "# A very long and complicated heading about pharmacology\n\nTake one tablet a day with food.\n\n```\nignored code\n```\n"
    result = run("--format", "json", "-", stdin=text)
    [f] = json.loads(result.output)["files"]
    assert (f["words"], f["sentences"]) == (7, 1)
    assert f["grades"]["flesch-kincaid"] == round(textstat().flesch_kincaid_grade("Take one tablet a day with food."), 1)
    assert f["hardest_paragraphs"] == []  # nothing long enough to rank


def test_short_text_says_no_paragraph_is_long_enough(tmp_path):
    page = tmp_path / "short.md"
    page.write_text("Take one tablet a day with food.\n", encoding="utf-8")
    result = run(str(page))
    assert "hardest paragraphs  none long enough to grade (40+ words, 2+ sentences)" in result.output


def test_missing_file_is_an_error_and_the_rest_still_reported(tmp_path):
    result = run("--format", "json", str(EXAMPLE), str(tmp_path / "nope.md"))
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert len(data["files"]) == 1
    assert data["errors"] == [{"path": str(tmp_path / "nope.md"), "message": f"{tmp_path / 'nope.md'}: no such file or folder"}]
