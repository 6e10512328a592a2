"""The geoparsing pipeline component: find the toponyms of an article body and resolve them to places."""

from __future__ import annotations

import re
from collections.abc import Sequence

from sitrep.geo.detect import find_toponyms
from sitrep.geo.gazetteer import Candidate, Gazetteer
from sitrep.geo.resolve import Resolver, Toponym, mention_focus
from sitrep.records import Analysis, Place, PlaceMention

_APPOSITION = re.compile(r"\s*,\s*")
_DATELINE_END = re.compile(r"\s*(?:,[^.\n]{0,40})?\s*(?:\([^)]{0,40}\)\s*)?[-\u2013\u2014:]")


class Geoparser:
    """Fills `analysis.places` with every toponym of the body and the place it refers to."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.resolver = Resolver(gazetteer)

    def __call__(self, analysis: Analysis) -> None:
        body = analysis.article.body
        toponyms = find_toponyms(analysis.doc, body, self.gazetteer)
        choices = self._resolve(body, toponyms)
        analysis.places = [
            PlaceMention(t.start, t.end, body[t.start : t.end], c.place)
            for t, c in zip(toponyms, choices, strict=True)
            if c is not None
        ]

    def resolve_spans(self, text: str, spans: Sequence[tuple[int, int]]) -> list[Place | None]:
        """Resolve given toponym spans of a text (gold-span evaluation, or spans found elsewhere)."""
        toponyms = [Toponym(start, end, text[start:end]) for start, end in spans]
        return [c.place if c else None for c in self._resolve(text, toponyms)]

    def focus(self, analysis: Analysis) -> Place | None:
        """The place the article is about: its most named place, the most specific of those named as often."""
        return mention_focus(self.gazetteer, analysis.places)

    def _resolve(self, text: str, toponyms: list[Toponym]) -> list[Candidate | None]:
        order = sorted(range(len(toponyms)), key=lambda i: toponyms[i].start)
        for position, index in enumerate(order):
            toponym = toponyms[index]
            toponym.dateline = _is_dateline(text, toponym)
            if position + 1 < len(order):
                following = toponyms[order[position + 1]]
                if _APPOSITION.fullmatch(text[toponym.end : following.start]):
                    toponym.within = order[position + 1]
        return self.resolver.resolve(toponyms)


def _is_dateline(text: str, toponym: Toponym) -> bool:
    """A capitalised place opening the text and followed by a dash ("DAMASCUS, Syria (Reuters) -")."""
    return (
        toponym.start <= 2 and toponym.text.isupper() and _DATELINE_END.match(text, toponym.end) is not None
    )
