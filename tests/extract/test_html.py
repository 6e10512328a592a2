"""HTML pages through trafilatura, offline."""

from __future__ import annotations

import pytest
from lxml import html

from sitrep.extract.draft import NoArticle
from sitrep.extract.html import extract_html, marked_lead

PARAGRAPHS = [
    "Heavy clashes broke out on Saturday between two rebel factions in Duma, east of Damascus, "
    "after a dispute over a checkpoint on the road to Misraba.",
    "Two car bombs exploded near the main market in the afternoon, killing at least twelve people, "
    "according to the Syrian Observatory for Human Rights.",
    "The Army of Islam blamed the Islamic State for the bombings and said it had arrested three men.",
]


def html_page(*, lead: str = "", description: str = "", extra_head: str = "", body_top: str = "") -> str:
    paragraphs = "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    description_tag = f'<meta name="description" content="{description}">' if description else ""
    lead_tag = f'<p class="article__standfirst">{lead}</p>' if lead else ""
    return f"""<!DOCTYPE html><html lang="en"><head>
<title>Clashes and Car Bombs in Duma | Daily Levant</title>
{description_tag}
<meta property="og:site_name" content="Daily Levant">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2014-05-03T10:00:00Z">
{extra_head}
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/search">Search</a></li></ul></nav></header>
<main><article>
<p class="kicker">Syria</p>
<h1>Clashes and Car Bombs in Duma</h1>
{lead_tag}
{body_top}
{paragraphs}
<p>Translated by The Levant Desk</p>
<div class="share">Share this</div>
</article>
<aside><h3>Most read</h3><ul><li><a href="/a">Ceasefire talks stall in Geneva as both sides trade blame</a></li>
<li><a href="/b">Aid convoy reaches besieged town for the first time since November</a></li></ul></aside>
</main>
<footer><p>© 2014 Daily Levant. All rights reserved.</p><p><a href="/privacy">Privacy</a></p></footer>
</body></html>"""


def test_article_with_nav_sidebar_footer_and_meta_tags() -> None:
    draft = extract_html(html_page(lead="Fighting between rebel factions flared again in the besieged town"))
    assert draft.title == "Clashes and Car Bombs in Duma"
    assert draft.standfirst == "Fighting between rebel factions flared again in the besieged town"
    assert draft.paragraphs == [*PARAGRAPHS, "Translated by The Levant Desk"]
    assert draft.published == "2014-05-03"
    assert draft.byline == "Jane Doe"
    assert draft.outlet == "Daily Levant"


def test_meta_description_is_the_standfirst_when_it_is_not_the_opening() -> None:
    draft = extract_html(html_page(description="Rebel infighting and two car bombs shake Duma"))
    assert draft.standfirst == "Rebel infighting and two car bombs shake Duma"
    assert draft.paragraphs[0] == PARAGRAPHS[0]


def test_description_that_repeats_the_opening_is_no_standfirst() -> None:
    draft = extract_html(html_page(description=PARAGRAPHS[0][:80] + "..."))
    assert draft.standfirst == ""
    assert draft.paragraphs[0] == PARAGRAPHS[0]


def test_sentence_lead_that_opens_the_body_stays_in_the_body() -> None:
    draft = extract_html(html_page(lead=PARAGRAPHS[0]).replace(f"<p>{PARAGRAPHS[0]}</p>", ""))
    assert draft.standfirst == ""
    assert draft.paragraphs[0] == PARAGRAPHS[0]


def test_dateline_and_credit_lines_at_the_top_leave_the_body() -> None:
    draft = extract_html(html_page(body_top="<p>Jane Doe | Beirut | Saturday, 3 May 2014</p>"))
    assert draft.paragraphs[0] == PARAGRAPHS[0]


def test_bytes_in_with_a_declared_charset() -> None:
    page = html_page().replace("<head>", '<head><meta charset="utf-8">').replace("Misraba", "Mişraba")
    draft = extract_html(page.encode("utf-8"))
    assert "Mişraba" in draft.paragraphs[0]


def test_marked_lead_ignores_navigation() -> None:
    tree = html.fromstring(
        '<html><body><nav><p class="summary">A summary of the site that nobody reads at all</p></nav>'
        '<p class="dek">The summary of the story that everybody reads first</p></body></html>'
    )
    assert marked_lead(tree) == "The summary of the story that everybody reads first"


@pytest.mark.parametrize(
    "markup",
    [
        "<html><head><title>Nothing</title></head><body></body></html>",
        "<html><body><nav><a href='/'>Home</a> <a href='/s'>Search</a></nav></body></html>",
        "\x00\x01\x02 not markup at all \xff",
    ],
)
def test_markup_without_content_has_no_article(markup: str) -> None:
    with pytest.raises(NoArticle):
        extract_html(markup)


def test_cookie_notice_description_is_no_standfirst() -> None:
    draft = extract_html(html_page(description="We use cookies to improve your experience on our website."))
    assert draft.standfirst == ""


def test_container_marked_as_summary_is_no_lead() -> None:
    tree = html.fromstring(
        '<html><body><div class="article-summary"><h1>Clashes in Duma</h1><p>By Jane Doe, 3 May 2014</p>'
        "</div></body></html>"
    )
    assert marked_lead(tree) == ""


def test_xhtml_with_an_xml_declaration() -> None:
    page = '<?xml version="1.0" encoding="utf-8"?>\n' + html_page(
        lead="Rebel infighting shakes the town of Duma"
    )
    assert extract_html(page).standfirst == "Rebel infighting shakes the town of Duma"


def test_markup_without_paragraph_tags_falls_back_to_the_visible_text() -> None:
    draft = extract_html(PARAGRAPHS[0])
    assert draft.paragraphs == [PARAGRAPHS[0]]


def test_layout_table_cells_lose_their_pipes() -> None:
    rows = "".join(f"<tr><td>{p}</td></tr>" for p in PARAGRAPHS)
    draft = extract_html(f"<html><body><table>{rows}</table></body></html>")
    assert draft.paragraphs == PARAGRAPHS


def test_page_without_title_markup_opens_with_its_headline() -> None:
    draft = extract_html(
        f"<html><body><pre>Clashes in Duma Kill Twelve\n\n{PARAGRAPHS[0]}</pre></body></html>"
    )
    assert draft.title == "Clashes in Duma Kill Twelve"
    assert draft.paragraphs == [PARAGRAPHS[0]]
