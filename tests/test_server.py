"""`healthlint server` as an editor meets it: a subprocess spoken to in JSON-RPC over stdio
(tests/lsp_client.py), from initialize to exit."""

from __future__ import annotations

import pytest

from lsp_client import Client

ARTICLE = "# Pain 😀\n\nThe 😀 pill is 100% safe. Hypertension is common.\n"


def _utf16(line: str, column: int) -> int:
    """The UTF-16 offset of a code-point column (0-based) in `line`."""
    return len(line[:column].encode("utf-16-le")) // 2


def _apply(text: str, edits: list[dict]) -> str:
    """An editor applying LSP text edits in UTF-16 positions, last first."""
    lines = text.split("\n")

    def offset(pos: dict) -> int:
        line = lines[pos["line"]]
        units, column = 0, 0
        while units < pos["character"]:
            units += 2 if line[column] > "\uffff" else 1
            column += 1
        return sum(len(x) + 1 for x in lines[: pos["line"]]) + column

    for e in sorted(edits, key=lambda e: (e["range"]["start"]["line"], e["range"]["start"]["character"]), reverse=True):
        text = text[: offset(e["range"]["start"])] + e["newText"] + text[offset(e["range"]["end"]) :]
    return text


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    folder = tmp_path_factory.mktemp("workspace")
    client = Client(folder)
    client.folder = folder
    yield client
    client.kill()


def _by_rule(diagnostics):
    return {d["code"]: d for d in diagnostics}


def test_initialize_says_what_the_server_does(session):
    caps = session.initialized["capabilities"]
    assert caps["positionEncoding"] == "utf-16"
    assert caps["textDocumentSync"]["change"] == 2  # incremental
    assert caps["hoverProvider"] is True
    assert caps["codeActionProvider"]["codeActionKinds"] == ["quickfix"]
    assert session.initialized["serverInfo"]["name"] == "healthlint"


def test_diagnostics_on_open_have_exact_utf16_ranges_rule_severity_and_page(session):
    uri = (session.folder / "open.md").as_uri()
    session.open(uri, ARTICLE)
    found = _by_rule(session.diagnostics(uri, 1))
    assert set(found) == {"claims/absolute", "plain-language/jargon"}
    line = ARTICLE.split("\n")[2]
    absolute = found["claims/absolute"]
    start = line.index("100% safe")
    assert absolute["range"] == {
        "start": {"line": 2, "character": _utf16(line, start)},
        "end": {"line": 2, "character": _utf16(line, start + len("100% safe"))},
    }
    assert absolute["range"]["start"]["character"] == 15  # 14 characters before it, the emoji two units
    assert absolute["severity"] == 2 and absolute["source"] == "healthlint"
    assert absolute["codeDescription"]["href"].endswith("/docs/rules/claims/absolute.md")
    assert found["plain-language/jargon"]["severity"] == 3


def test_a_change_gets_new_diagnostics_for_its_version(session):
    uri = (session.folder / "change.md").as_uri()
    session.open(uri, ARTICLE)
    session.diagnostics(uri, 1)
    line = ARTICLE.split("\n")[2]
    start = _utf16(line, line.index("100% "))
    # An incremental change, as editors send it: delete "100% " on line 2.
    session.change(uri, 2, "", {"start": {"line": 2, "character": start}, "end": {"line": 2, "character": start + 5}})
    found = _by_rule(session.diagnostics(uri, 2))
    assert set(found) == {"plain-language/jargon"}
    jargon_at = _utf16(line, line.index("Hypertension")) - 5
    assert found["plain-language/jargon"]["range"]["start"] == {"line": 2, "character": jargon_at}


def test_the_last_version_wins(session):
    uri = (session.folder / "typing.md").as_uri()
    session.open(uri, "Start.\n")
    session.diagnostics(uri, 1)
    for version in range(2, 7):
        session.change(uri, version, "Start." + " It is 100% safe." * (version == 6) + "\n")
    assert [d["code"] for d in session.diagnostics(uri, 6)] == ["claims/absolute"]
    stale = [n for n in session.notifications if n["method"] == "textDocument/publishDiagnostics" and n["params"]["uri"] == uri]
    assert all(n["params"]["version"] < 6 for n in stale)


def test_code_actions_fix_and_suppress(session):
    uri = (session.folder / "actions.md").as_uri()
    session.open(uri, ARTICLE)
    found = _by_rule(session.diagnostics(uri, 1))
    jargon = found["plain-language/jargon"]
    actions = session.request(
        "textDocument/codeAction", {"textDocument": {"uri": uri}, "range": jargon["range"], "context": {"diagnostics": [jargon]}}
    )
    titles = [a["title"] for a in actions]
    assert titles == [
        "Replace 'Hypertension' with 'High blood pressure'",
        "Suppress plain-language/jargon on this line",
        "Suppress plain-language/jargon in this file",
    ]
    assert "isPreferred" not in actions[0] and actions[0]["diagnostics"][0]["code"] == "plain-language/jargon"
    (change,) = actions[0]["edit"]["documentChanges"]
    assert change["textDocument"] == {"uri": uri, "version": 1}
    fixed = _apply(ARTICLE, change["edits"])
    assert fixed == ARTICLE.replace("Hypertension", "High blood pressure")
    session.change(uri, 2, fixed)
    assert set(_by_rule(session.diagnostics(uri, 2))) == {"claims/absolute"}

    request = {"textDocument": {"uri": uri}, "range": found["claims/absolute"]["range"], "context": {"diagnostics": []}}
    suppress = session.request("textDocument/codeAction", request)[0]
    assert suppress["title"] == "Suppress claims/absolute on this line"
    quiet = _apply(fixed, suppress["edit"]["documentChanges"][0]["edits"])
    assert "<!-- healthlint-disable-next-line claims/absolute -->\nThe 😀 pill" in quiet
    session.change(uri, 3, quiet)
    assert session.diagnostics(uri, 3) == []


