"""HTML pages through trafilatura, offline: the markup is passed in, never a URL to fetch.

The cascade: trafilatura's main extraction, then its recall-oriented mode when that finds nothing,
then the plain-text cleaner over the page's visible text. The standfirst is an element the page marks
as a lead ("standfirst", "dek", "summary" classes) or its meta description, unless either is only the
body's opening paragraph again.
"""

from __future__ import annotations

import re
from typing import Any

import lxml.html
import trafilatura
from lxml.etree import ParserError
from trafilatura.utils import decode_file

from sitrep.extract import lines, text
from sitrep.extract.draft import Draft, NoArticle

# Measured on ../shared/bench/extraction (see tests/extract/test_bench.py): precision mode keeps
# fewer sidebars and loses little body text.
_FAVOR_PRECISION = True
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
_LEAD_CLASS = re.compile(
    r"(?:^|[-_])(?:standfirst|dek|lede|lead|summary|subtitle|sub-?headline|subhead|excerpt|intro|teaser)"
    r"(?:$|[-_])",
    re.I,
)
_LEAD_TAGS = ("p", "div", "h2", "h3", "span", "section", "header")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_SECTIONS = ("section", "article", "header", "footer", "nav", "aside", "main", "figure", "figcaption", "form")
_TEXT_BLOCKS = ("p", "div", "li", "ul", "ol", "dd", "dt", "table", "tr", "td", "th", "br", "hr", "pre")
_BLOCK_TAGS = _HEADINGS + _SECTIONS + _TEXT_BLOCKS + ("blockquote",)
_CHROME_ANCESTORS = {"nav", "aside", "footer", "form"}
_MIN_LEAD_CHARS = 30
_MAX_LEAD_CHARS = 600
_TITLE_SUFFIX = re.compile(r"\s+[|–—:-]\s+")
_ONE_CELL_ROW = re.compile(r"^\|\s*([^|]+?)\s*\|$")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")  # lxml refuses one in a str
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…)$")


def _trafilatura(html: str, url: str | None, *, recall: bool) -> Any:
    return trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_images=False,
        include_links=False,
        favor_precision=_FAVOR_PRECISION and not recall,
        favor_recall=recall,
        date_extraction_params=_DATE_PARAMS,
    )


def _paragraphs(body: str) -> list[str]:
    """trafilatura's text output, one paragraph a line; a one-cell table row (a layout table) is
    unwrapped from its pipes."""
    found = (lines.clean(line) for line in body.split("\n"))
    return [_ONE_CELL_ROW.sub(r"\1", p) for p in found if p]


def _tree(html: str) -> Any:
    try:
        return lxml.html.fromstring(_XML_DECLARATION.sub("", html, count=1))
    except (ParserError, ValueError):
        return None


def _is_lead_element(element: Any) -> bool:
    """An element marked as a lead by its class, id or itemprop, holding only inline text (not a
    container of headline, byline and date), outside navigation, sidebars and footers."""
    names = " ".join(str(element.get(attr) or "") for attr in ("class", "id", "itemprop"))
    if element.tag not in _LEAD_TAGS or not any(_LEAD_CLASS.search(name) for name in names.split()):
        return False
    if any(child.tag in _BLOCK_TAGS for child in element.iterdescendants()):
        return False
    return not any(ancestor.tag in _CHROME_ANCESTORS for ancestor in element.iterancestors())


def marked_lead(tree: Any) -> str:
    """The text of the first element the page marks as a standfirst, or ""."""
    if tree is None:
        return ""
    for element in tree.iter(*_LEAD_TAGS):
        if _is_lead_element(element):
            lead = lines.clean(element.text_content())
            if _MIN_LEAD_CHARS <= len(lead) <= _MAX_LEAD_CHARS:
                return lead
    return ""


def _without_site_name(title: str, sitename: str | None) -> str:
    """ "Clashes in Duma | Daily Levant" -> "Clashes in Duma" when the site's name is known."""
    if not sitename:
        return title
    parts = _TITLE_SUFFIX.split(title)
    kept = [p for p in parts if lines.fingerprint(p) != lines.fingerprint(sitename)]
    return " - ".join(kept) if kept and len(kept) < len(parts) else title


def _opens_with(paragraph: str, summary: str) -> bool:
    """Whether a summary is the paragraph again (perhaps cut short with an ellipsis)."""
    short = lines.fingerprint(_ELLIPSIS.sub("", summary))
    return bool(short) and lines.fingerprint(paragraph).startswith(short)


def _is_summary(text: str, title: str) -> bool:
    """A lead or description that can stand as a standfirst: not chrome, not the headline again."""
    holds_title = bool(title) and lines.fingerprint(title) in lines.fingerprint(text)
    return bool(text) and not lines.is_chrome(text) and not holds_title


def _standfirst(paragraphs: list[str], lead: str, description: str, title: str) -> tuple[str, list[str]]:
    """(standfirst, paragraphs). A marked lead is the standfirst unless it is the body's opening
    sentence-like paragraph; a summary-style lead (no final full stop) leaves the body. A description
    that only repeats the body's opening is no standfirst."""
    lead = lead if _is_summary(lead, title) else ""
    in_body = [p for p in paragraphs if lines.fingerprint(p) == lines.fingerprint(lead)] if lead else []
    if lead and not (in_body and lines.TERMINAL.search(lead)):
        return lead, [p for p in paragraphs if p not in in_body]
    opens_body = any(_opens_with(p, description) for p in paragraphs[:2])
    if _is_summary(description, title) and not opens_body:
        return description, paragraphs
    return "", paragraphs


def _from_visible_text(html: str) -> Draft:
    """The last resort: the page's visible text, one block element a paragraph, through the
    plain-text cleaner."""
    tree = _tree(html)
    if tree is None:
        raise NoArticle("markup that holds no article text")
    for hidden in tree.xpath("//script|//style|//noscript|//template|//head"):
        hidden.drop_tree()
    for element in tree.iter(*_BLOCK_TAGS):
        element.tail = "\n\n" + (element.tail or "")
        element.text = "\n\n" + (element.text or "")
    return text.clean_page(tree.text_content())


def _has_text(result: Any) -> bool:
    return result is not None and bool((result.text or "").strip())


def extract_html(html: str | bytes, url: str | None = None) -> Draft:
    """The article in an HTML page, with title, date (ISO 8601), author, site name and standfirst.
    Bytes are decoded once here (UTF-8, else the encoding trafilatura detects) so that trafilatura
    and lxml read the same text."""
    html = decode_file(html)
    result = _trafilatura(html, url, recall=False)
    if not _has_text(result):
        result = _trafilatura(html, url, recall=True)
    if not _has_text(result):
        return _from_visible_text(html)
    title = _without_site_name(lines.clean(result.title or ""), result.sitename)
    paragraphs = [p for p in _paragraphs(result.text) if lines.fingerprint(p) != lines.fingerprint(title)]
    if not title and len(paragraphs) > 1 and lines.is_title_like(paragraphs[0]):
        title = paragraphs.pop(0)  # a page without title markup that opens with its headline
    paragraphs = text.tidy(paragraphs)
    lead, description = marked_lead(_tree(html)), lines.clean(result.description or "")
    standfirst, paragraphs = _standfirst(paragraphs, lead, description, title)
    if not paragraphs:
        raise NoArticle("markup that holds no article text")
    return Draft(
        title=title,
        standfirst=standfirst,
        paragraphs=paragraphs,
        published=result.date or None,
        byline=result.author or None,
        outlet=result.sitename or None,
    )
