"""Broken and hostile input: each file ends in findings or one clear error line, never a traceback.

Every case is linted beside a good file, whose finding must still be reported, and no
linted file is ever changed. Findings come from a small house pack (see test_cli.py)
so the expected positions do not move when the built-in packs change.
"""

from __future__ import annotations

import codecs
import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from healthlint.cli import main

HOUSE_PACK = (Path(__file__).parent / "data" / "house.toml").read_text(encoding="utf-8")
GOOD_LINE = "good.md:1:6: warning regulatory/zorblax-test Do not name 'zorblax'"


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    (tmp_path / "house.toml").write_text(HOUSE_PACK)
    (tmp_path / ".healthlint.toml").write_text('rule-packs = ["house.toml"]\nselect = ["regulatory/zorblax-test"]\n')
    (tmp_path / "good.md").write_text("Some zorblax.\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str):
    result = CliRunner().invoke(main, ["check", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.output
    return result


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Content and mtime of every file but healthlint's own cache."""
    files = [p for p in sorted(folder.rglob("*")) if p.is_file() and ".healthlint_cache" not in p.parts]
    return {str(p): (p.read_bytes(), p.stat().st_mtime_ns) for p in files}


def refused(project: Path, name: str, data: bytes, message: str) -> None:
    """`name` gets exactly one error line; good.md beside it is still linted; nothing is written."""
    (project / name).write_bytes(data)
    before = snapshot(project)
    r = run(name, "good.md")
    assert r.stderr.splitlines() == [f"healthlint: {name}: {message}"]
    assert GOOD_LINE in r.stdout.splitlines()
    assert r.exit_code == 2
    assert snapshot(project) == before


def findings(project: Path, name: str, data: bytes) -> list[tuple[int, int]]:
    """Lint `name` beside good.md; no error; return its (line, column) findings."""
    (project / name).write_bytes(data)
    before = snapshot(project)
    r = run("--format", "json", name, "good.md")
    assert r.stderr == ""
    out = json.loads(r.stdout)
    assert ("good.md", 1, 6) in [(f["path"], f["line"], f["column"]) for f in out["findings"]]
    assert snapshot(project) == before
    return [(f["line"], f["column"]) for f in out["findings"] if f["path"] == name]


# -- issue 2: files that cannot be linted, and files that can


def test_missing_path(project):
    r = run("nope.md", "good.md")
    assert r.stderr == "healthlint: nope.md: no such file or folder\n"
    assert GOOD_LINE in r.stdout
    assert r.exit_code == 2


def test_folder_with_nothing_to_lint(project):
    (project / "empty" / "sub").mkdir(parents=True)
    (project / "empty" / "notes.rst").write_text("zorblax\n")
    r = run("empty", "good.md")
    assert r.stderr == "healthlint: empty: no Markdown or text files to lint in this folder\n"
    assert GOOD_LINE in r.stdout
    assert r.exit_code == 2


def test_a_bad_file_inside_a_folder_does_not_hide_the_others(project):
    (project / "docs").mkdir()
    (project / "docs" / "a.md").write_text("zorblax\n")
    (project / "docs" / "b.md").write_bytes(b"\x00\x01\x02")
    (project / "docs" / "c.md").write_text("A zorblax.\n")
    r = run("docs")
    assert r.stderr == f"healthlint: {Path('docs/b.md')}: is a binary file, not text\n"
    assert [line.split(" ")[0] for line in r.stdout.splitlines()[:-1]] == [f"{Path('docs/a.md')}:1:1:", f"{Path('docs/c.md')}:1:3:"]
    assert r.exit_code == 2


def test_bad_bytes_on_standard_input(project):
    result = CliRunner().invoke(main, ["check", "-", "--stdin-filename", "x.md"], input="Caf\u00e9 zorblax\n".encode("latin-1"))
    assert result.stderr == "healthlint: x.md: line 1: is not valid UTF-8 (byte 0xe9); save it as UTF-8\n"
    assert result.exit_code == 2


def test_latin1_is_refused_with_its_line(project):
    refused(project, "latin1.md", "Fine line.\nCaf\u00e9 zorblax.\n".encode("latin-1"), "line 2: is not valid UTF-8 (byte 0xe9); save it as UTF-8")


def test_utf8_bom_is_decoded_and_not_counted_as_a_column(project):
    assert findings(project, "bom.md", codecs.BOM_UTF8 + b"zorblax\nA zorblax.\n") == [(1, 1), (2, 3)]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom_is_decoded(project, encoding):
    bom = {"utf-16": b"", "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}[encoding]
    data = bom + "Caf\u00e9.\nA zorblax \U0001f48a zorblax.\n".encode(encoding)
    assert findings(project, "wide.md", data) == [(2, 3), (2, 13)]


def test_utf16_that_does_not_decode_is_refused(project):
    refused(project, "odd.md", codecs.BOM_UTF16_LE + b"z\x00o\x00\x00\xd8", "looks like UTF-16 but does not decode; save it as UTF-8")


def test_binary_file(project):
    refused(project, "image.md", bytes(range(256)) * 4, "is a binary file, not text")


def test_nul_bytes_near_the_start_mean_binary(project):
    refused(project, "nul.md", b"zorblax\x00\x00 zorblax\n", "is a binary file, not text")


def test_a_stray_nul_late_in_a_text_file_is_read_as_a_replacement_character(project):
    data = b"x" * 9000 + b"\n\nA zorblax\x00zorblax.\n"
    assert findings(project, "late-nul.md", data) == [(3, 3), (3, 11)]


def test_empty_file_is_fine(project):
    (project / "empty.md").write_bytes(b"")
    r = run("empty.md")
    assert (r.exit_code, r.stderr, r.stdout) == (0, "", "0 errors, 0 warnings, 0 info in 1 file\n")


def test_whitespace_only_file_is_fine(project):
    assert findings(project, "blank.md", b"\n\n   \n\t\n") == []


def test_20_mb_file_is_refused_clearly(project):
    refused(project, "huge.md", b"A zorblax sentence here.\n" * (20 * 1024 * 1024 // 25 + 1), "is 20 MB; healthlint reads files up to 10 MB")


def test_broken_toml_config_names_the_file_and_line(project):
    bad = project / "broken"
    bad.mkdir()
    (bad / "pyproject.toml").write_text('[tool.healthlint]\nignore = []\nselect = = ["claims"]\n')
    (bad / "a.md").write_text("zorblax\n")
    r = run("broken/a.md", "good.md")
    (line,) = r.stderr.splitlines()
    assert line.startswith(f"healthlint: {bad / 'pyproject.toml'}: not valid TOML: ")
    assert "line 3" in line
    assert GOOD_LINE in r.stdout and r.exit_code == 2


def test_unknown_rule_id_in_config_select(project):
    bad = project / "typo"
    bad.mkdir()
    (bad / ".healthlint.toml").write_text('select = ["plain-language/jargonn"]\n')
    (bad / "a.md").write_text("zorblax\n")
    r = run("typo/a.md", "good.md")
    (line,) = r.stderr.splitlines()
    assert line.startswith(f"healthlint: {bad / '.healthlint.toml'}: ")
    assert "'plain-language/jargonn'" in line
    assert GOOD_LINE in r.stdout and r.exit_code == 2


def _pack_folder(project: Path, pattern: str) -> Path:
    folder = project / "house"
    folder.mkdir()
    (folder / "evil.toml").write_text(
        "[[rules]]\n"
        'id = "regulatory/evil-test"\nkind = "phrase"\nseverity = "warning"\n'
        f'message = "m"\nwhy = "w"\npatterns = [{json.dumps(pattern)}]\nexamples.bad = ["aaa"]\n'
    )
    (folder / ".healthlint.toml").write_text('rule-packs = ["evil.toml"]\n')
    return folder


def test_rule_pack_with_a_bad_pattern_names_the_file_rule_and_key(project):
    folder = _pack_folder(project, "(unclosed")
    (folder / "a.md").write_text("zorblax\n")
    r = run("house/a.md", "good.md")
    (line,) = r.stderr.splitlines()
    assert line.startswith(f"healthlint: {folder / 'evil.toml'}: rule 'regulatory/evil-test': key 'patterns': pattern '(unclosed' does not compile")
    assert GOOD_LINE in r.stdout and r.exit_code == 2


def test_catastrophic_backtracking_pattern_does_not_hang_and_names_the_rule(project):
    folder = _pack_folder(project, "(a+)+$")
    (folder / "a.md").write_text("a" * 5000 + "!\n")
    r = run("house/a.md", "good.md")
    (line,) = r.stderr.splitlines()
    assert line.startswith("healthlint: house/a.md: ") or line.startswith(f"healthlint: {folder / 'evil.toml'}: ")
    assert "regulatory/evil-test" in line
    assert GOOD_LINE in r.stdout and r.exit_code == 2


# -- issue 8: broken and hostile content

RICH = (
    "---\ntitle: Caf\u00e9 \u00e9t\u00e9\n---\n\n# Zorblax \U0001f48a\n\n"
    "Take a zorblax **now** and [see](https://example.org/zorblax) more.\n\n"
    "> - quoted zorblax item\n>   continued\n\n"
    "| a | zorblax |\n|---|---|\n| 1 | \u00e9 zorblax |\n\n"
    "```\nzorblax in code\n```\n\nLast zorblax[^1].\n\n[^1]: A zorblax note.\n"
).encode("utf-8")


def test_truncated_files_lint_or_are_refused_clearly(project):
    """Every cut of a rich file, including inside multi-byte characters."""
    names = []
    expected = []
    for cut in range(0, len(RICH) + 1):
        name = f"cut{cut:03}.md"
        (project / name).write_bytes(RICH[:cut])
        names.append(name)
        try:
            RICH[:cut].decode("utf-8")
        except UnicodeDecodeError as err:
            line = RICH[:cut].count(b"\n") + 1
            expected.append(f"healthlint: {name}: line {line}: is not valid UTF-8 (byte 0x{RICH[err.start]:02x}); save it as UTF-8")
    r = run(*names, "good.md")
    assert len(expected) == 7  # cuts inside the four two-byte characters and the four-byte emoji
    assert r.stderr.splitlines() == expected
    assert GOOD_LINE in r.stdout.splitlines() and r.exit_code == 2


def test_random_byte_flips(project):
    rng = random.Random(8)
    names = []
    for i in range(60):
        data = bytearray(RICH)
        top = 128 if i % 2 else 256  # half the files keep to ASCII, so most of them still decode
        for _ in range(rng.randint(1, 6)):
            data[rng.randrange(len(data))] = rng.randrange(1, top)
        name = f"flip{i:02}.md"
        (project / name).write_bytes(bytes(data))
        names.append(name)
    before = snapshot(project)
    r = run("--format", "json", *names, "good.md")
    out = json.loads(r.stdout)
    errors = {e["path"] for e in out["errors"]}
    assert len(r.stderr.splitlines()) == len(errors)
    for line in r.stderr.splitlines():
        assert line.split(": ")[0] == "healthlint" and line.split(": ")[1] in errors
    linted = set(names) - errors
    assert len(linted) > 20  # most flips still decode
    for f in out["findings"]:
        lines = (project / f["path"]).read_bytes().decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n").split("\n")
        assert 1 <= f["line"] <= f["end_line"] <= len(lines)
        assert 1 <= f["column"] <= len(lines[f["line"] - 1]) + 1
    assert ("good.md", 1, 6) in [(f["path"], f["line"], f["column"]) for f in out["findings"]]
    assert r.exit_code == (2 if errors else 1)
    assert snapshot(project) == before


def test_unterminated_code_fence_hides_only_what_follows_it(project):
    assert findings(project, "fence.md", b"A zorblax.\n\n```\nzorblax in code\n\nmore zorblax\n") == [(1, 3)]


def test_unterminated_front_matter_is_read_as_text(project):
    assert findings(project, "fm.md", b"---\ntitle: zorblax\nbody zorblax\n") == [(2, 8), (3, 6)]


def test_terminated_front_matter_is_not_prose(project):
    assert findings(project, "fm.md", b"---\ntitle: zorblax\n---\nbody zorblax\n") == [(4, 6)]


@pytest.mark.parametrize(
    "text",
    [">" * 5000 + " zorblax\n", "- " * 5000 + "zorblax\n", "1. " * 5000 + "zorblax\n", "> - " * 2500 + "zorblax\n"],
    ids=["blockquotes", "bullets", "numbers", "mixed"],
)
def test_5000_levels_of_nesting_are_refused_not_half_read(project, text):
    refused(project, "deep.md", text.encode(), "line 1: lists or blockquotes are nested too deeply to read")


def test_deep_nesting_over_many_lines_names_the_line(project):
    text = "Intro zorblax.\n\n" + "".join(">" * i + " zorblax\n" for i in range(1, 260))
    refused(project, "deep.md", text.encode(), "line 202: lists or blockquotes are nested too deeply to read")


def test_nesting_markdown_can_read_is_linted(project):
    assert findings(project, "nested.md", (">" * 150 + " zorblax\n").encode()) == [(1, 152)]
    assert findings(project, "nested2.md", "".join("  " * i + "- item\n" for i in range(60)).encode() + b"\n" + b"zorblax\n") == [(62, 1)]


def test_single_1_mb_line(project):
    line = "Hello zorblax there. " * 50_000
    found = findings(project, "wide.md", (line + "\n").encode())
    assert len(found) == 50_000
    assert found[0] == (1, 7) and found[-1] == (1, len(line) - 21 + 7)


def test_400000_short_lines(project):
    text = "".join("a zorblax line\n" if i % 1000 == 999 else "a short line\n" for i in range(400_000))
    found = findings(project, "long.md", text.encode())
    assert len(found) == 400
    assert found[0] == (1000, 3) and found[-1] == (400_000, 3)


def test_100000_lines_of_short_paragraphs(project):
    text = "".join("zorblax\n\n" if i % 1000 == 999 else "short\n\n" for i in range(50_000))
    found = findings(project, "paras.md", text.encode())
    assert found[-1] == (99_999, 1) and len(found) == 50


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"], ids=["crlf", "cr", "lf"])
@pytest.mark.parametrize("name", ["a.md", "a.txt"])
def test_line_endings_keep_line_numbers_right(project, newline, name):
    text = newline.join(["# Title", "", "One zorblax", "and zorblax", "", "- item zorblax", ""])
    assert findings(project, name, text.encode()) == [(3, 5), (4, 5), (6, 8)]


def test_mixed_line_endings(project):
    assert findings(project, "mixed.md", b"a\r\nb\rc\nzorblax\r\n\r\nzorblax\n") == [(4, 1), (6, 1)]


def test_html_and_script_blocks_are_not_prose(project):
    text = (
        "<div>\nzorblax in html\n</div>\n\n"
        "<script>\nvar zorblax = 1;\n\nalert('zorblax');\n</script>\n\n"
        "<style>\n.zorblax { }\n</style>\n\n"
        "Text <span>zorblax</span> inline.\n"
    )
    assert findings(project, "html.md", text.encode()) == [(15, 12)]


def test_right_to_left_overrides_count_as_one_column_each(project):
    text = "A \u202ezorblax\u202c and \u2067zorblax\u2069 \u200fzorblax\n"
    assert findings(project, "rtl.md", text.encode()) == [(1, 4), (1, 18), (1, 28)]


def test_emoji_count_as_one_column_each(project):
    text = "\U0001f48a\U0001f48a zorblax \U0001f44d\U0001f3fd \U0001f468\u200d\U0001f469\u200d\U0001f467 zorblax\n"
    assert findings(project, "emoji.md", text.encode()) == [(1, 4), (1, 21)]


def test_control_characters_and_odd_spaces(project):
    text = "A\x0bzorblax\x0c zorblax\u2028zorblax\u00a0zorblax\x1b[31m\n"
    assert findings(project, "ctl.md", text.encode()) == [(1, 3), (1, 12), (1, 20), (1, 28)]


def test_a_file_is_never_written(project):
    (project / "article.md").write_text("A zorblax.\n")
    (project / "doc.txt").write_bytes(b"zorblax\r\n")
    before = snapshot(project)
    for fmt in ("text", "json", "sarif", "github"):
        run("--format", fmt, ".")
    assert snapshot(project) == before


HOSTILE = {
    "rich": RICH.decode(),
    "rtl-emoji": "Take 2 \u202etablets\u202c of \U0001f48a ibuprofen daily \U0001f468\u200d\U0001f469\u200d\U0001f467. Cures cancer!\n",
    "html-script": "<script>\nalert('take 500 mg');\n</script>\n\nTake 500 mg <b>twice</b> a day.\n",
    "open-fence": "Take 5 mg.\n\n```\nTake 10 mg\n",
    "open-front-matter": "---\ntitle: Doses\nTake 5 mg daily.\n",
    "deep": ">" * 150 + " Take 5 mg daily. This miracle cure heals everything.\n",
    "deep-lists": "".join("  " * i + f"- Take {i} mg daily\n" for i in range(80)),
    "long-line": "Patients should take 200 mg of ibuprofen every 4 hours as needed for pain. " * 2000 + "\n",
    "short-lines": "Take 1 tablet.\nIt cures all.\n" * 2_000,
    "controls": "Take\x0b5\x0cmg\u2028daily\u00a0now\x1b[31m. Ibuprofen\u200b cures\ufeff pain.\n",
    "crlf": "# Dose\r\n\r\nTake 5 mg daily.\r\nIt is a miracle.\r\n",
    "cr": "# Dose\r\rTake 5 mg daily.\rIt is a miracle.\r",
    "brackets": "[" * 3000 + "take 5 mg" + "](x)" * 3000 + "\n\n" + "*" * 3000 + "a" + "*" * 3000 + "\n",
    "table-junk": "|" * 2000 + "\n" + "|-" * 1000 + "\n" + "| a " * 1000 + "\n",
    "entities": "&amp;" * 5000 + " take 5&nbsp;mg &#x1F48A; &#0; &#99999999;\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_content_with_every_default_rule(project, name):
    """The built-in rules, as they land, must read odd content without an error."""
    (project / "defaults.toml").write_text("")
    path = project / f"{name}.md"
    path.write_text(HOSTILE[name], newline="")
    r = run("--config", "defaults.toml", "--format", "json", path.name)
    assert r.stderr == "" and r.exit_code in (0, 1)
    text = HOSTILE[name].replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    for f in json.loads(r.stdout)["findings"]:
        assert 1 <= f["line"] <= f["end_line"] <= len(lines), f
        assert 1 <= f["column"] <= len(lines[f["line"] - 1]) + 1, f
        assert 1 <= f["end_column"] <= len(lines[f["end_line"] - 1]) + 1, f
