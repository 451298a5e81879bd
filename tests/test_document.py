"""The document model: what is prose, and exact source positions for every prose character."""

from __future__ import annotations

import textwrap

import pytest
from conftest import lint, where
from hypothesis import given, settings
from hypothesis import strategies as st

from healthlint.text import document, markdown_parser, model
from healthlint.text.document import parse
from healthlint.text.sentences import split


def doc(text: str, markdown: bool = True):
    return parse(textwrap.dedent(text), "t.md", markdown)


def pos_of(d, block, word: str) -> tuple[int, int]:
    i = block.text.index(word)
    return d.position(block.source_offset(i))


def test_front_matter_is_metadata_not_prose():
    d = doc("""\
        ---
        title: "Kratom: a guide"
        author: Jo
        ---
        Body text.
        """)
    assert d.metadata == {"title": "Kratom: a guide", "author": "Jo"}
    assert [b.text for b in d.blocks] == ["Body text."]


def test_code_html_and_urls_are_not_prose():
    d = doc("""\
        Take `500 mg` now.

        ```
        analgesic in a fence
        ```

            analgesic indented

        <div>analgesic in html</div>

        See https://example.org/analgesic and [the leaflet](https://example.org/x) or <https://example.org/y>.
        """)
    texts = [b.text for b in d.blocks]
    assert texts == ["Take  now.", "See  and the leaflet or ."]
    assert [link.href for link in d.blocks[1].links] == [
        "https://example.org/analgesic",
        "https://example.org/x",
        "https://example.org/y",
    ]


def test_positions_inside_nested_lists_and_blockquotes():
    d = doc("""\
        > Quote line one
        > - item with **bold analgesic** here
        >   1. nested [analgesic](https://x.org) &amp; more
        """)
    b1, b2, b3 = d.blocks
    assert (b2.in_list, b2.in_blockquote) == (True, True)
    assert pos_of(d, b2, "analgesic") == (2, 22)
    assert pos_of(d, b3, "analgesic") == (3, 16)
    assert pos_of(d, b3, "more") == (3, 48)
    assert pos_of(d, b3, "&") == (3, 42)


def test_positions_after_entities_escapes_and_soft_breaks():
    d = doc("""\
        A &lt; B \\* C and
        second line hypertension.
        """)
    (b,) = d.blocks
    assert b.text == "A < B * C and second line hypertension."
    assert pos_of(d, b, "<") == (1, 3)
    assert pos_of(d, b, "C") == (1, 13)
    assert pos_of(d, b, "hypertension") == (2, 13)


def test_table_cells_and_headings_are_prose_with_kinds():
    d = doc("""\
        # Guide to *pain*

        | Drug | Use |
        |------|-----|
        | analgesic | pain |
        """)
    assert [(b.kind, b.text) for b in d.blocks] == [
        ("heading", "Guide to pain"),
        ("table-cell", "Drug"),
        ("table-cell", "Use"),
        ("table-cell", "analgesic"),
        ("table-cell", "pain"),
    ]
    assert pos_of(d, d.blocks[3], "analgesic") == (5, 3)
    assert pos_of(d, d.blocks[4], "pain") == (5, 15)
    assert all(b.section == 0 for b in d.blocks)


def test_footnotes_are_prose_and_labels_are_known():
    d = doc("""\
        Kratom helps.[^1]

        [^1]: Smith 2020.
        """)
    assert [(b.kind, b.text) for b in d.blocks] == [("paragraph", "Kratom helps."), ("footnote", "Smith 2020.")]
    assert d.blocks[0].footnote_refs == ["1"] and d.footnote_labels == {"1"}


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_line_endings_keep_line_numbers(newline):
    """Text handed straight to the linter (not read from a file) is mapped as a file would be."""
    lines = ["# Title", "", "<div>", "x", "</div>", "", "| a | b |", "|---|---|", "| 1 | 2 |", "", "Take an analgesic."]
    text = newline.join(lines) + newline
    assert where(lint(text, "plain-language/jargon")) == [("plain-language/jargon", 11, 9)]
    assert where(lint(text, "plain-language/jargon", markdown=False)) == [("plain-language/jargon", 11, 9)]
    d = doc(text)
    assert [(b.text, d.position(b.source_offset(0))) for b in d.blocks if b.kind == "table-cell"][:2] == [("a", (7, 3)), ("b", (7, 7))]


