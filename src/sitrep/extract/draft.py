"""What a format's extractor hands back before metadata, credits and language are applied."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Draft:
    """The article as one extractor found it; empty fields mean "not found"."""

    title: str = ""
    standfirst: str = ""
    paragraphs: list[str] = field(default_factory=list)
    published: str | None = None
    byline: str | None = None
    outlet: str | None = None


class NoArticle(Exception):
    """The input holds no article text; the message says what was found instead."""
