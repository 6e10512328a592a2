"""Words that look like event triggers but report no such event here, and participants that reported
speech makes easy to misread (sentences written for these tests; fictional actors and places)."""

from __future__ import annotations

import pytest

from sitrep import nlp
from sitrep.events import EventCoder
from sitrep.records import Actor, Analysis, Article
from tests.events.helpers import analyse, code, mentions_for, of_type

ACTORS = {
    "front": ["Northern Front"],
    "brigade": ["Hill Brigade"],
    "council": ["Town Council"],
    "ministry": ["Interior Ministry"],
    "tv": ["Gondorian state television"],
    "army": ["army units"],
    "monitor": ["Kessar Observatory for Human Rights"],
    "fighters": ["fighters"],
}
# generic actors (no code) are qualified by a coded actor named in their phrase ("fighters of X")
REGISTRY = {
    "fighters": Actor(id="fighters", name="fighters"),
    "monitor": Actor(id="monitor", name="Kessar Observatory for Human Rights", code="VLLNGO"),
    "front": Actor(id="front", name="Northern Front", code="VLLREB"),
}


def code_with_registry(text: str) -> Analysis:
    article = Article(id="t", url="", title="", paragraphs=[text], published="2021-03-12")
    analysis = Analysis(article=article, doc=nlp.parse(article.body))
    analysis.actor_mentions = mentions_for(article.body, ACTORS)
    analysis.actors = dict(REGISTRY)
    EventCoder()(analysis)
    return analysis


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


def test_a_preposition_of_time_completes_no_pattern() -> None:
    analysis = code("The Interior Minister called his Hill Brigade counterpart on Monday.", ACTORS)
    assert not of_type(analysis, "REQUEST")
    assert [e.mode for e in of_type(analysis, "CONSULT")] == ["phone"]


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


def test_the_reporter_of_a_killing_is_not_its_actor() -> None:
    # the parser hangs "killed" on "said": the killing still belongs to the reported clause
    text = (
        "Gondorian state television said army units had “advanced in the Kessar area” and killed "
        "“dozens of terrorists.”"
    )
    (killing,) = of_type(code(text, ACTORS), "ASSAULT")
    assert killing.actors == ["army"]


def test_the_source_of_a_report_is_not_a_participant() -> None:
    # the parser reads the source as an apposition to "fighters"
    text = "Two rebel factions clashed near Kessar, killing three fighters, the Kessar Observatory for Human Rights said."
    (clash,) = of_type(code_with_registry(text), "ASSAULT")
    assert "monitor" not in clash.actors + clash.recipients


def test_condolences_are_no_offer_to_cooperate() -> None:
    analysis = code(
        "The Hill Brigade condemned the ambush and offered its condolences to the families.", ACTORS
    )
    assert not of_type(analysis, "AGREE")
    assert [
        e.trigger for e in of_type(code("The Town Council offered aid to the Hill Brigade.", ACTORS), "AGREE")
    ]


def test_the_one_criticised_for_a_deed_did_it() -> None:
    analysis = code(
        "Some residents criticised the Northern Front for arresting a journalist in Kessar.", ACTORS
    )
    (arrest,) = of_type(analysis, "COERCE")
    assert arrest.actors == ["front"]


def test_an_event_noun_said_of_another_event_is_no_second_event() -> None:
    (bombing,) = code("The bombing was an attack on the Town Council.", ACTORS).events
    assert bombing.trigger == "bombing"
    assert bombing.recipients == ["council"]
    (attack,) = code("It was an attack by the Northern Front on the Hill Brigade.", ACTORS).events
    assert attack.actors == ["front"]


