"""The library facade: `sitrep.open(path)` returns a Sitrep with every operation the CLI and web offer.

`path` is a SQLite file, or a PostgreSQL URL (postgresql://user@host/db) for a database several machines share.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO, cast

from tqdm import tqdm

from sitrep.errors import InputError, QueryError, SitrepError
from sitrep.ingest import Input, expand_paths, read_path
from sitrep.pipeline import Analyzer, Pipeline
from sitrep.records import Analysis, Document
from sitrep.search import SearchPage, parse
from sitrep.search.results import ORDERS
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
    status: str


def default_db_path() -> str:
    return os.environ.get("SITREP_DB") or DEFAULT_DB


class Sitrep:
    """A Sitrep database and the pipeline that fills it. The pipeline (spaCy and the stages) loads lazily."""

    def __init__(
        self,
        path: str | Path | None = None,
        pipeline: Analyzer | None = None,
        workers: int = 1,
        scheduler: str | None = None,
    ) -> None:
        """For a pipeline made here: `workers` > 1 extracts and analyses in that many processes, and a
        Dask `scheduler` address on that cluster's workers."""
        self.store = Store(path or default_db_path())
        self._pipeline = pipeline
        self._owns_pipeline = pipeline is None  # a pipeline passed in may serve other databases too
        self._workers = workers
        self._scheduler = scheduler
        self._coder: Pipeline | None = None

    @property
    def pipeline(self) -> Analyzer:
        if self._pipeline is None:
            self._pipeline = self._new_pipeline()
        return self._pipeline

    def _new_pipeline(self) -> Analyzer:
        if self._scheduler:
            from sitrep.scale import DaskPipeline

            return DaskPipeline(self._scheduler)
        if self._workers > 1:
            from sitrep.scale import ProcessPipeline

            return ProcessPipeline(self._workers)
        return Pipeline()

    def close(self) -> None:
        if self._owns_pipeline and self._pipeline is not None:
            self._pipeline.close()
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
        """Extract, analyse (batched at the NLP boundary, or in worker processes) and store, one
        transaction per article; yields one result per input, in input order."""
        # Inputs the pipeline has pulled and not yet answered for, in order: results for unchanged and
        # unreadable inputs wait here until every input before them is stored.
        waiting: deque[IngestResult | _Pending] = deque()
        queued_ids: set[str] = set()

        def to_analyse() -> Iterator[Document]:
            for item in documents:
                entry = self._prepare(item, queued_ids)
                waiting.append(entry)
                if isinstance(entry, _Pending):
                    queued_ids.add(entry.document.id)
                    yield entry.document

        for outcome in self.pipeline.analyze_documents(to_analyse()):
            yield from _settled(waiting)
            # The pipeline answers once per document sent, in order: the front is the one it answered.
            pending = cast(_Pending, waiting.popleft())
            yield self._store(pending, outcome)
            queued_ids.discard(pending.document.id)  # stored: a later copy is recorded as a duplicate
        yield from _settled(waiting)

    def _prepare(self, item: Document | InputError, queued_ids: set[str]) -> IngestResult | _Pending:
        if isinstance(item, InputError):
            return IngestResult(item.origin, "error", error=item.problem)
        article_id = self.store.known_document(item)
        if article_id is not None:
            return IngestResult(item.origin, "unchanged", id=article_id)
        if item.id in queued_ids or self.store.known_article(item.id):
            # Same content under another origin (a mirror or a re-post): remember it, store it once.
            if item.id not in queued_ids:
                self.store.record_duplicate(item, item.id)
            return IngestResult(item.origin, "unchanged", id=item.id)
        return _Pending(item, "updated" if self.store.known_origin(item.origin) else "added")

    def _store(self, pending: _Pending, outcome: Analysis | InputError) -> IngestResult:
        origin = pending.document.origin
        if isinstance(outcome, InputError):
            return IngestResult(origin, "error", error=outcome.problem)
        self.store.save(pending.document, outcome)
        return IngestResult(origin, pending.status, id=outcome.article.id, warnings=outcome.warnings)

    # --- reading -------------------------------------------------------------------------------------

    def show(self, article_id: str) -> ArticleDetail:
        detail = self.store.detail(article_id)
        if detail is None:
            raise NotFound(f"no article with id {article_id!r}")
        return detail

    def search(self, query: str, order: str = "relevance", limit: int = 20, offset: int = 0) -> SearchPage:
        if order not in ORDERS:
            raise QueryError(f"order must be one of {', '.join(ORDERS)}")
        return self.store.search(parse(query), order=order, limit=limit, offset=offset)

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


def _settled(waiting: deque[IngestResult | _Pending]) -> Iterator[IngestResult]:
    """Take the results at the front of the queue, up to the first input still being analysed."""
    while waiting and isinstance(front := waiting[0], IngestResult):
        waiting.popleft()
        yield front


def _documents(item: Input | InputError) -> Iterator[Document | InputError]:
    if isinstance(item, InputError):
        yield item
    else:
        yield from read_path(item)


def open(path: str | Path | None = None, workers: int = 1) -> Sitrep:  # noqa: A001 - the front door, like sqlite3
    """Open (creating if need be) a Sitrep database: `./sitrep.db` unless `path` or SITREP_DB says otherwise;
    a `postgresql://` URL opens (and sets up) a PostgreSQL database. `workers` > 1 ingests in that many
    processes."""
    return Sitrep(path, workers=workers)
