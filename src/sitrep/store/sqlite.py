"""The SQLite store: writes an analysed article in one transaction and reads records back."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sitrep.records import Actor, Analysis, Article, Document, Event, Keyword, Mention, Place
from sitrep.store.schema import migrate


@dataclass
class EventRow:
    """An event as stored: the record plus its database id and the actors' records."""

    id: int
    event: Event
    actors: list[Actor] = field(default_factory=list)
    recipients: list[Actor] = field(default_factory=list)


@dataclass
class ArticleDetail:
    """An article with everything found in it, as `show` presents it."""

    article: Article
    entities: list[Mention]
    actors: list[Actor]
    places: list[Place]
    events: list[EventRow]
    keywords: list[Keyword]


class Store:
    """A Sitrep database. Safe to open from several processes (WAL); writes are serialised by SQLite."""

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

    # --- writing -------------------------------------------------------------------------------------

    def known_document(self, document: Document) -> str | None:
        """The article id if this exact document (origin and content) is already stored."""
        row = self.db.execute(
            "SELECT article_id FROM documents WHERE origin = ? AND content_hash = ?",
            (document.origin, document.hash),
        ).fetchone()
        return row["article_id"] if row else None

    def known_article(self, article_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def record_duplicate(self, document: Document, article_id: str) -> None:
        """Remember that `document` holds an article already stored (same content, another origin)."""
        with self.transaction() as db:
            self._replace_document(db, document, article_id)

    def save(self, document: Document, analysis: Analysis) -> None:
        """Store an analysed article atomically, replacing what its origin held before."""
        article = analysis.article
        with self.transaction() as db:
            self._delete_article(db, article.id)
            self._replace_document(db, document, article.id)
            self._insert_article(db, article)
            self._insert_analysis(db, analysis)

    def _replace_document(self, db: sqlite3.Connection, document: Document, article_id: str) -> None:
        previous = db.execute(
            "SELECT article_id FROM documents WHERE origin = ?", (document.origin,)
        ).fetchone()
        db.execute(
            "INSERT OR REPLACE INTO documents (origin, content_hash, article_id, fetched) VALUES (?, ?, ?, ?)",
            (document.origin, document.hash, article_id, document.fetched.isoformat()),
        )
        if previous and previous["article_id"] != article_id:
            self._delete_orphan(db, previous["article_id"])

    def _delete_orphan(self, db: sqlite3.Connection, article_id: str) -> None:
        still_used = db.execute("SELECT 1 FROM documents WHERE article_id = ?", (article_id,)).fetchone()
        if not still_used:
            self._delete_article(db, article_id)

    def _delete_article(self, db: sqlite3.Connection, article_id: str) -> None:
        row = db.execute(
            "SELECT rowid, title, standfirst, body FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None:
            return
        db.execute(
            "INSERT INTO articles_fts (articles_fts, rowid, title, standfirst, body) VALUES ('delete', ?, ?, ?, ?)",
            (row["rowid"], row["title"], row["standfirst"], row["body"]),
        )
        db.execute("DELETE FROM articles WHERE id = ?", (article_id,))

    def _insert_article(self, db: sqlite3.Connection, article: Article) -> None:
        cursor = db.execute(
            """INSERT INTO articles (id, url, title, standfirst, body, published, byline, language, outlet,
                   original_source, translator, ingested)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                article.id, article.url, article.title, article.standfirst, article.body, article.published,
                article.byline, article.language, article.outlet, article.original_source,
                article.translator, datetime.now(UTC).isoformat(timespec="seconds"),
            ),
        )  # fmt: skip
        db.execute(
            "INSERT INTO articles_fts (rowid, title, standfirst, body) VALUES (?, ?, ?, ?)",
            (cursor.lastrowid, article.title, article.standfirst, article.body),
        )

    def _insert_analysis(self, db: sqlite3.Connection, analysis: Analysis) -> None:
        article_id = analysis.article.id
        db.executemany(
            'INSERT INTO entities (article_id, start, "end", label, text) VALUES (?, ?, ?, ?, ?)',
            [(article_id, m.start, m.end, m.label, m.text) for m in analysis.entities],
        )
        for actor in analysis.actors.values():
            self._upsert_actor(db, actor)
        db.executemany(
            'INSERT INTO actor_mentions (article_id, start, "end", text, actor_id) VALUES (?, ?, ?, ?, ?)',
            [(article_id, m.start, m.end, m.text, m.actor_id) for m in analysis.actor_mentions],
        )
        for mention in analysis.places:
            self._upsert_place(db, mention.place)
        db.executemany(
            'INSERT INTO place_mentions (article_id, start, "end", text, place_id) VALUES (?, ?, ?, ?, ?)',
            [(article_id, m.start, m.end, m.text, m.place.id) for m in analysis.places],
        )
        for event in analysis.events:
            self._insert_event(db, article_id, event, analysis.actors)
        db.executemany(
            "INSERT INTO keywords (article_id, rank, text, score) VALUES (?, ?, ?, ?)",
            [(article_id, rank, k.text, k.score) for rank, k in enumerate(analysis.keywords)],
        )

    def _upsert_actor(self, db: sqlite3.Connection, actor: Actor) -> None:
        # A later article may know an actor better (a kind or country found); never erase what is known.
        db.execute(
            """INSERT INTO actors (id, name, kind, country, code) VALUES (?, ?, ?, ?, ?)
               ON CONFLICT(id) DO UPDATE SET
                 kind = COALESCE(actors.kind, excluded.kind),
                 country = COALESCE(actors.country, excluded.country),
                 code = COALESCE(actors.code, excluded.code)""",
            (actor.id, actor.name, actor.kind, actor.country, actor.code),
        )
        db.executemany(
            "INSERT OR IGNORE INTO actor_aliases (actor_id, alias) VALUES (?, ?)",
            # The name first, then a fixed order: of two spellings that differ only in case the column
            # keeps the first, and it must not depend on the process's hash seed.
            [(actor.id, alias) for alias in [actor.name, *sorted(set(actor.aliases))]],
        )

    def _upsert_place(self, db: sqlite3.Connection, place: Place) -> None:
        db.execute(
            """INSERT OR IGNORE INTO places (id, name, lat, lon, country, admin1, feature, population)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
            (place.id, place.name, place.lat, place.lon, place.country, place.admin1, place.feature,
             place.population),
        )  # fmt: skip

    def _insert_event(self, db: sqlite3.Connection, article_id: str, event: Event, actors: dict) -> None:
        if event.place is not None:
            self._upsert_place(db, event.place)
        for actor_id in (*event.actors, *event.recipients):
            if actor_id in actors:
                continue
            # An event may name an actor the resolver did not list; keep the row valid all the same.
            self._upsert_actor(db, Actor(id=actor_id, name=actor_id))
        cursor = db.execute(
            """INSERT INTO events (article_id, type, mode, context, cameo, quad_class, place_id,
                   place_precision, date, date_precision, sentence, sentence_start, sentence_end, trigger,
                   negated, alleged, hypothetical, confidence, fatalities, fatalities_lower_bound)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                article_id, event.type, event.mode, event.context, event.cameo, event.quad_class,
                event.place.id if event.place else None, event.place_precision, event.date,
                event.date_precision, event.sentence, event.sentence_start, event.sentence_end,
                event.trigger, event.negated, event.alleged, event.hypothetical, event.confidence,
                event.fatalities, event.fatalities_lower_bound,
            ),
        )  # fmt: skip
        rows = [(cursor.lastrowid, a, "actor", i) for i, a in enumerate(event.actors)]
        rows += [(cursor.lastrowid, a, "recipient", i) for i, a in enumerate(event.recipients)]
        db.executemany(
            "INSERT INTO event_actors (event_id, actor_id, role, position) VALUES (?, ?, ?, ?)", rows
        )

    # --- reading -------------------------------------------------------------------------------------

    def article(self, article_id: str) -> Article | None:
        row = self.db.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            return None
        keywords = [k.text for k in self.keywords(article_id)]
        return article_from_row(row, keywords)

    def detail(self, article_id: str) -> ArticleDetail | None:
        article = self.article(article_id)
        if article is None:
            return None
        entities = [
            Mention(start=r["start"], end=r["end"], label=r["label"], text=r["text"])
            for r in self.db.execute(
                'SELECT start, "end", label, text FROM entities WHERE article_id = ? ORDER BY start',
                (article_id,),
            )
        ]
        actors = self.actors_by_ids(
            [r[0] for r in self.db.execute(
                "SELECT actor_id FROM actor_mentions WHERE article_id = ? GROUP BY actor_id ORDER BY MIN(start)",
                (article_id,),
            )]
        )  # fmt: skip
        places = [
            place_from_row(r)
            for r in self.db.execute(
                """SELECT p.* FROM places p JOIN place_mentions m ON m.place_id = p.id
                   WHERE m.article_id = ? GROUP BY p.id ORDER BY MIN(m.start)""",
                (article_id,),
            )
        ]
        events = self.events_where("e.article_id = ?", [article_id], order="e.sentence_start, e.id")
        return ArticleDetail(article, entities, actors, places, events, self.keywords(article_id))

    def keywords(self, article_id: str) -> list[Keyword]:
        return [
            Keyword(text=r["text"], score=r["score"])
            for r in self.db.execute(
                "SELECT text, score FROM keywords WHERE article_id = ? ORDER BY rank", (article_id,)
            )
        ]

    def actors_by_ids(self, ids: Sequence[str]) -> list[Actor]:
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        rows = {r["id"]: r for r in self.db.execute(f"SELECT * FROM actors WHERE id IN ({marks})", list(ids))}
        aliases: dict[str, list[str]] = {}
        for r in self.db.execute(
            f"SELECT actor_id, alias FROM actor_aliases WHERE actor_id IN ({marks}) ORDER BY alias", list(ids)
        ):
            aliases.setdefault(r["actor_id"], []).append(r["alias"])
        return [actor_from_row(rows[i], aliases.get(i, [])) for i in ids if i in rows]

    def events_where(
        self,
        where: str,
        params: Sequence[Any],
        order: str = "e.date DESC, e.id",
        limit: int | None = None,
        offset: int = 0,
    ) -> list[EventRow]:
        sql = f"""SELECT e.*, a.published AS article_published, p.id AS p_id, p.name AS p_name, p.lat AS p_lat,
                         p.lon AS p_lon, p.country AS p_country, p.admin1 AS p_admin1, p.feature AS p_feature,
                         p.population AS p_population
                  FROM events e JOIN articles a ON a.id = e.article_id LEFT JOIN places p ON p.id = e.place_id
                  WHERE {where} ORDER BY {order}"""
        if limit is not None:
            sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
        rows = self.db.execute(sql, list(params)).fetchall()
        return self._with_actors([event_from_row(r) for r in rows])

    def _with_actors(self, events: list[EventRow]) -> list[EventRow]:
        if not events:
            return events
        by_id = {e.id: e for e in events}
        marks = ",".join("?" * len(by_id))
        links = self.db.execute(
            f"SELECT event_id, actor_id, role FROM event_actors WHERE event_id IN ({marks}) ORDER BY event_id, role, position",
            list(by_id),
        ).fetchall()
        actors = {a.id: a for a in self.actors_by_ids(sorted({r["actor_id"] for r in links}))}
        for link in links:
            row = by_id[link["event_id"]]
            actor = actors[link["actor_id"]]
            if link["role"] == "actor":
                row.event.actors.append(actor.id)
                row.actors.append(actor)
            else:
                row.event.recipients.append(actor.id)
                row.recipients.append(actor)
        return events

    def count(self, table: str) -> int:
        return self.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def article_from_row(row: sqlite3.Row, keywords: list[str]) -> Article:
    return Article(
        id=row["id"], url=row["url"], title=row["title"], standfirst=row["standfirst"],
        paragraphs=row["body"].split("\n\n") if row["body"] else [], published=row["published"],
        byline=row["byline"], language=row["language"], outlet=row["outlet"],
        original_source=row["original_source"], translator=row["translator"], keywords=keywords,
    )  # fmt: skip


def actor_from_row(row: sqlite3.Row, aliases: list[str]) -> Actor:
    return Actor(
        id=row["id"], name=row["name"], aliases=[a for a in aliases if a != row["name"]],
        kind=row["kind"], country=row["country"], code=row["code"],
    )  # fmt: skip


def place_from_row(row: sqlite3.Row, prefix: str = "") -> Place:
    return Place(
        id=row[prefix + "id"], name=row[prefix + "name"], lat=row[prefix + "lat"], lon=row[prefix + "lon"],
        country=row[prefix + "country"], admin1=row[prefix + "admin1"], feature=row[prefix + "feature"],
        population=row[prefix + "population"] or 0,
    )  # fmt: skip


def event_from_row(row: sqlite3.Row) -> EventRow:
    event = Event(
        type=row["type"], mode=row["mode"], context=row["context"], cameo=row["cameo"],
        quad_class=row["quad_class"], place=place_from_row(row, "p_") if row["p_id"] else None,
        place_precision=row["place_precision"], date=row["date"], date_precision=row["date_precision"],
        sentence=row["sentence"], sentence_start=row["sentence_start"], sentence_end=row["sentence_end"],
        trigger=row["trigger"], negated=bool(row["negated"]), alleged=bool(row["alleged"]),
        hypothetical=bool(row["hypothetical"]), confidence=row["confidence"], fatalities=row["fatalities"],
        fatalities_lower_bound=bool(row["fatalities_lower_bound"]),
        article_id=row["article_id"],
    )  # fmt: skip
    return EventRow(id=row["id"], event=event)
