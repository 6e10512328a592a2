"""The JSON API: shapes, filters, paging, errors, OpenAPI, and token-guarded writes."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sitrep.pipeline import Pipeline
from sitrep.store import Store
from sitrep.web import create_app
from sitrep.web.context import Settings
from tests.store.test_sqlite import make


def test_articles_are_paged_with_next_offset(client: TestClient) -> None:
    first = client.get("/api/v1/articles", params={"limit": 2}).json()
    assert first["total"] == 3 and first["next_offset"] == 2 and len(first["results"]) == 2
    rest = client.get("/api/v1/articles", params={"limit": 2, "offset": 2}).json()
    assert rest["next_offset"] is None and len(rest["results"]) == 1
    seen = {a["id"] for a in first["results"] + rest["results"]}
    assert len(seen) == 3


def test_limits_are_bounded(client: TestClient) -> None:
    response = client.get("/api/v1/events", params={"limit": 100_000})
    assert response.status_code == 422
    assert "limit" in response.json()["error"]


def test_article_detail_uses_the_shared_json_shape(client: TestClient, ids: dict[str, str]) -> None:
    detail = client.get(f"/api/v1/articles/{ids['clashes']}").json()
    assert detail["title"] == "Army of Islam clashes with ISIS in Duma"
    assert detail["translator"] == "Jane Doe"
    assert [e["type"] for e in detail["events"]] == ["ASSAULT", "AGREE"]
    assert detail["events"][0]["actors"] == ["Army of Islam"] and detail["events"][0]["recipient_ids"] == [
        "isis"
    ]
    assert detail["keywords"] == ["Army of Islam", "Eastern Ghouta truce"]


def test_unknown_article_is_404_json(client: TestClient) -> None:
    response = client.get("/api/v1/articles/nope")
    assert response.status_code == 404
    assert response.json() == {"error": "no article with id 'nope'"}


def test_search_takes_the_cli_syntax_and_reports_errors_in_one_line(client: TestClient) -> None:
    found = client.get("/api/v1/search", params={"q": "actor:ISIS type:RETREAT"}).json()
    assert found["total"] == 1 and found["results"][0]["title"] == "ISIS pulls back from Harasta"
    bad = client.get("/api/v1/search", params={"q": '"unclosed'})
    assert bad.status_code == 400
    assert bad.json()["error"].startswith("unclosed quote at position 1")


def test_events_filter_like_the_cli(client: TestClient) -> None:
    def types(**params: object) -> list[str]:
        return [e["type"] for e in client.get("/api/v1/events", params=params).json()["results"]]

    assert sorted(types()) == ["AGREE", "ASSAULT", "ASSAULT", "RETREAT"]
    assert len(types(include_negated="true")) == 5
    assert types(actor="Jaysh al-Islam") == ["ASSAULT"]
    assert types(recipient="daesh") == ["ASSAULT"]
    assert sorted(types(quad_class=4)) == ["ASSAULT", "ASSAULT"]
    assert types(place="harasta") == ["RETREAT"]
    assert types(since="2024-01-16", sort="oldest") == ["RETREAT", "ASSAULT"]
    assert client.get("/api/v1/events", params={"type": "BOMBING"}).status_code == 400


def test_actors_places_and_stats(client: TestClient) -> None:
    actors = client.get("/api/v1/actors", params={"name": "daesh"}).json()["results"]
    assert [a["id"] for a in actors] == ["isis"] and actors[0]["events"] == 3
    isis = client.get("/api/v1/actors/isis").json()
    partners = {c["actor_id"]: c for c in isis["counterparts"]}
    assert partners["army-of-islam"]["as_recipient"] == 1 and partners["army-of-islam"]["conflict"] == 1
    places = client.get("/api/v1/places").json()["results"]
    assert {p["name"] for p in places} >= {"Duma", "Harasta"}
    assert client.get("/api/v1/stats").json()["articles"] == 3
    assert client.get("/api/v1/actors/nobody").status_code == 404


def test_a_place_without_events_counts_none(tmp_path: Path) -> None:
    store = Store(tmp_path / "quiet.db")
    document, analysis = make("quiet.txt", "ISIS was seen in Duma.")
    analysis.events = []
    store.save(document, analysis)
    store.close()
    with TestClient(create_app(str(tmp_path / "quiet.db"))) as client:
        [duma] = client.get("/api/v1/places").json()["results"]
    assert (duma["name"], duma["articles"], duma["events"]) == ("Duma", 1, 0)


def test_timeline_counts_events_per_day_and_type(client: TestClient) -> None:
    data = client.get("/api/v1/timeline").json()
    assert data["periods"] == ["2024-01-10", "2024-01-11", "2024-01-16", "2024-01-20"]
    by_type = {s["type"]: s["counts"] for s in data["series"]}
    assert by_type["ASSAULT"] == [1, 0, 0, 1]
    monthly = client.get("/api/v1/timeline", params={"bucket": "month"}).json()
    assert monthly["periods"] == ["2024-01"]


def test_network_edges_are_weighted_and_toned(client: TestClient) -> None:
    data = client.get("/api/v1/network").json()
    edges = {(e["source"], e["target"]): e for e in data["edges"]}
    assert edges[("army-of-islam", "isis")]["tone"] == "conflict"
    assert edges[("rus", "army-of-islam")]["tone"] == "cooperation"
    assert ("isis", "army-of-islam") not in edges  # that event is negated
    assert {n["id"] for n in data["nodes"]} == {"army-of-islam", "isis", "rus", "evil"}


def test_openapi_describes_the_api(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    paths = set(schema["paths"])
    expected = {"/api/v1/articles", "/api/v1/search", "/api/v1/events", "/api/v1/actors", "/api/v1/places"}
    assert expected | {"/api/v1/stats"} <= paths
    assert not any(p.startswith("/map") or p == "/" for p in paths)  # pages are not API


def test_writes_are_refused_without_a_configured_token(client: TestClient) -> None:
    response = client.post("/api/v1/articles", json={"text": "Rebels shelled Duma."})
    assert response.status_code == 403
    assert "read-only" in response.json()["error"]


@pytest.fixture
def fetched() -> list[str]:
    return []


@pytest.fixture
def writable(tmp_path: Path, fetched: list[str]) -> TestClient:
    def fake_fetch(url: str) -> tuple[bytes, str]:
        fetched.append(url)
        return (
            b"<html><body><h1>Truce in Saqba</h1><p>Rebels and the army agreed a truce.</p></body></html>",
            "html",
        )

    path = str(tmp_path / "w.db")
    app = create_app(path, Settings(path, token="s3cret"), fetch=fake_fetch, pipeline=Pipeline([]))
    return TestClient(app)


def test_a_token_is_required_to_post(writable: TestClient) -> None:
    assert writable.post("/api/v1/articles", json={"text": "x y z"}).status_code == 401
    wrong = writable.post(
        "/api/v1/articles", json={"text": "x y z"}, headers={"Authorization": "Bearer nope"}
    )
    assert wrong.status_code == 401


def test_posted_text_is_ingested_and_readable(writable: TestClient) -> None:
    auth = {"Authorization": "Bearer s3cret"}
    body = {
        "text": "Rebels shelled Duma on Monday.\n\nResidents fled.",
        "title": "Shelling",
        "published": "2024-03-01",
    }
    created = writable.post("/api/v1/articles", json=body, headers=auth)
    assert created.status_code == 201, created.text
    article_id = created.json()["id"]
    assert writable.get(f"/api/v1/articles/{article_id}").json()["title"] == "Shelling"
    again = writable.post("/api/v1/articles", json=body, headers=auth)
    assert again.status_code == 200 and again.json()["status"] == "unchanged"


def test_a_url_alone_is_fetched_through_the_apps_fetcher(writable: TestClient, fetched: list[str]) -> None:
    auth = {"Authorization": "Bearer s3cret"}
    created = writable.post("/api/v1/articles", json={"url": "https://example.org/saqba"}, headers=auth)
    assert created.status_code == 201, created.text
    assert fetched == ["https://example.org/saqba"]
    assert (
        writable.get(f"/api/v1/articles/{created.json()['id']}").json()["url"] == "https://example.org/saqba"
    )


def test_a_post_needs_content(writable: TestClient) -> None:
    auth = {"Authorization": "Bearer s3cret"}
    response = writable.post("/api/v1/articles", json={"title": "nothing"}, headers=auth)
    assert response.status_code == 422
    assert "give text, html or a url" in response.json()["error"]
