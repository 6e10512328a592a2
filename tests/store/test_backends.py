"""The example corpus stored in SQLite and in PostgreSQL reads back the same through every read the library
offers: articles, events (with filters), actors, places, stats, search and exports.

The corpus is analysed once (conftest.py); the PostgreSQL run replays those analyses, so only the store differs.
"""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sitrep.api import Sitrep
from sitrep.errors import InputError
from sitrep.records import Analysis
from sitrep.search import SearchPage
from sitrep.search.results import HIT_START
from sitrep.store.queries import EventQuery
from tests.conftest import new_database
from tests.store.conftest import Replay, corpus_dir


@pytest.fixture(scope="module")
def both(
    corpus_url: str, recorded: tuple[Path, dict[str, Analysis | InputError]]
) -> Iterator[tuple[Sitrep, Sitrep]]:
    with Sitrep(recorded[0]) as sqlite, Sitrep(corpus_url) as postgres:
        yield sqlite, postgres


def article_ids(app: Sitrep) -> list[str]:
    return [row["id"] for row in app.store.execute("SELECT id FROM articles ORDER BY id")]


def test_the_backends_hold_the_same_articles_with_everything_found_in_them(
    both: tuple[Sitrep, Sitrep],
) -> None:
    sqlite, postgres = both
    ids = article_ids(sqlite)
    assert len(ids) >= 20 and article_ids(postgres) == ids
    for article_id in ids:
        assert postgres.show(article_id) == sqlite.show(article_id), article_id
    assert postgres.stats() == sqlite.stats()


def _filters(app: Sitrep) -> list[EventQuery]:
    """Event filters built from what the corpus holds: its busiest actor and place, a type, a month."""
    actor = app.actors(limit=1)[0].actor
    place = app.places(limit=1)[0].place
    return [
        EventQuery(limit=1000),
        EventQuery(include_negated=True, limit=1000),
        EventQuery(type=("ASSAULT",)),
        EventQuery(type=("ASSAULT", "COERCE"), quad_class=4),
        EventQuery(actor=actor.name.upper()),
        EventQuery(actor=actor.id, recipient=None, since="2024-02"),
        EventQuery(recipient=actor.aliases[0] if actor.aliases else actor.name),
        EventQuery(place=place.name.lower()),
        EventQuery(since="2024-01-20", until="2024-02-05"),
        EventQuery(limit=5, offset=5),
    ]


def test_events_with_filters_are_the_same(both: tuple[Sitrep, Sitrep]) -> None:
    sqlite, postgres = both
    for query in _filters(sqlite):
        found = sqlite.events(query)
        assert postgres.events(query) == found, query
    assert len(sqlite.events(EventQuery(type=("ASSAULT",)))) > 0


def test_actors_and_places_by_activity_are_the_same(both: tuple[Sitrep, Sitrep]) -> None:
    sqlite, postgres = both
    assert postgres.actors(limit=1000) == sqlite.actors(limit=1000)
    assert postgres.places(limit=1000) == sqlite.places(limit=1000)
    for name in ("islam", "ISIS", "al-"):
        assert postgres.actors(name) == sqlite.actors(name), name
    assert postgres.places("AS") == sqlite.places("AS") != []


# Queries with words to match: found articles are ranked, and their snippets mark the hits.
RANKED = [
    "Duma",
    "douma",
    '"Army of Islam"',
    "truce OR ceasefire",
    "ISIS NOT Duma",
    "bomb*",
    "evacuat* AND (Duma OR Douma)",
    "place:Saqba truce",
]
QUERIES = [*RANKED, "NOT Duma", "type:ASSAULT", "actor:ISIS type:RETREAT", "since:2024-02 -mortar"]


def _ids(page: SearchPage) -> list[str]:
    return [hit.id for hit in page.hits]


@pytest.mark.parametrize("query", QUERIES)
def test_search_finds_the_same_articles(both: tuple[Sitrep, Sitrep], query: str) -> None:
    sqlite, postgres = both
    expected = sqlite.search(query, limit=100)
    found = postgres.search(query, limit=100)
    assert found.total == expected.total and sorted(_ids(found)) == sorted(_ids(expected))
    assert _ids(postgres.search(query, order="date", limit=100)) == _ids(
        sqlite.search(query, order="date", limit=100)
    )
    if query in RANKED:
        assert expected.total > 0 and all(HIT_START in hit.snippet for hit in found.hits), query


@pytest.mark.parametrize("query", ["Duma", "truce", "bomb*"])
def test_relevance_puts_the_same_articles_first(both: tuple[Sitrep, Sitrep], query: str) -> None:
    """bm25 and ts_rank are different measures, but for a word that picks articles out (bm25 scores a
    word found in most articles near zero) both rank title hits, then frequent hits, first."""
    sqlite, postgres = both
    assert _ids(postgres.search(query, limit=3)) == _ids(sqlite.search(query, limit=3))


