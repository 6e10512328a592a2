"""The DUC-2001 evaluation: reading the SGML, normalising phrases, scoring, and a floor on a sample."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep import nlp
from sitrep.evaluation.keywords import (
    DucDocument,
    _document_text,
    load_duc,
    precision_recall_f1,
    predict,
    score_system,
    sitrep_ranker,
)

SGML = """<DOC><DOCNO> AP0001-0003 </DOCNO><HEAD>Headline</HEAD>
<TEXT>
   First paragraph wraps
onto a second line.
   Second paragraph.
</TEXT>
<TEXT><P>Third <B>paragraph</B>.</P></TEXT></DOC>"""


def test_document_text_keeps_paragraphs_and_undoes_wrapping() -> None:
    assert (
        _document_text(SGML)
        == "First paragraph wraps onto a second line.\n\nSecond paragraph.\n\nThird paragraph ."
    )


def test_precision_divides_by_the_cutoff_and_recall_by_the_gold() -> None:
    precision, recall, f1 = precision_recall_f1(["a", "b", "c"], {"a", "c", "d", "e"}, 5)
    assert (precision, recall) == (0.4, 0.5)
    assert f1 == pytest.approx(2 * 0.4 * 0.5 / 0.9)
    assert precision_recall_f1(["x"], {"a"}, 5) == (0.0, 0.0, 0.0)


def test_stemmed_matching_and_splits() -> None:
    pytest.importorskip("nltk")
    docs = [DucDocument("AP1-0001", "", ["oil spills", "Alaska"]), DucDocument("AP1-0002", "", ["tanker"])]
    predictions = {"AP1-0001": ["oil spill", "alaska"], "AP1-0002": ["ship"]}
    scores = score_system(predictions, docs, [5])
    assert docs[0].split == "dev" and docs[1].split == "test"
    assert scores["dev"]["R@5"] == 1.0
    assert scores["test"]["R@5"] == 0.0
    assert scores["all"]["documents"] == 2


def test_sitrep_beats_a_floor_on_a_duc_sample(shared_dir: Path) -> None:
    """F1@10 on the first 40 test-half documents; about 0.33 on the whole test half when written."""
    pytest.importorskip("nltk")
    docs = load_duc(shared_dir / "bench" / "keywords" / "DUC2001")
    assert len(docs) == 307
    sample = [doc for doc in docs if doc.split == "test"][:40]
    predictions = predict(sitrep_ranker(20), sample, list(nlp.parse_many(doc.text for doc in sample)), 10)
    assert score_system(predictions, sample, [10])["all"]["F1@10"] >= 0.25
