"""The library facade: `sitrep.open(path)` returns a Sitrep with every operation the CLI and web offer."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from tqdm import tqdm

from sitrep import nlp
from sitrep import search as search_module
from sitrep.errors import InputError, SitrepError
from sitrep.ingest import Input, expand_paths, read_path
from sitrep.pipeline import Pipeline
from sitrep.records import Analysis, Article, Document
from sitrep.search.sqlite import SearchPage, run
from sitrep.store import ArticleDetail, EventRow, Store, queries
from sitrep.store.queries import ActorSummary, EventQuery, PlaceSummary

DEFAULT_DB = "sitrep.db"


class NotFound(SitrepError):
    """No article, actor or place with that id."""


@dataclass
class IngestResult:
    """What happened to one input: status is added, updated, unchanged or error."""

    path: str
    status: str
    id: str | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Pending:
    document: Document
    article: Article
    status: str


def default_db_path() -> str:
    return os.environ.get("SITREP_DB") or DEFAULT_DB


class Sitrep:
    """A Sitrep database and the pipeline that fills it. The pipeline (spaCy and the stages) loads lazily."""

    def __init__(self, path: str | Path | None = None, pipeline: Pipeline | None = None) -> None:
        self.store = Store(path or default_db_path())
        self._pipeline = pipeline
        self._coder: Pipeline | None = None

    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            self._pipeline = Pipeline()
        return self._pipeline

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Sitrep:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing -------------------------------------------------------------------------------------

    def ingest(self, paths: Iterable[str], progress: bool = False) -> Iterator[IngestResult]:
        """Ingest files, folders and globs; yields one result per document, in input order."""
        files = list(expand_paths(paths))
        bar = tqdm(files, unit="file", disable=not progress or len(files) < 2, leave=False)
        return self.ingest_documents(doc for item in bar for doc in _documents(item))

    def ingest_documents(self, documents: Iterable[Document | InputError]) -> Iterator[IngestResult]:
        """Extract, analyse (batched at the NLP boundary) and store; one transaction per article."""
        window: list[IngestResult | _Pending] = []
        pending_ids: set[str] = set()
        for item in documents:
            entry = self._prepare(item, pending_ids)
            window.append(entry)
            if isinstance(entry, _Pending):
                pending_ids.add(entry.article.id)
                if len(pending_ids) >= nlp.BATCH_SIZE:
                    yield from self._flush(window)
                    window, pending_ids = [], set()
        yield from self._flush(window)

    def _prepare(self, item: Document | InputError, pending_ids: set[str]) -> IngestResult | _Pending:
        if isinstance(item, InputError):
            return IngestResult(item.origin, "error", error=item.problem)
        article_id = self.store.known_document(item)
        if article_id is not None:
            return IngestResult(item.origin, "unchanged", id=article_id)
        if item.id in pending_ids or self.store.known_article(item.id):
            # Same content under another origin (a mirror or a re-post): remember it, store it once.
            if item.id not in pending_ids:
                self.store.record_duplicate(item, item.id)
            return IngestResult(item.origin, "unchanged", id=item.id)
        from sitrep.extract import extract  # trafilatura loads only when there is something to extract

        try:
            article = extract(item)
        except InputError as error:
            return IngestResult(item.origin, "error", error=error.problem)
        updated = self.store.db.execute("SELECT 1 FROM documents WHERE origin = ?", (item.origin,)).fetchone()
        return _Pending(item, article, "updated" if updated else "added")

    def _flush(self, window: list[IngestResult | _Pending]) -> Iterator[IngestResult]:
        pending = [e for e in window if isinstance(e, _Pending)]
        analyses = {}
        if pending:
            articles = self.pipeline.analyze(p.article for p in pending)
            analyses = dict(zip((id(p) for p in pending), articles, strict=True))
        for entry in window:
            if isinstance(entry, IngestResult):
                yield entry
                continue
            analysis = analyses[id(entry)]
            self.store.save(entry.document, analysis)
            yield IngestResult(
                entry.document.origin, entry.status, id=entry.article.id, warnings=analysis.warnings
            )

    # --- reading -------------------------------------------------------------------------------------

    def show(self, article_id: str) -> ArticleDetail:
        detail = self.store.detail(article_id)
        if detail is None:
            raise NotFound(f"no article with id {article_id!r}")
        return detail

    def search(self, query: str, order: str = "relevance", limit: int = 20, offset: int = 0) -> SearchPage:
        if order not in search_module.sqlite.ORDERS:
            raise search_module.query.QueryError(
                f"order must be one of {', '.join(search_module.sqlite.ORDERS)}"
            )
        return run(self.store.db, search_module.parse(query), order=order, limit=limit, offset=offset)

    def events(self, query: EventQuery | None = None, **filters: Any) -> list[EventRow]:
        return queries.events(self.store, query or EventQuery(**filters))

    def actors(self, name: str | None = None, limit: int = 100, offset: int = 0) -> list[ActorSummary]:
        return queries.actors(self.store, name, limit, offset)

    def places(self, name: str | None = None, limit: int = 100, offset: int = 0) -> list[PlaceSummary]:
        return queries.places(self.store, name, limit, offset)

    def stats(self) -> dict[str, int]:
        return queries.stats(self.store)

    def export(self, out: TextIO | Any, fmt: str = "jsonl", what: str = "events") -> int:
        from sitrep.export import write

        return write(self, out, fmt, what)

    def code(
        self, records: Iterable[dict[str, Any] | InputError]
    ) -> Iterator[tuple[dict[str, Any], Analysis | InputError]]:
        """Batch event coding of arbitrary text (as researchers use PETRARCH); nothing is stored."""
        from sitrep.coding import CODING_COMPONENTS, code_records

        if self._coder is None:
            self._coder = Pipeline(CODING_COMPONENTS)
        return code_records(self._coder, records)


def _documents(item: Input | InputError) -> Iterator[Document | InputError]:
    if isinstance(item, InputError):
        yield item
    else:
        yield from read_path(item)


def open(path: str | Path | None = None) -> Sitrep:  # noqa: A001 - the library's front door, like sqlite3
    """Open (creating if need be) a Sitrep database: `./sitrep.db` unless `path` or SITREP_DB says otherwise."""
    return Sitrep(path)
