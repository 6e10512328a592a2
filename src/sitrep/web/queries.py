"""Read-only aggregates the pages and the API need beyond the library API, all SQL in one place.

Event filters reuse the store's own conditions (so the web and the CLI select the same events) and
search facets reuse the search module's matching (so facets count exactly the articles found).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from sitrep.search.query import Query
from sitrep.search.sqlite import match_sql
from sitrep.store import EventRow, Store
from sitrep.store.queries import EventQuery, event_conditions

EVENT_FROM = "events e JOIN articles a ON a.id = e.article_id LEFT JOIN places p ON p.id = e.place_id"
EVENT_DATE = "COALESCE(e.date, a.published)"
# Orders a person can pick on the events page; the values are SQL, the keys are what the URL carries.
EVENT_SORTS = {
    "newest": f"{EVENT_DATE} DESC, e.id",
    "oldest": f"{EVENT_DATE} ASC, e.id",
    "type": f"e.type, {EVENT_DATE} DESC, e.id",
    "confidence": f"e.confidence DESC, {EVENT_DATE} DESC, e.id",
}
COOPERATION, CONFLICT = (1, 2), (3, 4)  # PLOVER quad classes: verbal/material cooperation, then conflict


def event_where(query: EventQuery) -> tuple[str, list[Any]]:
    where, params = event_conditions(query)
    return " AND ".join(where) or "1", params


def count_events(db: sqlite3.Connection, query: EventQuery) -> int:
    where, params = event_where(query)
    return int(db.execute(f"SELECT COUNT(*) FROM {EVENT_FROM} WHERE {where}", params).fetchone()[0])


def list_events(
    store: Store, query: EventQuery, sort: str = "newest", located: bool = False
) -> list[EventRow]:
    """A page of events in the chosen order; `located` keeps only events with a place (for maps)."""
    where, params = event_where(query)
    if located:
        where += " AND e.place_id IS NOT NULL"
    return store.events_where(where, params, order=EVENT_SORTS[sort], limit=query.limit, offset=query.offset)


@dataclass(frozen=True)
class PeriodCount:
    period: str  # YYYY-MM-DD or YYYY-MM
    type: str
    events: int


def events_by_period(db: sqlite3.Connection, query: EventQuery, width: int = 10) -> list[PeriodCount]:
    """Events per day (width 10) or month (width 7) and type; events dated less precisely are left out."""
    where, params = event_where(query)
    period = f"substr({EVENT_DATE}, 1, {int(width)})"
    rows = db.execute(
        f"""SELECT {period} AS period, e.type, COUNT(*) FROM {EVENT_FROM}
            WHERE {where} AND length({period}) = {int(width)} GROUP BY period, e.type ORDER BY period, e.type""",
        params,
    ).fetchall()
    return [PeriodCount(r[0], r[1], r[2]) for r in rows]


def events_by_type(db: sqlite3.Connection) -> list[tuple[str, int]]:
    rows = db.execute(
        "SELECT type, COUNT(*) AS n FROM events WHERE negated = 0 GROUP BY type ORDER BY n DESC, type"
    ).fetchall()
    return [(r[0], r[1]) for r in rows]


@dataclass(frozen=True)
class Edge:
    """Events in which `source` acted on `target`, split by PLOVER quad class."""

    source: str
    target: str
    events: int
    cooperation: int
    conflict: int

    @property
    def tone(self) -> str:
        if self.cooperation > self.conflict:
            return "cooperation"
        if self.conflict > self.cooperation:
            return "conflict"
        return "mixed"


_PAIRS = f"""{EVENT_FROM}
    JOIN event_actors src ON src.event_id = e.id AND src.role = 'actor'
    JOIN event_actors dst ON dst.event_id = e.id AND dst.role = 'recipient'"""
_TONES = f"""SUM(e.quad_class IN {COOPERATION}) AS cooperation, SUM(e.quad_class IN {CONFLICT}) AS conflict"""


def network_edges(db: sqlite3.Connection, query: EventQuery, limit: int = 200) -> list[Edge]:
    """The heaviest actor -> recipient edges among the events the query selects."""
    where, params = event_where(query)
    rows = db.execute(
        f"""SELECT src.actor_id, dst.actor_id, COUNT(DISTINCT e.id) AS n, {_TONES} FROM {_PAIRS}
            WHERE {where} AND src.actor_id != dst.actor_id
            GROUP BY src.actor_id, dst.actor_id ORDER BY n DESC, src.actor_id, dst.actor_id LIMIT ?""",
        [*params, limit],
    ).fetchall()
    return [Edge(r[0], r[1], r[2], r[3], r[4]) for r in rows]


@dataclass(frozen=True)
class Counterpart:
    actor_id: str
    as_actor: int  # events in which the page's actor acted on this one
    as_recipient: int  # events in which this one acted on the page's actor
    cooperation: int
    conflict: int


def counterparts(db: sqlite3.Connection, actor_id: str, limit: int = 50) -> list[Counterpart]:
    rows = db.execute(
        f"""SELECT CASE WHEN src.actor_id = :id THEN dst.actor_id ELSE src.actor_id END AS other,
                   SUM(src.actor_id = :id) AS as_actor, SUM(dst.actor_id = :id) AS as_recipient, {_TONES}
            FROM {_PAIRS}
            WHERE (src.actor_id = :id OR dst.actor_id = :id) AND src.actor_id != dst.actor_id AND e.negated = 0
            GROUP BY other ORDER BY COUNT(*) DESC, other LIMIT :limit""",
        {"id": actor_id, "limit": limit},
    ).fetchall()
    return [Counterpart(*r) for r in rows]


@dataclass(frozen=True)
class LinkedSpan:
    """A span of the body resolved to an actor or a place (the reader links it to that record)."""

    start: int
    end: int
    kind: str  # "actor" or "place"
    target_id: str
    name: str


def linked_spans(db: sqlite3.Connection, article_id: str) -> list[LinkedSpan]:
    rows = db.execute(
        """SELECT m.start, m."end", 'actor', m.actor_id, a.name FROM actor_mentions m
               JOIN actors a ON a.id = m.actor_id WHERE m.article_id = :id
           UNION ALL
           SELECT m.start, m."end", 'place', m.place_id, p.name FROM place_mentions m
               JOIN places p ON p.id = m.place_id WHERE m.article_id = :id""",
        {"id": article_id},
    ).fetchall()
    return [LinkedSpan(*r) for r in rows]


@dataclass(frozen=True)
class ArticleSummary:
    id: str
    title: str
    published: str | None
    outlet: str | None
    url: str
    language: str | None


def count_articles(db: sqlite3.Connection) -> int:
    return int(db.execute("SELECT COUNT(*) FROM articles").fetchone()[0])


def latest_articles(db: sqlite3.Connection, limit: int = 10, offset: int = 0) -> list[ArticleSummary]:
    rows = db.execute(
        """SELECT id, title, published, COALESCE(original_source, outlet), url, language FROM articles
           ORDER BY published DESC, ingested DESC, id LIMIT ? OFFSET ?""",
        (limit, offset),
    ).fetchall()
    return [ArticleSummary(*r) for r in rows]


@dataclass(frozen=True)
class FacetValue:
    field: str  # the search filter this value adds: type, actor, place, source, since
    value: str
    label: str
    articles: int


def _matching_ids(query: Query) -> tuple[str, list[Any]]:
    """SQL selecting the ids and rowids of every article the query finds, as `sitrep.search` finds them.

    Both are in the index on ids, so adding the rowid leaves the query plan, and the sample, as they were.
    """
    source, where, params, _ = match_sql(query)
    return f"SELECT a.id, a.rowid FROM {source} WHERE {where}", params


# One query per facet over the matched articles `m` (and `ma`, their source and month, read once); each
# keeps its `size` most useful values. Each joins from `m`, seeking the rows of its few ids, rather than
# testing `IN m` (a temporary index built per facet).
_FACET_SQL = {
    "type": """SELECT e.type, e.type, COUNT(DISTINCT e.article_id) AS n FROM m CROSS JOIN events e ON e.article_id = m.id
               WHERE e.negated = 0 GROUP BY e.type""",
    "actor": """SELECT am.actor_id, ac.name, COUNT(DISTINCT am.article_id) AS n
                FROM m CROSS JOIN actor_mentions am ON am.article_id = m.id JOIN actors ac ON ac.id = am.actor_id
                GROUP BY am.actor_id""",
    "place": """SELECT p.name, p.name, COUNT(DISTINCT pm.article_id) AS n
                FROM m CROSS JOIN place_mentions pm ON pm.article_id = m.id JOIN places p ON p.id = pm.place_id
                GROUP BY p.name""",
    "source": "SELECT s, s, COUNT(*) AS n FROM ma WHERE s IS NOT NULL AND s != '' GROUP BY s",
    "since": "SELECT mo, mo, COUNT(*) AS n FROM ma WHERE length(mo) = 7 GROUP BY mo",
}
# Months read best in time order; the other facets by how many articles they cover.
_FACET_ORDER = {"since": "1 DESC"}


FACET_SAMPLE = 500  # facets count within this many matches, so a broad query stays fast


def facets(db: sqlite3.Connection, query: Query, size: int = 8) -> dict[str, list[FacetValue]]:
    """For each filter, the values most common among the articles found, with article counts.

    Counts cover the first FACET_SAMPLE matching articles (all of them when fewer match). All facets come
    from one statement, so the text match runs once (a materialised CTE), not once per facet.
    """
    ids, params = _matching_ids(query)
    parts = [
        f"SELECT '{field}' AS field, * FROM ({sql} ORDER BY {_FACET_ORDER.get(field, 'n DESC, 2')} LIMIT {int(size)})"
        for field, sql in _FACET_SQL.items()
    ]
    sample = (
        f"WITH m(id, r) AS MATERIALIZED ({ids} LIMIT {FACET_SAMPLE}), "
        "ma(s, mo) AS MATERIALIZED (SELECT COALESCE(a.original_source, a.outlet), substr(a.published, 1, 7) "
        "FROM m CROSS JOIN articles a ON a.rowid = m.r) "
    )
    rows = db.execute(sample + " UNION ALL ".join(parts), params).fetchall()
    result: dict[str, list[FacetValue]] = {field: [] for field in _FACET_SQL}
    for field, value, label, articles in rows:
        result[field].append(FacetValue(field, value, label, articles))
    return result
