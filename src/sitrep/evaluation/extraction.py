"""Article-body extraction on the article-extraction benchmark, Sitrep beside trafilatura alone.

The benchmark's measure: precision, recall and F1 over 4-token shingles of the body, per page, averaged
over pages (F1 from the averaged precision and recall), plus exact-match accuracy of the shingle sets.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sitrep.errors import InputError
from sitrep.extract import extract
from sitrep.records import Document


def shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = re.findall(r"\w+", text.lower())
    return Counter(tuple(tokens[i : i + 4]) for i in range(max(1, len(tokens) - 3)))


def sitrep_body(key: str, html: bytes) -> str:
    try:
        return extract(Document(key, html, "html", datetime.now(UTC))).body
    except InputError:
        return ""


def trafilatura_body(key: str, html: bytes) -> str:
    import trafilatura

    return trafilatura.extract(html.decode("utf-8", "replace"), favor_precision=True) or ""


SYSTEMS: dict[str, Callable[[str, bytes], str]] = {"sitrep": sitrep_body, "trafilatura": trafilatura_body}


def evaluate(bench_dir: Path) -> dict[str, Any]:
    gold = json.loads((bench_dir / "ground-truth.json").read_text(encoding="utf-8"))
    pages = {key: gzip.decompress((bench_dir / "html" / f"{key}.html.gz").read_bytes()) for key in gold}
    result: dict[str, Any] = {"pages": len(pages)}
    for name, system in SYSTEMS.items():
        result[name] = score({key: system(key, html) for key, html in pages.items()}, gold)
    return result


def score(found: dict[str, str], gold: dict[str, dict[str, str]]) -> dict[str, float]:
    precisions, recalls, exact = [], [], 0
    for key, item in gold.items():
        expected, got = shingles(item["articleBody"]), shingles(found.get(key, ""))
        common = sum((expected & got).values())
        precisions.append(common / max(1, sum(got.values())))
        recalls.append(common / max(1, sum(expected.values())))
        exact += expected == got
    precision, recall = sum(precisions) / len(gold), sum(recalls) / len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "accuracy": round(exact / len(gold), 4),
    }
