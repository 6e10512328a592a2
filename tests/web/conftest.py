"""Fixtures for the web tests: a database written through the store, the app, a live server, a browser."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi.testclient import TestClient

from sitrep.records import (
    Actor,
    ActorMention,
    Analysis,
    Article,
    Document,
    Event,
    Keyword,
    Mention,
    Place,
    PlaceMention,
)
from sitrep.store import Store
from sitrep.web import create_app
from tests.conftest import new_database

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"

DUMA = Place("170904", "Duma", 33.5722, 36.4019, "SY", "Rif Dimashq", "city", 110000)
HARASTA = Place("170592", "Harasta", 33.5586, 36.365, "SY", "Rif Dimashq", "city", 40000)
DAMASCUS = Place("170654", "Damascus", 33.5102, 36.2913, "SY", "Dimashq", "city", 1700000)
ISIS = Actor("isis", "Islamic State", ["ISIS", "Daesh"], "REB", "IRQ", "IRQREB")
AOI = Actor("army-of-islam", "Army of Islam", ["Jaysh al-Islam"], "REB", "SYR", "SYRREB")
RUSSIA = Actor("rus", "Russia", ["Russian government"], "GOV", "RUS", "RUSGOV")
PAYLOAD_ACTOR = Actor("evil", '<svg onload="window.__pwned=4">Evil Front', [], "REB", None, None)

XSS_TITLE = "<script>window.__pwned = 1</script>Evil headline"
XSS_BODY = (
    'A page said <img src=x onerror="window.__pwned=2"> in Duma.\n\n'
    "Then <script>window.__pwned = 3</script> Evil Front attacked."
)


def _spans(body: str, text: str) -> tuple[int, int]:
    start = body.index(text)
    return start, start + len(text)


def _article(origin: str, title: str, body: str, published: str, **fields: Any) -> tuple[Document, Article]:
    document = Document(
        origin=origin, content=(title + body).encode(), format="text", fetched=datetime.now(UTC)
    )
    article = Article(
        id=document.id, url=origin, title=title, paragraphs=body.split("\n\n"), published=published, **fields
    )
    return document, article


def clashes() -> tuple[Document, Analysis]:
    body = (
        "The Army of Islam shelled ISIS positions in Duma on Wednesday.\n\n"
        "Russia and the Army of Islam agreed on a truce the next day."
    )
    document, article = _article(
        "https://example.org/duma-clashes", "Army of Islam clashes with ISIS in Duma", body, "2024-01-10",
        standfirst="Fighting in Eastern Ghouta.", outlet="Example News", original_source="Enab Baladi",
        translator="Jane Doe", language="en",
    )  # fmt: skip
    aoi, isis, duma, russia = (_spans(body, t) for t in ("Army of Islam", "ISIS", "Duma", "Russia"))
    analysis = Analysis(
        article=article,
        entities=[Mention(*aoi, "ORG", "Army of Islam"), Mention(*isis, "ORG", "ISIS"), Mention(*russia, "GPE", "Russia")],
        actor_mentions=[ActorMention(*aoi, "Army of Islam", AOI.id), ActorMention(*isis, "ISIS", ISIS.id),
                        ActorMention(*russia, "Russia", RUSSIA.id)],
        actors={a.id: a for a in (AOI, ISIS, RUSSIA)},
        places=[PlaceMention(*duma, "Duma", DUMA)],
        events=[
            Event("ASSAULT", [AOI.id], [ISIS.id], mode="shelling", quad_class=4, place=DUMA, place_precision=1,
                  date="2024-01-10", date_precision="day", sentence=body.split("\n\n")[0], trigger="shelled"),
            Event("AGREE", [RUSSIA.id], [AOI.id], quad_class=1, place=DUMA, date="2024-01-11",
                  date_precision="day", sentence=body.split("\n\n")[1], trigger="agreed"),
        ],
        keywords=[Keyword("Army of Islam", 3.0), Keyword("Eastern Ghouta truce", 2.0)],
    )  # fmt: skip
    return document, analysis


def retreat() -> tuple[Document, Analysis]:
    body = "ISIS withdrew from Harasta towards Damascus, residents said."
    document, article = _article(
        "retreat.txt", "ISIS pulls back from Harasta", body, "2024-01-16", language="en"
    )
    isis, harasta = _spans(body, "ISIS"), _spans(body, "Harasta")
    analysis = Analysis(
        article=article,
        entities=[Mention(*isis, "ORG", "ISIS"), Mention(*harasta, "GPE", "Harasta")],
        actor_mentions=[ActorMention(*isis, "ISIS", ISIS.id)],
        actors={ISIS.id: ISIS},
        places=[PlaceMention(*harasta, "Harasta", HARASTA)],
        events=[
            Event("RETREAT", [ISIS.id], [], quad_class=2, place=HARASTA, date="2024-01-16", date_precision="day",
                  sentence=body, trigger="withdrew"),
            Event("ASSAULT", [ISIS.id], [AOI.id], quad_class=4, place=DAMASCUS, date="2024-01-16",
                  date_precision="day", sentence=body, negated=True, trigger="attack"),
        ],
        keywords=[Keyword("Harasta", 2.5)],
    )  # fmt: skip
    return document, analysis


def hostile() -> tuple[Document, Analysis]:
    """An article whose every scraped field carries markup that would run if it were not escaped."""
    document, article = _article(
        "javascript:window.__pwned=5", XSS_TITLE, XSS_BODY, "2024-01-20",
        standfirst='<b onmouseover="window.__pwned=6">bold</b>', outlet='"><script>window.__pwned=7</script>',
        language="en",
    )  # fmt: skip
    img, front, duma = (
        _spans(XSS_BODY, "<img src=x"),
        _spans(XSS_BODY, "Evil Front"),
        _spans(XSS_BODY, "Duma"),
    )
    analysis = Analysis(
        article=article,
        entities=[Mention(*img, "ORG", "<img src=x"), Mention(*front, "ORG", "Evil Front")],
        actor_mentions=[ActorMention(*front, "Evil Front", PAYLOAD_ACTOR.id)],
        actors={PAYLOAD_ACTOR.id: PAYLOAD_ACTOR},
        places=[PlaceMention(*duma, "Duma", DUMA)],
        events=[
            Event("ASSAULT", [PAYLOAD_ACTOR.id], [AOI.id], quad_class=4, place=DUMA, date="2024-01-20",
                  date_precision="day", sentence=XSS_BODY.split("\n\n")[1], trigger="attacked"),
        ],
        keywords=[Keyword('<img src=x onerror="window.__pwned=8">', 1.0)],
    )  # fmt: skip
    return document, analysis


def build_database(path: Path | str) -> dict[str, str]:
    """Write the three test articles through the store (a file, or a database URL); returns their ids by
    name."""
    store = Store(path)
    ids = {}
    for name, make in (("clashes", clashes), ("retreat", retreat), ("hostile", hostile)):
        document, analysis = make()
        store.save(document, analysis)
        ids[name] = analysis.article.id
    store.close()
    return ids


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    path = tmp_path_factory.mktemp("web") / "web.db"
    return path, build_database(path)


@pytest.fixture(scope="session")
def ids(web_db: tuple[Path, dict[str, str]]) -> dict[str, str]:
    return web_db[1]


@pytest.fixture
def client(web_db: tuple[Path, dict[str, str]]) -> Iterator[TestClient]:
    with TestClient(create_app(str(web_db[0]))) as test_client:
        yield test_client


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class LiveServer:
    """uvicorn on 127.0.0.1 and a free port, in a thread, for the browser to talk to."""

    def __init__(self, app: Any) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        )
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def live_server(request: pytest.FixtureRequest, web_db: tuple[Path, dict[str, str]]) -> Iterator[LiveServer]:
    """The web app over each store: the browser tests run once per backend, with the same articles."""
    database = str(web_db[0])
    if request.param == "postgresql":
        database = new_database(request.getfixturevalue("postgres_server"))
        assert build_database(database) == web_db[1]
    with LiveServer(create_app(database)) as server:
        yield server


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: scripts/setup-browser.sh installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class ConsoleWatch:
    """Console errors and uncaught exceptions seen by a page; a test fails if any appear."""

    def __init__(self, page: Any) -> None:
        self.errors: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", self._uncaught)

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def _uncaught(self, error: Any) -> None:
        self.errors.append(f"uncaught: {error}")


@contextmanager
def watched_page(browser: Any, base_url: str, width: int = 1280, height: int = 900) -> Iterator[Any]:
    """A fresh browser page on `base_url` that fails the test if any console error appeared on it."""
    context = browser.new_context(base_url=base_url, viewport={"width": width, "height": height})
    context.set_default_timeout(15_000)
    new_page = context.new_page()
    watch = ConsoleWatch(new_page)
    try:
        yield new_page
    finally:
        context.close()
    assert watch.errors == [], f"console errors: {watch.errors}"


@pytest.fixture
def page(browser: Any, live_server: LiveServer) -> Iterator[Any]:
    with watched_page(browser, live_server.url) as new_page:
        yield new_page


def screenshot(page: Any, name: str) -> Path:
    """Keep a screenshot as a test artefact (test-artifacts/screenshots, not committed)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path
