"""The coder's general mechanisms on sentences written for these tests (fictional actors and places)."""

from __future__ import annotations

import pytest

from sitrep.events import EventCoder
from tests.events.helpers import analyse, code, of_type

ACTORS = {
    "front": ["Northern Front"],
    "brigade": ["Hill Brigade"],
    "council": ["Town Council", "the council"],
    "army": ["the army"],
    "ministry": ["Interior Ministry"],
}


def test_subject_acts_and_object_receives() -> None:
    analysis = code("The Northern Front attacked the Hill Brigade near Kessar.", ACTORS)
    (event,) = of_type(analysis, "ASSAULT")
    assert event.actors == ["front"]
    assert event.recipients == ["brigade"]
    assert event.quad_class == 4
    assert event.cameo is not None
    assert not (event.negated or event.alleged or event.hypothetical)


def test_passive_agent_is_the_actor() -> None:
    analysis = code("A Hill Brigade convoy was attacked by the Northern Front.", ACTORS)
    (event,) = of_type(analysis, "ASSAULT")
    assert event.actors == ["front"]
    assert event.recipients == ["brigade"]


def test_negated_clashes() -> None:
    analysis = code("The Hill Brigade has not engaged in any clashes with the army.", ACTORS)
    (event,) = of_type(analysis, "ASSAULT")
    assert event.negated
    assert event.actors == ["brigade"]
    assert event.recipients == ["army"]


def test_accusation_codes_accuse_and_an_alleged_assault_by_the_accused() -> None:
    analysis = code("The Hill Brigade was accused of the bombing of the market.", ACTORS)
    (accuse,) = of_type(analysis, "ACCUSE")
    assert accuse.recipients == ["brigade"]
    (bombing,) = of_type(analysis, "ASSAULT")
    assert bombing.alleged
    assert bombing.actors == ["brigade"]
    assert bombing.mode == "explosives"


def test_an_object_with_no_negates_the_event() -> None:
    analysis = code("The Northern Front made no concessions to the Town Council.", ACTORS)
    assert analysis.events and all(e.negated for e in analysis.events)


def test_a_participial_result_takes_the_weapon_of_its_clause() -> None:
    analysis = code("Mortar fire hit the Town Council offices, wounding several children.", ACTORS)
    (event,) = of_type(analysis, "ASSAULT")
    assert event.mode == "heavy-weapons"


def test_allegedly_marks_the_event_alleged() -> None:
    analysis = code("The Northern Front allegedly shelled the town.", ACTORS)
    (event,) = of_type(analysis, "ASSAULT")
    assert event.alleged
    assert event.mode == "heavy-weapons"


def test_threat_and_threatened_attack() -> None:
    analysis = code("The Northern Front threatened to attack the Hill Brigade.", ACTORS)
    (threat,) = of_type(analysis, "THREATEN")
    assert threat.actors == ["front"]
    assert threat.mode == "violence"
    assert not threat.hypothetical
    (attack,) = of_type(analysis, "ASSAULT")
    assert attack.hypothetical
    assert attack.actors == ["front"]
    assert attack.confidence < threat.confidence


def test_stated_intentions_shift_as_plover_asks() -> None:
    meet = code("The Hill Brigade will meet the Northern Front next week.", ACTORS)
    assert [e.type for e in meet.events] == ["AGREE"]
    assert meet.events[0].actors == ["brigade"]
    withdraw = code("The Hill Brigade will withdraw its fighters from Kessar.", ACTORS)
    assert [e.type for e in withdraw.events] == ["AGREE"]
    curfew = code("The Interior Ministry plans to impose a curfew on the town.", ACTORS)
    assert [e.type for e in curfew.events] == ["THREATEN"]


def test_refusal_is_one_reject() -> None:
    analysis = code("The Town Council refused to meet the Northern Front.", ACTORS)
    assert [e.type for e in analysis.events] == ["REJECT"]
    assert analysis.events[0].actors == ["council"]


def test_a_threat_or_protest_is_aimed_at_the_recipient_of_what_it_threatens_or_presses() -> None:
    threat = code("The Northern Front threatened to attack the Hill Brigade.", ACTORS)
    assert of_type(threat, "THREATEN")[0].recipients == ["brigade"]
    strike = code("The Town Council began a hunger strike to demand the resignation of the army.", ACTORS)
    assert of_type(strike, "PROTEST")[0].recipients == ["army"]


