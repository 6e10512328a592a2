"""Keyword extraction speed on DUC-2001 documents: Sitrep's extractor against YAKE, in documents per second.

Sitrep needs a spaCy parse, which the pipeline makes once for every stage; so its speed is given both
for ranking alone (over documents parsed beforehand) and with the parse included. YAKE works on raw text.

Run: .venv/bin/python bench/keywords_speed.py ../shared/bench/keywords/DUC2001 [--limit N]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from sitrep import nlp
from sitrep.evaluation.keywords import load_duc
from sitrep.keywords import KeywordExtractor, keywords_from_doc


def docs_per_second(count: int, work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return count / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description="Keyword extraction speed: Sitrep vs YAKE")
    parser.add_argument("duc_dir", type=Path)
    parser.add_argument("--limit", type=int, default=100, help="documents to use (default 100)")
    args = parser.parse_args()

    import yake

    texts = [doc.text for doc in load_duc(args.duc_dir)[: args.limit]]
    nlp.load()  # model loading is not part of the measure
    extractor = KeywordExtractor(top_n=10)
    yake_extractor = yake.KeywordExtractor(lan="en", n=3, top=10)

    parsed: list = []
    parse_rate = docs_per_second(len(texts), lambda: parsed.extend(nlp.parse_many(texts)))
    rank_rate = docs_per_second(
        len(texts), lambda: [keywords_from_doc(doc, extractor=extractor) for doc in parsed]
    )
    yake_rate = docs_per_second(len(texts), lambda: [yake_extractor.extract_keywords(text) for text in texts])
    with_parse = 1 / (1 / parse_rate + 1 / rank_rate)

    print(f"documents: {len(texts)} (mean {sum(map(len, texts)) / len(texts):.0f} characters)")
    print(f"sitrep ranking only (parsed docs): {rank_rate:8.1f} docs/s")
    print(
        f"sitrep with spaCy parse:           {with_parse:8.1f} docs/s (parse alone {parse_rate:.1f} docs/s)"
    )
    print(f"yake (raw text):                   {yake_rate:8.1f} docs/s")


if __name__ == "__main__":
    main()
