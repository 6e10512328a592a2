"""Search facets against a plain recount: every matching article's events, actors, places, source, month."""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from sitrep.search import parse
from sitrep.search.sqlite import run
from sitrep.store import Store
from sitrep.web import queries


def _recount(
    db: sqlite3.Connection, article_ids: list[str], size: int = 8
) -> dict[str, list[tuple[str, str, int]]]:
    """The facets of these articles, counted one article at a time in Python."""
    counts: dict[str, Counter[tuple[str, str]]] = {
        f: Counter() for f in ("type", "actor", "place", "source", "since")
    }
    for article_id in article_ids:
        one = {"id": article_id}
        values = {
            "type": db.execute("SELECT type, type FROM events WHERE article_id = :id AND negated = 0", one),
            "actor": db.execute(
                "SELECT m.actor_id, a.name FROM actor_mentions m JOIN actors a ON a.id = m.actor_id "
                "WHERE m.article_id = :id",
                one,
            ),
            "place": db.execute(
                "SELECT p.name, p.name FROM place_mentions m JOIN places p ON p.id = m.place_id "
                "WHERE m.article_id = :id",
                one,
            ),
        }
        for field, rows in values.items():
            counts[field].update(set(rows.fetchall()))
        original, outlet, published = db.execute(
            "SELECT original_source, outlet, published FROM articles WHERE id = :id", one
        ).fetchone()
        source = original if original is not None else outlet
        if source:
            counts["source"][(source, source)] += 1
        if published and len(published[:7]) == 7:
            counts["since"][(published[:7], published[:7])] += 1
    result = {}
    for field, counter in counts.items():
        ranked = sorted(counter.items(), key=lambda item: (-item[1], item[0][1]))
        if field == "since":
            ranked = sorted(counter.items(), reverse=True)
        result[field] = [(value, label, n) for (value, label), n in ranked[:size]]
    return result


@pytest.mark.parametrize("query", ["ISIS", "Duma OR Harasta", "actor:isis", "type:ASSAULT", "NOT Harasta"])
def test_facets_count_what_a_plain_recount_finds(web_db: tuple[Path, dict[str, str]], query: str) -> None:
    db = sqlite3.connect(web_db[0])
    found = [hit.id for hit in run(db, parse(query), limit=1000).hits]
    expected = _recount(db, found)
    store = Store(web_db[0])
    facets = queries.facets(store, parse(query))
    store.close()
    assert found and any(expected.values())
    assert {f: [(v.value, v.label, v.articles) for v in values] for f, values in facets.items()} == expected
