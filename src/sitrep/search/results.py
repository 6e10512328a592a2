"""What every search backend shares: hits and pages, snippet rendering, and the filters as SQL."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from sitrep.search.query import Node, Not, Query
from sitrep.store.base import SQLITE, Dialect

# Highlight delimiters inside snippets: control characters never found in stored text, so that any
# rendering (HTML, terminal) can escape the text first and mark the hits after.
HIT_START, HIT_END = "\x02", "\x03"
ORDERS = ("relevance", "date")
# The lead shown for an article found by filters alone: its standfirst, or the start of its body.
LEAD = "substr(CASE WHEN a.standfirst != '' THEN a.standfirst ELSE a.body END, 1, 200)"


@dataclass(frozen=True)
class SearchHit:
    id: str
    title: str
    snippet: str  # with HIT_START / HIT_END around hits; see snippet_html / snippet_text
    score: float
    published: str | None


@dataclass(frozen=True)
class SearchPage:
    total: int
    hits: list[SearchHit]


def snippet_html(snippet: str) -> str:
    """Escaped HTML with <mark> around hits: safe to insert into a page."""
    return html.escape(snippet).replace(HIT_START, "<mark>").replace(HIT_END, "</mark>")


def snippet_text(snippet: str, start: str = "«", end: str = "»") -> str:
    return snippet.replace(HIT_START, start).replace(HIT_END, end)


def text_match(query: Query) -> tuple[Node | None, Node | None]:
    """(text to match and rank by, text to exclude); a lone NOT has only the second."""
    if query.text is None:
        return None, None
    if isinstance(query.text, Not):
        return None, query.text.part
    return query.text, None


def filter_sql(query: Query, dialect: Dialect = SQLITE) -> tuple[list[str], list[Any]]:
    """SQL conditions on articles `a` for the query's filters (values of one filter are alternatives)."""
    where: list[str] = []
    params: list[Any] = []
    actors = query.values("actor")
    types = query.values("type")
    if types:
        # With actor: too, the event itself must involve the actor ("actor:ISIS type:RETREAT").
        marks = ",".join("?" * len(types))
        condition = f"e.type IN ({marks}) AND e.negated = 0"
        params += types
        if actors:
            condition += f" AND EXISTS (SELECT 1 FROM event_actors ea WHERE ea.event_id = e.id AND {_actor_match('ea', actors, dialect)})"
            params += _actor_params(actors)
        where.append(f"a.id IN (SELECT e.article_id FROM events e WHERE {condition})")
    elif actors:
        where.append(
            f"a.id IN (SELECT m.article_id FROM actor_mentions m WHERE {_actor_match('m', actors, dialect)})"
        )
        params += _actor_params(actors)
    for place in query.values("place"):
        # The places are looked up once, not joined to every mention the text comparison has to scan.
        where.append(
            f"""a.id IN (SELECT pm.article_id FROM place_mentions pm
                        WHERE pm.place_id IN (SELECT p.id FROM places p WHERE p.id = ? OR {dialect.ci_equals("p.name")})
                           OR {dialect.ci_equals("pm.text")})"""
        )
        params += [place, place, place]
    sources = query.values("source")
    if sources:
        one = " OR ".join(dialect.ci_like(column) for column in ("a.outlet", "a.original_source", "a.url"))
        where.append("(" + " OR ".join(f"({one})" for _ in sources) + ")")
        params += [f"%{s}%" for s in sources for _ in range(3)]
    langs = query.values("lang")
    if langs:
        where.append(f"a.language IN ({','.join('?' * len(langs))})")
        params += langs
    for since in query.values("since"):
        where.append(f"substr(a.published, 1, {len(since)}) >= ?")
        params.append(since)
    for until in query.values("until"):
        where.append(f"substr(a.published, 1, {len(until)}) <= ?")
        params.append(until)
    return where, params


def _actor_match(alias: str, names: list[str], dialect: Dialect) -> str:
    """An actor given by id, canonical name or any alias, case-insensitively."""
    one = (
        f"({alias}.actor_id = ? OR {alias}.actor_id IN "
        f"(SELECT actor_id FROM actor_aliases WHERE {dialect.ci_equals('alias')}))"
    )
    return "(" + " OR ".join(one for _ in names) + ")"


def _actor_params(names: list[str]) -> list[str]:
    return [value for name in names for value in (name, name)]
