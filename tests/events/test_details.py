"""Relative dates resolved against the publication date, and death counts."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep import nlp
from sitrep.events.fatalities import count_deaths, parse_number
from sitrep.events.temporal import publication_date, resolve

FRIDAY = date(2021, 3, 12)


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("on Tuesday", (date(2021, 3, 9), "day")),
        ("Friday", (date(2021, 3, 12), "day")),
        ("yesterday", (date(2021, 3, 11), "day")),
        ("last week", (date(2021, 3, 1), "week")),
        ("last month", (date(2021, 2, 1), "month")),
        ("in March", (date(2021, 3, 1), "month")),
        ("in November", (date(2020, 11, 1), "month")),
        ("on March 5", (date(2021, 3, 5), "day")),
        ("5 January 2019", (date(2019, 1, 5), "day")),
        ("three days ago", (date(2021, 3, 9), "day")),
        ("in 1988", (date(1988, 1, 1), "year")),
        ("last year", (date(2020, 1, 1), "year")),
    ],
)
def test_relative_dates(expression: str, expected: tuple[date, str]) -> None:
    assert resolve(expression, FRIDAY) == expected


def test_unknown_expressions_and_bad_publication_dates() -> None:
    assert resolve("in the long run", FRIDAY) is None
    assert publication_date("2021-03-12T08:00:00Z") == FRIDAY
    assert publication_date("not a date") is None
    assert publication_date(None) is None


@pytest.mark.parametrize(
    ("words", "value"),
    [(["twelve"], 12), (["1,200"], 1200), (["twenty-five"], 25), (["two", "hundred"], 200), (["none"], None)],
)
def test_numbers(words: list[str], value: int | None) -> None:
    assert parse_number(words) == value


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Gunmen opened fire on the market, killing at least twelve civilians.", (12, True)),
        ("Two suicide bombers killed 23 people in the square.", (23, False)),
        ("At least three civilians have been killed in a car bombing.", (3, True)),
        ("The death toll rose to more than 200.", (200, True)),
        ("The talks ended without agreement.", None),
    ],
)
def test_death_counts(sentence: str, expected: tuple[int, bool] | None) -> None:
    assert count_deaths(nlp.parse(sentence)[:]) == expected
