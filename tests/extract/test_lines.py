"""Line predicates of the page cleaner."""

from __future__ import annotations

import pytest

from sitrep.extract import lines


@pytest.mark.parametrize(
    "line",
    [
        "Logo Wide",
        "Search",
        "Menu",
        "Home",
        "Helpful keywords",
        "Related articles",
        "Share this",
        "Follow us on Twitter",
        "Tags: Syria, ISIS, Eastern Ghouta",
        "Home | World | Middle East | Opinion",
        "© 2024 Daily Levant. All rights reserved.",
        "We use cookies to improve your experience on our website.",
    ],
)
def test_chrome_lines(line: str) -> None:
    assert lines.is_chrome(line)


@pytest.mark.parametrize(
    "line",
    [
        "ISIS Negotiates With Rebels in Eastern Ghouta",
        "Syria's Home Front Crumbles",
        "The army shelled the town on Monday, killing six people.",
        "Top commander killed in Idlib",
        "| 1 | Kyle Busch | 5040 |",
        "2a etapa: 8 de abril – Curitiba / Alternativa",
    ],
)
def test_lines_that_are_not_chrome(line: str) -> None:
    assert not lines.is_chrome(line)


def test_wide_gaps_mark_a_menu() -> None:
    assert lines.clean("Home   Syria   Iraq   Opinion") == "Home | Syria | Iraq | Opinion"
    assert (
        lines.clean("He said.  Then he left.  Nobody followed.") == "He said. Then he left. Nobody followed."
    )


def test_clean_turns_odd_spaces_into_one_space() -> None:
    assert lines.clean("\u00a0 Damascus\u202f\u200bcity \t") == "Damascus city"
    assert lines.clean("\u00a0") == ""


@pytest.mark.parametrize("line", ["......", "----", "* * *", "___________", "• • •", "|---|---|"])
def test_separators(line: str) -> None:
    assert lines.is_separator(line)


def test_separator_needs_only_symbols() -> None:
    assert not lines.is_separator("... and then")


def test_prose_and_title_like() -> None:
    sentence = "Rebels withdrew from the hill after two days of fighting."
    assert lines.is_prose(sentence)
    assert lines.is_prose("“We will not leave,” he said.”")
    assert not lines.is_prose("ISIS Negotiates With Rebels in Eastern Ghouta")
    assert lines.is_title_like("ISIS Negotiates With Rebels in Eastern Ghouta")
    assert lines.is_title_like("Who Runs Eastern Ghouta?")
    assert not lines.is_title_like(sentence)


def test_fingerprint_ignores_case_and_punctuation() -> None:
    assert lines.fingerprint("ISIS negotiates, with rebels!") == lines.fingerprint(
        "Isis Negotiates With Rebels"
    )
