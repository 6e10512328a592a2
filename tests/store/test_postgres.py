"""The PostgreSQL store on its own: writes, reads, search, migrations, errors, and the CLI's --db URL."""

from __future__ import annotations

import json

import pytest

from sitrep.cli import main
from sitrep.errors import DatabaseUnavailable, QueryError
from sitrep.records import Keyword
from sitrep.search import parse
from sitrep.search.postgres import to_tsquery, unfolded
from sitrep.search.query import Node
from sitrep.store import Store, queries
from sitrep.store.postgres import MIGRATIONS, SCHEMA_VERSION, PgRow, PostgresStore, psycopg_sql
from sitrep.store.queries import EventQuery
from tests.store.test_sqlite import make

EMPTY = {"articles": 0, "events": 0, "actors": 0, "places": 0, "keywords": 0, "entities": 0}


@pytest.fixture
def store(postgres_url: str) -> PostgresStore:
    opened = Store(postgres_url)
    assert isinstance(opened, PostgresStore)
    return opened


def test_placeholders_become_psycopg_ones_outside_quoted_text() -> None:
    sql = """SELECT '?', "a?" FROM t WHERE x = ? AND y LIKE '%' || ? ESCAPE '' AND z = 'it''s ?'"""
    assert psycopg_sql(sql) == (
        """SELECT '?', "a?" FROM t WHERE x = %s AND y LIKE '%%' || %s ESCAPE '' AND z = 'it''s ?'"""
    )


def test_rows_read_by_name_and_by_position() -> None:
    row = PgRow({"id": 0, "name": 1}, ("a", "b"))
    assert (row["name"], row[0], list(row), row.keys()) == ("b", "a", ["a", "b"], ["id", "name"])


def _text(query: str) -> Node:
    node = parse(query).text
    assert node is not None
    return node


def test_a_query_becomes_a_tsquery_with_every_word_a_parameter() -> None:
    sql, params = to_tsquery(_text('"Army of Islam" AND (Duma OR dum*) NOT bombing'))
    assert params == ["Army of Islam", "Duma", "'dum':*", "bombing"]
    assert sql.count("?") == 4 and "!!phraseto_tsquery" in sql and " || " in sql
    with pytest.raises(QueryError, match="positive term"):
        to_tsquery(_text("Duma OR NOT bombing"))


def test_an_unreachable_server_is_named_without_its_password() -> None:
    pytest.importorskip("psycopg")
    with pytest.raises(
        DatabaseUnavailable,
        match=r"cannot connect to PostgreSQL at postgresql://sitrep:\*\*\*@127.0.0.1:1/news",
    ):
        Store("postgresql://sitrep:secret@127.0.0.1:1/news")


