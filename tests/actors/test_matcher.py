"""The phrase matcher: longest match, case rules, punctuation boundaries."""

from __future__ import annotations

from sitrep.actors.matcher import PhraseMatcher


def _matcher(*phrases: str, caseless: bool = False) -> PhraseMatcher[str]:
    matcher: PhraseMatcher[str] = PhraseMatcher()
    for phrase in phrases:
        matcher.add(phrase, phrase, caseless=caseless)
    return matcher


def _found(matcher: PhraseMatcher[str], text: str) -> list[tuple[str, str]]:
    return [(m.text, m.value) for m in matcher.find(text)]


def test_longest_match_wins() -> None:
    matcher = _matcher("Islamic State", "Islamic State of Iraq and Syria", "Syria")
    text = "The Islamic State of Iraq and Syria (ISIS) left Syria."
    assert _found(matcher, text) == [
        ("Islamic State of Iraq and Syria", "Islamic State of Iraq and Syria"),
        ("Syria", "Syria"),
    ]


def test_acronyms_need_capitals() -> None:
    matcher = _matcher("IS", "US")
    assert _found(matcher, "It is what the US said about IS.") == [("US", "US"), ("IS", "IS")]


def test_capitalised_words_need_capitals_but_small_words_do_not() -> None:
    matcher = _matcher("Army of Islam")
    assert _found(matcher, "the Army Of Islam") == [("Army Of Islam", "Army of Islam")]
    assert _found(matcher, "an army of islam") == []


def test_apostrophes_hyphens_and_dots_are_normalised() -> None:
    matcher = _matcher("Jabhat al-Nusra", "U.N.", "Ghouta")
    text = "Jabhat al Nusra and the UN met in Ghouta’s east."
    assert _found(matcher, text) == [
        ("Jabhat al Nusra", "Jabhat al-Nusra"),
        ("UN", "U.N."),
        ("Ghouta", "Ghouta"),
    ]


def test_no_match_across_punctuation_or_inside_a_word() -> None:
    matcher = _matcher("Syria Iraq", "Sha")
    assert _found(matcher, "Syria, Iraq and Jaysh al-Sha'bi") == []


def test_caseless_phrases_need_a_capitalised_first_word() -> None:
    matcher = _matcher("FREE SYRIAN ARMY", "US", caseless=True)
    assert _found(matcher, "the Free Syrian Army told us") == [("Free Syrian Army", "FREE SYRIAN ARMY")]
    assert _found(matcher, "a free syrian army") == []


def test_names_before_hyphens_only_in_compounds_of_control() -> None:
    matcher = _matcher("Saudi", "Iranian")
    assert _found(matcher, "the Saudi-led coalition and Iranian-backed militias") == [("Saudi", "Saudi")]
