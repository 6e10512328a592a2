"""HTML extraction measured on the article-extraction benchmark in ../shared (skips without it).

The benchmark's own measure: F1 over 4-token shingles of the body, averaged over pages. trafilatura 2.3.1
alone scores about 0.967 with favor_precision; our pipeline (precision mode, then kicker, chrome and
standfirst handling) scored 0.969 when this test was written."""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from sitrep.extract import extract
from sitrep.records import Document

MIN_F1 = 0.95


def shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = re.findall(r"\w+", text.lower())
    return Counter(tuple(tokens[i : i + 4]) for i in range(max(1, len(tokens) - 3)))


def test_body_f1_on_the_extraction_benchmark(shared_dir: Path) -> None:
    root = shared_dir / "bench" / "extraction"
    gold = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    precisions, recalls = [], []
    for key, item in gold.items():
        html = gzip.decompress((root / "html" / f"{key}.html.gz").read_bytes())
        article = extract(Document(key, html, "html", datetime.now(UTC)))
        expected, found = shingles(item["articleBody"]), shingles(article.body)
        common = sum((expected & found).values())
        precisions.append(common / max(1, sum(found.values())))
        recalls.append(common / max(1, sum(expected.values())))
    precision, recall = sum(precisions) / len(gold), sum(recalls) / len(gold)
    assert 2 * precision * recall / (precision + recall) >= MIN_F1
