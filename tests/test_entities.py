from sitrep.entities import link_entities
from sitrep.records import ActorMention, Analysis, Article, Mention, Place, PlaceMention

BODY = "Clashes between ISIS and the Army of Islam shook Duma, and the organization withdrew."
DUMA = Place(id="170654", name="Duma", lat=33.57, lon=36.4, country="SY", feature="city")


def _span(text: str) -> tuple[int, int]:
    start = BODY.index(text)
    return start, start + len(text)


def test_resolved_names_replace_the_ner_fragments_they_cover() -> None:
    analysis = Analysis(article=Article(id="x", url="", title="", paragraphs=[BODY]))
    analysis.entities = [
        Mention(*_span("ISIS"), "ORG", "ISIS"),
        Mention(*_span("Army"), "ORG", "Army"),
        Mention(*_span("Islam"), "NORP", "Islam"),
    ]
    analysis.actor_mentions = [
        ActorMention(*_span("ISIS"), "ISIS", "isis"),
        ActorMention(*_span("Army of Islam"), "Army of Islam", "army-of-islam"),
        ActorMention(*_span("the organization"), "the organization", "isis"),
    ]
    analysis.places = [PlaceMention(*_span("Duma"), "Duma", DUMA)]
    link_entities(analysis)
    assert [(m.text, m.label) for m in analysis.entities] == [
        ("ISIS", "ORG"),
        ("Army of Islam", "ORG"),
        ("Duma", "GPE"),
    ]


def test_ner_entities_nothing_resolved_are_kept() -> None:
    analysis = Analysis(article=Article(id="x", url="", title="", paragraphs=[BODY]))
    analysis.entities = [Mention(*_span("Duma"), "GPE", "Duma")]
    link_entities(analysis)
    assert analysis.entities == [Mention(*_span("Duma"), "GPE", "Duma")]
