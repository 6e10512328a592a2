"""Running parsed queries against the SQLite store: FTS5 for text, SQL for filters."""

from __future__ import annotations

import sqlite3
from typing import Any

from sitrep.search.query import Node, Query, to_fts5
from sitrep.search.results import (
    HIT_END,
    HIT_START,
    LEAD,
    ORDERS,
    SearchHit,
    SearchPage,
    filter_sql,
    snippet_html,
    snippet_text,
    text_match,
)

# Re-exported: these were first defined here, and the web and the CLI import them from here.
__all__ = ["ORDERS", "SearchHit", "SearchPage", "match_sql", "run", "snippet_html", "snippet_text"]

# bm25 weights for title, standfirst and body: a hit in the headline says more than one in the body.
BM25_WEIGHTS = "10.0, 4.0, 1.0"


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
    """One page of results. Ranking and counting run on the FTS index alone; the articles table and the
    snippets are read only for the page's rows (joining first would read every match's row)."""
    where, params = filter_sql(query)
    fts, negated = _text_match(query)
    if negated is not None:
        where.append("a.rowid NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
        params.append(negated)
    clause = " AND ".join(where) or "1"
    page = [limit, offset]
    if fts is None:
        total = db.execute(f"SELECT COUNT(*) FROM articles a WHERE {clause}", params).fetchone()[0]
        rowids = _rowids(
            db, f"SELECT a.rowid, NULL FROM articles a WHERE {clause} ORDER BY {DATE_ORDER}", params + page
        )
        return SearchPage(total, _hits(db, rowids, None))
    relevance = order == "relevance"
    if where:
        # Filters narrow the matches through the articles table, so join once and rank the survivors.
        source = f"articles_fts JOIN articles a ON a.rowid = articles_fts.rowid WHERE articles_fts MATCH ? AND {clause}"
        total = db.execute(f"SELECT COUNT(*) FROM {source}", [fts, *params]).fetchone()[0]
        sql = (
            f"SELECT a.rowid, {BM25} AS score FROM {source} ORDER BY score, a.rowid"
            if relevance
            else f"SELECT a.rowid, NULL FROM {source} ORDER BY {DATE_ORDER}"
        )
        return SearchPage(total, _hits(db, _rowids(db, sql, [fts, *params, *page]), fts))
    total = db.execute("SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH ?", [fts]).fetchone()[0]
    if relevance:
        sql = f"SELECT rowid, {BM25} AS score FROM articles_fts WHERE articles_fts MATCH ? ORDER BY score, rowid"
    else:
        sql = f"""SELECT a.rowid, NULL FROM articles a
                  WHERE a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?) ORDER BY {DATE_ORDER}"""
    return SearchPage(total, _hits(db, _rowids(db, sql, [fts, *page]), fts))


DATE_ORDER = "a.published DESC, a.id"
BM25 = f"bm25(articles_fts, {BM25_WEIGHTS})"


def _rowids(db: sqlite3.Connection, sql: str, params: list[Any]) -> dict[int, float | None]:
    """A page of (rowid, bm25 or NULL) rows, in order: ranking yields the score, so it is not recomputed."""
    return {row[0]: row[1] for row in db.execute(sql + " LIMIT ? OFFSET ?", params)}


def _hits(db: sqlite3.Connection, ranked: dict[int, float | None], fts: str | None) -> list[SearchHit]:
    """The page's rows in `ranked` order, with bm25 scores and snippets when the query has text."""
    if not ranked:
        return []
    rowids = list(ranked)
    marks = ",".join("?" * len(rowids))
    articles = {
        row[0]: row[1:]
        for row in db.execute(
            f"SELECT a.rowid, a.id, a.title, a.published, {LEAD} FROM articles a WHERE a.rowid IN ({marks})",
            rowids,
        )
    }
    scored = _snippets(db, ranked, fts) if fts is not None else {}
    hits = []
    for rowid in rowids:
        article_id, title, published, lead = articles[rowid]
        score, snippet = scored.get(rowid, (0.0, lead or ""))
        hits.append(SearchHit(article_id, title, snippet or "", round(float(score), 4), published))
    return hits


def _snippets(
    db: sqlite3.Connection, ranked: dict[int, float | None], fts: str
) -> dict[int, tuple[float, str]]:
    """(score, snippet) of the page's rows; bm25 runs here only for rows not ranked by it (date order).

    `+rowid` keeps the page's rowids away from FTS5: given `rowid IN (...)`, it restarts the match once per
    rowid, which for a prefix query means merging every matching term's doclist again, row after row.
    """
    marks = ",".join("?" * len(ranked))
    bm25 = "NULL" if all(score is not None for score in ranked.values()) else BM25
    sql = f"""SELECT rowid, {bm25}, snippet(articles_fts, -1, '{HIT_START}', '{HIT_END}', '…', 24)
              FROM articles_fts WHERE articles_fts MATCH ? AND +rowid IN ({marks})"""
    scored = {}
    for rowid, computed, snippet in db.execute(sql, [fts, *ranked]):
        bm25_score = computed if computed is not None else ranked[rowid]
        scored[rowid] = (-(bm25_score or 0.0), snippet)
    return scored


def _text_match(query: Query) -> tuple[str | None, str | None]:
    """(FTS5 expression to match and rank by, FTS5 expression to exclude)."""
    matched, excluded = text_match(query)
    return _fts5(matched), _fts5(excluded)


def _fts5(node: Node | None) -> str | None:
    return None if node is None else to_fts5(node)
