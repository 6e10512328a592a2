"""Request parameters shared by the pages and the API, validated once with one-line messages.

HTML forms send empty strings for fields left blank, so every filter treats blank as absent.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated
from urllib.parse import urlencode

from fastapi import Query

from sitrep.errors import QueryError
from sitrep.search.query import DATE, PLOVER_TYPES
from sitrep.store.queries import EventQuery
from sitrep.web.queries import EVENT_SORTS

PAGE_SIZE = 50
MAX_LIMIT = 500
QUAD_CLASSES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


@dataclass(frozen=True)
class EventFilters:
    """The event filters as the URL carries them (so pages can rebuild links for export and paging)."""

    type: tuple[str, ...] = ()
    actor: str = ""
    recipient: str = ""
    place: str = ""
    since: str = ""
    until: str = ""
    quad_class: str = ""
    mode: str = ""
    article: str = ""
    include_negated: bool = False

    def query(self, limit: int = PAGE_SIZE, offset: int = 0) -> EventQuery:
        return EventQuery(
            type=self.type, mode=self.mode or None, actor=self.actor or None,
            recipient=self.recipient or None, place=self.place or None, since=self.since or None,
            until=self.until or None, article=self.article or None,
            quad_class=int(self.quad_class) if self.quad_class else None,
            include_negated=self.include_negated, limit=limit, offset=offset,
        )  # fmt: skip

    def params(self) -> list[tuple[str, str]]:
        """The filters that are set, as URL parameters in a stable order."""
        pairs = [("type", t) for t in self.type]
        for name in ("actor", "recipient", "place", "since", "until", "quad_class", "mode", "article"):
            if value := getattr(self, name):
                pairs.append((name, value))
        if self.include_negated:
            pairs.append(("include_negated", "true"))
        return pairs

    def url(self, path: str, **extra: str | int) -> str:
        pairs = self.params() + [(k, str(v)) for k, v in extra.items()]
        return f"{path}?{urlencode(pairs)}" if pairs else path


def event_filters(
    type: Annotated[list[str] | None, Query(description="PLOVER event types (repeat for several)")] = None,
    actor: Annotated[str | None, Query(description="actor id, canonical name or alias")] = None,
    recipient: Annotated[str | None, Query(description="recipient id, canonical name or alias")] = None,
    place: Annotated[str | None, Query(description="place id or name")] = None,
    since: Annotated[str | None, Query(description="YYYY, YYYY-MM or YYYY-MM-DD")] = None,
    until: Annotated[str | None, Query(description="YYYY, YYYY-MM or YYYY-MM-DD")] = None,
    quad_class: Annotated[str | None, Query(description="1-2 cooperation, 3-4 conflict")] = None,
    mode: Annotated[str | None, Query(description="PLOVER mode")] = None,
    article: Annotated[str | None, Query(description="article id")] = None,
    include_negated: Annotated[bool, Query(description="include negated events")] = False,
) -> EventFilters:
    """FastAPI dependency: the event filters of a request; raises QueryError on a malformed value."""
    types = tuple(t.strip().upper() for t in type or () if t.strip())
    unknown = [t for t in types if t not in PLOVER_TYPES]
    if unknown:
        raise QueryError(f"type {unknown[0]} is not a PLOVER event type; types are {', '.join(PLOVER_TYPES)}")
    for name, value in (("since", since), ("until", until)):
        if value and value.strip() and not DATE.match(value.strip()):
            raise QueryError(f"{name}={value} is not a date as YYYY, YYYY-MM or YYYY-MM-DD")
    quad = (quad_class or "").strip()
    if quad and quad not in {str(q) for q in QUAD_CLASSES}:
        raise QueryError(f"quad_class={quad} is not one of 1, 2, 3, 4")
    return EventFilters(
        type=types, actor=_clean(actor), recipient=_clean(recipient), place=_clean(place),
        since=_clean(since), until=_clean(until), quad_class=quad, mode=_clean(mode),
        article=_clean(article), include_negated=include_negated,
    )  # fmt: skip


def event_sort(
    sort: Annotated[str, Query(description=f"one of {', '.join(EVENT_SORTS)}")] = "newest",
) -> str:
    if sort not in EVENT_SORTS:
        raise QueryError(f"sort={sort} is not one of {', '.join(EVENT_SORTS)}")
    return sort


def _clean(value: str | None) -> str:
    return (value or "").strip()


def filter_term(field: str, value: str) -> str | None:
    """A search filter such as `actor:"Army of Islam"`; None when the value cannot be written as one."""
    if '"' in value or "," in value:  # a comma separates alternatives even inside quotes
        return None
    needs_quotes = any(ch.isspace() or ch in "()" for ch in value)
    return f'{field}:"{value}"' if needs_quotes else f"{field}:{value}"


def phrase_query(text: str) -> str:
    """A search query that finds `text` as a phrase (links from keywords and entity names)."""
    return '"' + text.replace('"', " ").strip() + '"'
