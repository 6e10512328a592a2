"""How well actors resolve on public gold data: `python -m sitrep.actors.measure SHARED_DIR [--json]`.

- PLOVER gold records (`bench/events/PLOVER_GSR_CAMEO.txt`): for every gold source or target whose
  text occurs in the sentence, the last actor mention overlapping that text is compared with the gold
  country code (IGO and NGO count as countries) and, where the record gives one, the gold sector.
- PETRARCH unit-test records (`bench/events/petrarch-unittest/`), read with the Validate dictionaries:
  the share of expected source and target codes found among the codes of the resolved actors.

Both run sentence by sentence with no article context, as the gold data is.
"""

from __future__ import annotations

import argparse
import json
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from sitrep import nlp
from sitrep.actors.registry import ActorRegistry
from sitrep.actors.resolver import ActorResolver
from sitrep.records import Actor, Analysis, Article, Mention


def analyses(texts: Iterable[tuple[str, str | None]], resolver: ActorResolver) -> Iterator[Analysis]:
    """(text, ISO date) pairs, parsed in batches and resolved."""
    pairs = list(texts)
    for (text, published), doc in zip(pairs, nlp.parse_many(text for text, _ in pairs), strict=True):
        article = Article(id="gold", url="", title="", paragraphs=[text], published=published)
        entities = [Mention(e.start_char, e.end_char, e.label_, e.text) for e in doc.ents]
        analysis = Analysis(article=article, doc=doc, entities=entities)
        resolver(analysis)
        yield analysis


def plover_agreement(path: Path, registry: ActorRegistry | None = None) -> dict[str, Any]:
    records = [
        r for r in json.loads(path.read_text(encoding="utf-8")) if isinstance(r, dict) and r.get("text")
    ]
    counts = {"actors": 0, "found": 0, "country": 0, "with_sector": 0, "sector": 0}
    texts = ((" ".join(r["text"].split()), r.get("date")) for r in records)
    for record, analysis in zip(records, analyses(texts, ActorResolver(registry)), strict=True):
        for gold in _gold_actors(record):
            actor = _actor_at(analysis, gold.get("actorText") or "")
            if actor is None and (gold.get("actorText") or "") not in analysis.article.body:
                continue  # the gold text is not in the sentence (markup or spelling differs)
            counts["actors"] += 1
            if actor is None:
                continue
            counts["found"] += 1
            counts["country"] += _same_country(actor, str(gold.get("code") or ""))
            sector = str(gold.get("sector") or "").upper()
            if sector:
                counts["with_sector"] += 1
                counts["sector"] += actor.kind == sector
    return {
        **counts,
        "country_agreement": _share(counts["country"], counts["actors"]),
        "sector_agreement": _share(counts["sector"], counts["with_sector"]),
    }


def petrarch_coverage(folder: Path) -> dict[str, Any]:
    registry = ActorRegistry.from_petrarch(
        folder / "PETR.Validate.actors.txt", folder / "PETR.Validate.agents.txt"
    )
    sentences = ET.parse(folder / "PETR.UnitTest.records.xml").getroot().iter("Sentence")
    cases = []
    for sentence in sentences:
        codes = [
            code
            for coding in sentence.findall("EventCoding")
            for code in (coding.get("sourcecode"), coding.get("targetcode"))
            if code and code != "---"
        ]
        text = " ".join((sentence.findtext("Text") or "").split())
        if codes and text:
            day = sentence.get("date") or ""
            cases.append((codes, text, f"{day[:4]}-{day[4:6]}-{day[6:8]}" if len(day) == 8 else None))
    expected = found = 0
    resolved = analyses(((text, day) for _, text, day in cases), ActorResolver(registry))
    for (codes, _, _), analysis in zip(cases, resolved, strict=True):
        seen = {actor.code for actor in analysis.actors.values()}
        expected += len(codes)
        found += sum(code in seen for code in codes)
    return {"expected_codes": expected, "found_codes": found, "coverage": _share(found, expected)}


def _gold_actors(record: dict[str, Any]) -> list[dict[str, Any]]:
    actors = []
    for role in ("source", "target"):
        value = record.get(role) or []
        actors += [a for a in ([value] if isinstance(value, dict) else value) if isinstance(a, dict)]
    return actors


def _actor_at(analysis: Analysis, text: str) -> Actor | None:
    start = analysis.article.body.find(text) if text else -1
    if start < 0:
        return None
    inside = [m for m in analysis.actor_mentions if m.start < start + len(text) and start < m.end]
    return analysis.actors[inside[-1].actor_id] if inside else None


def _same_country(actor: Actor, gold_code: str) -> bool:
    country = gold_code[:3].upper()
    if country in ("IGO", "NGO"):
        return actor.kind == country
    return country == (actor.country or (actor.code or "")[:3])


def _share(part: int, whole: int) -> float:
    return round(part / whole, 3) if whole else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m sitrep.actors.measure", description=__doc__.split("\n")[0]
    )
    parser.add_argument("shared", type=Path, help="the shared benchmark folder (holding bench/events)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    events = args.shared / "bench" / "events"
    result = {
        "plover": plover_agreement(events / "PLOVER_GSR_CAMEO.txt"),
        "petrarch": petrarch_coverage(events / "petrarch-unittest"),
    }
    if args.json:
        print(json.dumps(result))
    else:
        for name, numbers in result.items():
            print(name, " ".join(f"{key}={value}" for key, value in numbers.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
