"""Throughput of the full pipeline against spaCy's `nlp.pipe` alone, on the same texts in the same run.

    python bench/throughput.py [--articles 200] [--rounds 3] [--workers 1]

With --workers N > 1 the pipeline runs in N worker processes (`sitrep ingest --workers N`) and spaCy in N
processes too (`nlp.pipe(n_process=N)`), so both sides use the same cores.

The texts are the example corpus (and the seed page when ../shared exists), cycled to the requested
count with a distinct suffix each time, so that no article is skipped as unchanged. The full pipeline is
everything `sitrep ingest` does from bytes to a committed row: extract, parse, actors, places, events,
keywords, store. Rounds alternate the two systems; the best round of each is reported (a shared, noisy
machine slows runs down, it never speeds them up).
"""

from __future__ import annotations

import argparse
import json
import platform
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from sitrep import nlp
from sitrep.api import Sitrep
from sitrep.extract import extract
from sitrep.ingest import expand_paths, read_path
from sitrep.records import Document

REPO = Path(__file__).resolve().parents[1]
SOURCES = [REPO / "examples" / "corpus", REPO.parent / "shared" / "seed"]


def corpus_documents(count: int) -> list[Document]:
    base = [
        doc
        for path in expand_paths(str(p) for p in SOURCES if p.exists())
        if isinstance(path, Path)
        for doc in read_path(path)
        if isinstance(doc, Document)
    ]
    documents = []
    for i in range(count):
        doc = base[i % len(base)]
        marker = f"\n<!-- copy {i} -->\n" if doc.format == "html" else f"\n\nCopy {i}."
        documents.append(replace(doc, origin=f"{doc.origin}#{i}", content=doc.content + marker.encode()))
    return documents


def bare_spacy(bodies: list[str], workers: int) -> float:
    start = time.perf_counter()
    for _ in nlp.load().pipe(bodies, batch_size=nlp.BATCH_SIZE, n_process=workers):
        pass
    return time.perf_counter() - start


def full_pipeline(documents: list[Document], app: Sitrep) -> float:
    start = time.perf_counter()
    results = list(app.ingest_documents(documents))
    elapsed = time.perf_counter() - start
    failed = [r for r in results if r.status != "added"]
    if failed:
        raise SystemExit(f"benchmark inputs failed to ingest: {failed[:3]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    documents = corpus_documents(args.articles)
    bodies = [extract(d).body for d in documents]
    words = sum(len(b.split()) for b in bodies)
    nlp.load()
    with tempfile.TemporaryDirectory() as tmp:
        warm = Sitrep(Path(tmp) / "warm.db", workers=args.workers)
        # Load every stage (gazetteer, registry; in every worker) outside the timing.
        full_pipeline(documents[: nlp.BATCH_SIZE * args.workers], warm)
        spacy_times, pipeline_times = [], []
        for round_number in range(args.rounds):
            spacy_times.append(bare_spacy(bodies, args.workers))
            app = Sitrep(Path(tmp) / f"round{round_number}.db", pipeline=warm.pipeline)
            pipeline_times.append(full_pipeline(documents, app))
            app.close()
        warm.close()
    spacy_best, pipeline_best = min(spacy_times), min(pipeline_times)
    report = {
        "articles": len(documents),
        "words": words,
        "spacy_articles_per_s": round(len(documents) / spacy_best, 1),
        "spacy_words_per_s": round(words / spacy_best),
        "pipeline_articles_per_s": round(len(documents) / pipeline_best, 1),
        "pipeline_words_per_s": round(words / pipeline_best),
        "ratio_pipeline_to_spacy": round(spacy_best / pipeline_best, 3),
        "rounds": args.rounds,
        "workers": args.workers,
        "python": platform.python_version(),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
