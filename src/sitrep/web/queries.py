"""Read-only aggregates the pages and the API need beyond the library API, all SQL in one place.

Event filters reuse the store's own conditions (so the web and the CLI select the same events) and
search facets reuse the search module's matching (so facets count exactly the articles found).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sitrep.search.query import Query
from sitrep.store import EventRow, Store
from sitrep.store.queries import EventQuery, event_conditions

EVENT_FROM = "events e JOIN articles a ON a.id = e.article_id LEFT JOIN places p ON p.id = e.place_id"
EVENT_DATE = "COALESCE(e.date, a.published)"
# Orders a person can pick on the events page; the values are SQL, the keys are what the URL carries.
# Undated events come last when newest first and first when oldest first, as SQLite puts NULLs and
# PostgreSQL does only when told.
EVENT_SORTS = {
    "newest": f"{EVENT_DATE} DESC NULLS LAST, e.id",
    "oldest": f"{EVENT_DATE} ASC NULLS FIRST, e.id",
    "type": f"e.type, {EVENT_DATE} DESC NULLS LAST, e.id",
    "confidence": f"e.confidence DESC, {EVENT_DATE} DESC NULLS LAST, e.id",
}
COOPERATION, CONFLICT = (1, 2), (3, 4)  # PLOVER quad classes: verbal/material cooperation, then conflict


def event_where(store: Store, query: EventQuery) -> tuple[str, list[Any]]:
    where, params = event_conditions(query, store.dialect)
    return " AND ".join(where) or "TRUE", params


def count_events(store: Store, query: EventQuery) -> int:
    where, params = event_where(store, query)
    row = store.one(f"SELECT COUNT(*) AS n FROM {EVENT_FROM} WHERE {where}", params)
    return int(row["n"]) if row else 0


def list_events(
    store: Store, query: EventQuery, sort: str = "newest", located: bool = False
) -> list[EventRow]:
    """A page of events in the chosen order; `located` keeps only events with a place (for maps)."""
    where, params = event_where(store, query)
    if located:
        where += " AND e.place_id IS NOT NULL"
    return store.events_where(where, params, order=EVENT_SORTS[sort], limit=query.limit, offset=query.offset)


@dataclass(frozen=True)
class PeriodCount:
    period: str  # YYYY-MM-DD or YYYY-MM
    type: str
    events: int


def events_by_period(store: Store, query: EventQuery, width: int = 10) -> list[PeriodCount]:
    """Events per day (width 10) or month (width 7) and type; events dated less precisely are left out."""
    where, params = event_where(store, query)
    period = f"substr({EVENT_DATE}, 1, {int(width)})"
    rows = store.execute(
        f"""SELECT {period} AS period, e.type AS type, COUNT(*) AS n FROM {EVENT_FROM}
            WHERE {where} AND length({period}) = {int(width)} GROUP BY period, e.type ORDER BY period, e.type""",
        params,
    )
    return [PeriodCount(r["period"], r["type"], r["n"]) for r in rows]


def events_by_type(store: Store) -> list[tuple[str, int]]:
    rows = store.execute(
        "SELECT type, COUNT(*) AS n FROM events WHERE negated = 0 GROUP BY type ORDER BY n DESC, type"
    )
    return [(r["type"], r["n"]) for r in rows]


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
# FILTER, not SUM of a comparison: PostgreSQL does not add booleans, and an event without a quad class
# counts as neither (0, where SUM gave NULL when every event of a pair lacked one).
_TONES = f"""COUNT(*) FILTER (WHERE e.quad_class IN {COOPERATION}) AS cooperation,
             COUNT(*) FILTER (WHERE e.quad_class IN {CONFLICT}) AS conflict"""


def network_edges(store: Store, query: EventQuery, limit: int = 200) -> list[Edge]:
    """The heaviest actor -> recipient edges among the events the query selects."""
    where, params = event_where(store, query)
    rows = store.execute(
        f"""SELECT src.actor_id AS source, dst.actor_id AS target, COUNT(DISTINCT e.id) AS n, {_TONES}
            FROM {_PAIRS} WHERE {where} AND src.actor_id != dst.actor_id
            GROUP BY src.actor_id, dst.actor_id ORDER BY n DESC, src.actor_id, dst.actor_id LIMIT ?""",
        [*params, limit],
    )
    return [Edge(r["source"], r["target"], r["n"], r["cooperation"], r["conflict"]) for r in rows]


@dataclass(frozen=True)
class Counterpart:
    actor_id: str
    as_actor: int  # events in which the page's actor acted on this one
    as_recipient: int  # events in which this one acted on the page's actor
    cooperation: int
    conflict: int


def counterparts(store: Store, actor_id: str, limit: int = 50) -> list[Counterpart]:
    rows = store.execute(
        f"""SELECT CASE WHEN src.actor_id = ? THEN dst.actor_id ELSE src.actor_id END AS other,
                   COUNT(*) FILTER (WHERE src.actor_id = ?) AS as_actor,
                   COUNT(*) FILTER (WHERE dst.actor_id = ?) AS as_recipient, {_TONES}
            FROM {_PAIRS}
            WHERE (src.actor_id = ? OR dst.actor_id = ?) AND src.actor_id != dst.actor_id AND e.negated = 0
            GROUP BY other ORDER BY COUNT(*) DESC, other LIMIT ?""",
        [*[actor_id] * 5, limit],
    )
    return [
        Counterpart(r["other"], r["as_actor"], r["as_recipient"], r["cooperation"], r["conflict"])
        for r in rows
    ]


@dataclass(frozen=True)
class LinkedSpan:
    """A span of the body resolved to an actor or a place (the reader links it to that record)."""

    start: int
    end: int
    kind: str  # "actor" or "place"
    target_id: str
    name: str


def linked_spans(store: Store, article_id: str) -> list[LinkedSpan]:
    rows = store.execute(
        """SELECT m.start, m."end", 'actor' AS kind, m.actor_id AS target, a.name FROM actor_mentions m
               JOIN actors a ON a.id = m.actor_id WHERE m.article_id = ?
           UNION ALL
           SELECT m.start, m."end", 'place', m.place_id, p.name FROM place_mentions m
               JOIN places p ON p.id = m.place_id WHERE m.article_id = ?""",
        [article_id, article_id],
    )
    return [LinkedSpan(r["start"], r["end"], r["kind"], r["target"], r["name"]) for r in rows]


@dataclass(frozen=True)
class ArticleSummary:
    id: str
    title: str
    published: str | None
    outlet: str | None
    url: str
    language: str | None


def latest_articles(store: Store, limit: int = 10, offset: int = 0) -> list[ArticleSummary]:
    rows = store.execute(
        """SELECT id, title, published, COALESCE(original_source, outlet) AS source, url, language
           FROM articles ORDER BY published DESC NULLS LAST, ingested DESC, id LIMIT ? OFFSET ?""",
        (limit, offset),
    )
    return [
        ArticleSummary(r["id"], r["title"], r["published"], r["source"], r["url"], r["language"])
        for r in rows
    ]


@dataclass(frozen=True)
class FacetValue:
    field: str  # the search filter this value adds: type, actor, place, source, since
    value: str
    label: str
    articles: int


# One query per facet over the matched articles `m` (and `ma`, their source and month, read once); each
# keeps its `size` most useful values. Each joins from `m`, seeking the rows of its few ids, rather than
# testing `IN m` (a temporary index built per facet). `{join}` is the dialect's join in written order.
_FACET_SQL = {
    "type": """SELECT e.type AS value, e.type AS label, COUNT(DISTINCT e.article_id) AS n
               FROM m {join} events e ON e.article_id = m.id WHERE e.negated = 0 GROUP BY e.type""",
    "actor": """SELECT am.actor_id AS value, ac.name AS label, COUNT(DISTINCT am.article_id) AS n
                FROM m {join} actor_mentions am ON am.article_id = m.id JOIN actors ac ON ac.id = am.actor_id
                GROUP BY am.actor_id, ac.name""",
    "place": """SELECT p.name AS value, p.name AS label, COUNT(DISTINCT pm.article_id) AS n
                FROM m {join} place_mentions pm ON pm.article_id = m.id JOIN places p ON p.id = pm.place_id
                GROUP BY p.name""",
    "source": "SELECT s AS value, s AS label, COUNT(*) AS n FROM ma WHERE s IS NOT NULL AND s != '' GROUP BY s",
    "since": "SELECT mo AS value, mo AS label, COUNT(*) AS n FROM ma WHERE length(mo) = 7 GROUP BY mo",
}
# Months read best in time order; the other facets by how many articles they cover.
_FACET_ORDER = {"since": "value DESC"}


FACET_SAMPLE = 500  # facets count within this many matches, so a broad query stays fast


def facets(store: Store, query: Query, size: int = 8) -> dict[str, list[FacetValue]]:
    """For each filter, the values most common among the articles found, with article counts.

    Counts cover the first FACET_SAMPLE matching articles (all of them when fewer match). All facets come
    from one statement, so the text match runs once (a materialised CTE), not once per facet.
    """
    ids, params = store.matching_sql(query)
    join, key = store.dialect.ordered_join, store.dialect.row_key
    parts = [
        f"SELECT '{field}' AS field, f.* FROM ({sql.format(join=join)} "
        f"ORDER BY {_FACET_ORDER.get(field, 'n DESC, label')} LIMIT {int(size)}) f"
        for field, sql in _FACET_SQL.items()
    ]
    sample = (
        f"WITH m(id, r) AS MATERIALIZED ({ids} LIMIT {FACET_SAMPLE}), "
        "ma(s, mo) AS MATERIALIZED (SELECT COALESCE(a.original_source, a.outlet), substr(a.published, 1, 7) "
        f"FROM m {join} articles a ON a.{key} = m.r) "
    )
    result: dict[str, list[FacetValue]] = {field: [] for field in _FACET_SQL}
    for r in store.execute(sample + " UNION ALL ".join(parts), params):
        result[r["field"]].append(FacetValue(r["field"], r["value"], r["label"], r["n"]))
    return result