def test_he_or_she_means_a_person_not_an_organisation() -> None:
    aliases = {**ACTORS, "ali": ["Omar Ali"]}
    text = "Omar Ali met the Town Council. The Northern Front said he had been arrested a day later."
    (arrest,) = of_type(code(text, aliases), "COERCE")
    assert arrest.recipients == ["ali"]
    # a title names a person too; no person named leaves the pronoun unresolved
    titled = code(
        "The Town Council leader resigned. The Interior Ministry said he had been detained.", ACTORS
    )
    assert of_type(titled, "COERCE")[0].recipients == ["council"]
    unnamed = code("The Interior Ministry said he had been detained.", ACTORS)
    assert of_type(unnamed, "COERCE")[0].recipients == []


def test_an_attack_in_a_clause_of_its_own_is_another_event() -> None:
    # the clash is no air strike: the strikes have a clause, a subject and a weapon of their own
    text = (
        "The Northern Front clashed with the Hill Brigade near Kessar, days after air strikes hit the town."
    )
    modes = sorted((e.trigger, e.mode) for e in of_type(code(text, ACTORS), "ASSAULT"))
    assert modes == [("air strikes", "aerial"), ("clashed", None)]
    text = "Warplanes bombed Kessar as the Northern Front attacked the Hill Brigade."
    attack = next(e for e in code(text, ACTORS).events if e.trigger == "attacked")
    assert attack.mode is None and attack.actors == ["front"]


def test_releasing_a_publication_frees_no_one() -> None:
    for text in (
        "The Interior Ministry released a statement on the talks.",
        "The Hill Brigade released a video of the convoy.",
        "New casualty figures were released by the Interior Ministry.",
    ):
        assert not of_type(code(text, ACTORS), "RETREAT"), text
    freed = code("The Hill Brigade released twelve prisoners on Sunday.", ACTORS)
    assert [e.mode for e in of_type(freed, "RETREAT")] == ["release"]


def test_attacking_a_plan_in_words_is_criticism() -> None:
    for text in (
        "The Town Council attacked the Interior Ministry's plan to close the market.",
        "The Northern Front attacked the decision as reckless.",
        "The Interior Minister attacked the court's ruling.",
    ):
        analysis = code(text, ACTORS)
        assert not of_type(analysis, "ASSAULT"), text
        assert [e.mode for e in of_type(analysis, "ACCUSE")][:1] == ["disapprove"], text
    assert of_type(code("The Hill Brigade attacked a police station in Kessar.", ACTORS), "ASSAULT")


def test_a_prison_term_from_a_court_is_a_sentence_not_an_arrest() -> None:
    for text in (
        "A court in Kessar jailed the Town Council leader for five years.",
        "A military tribunal imprisoned two Northern Front commanders.",
    ):
        analysis = code(text, ACTORS)
        assert [e.mode for e in of_type(analysis, "SANCTION")] == ["convict"], text
        assert not of_type(analysis, "COERCE"), text
    police = code("Police jailed dozens of protesters in Kessar overnight.", ACTORS)
    assert [e.mode for e in of_type(police, "COERCE")] == ["arrest"]


def test_weapons_pulled_back_are_a_withdrawal_not_aid_withdrawn() -> None:
    for text in (
        "The Hill Brigade withdrew heavy weapons from the front line.",
        "The Northern Front withdrew its tanks and artillery from Kessar.",
        "The Northern Front withdrew arms from the buffer zone.",
    ):
        analysis = code(text, ACTORS)
        assert [e.mode for e in of_type(analysis, "RETREAT")] == ["withdraw"], text
        assert not of_type(analysis, "SANCTION"), text
    aid = code("The Town Council withdrew its aid to the Hill Brigade.", ACTORS)
    assert [e.mode for e in of_type(aid, "SANCTION")] == ["discontinue"]


