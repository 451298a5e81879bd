"""The report's HTML: an index of the articles (for more than one), then each article's text with
its sentences shaded by grade, its findings underlined, the numbers behind its grade beside it,
and the list of its findings.

Everything taken from an article (its text, its name, the words quoted in messages) is escaped.
A finding's underline differs by severity in style as well as colour (double, wavy, dotted), a
sentence's grade is written beside it when over the target, and each finding can be reached
with the keyboard, its message shown on focus as on hover and read out from the list.
"""

from __future__ import annotations

from html import escape
from typing import Iterable

from healthlint import __version__
from healthlint.findings import Severity, docs_url
from healthlint.kinds.readability import NAMES as FORMULA_NAMES
from healthlint.report.article import BAND_LIMITS, ArticleReport, Mark, Piece, band_label
from healthlint.report.style import CSS

LEVELS = (Severity.ERROR, Severity.WARNING, Severity.INFO)
# How the panel names the grades of `healthlint stats`: as the readability rules do, but short.
NAMES = {**FORMULA_NAMES, "default": "Default (Flesch–Kincaid and hard words)", "consensus": "Consensus"}


def render(articles: list[ArticleReport]) -> str:
    """The page; for several articles, the index and the articles are in the same order, hardest first."""
    articles = hardest_first(articles)
    title = articles[0].name if len(articles) == 1 else f"{len(articles)} articles"
    total = sum(len(a.findings) for a in articles)
    out = [
        "<!doctype html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>healthlint report: {escape(title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        '<a class="skip" href="#main">Skip to the articles</a>',
        "<header>",
        "<h1>healthlint report</h1>",
        f"<p>{_count(len(articles), 'article')}, {_count(total, 'finding')}. Made by healthlint {escape(__version__)}.</p>",
        "</header>",
        '<main id="main">',
    ]
    if len(articles) > 1:
        out += _index(articles)
    for n, article in enumerate(articles, 1):
        out += _article(f"a{n}", article)
    out += ["</main>", "</body>", "</html>", ""]
    return "\n".join(out)


def _count(n: int, thing: str) -> str:
    return f"{n:,} {thing}{'' if n == 1 else 's'}"


def _severity_count(n: int, level: Severity) -> str:
    return f"{n:,} info" if level is Severity.INFO else _count(n, level.label)


def hardest_first(articles: list[ArticleReport]) -> list[ArticleReport]:
    """By grade, then by number of findings; articles too short to grade, then unreadable ones, last."""
    return sorted(articles, key=lambda a: (a.error is not None, a.grade is None, -(a.grade or 0), -len(a.findings), a.name))


def _index(articles: list[ArticleReport]) -> list[str]:
    rows = []
    for n, a in enumerate(articles, 1):
        link = f'<a href="#a{n}">{escape(a.name)}</a>'
        if a.error:
            rows.append(f'<tr><th scope="row">{link}</th><td colspan="6">{escape(a.error)}</td></tr>')
            continue
        grade = f"{a.grade:.1f}" if a.grade is not None else "too short"
        counts = "".join(f'<td class="num">{a.count(level)}</td>' for level in LEVELS)
        rows.append(
            f'<tr><th scope="row">{link}</th><td class="num">{grade}</td><td class="num">{a.stats["words"]:,}</td>'
            f'<td class="num">{len(a.findings)}</td>{counts}</tr>'
        )
    return [
        '<section class="index" aria-labelledby="index-title">',
        '<h2 id="index-title">Articles, hardest first</h2>',
        "<table>",
        "<caption>Sorted by reading grade, then by number of findings</caption>",
        '<thead><tr><th scope="col">Article</th><th scope="col">Grade</th><th scope="col">Words</th>'
        '<th scope="col">Findings</th><th scope="col">Errors</th><th scope="col">Warnings</th><th scope="col">Info</th></tr></thead>',
        "<tbody>",
        *rows,
        "</tbody>",
        "</table>",
        "</section>",
    ]


