"""The workbench in headless Chromium: flows an analyst follows, script safety, keyboard use, phone width.

Every test also fails on any console error or uncaught exception (see the `page` fixture).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.web.conftest import screenshot

MAIN_PAGES = [
    "/",
    "/search?q=duma",
    "/events",
    "/map",
    "/timeline",
    "/actors",
    "/actors/isis",
    "/network",
    "/api",
]


def test_search_open_article_click_keyword_see_filtered_results(page: Any, ids: dict[str, str]) -> None:
    page.goto("/")
    page.get_by_label("Search articles").fill("shelled")
    page.get_by_label("Search articles").press("Enter")
    page.wait_for_url(re.compile(r"/search\?q=shelled"))
    results = page.locator(".hits li")
    assert results.count() == 1
    assert results.locator("mark").first.inner_text().lower() == "shelled"
    screenshot(page, "search")

    results.get_by_role("link", name="Army of Islam clashes with ISIS in Duma").click()
    page.wait_for_url(f"**/articles/{ids['clashes']}")
    assert page.get_by_role("heading", level=1).inner_text() == "Army of Islam clashes with ISIS in Duma"
    assert (
        page.locator(".body a.hl-actor", has_text="Army of Islam").get_attribute("href")
        == "/actors/army-of-islam"
    )
    assert page.locator(".body a.hl-place", has_text="Duma").count() == 1
    assert page.get_by_text("Translated by").is_visible()
    screenshot(page, "article")

    page.locator(".keywords").get_by_role("link", name="Army of Islam", exact=True).click()
    page.wait_for_url(re.compile(r"/search\?q=%22Army"))
    titles = page.locator(".hits h3").all_inner_texts()
    assert titles == ["Army of Islam clashes with ISIS in Duma"]
    assert page.get_by_role("heading", name="1 article").is_visible()


def test_facet_link_narrows_the_search(page: Any) -> None:
    page.goto("/search?q=ISIS")
    before = page.locator(".hits li").count()
    page.locator(".facets a", has_text="RETREAT").click()
    page.wait_for_url(re.compile(r"type%3ARETREAT"))
    assert page.locator(".hits h3").all_inner_texts() == ["ISIS pulls back from Harasta"]
    assert before > 1


def test_a_malformed_query_shows_one_line_and_no_results(page: Any) -> None:
    page.goto('/search?q="unclosed')
    assert "unclosed quote" in page.get_by_role("alert").inner_text()
    assert page.locator(".hits").count() == 0


def test_map_shows_clustered_markers_from_the_offline_basemap(page: Any) -> None:
    page.goto("/map")
    page.wait_for_selector("#map[data-markers]")
    assert page.locator("#map").get_attribute("data-markers") == "4"  # located, non-negated events
    assert page.locator(".leaflet-overlay-pane path").count() > 100  # country boundaries from world-atlas
    assert page.locator(".marker-cluster, .event-marker").count() >= 1
    screenshot(page, "map")
    click_until_visible(page, page.locator(".marker-cluster"), page.locator(".event-marker"))
    popup_link = page.locator(".leaflet-popup a", has_text="Read the article")
    click_until_visible(page, page.locator(".event-marker"), popup_link)


def click_until_visible(page: Any, target: Any, result: Any, attempts: int = 5) -> None:
    """Click the first `target` once the map has stopped zooming, until `result` shows. A zoom animation
    (the first fit to the markers, a cluster's zoom) redraws the markers when it ends, which undoes a
    click made before then; on a busy machine that end can come late."""
    for _attempt in range(attempts):
        if result.first.is_visible():
            return
        page.wait_for_function("!document.querySelector('#map').classList.contains('leaflet-zoom-anim')")
        target.first.click()
        try:
            result.first.wait_for(state="visible", timeout=3000)
            return
        except PlaywrightTimeout:
            continue
    assert result.first.is_visible()


def test_network_renders_nodes_and_edges(page: Any) -> None:
    page.goto("/network")
    page.wait_for_selector("#network[data-nodes]")
    assert int(page.locator("#network").get_attribute("data-nodes")) == 4
    assert int(page.locator("#network").get_attribute("data-edges")) == 3
    assert page.locator("#network canvas").count() >= 1
    screenshot(page, "network")


def test_timeline_draws_a_chart(page: Any) -> None:
    page.goto("/timeline")
    page.wait_for_selector("canvas[data-periods]")
    assert page.locator("canvas[data-periods]").get_attribute("data-periods") == "4"
    screenshot(page, "timeline")


def test_scraped_markup_is_shown_as_text_and_runs_nothing(page: Any, ids: dict[str, str]) -> None:
    dialogs: list[str] = []

    def record(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    for path in (f"/articles/{ids['hostile']}", "/search?q=evil", "/events", "/actors", "/actors/evil", "/"):
        page.goto(path)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("typeof window.__pwned") == "undefined", path
    page.goto(f"/articles/{ids['hostile']}")
    assert (
        page.get_by_role("heading", level=1).inner_text()
        == "<script>window.__pwned = 1</script>Evil headline"
    )
    assert '<img src=x onerror="window.__pwned=2">' in page.locator(".body").inner_text()
    assert page.locator(".body img, .body script, main svg").count() == 0
    assert page.locator('a[href^="javascript:"]').count() == 0
    assert dialogs == []


def test_every_main_page_loads_without_console_errors(page: Any) -> None:
    for path in MAIN_PAGES:
        response = page.goto(path)
        assert response is not None and response.ok, path
        page.wait_for_load_state("networkidle")
    screenshot(page, "api")


def test_keyboard_reaches_skip_link_navigation_and_search(page: Any) -> None:
    page.goto("/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.id")
    assert focused == "home-q"  # the first control of the main content
    page.keyboard.type("harasta")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=harasta"))
    assert page.locator(".hits h3").all_inner_texts() == ["ISIS pulls back from Harasta"]


@pytest.mark.parametrize("path", ["/", "/search?q=duma", "/events", "/map", "/network", "/timeline"])
def test_main_controls_have_accessible_names(page: Any, path: str) -> None:
    page.goto(path)
    unnamed = page.evaluate(
        """() => [...document.querySelectorAll('main input, main select, main button, main a, nav a')]
              .filter(el => el.type !== 'hidden')
              .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                            && !el.textContent.trim() && !el.getAttribute('title'))
              .map(el => el.outerHTML)"""
    )
    assert unnamed == []
    assert page.get_by_role("navigation", name="Main").is_visible()


def test_phone_width_has_no_sideways_scrolling(browser: Any, live_server: Any) -> None:
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 375, "height": 740}, is_mobile=True
    )
    phone = context.new_page()
    try:
        for path in [
            "/",
            "/search?q=duma",
            "/events",
            "/map",
            "/network",
            "/articles/" + _first_article(phone),
        ]:
            phone.goto(path)
            width = phone.evaluate("document.documentElement.scrollWidth")
            assert width <= 375, f"{path} is {width}px wide"
        phone.goto("/events")
        screenshot(phone, "events-phone")
    finally:
        context.close()


def _first_article(page: Any) -> str:
    page.goto("/api/v1/articles?limit=1")
    return str(page.evaluate("JSON.parse(document.body.innerText).results[0].id"))
