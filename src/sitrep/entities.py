"""Entity linking: the statistical NER's spans, completed and corrected by the names that the actor
and place stages resolved against their dictionaries.

spaCy's small model splits or misses multiword names ("Army of Islam" comes out as "Army" and
"Islam"); a dictionary-resolved name has better bounds, so it replaces the NER spans it overlaps.
"""

from __future__ import annotations

from sitrep.records import Analysis, Mention

PLACE_LABELS = {"city": "GPE", "country": "GPE", "admin1": "GPE", "admin2": "GPE"}


def link_entities(analysis: Analysis) -> None:
    ner = {(m.start, m.end): m for m in analysis.entities}
    resolved = [
        Mention(m.start, m.end, _label(ner, m.start, m.end, "ORG"), m.text)
        for m in analysis.actor_mentions
        if _named(m.text)
    ]
    resolved += [
        Mention(
            m.start,
            m.end,
            _label(ner, m.start, m.end, PLACE_LABELS.get(m.place.feature or "", "LOC")),
            m.text,
        )
        for m in analysis.places
    ]
    kept = _without_overlaps(resolved)
    others = [m for m in analysis.entities if not any(_overlap(m, k) for k in kept)]
    analysis.entities = sorted(kept + others, key=lambda m: (m.start, m.end))


def _named(text: str) -> bool:
    """A proper name, not an anaphor or a common noun ("the organization", "rebels", "it")."""
    return any(ch.isupper() for ch in text)


def _label(ner: dict[tuple[int, int], Mention], start: int, end: int, default: str) -> str:
    same = ner.get((start, end))
    return same.label if same else default


def _overlap(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end


def _without_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Longest first at each position; a later span that overlaps a kept one is dropped."""
    kept: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: -(m.end - m.start)):
        if not any(_overlap(mention, k) for k in kept):
            kept.append(mention)
    return kept
