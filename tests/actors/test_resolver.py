"""Actor resolution on sentences written for these tests, about conflicts other than the seed's."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sitrep.actors import ActorRegistry, actors_in
from sitrep.records import Analysis

Resolve = Callable[..., Analysis]


def _resolved(analysis: Analysis) -> dict[str, str]:
    """Mention text -> actor id (the last one when a text recurs)."""
    return {m.text: m.actor_id for m in analysis.actor_mentions}


def test_country_adjective_and_agent_make_a_state_actor(resolve: Resolve) -> None:
    analysis = resolve("Turkish forces shelled villages near the border, and Iraqi troops moved north.")
    found = _resolved(analysis)
    assert found["Turkish forces"] == "turkey-military"
    assert found["Iraqi troops"] == "iraq-military"
    assert analysis.actors["turkey-military"].code == "TURMIL"


def test_the_syrian_government_resolves(resolve: Resolve) -> None:
    found = _resolved(resolve("The Syrian government rejected the proposal."))
    assert found["Syrian government"] == "syria-government"


def test_unqualified_agents_take_the_dominant_country(resolve: Resolve) -> None:
    analysis = resolve(
        "Yemeni government forces clashed with the Houthis near Taiz. The Houthis said they repelled "
        "the attack. Residents said the regime shelled their homes, and doctors treated the wounded."
    )
    found = _resolved(analysis)
    assert found["regime"] == "yemen-government"
    assert found["Residents"] == "yemen-civilians"
    assert found["doctors"] == "yemen-health-workers"
    assert analysis.actors["yemen-civilians"].kind == "CVL"


def test_without_a_dominant_country_agents_stay_generic(resolve: Resolve) -> None:
    found = _resolved(resolve("Police detained three activists outside the court."))
    assert found["Police"] == "police"
    assert found["activists"] == "civilians"
    assert found["court"] == "judiciary"


def test_members_and_possessives_go_to_their_organisation(resolve: Resolve) -> None:
    analysis = resolve(
        "The Kurdish militia said two of its fighters were killed in the raid. Hamas gunmen fired at the "
        "patrol."
    )
    found = _resolved(analysis)
    militia = found["militia"]
    assert found["its"] == militia and found["fighters"] == militia
    assert analysis.actors[militia].kind == "REB"
    assert found["gunmen"] == "hamas"


def test_ad_hoc_organisation_kind_from_name_and_apposition(resolve: Resolve) -> None:
    analysis = resolve(
        "The Northern Shield Brigade, an armed faction based in Kirkuk, said its commander, Hassan Barzani, "
        "had been killed. The Provincial Council of Kirkuk condemned the killing."
    )
    actors = analysis.actors
    assert actors["northern-shield-brigade"].kind == "REB"
    assert actors["hassan-barzani"].kind == "REB"  # a commander takes his organisation's sector
    assert actors["provincial-council-of-kirkuk"].kind == "GOV"
    assert _resolved(analysis)["armed faction"] == "northern-shield-brigade"


def test_person_roles(resolve: Resolve) -> None:
    analysis = resolve(
        "A court in Bamako sentenced the rebel spokesman, Ahmed Sadiq, in absentia. Judge Mariam Traore said "
        "the National Liberation Front had been warned. UN Secretary-General Antonio Guterres called for calm."
    )
    actors = analysis.actors
    assert actors["ahmed-sadiq"].kind == "REB"
    assert actors["mariam-traore"].kind == "JUD"
    assert actors["antonio-guterres"].kind == "IGO"
    assert "bamako" not in actors  # a capital city is not an actor


def test_the_group_skips_the_subject_of_its_own_clause(resolve: Resolve) -> None:
    analysis = resolve(
        "The Black Banner Movement attacked an army post on Monday. The Tribal Council of Elders, which "
        "demanded that the group be disbanded, met the governor."
    )
    assert _resolved(analysis)["group"] == "black-banner-movement"


def test_the_militants_prefers_the_actor_called_militants(resolve: Resolve) -> None:
    analysis = resolve(
        "Iraqi troops backed by the Popular Mobilization Forces retook the town from Islamic State militants. "
        "The militants withdrew towards the desert."
    )
    mentions = [m for m in analysis.actor_mentions if m.text == "militants"]
    assert [m.actor_id for m in mentions] == ["isis", "isis"]


def test_definite_description_of_a_named_body(resolve: Resolve) -> None:
    analysis = resolve(
        "The Supreme Coordination Committee of Deir Hafer issued a statement. Fighters ignored the "
        "coordination committee."
    )
    assert _resolved(analysis)["coordination committee"] == "supreme-coordination-committee-of-deir-hafer"


def test_dummy_it_is_not_an_actor(resolve: Resolve) -> None:
    analysis = resolve("Hezbollah said it would withdraw. It seems that the talks failed.")
    its = [m for m in analysis.actor_mentions if m.text.lower() == "it"]
    assert [m.actor_id for m in its] == ["hezbollah"]


def test_dated_role_follows_the_publication_date(resolve: Resolve) -> None:
    text = "Hayat Tahrir al-Sham fighters entered the city."
    assert resolve(text, published="2019-03-02").actors["hayat-tahrir-al-sham"].kind == "REB"
    assert resolve(text, published="2025-02-10").actors["hayat-tahrir-al-sham"].kind == "GOV"


def test_actors_in_a_range(resolve: Resolve) -> None:
    analysis = resolve("Houthi rebels fired missiles at Saudi Arabia, the Saudi-led coalition said.")
    body = analysis.article.body
    assert actors_in(analysis, 0, len(body)) == ["houthis", "saudi-arabia", "saudi-led-coalition"]
    assert actors_in(analysis, 0, body.index(" fired")) == ["houthis"]
    assert actors_in(analysis, body.index("fired"), body.index("missiles")) == []


def test_registry_without_parse_still_matches_names() -> None:
    from sitrep.actors import ActorResolver
    from sitrep.records import Analysis, Article

    analysis = Analysis(Article(id="a", url="", title="", paragraphs=["ISIL and the Nusra Front clashed."]))
    ActorResolver(ActorRegistry.default())(analysis)
    assert [m.actor_id for m in analysis.actor_mentions] == ["isis", "hayat-tahrir-al-sham"]


def test_mentions_are_ordered_and_point_into_the_body(resolve: Resolve) -> None:
    analysis = resolve("Russian warplanes struck Idlib. The White Helmets said rescuers pulled bodies out.")
    body = analysis.article.body
    spans = [(m.start, m.end) for m in analysis.actor_mentions]
    assert spans == sorted(spans)
    assert all(body[m.start : m.end] == m.text for m in analysis.actor_mentions)
    assert _resolved(analysis)["Russian warplanes"] == "russia-military"


def test_conjoined_country_adjectives_share_the_agent(resolve: Resolve) -> None:
    analysis = resolve("Senior Hungarian and Romanian officials agreed to cooperate on refugees.")
    found = _resolved(analysis)
    assert found["Hungarian"] == "hungary-government"
    assert found["Romanian officials"] == "romania-government"


def test_conjoined_agents_share_the_country(resolve: Resolve) -> None:
    found = _resolved(resolve("Israeli helicopters and tanks pounded the camp."))
    assert found["Israeli helicopters"] == found["tanks"] == "israel-military"


def test_a_capital_can_stand_for_its_government(resolve: Resolve) -> None:
    analysis = resolve(
        "Tehran rejected the demand, and the Khartoum government closed its embassy. Talks were held in Amman."
    )
    found = _resolved(analysis)
    assert found["Tehran"] == "iran-government"
    assert found["Khartoum government"] == "sudan-government"
    assert "Amman" not in found  # a place, not an actor


def test_an_acronym_in_brackets_is_the_same_actor(resolve: Resolve) -> None:
    analysis = resolve(
        "The Revolutionary Liberation Council (RLC) seized the port. Later the RLC withdrew its fighters."
    )
    ids = {
        m.actor_id for m in analysis.actor_mentions if m.text in ("Revolutionary Liberation Council", "RLC")
    }
    assert ids == {"revolutionary-liberation-council"}
    assert len([m for m in analysis.actor_mentions if m.text == "RLC"]) == 2


def test_a_people_is_civilians_and_a_leader_is_the_government(resolve: Resolve) -> None:
    analysis = resolve("Libyan leader Muammar Gaddafi said Libyans would resist. Greeks protested in Athens.")
    actors = analysis.actors
    assert actors["muammar-gaddafi"].kind == "GOV" and actors["muammar-gaddafi"].country == "LBY"
    assert _resolved(analysis)["Libyans"] == "libya-civilians"
    assert _resolved(analysis)["Greeks"] == "greece-civilians"
    assert actors["libya-civilians"].kind == "CVL"


def test_agent_words_inside_place_names_are_not_actors(resolve: Resolve) -> None:
    analysis = resolve("Settlers attacked a village in the West Bank, and the army closed roads in Gaza.")
    assert not any(m.text == "Bank" for m in analysis.actor_mentions)


def test_spans_of_odd_offsets_never_fail() -> None:
    from sitrep import nlp
    from sitrep.actors.context import ArticleContext

    text = "Ithilen and the government of Gondor warned the Prince of Dol_Amroth."
    ctx = ArticleContext(ActorRegistry.default(), text, nlp.parse(text), None, [])
    assert ctx.span(0, 7).text == "Ithilen"
    assert ctx.span(61, 64).text == "Dol_Amroth"  # inside a token: the whole token
    assert ctx.span(7, 8) is None  # only a space
    assert ctx.span(30, 30) is None


def test_of_phrases_and_lists_of_countries(resolve: Resolve) -> None:
    analysis = resolve("The ambassadors of Jordan, Egypt and Qatar met the president of Armenia.")
    found = _resolved(analysis)
    assert found["ambassadors"] == found["Jordan"] == "jordan-government"
    assert found["Egypt"] == "egypt-government" and found["Qatar"] == "qatar-government"
    assert found["president"] == found["Armenia"] == "armenia-government"


def test_former_office_holders_are_elites(resolve: Resolve) -> None:
    analysis = resolve("Former Iraqi officials criticised the plan.")
    (mention,) = [m for m in analysis.actor_mentions if "officials" in m.text]
    assert analysis.actors[mention.actor_id].kind == "ELI"
    assert analysis.actors[mention.actor_id].code == "IRQELI"


def test_a_gazetteer_test_keeps_towns_out_of_actors() -> None:
    from sitrep import nlp
    from sitrep.actors import ActorResolver
    from sitrep.records import Analysis, Article, Mention

    text = "Two car bombs hit Duma on Monday, residents said."
    start = text.index("Duma")
    person = Mention(start, start + 4, "PERSON", "Duma")  # as the small model sometimes tags a town

    def analysis() -> Analysis:
        return Analysis(Article(id="a", url="", title="", paragraphs=[text]), nlp.parse(text), [person])

    plain = analysis()
    ActorResolver(ActorRegistry.default())(plain)
    assert "duma" in plain.actors
    checked = analysis()
    ActorResolver(ActorRegistry.default(), is_place=lambda name: name == "Duma")(checked)
    assert "duma" not in checked.actors


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "<div><p>&nbsp;</p></div> |||| ---- [1] [2]",
        "Le gouvernement syrien a rejeté la proposition.",
    ],
)
def test_odd_input_does_not_fail(text: str) -> None:
    from sitrep import nlp
    from sitrep.actors import ActorResolver
    from sitrep.records import Analysis, Article

    analysis = Analysis(Article(id="a", url="", title="", paragraphs=[text]), nlp.parse(text))
    ActorResolver(ActorRegistry.default())(analysis)
    assert all(analysis.article.body[m.start : m.end] == m.text for m in analysis.actor_mentions)
    assert set(analysis.actors) == {m.actor_id for m in analysis.actor_mentions}


def test_a_very_long_sentence_resolves_faster_than_it_parses() -> None:
    import time

    from sitrep import nlp
    from sitrep.actors import ActorResolver
    from sitrep.records import Analysis, Article, Mention

    clause = "ISIS fighters attacked Free Syrian Army rebels near the town and the regime shelled them"
    text = ", and ".join([clause] * 400) + "."  # one sentence of about 6,000 words
    started = time.perf_counter()
    doc = nlp.parse(text)
    parsed = time.perf_counter()
    entities = [Mention(e.start_char, e.end_char, e.label_, e.text) for e in doc.ents]
    analysis = Analysis(Article(id="a", url="", title="", paragraphs=[text]), doc, entities)
    ActorResolver(ActorRegistry.default())(analysis)
    resolved = time.perf_counter()
    assert len([m for m in analysis.actor_mentions if m.actor_id == "isis"]) >= 400
    assert resolved - parsed < parsed - started  # resolution stays linear, a fraction of parsing


def test_pronouns_agree_in_number(resolve: Resolve) -> None:
    analysis = resolve(
        "Yemeni government forces shelled Taiz. Residents said the regime shelled their homes, and the "
        "Houthis said they would respond. The Southern Transitional Council said it stayed neutral."
    )
    pronouns = {m.text: m.actor_id for m in analysis.actor_mentions if m.text in ("their", "they", "it")}
    assert pronouns == {
        "their": "yemen-civilians",
        "they": "houthis",
        "it": "southern-transitional-council",
    }


def test_roles_in_apposition_after_a_name_take_their_organisation(resolve: Resolve) -> None:
    analysis = resolve(
        "The Black Banner Brigade shelled the market. Omar Haddad, a spokesman for the Black Banner "
        "Brigade, denied it. Later the group's spokesman, Sami Darwish, said the truce was over. "
        "Layla Nouri, the Black Banner Brigade commander, confirmed it. Yusuf Karam of the Black Banner "
        "Brigade was wounded. Ali Hamdan, the head of the local council, condemned the shelling."
    )
    actors = analysis.actors
    for person in ("omar-haddad", "sami-darwish", "layla-nouri", "yusuf-karam"):
        assert actors[person].kind == "REB", person
    assert actors["ali-hamdan"].kind == "GOV"  # the head of a council


def test_multiword_names_the_gazetteer_knows_are_places_not_actors() -> None:
    from sitrep import nlp
    from sitrep.actors import ActorResolver
    from sitrep.records import Analysis, Article, Mention

    text = "Shells fired from Ain Tarma killed two people, and Wadi Rahma was shelled, medics said."
    entities = [
        Mention(text.index(name), text.index(name) + len(name), "PERSON", name)
        for name in ("Ain Tarma", "Wadi Rahma")
    ]
    analysis = Analysis(Article(id="a", url="", title="", paragraphs=[text]), nlp.parse(text), entities)
    ActorResolver(ActorRegistry.default(), is_place=lambda name: name in ("Ain Tarma", "Wadi Rahma"))(
        analysis
    )
    assert not {"ain-tarma", "wadi-rahma"} & set(analysis.actors)


def test_short_forms_of_names_used_before_are_the_same_actor(resolve: Resolve) -> None:
    analysis = resolve(
        "Kataib al-Nour fighters clashed with Marwan Haddad's men on Monday. A Kataib official said the "
        "group acted in self-defence. Haddad said the truce was over, and Sheikh Haddad called for calm."
    )
    found = {m.text: m.actor_id for m in analysis.actor_mentions}
    assert found["Kataib"] == found["Kataib al-Nour"] == "kataib-al-nour"
    assert found["Haddad"] == found["Sheikh Haddad"] == found["Marwan Haddad"] == "marwan-haddad"


def test_a_name_spelled_out_before_a_known_acronym_is_that_actor(resolve: Resolve) -> None:
    analysis = resolve(
        "A spokeswoman for the Office for the Coordination of Humanitarian Affairs (OCHA) said so."
    )
    assert {m.actor_id for m in analysis.actor_mentions if "Office" in m.text} == {"ocha"}


def test_bare_agent_words_are_mentions_not_aliases(resolve: Resolve) -> None:
    analysis = resolve(
        "Yemeni government forces shelled Taiz. People fled, a man said, and the regime denied it. "
        "Yemeni authorities said the Houthis were to blame."
    )
    found = _resolved(analysis)
    assert found["People"] == found["man"] == "yemen-civilians"
    assert found["regime"] == "yemen-government"
    civilians, government = analysis.actors["yemen-civilians"], analysis.actors["yemen-government"]
    assert not {"People", "man"} & set(civilians.aliases)
    assert "regime" not in government.aliases
    assert "Yemeni authorities" in government.aliases  # a qualified agent names its actor


def test_member_words_listed_only_as_members_are_agents(resolve: Resolve) -> None:
    found = _resolved(resolve("Two ISIS members and three Hamas operatives were arrested."))
    assert found["members"] == "isis" and found["operatives"] == "hamas"


def test_a_leader_named_without_his_organisation_serves_the_one_in_the_passage(resolve: Resolve) -> None:
    analysis = resolve(
        'The Black Banner Brigade denied planting the bombs. "We are not the ones who did this," '
        "spokesman Omar Haddad said in a statement."
    )
    assert analysis.actors["omar-haddad"].kind == "REB"


def test_anaphora_in_a_clause_without_a_verb_ends(resolve: Resolve) -> None:
    import threading

    results: list[Analysis] = []
    text = "The Black Banner Brigade in Qaryatayn. Spokesman Omar Haddad on the front line."
    worker = threading.Thread(target=lambda: results.append(resolve(text)), daemon=True)
    worker.start()
    worker.join(timeout=30)
    assert results, "resolution did not end: a climb to the root of a verbless sentence must stop"
    assert results[0].actors["omar-haddad"].kind == "REB"


def test_a_short_form_named_again_and_again_becomes_the_full_name(resolve: Resolve) -> None:
    # NER takes the surname for an entity of its own several times: each is the person named first.
    analysis = resolve(
        "The commentator attacked David Hogg, a survivor of the shooting. Over the past months, Hogg has "
        "emerged as a vocal advocate. In an interview on Tuesday, Hogg spoke about rejection letters. Hogg "
        "responded by compiling a list of companies. But Hogg and the other teens went after their critics."
    )
    assert {m.actor_id for m in analysis.actor_mentions if "Hogg" in m.text} == {"david-hogg"}


def test_a_whole_name_is_never_a_short_form_of_its_actor() -> None:
    from sitrep.actors.entities import _proper_runs
    from sitrep.actors.matcher import phrase_keys

    runs = _proper_runs(("Mustafa Barakat", "Barakat", "Sheikh Mustafa Barakat"))
    assert phrase_keys("Barakat") not in runs and phrase_keys("Mustafa Barakat") not in runs
    assert phrase_keys("Sheikh Mustafa") in runs


def test_a_name_split_at_its_and_is_one_organisation(resolve: Resolve) -> None:
    analysis = resolve(
        "Turkey’s Ministry of Treasury and Finance said it had frozen the accounts of the exchange office."
    )
    names = [actor.name for actor in analysis.actors.values()]
    assert "Ministry of Treasury and Finance" in names
    assert "Finance" not in names
    ministry = next(a for a in analysis.actors.values() if a.name == "Ministry of Treasury and Finance")
    assert ministry.code == "TURGOV"


def test_two_organisations_joined_by_and_stay_two(resolve: Resolve) -> None:
    analysis = resolve("The Qasr al-Hayr Brigade and the Jabal Forces said they had agreed to a truce.")
    names = {actor.name for actor in analysis.actors.values()}
    assert "Jabal Forces" in names
    assert not any("Brigade and" in name for name in names)


def test_a_capitalised_common_noun_opening_a_sentence_is_no_actor(resolve: Resolve) -> None:
    analysis = resolve("Videos posted online showed gunmen firing at the crowd.")
    assert "Videos" not in {actor.name for actor in analysis.actors.values()}


def test_a_name_qualifying_a_site_is_a_place_not_an_actor(resolve: Resolve) -> None:
    analysis = resolve("Trucks crossed through the Nasib border crossing on Monday, officials said.")
    assert "Nasib" not in {actor.name for actor in analysis.actors.values()}


def test_the_group_a_spokesman_speaks_of_is_his_own(resolve: Resolve) -> None:
    analysis = resolve(
        "The news agency Anadolu said the shells came from hills held by the Sultan Murad Division. The "
        "Sultan Murad Division denied any role. Its spokesman, Omar Haddad, said the group does not shell "
        "villages."
    )
    assert _resolved(analysis)["group"] == "sultan-murad-division"
