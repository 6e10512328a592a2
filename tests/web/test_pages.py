"""Server-rendered pages without a browser: escaping, headers, links, facets, paging and exports."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from sitrep.web import create_app, serve
from sitrep.web.app import content_security_policy, is_loopback
from sitrep.web.context import Settings
from sitrep.web.pages import pager
from tests.web.conftest import build_database

PAGES = ["/", "/search?q=duma", "/events", "/map", "/timeline", "/actors", "/actors/isis", "/network", "/api"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_render_with_a_strict_content_security_policy(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "default-src 'none'" in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", response.text, re.S)
    assert all("src=" in attributes and not body.strip() for attributes, body in scripts)  # files only


def test_scraped_markup_is_escaped_everywhere(client: TestClient, ids: dict[str, str]) -> None:
    pages = [f"/articles/{ids['hostile']}", "/search?q=evil", "/events", "/actors", "/actors/evil", "/"]
    for path in pages:
        html = client.get(path).text
        for payload in ("<script>window.__pwned", "<img src=x onerror", "<svg onload", "<b onmouseover"):
            assert payload not in html, (path, payload)
    article = client.get(f"/articles/{ids['hostile']}").text
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;Evil headline" in article
    assert 'href="javascript:' not in article  # a scraped javascript: URL is shown, never linked


def test_article_reader_links_entities_keywords_and_credits(client: TestClient, ids: dict[str, str]) -> None:
    html = client.get(f"/articles/{ids['clashes']}").text
    assert (
        '<a class="hl hl-actor" href="/actors/army-of-islam" title="actor: Army of Islam">Army of Islam</a>'
        in html
    )
    assert 'class="hl hl-place" href="/events?place=170904"' in html
    assert '<a href="/search?q=%22Eastern+Ghouta+truce%22">Eastern Ghouta truce</a>' in html
    for credit in (
        "Translated by",
        "Jane Doe",
        "Original source",
        "Enab Baladi",
        "Fighting in Eastern Ghouta.",
    ):
        assert credit in html
    assert 'rel="noopener noreferrer nofollow"' in html


def test_search_facets_add_filters_to_the_query(client: TestClient) -> None:
    html = client.get("/search", params={"q": "ISIS"}).text
    assert 'href="/search?q=ISIS+type%3ARETREAT"' in html
    assert 'href="/search?q=ISIS+actor%3Aarmy-of-islam"' in html
    assert 'href="/search?q=ISIS+since%3A2024-01+until%3A2024-01"' in html
    narrowed = client.get("/search", params={"q": "ISIS type:RETREAT"}).text
    assert narrowed.count('class="hits"') == 1 and "ISIS pulls back from Harasta" in narrowed
    assert "Army of Islam clashes" not in narrowed


def test_a_malformed_search_shows_its_message(client: TestClient) -> None:
    response = client.get("/search", params={"q": "duma AND"})
    assert "&#39;AND&#39; at position 6 needs a term after it" in response.text
    assert 'aria-invalid="true"' in response.text


def test_bad_filters_get_an_error_page(client: TestClient) -> None:
    response = client.get("/events", params={"since": "last week"})
    assert response.status_code == 400
    assert "since=last week is not a date" in response.text
    assert client.get("/articles/nope").status_code == 404


def test_event_export_follows_the_current_view(client: TestClient) -> None:
    page = client.get("/events", params={"type": "ASSAULT", "sort": "oldest"}).text
    assert 'href="/events.csv?type=ASSAULT&amp;sort=oldest"' in page
    rows = list(csv.DictReader(io.StringIO(client.get("/events.csv?type=ASSAULT&sort=oldest").text)))
    assert [r["date"] for r in rows] == ["2024-01-10", "2024-01-20"]
    geo = client.get("/events.geojson", params={"place": "Duma"})
    assert geo.headers["content-type"].startswith("application/geo+json")
    features = json.loads(geo.text)["features"]
    assert {f["properties"]["type"] for f in features} == {"ASSAULT", "AGREE"}
    assert features[0]["geometry"]["coordinates"] == [36.4019, 33.5722]


def test_timeline_and_network_have_tables_for_readers_without_scripts(client: TestClient) -> None:
    timeline = client.get("/timeline").text
    assert '<a href="/events?since=2024-01-16&amp;until=2024-01-16">2024-01-16</a>' in timeline
    network = client.get("/network").text
    assert (
        '<a href="/actors/army-of-islam">Army of Islam</a></td><td><a href="/actors/isis">Islamic State</a>'
        in network
    )


def test_actor_page_shows_aliases_roles_and_counterparts(client: TestClient) -> None:
    html = client.get("/actors/isis").text
    assert "Daesh" in html and "Events as actor (1)" in html and "Events as recipient (1)" in html
    assert '<a href="/actors/army-of-islam">Army of Islam</a>' in html


def test_vendor_libraries_are_served_from_node_modules(client: TestClient) -> None:
    for path in ("/vendor/leaflet/leaflet.js", "/vendor/markercluster/leaflet.markercluster.js",
                 "/vendor/topojson/topojson-client.min.js", "/vendor/world-atlas/countries-50m.json",
                 "/vendor/cytoscape/cytoscape.min.js", "/vendor/chartjs/chart.umd.min.js"):  # fmt: skip
        assert client.get(path).status_code == 200, path


def test_tiles_are_optional_and_allowed_by_the_policy(tmp_path: Path) -> None:
    path = str(tmp_path / "t.db")
    settings = Settings(
        path, tiles="https://{s}.tiles.example.org/{z}/{x}/{y}.png", tiles_attribution="© Example"
    )
    assert "img-src 'self' data: https://*.tiles.example.org" in content_security_policy(settings)
    with TestClient(create_app(path, settings)) as client:
        html = client.get("/map").text
    assert 'data-tiles="https://{s}.tiles.example.org/{z}/{x}/{y}.png"' in html
    assert "img-src 'self' data:;" in content_security_policy(Settings(path))


def test_pager_windows_and_edges() -> None:
    def url(n: int) -> str:
        return f"/p{n}"

    first = pager(1, 10, 95, url)
    assert first.previous is None and first.next == "/p2" and [n for n, _ in first.numbers] == [1, 2, 3, 4, 5]
    last = pager(10, 10, 95, url)
    assert last.next is None and [n for n, _ in last.numbers] == [6, 7, 8, 9, 10]
    unknown = pager(3, 10, None, url)
    assert unknown.next == "/p4"


def test_serve_binds_loopback_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr("uvicorn.run", lambda app, **options: calls.append(options))
    build_database(tmp_path / "s.db")
    serve(str(tmp_path / "s.db"))
    assert calls[0]["host"] == "127.0.0.1" and calls[0]["port"] == 8000
    assert is_loopback("localhost") and is_loopback("::1") and not is_loopback("0.0.0.0")


def test_facets_of_a_broad_search_count_a_bounded_sample(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sitrep.web.queries.FACET_SAMPLE", 1)
    html = client.get("/search", params={"q": "ISIS"}).text
    assert "Counts among the first 1 of 2 articles found." in html
    counts = [int(n) for n in re.findall(r'<span class="count">(\d+)</span>', html)]
    assert counts and max(counts) == 1
