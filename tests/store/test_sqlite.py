import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

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
from sitrep.store import Store, queries
from sitrep.store.queries import EventQuery
from sitrep.store.schema import SCHEMA_VERSION

DUMA = Place(
    id="170654", name="Duma", lat=33.57, lon=36.40, country="SY", admin1="Rif Dimashq", feature="city"
)
ISIS = Actor(id="isis", name="Islamic State", aliases=["ISIS", "Daesh"], kind="REB", country="IRQ")
AOI = Actor(id="army-of-islam", name="Army of Islam", aliases=["Jaysh al-Islam"], kind="REB", country="SYR")


def make(origin: str, body: str, title: str = "Clashes in Duma") -> tuple[Document, Analysis]:
    document = Document(origin=origin, content=body.encode(), format="text", fetched=datetime.now(UTC))
    article = Article(
        id=document.id, url=origin, title=title, paragraphs=body.split("\n\n"), published="2014-02-03"
    )
    start = body.index("ISIS")
    analysis = Analysis(
        article=article,
        entities=[Mention(start, start + 4, "ORG", "ISIS")],
        actor_mentions=[ActorMention(start, start + 4, "ISIS", "isis")],
        actors={"isis": ISIS, "army-of-islam": AOI},
        places=[PlaceMention(body.index("Duma"), body.index("Duma") + 4, "Duma", DUMA)]
        if "Duma" in body
        else [],
        events=[
            Event(type="ASSAULT", actors=["army-of-islam"], recipients=["isis"], place=DUMA, sentence=body),
            Event(type="ASSAULT", actors=["isis"], recipients=["regime"], negated=True, sentence=body),
        ],
        keywords=[Keyword("ISIS", 3.0), Keyword("Duma", 2.0)],
    )
    return document, analysis


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "test.db")


