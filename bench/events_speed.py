"""Event coding throughput in sentences per second, parsing included, against spaCy's parse alone.

Texts: the PLOVER gold sentences in ../shared/bench/events when present, else Sitrep's own example
sentences (src/sitrep/data/events/examples.jsonl); repeated to at least --sentences sentences. Three
timings over the same texts, each with nlp.pipe batches: the parse alone; parse + actors + events (the
coding path of `sitrep code`); and the event coder alone over documents parsed and resolved beforehand.

Run: .venv/bin/python bench/events_speed.py [--sentences 2000] [--json]
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from spacy.tokens import Doc

from sitrep import nlp
from sitrep.actors import ActorRegistry, ActorResolver
from sitrep.evaluation.events import load_gold
from sitrep.events import EventCoder
from sitrep.pipeline import entities
from sitrep.records import Analysis, Article

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


def timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=2000, help="how many texts to code (default 2000)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args()
    result = measure(args.sentences)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            print(f"{key:45} {value}")


if __name__ == "__main__":
    main()
