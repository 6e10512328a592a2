"""Versioned schema migrations for the SQLite store.

Each migration is applied once, in order, inside a transaction; `PRAGMA user_version` records how far a
database has come, so an older database is upgraded in place when it is opened.
"""

from __future__ import annotations

import sqlite3

MIGRATIONS: list[str] = [
    # 1: articles, their analysis, and full-text search over title, standfirst and body.
    """
    CREATE TABLE documents (
        origin TEXT PRIMARY KEY,
        content_hash TEXT NOT NULL,
        article_id TEXT NOT NULL,
        fetched TEXT NOT NULL
    );
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        url TEXT NOT NULL,
        title TEXT NOT NULL,
        standfirst TEXT NOT NULL DEFAULT '',
        body TEXT NOT NULL,
        published TEXT,
        byline TEXT,
        language TEXT,
        outlet TEXT,
        original_source TEXT,
        translator TEXT,
        ingested TEXT NOT NULL
    );
    CREATE INDEX articles_published ON articles(published);
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, standfirst, body,
        content='articles', content_rowid='rowid',
        tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TABLE entities (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        label TEXT NOT NULL, text TEXT NOT NULL
    );
    CREATE INDEX entities_article ON entities(article_id);
    CREATE TABLE actors (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT, country TEXT, code TEXT
    );
    CREATE TABLE actor_aliases (
        actor_id TEXT NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
        alias TEXT NOT NULL COLLATE NOCASE,
        PRIMARY KEY (actor_id, alias)
    );
    CREATE INDEX actor_aliases_alias ON actor_aliases(alias);
    CREATE TABLE actor_mentions (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        actor_id TEXT NOT NULL REFERENCES actors(id)
    );
    CREATE INDEX actor_mentions_article ON actor_mentions(article_id);
    CREATE INDEX actor_mentions_actor ON actor_mentions(actor_id);
    CREATE TABLE places (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        lat REAL NOT NULL, lon REAL NOT NULL,
        country TEXT, admin1 TEXT, feature TEXT,
        population INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE place_mentions (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        place_id TEXT NOT NULL REFERENCES places(id)
    );
    CREATE INDEX place_mentions_article ON place_mentions(article_id);
    CREATE INDEX place_mentions_place ON place_mentions(place_id);
    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        type TEXT NOT NULL, mode TEXT, context TEXT, cameo TEXT, quad_class INTEGER,
        place_id TEXT REFERENCES places(id), place_precision INTEGER,
        date TEXT, date_precision TEXT,
        sentence TEXT NOT NULL, sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL,
        trigger TEXT NOT NULL DEFAULT '',
        negated INTEGER NOT NULL DEFAULT 0,
        alleged INTEGER NOT NULL DEFAULT 0,
        hypothetical INTEGER NOT NULL DEFAULT 0,
        confidence REAL NOT NULL DEFAULT 0.5,
        fatalities INTEGER
    );
    CREATE INDEX events_article ON events(article_id);
    CREATE INDEX events_type ON events(type);
    CREATE INDEX events_date ON events(date);
    CREATE TABLE event_actors (
        event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        actor_id TEXT NOT NULL REFERENCES actors(id),
        role TEXT NOT NULL CHECK (role IN ('actor', 'recipient')),
        position INTEGER NOT NULL,
        PRIMARY KEY (event_id, role, position)
    );
    CREATE INDEX event_actors_actor ON event_actors(actor_id);
    CREATE TABLE keywords (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        rank INTEGER NOT NULL,
        text TEXT NOT NULL,
        score REAL NOT NULL,
        PRIMARY KEY (article_id, rank)
    );
    CREATE INDEX keywords_text ON keywords(text COLLATE NOCASE);
    """,
    # 2: whether a fatality count is a minimum ("killing at least twelve").
    """
    ALTER TABLE events ADD COLUMN fatalities_lower_bound INTEGER NOT NULL DEFAULT 0;
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)


def migrate(connection: sqlite3.Connection) -> int:
    """Apply pending migrations; returns the schema version reached."""
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise RuntimeError(
            f"database schema version {version} is newer than this Sitrep ({SCHEMA_VERSION}); upgrade Sitrep"
        )
    for number in range(version, SCHEMA_VERSION):
        with connection:
            connection.execute("BEGIN IMMEDIATE")
            for statement in split_statements(MIGRATIONS[number]):
                connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {number + 1}")
    return SCHEMA_VERSION


def split_statements(script: str) -> list[str]:
    """Split a migration into statements; executescript() would commit outside our transaction."""
    return [part.strip() for part in script.split(";\n") if part.strip()]
