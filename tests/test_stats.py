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
    assert set(f["grades"]) == {"consensus", "flesch-kincaid", "smog", "coleman-liau", "ari", "gunning-fog", "dale-chall"}
    assert [(p["line"], p["column"], p["grade"]) for p in f["hardest_paragraphs"]] == [(2, 1, 17.7), (1, 1, 17.5), (10, 1, 16.3)]


def test_text_output_names_formulas_and_hardest_lines():
    result = run(str(EXAMPLE))
    assert result.exit_code == 0
    out = result.output
    assert out.startswith(f"{EXAMPLE}\n  words               715\n  sentences           41\n")
    assert "  average sentence    17.4 words\n" in out
    assert "  grade (consensus)   14.8" in out
    assert "    Flesch–Kincaid    12.8\n" in out
    assert "    line 2     grade 17.7  Chronic pain is a pervasive condition, affecting millions …" in out


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