def _article(aid: str, a: ArticleReport) -> list[str]:
    out = [f'<article id="{aid}" aria-labelledby="{aid}-title">', f'<h2 id="{aid}-title">{escape(a.name)}</h2>']
    if a.error:
        return out + [f'<p class="problem" role="alert">{escape(a.error)}</p>', "</article>"]
    if a.grade is not None:
        by = FORMULA_NAMES.get(a.formula) or NAMES.get(a.formula, a.formula)
        reads = f"Reads at grade {a.grade:.1f} by {escape(by)}; the target is grade {a.target} or under."
    else:
        reads = "Too short for a grade to mean much (as readability/grade, which needs more words)."
    counts = ", ".join(_severity_count(a.count(level), level) for level in LEVELS)
    out += [
        f'<p class="summary">{reads} {counts}.</p>',
        '<div class="layout">',
        '<div class="text">',
        *_blocks(aid, a),
        "</div>",
        *_panel(aid, a),
        "</div>",
        *_findings(aid, a),
        "</article>",
    ]
    return out


def _blocks(aid: str, a: ArticleReport) -> list[str]:
    """The article's prose blocks; list items grouped into lists, quotes into quotes."""
    out: list[str] = []
    in_list = in_quote = False
    for i, piece in enumerate(a.pieces):
        b = piece.block
        if in_list and not b.in_list:
            out.append("</ul>")
            in_list = False
        if in_quote and not b.in_blockquote:
            out.append("</blockquote>")
            in_quote = False
        if b.in_blockquote and not in_quote:
            out.append("<blockquote>")
            in_quote = True
        if b.in_list and not in_list:
            out.append("<ul>")
            in_list = True
        bid = f"{aid}-b{i}"
        notes = "".join(_note(aid, m) for m in piece.notes)
        body = notes + _prose(aid, piece, a.target)
        classes = "prose" + (" noted" if piece.notes else "")
        if b.kind == "heading":
            level = min(6, b.heading_level + 2)
            out.append(f'<h{level} id="{bid}" class="{classes}">{body}</h{level}>')
        elif b.in_list:
            out.append(f'<li id="{bid}" class="{classes}">{body}</li>')
        else:
            kind = " cell" if b.kind == "table-cell" else ""
            out.append(f'<p id="{bid}" class="{classes}{kind}">{body}</p>')
    out += ["</ul>"] * in_list + ["</blockquote>"] * in_quote
    return out


def _note(aid: str, m: Mark) -> str:
    f = m.finding
    return (
        f'<span class="note {f.severity.label}" id="{aid}-m{m.number}" tabindex="0" aria-describedby="{aid}-f{m.number}">'
        f'<span class="sev">{f.severity.label}</span> {escape(f.message)}</span>'
    )


def _prose(aid: str, piece: Piece, target: int) -> str:
    """The block's text cut where a sentence or an underline starts or ends; each cut piece is
    wrapped in its sentence's shading and in every underline that covers it."""
    text = piece.block.text
    cuts = {0, len(text)}
    for s in piece.sentences:
        cuts.update((s.start, s.end))
    for m in piece.marks:
        cuts.update((m.start, m.end))
    points = sorted(c for c in cuts if 0 <= c <= len(text))
    marks = sorted(piece.marks, key=lambda m: (m.start, -m.end, m.number))
    opened: set[int] = set()
    out: list[str] = []
    sentences = list(piece.sentences)
    current = None
    for start, end in zip(points, points[1:]):
        sentence = next((s for s in sentences if s.start <= start and end <= s.end), None)
        if sentence is not current:
            if current is not None:
                out.append(_grade_tag(current, target) + "</span>")
            if sentence is not None:
                out.append(f'<span class="s b{sentence.band}">')
            current = sentence
        chunk = escape(text[start:end])
        for m in reversed([m for m in marks if m.start <= start and end <= m.end]):
            chunk = _mark(aid, m, chunk, first=m.number not in opened)
            opened.add(m.number)
        out.append(chunk)
    if current is not None:
        out.append(_grade_tag(current, target) + "</span>")
    return "".join(out)


def _mark(aid: str, m: Mark, inner: str, first: bool) -> str:
    f = m.finding
    tip = escape(f"{f.severity.label} · {f.rule}: {f.message}", quote=True)
    if not first:  # the rest of an underline cut by a sentence end or another underline
        return f'<mark class="f {f.severity.label}" data-tip="{tip}">{inner}</mark>'
    return (
        f'<mark class="f {f.severity.label}" id="{aid}-m{m.number}" tabindex="0" '
        f'aria-describedby="{aid}-f{m.number}" data-tip="{tip}">{inner}</mark>'
    )


