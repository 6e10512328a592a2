"""Regression over Sitrep's own example sentences (`sitrep/data/events/examples.jsonl`, written for
Sitrep): each is labelled with its main event's type (and mode), or NONE for a sentence that reports no
event. The learned model is trained on them, so these are floors against regressions, not measures of
quality (those are the PLOVER records, see `sitrep eval events`)."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import pytest

from sitrep.evaluation.events import pipeline_coder
from sitrep.events import embedded, learned
from sitrep.events.train import inputs_sha256, read_examples
from sitrep.records import Analysis, Event

Coded = list[tuple[dict[str, Any], Event | None]]


@pytest.fixture(scope="module")
def coded() -> Coded:
    text = resources.files("sitrep.data.events").joinpath("examples.jsonl").read_text(encoding="utf-8")
    rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    return [(row, top(a)) for row, a in zip(rows, pipeline_coder([r["text"] for r in rows]), strict=True)]


def top(analysis: Analysis) -> Event | None:
    return max(analysis.events, key=lambda e: e.confidence, default=None)


def test_examples_cover_every_type(coded: Coded) -> None:
    types = {row["type"] for row, _ in coded}
    assert len(types - {"NONE"}) == 16 and "NONE" in types


def test_top_event_has_the_labelled_type(coded: Coded) -> None:
    events = [(row, event) for row, event in coded if row["type"] != "NONE"]
    wrong = [row["text"] for row, event in events if event is None or event.type != row["type"]]
    assert len(wrong) <= 0.08 * len(events), wrong


def test_top_event_has_the_labelled_mode(coded: Coded) -> None:
    scored = [(row, e) for row, e in coded if row.get("mode") and e is not None and e.type == row["type"]]
    wrong = [row["text"] for row, event in scored if event is not None and event.mode != row["mode"]]
    assert len(wrong) <= 0.09 * len(scored), wrong


def test_sentences_without_events_stay_without(coded: Coded) -> None:
    quiet = [(row, event) for row, event in coded if row["type"] == "NONE"]
    invented = [row["text"] for row, event in quiet if event is not None]
    assert len(invented) <= 0.06 * len(quiet), invented


def test_example_texts_are_unique() -> None:
    # a repeated sentence weighs twice in training and lands in two cross-validation folds at once
    texts = [str(row["text"]) for row in read_examples(None)]
    repeated = sorted({text for text in texts if texts.count(text) > 1})
    assert not repeated, repeated


@pytest.mark.parametrize("model_file", [learned.MODEL_FILE, embedded.MODEL_FILE])
def test_shipped_models_were_trained_on_the_current_examples_and_lexicon(model_file: str) -> None:
    """Both type models must be retrained whenever the examples or the lexicon change (see docs/events.md)."""
    text = resources.files("sitrep.data.events").joinpath(model_file).read_text(encoding="utf-8")
    assert json.loads(text).get("inputs_sha256") == inputs_sha256(None), f"retrain {model_file}"
