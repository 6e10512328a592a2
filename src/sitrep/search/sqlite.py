"""Running parsed queries against the SQLite store: FTS5 for text, SQL for filters."""

from __future__ import annotations

import html
import sqlite3
from dataclasses import dataclass
from typing import Any

from sitrep.search.query import Not, Query, to_fts5

# Highlight delimiters inside snippets: control characters never found in stored text, so that any
# rendering (HTML, terminal) can escape the text first and mark the hits after.
HIT_START, HIT_END = "\x02", "\x03"
# bm25 weights for title, standfirst and body: a hit in the headline says more than one in the body.
BM25_WEIGHTS = "10.0, 4.0, 1.0"
ORDERS = ("relevance", "date")


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


def match_sql(query: Query) -> tuple[str, str, list[Any], bool]:
    """(FROM source, WHERE clause, parameters, ranked) selecting the articles `a` a query finds.

    `ranked` says the source includes `articles_fts` matched by the query, so bm25 and snippets apply.
    """
    where, params = filter_sql(query)
    fts, negated = _text_match(query)
    if fts is not None:
        where.append("articles_fts MATCH ?")
        params.append(fts)
    if negated is not None:
        where.append("a.rowid NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
        params.append(negated)
    ranked = fts is not None
    source = "articles_fts JOIN articles a ON a.rowid = articles_fts.rowid" if ranked else "articles a"
    return source, " AND ".join(where) or "1", params, ranked


def run(
    db: sqlite3.Connection, query: Query, order: str = "relevance", limit: int = 20, offset: int = 0
) -> SearchPage:
    source, clause, params, ranked = match_sql(query)
    total = db.execute(f"SELECT COUNT(*) FROM {source} WHERE {clause}", params).fetchone()[0]
    score = f"-bm25(articles_fts, {BM25_WEIGHTS})" if ranked else "0.0"
    snippet = (
        f"snippet(articles_fts, -1, '{HIT_START}', '{HIT_END}', '…', 24)"
        if ranked
        else "substr(CASE WHEN a.standfirst != '' THEN a.standfirst ELSE a.body END, 1, 200)"
    )
    sort = "score DESC, a.published DESC" if ranked and order == "relevance" else "a.published DESC, a.id"
    rows = db.execute(
        f"""SELECT a.id, a.title, a.published, {score} AS score, {snippet} AS snippet
            FROM {source} WHERE {clause} ORDER BY {sort} LIMIT ? OFFSET ?""",
        [*params, limit, offset],
    ).fetchall()
    hits = [SearchHit(r[0], r[1], r[4] or "", round(float(r[3]), 4), r[2]) for r in rows]
    return SearchPage(total=total, hits=hits)


def _text_match(query: Query) -> tuple[str | None, str | None]:
    """(expression to match and rank by, expression to exclude); a lone NOT has only the second."""
    if query.text is None:
        return None, None
    if isinstance(query.text, Not):
        return None, to_fts5(query.text.part)
    return to_fts5(query.text), None


def filter_sql(query: Query) -> tuple[list[str], list[Any]]:
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
            condition += f" AND EXISTS (SELECT 1 FROM event_actors ea WHERE ea.event_id = e.id AND {_actor_match('ea', actors)})"
            params += _actor_params(actors)
        where.append(f"a.id IN (SELECT e.article_id FROM events e WHERE {condition})")
    elif actors:
        where.append(f"a.id IN (SELECT m.article_id FROM actor_mentions m WHERE {_actor_match('m', actors)})")
        params += _actor_params(actors)
    for place in query.values("place"):
        where.append(
            """a.id IN (SELECT pm.article_id FROM place_mentions pm JOIN places p ON p.id = pm.place_id
                        WHERE p.id = ? OR p.name = ? COLLATE NOCASE OR pm.text = ? COLLATE NOCASE)"""
        )
        params += [place, place, place]
    sources = query.values("source")
    if sources:
        where.append(
            "("
            + " OR ".join("(a.outlet LIKE ? OR a.original_source LIKE ? OR a.url LIKE ?)" for _ in sources)
            + ")"
        )
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


def _actor_match(alias: str, names: list[str]) -> str:
    """An actor given by id, canonical name or any alias, case-insensitively."""
    one = (
        f"({alias}.actor_id = ? OR {alias}.actor_id IN "
        "(SELECT actor_id FROM actor_aliases WHERE alias = ? COLLATE NOCASE))"
    )
    return "(" + " OR ".join(one for _ in names) + ")"


def _actor_params(names: list[str]) -> list[str]:
    return [value for name in names for value in (name, name)]