def _grade_tag(sentence, target: int) -> str:
    if sentence.grade < target + 1:
        return ""
    grade = int(sentence.grade)  # a grade counts up to the next whole number: 8.9 is grade 8
    return f'<span class="g" aria-hidden="true">{grade}</span><span class="vh"> (sentence grade {grade})</span>'


def _panel(aid: str, a: ArticleReport) -> list[str]:
    stats = a.stats or {}
    grades = stats.get("grades", {})
    rows = [
        ("Words", f"{stats.get('words', 0):,}"),
        ("Sentences", f"{stats.get('sentences', 0):,}"),
        ("Average sentence", f"{stats.get('average_sentence_words', 0):.1f} words"),
        ("Reading time", _minutes(stats.get("reading_minutes", 0))),
    ]
    known = {"path", "words", "sentences", "average_sentence_words", "reading_minutes", "grades", "hardest_paragraphs"}
    rows += [(key.replace("_", " ").capitalize(), escape(str(value))) for key, value in stats.items() if key not in known and not isinstance(value, (dict, list))]
    out = [
        f'<aside class="panel" aria-labelledby="{aid}-numbers">',
        f'<h3 id="{aid}-numbers">The numbers behind the grade</h3>',
        "<dl>",
        *(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows),
        "</dl>",
        f'<table class="grades"><caption>Grade by formula</caption><tbody>',
        *(
            f'<tr{" class=chosen" if name == a.formula else ""}><th scope="row">{escape(NAMES.get(name, name))}</th><td class="num">{value:.1f}</td></tr>'
            for name, value in grades.items()
        ),
        "</tbody></table>",
    ]
    hardest = _hardest(aid, a, stats.get("hardest_paragraphs", []))
    if hardest:
        out += ["<h4>Hardest paragraphs</h4>", "<ol>", *hardest, "</ol>"]
    out += _legend(a.target) + ["</aside>"]
    return out


def _hardest(aid: str, a: ArticleReport, paragraphs: Iterable[dict]) -> list[str]:
    """The hardest paragraphs `stats` names, each a link to the paragraph."""
    out = []
    for p in paragraphs:
        index = next((i for i, piece in enumerate(a.pieces) if piece.start == (p["line"], p["column"])), None)
        where = f"line {p['line']}"
        label = f'<a href="#{aid}-b{index}">{where}</a>' if index is not None else where
        out.append(f"<li>{label}: grade {p['grade']:.1f}, {p['words']} words</li>")
    return out


def _legend(target: int) -> list[str]:
    bands = "".join(f'<li><span class="s b{i}">{band_label(i, target)}</span></li>' for i in range(len(BAND_LIMITS) + 1))
    return [
        "<h4>How to read the page</h4>",
        f'<ul class="legend">{bands}</ul>',
        '<ul class="legend">',
        '<li><mark class="f error">double underline</mark>: error</li>',
        '<li><mark class="f warning">wavy underline</mark>: warning</li>',
        '<li><mark class="f info">dotted underline</mark>: info</li>',
        "</ul>",
        "<p>Tab to a finding, or hover over it, to read its message. A small number after a sentence is its grade.</p>",
    ]


def _findings(aid: str, a: ArticleReport) -> list[str]:
    if not a.findings:
        return ['<p class="clean">No findings.</p>']
    items = []
    for n, f in enumerate(a.findings, 1):
        where = f"line {f.line}, column {f.column}"
        place = f'<a href="#{aid}-m{n}">{where}</a>' if n in a.placed else f"{where} (not in the text shown)"
        items.append(
            f'<li id="{aid}-f{n}"><span class="sev {f.severity.label}">{f.severity.label}</span> {place}: '
            f'{escape(f.message)} <a class="rule" href="{escape(docs_url(f.rule), quote=True)}">{escape(f.rule)}</a></li>'
        )
    return [f'<section class="findings" aria-labelledby="{aid}-list">', f'<h3 id="{aid}-list">Findings</h3>', "<ol>", *items, "</ol>", "</section>"]


def _minutes(minutes: float) -> str:
    if minutes < 1:
        return "under 1 minute"
    return f"{round(minutes)} minute{'s' if round(minutes) != 1 else ''}"