def test_conjoined_verbs_with_objects_of_their_own_are_two_events() -> None:
    analysis = code("The Town Council rejected the plan and opposed the deployment of the army.", ACTORS)
    assert [e.trigger for e in of_type(analysis, "REJECT")] == ["rejected", "opposed"]
    merged = code("The Northern Front attacked the Hill Brigade, killing nine fighters.", ACTORS)
    assert len(of_type(merged, "ASSAULT")) == 1


def test_a_main_clause_event_noun_without_participants_is_the_event_where_nothing_else_is() -> None:
    rules = EventCoder(learned=False)
    talks = analyse("Talks on the new dam ended in Kessar without a result.", ACTORS, rules)
    assert [e.type for e in talks.events] == ["CONSULT"]
    background = analyse("The camp is home to families who fled the fighting years ago.", ACTORS, rules)
    assert background.events == []
    assert analyse("War is costly for everyone in Kessar.", ACTORS, rules).events == []
    compound = analyse("Protest leaders insisted on a meeting in Kessar.", ACTORS, rules)
    assert "PROTEST" not in [e.type for e in compound.events]


def test_a_plural_nationality_is_people() -> None:
    executed = code("The Northern Front executed five Albanians in Kessar.", ACTORS)
    assert [(e.type, e.mode) for e in executed.events] == [("ASSAULT", "targeted")]
    expelled = code("Hundreds of Albanians were expelled from Kessar by the army.", ACTORS)
    assert [(e.type, e.mode) for e in expelled.events] == [("COERCE", "deport")]


def test_fighting_a_social_ill_is_no_assault() -> None:
    rules = EventCoder(learned=False)
    assert analyse("The Town Council is fighting corruption in Kessar.", ACTORS, rules).events == []
    assert analyse("The army's fight against drug trafficking goes on.", ACTORS, rules).events == []
    battle = code("The Northern Front fought the army near Kessar.", ACTORS)
    assert [e.type for e in battle.events] == ["ASSAULT"]


def test_a_stance_participle_keeps_its_subject_as_actor() -> None:
    stance = code("The Town Council is opposed to talks with the Northern Front.", ACTORS)
    (reject,) = of_type(stance, "REJECT")
    assert reject.actors == ["council"]
    passive = code("The plan of the Town Council was opposed by the Northern Front.", ACTORS)
    (opposed,) = of_type(passive, "REJECT")
    assert opposed.actors == ["front"]


def test_a_refusal_to_speak_is_no_event() -> None:
    assert code("The Town Council declined to comment on the report.", ACTORS).events == []
    assert code("The Interior Ministry refused to name the suspects.", ACTORS).events == []


def test_violence_by_protesters_is_a_riot() -> None:
    riot = code("Protesters clashed with the army in Kessar.", ACTORS)
    assert [(e.type, e.mode) for e in riot.events] == [("PROTEST", "riot")]
    clash = code("The Northern Front clashed with the army in Kessar.", ACTORS)
    assert [e.type for e in clash.events] == ["ASSAULT"]
    torched = code("Demonstrators threw stones at the army and torched two of its trucks.", ACTORS)
    assert {(e.type, e.mode) for e in torched.events} == {("PROTEST", "riot")}


def test_a_threat_to_seize_a_town_threatens_territory() -> None:
    analysis = code("The Northern Front threatened to capture Kessar.", ACTORS)
    (threat,) = of_type(analysis, "THREATEN")
    assert threat.mode == "territory"


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("The Northern Front threatened the Hill Brigade with military action.", "violence"),
        ("The Town Council threatened the Hill Brigade with sanctions.", "restrict"),
        ("The Northern Front threatened to impose sanctions on the Hill Brigade.", "restrict"),
    ],
)
def test_a_threat_takes_its_mode_from_what_it_names(text: str, mode: str) -> None:
    (threat,) = of_type(code(text, ACTORS), "THREATEN")
    assert threat.mode == mode