def test_a_published_release_or_an_attack_in_words_as_a_noun() -> None:
    for text in (
        "The Interior Ministry announced the release of the report.",
        "The Hill Brigade announced the release of a video of the convoy.",
        "The release of the casualty figures angered the Town Council.",
    ):
        assert not of_type(code(text, ACTORS), "RETREAT"), text
    freed = code("The Hill Brigade announced the release of twelve prisoners.", ACTORS)
    assert [e.mode for e in of_type(freed, "RETREAT")] == ["release"]
    for text in (
        "The Town Council's attack on the plan drew applause.",
        "The Interior Minister's attack on the court's ruling was unusually harsh.",
    ):
        analysis = code(text, ACTORS)
        assert not of_type(analysis, "ASSAULT"), text
        assert [e.mode for e in of_type(analysis, "ACCUSE")][:1] == ["disapprove"], text
    for text in (
        "The attack on the police station in Kessar killed two.",
        "The attack on army positions near Kessar killed two.",
        "The Northern Front attacked army positions near Kessar.",
    ):
        assert of_type(code(text, ACTORS), "ASSAULT"), text


def test_funding_withdrawn_is_aid_withdrawn() -> None:
    for text in (
        "Donors withdrew funding from the Town Council's project.",
        "The Interior Ministry withdrew funding for the Kessar schools.",
    ):
        analysis = code(text, ACTORS)
        assert [e.mode for e in of_type(analysis, "SANCTION")] == ["discontinue"], text
        assert not of_type(analysis, "RETREAT"), text
    law = code("The Interior Ministry withdrew the draft law on foreign funding.", ACTORS)
    assert [e.type for e in law.events] == ["CONCEDE"]


def test_a_prison_term_of_stated_length_is_a_sentence() -> None:
    for text in (
        "Two Northern Front commanders were jailed for seven years.",
        "The Town Council leader was imprisoned for 18 months on Tuesday.",
        "Two Northern Front commanders were jailed for life.",
    ):
        analysis = code(text, ACTORS)
        assert [e.mode for e in of_type(analysis, "SANCTION")] == ["convict"], text
        assert not of_type(analysis, "COERCE"), text
    for text in (
        "Two Northern Front commanders were jailed without charge.",
        "Two Northern Front commanders were jailed two years ago.",
        "Two Northern Front commanders were detained for seven days.",
    ):
        analysis = code(text, ACTORS)
        assert [e.mode for e in of_type(analysis, "COERCE")] == ["arrest"], text
        assert not of_type(analysis, "SANCTION"), text


def test_harm_done_by_nature_is_no_event() -> None:
    for text in (
        "The earthquake killed more than 300 people in the villages around Kessar.",
        "At least 40 people were killed in floods near Kessar.",
        "Cyclone Morwen destroyed thousands of homes in Kessar.",
        "A powerful storm hit the coast on Monday, killing five people.",
        "The village was destroyed by a landslide.",
    ):
        assert not of_type(code(text, ACTORS), "ASSAULT"), text
    for text in (
        "Five soldiers were killed in the attack on Kessar.",
        "The Northern Front killed five soldiers in an ambush near Kessar.",
        "The Northern Front stormed Kessar and killed ten civilians.",
    ):
        assert of_type(code(text, ACTORS), "ASSAULT"), text


def test_pulling_people_out_of_rubble_is_a_rescue() -> None:
    for text in (
        "Rescuers had pulled four children from the rubble in Kessar.",
        "Rescue workers dug survivors out of collapsed buildings in Kessar.",
        "Two survivors were pulled from the wreckage on Tuesday.",
        "Firefighters pulled out two survivors.",
        "Hill Brigade volunteers were still searching the rubble in Kessar after nightfall.",
    ):
        analysis = code(text, ACTORS)
        assert [e.type for e in analysis.events] == ["AID"], text
    retreat = code("The Northern Front pulled out of Kessar.", ACTORS)
    assert [e.type for e in retreat.events] == ["RETREAT"]


