"""Typed records that flow between the pipeline stages.

Each stage reads some of these and produces others:
ingest -> Document -> extract -> Article -> nlp/actors/geo/events/keywords -> Analysis -> store.
Records are plain dataclasses so that every stage can be used and tested alone.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


def content_hash(data: bytes) -> str:
    """The content hash that identifies a document (hex SHA-256)."""
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Document:
    """Raw input as it arrived, before any interpretation.

    `format` is "text" (plain text, possibly a scraped page with its chrome) or "html" (decoded
    from gzip if need be). `metadata` carries fields a source supplied alongside the content (JSONL
    `url`, `title`, `published`, `source`).
    """

    origin: str
    content: bytes
    format: str
    fetched: datetime
    metadata: dict[str, str] = field(default_factory=dict)

    @property
    def hash(self) -> str:
        return content_hash(self.content)

    @property
    def id(self) -> str:
        """Stable article id: a prefix of the content hash (the same text is the same article)."""
        return self.hash[:16]


@dataclass
class Article:
    """The article extracted from a document, with the page chrome removed."""

    id: str
    url: str
    title: str
    standfirst: str = ""
    paragraphs: list[str] = field(default_factory=list)
    published: str | None = None  # ISO 8601 date or datetime, as precise as the source says
    byline: str | None = None
    language: str | None = None
    outlet: str | None = None
    original_source: str | None = None
    translator: str | None = None
    keywords: list[str] = field(default_factory=list)

    @property
    def body(self) -> str:
        """The body text; every character offset in Mention, Event and PlaceMention refers to it."""
        return "\n\n".join(self.paragraphs)


@dataclass(frozen=True)
class Mention:
    """A named-entity mention: a character span of the article body."""

    start: int
    end: int
    label: str
    text: str


@dataclass
class Actor:
    """A canonical political actor; `kind` is a PLOVER sector code (REB, GOV, MIL, JUD, CVL, ...)."""

    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    kind: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-3, as CAMEO uses
    code: str | None = None  # CAMEO-style actor code, e.g. SYRREB


@dataclass(frozen=True)
class ActorMention:
    """A span of the body resolved to a canonical actor (names, aliases, "the organization")."""

    start: int
    end: int
    text: str
    actor_id: str


@dataclass(frozen=True)
class Place:
    """A gazetteer entry; `feature` is a kind such as city, admin1, admin2, country, region."""

    id: str
    name: str
    lat: float
    lon: float
    country: str | None = None  # ISO 3166-1 alpha-2
    admin1: str | None = None
    feature: str | None = None
    population: int = 0


@dataclass(frozen=True)
class PlaceMention:
    """A toponym in the body and the place it was resolved to."""

    start: int
    end: int
    text: str
    place: Place


@dataclass
class Event:
    """A political event coded in PLOVER, with its CAMEO code where known.

    `actors` and `recipients` hold actor ids; `sentence_start`/`sentence_end` index the body.
    """

    type: str
    actors: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    mode: str | None = None
    context: str | None = None
    cameo: str | None = None
    quad_class: int | None = None
    place: Place | None = None
    place_precision: int | None = None  # as ACLED: 1 town, 2 district, 3 region or country
    date: str | None = None
    date_precision: str | None = None
    sentence: str = ""
    sentence_start: int = 0
    sentence_end: int = 0
    trigger: str = ""
    negated: bool = False
    alleged: bool = False
    hypothetical: bool = False
    confidence: float = 0.5
    fatalities: int | None = None
    fatalities_lower_bound: bool = False  # the text gives a minimum ("killing at least twelve")
    article_id: str | None = None


@dataclass(frozen=True)
class Keyword:
    text: str
    score: float


@dataclass
class Analysis:
    """Everything the pipeline knows about one article; each stage reads it and adds to it,
    as spaCy components do with a Doc."""

    article: Article
    doc: Any = None  # the spaCy Doc over article.body
    entities: list[Mention] = field(default_factory=list)
    actor_mentions: list[ActorMention] = field(default_factory=list)
    actors: dict[str, Actor] = field(default_factory=dict)
    places: list[PlaceMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    keywords: list[Keyword] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
