"""Toponym resolution speed once the gazetteer is loaded: toponyms resolved per second (target >= 5,000).

Resolves the gold toponym spans of the geoparsing corpora in ../shared/bench/geo (each article with its
context, as `sitrep eval geo --mode gold` does), twice: a first pass with the lookup cache cold and a
second with it warm. Rates per second of wall time and per second of this process's CPU time (on a
shared machine the wall-time rate measures the neighbours too). Usage: python bench/geo_speed.py [--corpus gwn|lgl|trnews] [--json]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from sitrep.evaluation.geo import CORPORA, load_corpus
from sitrep.geo import Gazetteer, Geoparser

BENCH_DIR = Path(__file__).resolve().parents[2] / "shared" / "bench" / "geo"


def measure(corpus: str, bench_dir: Path) -> dict[str, float]:
    started = time.perf_counter()
    gazetteer = Gazetteer.open()
    loaded = time.perf_counter() - started
    geoparser = Geoparser(gazetteer)
    articles = load_corpus(corpus, bench_dir)
    spans = [(a.text, [(t.start, t.end) for t in a.toponyms]) for a in articles]
    count = sum(len(s) for _, s in spans)
    result: dict[str, float] = {"toponyms": count, "load_seconds": round(loaded, 3)}
    for label in ("cold", "warm"):
        started, cpu_started = time.perf_counter(), time.process_time()
        for text, article_spans in spans:
            geoparser.resolve_spans(text, article_spans)
        result[f"{label}_per_second"] = round(count / (time.perf_counter() - started))
        result[f"{label}_per_cpu_second"] = round(count / (time.process_time() - cpu_started))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=sorted(CORPORA), default="lgl")
    parser.add_argument("--bench-dir", type=Path, default=BENCH_DIR)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = measure(args.corpus, args.bench_dir)
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key}: {value}")


if __name__ == "__main__":
    main()