def test_sides_that_team_up_cooperate() -> None:
    for text in (
        "The Northern Front joined forces with the Hill Brigade to fight the Town Council.",
        "The Northern Front teamed up with the Hill Brigade to track down the smugglers.",
        "The Northern Front and the Hill Brigade worked together to arrest the smugglers.",
    ):
        analysis = code(text, ACTORS)
        top = max(analysis.events, key=lambda e: e.confidence)
        assert top.type == "COOPERATE", text
        assert "army" not in top.recipients, text
    # The idioms are bare: joining the army's units is not "joining forces". Whether the fighters linked
    # up with the army is the learned model's guess to make, so the rules are checked alone.
    joined = analyse(
        "Hill Brigade fighters joined the army units near Kessar.", ACTORS, EventCoder(learned=False)
    )
    assert not of_type(joined, "COOPERATE")


def test_launching_an_attack_on_a_ruling_is_criticism() -> None:
    for text in (
        "The Northern Front launched an attack on the ruling.",
        "The Town Council mounted a fierce attack on the Interior Ministry's budget.",
    ):
        analysis = code(text, ACTORS)
        assert [(e.type, e.mode) for e in analysis.events] == [("ACCUSE", "disapprove")], text
    assert of_type(code("The Northern Front launched an attack on army units in Kessar.", ACTORS), "ASSAULT")


def test_missiles_fired_into_the_sea_are_a_show_of_force() -> None:
    for text in (
        "The Northern Front fired two rockets into the sea.",
        "The Northern Front launched a missile into the waters off Kessar.",
    ):
        analysis = code(text, ACTORS)
        assert [(e.type, e.mode) for e in analysis.events] == [("MOBILIZE", "weapons")], text
    assert of_type(code("The Northern Front fired rockets into Kessar.", ACTORS), "ASSAULT")


def test_forces_that_recruit_or_bring_in_fighters_mobilize() -> None:
    for text in (
        "The Hill Brigade recruited hundreds of young men near Kessar.",
        "The Northern Front brought in reinforcements from the south.",
        "The Town Council recruited fighters in Kessar.",
    ):
        assert [e.type for e in code(text, ACTORS).events] == ["MOBILIZE"], text
    # no rule reads hiring staff as mobilisation (the type model alone may still propose it, weakly)
    rules = EventCoder(learned=False)
    assert not of_type(analyse("The Town Council recruited fifty engineers.", ACTORS, rules), "MOBILIZE")


def test_undoing_a_conviction_or_prosecution_is_a_concession() -> None:
    for text in (
        "A Kessar court acquitted the Town Council leader of all charges.",
        "The appeals court overturned the conviction of the Hill Brigade commander.",
        "The Interior Ministry commuted the death sentences of twelve Northern Front fighters.",
        "Prosecutors withdrew the case against two Hill Brigade officers.",
    ):
        analysis = code(text, ACTORS)
        assert [e.type for e in analysis.events] == ["CONCEDE"], text
        assert not of_type(analysis, "RETREAT"), text


def test_banning_trade_with_another_country_is_an_embargo() -> None:
    for text in (
        "The Town Council banned imports of grain from Kessar.",
        "The Interior Ministry banned flights by Kessar's airlines.",
    ):
        assert [(e.type, e.mode) for e in code(text, ACTORS).events] == [("SANCTION", "discontinue")], text
    for text in (
        "The Town Council banned the sale of alcohol during the vote.",
        "The Interior Ministry banned the Hill Brigade.",
    ):
        assert not of_type(code(text, ACTORS), "SANCTION"), text


def test_a_deadline_to_act_is_an_ultimatum() -> None:
    for text in (
        "The Northern Front gave the Town Council two days to free its leader or face attacks.",
        "The Hill Brigade gave the army units a week to leave Kessar.",
    ):
        top = max(code(text, ACTORS).events, key=lambda e: e.confidence)
        assert (top.type, top.cameo) == ("THREATEN", "139"), text
    for text in (
        "The Town Council gave the farmers ten years to repay the loans.",
        "The Interior Ministry gave its staff two days off.",
    ):
        assert not of_type(code(text, ACTORS), "THREATEN"), text