def test_mobilised_fighters_are_a_militia() -> None:
    fighters = code("The Northern Front mobilized thousands of fighters near Kessar.", ACTORS)
    assert [(e.type, e.mode) for e in fighters.events] == [("MOBILIZE", "militia")]
    troops = code("The army deployed thousands of troops near Kessar.", ACTORS)
    assert [(e.type, e.mode) for e in troops.events] == [("MOBILIZE", "troops")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Northern Front and the Hill Brigade exchanged fire overnight.", "ASSAULT"),
        ("The Northern Front test-fired a new rocket.", "MOBILIZE"),
        ("The Town Council blocked a resolution on the dam.", "REJECT"),
        ("The Interior Ministry gave in to the strikers' demands.", "CONCEDE"),
        ("The army broke up a demonstration in Kessar with tear gas.", "COERCE"),
        ("The Town Council issued an ultimatum to the Northern Front.", "THREATEN"),
        ("The Town Council approved a plan to rebuild the bridge at Kessar.", "AGREE"),
        ("The Town Council and the Hill Brigade upgraded their relationship.", "SUPPORT"),
        ("The Town Council reversed its decision to shut the market in Kessar.", "CONCEDE"),
        ("The army and the Hill Brigade coordinated their patrols near Kessar.", "COOPERATE"),
        ("A Northern Front commander has refused food for a week.", "PROTEST"),
        ("The Interior Ministry threw out the appeal of the Northern Front.", "REJECT"),
        ("The Interior Ministry blacklisted two firms that trade with the Northern Front.", "SANCTION"),
        ("The army dispatched three warplanes to Kessar.", "MOBILIZE"),
        ("The Northern Front mustered hundreds of fighters near Kessar.", "MOBILIZE"),
    ],
)
def test_common_news_phrases(text: str, expected: str) -> None:
    events = code(text, ACTORS).events
    assert max(events, key=lambda e: e.confidence).type == expected


def test_speech_noun_stands_for_its_speaker() -> None:
    text = "The front pulled back after a statement made by the Town Council that demanded the Northern Front leave."
    analysis = code(text, ACTORS)
    (request,) = of_type(analysis, "REQUEST")
    assert request.actors == ["council"]
    assert request.recipients == ["front"]


def test_coordinated_actors_expand() -> None:
    analysis = code("The Northern Front and the Hill Brigade agreed to a ceasefire.", ACTORS)
    (agree,) = of_type(analysis, "AGREE")
    assert agree.actors == ["front", "brigade"]


def test_between_gives_both_sides_and_fatalities_are_a_lower_bound() -> None:
    text = "Clashes between the Northern Front and the Hill Brigade killed at least twelve civilians."
    analysis = code(text, ACTORS)
    (event,) = of_type(analysis, "ASSAULT")
    assert sorted(event.actors) == ["brigade", "front"]
    assert event.fatalities == 12 and event.fatalities_lower_bound


def test_exact_death_counts_are_not_lower_bounds() -> None:
    (event,) = of_type(code("The Northern Front killed 23 people in Kessar.", ACTORS), "ASSAULT")
    assert (event.fatalities, event.fatalities_lower_bound) == (23, False)


def test_participle_result_is_merged_into_the_attack() -> None:
    text = "The Northern Front shelled the market on Tuesday, killing at least twelve civilians."
    analysis = code(text, ACTORS)
    (event,) = of_type(analysis, "ASSAULT")
    assert event.fatalities == 12
    assert (event.date, event.date_precision) == ("2021-03-09", "day")


def test_nominal_trigger_takes_the_agent_of_its_participle() -> None:
    analysis = code(
        "Talks stalled over the war declared by the Northern Front against the Hill Brigade.", ACTORS
    )
    (war,) = of_type(analysis, "ASSAULT")
    assert war.actors == ["front"]
    assert war.recipients == ["brigade"]


def test_pronoun_subject_takes_the_last_subject() -> None:
    text = "The Hill Brigade said the army had lied. Later it withdrew from the hills."
    analysis = code(text, ACTORS)
    (retreat,) = of_type(analysis, "RETREAT")
    assert retreat.actors == ["brigade"]


def test_a_pronoun_object_of_people_is_people() -> None:
    for text in (
        "The prisoners said guards had beaten them in the Kessar jail.",
        "A Hill Brigade fighter said the guards had beaten him.",
    ):
        assert [e.type for e in code(text, ACTORS).events] == ["ASSAULT"], text
    # "them" stands for the things before it, not for its own verb's subject
    assert not of_type(
        code("The Northern Front seized the tractors and beat them with hammers.", ACTORS), "ASSAULT"
    )


def test_what_a_plea_asks_for_ranks_below_the_plea() -> None:
    events = code(
        "The Town Council pleaded with the army to negotiate with the Northern Front.", ACTORS
    ).events
    assert max(events, key=lambda e: e.confidence).type == "REQUEST"


@pytest.mark.parametrize(
    "text",
    [
        "The army and the Hill Brigade jointly raided a Northern Front camp near Kessar.",
        "The army and the Hill Brigade jointly built a bridge at Kessar.",
        "The army and the Hill Brigade searched the villages together.",
        "The army and the Hill Brigade launched a joint offensive against the Northern Front.",
    ],
)
def test_force_used_jointly_is_cooperation(text: str) -> None:
    events = code(text, ACTORS).events
    assert max(events, key=lambda e: e.confidence).type == "COOPERATE"


