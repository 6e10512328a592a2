"""HTML extraction measured on the article-extraction benchmark in ../shared (skips without it)."""

from __future__ import annotations

from pathlib import Path

from sitrep.evaluation.extraction import evaluate, score

MIN_F1 = 0.95


def test_scorer_counts_shingles() -> None:
    gold = {"a": {"articleBody": "one two three four five"}, "b": {"articleBody": "six seven eight nine"}}
    perfect = score({"a": "one two three four five", "b": "six seven eight nine"}, gold)
    assert perfect == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "accuracy": 1.0}
    half = score({"a": "one two three four", "b": ""}, gold)
    assert half["recall"] == 0.25 and half["accuracy"] == 0.0


def test_body_f1_on_the_extraction_benchmark(shared_dir: Path) -> None:
    result = evaluate(shared_dir / "bench" / "extraction")
    assert result["sitrep"]["f1"] >= MIN_F1
    assert result["sitrep"]["f1"] >= result["trafilatura"]["f1"] - 0.005
