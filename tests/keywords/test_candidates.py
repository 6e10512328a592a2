"""Candidate spans: names (with "of"/"for" links), noun phrases trimmed of determiners and amounts."""

from __future__ import annotations

from spacy.tokens import Doc

from sitrep import nlp
from sitrep.keywords.candidates import find_candidates


def parsed(text: str) -> tuple[Doc, str]:
    return nlp.parse(text), text


def texts(text: str) -> set[str]:
    return {occ.text for occ in find_candidates(*parsed(text)).occurrences}


def test_noun_phrases_lose_determiners_numbers_and_pronouns() -> None:
    found = texts("ISIS was blamed for the two car bombings in its latest campaign.")
    assert "car bombings" in found
    assert "latest campaign" in found
    assert not any(t.startswith(("the", "two", "its")) for t in found)


def test_names_keep_linking_words() -> None:
    found = texts("Clashes with the Army of Islam grew. The Islamic State of Iraq and Syria withdrew.")
    assert "Army of Islam" in found
    assert "Islamic State of Iraq and Syria" in found


def test_a_plain_coordination_of_two_names_stays_two_names() -> None:
    found = texts("Officials from Iraq and Syria met in Damascus.")
    assert {"Iraq", "Syria"} <= found
    assert "Iraq and Syria" not in found


def test_a_hyphenated_name_stays_whole() -> None:
    found = texts("Gunmen attacked a convoy near al-Mayadin in Deir ez-Zor province on Sunday.")
    assert "Deir ez-Zor" in found or "Deir ez-Zor province" in found
    assert "Deir ez" not in found


def test_dates_and_amounts_are_not_candidates() -> None:
    found = texts("Thousands of people marched in Duma on 3 April, officials said.")
    assert "Duma" in found
    assert not {"April", "Thousands"} & found


def test_possessives_split_names_and_plurals_share_a_key() -> None:
    doc = nlp.parse("Ghouta's Unified Judicial Body met. Car bombings and a car bombing.")
    occurrences = find_candidates(doc, doc.text).occurrences
    keys = {occ.key for occ in occurrences}
    assert {"ghouta", "unified judicial body"} <= keys
    assert len({occ.key for occ in occurrences if "bombing" in occ.key}) == 1


def test_sentence_initial_capital_of_a_common_noun_is_not_shown() -> None:
    assert "critics" in texts("Critics of the plan spoke.")


def test_word_and_sentence_counts() -> None:
    candidates = find_candidates(*parsed("The storm hit. Storms hit again and the storm passed."))
    assert candidates.word_counts["storm"] == 3
    assert candidates.word_counts["the"] == 0
    assert candidates.sentences == 2


def test_a_name_never_runs_into_its_verb() -> None:
    doc = nlp.parse("The aid convoy of the Syrian Arab Red Crescent entered Douma on Tuesday.")
    assert any(ent.label_ == "ORG" for ent in doc.ents)
    found = texts(doc.text)
    assert "Syrian Arab Red Crescent" in found
    assert not any("entered" in text for text in found)


def test_a_role_description_before_a_name_leaves_the_name_alone() -> None:
    found = texts("About 27,000 people were reached, OCHA spokeswoman Martina Ruiz said on Tuesday.")
    assert "Martina Ruiz" in found
    assert not any(text.endswith("Martina Ruiz") and text != "Martina Ruiz" for text in found)
    assert "President Bill Clinton" in texts("President Bill Clinton spoke in Little Rock on Monday.")


def test_a_person_of_an_organisation_is_two_names() -> None:
    found = texts("Tarek Mansour of the Syrian Arab Red Crescent said the convoy left on Monday.")
    assert "Tarek Mansour" in found
    assert not any(text.startswith("Tarek Mansour of") for text in found)


def test_no_phrase_starts_inside_a_name() -> None:
    found = texts("On Saturday, Army of Islam fighters stormed the town.")
    assert "Army of Islam" in found
    assert "Islam fighters" not in found
