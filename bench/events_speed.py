"""Event coding throughput in sentences per second, parsing included, against spaCy's parse alone.

Texts: the PLOVER gold sentences in ../shared/bench/events when present, else Sitrep's own example
sentences (src/sitrep/data/events/examples.jsonl); repeated to at least --sentences sentences. Three
timings over the same texts, each with nlp.pipe batches: the parse alone; parse + actors + events (the
coding path of `sitrep code`); and the event coder alone over documents parsed and resolved beforehand.

With --corpus PATH (e.g. examples/corpus) it times instead each component of the full pipeline on whole
articles, in CPU milliseconds per article (process time, so that other work on the machine does not
count): the articles are read, extracted and parsed beforehand.

Run: .venv/bin/python bench/events_speed.py [--sentences 2000 | --corpus examples/corpus] [--json]
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from functools import partial
from importlib import resources
from pathlib import Path

from spacy.tokens import Doc

from sitrep import nlp
from sitrep.actors import ActorRegistry, ActorResolver
from sitrep.evaluation.events import load_gold
from sitrep.events import EventCoder
from sitrep.extract import extract
from sitrep.ingest import expand_paths, read_path
from sitrep.pipeline import ANALYSED_LANGUAGES, Pipeline, entities
from sitrep.records import Analysis, Article, Document

PLOVER = Path(__file__).resolve().parents[2] / "shared" / "bench" / "events" / "PLOVER_GSR_CAMEO.txt"


def texts(wanted: int) -> tuple[str, list[str]]:
    if PLOVER.is_file():
        source, base = "PLOVER gold sentences", list(dict.fromkeys(r.text for r in load_gold(PLOVER)))
    else:
        text = resources.files("sitrep.data.events").joinpath("examples.jsonl").read_text(encoding="utf-8")
        source = "Sitrep's example sentences"
        base = [json.loads(line)["text"] for line in text.splitlines() if line.strip()]
    repeated = (base * (wanted // len(base) + 1))[:wanted]
    return source, repeated


def timed(run: Callable[[], object], clock: Callable[[], float] = time.perf_counter) -> float:
    started = clock()
    run()
    return clock() - started


def measure(wanted: int) -> dict[str, object]:
    source, sample = texts(wanted)
    resolver, coder = ActorResolver(ActorRegistry.default()), EventCoder()
    nlp.load()
    docs: list[Doc] = []
    parse_only = timed(lambda: docs.extend(nlp.parse_many(sample)))
    sentences = sum(1 for d in docs for _ in d.sents)
    analyses: list[Analysis] = []

    def full() -> None:
        for text, doc in zip(sample, nlp.parse_many(sample), strict=True):
            analysis = Analysis(
                Article(id="b", url="", title="", paragraphs=[text]), doc=doc, entities=entities(doc)
            )
            resolver(analysis)
            coder(analysis)
            analyses.append(analysis)

    with_coding = timed(full)
    for analysis in analyses:
        analysis.events = []

    def code_again() -> None:
        for analysis in analyses:
            coder(analysis)

    coder_only = timed(code_again)
    return {
        "texts": source,
        "documents": len(sample),
        "sentences": sentences,
        "events": sum(len(a.events) for a in analyses),
        "parse_sentences_per_second": round(sentences / parse_only),
        "parse_actors_events_sentences_per_second": round(sentences / with_coding),
        "events_only_sentences_per_second": round(sentences / coder_only),
        "ratio_to_parse": round(parse_only / with_coding, 3),
    }


def corpus_articles(corpus: str) -> list[Article]:
    documents = [
        d
        for path in expand_paths([corpus])
        if isinstance(path, Path)
        for d in read_path(path)
        if isinstance(d, Document)
    ]
    articles = [extract(d) for d in documents]
    return [a for a in articles if a.body.strip() and (a.language or "en") in ANALYSED_LANGUAGES]


def component_times(corpus: str) -> dict[str, object]:
    """CPU milliseconds per article spent in each pipeline component, in pipeline order."""
    articles = corpus_articles(corpus)
    docs = list(nlp.parse_many(a.body for a in articles))
    pipeline = Pipeline()
    spent = dict.fromkeys(pipeline.names, 0.0)
    events = 0
    for article, doc in zip(articles, docs, strict=True):
        analysis = Analysis(article=article, doc=doc, entities=entities(doc))
        for name, component in pipeline.components:
            spent[name] += timed(partial(component, analysis), time.process_time)
        events += len(analysis.events)
    count = max(len(articles), 1)
    return {
        "corpus": corpus,
        "articles": len(articles),
        "events": events,
        "cpu_ms_per_article": {name: round(1000 * seconds / count, 2) for name, seconds in spent.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=2000, help="how many texts to code (default 2000)")
    parser.add_argument("--corpus", help="time each pipeline component per article on this folder or file")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args()
    result = component_times(args.corpus) if args.corpus else measure(args.sentences)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            print(f"{key:45} {value}")


if __name__ == "__main__":
    main()