def test_force_used_by_one_side_stays_what_it_is() -> None:
    assert [e.type for e in code("The army raided a Northern Front camp near Kessar.", ACTORS).events] == [
        "COERCE"
    ]
    offensive = code("The army launched an offensive against the Northern Front.", ACTORS)
    assert [e.type for e in offensive.events] == ["ASSAULT"]


def test_coming_together_is_no_material_cooperation() -> None:
    analysis = code("The army and the Hill Brigade sat down together in Kessar.", ACTORS)
    assert not of_type(analysis, "COOPERATE")


def test_the_main_topic_of_a_reported_clause_is_the_event() -> None:
    coder = EventCoder(learned=False)
    analysis = analyse("Villagers witnessed the bombing of the market, a doctor said.", ACTORS, coder)
    assert [e.type for e in analysis.events] == ["ASSAULT"]


def test_sentence_offsets_index_the_body() -> None:
    text = "The weather was mild. The Northern Front attacked the Hill Brigade."
    analysis = code(text, ACTORS)
    (event,) = analysis.events
    body = analysis.article.body
    assert body[event.sentence_start : event.sentence_end].strip() == event.sentence
    assert event.sentence.startswith("The Northern Front attacked")
    assert event.article_id == "t"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "The weather was pleasant and the market reopened after the holiday.",
        "Les forces ont quitté la ville après des affrontements avec l'armée.",
        "<div class='nav'> | Home | Search | Login | © 2021 ...... </div> &nbsp; &amp; {{ menu }}",
        "The conference discussed the history of the war in general terms.",
        "Negotiation is an art that requires patience.",
    ],
)
def test_no_invented_events(text: str) -> None:
    assert code(text, ACTORS).events == []


def test_a_ten_thousand_word_sentence_does_not_crash() -> None:
    text = " ".join(["the", "Northern", "Front", "attacked", "villages", "and"] * 1700) + " fled."
    analysis = code(text, ACTORS)
    assert all(e.type in {"ASSAULT", "RETREAT"} for e in analysis.events)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # PLOVER manual, REQUEST: withdrawing a demand is CONCEDE
        ("The Town Council withdrew its demand for new elections.", ("CONCEDE", None)),
        # PLOVER manual, RETREAT: allowing the entry of observers or aid is RETREAT access
        ("Humanitarian access to Kessar has improved since March.", ("RETREAT", "access")),
        ("A team of ceasefire observers arrived in Kessar on Sunday.", ("RETREAT", "access")),
        # PLOVER manual, PROTEST: a protest in words is ACCUSE, also in a closing reporting frame
        (
            "The Interior Ministry keeps ignoring court orders, an association of lawyers protested here Friday.",
            ("ACCUSE", "disapprove"),
        ),
        # PLOVER manual, PROTEST: the demand a protest is held for is its topic, not an event of its own
        (
            "Hundreds of teachers demonstrated in Kessar on Monday, demanding higher wages.",
            ("PROTEST", "demo"),
        ),
        # PLOVER manual, ASSAULT: a death under torture is the torture, though no one is named
        ("A detainee died as a result of torture in a Kessar jail.", ("ASSAULT", "torture")),
        # PLOVER manual, MOBILIZE: exercises of one side are MOBILIZE, joint ones COOPERATE
        ("The army held military exercises near Kessar.", ("MOBILIZE", "troops")),
        ("The army and the Hill Brigade held joint exercises near Kessar.", ("COOPERATE", None)),
        # PLOVER manual, CONSULT and AGREE: future meetings and visits, and promised aid, are AGREE
        ("The Town Council chairman is to visit Kessar next week.", ("AGREE", None)),
        ("The ministry announced a planned visit by the council to Kessar.", ("AGREE", None)),
        ("The Town Council pledged five million dollars in aid to Kessar.", ("AGREE", None)),
        ("The council said it would consider sending peacekeepers to Kessar.", ("AGREE", None)),
        ("The Town Council urged restraint.", ("REQUEST", None)),
        # PLOVER manual, AID: hostages freed by security forces are rescued; a debt cancelled is aid
        ("The army freed ten hostages held by the Northern Front.", ("AID", None)),
        ("The Northern Front freed ten hostages on Monday.", ("RETREAT", "release")),
        ("The Town Council cancelled the debt of the Hill Brigade.", ("AID", None)),
        # an irregular past the tagger reads as a base form still finds its verb
        ("The Town Council forgave the debt of the Hill Brigade.", ("AID", None)),
        # PLOVER manual, COERCE and REJECT: an arrest warrant threatens arrest; barring entry rejects
        (
            "The Interior Ministry issued an arrest warrant for the Northern Front commander.",
            ("THREATEN", "arrest"),
        ),
        ("The Town Council barred the Hill Brigade from entering Kessar.", ("REJECT", "assist")),
        # PLOVER manual, SANCTION and COERCE: a meeting called off is REJECT; cutting the internet withholds
        ("The Town Council called off its talks with the Hill Brigade.", ("REJECT", "meet")),
        ("The Interior Ministry shut down the internet in Kessar.", ("COERCE", "withhold")),
        # PLOVER manual, ACCUSE: a protest made to a government is a diplomatic protest
        ("The Town Council protested to the Interior Ministry over the arrests.", ("ACCUSE", "disapprove")),
        # PLOVER manual, SANCTION: aid cut off reduces relations (the utilities of COERCE withhold aside)
        ("The Town Council cut off aid to the Hill Brigade.", ("SANCTION", "discontinue")),
        ("The army staged war games near Kessar.", ("MOBILIZE", "troops")),
        # PLOVER manual, AGREE: an undertaking to cooperate is a promise
        ("The Town Council undertook to cooperate with the Hill Brigade.", ("AGREE", None)),
        # PLOVER manual, AID and MOBILIZE: forces sent to help or rescue are assistance
        ("The army sent soldiers to help the flood victims of Kessar.", ("AID", None)),
        ("The army sent soldiers to Kessar to deter the Northern Front.", ("MOBILIZE", "troops")),
        # PLOVER manual, MOBILIZE: a mobilization in the course of an assault is coded as the assault
        ("The army sent troops to Kessar and opened fire on the Northern Front.", ("ASSAULT", "firearms")),
    ],
)
def test_plover_manual_conventions(text: str, expected: tuple[str, str | None]) -> None:
    assert [(e.type, e.mode) for e in code(text, ACTORS).events] == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "The army sent troops to Kessar and threatened to attack the Northern Front.",
        "The army sent troops to Kessar after the Northern Front attacked the Hill Brigade.",
    ],
)
def test_a_mobilization_without_its_own_assault_stays(text: str) -> None:
    assert "MOBILIZE" in {e.type for e in code(text, ACTORS).events}


