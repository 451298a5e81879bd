"""`healthlint report`: the page's structure, read back with an HTML parser: every finding is in it,
every scored sentence is shaded, nothing is loaded from elsewhere, and the article's text is escaped."""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

from conftest import EXAMPLE
from healthlint.checking import Checker
from healthlint.recognisers.readability import PROSE_KINDS
from healthlint.report.article import band, band_label, measure_all
from healthlint.report.page import render

VOID = {"meta", "br", "hr", "img", "input", "link"}


class Page(HTMLParser):
    """The page's elements, checked to nest properly, with the text inside each shaded sentence."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.elements: list[tuple[str, dict]] = []
        self.sentences: list[list[str]] = []  # text of each shaded sentence in an article's text
        self.hidden = 0
        self.feed(html)
        self.close()
        assert self.stack == [], f"unclosed: {self.stack}"

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.elements.append((tag, attrs))
        if tag in VOID:
            return
        classes = attrs.get("class", "").split()
        if tag == "span" and "s" in classes and self._in_text():
            self.sentences.append([])
        if tag == "span" and ("g" in classes or "vh" in classes):
            self.hidden += 1
        self.stack.append((tag, attrs))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        open_tag, attrs = self.stack.pop()
        assert open_tag == tag, f"</{tag}> closes <{open_tag}>"
        if tag == "span" and set(attrs.get("class", "").split()) & {"g", "vh"}:
            self.hidden -= 1

    def handle_data(self, data):
        if self.sentences and not self.hidden and self._in_text() and any(t == "span" and "s" in a.get("class", "").split() for t, a in self.stack):
            self.sentences[-1].append(data)

    def _in_text(self) -> bool:
        return any(t == "div" and a.get("class") == "text" for t, a in self.stack)

    def ids(self) -> set[str]:
        return {a["id"] for _, a in self.elements if "id" in a}


def _page(*paths) -> tuple[str, list]:
    articles = list(measure_all(tuple(str(p) for p in paths)))
    return render(articles), articles


def test_every_finding_is_listed_and_placed_at_its_words():
    html, (article,) = _page(EXAMPLE)
    page = Page(html)
    checked = Checker().check(str(EXAMPLE), EXAMPLE.read_text(encoding="utf-8"))
    assert len(article.findings) == len(checked.findings) > 20
    ids = page.ids()
    for n, f in enumerate(checked.findings, 1):
        assert f"a1-f{n}" in ids  # in the list
        assert f"a1-m{n}" in ids  # and in the text
    marks = {a["id"]: a for t, a in page.elements if t in ("mark", "span") and a.get("id", "").startswith("a1-m")}
    assert len(marks) == len(checked.findings)
    for mark in marks.values():
        assert mark["tabindex"] == "0" and mark["aria-describedby"] in ids


def test_an_underline_covers_exactly_the_words_of_its_finding(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("# Pain\n\nThe 😀 pill is **100% safe**. Hypertension is common.\n", encoding="utf-8")
    html, (article,) = _page(path)
    texts = {}

    class Marks(HTMLParser):
        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            self.current = attrs.get("id") if tag == "mark" else getattr(self, "current", None)

        def handle_data(self, data):
            if getattr(self, "current", None):
                texts[self.current] = texts.get(self.current, "") + data

        def handle_endtag(self, tag):
            if tag == "mark":
                self.current = None

    Marks().feed(html)
    assert sorted(texts.values()) == ["100% safe", "Hypertension"]


def test_every_scored_sentence_is_shaded_by_its_grade():
    html, (article,) = _page(EXAMPLE)
    page = Page(html)
    scored = [b.text[s:e] for piece in article.pieces if piece.block.kind in PROSE_KINDS for b in [piece.block] for s, e in b.sentences]
    assert len(scored) > 40
    assert ["".join(parts) for parts in page.sentences] == scored
    shades = [a["class"] for t, a in page.elements if t == "span" and a.get("class", "").startswith("s b")]
    assert len(shades) == len(scored) + 4  # and the legend's four bands
    assert {s.band for p in article.pieces for s in p.sentences} >= {1, 2, 3}


def test_bands_follow_the_target():
    assert [band(g, 8) for g in (8.9, 9.0, 10.9, 11.0, 13.9, 14.0, 30)] == [0, 1, 1, 2, 2, 3, 3]
    assert [band_label(i, 8) for i in range(4)] == ["grade 8 or under", "grade 9 to 10", "grade 11 to 13", "grade 14 and over"]


def test_nothing_is_loaded_from_elsewhere():
    html, _ = _page(EXAMPLE)
    page = Page(html)
    assert not [t for t, _ in page.elements if t in ("script", "link", "img", "iframe", "object", "embed", "base")]
    assert not [a for _, a in page.elements if "src" in a or "srcset" in a or any(k.startswith("on") for k in a)]
    lowered = html.lower()
    assert "@import" not in lowered and "url(" not in lowered and "@font-face" not in lowered
    for _, a in page.elements:
        href = a.get("href")
        if href is not None:  # links within the page, or to a rule's page for the reader to follow
            assert href.startswith("#") or href.startswith("https://github.com/healthlint/healthlint/blob/main/docs/rules/")


def test_the_articles_text_and_name_are_escaped(tmp_path):
    path = tmp_path / "<b>odd & name.txt"
    path.write_text('It says <script>alert("x")</script> and <img src=x onerror=alert(1)> is 100% safe & "fine".\n', encoding="utf-8")
    html, (article,) = _page(path)
    page = Page(html)
    assert not [t for t, _ in page.elements if t in ("script", "img", "b")]
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&lt;b&gt;odd &amp; name.txt" in html
    assert [f.rule for f in article.findings] == ["claims/absolute"]


def test_a_folder_gets_an_index_hardest_first(tmp_path):
    (tmp_path / "easy.md").write_text("The cat sat on the mat. " * 30 + "\n", encoding="utf-8")
    hard = "Pharmacological interventions necessitate comprehensive individualised consideration of contraindications. "
    (tmp_path / "hard.md").write_text(hard * 15 + "\n", encoding="utf-8")  # 120 words: enough for a grade
    (tmp_path / "broken.md").write_bytes(b"\x00\x01 binary")
    (tmp_path / "short.md").write_text("Pharmacological interventions.\n", encoding="utf-8")
    html, articles = _page(tmp_path)
    assert [a.name for a in articles] == [str(tmp_path / n) for n in ("broken.md", "easy.md", "hard.md", "short.md")]
    Page(html)
    order = [str(tmp_path / n) for n in ("hard.md", "easy.md", "short.md", "broken.md")]  # too short, then unreadable, last
    assert re.findall(r'<a href="#a\d">([^<]+)</a>', html) == order  # the index
    assert re.findall(r'<h2 id="a\d-title">([^<]+)</h2>', html) == order  # the articles, in the same order
    assert [a.grade is None for a in articles] == [True, False, False, True]
    assert "too short" in html and "is a binary file" in html


def test_the_command_writes_the_page(tmp_path):
    out = tmp_path / "page.html"
    done = subprocess.run([sys.executable, "-m", "healthlint", "report", str(EXAMPLE), "-o", str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    listed = out.read_text(encoding="utf-8").count('<li id="a1-f')
    assert done.stderr == f"wrote {out}: 1 article, {listed} findings\n"
    assert out.read_text(encoding="utf-8").startswith("<!doctype html>")


def _luminance(colour: str) -> float:
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_colours_meet_wcag_aa_contrast():
    from healthlint.report.style import CSS

    var = dict(re.findall(r"--([a-z0-9]+): (#[0-9a-f]{6})", CSS))
    shades = [var["paper"], var["b1"], var["b2"], var["b3"], "#ffffff"]
    for shade in shades:
        assert _contrast(var["ink"], shade) >= 4.5
        for mark in ("error", "warning", "info"):  # underlines are the only sign of a finding in the text
            assert _contrast(var[mark], shade) >= 4.5
    assert _contrast(var["muted"], var["paper"]) >= 4.5
    for badge in ("error", "warning", "info"):
        assert _contrast("#ffffff", var[badge]) >= 4.5
