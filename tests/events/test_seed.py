"""The seed page codes as the foundation and event issues ask, through extract, actors and events."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from sitrep import nlp
from sitrep.actors import ActorRegistry, ActorResolver
from sitrep.events import EventCoder
from sitrep.extract import extract
from sitrep.pipeline import entities
from sitrep.records import Analysis, Document, Event


@pytest.fixture(scope="module")
def seed_events(seed_path: Path) -> list[Event]:
    article = extract(Document(str(seed_path), seed_path.read_bytes(), "text", datetime.now(UTC)))
    analysis = Analysis(article=article, doc=nlp.parse(article.body))
    analysis.entities = entities(analysis.doc)
    ActorResolver(ActorRegistry.default())(analysis)
    EventCoder()(analysis)
    return analysis.events


def find(events: list[Event], event_type: str, trigger: str) -> Event:
    matches = [e for e in events if e.type == event_type and trigger in e.trigger]
    assert matches, f"no {event_type} with trigger {trigger!r} in {[(e.type, e.trigger) for e in events]}"
    return matches[0]


def test_isis_retreats(seed_events: list[Event]) -> None:
    retreats = [e for e in seed_events if e.type == "RETREAT" and not e.hypothetical]
    assert any(e.actors == ["isis"] and e.mode == "withdraw" for e in retreats)


def test_clashes_between_army_of_islam_and_isis(seed_events: list[Event]) -> None:
    clashes = find(seed_events, "ASSAULT", "clashes")
    assert set(clashes.actors) == {"isis", "army-of-islam"}
    war = find(seed_events, "ASSAULT", "war")
    assert (war.actors, war.recipients) == (["army-of-islam"], ["isis"])


def test_accusation_against_isis_with_alleged_bombings_and_assassination(seed_events: list[Event]) -> None:
    accuse = find(seed_events, "ACCUSE", "accused")
    assert accuse.recipients == ["isis"] and accuse.cameo == "112"
    bombings = find(seed_events, "ASSAULT", "car bombings")
    assert bombings.alleged and bombings.actors == ["isis"] and bombings.mode == "explosives"
    assassination = find(seed_events, "ASSAULT", "assassination")
    assert assassination.alleged and assassination.actors == ["isis"] and assassination.mode == "targeted"


def test_judicial_body_demands_of_isis(seed_events: list[Event]) -> None:
    requests = [e for e in seed_events if e.type == "REQUEST"]
    assert any(e.actors == ["unified-judicial-body"] and e.recipients == ["isis"] for e in requests)


def test_no_fighting_with_the_regime(seed_events: list[Event]) -> None:
    with_regime = [
        e for e in seed_events if e.type == "ASSAULT" and "syria-government" in e.actors + e.recipients
    ]
    assert with_regime and all(e.negated for e in with_regime)


def test_threat_to_blow_up_is_a_threat_and_a_hypothetical_suicide_attack(seed_events: list[Event]) -> None:
    assert find(seed_events, "THREATEN", "threatened").mode == "violence"
    blast = find(seed_events, "ASSAULT", "blow")
    assert blast.hypothetical and blast.mode == "suicide-attack"


def test_every_event_is_complete(seed_events: list[Event]) -> None:
    for event in seed_events:
        assert event.quad_class in (1, 2, 3, 4)
        assert event.cameo and event.cameo.isdigit()
        assert event.sentence and 0 <= event.confidence <= 1
