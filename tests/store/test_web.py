"""The web app over PostgreSQL answers as over SQLite: the example corpus in both backends (conftest.py), one
app on each, and the JSON API, the pages, the exports and the search facets compared.

Search ranks with bm25 in SQLite and ts_rank in PostgreSQL, and marks snippets with FTS5 or ts_headline:
search results are compared as sets of hits (and, by date, in order); everything else must be equal.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from sitrep.api import Sitrep
from sitrep.errors import InputError
from sitrep.pipeline import Pipeline
from sitrep.records import Analysis
from sitrep.search import parse
from sitrep.web import create_app, queries
from sitrep.web.context import Settings
from tests.store.test_backends import QUERIES, RANKED
from tests.store.test_postgres import drop_connections

Recorded = tuple[Path, dict[str, Analysis | InputError]]


@pytest.fixture(scope="module")
def clients(corpus_url: str, recorded: Recorded) -> Iterator[tuple[TestClient, TestClient]]:
    """A client of the app over the SQLite corpus, and one of the app over the PostgreSQL corpus."""
    _copy_ingest_times(recorded[0], corpus_url)
    with TestClient(create_app(str(recorded[0]))) as sqlite, TestClient(create_app(corpus_url)) as postgres:
        yield sqlite, postgres


def _copy_ingest_times(sqlite_path: Path, postgres_url: str) -> None:
    """Undated articles list newest ingest first, and each backend stored the corpus at its own time (to the
    second): give PostgreSQL SQLite's times, so that only the store differs."""
    with Sitrep(sqlite_path) as sqlite, Sitrep(postgres_url) as postgres:
        times = [(r["ingested"], r["id"]) for r in sqlite.store.execute("SELECT id, ingested FROM articles")]
        with postgres.store.transaction():
            postgres.store.executemany("UPDATE articles SET ingested = ? WHERE id = ?", times)


def _json(client: TestClient, path: str, params: Any = None) -> Any:
    response = client.get(path, params=params)
    assert response.status_code == 200, (path, params, response.text[:300])
    return response.json()


def _same_json(clients: tuple[TestClient, TestClient], path: str, params: Any = None) -> Any:
    sqlite, postgres = clients
    expected = _json(sqlite, path, params)
    assert _json(postgres, path, params) == expected, (path, params)
    return expected


def test_articles_stats_and_every_article_are_the_same(clients: tuple[TestClient, TestClient]) -> None:
    articles = _same_json(clients, "/api/v1/articles", {"limit": 500})["results"]
    assert len(articles) >= 20
    assert _same_json(clients, "/api/v1/articles", {"limit": 5, "offset": 5})["next_offset"] == 10
    _same_json(clients, "/api/v1/stats")
    for article in articles:
        detail = _same_json(clients, f"/api/v1/articles/{article['id']}")
        assert detail["id"] == article["id"]


def _event_filters(clients: tuple[TestClient, TestClient]) -> list[dict[str, Any]]:
    """Filters built from what the corpus holds: its busiest actor and place, types, a month, sorts."""
    actor = _json(clients[0], "/api/v1/actors", {"limit": 1})["results"][0]
    place = _json(clients[0], "/api/v1/places", {"limit": 1})["results"][0]
    return [
        {"limit": 500},
        {"limit": 500, "include_negated": "true", "sort": "oldest"},
        {"type": "ASSAULT", "sort": "confidence"},
        {"type": ["ASSAULT", "COERCE"], "quad_class": "4", "sort": "type"},
        {"actor": actor["name"].upper()},
        {"recipient": actor["id"], "since": "2024-02"},
        {"place": place["name"].lower()},
        {"since": "2024-01-20", "until": "2024-02-05"},
        {"limit": 5, "offset": 5},
    ]


def test_events_with_filters_and_sorts_are_the_same(clients: tuple[TestClient, TestClient]) -> None:
    for params in _event_filters(clients):
        found = _same_json(clients, "/api/v1/events", params)
        assert found["total"] is not None
    assert _json(clients[0], "/api/v1/events", {"type": "ASSAULT"})["total"] > 0


def test_actors_places_and_an_actors_counterparts_are_the_same(
    clients: tuple[TestClient, TestClient],
) -> None:
    actors = _same_json(clients, "/api/v1/actors", {"limit": 500})["results"]
    _same_json(clients, "/api/v1/actors", {"name": "islam"})
    _same_json(clients, "/api/v1/places", {"limit": 500})
    _same_json(clients, "/api/v1/places", {"name": "AS"})
    busiest = _same_json(clients, f"/api/v1/actors/{actors[0]['id']}")
    assert busiest["counterparts"], "the busiest actor acts with others"


