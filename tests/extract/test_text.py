"""The plain-text page cleaner on synthetic pages with different chrome, and on the seed page."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.extract.draft import NoArticle
from sitrep.extract.text import Kind, Unit, classify, clean_page, locate_body, units

NBSP = "\u00a0"

BODY = [
    "Government forces shelled the northern districts of Harasta on Monday, killing four civilians and "
    "wounding a dozen others, according to the local council.",
    "The shelling came a day after rebels attacked an army checkpoint on the Damascus-Homs highway. "
    "Two soldiers were killed in that attack, state media said.",
    "Residents said many families had fled towards Douma during the night.",
]


def page(*parts: str) -> str:
    return "\n".join(parts)


def test_seed_like_page_with_other_chrome() -> None:
    text = page(
        "Cedar Line Logo",
        "Menu",
        "Search",
        "----",
        "",
        "Army Shells Harasta After Checkpoint Attack",
        "",
        "Four civilians were killed as government forces hit the town's northern districts",
        "Army Shells Harasta After Checkpoint Attack",
        "",
        BODY[0],
        NBSP,
        BODY[1],
        NBSP,
        BODY[2],
        "",
        "Translated by the Cedar Line desk",
        "",
        "* * *",
        "Related articles",
        "Rebels Attack Checkpoint on Highway",
        "Tags: Harasta, shelling, Damascus",
        "Share this",
    )
    draft = clean_page(text)
    assert draft.title == "Army Shells Harasta After Checkpoint Attack"
    assert (
        draft.standfirst
        == "Four civilians were killed as government forces hit the town's northern districts"
    )
    assert draft.paragraphs == [*BODY, "Translated by the Cedar Line desk"]


def test_menu_date_byline_and_footer_without_standfirst() -> None:
    text = page(
        "THE DAILY LEVANT",
        "Home | World | Middle East | Opinion | Contact",
        "",
        "Monday, 3 March 2024",
        "By Jane Doe, Reuters",
        "",
        "Army Shells Harasta After Checkpoint Attack",
        "",
        *BODY,
        "",
        "© 2024 The Daily Levant. All rights reserved.",
    )
    draft = clean_page(text)
    assert draft.title == "Army Shells Harasta After Checkpoint Attack"
    assert draft.standfirst == ""
    assert draft.paragraphs == BODY
    assert draft.published == "2024-03-03"
    assert draft.byline == "Jane Doe, Reuters"


def test_credit_lines_above_the_body_reach_the_credits_step() -> None:
    text = page("Army Shells Harasta", "By Jane Doe", "Translated by Omar al-Khatib", "", *BODY)
    assert clean_page(text).paragraphs == [*BODY, "Translated by Omar al-Khatib"]


def test_byline_and_date_on_one_line_below_the_headline() -> None:
    text = page(
        "Army Shells Harasta After Checkpoint Attack", "By Jane Doe | 3 March 2024 10:32 GMT", "", *BODY
    )
    draft = clean_page(text)
    assert (draft.byline, draft.published) == ("Jane Doe", "2024-03-03T10:32Z")
    assert draft.paragraphs == BODY


def test_page_without_chrome() -> None:
    draft = clean_page(page("Army Shells Harasta After Checkpoint Attack", "", "\n\n".join(BODY)))
    assert draft.title == "Army Shells Harasta After Checkpoint Attack"
    assert draft.paragraphs == BODY


def test_one_paragraph_page() -> None:
    draft = clean_page(page("Search", "", "Harasta Shelled", "", BODY[0]))
    assert draft.title == "Harasta Shelled"
    assert draft.paragraphs == [BODY[0]]


def test_page_of_only_chrome_has_no_article() -> None:
    with pytest.raises(NoArticle):
        clean_page(page("Logo Wide", "Search", "Menu", "......", "Home | News | Contact", "Helpful keywords"))


def test_empty_page_has_no_article() -> None:
    with pytest.raises(NoArticle):
        clean_page(f"\n{NBSP}\n  \n")


def test_page_without_headline_leaves_the_title_empty() -> None:
    draft = clean_page("\n\n".join(BODY))
    assert draft.title == ""
    assert draft.paragraphs == BODY


@pytest.mark.parametrize("headline", ["Who Controls Harasta Now?", "Army shells Harasta."])
def test_headline_with_final_punctuation_above_the_body(headline: str) -> None:
    draft = clean_page(page(headline, "", *BODY))
    assert draft.title == headline
    assert draft.paragraphs == BODY


def test_hard_wrapped_paragraphs_are_joined() -> None:
    wrapped = page(
        "Army Shells Harasta After Checkpoint Attack",
        "",
        "Government forces shelled the northern districts of Harasta on Monday,",
        "killing four civilians and wounding a dozen others, according to the",
        "local council. The shelling came a day after rebels attacked an army",
        "checkpoint on the highway.",
        "",
        "Residents said many families had fled towards Douma during the night.",
    )
    draft = clean_page(wrapped)
    assert draft.paragraphs[0].startswith("Government forces shelled")
    assert draft.paragraphs[0].endswith("checkpoint on the highway.")
    assert len(draft.paragraphs) == 2


def test_chrome_glued_to_the_last_sentence_is_cut_off() -> None:
    for tail in ("Related articles", "Share this", "Helpful keywords"):
        draft = clean_page(page("Army Shells Harasta", "", BODY[0], "", BODY[2] + tail))
        assert draft.paragraphs[-1] == BODY[2]
        assert units(BODY[2] + " " + tail)[-1] == tail


def test_a_standfirst_with_a_full_stop_before_the_byline() -> None:
    text = page(
        "Army Shells Harasta After Checkpoint Attack",
        "",
        "Four civilians were killed as government forces hit the town's northern districts.",
        "",
        "By Jane Doe",
        "",
        *BODY,
    )
    draft = clean_page(text)
    assert draft.standfirst.startswith("Four civilians were killed")
    assert draft.paragraphs == BODY
    assert draft.byline == "Jane Doe"


def test_known_title_is_not_looked_for_and_its_repeat_is_dropped() -> None:
    text = page("Army Shells Harasta After Checkpoint Attack", "", *BODY)
    draft = clean_page(text, known_title="Army shells Harasta after checkpoint attack")
    assert draft.title == "Army shells Harasta after checkpoint attack"
    assert draft.paragraphs == BODY


def test_known_title_leaves_a_clean_body_whole() -> None:
    draft = clean_page("\n".join(BODY), known_title="Harasta shelled")
    assert draft.paragraphs == BODY
    assert draft.standfirst == ""


def test_subheads_inside_the_body_stay_and_chrome_inside_it_goes() -> None:
    text = page("Army Shells Harasta", "", BODY[0], "Advertisement", BODY[1], "A town emptied", BODY[2])
    assert clean_page(text).paragraphs == [BODY[0], BODY[1], "A town emptied", BODY[2]]


def test_french_page_with_french_chrome() -> None:
    text = page(
        "Accueil",
        "Rechercher",
        "",
        "L'armée bombarde Harasta",
        "",
        "Les forces gouvernementales ont bombardé lundi les quartiers nord de Harasta, tuant quatre civils.",
        "Des familles ont fui vers Douma pendant la nuit, selon des habitants.",
        "Partager",
    )
    draft = clean_page(text)
    assert draft.title == "L'armée bombarde Harasta"
    assert len(draft.paragraphs) == 2


def test_arabic_page_with_arabic_chrome() -> None:
    text = page(
        "الرئيسية",
        "بحث",
        "",
        "انسحاب تنظيم الدولة من الغوطة الشرقية",
        "",
        "انسحب تنظيم الدولة الإسلامية من مواقع في الغوطة الشرقية قرب دمشق بحسب مصادر محلية.",
        "",
        "وقالت المصادر إن الانسحاب جاء بعد بيان الهيئة القضائية الموحدة.",
    )
    draft = clean_page(text)
    assert draft.title == "انسحاب تنظيم الدولة من الغوطة الشرقية"
    assert len(draft.paragraphs) == 2


def test_chinese_page_counts_characters_as_words() -> None:
    first = "叙利亚政府军周一炮击了哈拉斯塔北部地区，造成四名平民死亡，十多人受伤。"
    second = "军方表示，此次行动是对叛军袭击检查站的回应。"
    draft = clean_page(page("哈拉斯塔遭炮击", "", first, "", second))
    assert draft.title == "哈拉斯塔遭炮击"
    assert draft.paragraphs == [first, second]


def test_classify() -> None:
    assert classify("......") is Kind.SEPARATOR
    assert classify("Logo Wide") is Kind.CHROME
    assert classify("Translated and edited by The Syrian Observer") is Kind.CREDIT
    assert classify("By Jane Doe") is Kind.BYLINE
    assert classify("Karim Nassar | Beirut | Sunday, 11 February 2024") is Kind.DATE
    assert classify("ISIS Negotiates With Rebels in Eastern Ghouta") is Kind.TITLE
    assert classify(BODY[2]) is Kind.PROSE


def test_body_is_the_run_with_the_most_prose() -> None:
    cookie = "We use cookies to give you the best experience on our website, as our policy explains."
    found = units(page(cookie, "", "Search", "", "Army Shells Harasta", "", *BODY, "", "Share this"))

    start, end = locate_body([Unit(u, classify(u)) for u in found])
    assert found[start:end] == BODY


def test_seed_page(seed_path: Path) -> None:
    draft = clean_page(seed_path.read_text(encoding="utf-8"))
    assert draft.title == "ISIS Negotiates With Rebels in Eastern Ghouta"
    assert draft.standfirst.startswith(
        "ISIS has retreated slightly in Eastern Ghouta in response to a statement"
    )
    body = "\n\n".join(draft.paragraphs)
    assert body.startswith("The Islamic State of Iraq and Syria (ISIS) has been shown")
    for chrome in ("Logo Wide", "Helpful keywords", "......", draft.title):
        assert chrome not in body
    assert draft.paragraphs[-1] == "Translated and edited by The Syrian Observer"
    assert draft.paragraphs[-2].endswith("Hezbollah mercenaries.")
