"""Store speed, SQLite against PostgreSQL: ingest writes and search latency over the same analyses.

The corpus is analysed once; each round then saves every analysis into a new, empty database of each
backend (one transaction per article, as `sitrep ingest` does), so only the store's writes are timed.
Search runs a fixed mix of queries (words, a phrase, OR/NOT, a prefix, filters) against each filled
database and reports the median (p50) and p95 latency of one query.

Without --postgres, a throwaway server is started with pgserver (the dev dependency) and deleted after.

Run: .venv/bin/python bench/store_backends.py [examples/corpus] [--rounds 5] [--searches 20]
     [--postgres postgresql://user@host/db]   (a database the benchmark may fill: it creates one per round)
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from sitrep.ingest import expand_paths, read_path
from sitrep.pipeline import Pipeline
from sitrep.records import Analysis, Document
from sitrep.search import parse
from sitrep.store import Store

QUERIES = [
    "Duma",
    '"Army of Islam"',
    "truce OR ceasefire",
    "ISIS NOT Duma",
    "bomb*",
    "evacuat* AND (Duma OR Douma)",
    "place:Saqba truce",
    "actor:ISIS type:RETREAT",
    "since:2024-02 -mortar",
]


def analysed(corpus: str) -> list[tuple[Document, Analysis]]:
    documents = [
        document
        for source in expand_paths([corpus])
        if not isinstance(source, Exception)
        for document in read_path(source)
        if isinstance(document, Document)
    ]
    pipeline = Pipeline()
    outcomes = list(pipeline.analyze_documents(documents))
    pipeline.close()
    return [(d, a) for d, a in zip(documents, outcomes, strict=True) if isinstance(a, Analysis)]


def save_all(store: Store, analyses: list[tuple[Document, Analysis]]) -> float:
    """Seconds to save every analysis, each in its own transaction."""
    started = time.perf_counter()
    for document, analysis in analyses:
        store.save(document, analysis)
    return time.perf_counter() - started


def search_latencies(store: Store, repeats: int) -> list[float]:
    parsed = [parse(q) for q in QUERIES]
    latencies = []
    for _ in range(repeats):
        for query in parsed:
            started = time.perf_counter()
            store.search(query, limit=20)
            latencies.append(time.perf_counter() - started)
    return latencies


@contextmanager
def throwaway_postgres() -> Iterator[str]:
    import pgserver

    parent = Path(tempfile.mkdtemp(prefix="sitrep-bench-postgres-"))
    server = pgserver.get_server(parent / "data", cleanup_mode="delete")
    try:
        yield str(server.get_uri())
    finally:
        server.cleanup()
        shutil.rmtree(parent, ignore_errors=True)


def postgres_databases(url: str) -> Callable[[int], str]:
    """A factory of new, empty databases on the server at `url`, one per round."""
    import psycopg

    def new(round_number: int) -> str:
        name = f"sitrep_bench_{round_number}"
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name}")
            admin.execute(f"CREATE DATABASE {name}")
        return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))

    return new


def measure(
    name: str, open_round: Callable[[int], Store], analyses: list[tuple[Document, Analysis]], args: Any
) -> None:
    writes, latencies = [], []
    for round_number in range(args.rounds):
        store = open_round(round_number)
        writes.append(save_all(store, analyses))
        latencies += search_latencies(store, args.searches)
        store.close()
    seconds = statistics.median(writes)
    quantiles = statistics.quantiles(latencies, n=100)
    print(
        f"{name:10} ingest writes {len(analyses) / seconds:7.1f} articles/s (median of {args.rounds} rounds, "
        f"{seconds * 1000:.0f} ms)   search p50 {quantiles[49] * 1000:6.2f} ms  p95 {quantiles[94] * 1000:6.2f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description="Store speed: SQLite vs PostgreSQL")
    parser.add_argument("corpus", nargs="?", default="examples/corpus")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--searches", type=int, default=20, help="times each query runs per round")
    parser.add_argument("--postgres", help="a server to use instead of a throwaway pgserver one")
    args = parser.parse_args()

    analyses = analysed(args.corpus)
    print(f"articles: {len(analyses)}; queries: {len(QUERIES)}, each run {args.searches} times per round")
    with tempfile.TemporaryDirectory() as folder:
        measure("sqlite", lambda n: Store(Path(folder) / f"round{n}.db"), analyses, args)
    with throwaway_postgres() if args.postgres is None else nullcontext(args.postgres) as url:
        new_database = postgres_databases(url)
        measure("postgresql", lambda n: Store(new_database(n)), analyses, args)


if __name__ == "__main__":
    main()