def test_timeline_and_network_data_are_the_same(clients: tuple[TestClient, TestClient]) -> None:
    days = _same_json(clients, "/api/v1/timeline")
    assert days["periods"] and days["series"]
    _same_json(clients, "/api/v1/timeline", {"bucket": "month", "type": "ASSAULT"})
    network = _same_json(clients, "/api/v1/network")
    assert network["edges"] and network["nodes"]
    _same_json(clients, "/api/v1/network", {"quad_class": "4", "since": "2024-02"})


def test_event_exports_and_map_data_are_the_same(clients: tuple[TestClient, TestClient]) -> None:
    sqlite, postgres = clients
    geojson = _same_json(clients, "/events.geojson")
    assert geojson["features"]
    csv = sqlite.get("/events.csv", params={"sort": "oldest"})
    assert csv.status_code == 200 and postgres.get("/events.csv", params={"sort": "oldest"}).text == csv.text


@pytest.mark.parametrize("query", QUERIES)
def test_search_finds_the_same_articles(clients: tuple[TestClient, TestClient], query: str) -> None:
    sqlite, postgres = clients
    expected = _json(sqlite, "/api/v1/search", {"q": query, "limit": 100})
    found = _json(postgres, "/api/v1/search", {"q": query, "limit": 100})
    # Scores and snippets differ by design (see the module's docstring): the hits found must not.
    assert found["total"] == expected["total"]
    assert sorted(h["id"] for h in found["results"]) == sorted(h["id"] for h in expected["results"])
    by_date = {"q": query, "order": "date", "limit": 100}
    assert [h["id"] for h in _json(postgres, "/api/v1/search", by_date)["results"]] == [
        h["id"] for h in _json(sqlite, "/api/v1/search", by_date)["results"]
    ]
    if query in RANKED:
        assert found["total"] > 0 and all("<mark>" in h["snippet"] for h in found["results"]), query


@pytest.mark.parametrize("query", QUERIES)
def test_search_facets_are_the_same(corpus_url: str, recorded: Recorded, query: str) -> None:
    with Sitrep(recorded[0]) as sqlite, Sitrep(corpus_url) as postgres:
        expected = queries.facets(sqlite.store, parse(query))
        assert queries.facets(postgres.store, parse(query)) == expected
    assert any(expected.values()), query


# Pages whose HTML holds nothing ranked: over both backends they render the very same markup.
SAME_PAGES = ["/", "/events?sort=oldest", "/timeline", "/actors", "/network", "/map"]


def test_pages_render_the_same_over_both_backends(clients: tuple[TestClient, TestClient]) -> None:
    sqlite, postgres = clients
    articles = _json(sqlite, "/api/v1/articles", {"limit": 500})["results"]
    actors = _json(sqlite, "/api/v1/actors", {"limit": 5})["results"]
    paths = SAME_PAGES + [f"/articles/{a['id']}" for a in articles] + [f"/actors/{a['id']}" for a in actors]
    for path in paths:
        expected = sqlite.get(path)
        assert expected.status_code == 200, path
        assert postgres.get(path).text == expected.text, path


def test_the_search_page_renders_over_postgres(clients: tuple[TestClient, TestClient]) -> None:
    _, postgres = clients
    page = postgres.get("/search", params={"q": '"Army of Islam"'})
    assert page.status_code == 200 and "<mark>" in page.text and 'class="count"' in page.text
    bad = postgres.get("/search", params={"q": "type:NOPE"})
    assert bad.status_code == 200 and "not a PLOVER event type" in bad.text


def test_a_posted_article_is_stored_in_postgres_and_served(postgres_url: str) -> None:
    app = create_app(postgres_url, Settings(postgres_url, token="s3cret"), pipeline=Pipeline([]))
    with TestClient(app) as client:
        posted = client.post(
            "/api/v1/articles",
            json={"text": "Rebels shelled Saqba on Monday.\n\nResidents fled.", "title": "Shelling in Saqba"},
            headers={"Authorization": "Bearer s3cret"},
        )
        assert posted.status_code == 201, posted.text
        article_id = posted.json()["id"]
        assert _json(client, f"/api/v1/articles/{article_id}")["title"] == "Shelling in Saqba"
        assert [h["id"] for h in _json(client, "/api/v1/search", {"q": "saqba"})["results"]] == [article_id]
        assert _json(client, "/api/v1/stats")["articles"] == 1


def test_the_app_reconnects_after_the_server_drops_its_connections(postgres_url: str) -> None:
    with TestClient(create_app(postgres_url, pipeline=Pipeline([]))) as client:
        assert _json(client, "/api/v1/stats")["articles"] == 0
        assert drop_connections(postgres_url) >= 1
        answers = [client.get("/api/v1/stats") for _ in range(3)]
    # The request that meets the dropped connection is told so (503); the next gets a new connection.
    failed = [a for a in answers if a.status_code != 200]
    assert all(a.status_code == 503 and "lost the connection" in a.json()["error"] for a in failed)
    assert answers[-1].status_code == 200 and answers[-1].json()["articles"] == 0
