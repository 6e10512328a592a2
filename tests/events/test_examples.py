"""Regression over Sitrep's own example sentences (`sitrep/data/events/examples.jsonl`, one per PLOVER
type and mode, written for Sitrep): the coder's top event must have the labelled type (and mode)."""

from __future__ import annotations

import json
from importlib import resources

from sitrep.evaluation.events import pipeline_coder


def test_own_examples_code_as_labelled() -> None:
    text = resources.files("sitrep.data.events").joinpath("examples.jsonl").read_text(encoding="utf-8")
    rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    assert {r["type"] for r in rows} >= {"AGREE", "ASSAULT", "RETREAT", "REQUEST", "ACCUSE", "THREATEN"}
    wrong = []
    for row, analysis in zip(rows, pipeline_coder([r["text"] for r in rows]), strict=True):
        top = max(analysis.events, key=lambda e: e.confidence, default=None)
        if top is None or top.type != row["type"] or (row.get("mode") and top.mode != row["mode"]):
            wrong.append((row["text"], top.type if top else None, top.mode if top else None))
    assert len(wrong) <= len(rows) // 25, wrong
