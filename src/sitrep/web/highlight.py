"""The article body as paragraphs of plain and highlighted segments, for the reader to render (escaped).

Spans come from three sources that may overlap: resolved actors, resolved places and spaCy's entities.
The more specific wins (an actor over a place over a bare entity), then the longer, then the earlier.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sitrep.records import Mention
from sitrep.web.queries import LinkedSpan

_PRIORITY = {"actor": 0, "place": 1, "entity": 2}
# spaCy labels of names worth a search; numbers and dates would only link to noise.
NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "WORK_OF_ART"})


@dataclass(frozen=True)
class Highlight:
    start: int
    end: int
    kind: str  # actor, place or entity
    label: str  # what the highlight is: the canonical name, or the entity label (ORG, GPE, ...)
    href: str


@dataclass(frozen=True)
class Segment:
    text: str
    highlight: Highlight | None = None


def highlights(
    linked: Iterable[LinkedSpan], entities: Iterable[Mention], entity_href: Callable[[Mention], str]
) -> list[Highlight]:
    """Highlights for resolved spans (linked to their pages) and named entities (linked by `entity_href`)."""
    found = [Highlight(s.start, s.end, s.kind, s.name, _linked_href(s)) for s in linked if s.end > s.start]
    found += [
        Highlight(m.start, m.end, "entity", m.label, entity_href(m))
        for m in entities
        if m.end > m.start and m.label in NAMED_LABELS
    ]
    return _without_overlaps(found)


def _linked_href(span: LinkedSpan) -> str:
    return f"/actors/{span.target_id}" if span.kind == "actor" else f"/events?place={span.target_id}"


def _without_overlaps(found: list[Highlight]) -> list[Highlight]:
    kept: list[Highlight] = []
    for candidate in sorted(found, key=lambda h: (_PRIORITY[h.kind], h.start - h.end, h.start)):
        if all(candidate.end <= h.start or candidate.start >= h.end for h in kept):
            kept.append(candidate)
    return sorted(kept, key=lambda h: h.start)


def paragraphs(body: str, marks: list[Highlight], separator: str = "\n\n") -> list[list[Segment]]:
    """Split the body into paragraphs (as Article.body joins them) and each into segments."""
    result: list[list[Segment]] = []
    offset = 0
    for text in body.split(separator):
        end = offset + len(text)
        inside = [h for h in marks if h.start >= offset and h.end <= end]
        result.append(_segments(text, offset, inside))
        offset = end + len(separator)
    return result


def _segments(text: str, offset: int, marks: list[Highlight]) -> list[Segment]:
    segments: list[Segment] = []
    cursor = 0
    for mark in marks:
        start, end = mark.start - offset, mark.end - offset
        if start > cursor:
            segments.append(Segment(text[cursor:start]))
        segments.append(Segment(text[start:end], mark))
        cursor = end
    if cursor < len(text):
        segments.append(Segment(text[cursor:]))
    return segments