@pytest.mark.parametrize(
    "text",
    [
        "The Kessar dam supplies electricity to three provinces.",
        "A new power plant will provide water to the farms of Kessar.",
    ],
)
def test_works_that_supply_a_utility_give_no_aid(text: str) -> None:
    assert not of_type(code(text, ACTORS), "AID")


def test_an_actor_that_supplies_goods_gives_aid() -> None:
    (event,) = of_type(code("The Town Council supplied fuel to the Hill Brigade.", ACTORS), "AID")
    assert (event.actors, event.recipients) == (["council"], ["brigade"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Town Council, which has been fighting the Hill Brigade for years, offered it an amnesty "
            "if its fighters lay down their arms.",
            "AGREE",
        ),
        ("The Northern Front threatened to attack Kessar if the army did not withdraw.", "THREATEN"),
    ],
)
def test_a_conditional_offer_or_threat_was_still_made(text: str, expected: str) -> None:
    events = code(text, ACTORS).events
    assert max(events, key=lambda e: e.confidence).type == expected


def test_a_british_spelling_codes_like_the_american_one() -> None:
    analysis = code("The demobilisation of some 3,000 fighters began in the northern camps this week.")
    assert [(e.type, e.mode) for e in analysis.events] == [("RETREAT", "disarm")]


def test_a_hyphenated_word_the_tokenizer_splits_matches_as_one() -> None:
    sit_in = code("Hundreds of teachers held a sit-in outside parliament.")
    build_up = code("The build-up of troops on the border alarmed Kyiv.")
    assert [(e.type, e.mode, e.trigger) for e in sit_in.events] == [("PROTEST", "demo", "held sit-in")]
    assert [(e.type, e.mode, e.trigger) for e in build_up.events] == [("MOBILIZE", "troops", "build-up")]


def test_force_used_alongside_another_side_is_their_cooperation() -> None:
    beside_troops = code("Local militias fought alongside government troops to retake the oil field.")
    beside_a_river = code("The army shelled the village alongside the river.")
    assert max(beside_troops.events, key=lambda e: e.confidence).type == "COOPERATE"
    assert [e.type for e in beside_a_river.events] == ["ASSAULT"]
