"""Writing through the web: an article posted as text, HTML or a URL becomes a Document to ingest.

The body mirrors a line of a JSONL feed (`text` or `html`, with `url`, `title`, `published`, `source`);
a `url` alone is fetched. Fetching is a parameter of the app, so tests never touch the network.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from pydantic import BaseModel, Field, model_validator

from sitrep.ingest.urls import fetch_page
from sitrep.records import Document, content_hash

# Fetch a URL: returns the content and its Document format ("html" or "text").
Fetch = Callable[[str], tuple[bytes, str]]


class ArticleIn(BaseModel):
    """An article to ingest: `text` or `html`, or a `url` alone to fetch."""

    text: str | None = Field(None, description="plain text of the page or article")
    html: str | None = Field(None, description="HTML of the page")
    url: str | None = Field(None, description="where the article lives; fetched when neither text nor html")
    title: str | None = None
    published: str | None = Field(None, description="ISO 8601 date")
    source: str | None = Field(None, description="outlet name")

    @model_validator(mode="after")
    def _one_content(self) -> ArticleIn:
        given = [name for name in ("text", "html") if (getattr(self, name) or "").strip()]
        if len(given) > 1:
            raise ValueError("give text or html, not both")
        if not given and not self.url:
            raise ValueError("give text, html or a url to fetch")
        return self


def fetch_url(url: str) -> tuple[bytes, str]:
    """GET a page as the CLI does (timeout, size cap, charset); a feed is refused, being many articles."""
    return fetch_page(url)


def document_from(article: ArticleIn, fetch: Fetch) -> Document:
    if (article.text or "").strip():
        content, fmt = (article.text or "").encode("utf-8"), "text"
    elif (article.html or "").strip():
        content, fmt = (article.html or "").encode("utf-8"), "html"
    else:
        content, fmt = fetch(article.url or "")
    fields = {
        "url": article.url,
        "title": article.title,
        "published": article.published,
        "source": article.source,
    }
    metadata = {key: value for key, value in fields.items() if value}
    return Document(
        origin=article.url or f"api:{content_hash(content)[:16]}",
        content=content,
        format=fmt,
        fetched=datetime.now(UTC),
        metadata=metadata,
    )