def test_plain_text_paragraphs_split_on_blank_lines():
    d = doc("First para\nstill first.\n\nSecond para.\n", markdown=False)
    assert [b.text for b in d.blocks] == ["First para\nstill first.", "Second para."]
    assert d.position(d.blocks[1].source_offset(0)) == (4, 1)


def test_unwrapped_lines_are_paragraphs_of_their_own():
    long = "This sentence is long. " * 12
    d = doc(f"{long}\nShort heading line\n{long}\n")
    assert [b.text.split()[0] for b in d.blocks] == ["This", "Short", "This"]
    assert [d.position(b.source_offset(0))[0] for b in d.blocks] == [1, 2, 3]


def test_example_article_reads_one_block_per_line():
    from conftest import EXAMPLE

    text = EXAMPLE.read_text(encoding="utf-8")
    for markdown in (True, False):
        d = parse(text, "k", markdown)
        lines = [d.position(b.source_offset(0))[0] for b in d.blocks]
        assert lines == list(range(1, 16))


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Dr. Smith said so. Then he left.", ["Dr. Smith said so.", "Then he left."]),
        ("Take 2.5 mg daily. Stop after a week.", ["Take 2.5 mg daily.", "Stop after a week."]),
        ("Use e.g. Tylenol for pain. It works.", ["Use e.g. Tylenol for pain.", "It works."]),
        ("It costs approx. 5 dollars.", ["It costs approx. 5 dollars."]),
        ("J. R. Smith wrote it. We agree.", ["J. R. Smith wrote it.", "We agree."]),
        ("Take vitamin D. It helps bones.", ["Take vitamin D.", "It helps bones."]),
        ("Really? Yes! \u201cQuote.\u201d Next one.", ["Really?", "Yes!", "\u201cQuote.\u201d", "Next one."]),
        ("Ask (see Fig. 2) first.", ["Ask (see Fig. 2) first."]),
    ],
)
def test_sentence_splitting(text, expected):
    assert [text[s:e] for s, e in split(text)] == expected


def test_list_item_without_full_stop_is_one_sentence():
    d = doc("- Storing lenses improperly\n- Swimming with lenses\n")
    assert [[b.text[s:e] for s, e in b.sentences] for b in d.blocks] == [["Storing lenses improperly"], ["Swimming with lenses"]]


def test_plain_lines_keep_bare_urls_out_of_prose():
    d = doc("Visit www.nhs.uk today.\n\nOr WWW.Example.ORG, and follow.\n")
    assert [b.text for b in d.blocks] == ["Visit  today.", "Or , and follow."]
    assert [[link.href for link in b.links] for b in d.blocks] == [["www.nhs.uk"], ["WWW.Example.ORG"]]
    assert pos_of(d, d.blocks[1], "and") == (3, 21)


def test_nul_characters_are_read_as_markdown_it_reads_them():
    d = doc("Take one\x00 tablet.\n")
    assert d.blocks[0].text == "Take one\ufffd tablet."
    assert d.source == "Take one\x00 tablet.\n"


# Text, markup, and every character at which markdown-it's text rule stops.
INLINE_PIECES = ["Take", " ", "2.5 mg", "`a`", "*b*", " _c_ ", "[a](b)", "![i](j)", "[^1]", "^[n]", "<b>", "<http://a.b>", "&amp;", "~~s~~", "é"]
INLINE_PIECES += list("\n!#$%&*+-:<=>@[\\]^_`{}~")


# How lines open: letters, markers of every block rule, indents, table rows, setext underlines.
LINE_STARTS = ["", "a", "Take ", "é", "1. ", "2) ", "- ", "* ", "+ ", "# ", "> ", "  ", "    ", "\t", "```", "~~~", "---", "===", "***"]
LINE_STARTS += ["[^1]: ", "[r]: /u", "<div>", "<!-- c -->", "| a | b |", "|---|---|", "a | b", "--|--", "Title\n---", "Title\n==="]
LINE_STARTS += ["___", "_", "#", "#a", "######## ", "-", "-a", "+", "+a", "*a", "- - -", "0. ", "1)", "123456789. ", "- # ", "* - "]


