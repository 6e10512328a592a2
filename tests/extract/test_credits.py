"""Translator and original source."""

from __future__ import annotations

import pytest

from sitrep.extract.credits import credit_line, find_credits, original_source


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        ("Translated and edited by The Syrian Observer", ("translator", "The Syrian Observer")),
        ("Translated by Jane Doe.", ("translator", "Jane Doe")),
        ("Translation: Omar al-Khatib", ("translator", "Omar al-Khatib")),
        ("Translated from Arabic by the Levant Desk", ("translator", "Levant Desk")),
        ("(Translated by The Levant Desk)", ("translator", "The Levant Desk")),
        ("Source: Enab Baladi", ("source", "Enab Baladi")),
        ("This article was originally published by Syria Direct.", ("source", "Syria Direct")),
        ("Translated by hand, the old ledger ran to forty pages.", None),
        ("The statement was translated by activists into English.", None),
    ],
)
def test_credit_lines(line: str, credit: tuple[str, str] | None) -> None:
    assert credit_line(line) == credit


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("Local sources have informed Zaman al-Wasl of the group's plans.", "Zaman al-Wasl"),
        ("An official told Reuters that the talks had failed.", "Reuters"),
        ("Enab Baladi reported that the army withdrew.", "Enab Baladi"),
        (
            "Six died, according to the Syrian Observatory for Human Rights.",
            "Syrian Observatory for Human Rights",
        ),
        ("Fighting resumed at dawn (via AFP).", "AFP"),
        ("The deal was first reported by Al-Monitor.", "Al-Monitor"),
        ("BEIRUT (Reuters) - Rebels seized a hill on Sunday.", "Reuters"),
        ("DAMASCUS, March 3 (AFP) — The army advanced.", "AFP"),
        ("Activists reported that ten people died.", None),
        ("A commander told reporters the town fell, according to activists.", None),
    ],
)
def test_original_source_in_a_sentence(sentence: str, source: str | None) -> None:
    assert original_source([sentence]) == source


def test_outlet_like_names_beat_generic_and_single_word_ones() -> None:
    text = [
        "According to Ahmed, a resident, shells fell all night.",
        "Sources told Zaman al-Wasl that the group had left.",
    ]
    assert original_source(text) == "Zaman al-Wasl"


def test_the_first_of_equally_good_sources_wins() -> None:
    text = ["Enab Baladi reported the clashes.", "Syria Direct reported the arrests."]
    assert original_source(text) == "Enab Baladi"


def test_credit_lines_leave_the_body() -> None:
    found = find_credits(
        [
            "Rebels withdrew from the hill, sources told Enab Baladi.",
            "The army did not comment. (Translated by Jane Doe)",
            "Translated and edited by The Syrian Observer",
        ]
    )
    assert found.paragraphs == [
        "Rebels withdrew from the hill, sources told Enab Baladi.",
        "The army did not comment.",
    ]
    assert found.translator == "Jane Doe"
    assert found.original_source == "Enab Baladi"


def test_a_source_line_names_the_original_source() -> None:
    found = find_credits(["The army shelled Duma, activists said.", "Source: Syria Direct"])
    assert found.original_source == "Syria Direct"
    assert found.paragraphs == ["The army shelled Duma, activists said."]
