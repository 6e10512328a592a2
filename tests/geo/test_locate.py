"""Event location without a spaCy parse: places and actors given, events placed."""

from sitrep.geo import EventLocator, Gazetteer
from sitrep.records import Actor, ActorMention, Analysis, Article, Event


def _analysis(text: str) -> Analysis:
    article = Article(id="a", url="", title="", paragraphs=[text])
    return Analysis(article=article, events=[Event(type="ASSAULT", sentence_start=0, sentence_end=len(text))])


def test_an_article_naming_no_place_is_placed_in_its_actors_country(gazetteer: Gazetteer) -> None:
    analysis = _analysis("The Syrian army shelled rebel positions.")
    analysis.actors = {"syria-military": Actor(id="syria-military", name="Syrian army", country="SYR")}
    analysis.actor_mentions = [ActorMention(4, 15, "Syrian army", "syria-military")]
    EventLocator(gazetteer)(analysis)
    place = analysis.events[0].place
    assert place is not None and (place.feature, place.country) == ("country", "SY")
    assert analysis.events[0].place_precision == 3


def test_an_event_without_places_or_actors_stays_unplaced(gazetteer: Gazetteer) -> None:
    analysis = _analysis("Fighting went on.")
    EventLocator(gazetteer)(analysis)
    assert analysis.events[0].place is None and analysis.events[0].place_precision is None


def test_countries_by_either_iso_code(gazetteer: Gazetteer) -> None:
    syria = gazetteer.country("SYR")
    assert syria is not None and syria == gazetteer.country("sy")
    assert gazetteer.country("XXX") is None