def test_hover_on_a_finding_explains_the_rule(session):
    uri = (session.folder / "hover.md").as_uri()
    session.open(uri, ARTICLE)
    absolute = _by_rule(session.diagnostics(uri, 1))["claims/absolute"]
    inside = {"line": 2, "character": absolute["range"]["start"]["character"] + 3}
    hover = session.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": inside})
    assert hover["range"] == absolute["range"]
    value = hover["contents"]["value"]
    assert hover["contents"]["kind"] == "markdown"
    assert value.startswith("**claims/absolute** (warning)")
    assert "Flagged:" in value and "Fine:" in value
    nothing = session.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 1}})
    assert nothing is None


def test_a_malformed_message_does_not_bring_it_down(session):
    session.send_raw(b"{this is not json")
    session.send_raw(b'{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"nonsense": 1}}')
    session.send({"id": 999, "method": "no/such/method", "params": {}})
    uri = (session.folder / "after.md").as_uri()
    session.open(uri, "It is 100% safe.\n")
    assert [d["code"] for d in session.diagnostics(uri, 1)] == ["claims/absolute"]
    assert session.process.poll() is None


def test_a_document_of_a_megabyte_is_linted_and_the_editor_is_answered_meanwhile(session):
    small = (session.folder / "small.md").as_uri()
    session.open(small, ARTICLE)
    session.diagnostics(small, 1)
    plain = "Your kidneys filter your blood and remove waste from your body every day. They also keep your blood pressure steady.\n\n"
    unit = plain * 49 + "This pill is 100% safe for everyone.\n\n"
    big_text = unit * (1024 * 1024 // len(unit) + 1)
    big = (session.folder / "big.md").as_uri()
    session.open(big, big_text)
    # Asked while the megabyte is linted: answered before its diagnostics arrive.
    hover = session.request("textDocument/hover", {"textDocument": {"uri": small}, "position": {"line": 2, "character": 18}})
    assert hover["contents"]["value"].startswith("**claims/absolute**")
    assert not any(n["method"] == "textDocument/publishDiagnostics" and n["params"]["uri"] == big for n in session.notifications)
    found = session.diagnostics(big, 1, timeout=300)
    assert sum(d["code"] == "claims/absolute" for d in found) == big_text.count("100% safe")
    last = found[-1]["range"]["start"]["line"]
    assert last >= big_text.count("\n") - 3
    session.notify("textDocument/didClose", {"textDocument": {"uri": big}})
    assert session.diagnostics(big) == []


def test_config_is_read_again_when_it_changes_and_a_broken_one_is_a_message(session):
    uri = (session.folder / "config.md").as_uri()
    session.open(uri, ARTICLE)
    assert set(_by_rule(session.diagnostics(uri, 1))) == {"claims/absolute", "plain-language/jargon"}
    config = session.folder / ".healthlint.toml"
    config.write_text('ignore = ["plain-language/jargon"]\n')
    session.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": config.as_uri(), "type": 1}]})
    assert set(_by_rule(session.diagnostics(uri, 1))) == {"claims/absolute"}
    session.open("untitled:Untitled-1", ARTICLE)  # unsaved: linted as if in the workspace folder
    assert set(_by_rule(session.diagnostics("untitled:Untitled-1", 1))) == {"claims/absolute"}
    config.write_text("ignore = [\n")
    session.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": config.as_uri(), "type": 2}]})
    shown = session.wait_for("window/showMessage")
    assert shown["type"] == 1 and shown["message"].startswith(f"healthlint: {config}: not valid TOML")
    assert session.diagnostics(uri, 1) == []
    config.write_text("ignore = []\n")  # fixed, and saved: read again without a watcher's word
    session.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    assert set(_by_rule(session.diagnostics(uri, 1))) == {"claims/absolute", "plain-language/jargon"}
    config.unlink()


def test_utf8_columns_typing_paused_for_and_shutdown_and_exit(tmp_path):
    """An editor that counts in UTF-8 bytes, and waits for a pause of 1.5 s in typing."""
    client = Client(tmp_path, {"debounce": 1500}, capabilities={"general": {"positionEncodings": ["utf-8", "utf-16"]}})
    try:
        assert client.initialized["capabilities"]["positionEncoding"] == "utf-8"
        uri = (tmp_path / "bytes.md").as_uri()
        client.open(uri, "Né 😀 pill: 100% safe.\n")  # linted at once
        (found,) = client.diagnostics(uri, 1)
        assert found["range"]["start"] == {"line": 0, "character": len("Né 😀 pill: ".encode())}
        for version in range(2, 7):  # typed within the pause: one lint, of the last version
            client.change(uri, version, "Né 😀 pill: 100% safe." + " Hypertension." * (version == 6) + "\n")
        assert [d["code"] for d in client.diagnostics(uri, 6)] == ["claims/absolute", "plain-language/jargon"]
        published = [n for n in client.notifications if n["method"] == "textDocument/publishDiagnostics"]
        assert published == []
        assert client.close() == 0
    finally:
        client.kill()
