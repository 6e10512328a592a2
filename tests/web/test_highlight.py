"""Highlighting the reader's body: overlaps resolved by specificity, paragraphs split as Article.body joins."""

from __future__ import annotations

from sitrep.records import Mention
from sitrep.web.highlight import Segment, highlights, paragraphs
from sitrep.web.queries import LinkedSpan

BODY = "The Army of Islam shelled Duma.\n\nISIS left Harasta."


def href(mention: Mention) -> str:
    return f"/search?q={mention.text}"


def test_an_actor_wins_over_an_overlapping_entity_and_numbers_are_not_linked() -> None:
    linked = [LinkedSpan(4, 17, "actor", "aoi", "Army of Islam"), LinkedSpan(26, 30, "place", "1", "Duma")]
    entities = [Mention(0, 17, "ORG", "The Army of Islam"), Mention(26, 30, "GPE", "Duma"), Mention(33, 37, "ORG", "ISIS"),
                Mention(0, 3, "CARDINAL", "The")]  # fmt: skip
    marks = highlights(linked, entities, href)
    assert [(m.start, m.kind, m.href) for m in marks] == [
        (4, "actor", "/actors/aoi"), (26, "place", "/events?place=1"), (33, "entity", "/search?q=ISIS"),
    ]  # fmt: skip


def test_paragraph_segments_keep_every_character_in_order() -> None:
    marks = highlights([LinkedSpan(33, 37, "actor", "isis", "Islamic State")], [], href)
    first, second = paragraphs(BODY, marks)
    assert first == [Segment("The Army of Islam shelled Duma.")]
    assert [s.text for s in second] == ["ISIS", " left Harasta."]
    assert second[0].highlight is not None and second[0].highlight.label == "Islamic State"
    assert "\n\n".join("".join(s.text for s in p) for p in (first, second)) == BODY


def test_a_span_across_paragraphs_is_left_plain() -> None:
    marks = highlights([LinkedSpan(26, 37, "place", "x", "Odd")], [], href)
    assert all(s.highlight is None for p in paragraphs(BODY, marks) for s in p)
