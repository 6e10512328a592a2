"""Actor resolution on the seed page (skips without ../shared)."""

from __future__ import annotations

from sitrep.actors import actors_in
from sitrep.records import Analysis


def _ids_for(analysis: Analysis, text: str) -> set[str]:
    return {m.actor_id for m in analysis.actor_mentions if m.text == text}


def _actor_named(analysis: Analysis, form: str) -> str:
    """The id of the one actor whose name or aliases hold `form` (case-insensitive)."""
    found = [
        actor.id
        for actor in analysis.actors.values()
        if form.lower() in (name.lower() for name in [actor.name, *actor.aliases])
    ]
    assert len(found) == 1, (form, found)
    return found[0]


def test_isis_forms_are_one_actor(seed_analysis: Analysis) -> None:
    isis = _ids_for(seed_analysis, "ISIS")
    assert isis == _ids_for(seed_analysis, "Islamic State of Iraq and Syria") == {"isis"}
    assert _actor_named(seed_analysis, "ISIS") == _actor_named(
        seed_analysis, "Islamic State of Iraq and Syria"
    )
    assert seed_analysis.actors["isis"].name == "Islamic State"


def test_the_organization_is_isis_not_the_body_that_demands_it(seed_analysis: Analysis) -> None:
    assert _ids_for(seed_analysis, "organization") == {"isis"}


def test_army_of_islam_and_islamic_army_are_one_actor(seed_analysis: Analysis) -> None:
    assert (
        _ids_for(seed_analysis, "Army of Islam")
        == _ids_for(seed_analysis, "Islamic Army")
        == {"army-of-islam"}
    )
    assert _actor_named(seed_analysis, "Army of Islam") == _actor_named(seed_analysis, "Islamic Army")


def test_named_parties_present(seed_analysis: Analysis) -> None:
    names = {actor.name for actor in seed_analysis.actors.values()}
    for expected in ("Free Syrian Army", "Islamic Front", "Hezbollah", "Unified Judicial Body"):
        assert expected in names


def test_unknown_entities_become_actors_with_kinds(seed_analysis: Analysis) -> None:
    actors = seed_analysis.actors
    assert actors["unified-judicial-body"].kind == "JUD"
    assert actors["anas-quider"].name == "Anas Quider"
    assert actors["anas-quider"].kind == "JUD"  # "the Islamic Army judge, Anas Quider"
    assert actors["zahran-aloush"].kind == actors["islamic-front"].kind == "REB"  # the Front's commander


def test_judge_phrase_holds_army_and_person(seed_analysis: Analysis) -> None:
    body = seed_analysis.article.body
    start = body.index("the Islamic Army judge")
    end = body.index("Anas Quider") + len("Anas Quider")
    assert actors_in(seed_analysis, start, end) == ["army-of-islam", "anas-quider"]


def test_judicial_body_definite_description(seed_analysis: Analysis) -> None:
    assert _ids_for(seed_analysis, "judicial body") == {"unified-judicial-body"}


def test_the_regime_is_the_syrian_government(seed_analysis: Analysis) -> None:
    assert _ids_for(seed_analysis, "regime") == {"syria-government"}
    government = seed_analysis.actors["syria-government"]
    assert government.kind == "GOV" and government.country == "SYR"
    assert "regime" not in government.aliases  # a bare agent word would be every government's alias
    assert _ids_for(seed_analysis, "soldiers") == {"syria-military"}  # the regime's soldiers


def test_members_collapse_to_their_organisation(seed_analysis: Analysis) -> None:
    assert _ids_for(seed_analysis, "rebels") == {"free-syrian-army"}  # Free Syrian Army rebels
    assert _ids_for(seed_analysis, "mercenaries") == {"hezbollah"}


def test_aliases_include_forms_seen(seed_analysis: Analysis) -> None:
    for mention in seed_analysis.actor_mentions:
        actor = seed_analysis.actors[mention.actor_id]
        if mention.text[:1].isupper():
            assert mention.text in [actor.name, *actor.aliases]


def test_mentions_point_into_the_body(seed_analysis: Analysis) -> None:
    body = seed_analysis.article.body
    for mention in seed_analysis.actor_mentions:
        assert body[mention.start : mention.end] == mention.text
        assert mention.actor_id in seed_analysis.actors
