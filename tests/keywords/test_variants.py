"""Variants of one thing become one keyword shown in the form the text uses most."""

from __future__ import annotations

import pytest

from sitrep import nlp
from sitrep.keywords.candidates import find_candidates
from sitrep.keywords.variants import _abbreviates, group_occurrences
from sitrep.records import Actor, ActorMention


def shown(text: str, mentions: list[ActorMention] | None = None, actors: dict[str, Actor] | None = None):
    doc = nlp.parse(text)
    groups = group_occurrences(
        find_candidates(doc, doc.text).occurrences, doc.text, mentions or [], actors or {}
    )
    return {g.representative.text: g for g in groups}


@pytest.mark.parametrize(
    ("acronym", "name", "expected"),
    [
        ("ISIS", "Islamic State of Iraq and Syria", True),
        ("EBRD", "European Bank for Reconstruction and Development", True),
        ("UN", "United Nations", True),
        ("FSA", "Army of Islam", False),
        ("A", "Army", False),
    ],
)
def test_abbreviates(acronym: str, name: str, expected: bool) -> None:
    assert _abbreviates(acronym, name) is expected


def test_acronym_in_parentheses_joins_the_long_name() -> None:
    groups = shown(
        "The Islamic State of Iraq and Syria (ISIS) advanced. ISIS fighters left. Later ISIS returned."
    )
    assert "ISIS" in groups
    assert "Islamic State of Iraq and Syria" not in groups
    assert any(occ.text == "Islamic State of Iraq and Syria" for occ in groups["ISIS"].occurrences)


def test_later_short_reference_joins_the_full_name_which_is_shown() -> None:
    groups = shown(
        "The Unified Judicial Body issued a statement. The judicial body demanded a vote. "
        "Critics of the judicial body objected."
    )
    assert "Unified Judicial Body" in groups
    assert len(groups["Unified Judicial Body"].occurrences) == 3
    assert "judicial body" not in groups


def test_case_and_possessive_variants_are_one_keyword() -> None:
    groups = shown("Hezbollah's fighters moved. Hezbollah denied it. HEZBOLLAH later confirmed it.")
    assert [text for text in groups if text.lower() == "hezbollah"] == ["Hezbollah"]


def test_actor_mentions_merge_aliases_under_the_most_used_name() -> None:
    text = "The Islamic State attacked. ISIS then withdrew. ISIS denied it, and the organization left."
    isis = Actor(id="isis", name="Islamic State", aliases=["ISIS", "IS"])
    mentions = [
        ActorMention(start, start + len(surface), surface, "isis")
        for surface, start in (
            ("Islamic State", text.index("Islamic State")),
            ("ISIS", text.index("ISIS")),
            ("ISIS", text.rindex("ISIS")),
            ("the organization", text.index("the organization")),
        )
    ]
    groups = shown(text, mentions, {"isis": isis})
    assert "ISIS" in groups
    assert "Islamic State" not in groups
    assert "organization" not in groups
    assert len(groups["ISIS"].occurrences) == 4


def test_a_mention_of_an_actor_without_a_record_still_groups_its_spans() -> None:
    text = "Jaysh al-Islam fighters advanced. The Army of Islam denied it."
    mentions = [
        ActorMention(0, len("Jaysh al-Islam"), "Jaysh al-Islam", "aoi"),
        ActorMention(text.index("Army of Islam"), text.index("Army of Islam") + 13, "Army of Islam", "aoi"),
    ]
    groups = shown(text, mentions, {})
    assert sum(1 for g in groups.values() if g.key == "actor:aoi") == 1


def test_a_phrase_made_of_one_actor_s_mentions_is_that_actor() -> None:
    text = "Free Syrian Army rebels withdrew, and the Free Syrian Army said so."
    fsa = Actor(id="fsa", name="Free Syrian Army")
    spans = (
        ("Free Syrian Army", 0),
        ("rebels", text.index("rebels")),
        ("Free Syrian Army", text.rindex("Free")),
    )
    mentions = [ActorMention(start, start + len(surface), surface, "fsa") for surface, start in spans]
    groups = shown(text, mentions, {"fsa": fsa})
    assert "Free Syrian Army rebels" not in groups
    assert len(groups["Free Syrian Army"].occurrences) >= 3
