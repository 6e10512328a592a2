"""Event-type evaluation on the PLOVER gold records (`PLOVER_GSR_CAMEO.txt`, a JSON list).

Each record is a sentence with one gold event (`event`, `mode`, `source` and `target` actor lists with
CAMEO `code`s); a sentence with several events appears once per event. Older labels are mapped to the
current manual: FIGHT is ASSAULT, DEMAND is REQUEST, DISAPPROVE and INVESTIGATE are ACCUSE.

Split: a record belongs to the dev part, which the coder may be tuned on, when the SHA-256 of its text,
read as an integer, is divisible by 3 (about a third); the rest is held out. The top-level numbers are
for the held-out part, `dev` holds the same for the dev part.

Scoring: the sentence is coded by the pipeline's actors and events stages; its events are ranked by
confidence. A sentence with k gold records is scored on its top k events: each gold record takes a
ranked event of its type if one is left, otherwise it is counted as the best-ranked event left (or
NONE). Accuracy is the share of records whose type is right; per-type precision, recall and F1 and
their macro average over the types present follow from the same assignment. Mode accuracy is over
records whose type is right and whose gold mode is set (older mode names mapped); actor and recipient
code accuracy over records whose type is right and whose gold list has codes: right when a predicted
actor's code shares its first three letters (the country or IGO/NGO block) with a gold code.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitrep.events.embedded import LIGHT, type_model_named
from sitrep.records import Analysis, Article, Event

OLD_LABELS = {"FIGHT": "ASSAULT", "DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE"}
OLD_MODES = {
    "assassinate": "targeted",
    "strike-hun": "hunger",
    "strike-gen": "strike",
    "demo-org": "demo",
    "demo-spon": "demo",
    "riot-spon": "riot",
    "ban": "restrict",
}
NONE = "NONE"
DEV_MODULUS = 3


@dataclass(frozen=True)
class GoldRecord:
    text: str
    type: str
    mode: str | None
    source_codes: tuple[str, ...]
    target_codes: tuple[str, ...]

    @property
    def is_dev(self) -> bool:
        return int(hashlib.sha256(self.text.encode("utf-8")).hexdigest(), 16) % DEV_MODULUS == 0


@dataclass
class Scored:
    gold: GoldRecord
    predicted: str
    event: Event | None
    codes: dict[str, str | None] = field(default_factory=dict)


def actor_codes(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    codes = [str(a.get("code", "")).strip().upper() for a in value if isinstance(a, dict)]
    return tuple(c for c in codes if c)


def load_gold(path: Path) -> list[GoldRecord]:
    records = json.loads(path.read_text(encoding="utf-8"))
    gold: list[GoldRecord] = []
    for record in records:
        label = str(record.get("event", "")).upper()
        text = str(record.get("text", "")).strip().strip("{}").strip()
        if label == "DOCUMENT" or not text:
            continue
        mode = str(record.get("mode") or "").strip() or None
        gold.append(
            GoldRecord(
                text=text,
                type=OLD_LABELS.get(label, label),
                mode=OLD_MODES.get(mode, mode) if mode else None,
                source_codes=actor_codes(record.get("source")),
                target_codes=actor_codes(record.get("target")),
            )
        )
    return gold


def pipeline_coder(
    texts: list[str], dictionaries: Path | None = None, type_model: str = LIGHT
) -> list[Analysis]:
    """Code each text as an article of one paragraph with the actors and events stages; with
    `dictionaries`, the event coder also reads the CAMEO verb dictionary there. `type_model` names the
    learned type model (`sitrep.events.embedded.TYPE_MODELS`: the light default, the embedding model of the optional
    extra, or none for the rules alone)."""
    from sitrep.events import EventCoder
    from sitrep.pipeline import Pipeline

    model = type_model_named(type_model)
    pipeline = Pipeline(["actors", "events"])
    coder = EventCoder(dictionaries=dictionaries, learned=model is not None, type_model=model)
    pipeline.components = [
        (name, coder if name == "events" else component) for name, component in pipeline.components
    ]
    articles = [
        Article(id=str(i), url="", title="", paragraphs=[t], language="en") for i, t in enumerate(texts)
    ]
    return list(pipeline.analyze(articles))


def score_sentence(records: list[GoldRecord], analysis: Analysis) -> list[Scored]:
    ranked = sorted(analysis.events, key=lambda e: -e.confidence)[: len(records)]
    left = list(ranked)
    scored: list[Scored] = []
    for record in records:
        event = next((e for e in left if e.type == record.type), None)
        if event is None and left:
            event = left[0]
        if event is not None:
            left.remove(event)
        scored.append(
            Scored(record, event.type if event else NONE, event, code_hits(record, event, analysis))
        )
    return scored


def code_hits(record: GoldRecord, event: Event | None, analysis: Analysis) -> dict[str, str | None]:
    """For each role with gold codes: "hit" or "miss" (None when the role is not scored)."""
    if event is None or event.type != record.type:
        return {}

    def blocks(ids: list[str]) -> set[str]:
        found = set()
        for actor_id in ids:
            actor = analysis.actors.get(actor_id)
            code = (actor.code or actor.country or "") if actor else ""
            if code:
                found.add(code[:3].upper())
        return found

    hits: dict[str, str | None] = {}
    for role, gold_codes, ids in (
        ("actor", record.source_codes, event.actors),
        ("recipient", record.target_codes, event.recipients),
    ):
        if gold_codes:
            hits[role] = "hit" if blocks(ids) & {c[:3] for c in gold_codes} else "miss"
    return hits


def metrics(scored: list[Scored]) -> dict[str, Any]:
    total = len(scored)
    correct = sum(s.predicted == s.gold.type for s in scored)
    types = sorted({s.gold.type for s in scored})
    per_type: dict[str, dict[str, float | int]] = {}
    for event_type in types:
        tp = sum(s.gold.type == event_type and s.predicted == event_type for s in scored)
        fp = sum(s.gold.type != event_type and s.predicted == event_type for s in scored)
        fn = sum(s.gold.type == event_type and s.predicted != event_type for s in scored)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_type[event_type] = {
            "precision": round(precision, 3),
            "recall": round(recall, 3),
            "f1": round(f1, 3),
            "support": tp + fn,
        }
    confusion: dict[str, dict[str, int]] = defaultdict(dict)
    for (gold, predicted), count in sorted(Counter((s.gold.type, s.predicted) for s in scored).items()):
        confusion[gold][predicted] = count
    with_mode = [s for s in scored if s.gold.mode and s.predicted == s.gold.type and s.event is not None]
    mode_hits = sum(s.event is not None and s.event.mode == s.gold.mode for s in with_mode)
    return {
        "records": total,
        "accuracy": round(correct / total, 3) if total else 0.0,
        "macro_f1": round(sum(float(p["f1"]) for p in per_type.values()) / len(per_type), 3)
        if per_type
        else 0.0,
        "per_type": per_type,
        "mode_accuracy": round(mode_hits / len(with_mode), 3) if with_mode else None,
        "mode_scored": len(with_mode),
        **role_accuracy(scored, "actor"),
        **role_accuracy(scored, "recipient"),
        "confusion": dict(confusion),
    }


def role_accuracy(scored: list[Scored], role: str) -> dict[str, Any]:
    outcomes = [s.codes[role] for s in scored if s.codes.get(role)]
    hits = sum(o == "hit" for o in outcomes)
    return {
        f"{role}_code_accuracy": round(hits / len(outcomes), 3) if outcomes else None,
        f"{role}_code_scored": len(outcomes),
    }


def group_by_text(records: Iterable[GoldRecord]) -> dict[str, list[GoldRecord]]:
    grouped: dict[str, list[GoldRecord]] = defaultdict(list)
    for record in records:
        grouped[record.text].append(record)
    return dict(grouped)


def evaluate(plover_path: Path, dictionaries: Path | None = None, type_model: str = LIGHT) -> dict[str, Any]:
    """Scores on the held-out part at the top level and on the dev part under `dev`; `dictionaries`
    adds the CAMEO verb dictionary in that folder as a signal, `type_model` chooses the learned type
    model (see `pipeline_coder`)."""
    grouped = group_by_text(load_gold(plover_path))
    texts = list(grouped)
    analyses = pipeline_coder(texts, dictionaries, type_model)
    scored = [
        s
        for text, analysis in zip(texts, analyses, strict=True)
        for s in score_sentence(grouped[text], analysis)
    ]
    held_out = [s for s in scored if not s.gold.is_dev]
    dev = [s for s in scored if s.gold.is_dev]
    return {
        "benchmark": "PLOVER gold records (PLOVER_GSR_CAMEO)",
        "split": f"dev: sha256(text) % {DEV_MODULUS} == 0; top level: the held-out rest",
        "cameo_dictionary": str(dictionaries) if dictionaries else None,
        "type_model": type_model,
        **metrics(held_out),
        "dev": metrics(dev),
    }
