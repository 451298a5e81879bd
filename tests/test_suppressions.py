"""Inline suppression comments: next line, ranges, whole file, categories, and unused ones."""

from __future__ import annotations

from conftest import lint, where

RULES = ("plain-language/jargon", "plain-language/wordy", "meta/unused-suppression")


def test_disable_next_line_by_rule_id():
    found = lint(
        """\
        <!-- healthlint-disable-next-line plain-language/jargon -->
        Take an analgesic.

        Take an analgesic.
        """,
        *RULES,
    )
    assert where(found) == [("plain-language/jargon", 4, 9)]


def test_disable_next_line_by_category_and_for_all_rules():
    found = lint(
        """\
        <!-- healthlint-disable-next-line plain-language -->
        Utilize an analgesic.

        <!-- healthlint-disable-next-line -->
        Utilize an analgesic.

        Utilize an analgesic.
        """,
        *RULES,
    )
    assert where(found) == [("plain-language/wordy", 7, 1), ("plain-language/jargon", 7, 12)]


def test_disable_enable_range_with_selected_ids():
    found = lint(
        """\
        <!-- healthlint-disable plain-language/jargon -->
        Utilize an analgesic.

        <!-- healthlint-enable plain-language/jargon -->
        Take an analgesic.
        """,
        *RULES,
    )
    assert where(found) == [("plain-language/wordy", 2, 1), ("plain-language/jargon", 5, 9)]


def test_enable_one_rule_inside_a_disable_all_region():
    found = lint(
        """\
        <!-- healthlint-disable -->
        Utilize an analgesic.
        <!-- healthlint-enable plain-language/wordy -->

        Utilize an analgesic.
        """,
        *RULES,
    )
    assert where(found) == [("plain-language/wordy", 5, 1)]


def test_disable_without_enable_runs_to_the_end():
    found = lint(
        """\
        Take an analgesic.

        <!-- healthlint-disable plain-language/jargon -->

        Take an analgesic.
        """,
        *RULES,
    )
    assert where(found) == [("plain-language/jargon", 1, 9)]


def test_disable_file_anywhere_in_the_file():
    found = lint(
        """\
        Take an analgesic. Utilize it.

        <!-- healthlint-disable-file plain-language/jargon -->
        """,
        *RULES,
    )
    assert where(found) == [("plain-language/wordy", 1, 20)]


def test_unused_suppression_is_reported_at_the_comment():
    found = lint(
        """\
        Fine text.

          <!-- healthlint-disable-next-line plain-language/jargon -->
        Take a pain reliever.
        """,
        *RULES,
    )
    assert where(found) == [("meta/unused-suppression", 3, 3)]
    assert "healthlint-disable-next-line plain-language/jargon" in found[0].message


def test_suppression_inside_code_is_not_a_comment():
    found = lint(
        """\
        ```
        <!-- healthlint-disable-file -->
        ```

        Take an analgesic.
        """,
        *RULES,
    )
    assert where(found) == [("plain-language/jargon", 5, 9)]


def test_inline_comment_suppresses_its_own_following_line():
    found = lint(
        """\
        Some text <!-- healthlint-disable-next-line plain-language/jargon -->
        Take an analgesic.
        Take an analgesic.
        """,
        *RULES,
    )
    assert where(found) == [("plain-language/jargon", 3, 9)]