def stock_parser():
    """healthlint's markdown-it configuration without its shortcuts: what they must agree with."""
    from markdown_it.rules_core import inline

    md = markdown_parser.configured()
    md.core.ruler.at("inline", inline)
    md.block.ruler.disable("prose")
    md.enable("normalize")
    return md


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(LINE_STARTS), st.lists(st.sampled_from(INLINE_PIECES), max_size=5)), max_size=8))
def test_shortcuts_give_markdown_its_own_tokens(lines):
    """Plain lines skip most block rules and markup-free content the inline parser: the same tokens,
    but for the paragraphs' open and close tokens, which healthlint does not make (_heading_or_paragraph)."""
    text = "\n".join(lead + "".join(pieces) for lead, pieces in lines) + "\n\n[^1]: Note.\n"
    assert unwrapped(markdown_parser.parser().parse(text)) == unwrapped(stock_parser().parse(text))


def unwrapped(tokens: list) -> list:
    """Tokens without paragraphs' open and close tokens; a paragraph's inline token at the paragraph's level."""
    out = []
    for i, tok in enumerate(tokens):
        if tok.type in ("paragraph_open", "paragraph_close"):
            continue
        if tok.type == "inline" and i and tokens[i - 1].type == "paragraph_open":
            tok.level -= 1
        out.append(tok)
    return out


@pytest.mark.parametrize("markdown", [True, False])
def test_blocks_of_a_long_page_share_their_word_strings(markdown):
    """A long page's blocks hold one string per word between them, not one per block."""
    filler = "\n\nRest well.\n" * (model.SHARED_WORDS_FROM // 12)
    doc = parse("Take the Dose.\n\nThe dose is small." + filler, markdown=markdown)
    first, second = doc.blocks[:2]
    assert first.tokens == {"take", "the", "dose"} and second.tokens == {"the", "dose", "is", "small"}
    (a,) = [w for w in first.tokens if w == "dose"]
    (b,) = [w for w in second.tokens if w == "dose"]
    assert a is b
    assert first.sentences == [(0, 14)] and second.sentence_ends == [18]


def _by_markdown_its_rules(source: str) -> document.Document:
    """The document as read with markdown-it's own lheading and paragraph rules (hypothesis runs this
    many times in one test, so the swap is made here rather than with pytest's monkeypatch)."""
    from markdown_it.rules_block import lheading, paragraph

    ours = markdown_parser._heading_or_paragraph
    markdown_parser._heading_or_paragraph = lambda state, start, end, trim: lheading(state, start, end, False) or paragraph(state, start, end, False)
    try:
        return parse(source)
    finally:
        markdown_parser._heading_or_paragraph = ours


# Lines that start, end, continue or interrupt a paragraph or a setext heading, in and out of containers.
_LINES = [
    "Some text here.", "more text", "===", "---", "- - -", "  ---  ", "   ===", "    ---", "    ===", "  - ---", "= = =",
    "-", "", "", "    indented code", "- a list item", "* star item", "1. first", "2. second", "10) tenth",
    "> quoted text", ">", "lazy line", "# ATX heading", "```", "~~~ python", "<div>", "<!-- note -->", "| a | b |",
    "|---|---|", "a | b", "--- | ---", "[ref]: https://example.org", "[^1]: A footnote.", "See this[^1] note.",
    "Inline^[a note] here.", "  two-space indent", "\tTabbed line", "***", "___", "   - nested item", "      deep text",
    "Text with *emphasis* and [a link](https://x.org).",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_LINES), min_size=1, max_size=12))
def test_setext_headings_and_paragraphs_are_read_as_markdown_its_own_rules_read_them(lines):
    source = "\n".join(lines) + "\n"
    assert parse(source) == _by_markdown_its_rules(source)


@pytest.mark.parametrize(
    "source",
    [
        "Title\n=====\n\nText.\n",
        "Title\nmore\n---\n",
        "Text\n- item\n\n2. not a list here\n",
        "Para\n    lazy code\n===\n",
        "- item\n  text\n  ---\n",
        "> quote\nlazy\n---\n",
        "A | B\n--|--\n1 | 2\n",
        "Text\n\n- a\n- b\n\n1. c\nd\n",
        "Text[^n] and more.\n\n[^n]: The note.\n  Its second line.\n",
    ],
)
def test_known_edge_cases_read_as_markdown_its_own_rules(source):
    assert parse(source) == _by_markdown_its_rules(source)