def drop_connections(url: str) -> int:
    """End every other session on the database of `url`, as a server restart would; how many ended."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as admin:
        ended = admin.execute(
            "SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()) AS ended"
        ).fetchone()
    return ended[0] if ended else 0


def test_a_lost_connection_is_reported_as_such_and_other_errors_are_not(
    store: PostgresStore, postgres_url: str
) -> None:
    with pytest.raises(Exception, match="no_such_table") as sql_error:
        store.count("no_such_table")
    assert not isinstance(sql_error.value, DatabaseUnavailable) and store.usable()
    assert drop_connections(postgres_url) == 1
    with pytest.raises(DatabaseUnavailable, match=r"lost the connection to PostgreSQL at postgresql://"):
        store.count("articles")
    assert not store.usable()


def test_saved_article_reads_back_with_everything(store: PostgresStore) -> None:
    document, analysis = make("a.txt", "ISIS fought the Army of Islam in Duma.")
    store.save(document, analysis)
    detail = store.detail(document.id)
    assert detail is not None
    assert detail.article.keywords == ["ISIS", "Duma"]
    assert [a.id for a in detail.actors] == ["isis"] and detail.actors[0].aliases == ["Daesh", "ISIS"]
    assert [(e.event.type, e.event.negated) for e in detail.events] == [("ASSAULT", False), ("ASSAULT", True)]
    assert (
        detail.events[0].actors[0].name == "Army of Islam" and detail.events[1].recipients[0].id == "regime"
    )
    assert store.known_document(document) == document.id and store.known_origin("a.txt")


def test_saving_again_or_a_changed_document_leaves_one_article(store: PostgresStore) -> None:
    document, analysis = make("a.txt", "ISIS fought the Army of Islam in Duma.")
    store.save(document, analysis)
    store.save(document, analysis)
    assert queries.stats(store) == EMPTY | {"articles": 1, "events": 2, "actors": 3, "places": 1} | {
        "keywords": 2,
        "entities": 1,
    }
    new_document, new = make("a.txt", "ISIS retreated from Duma on Monday.")
    store.save(new_document, new)
    assert store.article(document.id) is None and store.article(new_document.id) is not None
    assert store.search(parse("fought")).total == 0 and store.search(parse("retreated")).total == 1


def test_a_failure_mid_save_leaves_nothing_half_written(store: PostgresStore) -> None:
    document, analysis = make("a.txt", "ISIS fought the Army of Islam in Duma.")
    analysis.keywords.append(Keyword("nul\x00", 1.0))  # PostgreSQL refuses it, after every other row is in
    with pytest.raises(Exception, match="NUL"):
        store.save(document, analysis)
    assert queries.stats(store) == EMPTY and store.known_document(document) is None


def test_event_filters_and_summaries_ignore_ascii_case(store: PostgresStore) -> None:
    document, analysis = make("a.txt", "ISIS fought the Army of Islam in Duma.")
    store.save(document, analysis)
    assert len(queries.events(store, EventQuery(actor="JAYSH AL-ISLAM"))) == 1
    assert len(queries.events(store, EventQuery(recipient="daesh"))) == 1
    assert len(queries.events(store, EventQuery(place="DUMA", type=("ASSAULT",)))) == 1
    assert len(queries.events(store, EventQuery(since="2014-03"))) == 0
    assert [s.actor.id for s in queries.actors(store, "DAESH")] == ["isis"]
    [duma] = queries.places(store, "dum")
    assert (duma.events, duma.articles) == (1, 1)


def test_search_booleans_prefixes_and_filters(store: PostgresStore) -> None:
    for origin, body, title in [
        ("a.txt", "ISIS fought the Army of Islam in Duma. Bombings shook the town.", "Clashes in Duma"),
        ("b.txt", "ISIS retreated from Harasta. Aid reached Douma on Monday.", "ISIS pulls back"),
    ]:
        store.save(*make(origin, body, title))

    def titles(query: str) -> list[str]:
        return sorted(hit.title for hit in store.search(parse(query)).hits)

    assert titles('"Army of Islam" AND Duma') == ["Clashes in Duma"]
    assert titles('"Islam Army"') == []
    assert titles("Harasta OR Duma") == ["Clashes in Duma", "ISIS pulls back"]
    assert titles("ISIS NOT Duma") == titles("NOT Duma") == ["ISIS pulls back"]
    assert titles("bomb*") == ["Clashes in Duma"]
    assert titles("actor:daesh type:ASSAULT") == ["Clashes in Duma", "ISIS pulls back"]
    assert titles("place:duma") == ["Clashes in Duma"]
    assert store.search(parse("Duma")).hits[0].title == "Clashes in Duma"  # the title hit ranks first
    assert "\x02Bombings\x03" in store.search(parse("bomb*")).hits[0].snippet


def test_search_folds_diacritics_and_shows_hits_in_the_texts_own_letters(store: PostgresStore) -> None:
    store.save(*make("a.txt", "ISIS shells hit Dūmā and Ḥarastā on Monday.", "Shelling near Damascus"))
    store.save(*make("b.txt", "ISIS let aid reach Douma.", "Aid convoy"))
    for query in ("Duma", "DŪMĀ", "harast*", '"Dūmā and Harasta"'):
        assert [hit.title for hit in store.search(parse(query)).hits] == ["Shelling near Damascus"], query
    assert "\x02Dūmā\x03 and \x02Ḥarastā\x03" in store.search(parse("Duma OR harasta")).hits[0].snippet
    assert [hit.title for hit in store.search(parse("NOT dūmā")).hits] == ["Aid convoy"]


def test_unfolded_puts_a_folded_headline_back_into_the_texts_letters() -> None:
    assert unfolded("hit \x02Duma\x03 and", "Shells hit Dūmā and Ḥarastā") == "hit \x02Dūmā\x03 and"
    assert unfolded("not \x02in\x03 it", "Shells hit Dūmā") == "not \x02in\x03 it"


def test_a_database_of_schema_version_1_gains_folded_search(postgres_url: str) -> None:
    import psycopg

    with psycopg.connect(postgres_url, autocommit=True) as db:
        db.execute(MIGRATIONS[0])
        db.execute("CREATE TABLE sitrep_schema (version INTEGER NOT NULL)")
        db.execute("INSERT INTO sitrep_schema VALUES (1)")
        db.execute(
            "INSERT INTO articles (id, url, title, body, ingested) VALUES ('x', 'a.txt', 'T', 'In Dūmā.', 'now')"
        )
    store = Store(postgres_url)
    assert [hit.id for hit in store.search(parse("duma")).hits] == ["x"]
    assert store.one("SELECT version FROM sitrep_schema")["version"] == SCHEMA_VERSION == 2


def test_the_schema_is_created_once_and_a_newer_one_is_refused(
    store: PostgresStore, postgres_url: str
) -> None:
    store.save(*make("a.txt", "ISIS fought the Army of Islam in Duma."))
    store.close()
    again = Store(postgres_url)
    assert queries.stats(again)["articles"] == 1
    again.execute("UPDATE sitrep_schema SET version = version + 1")
    again.close()
    with pytest.raises(RuntimeError, match="newer than this Sitrep"):
        Store(postgres_url)


def test_the_cli_stores_into_and_reads_from_a_database_url(
    postgres_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(postgres_url)
    document, analysis = make("a.txt", "ISIS fought the Army of Islam in Duma.")
    store.save(document, analysis)
    store.close()
    assert main(["stats", "--db", postgres_url, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["articles"] == 1
    monkeypatch.setenv("SITREP_DB", postgres_url)
    assert main(["search", "Duma", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == 1


def test_serve_names_an_unreachable_postgres_server_before_serving(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("psycopg", reason="psycopg is not installed")
    served: list[object] = []
    monkeypatch.setattr("uvicorn.run", lambda app, **options: served.append(app))
    assert main(["serve", "--db", "postgresql://sitrep:secret@127.0.0.1:1/news"]) == 1
    error = capsys.readouterr().err
    assert "cannot connect to PostgreSQL at postgresql://sitrep:***@127.0.0.1:1/news" in error
    assert served == []
