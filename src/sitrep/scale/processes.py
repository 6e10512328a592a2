"""The pipeline in worker processes: one spaCy and one set of stages per worker, results in input order.

Parsing and analysis are CPU-bound Python, so threads do not help (the GIL); processes do. Each worker
builds its own `Pipeline` once, when it starts, and analyses chunks of documents (extraction included)
sent to it; the calling process only reads inputs and stores results. Workers are started with "spawn",
so none inherits the caller's open database connection. The spaCy Doc stays in the worker: what comes
back is the Analysis records, which are all the store needs.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
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
# How often a worker checks that the process that started it is still there.
PARENT_CHECK_SECONDS = 1.0

_worker_pipeline: Pipeline | None = None


class ProcessPipeline:
    """Analyse documents in `workers` processes; a drop-in for `Pipeline.analyze_documents` in ingest."""

    def __init__(self, workers: int, names: Sequence[str] = DEFAULT, chunk_size: int = CHUNK_SIZE) -> None:
        if workers < 1:
            raise ValueError(f"workers must be at least 1, not {workers}")
        self.workers = workers
        self.names = tuple(names)
        self.chunk_size = chunk_size
        self._executor: ProcessPoolExecutor | None = None

    def analyze_documents(self, documents: Iterable[Document]) -> Iterator[Analysis | InputError]:
        """Extract and analyse in the workers; yields one outcome per document, in input order."""
        executor = self._started()
        stream = iter(documents)
        in_flight: deque[Future[list[Analysis | InputError]]] = deque()
        while chunk := list(islice(stream, self.chunk_size)):
            in_flight.append(executor.submit(_analyze_chunk, chunk))
            if len(in_flight) > self.workers * (1 + QUEUED_PER_WORKER):
                yield from in_flight.popleft().result()
        while in_flight:
            yield from in_flight.popleft().result()

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(cancel_futures=True)
            self._executor = None

    def _started(self) -> ProcessPoolExecutor:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(self.names, self.chunk_size, os.getpid()),
            )
        return self._executor


def _start_worker(names: tuple[str, ...], chunk_size: int, parent: int) -> None:
    global _worker_pipeline
    # A killed ingest must not leave workers behind waiting for chunks that will never come.
    threading.Thread(target=_exit_without_parent, args=(parent,), daemon=True).start()
    _worker_pipeline = Pipeline(names, batch_size=chunk_size)
    nlp.load()  # now, not with the first chunk: a worker is ready once it has started


def _exit_without_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def _analyze_chunk(documents: list[Document]) -> list[Analysis | InputError]:
    if _worker_pipeline is None:
        raise RuntimeError("worker process started without its pipeline")
    outcomes = list(_worker_pipeline.analyze_documents(documents))
    for outcome in outcomes:
        if isinstance(outcome, Analysis):
            outcome.doc = None  # the store needs the records, not the parse
    return outcomes
