"""The public entry point: a Document in, an Article out, metadata first, errors that name the input."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from sitrep.errors import InputError
from sitrep.extract import extract, title_from_body
from sitrep.records import Document

BODY = (
    "Government forces shelled the northern districts of Harasta on Monday, killing four civilians, "
    "local sources told Enab Baladi.\n\n"
    "Residents said many families had fled towards Douma during the night."
)


def document(text: str, fmt: str = "text", **metadata: str) -> Document:
    return Document("page.txt", text.encode("utf-8"), fmt, datetime(2024, 3, 4, tzinfo=UTC), metadata)


def test_text_document() -> None:
    doc = document(f"Search\n\nArmy Shells Harasta\n\nBy Jane Doe\n\n{BODY}\n\nTranslated by The Levant Desk")
    article = extract(doc)
    assert article.id == doc.id
    assert article.url == "page.txt"
    assert article.title == "Army Shells Harasta"
    assert article.byline == "Jane Doe"
    assert article.body == BODY
    assert article.translator == "The Levant Desk"
    assert article.original_source == "Enab Baladi"
    assert article.language == "en"


def test_metadata_wins() -> None:
    doc = document(
        f"Army shells Harasta\n\n{BODY}",
        url="https://example.org/harasta",
        title="Army shells Harasta",
        published="Mon, 04 Mar 2024 09:30:00 GMT",
        source="Levant Dispatch",
    )
    article = extract(doc)
    assert article.url == "https://example.org/harasta"
    assert article.title == "Army shells Harasta"
    assert article.body == BODY
    assert article.published == "2024-03-04T09:30:00Z"
    assert article.outlet == "Levant Dispatch"


def test_feed_body_first_line_is_not_the_headline_when_a_title_is_given() -> None:
    first = "Government forces shelled the northern districts of Harasta on Monday"
    article = extract(document(f"{first}\n{BODY}", title="Harasta shelled"))
    assert article.title == "Harasta shelled"
    assert first not in article.title


def test_unparsable_published_metadata_is_kept_as_given() -> None:
    assert extract(document(BODY, published="spring 2014")).published == "spring 2014"


def test_page_without_headline_gets_its_first_sentence_as_title() -> None:
    article = extract(document(BODY))
    assert article.title.startswith("Government forces shelled the northern districts")
    assert article.title.endswith("…")
    assert title_from_body(["Rebels withdrew. Then they came back."]) == "Rebels withdrew"
    assert title_from_body(["军方表示。此次行动是对叛军袭击检查站的回应。"]) == "军方表示"
    assert len(title_from_body(["军" * 300])) == 101


def test_html_document() -> None:
    page = (
        "<html><head><title>Harasta shelled</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<article><h1>Harasta shelled</h1>{''.join(f'<p>{p}</p>' for p in BODY.split(chr(10) * 2))}"
        "</article></body></html>"
    )
    article = extract(document(page, fmt="html"))
    assert article.title == "Harasta shelled"
    assert article.body == BODY


def test_french_article_gets_its_language() -> None:
    text = (
        "L'armée bombarde Harasta\n\nLes forces gouvernementales ont bombardé lundi les quartiers nord de "
        "Harasta, tuant quatre civils, selon des sources locales.\n\nDes familles ont fui vers Douma."
    )
    assert extract(document(text)).language == "fr"


def test_arabic_article_gets_its_language() -> None:
    text = "قصف الجيش أحياء حرستا الشمالية يوم الاثنين مما أدى إلى مقتل أربعة مدنيين بحسب مصادر محلية."
    assert extract(document(text)).language == "ar"


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ("", "text"),
        ("Logo Wide\nSearch\n......\nHelpful keywords", "text"),
        ("Translated and edited by The Syrian Observer", "text"),
        ("<html><body><nav>Home</nav></body></html>", "html"),
        (BODY, "pdf"),
    ],
)
def test_no_article_is_an_input_error_naming_the_input(text: str, fmt: str) -> None:
    with pytest.raises(InputError) as error:
        extract(document(text, fmt=fmt))
    assert error.value.origin == "page.txt"
    assert error.value.problem


def test_seed_page(seed_path: Path) -> None:
    doc = Document(str(seed_path), seed_path.read_bytes(), "text", datetime(2024, 3, 4, tzinfo=UTC))
    article = extract(doc)
    assert article.title == "ISIS Negotiates With Rebels in Eastern Ghouta"
    assert article.standfirst == (
        "ISIS has retreated slightly in Eastern Ghouta in response to a statement made by "
        "Ghouta’s Unified Judicial Body"
    )
    assert article.body.startswith("The Islamic State of Iraq and Syria (ISIS) has been shown")
    assert article.body.endswith("Hezbollah mercenaries.")
    for chrome in ("Logo Wide", "Helpful keywords", "......", "ISIS Negotiates With Rebels", "Translated"):
        assert chrome not in article.body
    assert article.translator == "The Syrian Observer"
    assert article.original_source == "Zaman al-Wasl"
    assert article.language == "en"
