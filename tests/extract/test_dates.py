"""Date lines and bylines in plain text."""

from __future__ import annotations

import pytest

from sitrep.extract.dates import byline, date_line, parse_date


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("March 5, 2014", "2014-03-05"),
        ("Thursday, 11 January 2024", "2024-01-11"),
        ("Published: 3 March 2024 10:32 GMT", "2024-03-03T10:32Z"),
        ("Posted on Tuesday, Jan. 7, 2014 at 4:15 pm", "2014-01-07T16:15"),
        ("Damascus, 3rd of March 2024", "2024-03-03"),
        ("2014-05-03T10:00:00Z", "2014-05-03T10:00:00Z"),
        ("18/01/2024", "2024-01-18"),
        ("07.02.2024", None),  # 7 February or 2 July: not guessed
        ("Updated 2024-02-30", None),  # no such day
    ],
)
def test_date_lines(line: str, iso: str | None) -> None:
    assert date_line(line) == iso


def test_a_sentence_with_a_date_is_no_date_line() -> None:
    sentence = "Rebels took the town on 3 March 2014 after heavy fighting with the army."
    assert date_line(sentence) is None
    assert parse_date(sentence) == "2014-03-03"


def test_parse_date_of_a_feed_value() -> None:
    assert parse_date("Sat, 03 May 2014 10:00:00 GMT") == "2014-05-03T10:00:00Z"
    assert parse_date("2024-01-22T19:00:00+03:00") == "2024-01-22T19:00:00+03:00"
    assert parse_date("sometime last spring") is None


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By Jane Doe", "Jane Doe"),
        ("By Jane Doe, Reuters", "Jane Doe, Reuters"),
        ("Written by Omar al-Khatib and Jane Doe in Beirut", "Omar al-Khatib and Jane Doe in Beirut"),
        ("(Reporting by Suleiman Khalidi; Editing by Tom Brown)", "Suleiman Khalidi"),
        ("By the end of the week, the army had withdrawn.", None),
        ("By Saturday rebels had taken the hill", None),
        ("Jane Doe", None),
    ],
)
def test_bylines(line: str, names: str | None) -> None:
    assert byline(line) == names
