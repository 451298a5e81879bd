"""The command line end to end: output formats, exit codes, paths, selection and `rules`.

Findings come from a small house pack made here, so these tests do not move when the
built-in packs change; only the `rules` command reads the built-in packs.
"""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from healthlint.cli import main

HOUSE_PACK = (Path(__file__).parent / "data" / "house.toml").read_text(encoding="utf-8")
HOUSE_IDS = ["regulatory/zorblax-test", "claims/miracle-test", "plain-language/quibble-test"]

ARTICLE = """\
# Heading

Some zorblax here.

It is a miracle cure, they say.

- One quibble
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    """A folder with the house pack, a config selecting only its rules, and one article."""
    (tmp_path / "house.toml").write_text(HOUSE_PACK)
    (tmp_path / ".healthlint.toml").write_text(f'rule-packs = ["house.toml"]\nselect = {json.dumps(HOUSE_IDS)}\n')
    (tmp_path / "article.md").write_text(ARTICLE)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str, stdin: str | bytes | None = None):
    result = CliRunner().invoke(main, list(args), input=stdin)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    return result


def test_text_format_lines_and_summary(project):
    r = run("check", "article.md")
    assert r.stdout.splitlines() == [
        "article.md:3:6: warning regulatory/zorblax-test Do not name 'zorblax'",
        "article.md:5:9: error claims/miracle-test Miracle claim: 'miracle cure'",
        "article.md:7:7: info plain-language/quibble-test Say 'small complaint' for 'quibble'",
        "1 error, 1 warning, 1 info in 1 file",
    ]
    assert r.stderr == ""
    assert r.exit_code == 1


def test_summary_counts_plural_and_files(project):
    (project / "two.md").write_text("zorblax and zorblax\n")
    r = run("check", "article.md", "two.md")
    assert r.stdout.splitlines()[-1] == "1 error, 3 warnings, 1 info in 2 files"


def test_no_colour_when_not_a_terminal_and_colour_on_request(project):
    assert "\x1b[" not in run("check", "article.md").stdout
    assert "\x1b[" not in run("check", "article.md", "--no-color").stdout
    coloured = run("check", "article.md", "--color").stdout
    assert "\x1b[31m" in coloured  # red for the error
    assert click_unstyle(coloured) == run("check", "article.md").stdout


def click_unstyle(text: str) -> str:
    import click

    return click.unstyle(text)


def test_real_process_colours_a_terminal_but_not_a_pipe(project):
    cmd = [sys.executable, "-m", "healthlint", "check", "article.md"]
    piped = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert piped.returncode == 1 and "\x1b[" not in piped.stdout
    assert "article.md:3:6: warning" in piped.stdout

    leader, follower = pty.openpty()
    proc = subprocess.Popen(cmd, stdout=follower, stderr=subprocess.PIPE)
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 4096)
        except OSError:  # the terminal closes when the process exits
            break
        if not data:
            break
        chunks.append(data)
    os.close(leader)
    assert proc.wait(timeout=60) == 1
    assert b"\x1b[" in b"".join(chunks)


def test_exit_codes_fail_on_and_exit_zero(project):
    (project / "info.md").write_text("A quibble.\n")
    (project / "clean.md").write_text("Nothing to see.\n")
    assert run("check", "clean.md").exit_code == 0
    assert run("check", "info.md").exit_code == 0  # info is below the default warning
    assert run("check", "info.md", "--fail-on", "info").exit_code == 1
    assert run("check", "article.md", "--fail-on", "error").exit_code == 1
    (project / "warn.md").write_text("zorblax\n")
    assert run("check", "warn.md", "--fail-on", "error").exit_code == 0
    assert run("check", "warn.md").exit_code == 1
    assert run("check", "article.md", "--exit-zero").exit_code == 0
    # Never the count of findings.
    (project / "many.md").write_text("zorblax\n" * 5)
    assert run("check", "many.md").exit_code == 1


def test_fail_on_from_config(project):
    (project / ".healthlint.toml").write_text(
        f'rule-packs = ["house.toml"]\nselect = {json.dumps(HOUSE_IDS)}\nfail-on = "info"\n'
    )
    (project / "info.md").write_text("A quibble.\n")
    assert run("check", "info.md").exit_code == 1


def test_fail_on_from_the_config_of_a_linked_file(project):
    """Files of one folder share its config, but a linked file takes the config where it lives."""
    (project / "docs").mkdir()
    (project / "docs" / "a.md").write_text("A quibble.\n")
    strict = project.parent / f"{project.name}-strict"
    strict.mkdir()
    (strict / "house.toml").write_text(HOUSE_PACK)
    (strict / ".healthlint.toml").write_text(f'rule-packs = ["house.toml"]\nselect = {json.dumps(HOUSE_IDS)}\nfail-on = "info"\n')
    (strict / "b.md").write_text("A quibble.\n")
    (project / "docs" / "b.md").symlink_to(strict / "b.md")
    assert run("check", "docs/a.md").exit_code == 0
    assert run("check", "docs/a.md", "docs/b.md").exit_code == 1
    assert run("check", "docs").exit_code == 1


def test_usage_errors_exit_2(project):
    assert run("check").exit_code == 2
    assert run("check", "article.md", "--format", "xml").exit_code == 2
    assert run("check", "article.md", "--fail-on", "fatal").exit_code == 2


def test_stdin_with_stdin_filename(project):
    r = run("check", "-", "--stdin-filename", "docs/piped.md", stdin="zorblax\n")
    assert r.stdout.splitlines()[0] == "docs/piped.md:1:1: warning regulatory/zorblax-test Do not name 'zorblax'"
    assert r.exit_code == 1


def test_stdin_without_name_is_reported_as_stdin(project):
    r = run("check", "-", stdin="zorblax\n")
    assert r.stdout.startswith("<stdin>:1:1: warning regulatory/zorblax-test")


def test_folders_are_walked_for_markdown_and_text_only(project):
    docs = project / "docs" / "deep"
    docs.mkdir(parents=True)
    for name in ("a.md", "b.markdown", "c.txt", "d.MD", "e.rst", "f.html", "g.py"):
        (docs / name).write_text("zorblax\n")
    r = run("check", "--format", "json", "docs")
    paths = sorted({f["path"] for f in json.loads(r.stdout)["findings"]})
    assert paths == [str(Path("docs/deep") / n) for n in ("a.md", "b.markdown", "c.txt", "d.MD")]


def test_exclude_globs_from_config(project):
    for rel in ("docs/keep.md", "docs/drafts/skip.md", "docs/vendor/x/skip.md", "docs/old.md"):
        (project / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / rel).write_text("zorblax\n")
    (project / ".healthlint.toml").write_text(
        f'rule-packs = ["house.toml"]\nselect = {json.dumps(HOUSE_IDS)}\n'
        'exclude = ["drafts", "docs/vendor/**", "old.md"]\n'
    )
    r = run("check", "--format", "json", "docs")
    assert {f["path"] for f in json.loads(r.stdout)["findings"]} == {str(Path("docs/keep.md"))}


@pytest.mark.parametrize(
    "options, expected",
    [
        (["--select", "claims/miracle-test"], ["claims/miracle-test"]),
        (["--select", "claims/miracle-test,regulatory/zorblax-test"], ["regulatory/zorblax-test", "claims/miracle-test"]),
        (["--select", "claims/miracle-test", "--select", "plain-language/quibble-test"], ["claims/miracle-test", "plain-language/quibble-test"]),
        (["--ignore", "claims/miracle-test"], ["regulatory/zorblax-test", "plain-language/quibble-test"]),
        (["--ignore", "claims,regulatory"], ["plain-language/quibble-test"]),
        (["--extend-select", "claims/miracle-test"], HOUSE_IDS),
    ],
)
def test_select_and_ignore_by_id_and_category(project, options, expected):
    r = run("check", "article.md", "--format", "json", *options)
    assert [f["rule"] for f in json.loads(r.stdout)["findings"]] == expected


def test_select_a_category_keeps_only_that_category(project):
    r = run("check", "article.md", "--format", "json", "--select", "claims")
    rules = [f["rule"] for f in json.loads(r.stdout)["findings"]]
    assert "claims/miracle-test" in rules
    assert {rule.split("/")[0] for rule in rules} == {"claims"}


@pytest.mark.parametrize("option", ["--select", "--ignore", "--extend-select"])
def test_unknown_rule_id_is_one_clear_line(project, option):
    r = run("check", "article.md", option, "claims/no-such-rule")
    assert r.exit_code == 2
    assert r.stderr.splitlines() == [f"healthlint: {option}: unknown rule or category 'claims/no-such-rule' (see `healthlint rules`)"]


def test_json_has_the_documented_keys(project):
    r = run("check", "article.md", "--format", "json")
    data = json.loads(r.stdout)
    assert r.exit_code == 1
    first, second, third = data["findings"]
    assert first == {
        "path": "article.md",
        "line": 3,
        "column": 6,
        "end_line": 3,
        "end_column": 13,
        "rule": "regulatory/zorblax-test",
        "category": "regulatory",
        "severity": "warning",
        "message": "Do not name 'zorblax'",
    }
    assert second["severity"] == "error" and "suggestion" not in second
    assert third["suggestion"] == "small complaint"
    assert data["summary"] == {"error": 1, "warning": 1, "info": 1, "files": 1}
    assert data["errors"] == []


def test_sarif_is_2_1_0_with_rule_metadata(project):
    data = json.loads(run("check", "article.md", "--format", "sarif").stdout)
    assert data["version"] == "2.1.0"
    (run_,) = data["runs"]
    rules = {r["id"]: r for r in run_["tool"]["driver"]["rules"]}
    miracle = rules["claims/miracle-test"]
    assert miracle["shortDescription"]["text"]
    assert miracle["help"]["text"] == "A test rule about miracle claims."
    assert miracle["defaultConfiguration"]["level"] == "error"
    results = run_["results"]
    assert [r["ruleId"] for r in results] == ["regulatory/zorblax-test", "claims/miracle-test", "plain-language/quibble-test"]
    assert [r["level"] for r in results] == ["warning", "error", "note"]
    region = results[1]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 5, "startColumn": 9, "endLine": 5, "endColumn": 21}
    assert results[1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "article.md"
    for r in results:
        assert run_["tool"]["driver"]["rules"][r["ruleIndex"]]["id"] == r["ruleId"]


def test_github_workflow_commands(project):
    lines = run("check", "article.md", "--format", "github").stdout.splitlines()
    assert lines == [
        "::warning file=article.md,line=3,col=6,endLine=3,endColumn=13,title=regulatory/zorblax-test::Do not name 'zorblax'",
        "::error file=article.md,line=5,col=9,endLine=5,endColumn=21,title=claims/miracle-test::Miracle claim: 'miracle cure'",
        "::notice file=article.md,line=7,col=7,endLine=7,endColumn=14,title=plain-language/quibble-test::Say 'small complaint' for 'quibble'",
    ]


def test_rules_lists_every_builtin_rule(project):
    r = run("rules")
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    jargon = next(line for line in lines if line.startswith("plain-language/jargon "))
    assert jargon.split()[1] == "info"
    listed = [line.split()[0] for line in lines]
    assert listed == sorted(listed) and len(listed) == len(set(listed))
    ids = {r["id"] for r in json.loads(run("rules", "--format", "json").stdout)}
    assert set(listed) == ids


def test_rules_id_explains_one_rule(project):
    r = run("rules", "plain-language/jargon")
    assert r.exit_code == 0
    out = r.stdout
    assert out.startswith("# plain-language/jargon\n")
    assert "\n## Why\n" in out and "CDC" in out
    assert "\nFlagged:\n\n```text\n" in out


def test_rules_unknown_id(project):
    r = run("rules", "plain-language/nope")
    assert r.exit_code == 2
    assert r.stderr == "healthlint: unknown rule 'plain-language/nope' (see `healthlint rules`)\n"


def test_version(project):
    assert run("--version").stdout.startswith("healthlint, version ")


def test_per_file_ignores_and_severity_from_config(project):
    (project / ".healthlint.toml").write_text(
        textwrap.dedent(
            f"""\
            rule-packs = ["house.toml"]
            select = {json.dumps(HOUSE_IDS)}
            [per-file-ignores]
            "legacy/*.md" = ["regulatory"]
            [severity]
            "claims/miracle-test" = "info"
            """
        )
    )
    (project / "legacy").mkdir()
    (project / "legacy" / "old.md").write_text("zorblax, a miracle cure\n")
    data = json.loads(run("check", "--format", "json", "legacy/old.md").stdout)
    assert [(f["rule"], f["severity"]) for f in data["findings"]] == [("claims/miracle-test", "info")]