def test_rallying_behind_someone_is_support_and_lashing_out_is_criticism() -> None:
    behind = code("Hill Brigade commanders rallied behind the Town Council.", ACTORS)
    assert [e.type for e in behind.events] == ["SUPPORT"]
    street = code("Thousands of Hill Brigade supporters rallied in Kessar.", ACTORS)
    assert [e.type for e in street.events] == ["PROTEST"]
    lashed = code("The Interior Ministry lashed out at the Hill Brigade over the attack.", ACTORS)
    assert [(e.type, e.mode) for e in lashed.events][:1] == [("ACCUSE", "disapprove")]


def test_a_nouns_lemma_that_an_ending_confirms_is_not_second_guessed() -> None:
    analysis = code(
        "The Interior Ministry confined the Northern Front's leader to his home, his aides said.", ACTORS
    )
    assert [(e.type, e.mode) for e in analysis.events] == [("COERCE", "arrest")]


def test_a_support_verbs_noun_with_words_of_its_own_names_the_event() -> None:
    analysis = code("Northern Front prisoners launched an open-ended hunger strike on Monday.", ACTORS)
    assert [(e.type, e.mode) for e in analysis.events] == [("PROTEST", "hunger")]
    assert [e.type for e in code("The Northern Front launched a strike on Kessar.", ACTORS).events] == [
        "ASSAULT"
    ]


def test_calling_something_an_adjective_is_no_phone_call() -> None:
    for text in (
        "The Interior Ministry condemned the verdict, calling the charges politically motivated.",
        "The Northern Front called the vote rigged.",
    ):
        assert not of_type(code(text, ACTORS), "CONSULT"), text
    assert of_type(code("The Northern Front called the Town Council on Monday.", ACTORS), "CONSULT")


def test_a_joint_undertaking_named_by_the_object_is_cooperation() -> None:
    for text in (
        "Northern Front and Hill Brigade fighters mounted a joint sweep through the valley on Thursday.",
        "Northern Front and Hill Brigade engineers began a joint survey of the frontier.",
        "Northern Front and Hill Brigade engineers began jointly clearing landmines along the frontier.",
    ):
        top = max(code(text, ACTORS).events, key=lambda e: e.confidence)
        assert top.type == "COOPERATE", text