def _exported(app: Sitrep, what: str) -> list[str]:
    out = io.StringIO()
    assert app.export(out, "jsonl", what) > 0
    return out.getvalue().splitlines()


def test_exports_are_the_same(both: tuple[Sitrep, Sitrep]) -> None:
    sqlite, postgres = both
    assert _exported(postgres, "events") == _exported(sqlite, "events")
    # Articles are exported by date, undated ones first in both backends.
    assert _exported(postgres, "articles") == _exported(sqlite, "articles")


def test_ingesting_again_changes_nothing(
    both: tuple[Sitrep, Sitrep], recorded: tuple[Path, dict[str, Analysis | InputError]], corpus_url: str
) -> None:
    _, postgres = both
    before = postgres.stats()
    with Sitrep(corpus_url, pipeline=Replay(recorded[1])) as again:
        assert {r.status for r in again.ingest([str(corpus_dir())])} == {"unchanged"}
    assert postgres.stats() == before


def _contents(app: Sitrep, article_id: str, event_ids: bool = True) -> tuple[Any, ...]:
    """What an article holds; actors by id, since later articles add aliases to an actor."""
    detail = app.show(article_id)
    events = [(row.id if event_ids else None, row.event) for row in detail.events]
    actors = [actor.id for actor in detail.actors]
    return detail.article, detail.entities, actors, detail.places, events, detail.keywords


def test_a_document_failing_mid_run_leaves_nothing_half_stored_and_a_rerun_completes(
    both: tuple[Sitrep, Sitrep], recorded: tuple[Path, dict[str, Analysis | InputError]], postgres_server: Any
) -> None:
    sqlite, _ = both
    url = new_database(postgres_server)
    broken = Sitrep(url, pipeline=Replay(recorded[1], break_at=4))
    with broken, pytest.raises(Exception, match="NUL"):
        for _ in broken.ingest([str(corpus_dir())]):
            pass
    with Sitrep(url) as after_crash:
        stored = article_ids(after_crash)
        assert len(stored) == 4
        for article_id in stored:  # whole articles only: each as complete as in the SQLite database
            assert _contents(after_crash, article_id) == _contents(sqlite, article_id)
        counted = after_crash.store.one("SELECT COUNT(DISTINCT article_id) AS n FROM documents")
        assert counted is not None and counted["n"] == 4
    with Sitrep(url, pipeline=Replay(recorded[1])) as rerun:
        statuses = [r.status for r in rerun.ingest([str(corpus_dir())])]
        assert statuses.count("unchanged") == 4 and statuses.count("added") == len(statuses) - 4
        assert rerun.stats() == sqlite.stats()
        assert article_ids(rerun) == article_ids(sqlite)


def test_a_killed_ingest_into_postgres_resumes_without_duplicates(
    both: tuple[Sitrep, Sitrep], postgres_server: Any
) -> None:
    sqlite, _ = both
    url = new_database(postgres_server)
    files = [str(path) for path in sorted((corpus_dir() / "text").glob("*.txt"))[:6]]
    command = [sys.executable, "-m", "sitrep.cli", "ingest", *files, "--db", url, "--json"]
    # Batches of two articles spread the commits over the run, so the kill lands between commits.
    env = {**os.environ, "SITREP_BATCH_SIZE": "2"}
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    deadline = time.monotonic() + 240
    committed = 0
    while time.monotonic() < deadline and process.poll() is None and committed < 2:
        time.sleep(0.2)
        committed = _committed(url)
    process.send_signal(signal.SIGKILL)
    assert process.wait() == -signal.SIGKILL, "the run ended before it could be killed mid-way"
    assert committed >= 2
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=600, env=env)
    assert rerun.returncode == 0, rerun.stderr
    statuses = [json.loads(line)["status"] for line in rerun.stdout.splitlines()]
    assert statuses.count("unchanged") >= committed and len(statuses) == len(files)
    with Sitrep(url) as resumed:
        assert resumed.store.count("documents") == resumed.stats()["articles"] == len(files)
        for article_id in article_ids(resumed):  # as the whole corpus stored them, but for the event ids
            assert _contents(resumed, article_id, event_ids=False) == _contents(
                sqlite, article_id, event_ids=False
            )


def _committed(url: str) -> int:
    import psycopg

    try:
        with psycopg.connect(url) as connection:
            row = connection.execute("SELECT COUNT(*) FROM articles").fetchone()
    except psycopg.Error:  # the first run has not made the tables yet
        return 0
    return int(row[0]) if row else 0
