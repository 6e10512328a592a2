"""Event location: each event gets the most specific place named in its sentence, else the article's focus."""

from __future__ import annotations

import re
from collections import Counter

from sitrep.geo.gazetteer import Gazetteer, precision_of
from sitrep.geo.resolve import is_demonym, mention_focus
from sitrep.records import Analysis, Place, PlaceMention

# Words that make a place a reference point rather than the location: "positions near Damascus".
_REFERENCE_POINT = re.compile(
    r"\b(?:near|outside|close to|(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)? of)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


class EventLocator:
    """Sets `Event.place` and `Event.place_precision` (1 town, 2 district, 3 region or country, as ACLED).

    Runs after the event coder. A demonym ("Syrian forces") says whose, not where, so it places an
    event only when nothing else does, and neither does a reference point ("near Damascus") when
    another place is named. A country named in the sentence gives way to the article's focus when the
    focus lies inside that country and is more specific. An article that names no place outside its
    actors' names ("the Syrian army shelled...") is placed in the country its actors most belong to.
    """

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def __call__(self, analysis: Analysis) -> None:
        focus = mention_focus(self.gazetteer, analysis.places) or self._actors_country(analysis)
        body = analysis.article.body
        for event in analysis.events:
            in_sentence = [
                m for m in analysis.places if event.sentence_start <= m.start and m.end <= event.sentence_end
            ]
            place = self._most_specific(body, in_sentence)
            if place is None or _refines(focus, place):
                place = focus
            event.place = place
            event.place_precision = precision_of(place) if place else None

    def _actors_country(self, analysis: Analysis) -> Place | None:
        countries = Counter(
            actor.country
            for mention in analysis.actor_mentions
            if (actor := analysis.actors.get(mention.actor_id)) is not None and actor.country
        )
        return self.gazetteer.country(countries.most_common(1)[0][0]) if countries else None

    def _most_specific(self, body: str, mentions: list[PlaceMention]) -> Place | None:
        if not mentions:
            return None
        named = [m for m in mentions if not is_demonym(self.gazetteer, m)] or mentions
        named = [m for m in named if not _REFERENCE_POINT.search(body, 0, m.start)] or named
        # The most specific; among equals the one named first in the sentence.
        return min(named, key=lambda m: (precision_of(m.place), m.start)).place


def _refines(focus: Place | None, place: Place) -> bool:
    return (
        focus is not None
        and place.feature == "country"
        and focus.country == place.country
        and precision_of(focus) < precision_of(place)
    )
