"""Words that look like event triggers but report no such event here (sentences written for these
tests; fictional actors and places)."""

from __future__ import annotations

from tests.events.helpers import code, of_type

ACTORS = {
    "front": ["Northern Front"],
    "brigade": ["Hill Brigade"],
    "council": ["Town Council"],
    "ministry": ["Interior Ministry"],
}


def test_calling_something_a_name_is_no_phone_call() -> None:
    for text in (
        "The Town Council called the ceasefire a trap.",
        "What the Hill Brigade calls a truce is nothing of the kind.",
        "The Town Council issued a statement calling the shelling of the market a war crime.",
    ):
        assert not of_type(code(text, ACTORS), "CONSULT"), text


def test_calling_a_meeting_convenes_it() -> None:
    (meeting,) = of_type(
        code("The Town Council called an emergency meeting of its members.", ACTORS), "CONSULT"
    )
    assert meeting.mode is None
    assert meeting.actors == ["council"]


def test_calling_someone_is_still_a_phone_call() -> None:
    (call,) = of_type(code("The Interior Minister called his Hill Brigade counterpart.", ACTORS), "CONSULT")
    assert call.mode == "phone"


def test_strikes_that_hit_are_attacks_not_stoppages() -> None:
    analysis = code("The strikes destroyed a bakery and two houses in Kessar.", ACTORS)
    assert not of_type(analysis, "PROTEST")
    assert of_type(analysis, "ASSAULT")
    labour = code("The strike by teachers in Kessar entered its second week.", ACTORS)
    assert [e.mode for e in of_type(labour, "PROTEST")] == ["strike"]


def test_receiving_a_thing_is_no_visit() -> None:
    for text in (
        "The Town Council said it had received the proposal from the Northern Front.",
        "He said he had received his orders from a Northern Front commander.",
        "Villagers feared they would receive little of the aid.",
    ):
        analysis = code(text, ACTORS)
        assert not of_type(analysis, "CONSULT"), text
        assert not of_type(analysis, "AGREE"), text
    (visit,) = of_type(code("The Interior Ministry received a Hill Brigade delegation.", ACTORS), "CONSULT")
    assert visit.mode == "visit"


def test_no_event_proposed_on_attempts_or_states() -> None:
    for text in (
        "Opposition activists said the Northern Front was trying to exploit the rivalry.",
        "The Hill Brigade has stayed out of the fighting around Kessar.",
        "Volunteers had helped carry the patients to the ambulances near Kessar.",
    ):
        analysis = code(text, ACTORS)
        assert [e.trigger for e in analysis.events] == [], text
