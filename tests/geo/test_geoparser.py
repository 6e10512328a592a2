"""The places component as the pipeline runs it: after the actor stage, on spaCy's parse."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from sitrep import nlp
from sitrep.geo import Gazetteer, Geoparser
from sitrep.records import Actor, ActorMention, Analysis, Article


def _analysis(
    text: str, places: tuple[str, ...] = (), actors: tuple[tuple[str, Actor], ...] = ()
) -> Analysis:
    """An analysis of `text` whose spaCy entities are exactly `places` (as GPE), with actor mentions."""
    doc = nlp.parse(text)
    doc.ents = [_span(doc, text, name, "GPE") for name in places]
    analysis = Analysis(article=Article(id="a", url="", title="", paragraphs=[text]), doc=doc)
    for name, actor in actors:
        start = text.index(name)
        analysis.actor_mentions.append(ActorMention(start, start + len(name), name, actor.id))
        analysis.actors[actor.id] = actor
    return analysis


def _span(doc: object, text: str, name: str, label: str) -> Span:
    start = text.index(name)
    span = doc.char_span(start, start + len(name), label=label)  # type: ignore[attr-defined]
    assert span is not None, name
    return span


@pytest.fixture(scope="module")
def geoparser(gazetteer: Gazetteer) -> Geoparser:
    return Geoparser(gazetteer)


def test_places_inside_an_actor_name_are_not_place_mentions(geoparser: Geoparser) -> None:
    text = "Fighters of the Islamic State of Iraq and Syria attacked Duma."
    isis = Actor(id="isis", name="Islamic State", kind="REB")
    analysis = _analysis(
        text, places=("Iraq", "Syria", "Duma"), actors=(("Islamic State of Iraq and Syria", isis),)
    )
    geoparser(analysis)
    assert [m.text for m in analysis.places] == ["Duma"]
    assert analysis.places[0].place.country == "SY"  # the names inside still count as context


def test_a_capital_standing_for_its_government_is_still_a_place(geoparser: Geoparser) -> None:
    text = "Moscow said the talks would resume."
    government = Actor(id="russia-government", name="Russian government", kind="GOV", country="RUS")
    analysis = _analysis(text, places=("Moscow",), actors=(("Moscow", government),))
    geoparser(analysis)
    assert [(m.text, m.place.country) for m in analysis.places] == [("Moscow", "RU")]


def test_a_name_the_gazetteer_does_not_know_is_not_a_place(geoparser: Geoparser) -> None:
    text = "Residents of Duma call the fighters from Qwxzzyv “rats”."
    analysis = _analysis(text, places=("Duma", "Qwxzzyv"))
    geoparser(analysis)
    assert [m.text for m in analysis.places] == ["Duma"]
    spans = [(text.index(n), text.index(n) + len(n)) for n in ("Duma", "Qwxzzyv")]
    assert geoparser.resolve_spans(text, spans)[1] is not None  # gold spans still get the enclosing place


def test_a_qualified_division_is_reported_by_the_division_named_inside_it(geoparser: Geoparser) -> None:
    text = "Fires spread across California; Northern California was worst hit."
    analysis = _analysis(text, places=("California", "Northern California"))
    geoparser(analysis)
    assert [(m.text, m.place.feature) for m in analysis.places] == [("California", "admin1")] * 2
    spans = [(text.index("Northern California"), text.index(" was"))]
    resolved = geoparser.resolve_spans(text, spans)[0]
    assert resolved is not None and resolved.name == "California"  # a gold span resolves to what it qualifies


def test_a_scanned_town_named_by_a_word_the_article_writes_in_lower_case_is_not_a_place(
    geoparser: Geoparser,
) -> None:
    # No place entities: both sentences rely on scanning capitalised words for known names.
    marketing = "Sales of Mobile Phones rose; mobile networks grew."
    analysis = _analysis(marketing)
    geoparser(analysis)
    assert analysis.places == []
    port = "Ships left Mobile Bay for Mobile at dawn."
    analysis = _analysis(port)
    geoparser(analysis)
    assert "Mobile" in [m.text for m in analysis.places]
