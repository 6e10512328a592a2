"""The pipeline beyond one process: chunks of documents analysed elsewhere, results back in input order.

Parsing and analysis are CPU-bound Python, so threads do not help (the GIL); processes do, on this machine
(`ProcessPipeline`) or on a Dask cluster (`sitrep.scale.dask.DaskPipeline`). Each worker builds its own
`Pipeline` (spaCy and the stages) once and extracts and analyses the chunks sent to it; the calling
process only reads inputs and stores results, so the database never leaves it. The spaCy Doc stays in
the worker: what comes back is the Analysis records, which are all the store needs.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from abc import ABC, abstractmethod
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from itertools import islice

from sitrep import nlp
from sitrep.errors import InputError
from sitrep.pipeline import DEFAULT, Pipeline
from sitrep.records import Analysis, Document

# Documents sent to a worker at a time: few enough that a small folder keeps every worker busy, enough that
# spaCy still parses in batches.
CHUNK_SIZE = 8
# Chunks queued per worker beyond the one it is working on, so that no worker waits for the next chunk.
QUEUED_PER_WORKER = 1
# How often a local worker checks that the process that started it is still there.
PARENT_CHECK_SECONDS = 1.0

Outcomes = list[Analysis | InputError]


class ParallelPipeline(ABC):
    """Sends chunks to an executor's workers; a drop-in for `Pipeline.analyze_documents` in ingest."""

    def __init__(self, names: Sequence[str] = DEFAULT, chunk_size: int = CHUNK_SIZE) -> None:
        self.names = tuple(names)
        self.chunk_size = chunk_size

    def analyze_documents(self, documents: Iterable[Document]) -> Iterator[Analysis | InputError]:
        """Extract and analyse in the workers; yields one outcome per document, in input order."""
        executor = self.executor()
        most_in_flight = self.workers() * (1 + QUEUED_PER_WORKER)
        stream = iter(documents)
        in_flight: deque[Future[Outcomes]] = deque()
        while chunk := list(islice(stream, self.chunk_size)):
            in_flight.append(executor.submit(analyze_chunk, self.names, self.chunk_size, chunk))
            if len(in_flight) > most_in_flight:
                yield from in_flight.popleft().result()
        while in_flight:
            yield from in_flight.popleft().result()

    @abstractmethod
    def executor(self) -> Executor:
        """The executor to submit chunks to, started on first use."""

    @abstractmethod
    def workers(self) -> int:
        """How many chunks the executor works on at once."""

    @abstractmethod
    def close(self) -> None:
        """Stop what `executor` started."""


class ProcessPipeline(ParallelPipeline):
    """The pipeline in `workers` processes on this machine (`sitrep ingest --workers N`).

    Workers are started with "spawn", so none inherits the caller's open database connection, and each
    leaves when the process that started it is gone (a killed ingest leaves no workers behind).
    """

    def __init__(self, workers: int, names: Sequence[str] = DEFAULT, chunk_size: int = CHUNK_SIZE) -> None:
        if workers < 1:
            raise ValueError(f"workers must be at least 1, not {workers}")
        super().__init__(names, chunk_size)
        self._workers = workers
        self._executor: ProcessPoolExecutor | None = None

    def executor(self) -> Executor:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                max_workers=self._workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_local_worker,
                initargs=(self.names, self.chunk_size, os.getpid()),
            )
        return self._executor

    def workers(self) -> int:
        return self._workers

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(cancel_futures=True)
            self._executor = None


def _start_local_worker(names: tuple[str, ...], chunk_size: int, parent: int) -> None:
    threading.Thread(target=_exit_without_parent, args=(parent,), daemon=True).start()
    _worker_pipeline(names, chunk_size)
    nlp.load()  # now, not with the first chunk: a worker is ready once it has started


def _exit_without_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


# One pipeline per worker thread: the stages hold SQLite connections, which stay in the thread that opened
# them (a Dask worker may run tasks in several threads).
_local = threading.local()


def _worker_pipeline(names: tuple[str, ...], chunk_size: int) -> Pipeline:
    key = (names, chunk_size)
    if getattr(_local, "key", None) != key:
        _local.pipeline, _local.key = Pipeline(names, batch_size=chunk_size), key
    pipeline: Pipeline = _local.pipeline
    return pipeline


def analyze_chunk(names: tuple[str, ...], chunk_size: int, documents: list[Document]) -> Outcomes:
    """What a worker does with one chunk (public so that any executor can import it by name)."""
    outcomes = list(_worker_pipeline(names, chunk_size).analyze_documents(documents))
    for outcome in outcomes:
        if isinstance(outcome, Analysis):
            outcome.doc = None  # the store needs the records, not the parse
    return outcomes