def test_schema_is_migrated_once_and_wal_is_on(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    Store(path).close()
    again = Store(path)
    assert again.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert again.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_saved_article_reads_back_with_everything(store: Store) -> None:
    document, analysis = make("a.txt", "ISIS fought the Army of Islam in Duma.")
    store.save(document, analysis)
    detail = store.detail(document.id)
    assert detail is not None
    assert detail.article.title == "Clashes in Duma"
    assert detail.article.keywords == ["ISIS", "Duma"]
    assert [a.id for a in detail.actors] == ["isis"]
    assert set(detail.actors[0].aliases) == {"ISIS", "Daesh"}
    assert detail.places == [DUMA]
    assert [(e.event.type, e.event.negated) for e in detail.events] == [("ASSAULT", False), ("ASSAULT", True)]
    assert detail.events[0].event.actors == ["army-of-islam"] and detail.events[0].event.recipients == [
        "isis"
    ]
    assert detail.events[0].event.place == DUMA
    # An actor the resolver did not list (here "regime") still gets a row, so the event stays whole.
    assert detail.events[1].recipients[0].id == "regime"


def test_saving_the_same_article_twice_does_not_duplicate(store: Store) -> None:
    document, analysis = make("a.txt", "ISIS fought the Army of Islam in Duma.")
    store.save(document, analysis)
    store.save(document, analysis)
    assert queries.stats(store)["articles"] == 1
    assert queries.stats(store)["events"] == 2
    assert (
        store.db.execute("SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH 'Duma'").fetchone()[0]
        == 1
    )


def test_a_changed_document_replaces_its_old_article(store: Store) -> None:
    old_doc, old = make("a.txt", "ISIS fought the Army of Islam in Duma.")
    store.save(old_doc, old)
    new_doc, new = make("a.txt", "ISIS retreated from Duma on Monday.")
    store.save(new_doc, new)
    assert store.article(old_doc.id) is None
    assert store.article(new_doc.id) is not None
    assert (
        store.db.execute("SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH 'fought'").fetchone()[0]
        == 0
    )


def test_a_failure_mid_save_leaves_nothing_half_written(store: Store) -> None:
    document, analysis = make("a.txt", "ISIS fought the Army of Islam in Duma.")
    analysis.keywords = [Keyword("dup", 1.0)]
    analysis.events.append(Event(type="ASSAULT", actors=["isis"], sentence="x"))
    broken = Keyword("x", 1.0)
    analysis.keywords.append(broken)
    # Two keywords with one rank cannot exist: force a constraint failure after the article rows are in.
    store.db.execute(
        "CREATE TRIGGER fail BEFORE INSERT ON keywords WHEN NEW.text = 'x' BEGIN SELECT RAISE(ABORT, 'boom'); END"
    )
    with pytest.raises(Exception, match="boom"):
        store.save(document, analysis)
    assert queries.stats(store) == {
        "articles": 0,
        "events": 0,
        "actors": 0,
        "places": 0,
        "keywords": 0,
        "entities": 0,
    }
    assert store.known_document(document) is None


def test_event_filters(store: Store) -> None:
    document, analysis = make("a.txt", "ISIS fought the Army of Islam in Duma.")
    store.save(document, analysis)
    assert len(queries.events(store, EventQuery())) == 1
    assert len(queries.events(store, EventQuery(include_negated=True))) == 2
    assert len(queries.events(store, EventQuery(actor="Jaysh al-Islam"))) == 1
    assert len(queries.events(store, EventQuery(recipient="daesh"))) == 1
    assert len(queries.events(store, EventQuery(actor="daesh"))) == 0
    assert len(queries.events(store, EventQuery(place="duma", type=("ASSAULT",)))) == 1
    assert len(queries.events(store, EventQuery(type=("RETREAT",)))) == 0
    assert len(queries.events(store, EventQuery(since="2014-03"))) == 0
    assert len(queries.events(store, EventQuery(until="2014-02"))) == 1


def test_actor_and_place_summaries(store: Store) -> None:
    document, analysis = make("a.txt", "ISIS fought the Army of Islam in Duma.")
    store.save(document, analysis)
    summaries = {s.actor.id: s for s in queries.actors(store)}
    assert summaries["isis"].articles == 1 and summaries["isis"].events == 2
    assert [s.actor.id for s in queries.actors(store, "daesh")] == ["isis"]
    [duma] = queries.places(store)
    assert duma.place.name == "Duma" and duma.events == 1 and duma.articles == 1


def test_an_older_database_is_upgraded_in_place_keeping_its_rows(tmp_path: Path) -> None:
    import sqlite3

    from sitrep.store import schema

    path = tmp_path / "old.db"
    old = sqlite3.connect(path, isolation_level=None)
    for statement in schema.split_statements(schema.MIGRATIONS[0]):
        old.execute(statement)
    old.execute("PRAGMA user_version = 1")
    old.execute("INSERT INTO articles (id, url, title, body, ingested) VALUES ('a', 'u', 't', 'b', 'now')")
    old.close()
    store = Store(path)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert store.article("a") is not None
    columns = [row[1] for row in store.db.execute("PRAGMA table_info(events)")]
    assert "fatalities_lower_bound" in columns


def test_a_newer_database_is_refused(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "new.db"
    sqlite3.connect(path).execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(RuntimeError, match="newer than this Sitrep"):
        Store(path)


def test_aliases_that_differ_only_in_case_keep_the_same_one_under_any_hash_seed(tmp_path: Path) -> None:
    script = (
        "import sys, dataclasses\n"
        "sys.path.insert(0, sys.argv[2])\n"
        "from test_sqlite import ISIS, make\n"
        "from sitrep.store import Store\n"
        "document, analysis = make('a.txt', 'ISIS fighters entered Duma.')\n"
        "spellings = ['Zaman al Wasl', 'Zaman Al Wasl', 'ZAMAN AL WASL', 'Daesh', 'daesh']\n"
        "analysis.actors['isis'] = dataclasses.replace(ISIS, aliases=spellings)\n"
        "store = Store(sys.argv[1])\n"
        "store.save(document, analysis)\n"
        "rows = store.db.execute('SELECT alias FROM actor_aliases ORDER BY alias COLLATE BINARY')\n"
        "print([r[0] for r in rows])\n"
    )
    found = set()
    for seed in range(4):
        db = tmp_path / f"seed{seed}.db"
        env = {**os.environ, "PYTHONHASHSEED": str(seed)}
        run = subprocess.run(
            [sys.executable, "-c", script, str(db), str(Path(__file__).parent)],
            capture_output=True, text=True, env=env, check=True,
        )  # fmt: skip
        found.add(run.stdout)
    assert len(found) == 1
