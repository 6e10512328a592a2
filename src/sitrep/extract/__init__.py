"""Extract: a Document (plain text or HTML) in, an Article out.

The format's extractor (`text.clean_page`, `html.extract_html`) finds title, standfirst, paragraphs,
date and byline; then, whatever the format, the feed record's metadata wins over what was found,
the credits step takes translator and original source out of the body, and the language is detected.
"""

from __future__ import annotations

import re

from sitrep.errors import InputError
from sitrep.extract import credits, dates, html, lines, text
from sitrep.extract.draft import Draft, NoArticle
from sitrep.extract.language import detect_language
from sitrep.records import Article, Document

__all__ = ["extract"]

_FALLBACK_TITLE_WORDS = 12
_FALLBACK_TITLE_CHARS = 100  # for scripts without spaces between words
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[。！？])")


def _draft(document: Document) -> Draft:
    known_title = document.metadata.get("title", "").strip()
    if document.format == "text":
        return text.clean_page(document.content.decode("utf-8"), known_title=known_title)
    if document.format == "html":
        return html.extract_html(document.content, url=document.metadata.get("url"))
    raise NoArticle(f"unsupported format {document.format!r} (expected text or html)")


def title_from_body(paragraphs: list[str]) -> str:
    """A stand-in title for a page that has none: its first sentence, cut to a dozen words."""
    sentence = _SENTENCE_END.split(paragraphs[0], maxsplit=1)[0].rstrip(".。")
    words = sentence.split()
    if len(words) > _FALLBACK_TITLE_WORDS:
        return " ".join(words[:_FALLBACK_TITLE_WORDS]) + " …"
    return sentence if len(sentence) <= _FALLBACK_TITLE_CHARS else sentence[:_FALLBACK_TITLE_CHARS] + "…"


def _published(document: Document, draft: Draft) -> str | None:
    given = document.metadata.get("published", "").strip()
    if given:
        return dates.parse_date(given) or given
    return draft.published


def extract(document: Document) -> Article:
    """The article in `document`; raises InputError naming the document when there is none."""
    try:
        draft = _draft(document)
    except NoArticle as error:
        raise InputError(document.origin, str(error)) from None
    metadata = document.metadata
    title = metadata.get("title", "").strip()
    paragraphs = [
        p for p in draft.paragraphs if not title or lines.fingerprint(p) != lines.fingerprint(title)
    ]
    found = credits.find_credits(paragraphs)
    if not found.paragraphs:
        raise InputError(document.origin, "no article text besides credit lines")
    title = title or draft.title or title_from_body(found.paragraphs)
    article = Article(
        id=document.id,
        url=metadata.get("url") or document.origin,
        title=title,
        standfirst=draft.standfirst,
        paragraphs=found.paragraphs,
        published=_published(document, draft),
        byline=draft.byline,
        outlet=metadata.get("source") or draft.outlet,
        original_source=found.original_source,
        translator=found.translator,
    )
    article.language = detect_language("\n".join([title, article.standfirst, article.body]))
    return article