def test_harm_done_by_what_a_relative_clause_describes_is_natures() -> None:
    assert not code(
        "Heavy rains triggered landslides that killed at least 30 people in Kessar.", ACTORS
    ).events
    assert of_type(
        code("Gunmen who stormed the hotel killed 12 guests of the Town Council.", ACTORS), "ASSAULT"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A Kessar court handed down seven-year prison terms to three Northern Front members.", "SANCTION"),
        ("The Interior Ministry forcibly returned 109 refugees to the Northern Front's territory.", "COERCE"),
        ("The Hill Brigade lent its backing to the Town Council's mediation.", "SUPPORT"),
        ("The Town Council withdrew its opposition to the Northern Front's plan.", "CONCEDE"),
        ("The Northern Front leader accepted his defeat in the vote on Monday.", "CONCEDE"),
        ("The Interior Ministry loosened its blockade of Kessar on Sunday.", "CONCEDE"),
        ("Prosecutors brought charges against the Northern Front leader over the massacres.", "ACCUSE"),
        ("The Town Council appointed a commission of inquiry into the violence.", "ACCUSE"),
        ("Hill Brigade officials pointed the finger at the Northern Front over the clashes.", "ACCUSE"),
        (
            "The Hill Brigade turned in their rifles at a site in Kessar under the disarmament plan.",
            "RETREAT",
        ),
        ("Northern Front troops vacated the positions inside the security zone.", "RETREAT"),
        (
            "The Town Council froze the Northern Front's membership over its refusal to hold elections.",
            "SANCTION",
        ),
        ("Gondor positioned missiles in Kessar, the Interior Ministry said.", "MOBILIZE"),
        ("Forty thousand army reservists were summoned to their units on Sunday.", "MOBILIZE"),
        (
            "The army chief gave the Hill Brigade until Friday to lay down their arms or face an offensive.",
            "THREATEN",
        ),
        ("The Hill Brigade gave an undertaking to free all child soldiers within a month.", "AGREE"),
        ("The Town Council ordered a ban on trade with the Northern Front on Saturday.", "SANCTION"),
        ("The Interior Ministry ordered the withdrawal of army units from Kessar.", "RETREAT"),
        ("The Northern Front vowed to avenge the killing of its commander.", "THREATEN"),
        ("The Interior Ministry dispatched several hundred police officers to Kessar.", "MOBILIZE"),
        ("Army helicopters ferried food and medicine to flood victims in Kessar.", "AID"),
        ("The Town Council turned over the suspect to the Northern Front.", "COOPERATE"),
        (
            "Northern Front fighters broke the ceasefire on Sunday, shelling the Hill Brigade near Kessar.",
            "ASSAULT",
        ),
        ("The Hill Brigade declared allegiance to the Northern Front on Friday.", "SUPPORT"),
        ("The Northern Front carried out a missile test near Kessar on Sunday.", "MOBILIZE"),
        ("Hill Brigade fighters handed over their weapons to the peacekeepers near Kessar.", "RETREAT"),
        ("Gondor withdrew its high commissioner from the Northern Front's capital.", "SANCTION"),
        ("Hill Brigade tanks rolled into central Kessar on Friday night.", "MOBILIZE"),
        ("The Town Council halted imports of Northern Front wine on Wednesday.", "SANCTION"),
        ("Northern Front youths hurled stones at the police in Kessar.", "PROTEST"),
        ("Thousands of Northern Front supporters camped out in the main square of Kessar.", "PROTEST"),
        ("The Town Council has taken in more than 3,000 refugees since the fighting began.", "AID"),
        ("Gondor sent a team of 174 medical workers to Kessar to help fight the outbreak.", "AID"),
        (
            "Town Council officials held the Northern Front responsible for a wave of car bombings in Kessar.",
            "ACCUSE",
        ),
        ("The Interior Ministry shut down internet access across Kessar on Saturday.", "COERCE"),
        ("Hill Brigade fighters gave up their rifles at a camp near Kessar on Friday.", "RETREAT"),
        ("Army helicopters flew tents and blankets to flood victims in Kessar.", "AID"),
        ("The Town Council trucked 200 tonnes of flour into Kessar this week.", "AID"),
        ("A Kessar court cleared the Northern Front leader of all charges on Monday.", "CONCEDE"),
        ("Gondor suspended the Northern Front from the assembly on Friday.", "SANCTION"),
        ("Gondor ordered 3,000 more troops to the Kessar frontier on Tuesday.", "MOBILIZE"),
        ("The Hill Brigade rushed reinforcements to Kessar on Sunday.", "MOBILIZE"),
        ("Gondor threw its support behind the Hill Brigade on Thursday.", "SUPPORT"),
        ("Gondor summoned the Northern Front's deputy high commissioner on Tuesday.", "ACCUSE"),
        ("Gondor handed over a suspected Northern Front commander to Kessar authorities.", "COOPERATE"),
        ("Gondor transferred a former Hill Brigade officer to the war crimes tribunal.", "COOPERATE"),
        ("Gondor transferred $300 million to the Town Council on Monday.", "AID"),
        ("Hill Brigade fighters handed over their weapons to the Kessar authorities.", "RETREAT"),
    ],
)
def test_wire_service_idioms(text: str, expected: str) -> None:
    top = max(code(text, ACTORS).events, key=lambda e: e.confidence, default=None)
    assert top is not None and top.type == expected, [(e.type, e.trigger) for e in code(text, ACTORS).events]


