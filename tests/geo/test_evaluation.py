"""The geoparsing scorer: synthetic cases, and the published baselines scored to their published numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.evaluation.geo import (
    Toponym,
    error_metrics,
    evaluate,
    gold_errors,
    load_corpus,
    match,
    score_baselines,
)


def test_error_metrics() -> None:
    metrics = error_metrics([0.0, 10.0, 200.0, 5000.0])
    assert metrics["acc161"] == 0.5
    assert metrics["median_km"] == 105.0
    assert 0.0 < metrics["auc"] < 1.0
    assert error_metrics([0.0, 0.0])["auc"] == 0.0


def test_inexact_match_needs_the_same_text_near_the_same_place() -> None:
    gold = [Toponym(10, 16, "Damask", 33.5, 36.3), Toponym(40, 44, "Duma", 33.6, 36.4)]
    predicted = [Toponym(12, 18, "damask", 0, 0), Toponym(70, 74, "Duma", 0, 0), Toponym(1, 3, "Xy", 0, 0)]
    pairs, false_positives, false_negatives = match(predicted, gold)
    assert [(g.text, p.text) for g, p in pairs] == [("Damask", "damask")]
    assert (false_positives, false_negatives) == (2, 1)


@pytest.fixture(scope="module")
def bench_dir(shared_dir: Path) -> Path:
    return shared_dir / "bench" / "geo"


def test_published_baselines_score_as_published(bench_dir: Path) -> None:
    scores = score_baselines(bench_dir)
    clavin = scores["lgl_clavin"]  # results_lgl.txt: P 0.8126, R 0.4431, acc161 0.7056, AUC 0.2553
    assert clavin["precision"] == pytest.approx(0.8126, abs=1e-3)
    assert clavin["recall"] == pytest.approx(0.4431, abs=1e-3)
    assert clavin["acc161"] == pytest.approx(0.7056, abs=2e-3)
    assert clavin["auc"] == pytest.approx(0.2553, abs=2e-3)
    assert scores["gwn_edin"]["f1"] == pytest.approx(0.664, abs=1e-3)  # as the issue quotes it


def test_corpora_load_with_spans_into_their_texts(bench_dir: Path) -> None:
    for corpus, expected in (("gwn", 2401), ("lgl", 4462), ("trnews", 1275)):
        articles = load_corpus(corpus, bench_dir)
        toponyms = [t for a in articles for t in a.toponyms]
        assert len(toponyms) == expected
        aligned = sum(a.text[t.start : t.end] == t.text for a in articles for t in a.toponyms)
        assert aligned / len(toponyms) > 0.99


def test_gold_errors_list_the_toponyms_acc161_counts_as_missed(bench_dir: Path) -> None:
    scores = evaluate("trnews", "gold", bench_dir)
    errors = gold_errors("trnews", bench_dir)
    assert len(errors) == round((1 - scores["acc161"]) * scores["toponyms"])
    assert all(e.km >= 161 for e in errors)
    assert [e.article for e in errors] == sorted(e.article for e in errors)
