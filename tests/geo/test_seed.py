"""The seed page: its places resolve inside Syria's Damascus governorates, and its events carry them."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep import nlp, pipeline
from sitrep.geo import EventLocator, Gazetteer, Geoparser
from sitrep.records import Analysis, Article, Event

DAMASCUS_GOVERNORATES = {"Dimashq", "Rīf Dimashq"}


def _story_paragraphs(seed_path: Path) -> list[str]:
    """The story's sentences-long lines, without the page chrome around them."""
    lines = (line.strip() for line in seed_path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if len(line.split()) > 8 and line.endswith((".", "”", '"'))]


@pytest.fixture(scope="module")
def seed_analysis(seed_path: Path, gazetteer: Gazetteer) -> Analysis:
    article = Article(id="seed", url="", title="", paragraphs=_story_paragraphs(seed_path))
    doc = next(nlp.parse_many([article.body]))
    analysis = Analysis(article=article, doc=doc, entities=pipeline.entities(doc))
    pipeline.COMPONENTS["actors"]()(analysis)  # as in the pipeline: places inside actor names are left out
    Geoparser(gazetteer)(analysis)
    analysis.events = [
        Event(type="ASSAULT", sentence=s.text, sentence_start=s.start_char, sentence_end=s.end_char)
        for s in doc.sents
    ]
    EventLocator(gazetteer)(analysis)
    return analysis


def test_seed_places_are_in_the_damascus_governorates(seed_analysis: Analysis) -> None:
    resolved = {m.text: m.place for m in seed_analysis.places}
    for name in ("Duma", "Damascus", "Eastern Ghouta"):
        assert name in resolved, name
        assert resolved[name].country == "SY"
        assert resolved[name].admin1 in DAMASCUS_GOVERNORATES, (name, resolved[name].admin1)


def test_mentions_are_spans_of_the_body(seed_analysis: Analysis) -> None:
    body = seed_analysis.article.body
    assert seed_analysis.places
    for mention in seed_analysis.places:
        assert body[mention.start : mention.end] == mention.text


def test_connector_words_are_not_places(seed_analysis: Analysis) -> None:
    assert all(m.text[:1].isupper() for m in seed_analysis.places)


def test_the_article_is_about_the_ghouta(seed_analysis: Analysis, gazetteer: Gazetteer) -> None:
    # The story says "Ghouta" (four times, "Ghouta's factions") as often as "Eastern Ghouta" (three):
    # either is the district it is about, not a town or a country.
    focus = Geoparser(gazetteer).focus(seed_analysis)
    assert focus is not None and focus.name in ("Eastern Ghouta", "Ghouta")
    assert focus.feature == "area" and focus.admin1 == "Rīf Dimashq"


def test_events_carry_the_place_of_their_sentence(seed_analysis: Analysis) -> None:
    by_sentence = {e.sentence: e for e in seed_analysis.events}
    car_bombs = next(e for s, e in by_sentence.items() if "car bombings in Duma" in s)
    assert car_bombs.place is not None and car_bombs.place.name == "Dūmā"
    assert car_bombs.place_precision == 1
    withdrawal = next(e for s, e in by_sentence.items() if "near Damascus" in s)
    assert (
        withdrawal.place is not None and withdrawal.place.name == "Eastern Ghouta"
    )  # not the reference point
    assert withdrawal.place_precision == 2
    for event in seed_analysis.events:
        assert event.place is not None and event.place.admin1 in DAMASCUS_GOVERNORATES
