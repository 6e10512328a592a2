"""Listing queries over the store: events with filters, actors and places with counts, and totals."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sitrep.records import Actor, Place
from sitrep.store.base import SQLITE, Dialect, EventRow, Store, actor_from_row, place_from_row


@dataclass(frozen=True)
class EventQuery:
    """Filters for listing events; names match an actor's id, canonical name or any alias."""

    type: tuple[str, ...] = ()
    mode: str | None = None
    quad_class: int | None = None
    actor: str | None = None
    recipient: str | None = None
    place: str | None = None
    since: str | None = None
    until: str | None = None
    article: str | None = None
    include_negated: bool = False
    limit: int = 100
    offset: int = 0


@dataclass(frozen=True)
class ActorSummary:
    actor: Actor
    articles: int
    events: int


@dataclass(frozen=True)
class PlaceSummary:
    place: Place
    articles: int
    events: int


def _actor_role(dialect: Dialect) -> str:
    # The actor's events are found through the actor index (a list built once), not by asking every event
    # in turn whether the actor is in it.
    return f"""e.id IN (SELECT ea.event_id FROM event_actors ea WHERE ea.role = ? AND (ea.actor_id = ?
               OR ea.actor_id IN (SELECT actor_id FROM actor_aliases WHERE {dialect.ci_equals("alias")})))"""


def events(store: Store, query: EventQuery) -> list[EventRow]:
    where, params = event_conditions(query, store.dialect)
    return store.events_where(
        " AND ".join(where) or "TRUE",
        params,
        # Undated events last in either backend (PostgreSQL would put NULL first when descending).
        order="COALESCE(e.date, a.published) DESC NULLS LAST, e.id",
        limit=query.limit,
        offset=query.offset,
    )


def event_conditions(query: EventQuery, dialect: Dialect = SQLITE) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if query.type:
        where.append(f"e.type IN ({','.join('?' * len(query.type))})")
        params += [t.upper() for t in query.type]
    if query.mode:
        where.append("e.mode = ?")
        params.append(query.mode)
    if query.quad_class is not None:
        where.append("e.quad_class = ?")
        params.append(query.quad_class)
    for role, name in (("actor", query.actor), ("recipient", query.recipient)):
        if name:
            where.append(_actor_role(dialect))
            params += [role, name, name]
    if query.place:
        where.append(f"(p.id = ? OR {dialect.ci_equals('p.name')})")
        params += [query.place, query.place]
    if query.since:
        where.append(f"substr(COALESCE(e.date, a.published), 1, {len(query.since)}) >= ?")
        params.append(query.since)
    if query.until:
        where.append(f"substr(COALESCE(e.date, a.published), 1, {len(query.until)}) <= ?")
        params.append(query.until)
    if query.article:
        where.append("e.article_id = ?")
        params.append(query.article)
    if not query.include_negated:
        where.append("e.negated = 0")
    return where, params


def actors(store: Store, name: str | None = None, limit: int = 100, offset: int = 0) -> list[ActorSummary]:
    """Actors by activity; `name` matches a substring of the name or any alias."""
    rows = _by_activity(
        store,
        "actors a",
        articles="SELECT COUNT(DISTINCT article_id) FROM actor_mentions m WHERE m.actor_id = a.id",
        events="SELECT COUNT(DISTINCT event_id) FROM event_actors ea WHERE ea.actor_id = a.id",
        match=f"a.id IN (SELECT actor_id FROM actor_aliases WHERE {store.dialect.ci_like('alias')})"
        if name
        else None,
        name=name,
        page=(limit, offset),
    )
    aliases = {a.id: a.aliases for a in store.actors_by_ids([r["id"] for r in rows])}
    return [
        ActorSummary(actor_from_row(r, aliases.get(r["id"], [])), r["n_articles"], r["n_events"])
        for r in rows
    ]


def places(store: Store, name: str | None = None, limit: int = 100, offset: int = 0) -> list[PlaceSummary]:
    """Places by activity; `name` matches a substring of the place name."""
    rows = _by_activity(
        store,
        "places a",
        articles="SELECT COUNT(DISTINCT article_id) FROM place_mentions m WHERE m.place_id = a.id",
        # CAST: PostgreSQL sums counts as numeric.
        events="SELECT CAST(COALESCE(SUM(n), 0) AS INTEGER) FROM events_per_place pe WHERE pe.place_id = a.id",
        match=store.dialect.ci_like("a.name") if name else None,
        name=name,
        page=(limit, offset),
        # events.place_id has no index: count every place's events in one pass, not one scan per place.
        prelude="""WITH events_per_place(place_id, n) AS MATERIALIZED
                   (SELECT place_id, COUNT(*) FROM events WHERE place_id IS NOT NULL GROUP BY place_id)""",
    )
    return [PlaceSummary(place_from_row(r), r["n_articles"], r["n_events"]) for r in rows]


def _by_activity(
    store: Store,
    table: str,
    articles: str,
    events: str,
    match: str | None,
    name: str | None,
    page: tuple[int, int],
    prelude: str = "",
) -> list[Any]:
    """Rows of `table` (aliased `a`) with their article and event counts, most active first; `prelude`
    holds common table expressions the counts use."""
    params: list[Any] = [f"%{name}%"] if match else []
    return list(
        store.execute(
            f"""{prelude} SELECT a.*, ({articles}) AS n_articles, ({events}) AS n_events
                FROM {table} WHERE {match or "TRUE"}
                ORDER BY n_events DESC, n_articles DESC, a.name LIMIT ? OFFSET ?""",
            [*params, *page],
        )
    )


def stats(store: Store) -> dict[str, int]:
    return {
        "articles": store.count("articles"),
        "events": store.count("events"),
        "actors": store.count("actors"),
        "places": store.count("places"),
        "keywords": store.count("keywords"),
        "entities": store.count("entities"),
    }