def test_blame_reported_by_someone_else_is_an_accusation_and_what_is_blamed_alleged() -> None:
    for text in (
        "The Interior Ministry said the Northern Front was responsible for the car bomb in Kessar.",
        "The Interior Ministry said the Northern Front were behind the attack on the army units.",
    ):
        analysis = code(text, ACTORS)
        top = max(analysis.events, key=lambda e: e.confidence)
        assert (top.type, top.mode, top.actors, top.recipients) == (
            "ACCUSE",
            "allege",
            ["ministry"],
            ["front"],
        )
        blamed = of_type(analysis, "ASSAULT")
        assert blamed and all(e.alleged for e in blamed), text
    for text in (
        "The Northern Front said it was responsible for the car bomb in Kessar.",
        "The Interior Ministry said the Northern Front was not behind the attack on the army units.",
        "The Northern Front was behind the attack on the army units.",
    ):
        assert not of_type(code(text, ACTORS), "ACCUSE"), text


def test_the_side_fought_alongside_is_the_partner_cooperated_with() -> None:
    analysis = code("The Northern Front fought alongside the Hill Brigade to retake Kessar.", ACTORS)
    (cooperation,) = of_type(analysis, "COOPERATE")
    assert (cooperation.actors, cooperation.recipients) == (["front"], ["brigade"])


def test_a_vow_parsed_apart_from_its_clause_still_governs_it() -> None:
    # the dateline between "vowed" and "to destroy" makes the parser read a purpose clause
    analysis = code(
        "The Northern Front commander vowed on Sunday to destroy the Hill Brigade within months.", ACTORS
    )
    top = max(analysis.events, key=lambda e: e.confidence)
    assert (top.type, top.actors, top.recipients) == ("THREATEN", ["front"], ["brigade"])


def test_violence_its_actors_stop_is_a_ceasefire() -> None:
    for text in (
        "The Northern Front and the Hill Brigade stopped firing at dawn on Monday.",
        "Northern Front fighters stopped shelling Kessar on Monday.",
    ):
        top = max(code(text, ACTORS).events, key=lambda e: e.confidence)
        assert (top.type, top.mode, top.cameo) == ("RETREAT", "ceasefire", "0871"), text
    # what one side stops is not the other side's ceasefire
    assert not of_type(code("Police stopped an attack on the Town Council.", ACTORS), "RETREAT")


def test_an_event_after_which_forces_are_sent_is_not_the_senders() -> None:
    analysis = code(
        "The Interior Ministry sent police to Kessar after the attacks on the army units.", ACTORS
    )
    top = max(analysis.events, key=lambda e: e.confidence)
    assert (top.type, top.actors) == ("MOBILIZE", ["ministry"])
    assert all("ministry" not in e.actors for e in of_type(analysis, "ASSAULT"))


def test_calling_an_election_phones_no_one() -> None:
    analysis = code("The Town Council leader called an early election for January 5.", ACTORS)
    assert not of_type(analysis, "CONSULT")


def test_a_joint_declaration_is_no_joint_operation() -> None:
    text = "The Northern Front and the Hill Brigade signed a joint declaration of peace in Kessar."
    assert not of_type(code(text, ACTORS), "COOPERATE")


def test_a_published_text_released_is_no_release() -> None:
    text = "Official results released on Monday showed the Northern Front winning 62 percent of the vote."
    assert not of_type(code(text, ACTORS), "RETREAT")


def test_a_place_or_circumstance_is_no_word_of_a_phrase() -> None:
    # "hand over &TERRITORY" and "meet &DEMAND" are not completed by "at the crossing", "in a bid"
    text = "Gondor police handed over a Northern Front suspect at the Kessar border crossing on Monday."
    assert not of_type(code(text, ACTORS), "RETREAT")
    text = (
        "The Town Council leader met the Northern Front in Kessar on Sunday in a bid to settle the dispute."
    )
    assert not of_type(code(text, ACTORS), "CONCEDE")
