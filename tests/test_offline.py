"""No network, first run included: healthlint works with sockets disabled and an empty home folder.

textstat 0.7.13 downloads NLTK's cmudict on its first syllable count; healthlint must
never let it. Each run here is a fresh process, so nothing is cached from earlier tests.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "kratom-chronic-pain-seo.txt"

# Any attempt to open a connection or look up a name raises, before healthlint is imported.
NO_NETWORK = """
import socket, sys

def refuse(*args, **kwargs):
    raise OSError("network disabled by the test")

class NoSocket(socket.socket):  # a class still, so that modules subclassing it import
    def __init__(self, *args, **kwargs):
        refuse()

socket.socket = NoSocket
socket.create_connection = refuse
socket.getaddrinfo = refuse
try:
    socket.socket()
except OSError:
    pass
else:
    sys.exit("sockets are still enabled")
"""


def offline(tmp_path: Path, code: str) -> subprocess.CompletedProcess:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NLTK", "XDG_"))}
    env.update(HOME=str(home), USERPROFILE=str(home), NLTK_DATA=str(home / "nltk_data"))
    return subprocess.run(
        [sys.executable, "-c", NO_NETWORK + code],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def nothing_downloaded(tmp_path: Path) -> None:
    """No nltk_data anywhere; in the home folder at most healthlint's own cache."""
    home = tmp_path / "home"
    written = [p.relative_to(home).as_posix() for p in home.rglob("*") if p.is_file()]
    assert all(p.startswith(".cache/healthlint/") for p in written), written
    assert not list(tmp_path.rglob("nltk_data"))


def test_check_runs_offline_with_an_empty_home(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    r = offline(
        tmp_path,
        "import sys\n"
        "from healthlint.cli import main\n"
        "sys.argv = ['healthlint', 'check', '--format', 'json', '--fail-on', 'error', 'article.txt']\n"
        "main()\n",
    )
    assert r.returncode in (0, 1), r.stderr
    assert r.stderr == ""
    data = json.loads(r.stdout)
    assert data["errors"] == []
    assert data["findings"], "the example article should have findings"
    nothing_downloaded(tmp_path)


def test_textstat_counts_syllables_offline(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8")
    (tmp_path / "article.txt").write_text(text, encoding="utf-8")
    r = offline(
        tmp_path,
        "import json, sys\n"
        "from healthlint.text.syllables import textstat\n"
        "ts = textstat()\n"
        "text = open('article.txt', encoding='utf-8').read()\n"
        "print(json.dumps({\n"
        "    'words': [ts.syllable_count(w) for w in ('medication', 'pain', 'analgesic', 'tolerance', 'kratom')],\n"
        "    'grade': ts.flesch_kincaid_grade(text),\n"
        "    'syllables': ts.syllable_count(text),\n"
        "    'nltk': 'nltk' in sys.modules,\n"
        "}))\n",
    )
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["words"][:4] == [4, 1, 4, 3]
    assert out["words"][4] >= 1  # not in cmudict: textstat falls back to hyphenation rules
    assert 8 < out["grade"] < 20  # the example reads near US grade 14
    assert out["syllables"] > 1000
    assert out["nltk"] is False
    nothing_downloaded(tmp_path)
