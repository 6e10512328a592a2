"""The SQLite store: one file (WAL, versioned migrations, FTS5 index kept beside the articles table)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sitrep.records import Article
from sitrep.search.query import Query
from sitrep.search.results import SearchPage
from sitrep.search.sqlite import match_sql, run
from sitrep.store.base import (
    SQLITE,
    ArticleDetail,
    EventRow,
    Row,
    Store,
    actor_from_row,
    article_from_row,
    event_from_row,
    place_from_row,
)
from sitrep.store.schema import migrate

# Re-exported: the row mappers and records were first defined here.
__all__ = [
    "ArticleDetail", "EventRow", "SQLiteStore", "Store", "actor_from_row", "article_from_row",
    "event_from_row", "place_from_row",
]  # fmt: skip

READER_MMAP_BYTES = 1 << 30  # see `tune_for_reading`


class SQLiteStore(Store):
    """A Sitrep database file. Safe to open from several processes (WAL); writes are serialised by SQLite."""

    dialect = SQLITE

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        # isolation_level=None: transactions are explicit (see `transaction`), never implicit.
        self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=30)
        self.db.row_factory = sqlite3.Row
        if self.path != ":memory:":
            self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self.db.execute("PRAGMA synchronous=NORMAL")
        migrate(self.db)

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Iterator[Row]:
        return self.db.execute(sql, params)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self.db.executemany(sql, rows)

    def insert_returning_ids(self, sql: str, rows: Sequence[Sequence[Any]]) -> list[int]:
        return [self.db.execute(sql, row).fetchone()[0] for row in rows]

    def _delete_article(self, article_id: str) -> None:
        row = self.db.execute(
            "SELECT rowid, title, standfirst, body FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None:
            return
        self.db.execute(
            "INSERT INTO articles_fts (articles_fts, rowid, title, standfirst, body) VALUES ('delete', ?, ?, ?, ?)",
            (row["rowid"], row["title"], row["standfirst"], row["body"]),
        )
        self.db.execute("DELETE FROM articles WHERE id = ?", (article_id,))

    def _index_article(self, article: Article) -> None:
        self.db.execute(
            "INSERT INTO articles_fts (rowid, title, standfirst, body) VALUES (last_insert_rowid(), ?, ?, ?)",
            (article.title, article.standfirst, article.body),
        )

    def search(self, query: Query, order: str = "relevance", limit: int = 20, offset: int = 0) -> SearchPage:
        return run(self.db, query, order=order, limit=limit, offset=offset)

    def matching_sql(self, query: Query) -> tuple[str, list[Any]]:
        # The rowid is in the index on ids too, so selecting it leaves the query plan as it was.
        source, where, params, _ = match_sql(query)
        return f"SELECT a.id AS id, a.rowid AS key FROM {source} WHERE {where}", params

    def tune_for_reading(self) -> None:
        # Map the file instead of copying its pages through read() into each connection's own cache: the
        # connections share the operating system's copy, and a page costs a pointer, not a system call.
        self.db.execute(f"PRAGMA mmap_size = {READER_MMAP_BYTES}")
