"""The store interface both backends share: records to rows and back, the order of writes, and the reads.

A backend (SQLite in sqlite.py, PostgreSQL in postgres.py) supplies the connection, its SQL dialect, the
article rows with their full-text index, and search; everything else is written once, here, in SQL that
both accept (`?` placeholders, which the PostgreSQL store rewrites for its driver).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urlsplit, urlunsplit

from sitrep.records import Actor, Analysis, Article, Document, Event, Keyword, Mention, Place

if TYPE_CHECKING:
    from sitrep.search.query import Query
    from sitrep.search.results import SearchPage


class Row(Protocol):
    """A result row as both backends give it: read by column name."""

    def __getitem__(self, key: str, /) -> Any: ...


@dataclass(frozen=True)
class Dialect:
    """The few SQL spellings the backends disagree on, for the queries written once."""

    name: str
    nocase_template: str  # an expression compared and ordered ignoring ASCII case, as SQLite's NOCASE
    like_template: str  # a case-insensitive LIKE of an expression against a placeholder
    row_key: str  # the column of `articles` that finds a row fastest: SQLite's rowid, the primary key else
    # A join in the order written: SQLite keeps a CROSS JOIN's order (its planner's hint); PostgreSQL
    # takes no ON with CROSS JOIN and plans the order itself.
    ordered_join: str

    def nocase(self, expression: str) -> str:
        return self.nocase_template.format(expression)

    def ci_equals(self, expression: str) -> str:
        """`expression` equals the next parameter, ignoring ASCII case."""
        return f"{self.nocase(expression)} = {self.nocase('?')}"

    def ci_like(self, expression: str) -> str:
        return self.like_template.format(expression)


SQLITE = Dialect("sqlite", "{} COLLATE NOCASE", "{} LIKE ?", row_key="rowid", ordered_join="CROSS JOIN")
# sitrep_nocase() folds ASCII letters only, as NOCASE does; ESCAPE '' makes a backslash literal, as in SQLite.
POSTGRES = Dialect("postgres", "sitrep_nocase({})", "{} ILIKE ? ESCAPE ''", row_key="id", ordered_join="JOIN")


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


def is_postgres_url(location: str | Path) -> bool:
    return str(location).startswith(("postgresql://", "postgres://"))


def redacted(url: str) -> str:
    """The URL without its password, to name it in messages."""
    parts = urlsplit(url)
    if not parts.password:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":***@", 1)))


class Store:
    """A Sitrep database: `Store(path)` opens SQLite, `Store("postgresql://...")` PostgreSQL.

    Every article is written in one transaction, so an interrupted ingest leaves whole articles only.
    """

    dialect: Dialect
    # The backend's DB-API connection (sqlite3 or psycopg), for SQL beyond this interface.
    db: Any

    def __new__(cls, location: str | Path) -> Store:
        if cls is Store:
            if is_postgres_url(location):
                from sitrep.store.postgres import PostgresStore

                return super().__new__(PostgresStore)
            from sitrep.store.sqlite import SQLiteStore

            return super().__new__(SQLiteStore)
        return super().__new__(cls)

    # --- what each backend provides ------------------------------------------------------------------

    def close(self) -> None:
        """Close the connection."""
        raise NotImplementedError

    def transaction(self) -> AbstractContextManager[object]:
        """Everything executed inside commits together or not at all; writers take turns."""
        raise NotImplementedError

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Iterator[Row]:
        """Rows of a statement written with `?` placeholders; each row reads by column name."""
        raise NotImplementedError

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """One statement written with `?` placeholders, run once per row of parameters."""
        raise NotImplementedError

    def insert_returning_ids(self, sql: str, rows: Sequence[Sequence[Any]]) -> list[int]:
        """An `INSERT ... RETURNING id` run once per row; the new ids, in order."""
        raise NotImplementedError

    def _index_article(self, article: Article) -> None:
        """The full-text index entry of the article just inserted, where the backend keeps one apart from
        the row (PostgreSQL's is a generated column of the row)."""

    def _delete_article(self, article_id: str) -> None:
        """The article's row, its index entry, and (by cascade) its analysis."""
        raise NotImplementedError

    def search(self, query: Query, order: str = "relevance", limit: int = 20, offset: int = 0) -> SearchPage:
        """One page of articles a parsed query finds; see sitrep.search."""
        raise NotImplementedError

    def matching_sql(self, query: Query) -> tuple[str, list[Any]]:
        """SQL selecting `id` and `key` (the dialect's row key) of every article a query finds, unordered,
        and its parameters: for counting over the articles a search finds."""
        raise NotImplementedError

    def tune_for_reading(self) -> None:
        """Settings for a connection that serves many reads (a web server's); none by default."""

    def usable(self) -> bool:
        """Whether the connection can still serve: a server's connection breaks when the server restarts."""
        return True

    # --- writing -------------------------------------------------------------------------------------

    def one(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        # Every row is read, so that no statement (an INSERT ... RETURNING) is left half-stepped.
        rows = list(self.execute(sql, params))
        return rows[0] if rows else None

    def known_document(self, document: Document) -> str | None:
        """The article id if this exact document (origin and content) is already stored."""
        row = self.one(
            "SELECT article_id FROM documents WHERE origin = ? AND content_hash = ?",
            (document.origin, document.hash),
        )
        return row["article_id"] if row else None

    def known_origin(self, origin: str) -> bool:
        """Whether some version of the document at `origin` is stored."""
        return self.one("SELECT 1 AS found FROM documents WHERE origin = ?", (origin,)) is not None

    def known_article(self, article_id: str) -> bool:
        return self.one("SELECT 1 AS found FROM articles WHERE id = ?", (article_id,)) is not None

    def record_duplicate(self, document: Document, article_id: str) -> None:
        """Remember that `document` holds an article already stored (same content, another origin)."""
        with self.transaction():
            self._replace_document(document, article_id)

    def save(self, document: Document, analysis: Analysis) -> None:
        """Store an analysed article atomically, replacing what its origin held before."""
        article = analysis.article
        with self.transaction():
            self._delete_article(article.id)
            self._replace_document(document, article.id)
            self._insert_article(article, now_iso())
            self._insert_analysis(analysis)

    def _replace_document(self, document: Document, article_id: str) -> None:
        previous = self.one("SELECT article_id FROM documents WHERE origin = ?", (document.origin,))
        self.execute(
            """INSERT INTO documents (origin, content_hash, article_id, fetched) VALUES (?, ?, ?, ?)
               ON CONFLICT (origin) DO UPDATE SET content_hash = excluded.content_hash,
                 article_id = excluded.article_id, fetched = excluded.fetched""",
            (document.origin, document.hash, article_id, document.fetched.isoformat()),
        )
        if previous and previous["article_id"] != article_id:
            self._delete_orphan(previous["article_id"])

    def _delete_orphan(self, article_id: str) -> None:
        if self.one("SELECT 1 AS used FROM documents WHERE article_id = ?", (article_id,)) is None:
            self._delete_article(article_id)

    def _insert_article(self, article: Article, ingested: str) -> None:
        self.executemany(
            """INSERT INTO articles (id, url, title, standfirst, body, published, byline, language, outlet,
                   original_source, translator, ingested)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [(
                article.id, article.url, article.title, article.standfirst, article.body, article.published,
                article.byline, article.language, article.outlet, article.original_source,
                article.translator, ingested,
            )],
        )  # fmt: skip
        self._index_article(article)

    def _insert_analysis(self, analysis: Analysis) -> None:
        # Rows of a kind go in one batch (a round trip to a PostgreSQL server each, not one per row); the
        # records a row refers to go in before it.
        article_id = analysis.article.id
        self.executemany(
            'INSERT INTO entities (article_id, start, "end", label, text) VALUES (?, ?, ?, ?, ?)',
            [(article_id, m.start, m.end, m.label, m.text) for m in analysis.entities],
        )
        # An event may name an actor the resolver did not list; keep its rows valid all the same.
        named = (a for e in analysis.events for a in (*e.actors, *e.recipients) if a not in analysis.actors)
        self._upsert_actors([*analysis.actors.values(), *(Actor(id=a, name=a) for a in dict.fromkeys(named))])
        self.executemany(
            'INSERT INTO actor_mentions (article_id, start, "end", text, actor_id) VALUES (?, ?, ?, ?, ?)',
            [(article_id, m.start, m.end, m.text, m.actor_id) for m in analysis.actor_mentions],
        )
        self._upsert_places(
            [m.place for m in analysis.places] + [e.place for e in analysis.events if e.place]
        )
        self.executemany(
            'INSERT INTO place_mentions (article_id, start, "end", text, place_id) VALUES (?, ?, ?, ?, ?)',
            [(article_id, m.start, m.end, m.text, m.place.id) for m in analysis.places],
        )
        self._insert_events(article_id, analysis.events)
        self.executemany(
            "INSERT INTO keywords (article_id, rank, text, score) VALUES (?, ?, ?, ?)",
            [(article_id, rank, k.text, k.score) for rank, k in enumerate(analysis.keywords)],
        )

    def _upsert_actors(self, actors: list[Actor]) -> None:
        # A later article may know an actor better (a kind or country found); never erase what is known.
        self.executemany(
            """INSERT INTO actors (id, name, kind, country, code) VALUES (?, ?, ?, ?, ?)
               ON CONFLICT (id) DO UPDATE SET
                 kind = COALESCE(actors.kind, excluded.kind),
                 country = COALESCE(actors.country, excluded.country),
                 code = COALESCE(actors.code, excluded.code)""",
            [(actor.id, actor.name, actor.kind, actor.country, actor.code) for actor in actors],
        )
        self.executemany(
            "INSERT INTO actor_aliases (actor_id, alias) VALUES (?, ?) ON CONFLICT DO NOTHING",
            # The name first, then a fixed order: of two spellings that differ only in case the table
            # keeps the first, and it must not depend on the process's hash seed.
            [(a.id, alias) for a in actors for alias in [a.name, *sorted(set(a.aliases))]],
        )

    def _upsert_places(self, places: list[Place]) -> None:
        self.executemany(
            """INSERT INTO places (id, name, lat, lon, country, admin1, feature, population)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
            [(p.id, p.name, p.lat, p.lon, p.country, p.admin1, p.feature, p.population) for p in places],
        )

    def _insert_events(self, article_id: str, events: list[Event]) -> None:
        ids = self.insert_returning_ids(
            """INSERT INTO events (article_id, type, mode, context, cameo, quad_class, place_id,
                   place_precision, date, date_precision, sentence, sentence_start, sentence_end, trigger,
                   negated, alleged, hypothetical, confidence, fatalities, fatalities_lower_bound)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""",
            [
                (
                    article_id, e.type, e.mode, e.context, e.cameo, e.quad_class, e.place.id if e.place else None,
                    e.place_precision, e.date, e.date_precision, e.sentence, e.sentence_start, e.sentence_end,
                    e.trigger, int(e.negated), int(e.alleged), int(e.hypothetical), e.confidence, e.fatalities,
                    int(e.fatalities_lower_bound),
                )
                for e in events
            ],
        )  # fmt: skip
        links = [
            (event_id, actor_id, role, position)
            for event_id, event in zip(ids, events, strict=True)
            for role, actor_ids in (("actor", event.actors), ("recipient", event.recipients))
            for position, actor_id in enumerate(actor_ids)
        ]
        self.executemany(
            "INSERT INTO event_actors (event_id, actor_id, role, position) VALUES (?, ?, ?, ?)", links
        )

    # --- reading -------------------------------------------------------------------------------------

    def article(self, article_id: str) -> Article | None:
        row = self.one("SELECT * FROM articles WHERE id = ?", (article_id,))
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
            for r in self.execute(
                'SELECT start, "end", label, text FROM entities WHERE article_id = ? ORDER BY start',
                (article_id,),
            )
        ]
        actors = self.actors_by_ids(
            [r["actor_id"] for r in self.execute(
                "SELECT actor_id FROM actor_mentions WHERE article_id = ? GROUP BY actor_id ORDER BY MIN(start)",
                (article_id,),
            )]
        )  # fmt: skip
        places = [
            place_from_row(r)
            for r in self.execute(
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
            for r in self.execute(
                "SELECT text, score FROM keywords WHERE article_id = ? ORDER BY rank", (article_id,)
            )
        ]

    def actors_by_ids(self, ids: Sequence[str]) -> list[Actor]:
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        rows = {r["id"]: r for r in self.execute(f"SELECT * FROM actors WHERE id IN ({marks})", list(ids))}
        aliases: dict[str, list[str]] = {}
        for r in self.execute(
            f"""SELECT actor_id, alias FROM actor_aliases WHERE actor_id IN ({marks})
                ORDER BY {self.dialect.nocase("alias")}""",
            list(ids),
        ):
            aliases.setdefault(r["actor_id"], []).append(r["alias"])
        return [actor_from_row(rows[i], aliases.get(i, [])) for i in ids if i in rows]

    def events_where(
        self,
        where: str,
        params: Sequence[Any],
        order: str = "e.date DESC NULLS LAST, e.id",
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
        return self._with_actors([event_from_row(r) for r in self.execute(sql, list(params))])

    def _with_actors(self, events: list[EventRow]) -> list[EventRow]:
        if not events:
            return events
        by_id = {e.id: e for e in events}
        marks = ",".join("?" * len(by_id))
        links = list(
            self.execute(
                f"""SELECT event_id, actor_id, role FROM event_actors WHERE event_id IN ({marks})
                    ORDER BY event_id, role, position""",
                list(by_id),
            )
        )
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
        row = self.one(f"SELECT COUNT(*) AS n FROM {table}")
        return int(row["n"]) if row else 0


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def article_from_row(row: Row, keywords: list[str]) -> Article:
    return Article(
        id=row["id"], url=row["url"], title=row["title"], standfirst=row["standfirst"],
        paragraphs=row["body"].split("\n\n") if row["body"] else [], published=row["published"],
        byline=row["byline"], language=row["language"], outlet=row["outlet"],
        original_source=row["original_source"], translator=row["translator"], keywords=keywords,
    )  # fmt: skip


def actor_from_row(row: Row, aliases: list[str]) -> Actor:
    return Actor(
        id=row["id"], name=row["name"], aliases=[a for a in aliases if a != row["name"]],
        kind=row["kind"], country=row["country"], code=row["code"],
    )  # fmt: skip


def place_from_row(row: Row, prefix: str = "") -> Place:
    return Place(
        id=row[prefix + "id"], name=row[prefix + "name"], lat=row[prefix + "lat"], lon=row[prefix + "lon"],
        country=row[prefix + "country"], admin1=row[prefix + "admin1"], feature=row[prefix + "feature"],
        population=row[prefix + "population"] or 0,
    )  # fmt: skip


def event_from_row(row: Row) -> EventRow:
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
