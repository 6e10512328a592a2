"""PETRARCH's own unit tests: its test sentences coded with its Validate dictionaries.

The folder holds `PETR.UnitTest.records.xml` (sentences with a date and the expected `EventCoding`
source, target and CAMEO code; fictional actors; some codes are test codes) and the
`PETR.Validate.actors/agents/verbs.txt` dictionaries. Actors are read with
`ActorRegistry.from_petrarch`, verbs with Sitrep's reader of the CAMEO dictionary format; sentences are
parsed with Sitrep's spaCy model (the records' own Treebank parses are not used) and coded by
`PatternCoder`.

Scoring: `recall` is the share of expected (source, target, code) triples produced; `extra` the
produced triples that were not expected, as a share of the expected count. Records that test
PETRARCH's error handling (`error=`: datelines, bad parses, discards) are skipped; records expecting no
events count only their extras. Per-record `<Config>` options (comma limits, require_dyad) are not
emulated.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitrep import nlp
from sitrep.actors import ActorRegistry, ActorResolver
from sitrep.actors.registry import as_date
from sitrep.events.arguments import ActorIndex, ArgumentReader, Qualifier
from sitrep.events.cameo import read_verb_dictionary
from sitrep.events.lexicon import default_lexicon
from sitrep.events.patterns import PatternCoder
from sitrep.pipeline import entities
from sitrep.records import Analysis, Article

Triple = tuple[str, str, str]


@dataclass(frozen=True)
class TestRecord:
    id: str
    category: str
    date: str | None
    text: str
    expected: tuple[Triple, ...]


def load_records(path: Path) -> list[TestRecord]:
    root = ET.parse(path).getroot()
    records: list[TestRecord] = []
    for number, sentence in enumerate(root.iter("Sentence")):
        codings = sentence.findall("EventCoding")
        if any("error" in c.attrib for c in codings):
            continue
        text = " ".join((sentence.findtext("Text") or "").split())
        if not text:
            continue
        expected = tuple(
            (c.attrib["sourcecode"], c.attrib["targetcode"], c.attrib["eventcode"])
            for c in codings
            if "eventcode" in c.attrib
        )
        raw_date = sentence.attrib.get("date", "")
        date = f"{raw_date[:4]}-{raw_date[4:6]}-{raw_date[6:8]}" if len(raw_date) == 8 else None
        records.append(
            TestRecord(
                id=sentence.attrib.get("id", f"record-{number}"),
                category=sentence.attrib.get("category", "?"),
                date=date,
                text=text,
                expected=expected,
            )
        )
    return records


def code_records(records: list[TestRecord], folder: Path) -> list[list[Triple]]:
    registry = ActorRegistry.from_petrarch(
        folder / "PETR.Validate.actors.txt", folder / "PETR.Validate.agents.txt"
    )
    resolver = ActorResolver(registry)
    coder = PatternCoder(read_verb_dictionary(folder / "PETR.Validate.verbs.txt"))
    grammar = default_lexicon().grammar
    produced: list[list[Triple]] = []
    for record, doc in zip(records, nlp.parse_many(r.text for r in records), strict=True):
        article = Article(id=record.id, url="", title="", paragraphs=[record.text], published=record.date)
        analysis = Analysis(article=article, doc=doc, entities=entities(doc))
        resolver(analysis)
        index = ActorIndex(doc, analysis.actor_mentions, grammar, analysis.actors)
        reader = ArgumentReader(index, grammar, qualifier(registry, analysis))
        triples: list[Triple] = []
        for sentence in doc.sents:
            for coded in coder.code_sentence(sentence, reader):
                triples.extend(
                    (source, target, code)
                    for s, t, code in coded.triples()
                    for source in codes_of(analysis, s)
                    for target in codes_of(analysis, t)
                )
        produced.append(list(dict.fromkeys(triples)))
    return produced


def qualifier(registry: ActorRegistry, analysis: Analysis) -> Qualifier:
    """Composite actors as PETRARCH forms them from an agent and its owner ("soldiers from Gondor" is
    GONMIL), through the registry's composition; the composite joins the analysis's actors."""
    day = as_date(analysis.article.published)

    def qualify(generic_id: str, owner_id: str, words: str) -> str | None:
        generic = analysis.actors.get(generic_id)
        if generic is None or not generic.kind or owner_id not in registry:
            return None
        agent = registry.agent(words)
        composite = registry.compose(owner_id, generic.kind, day, agent.code if agent else "").actor(day)
        analysis.actors.setdefault(composite.id, composite)
        return composite.id

    return qualify


def codes_of(analysis: Analysis, actor_id: str) -> list[str]:
    """The actor's CAMEO codes (an entry with several, `FRO/BIL/SAM`, stands for each); a generic
    agent with no country is `---` and its sector (`---GOV`); an actor with neither has none."""
    actor = analysis.actors.get(actor_id)
    if actor is None or not (actor.code or actor.kind):
        return []  # an actor the dictionaries do not know: PETRARCH would not code it
    return (actor.code or f"---{actor.kind}").upper().split("/")


def evaluate(unittest_dir: Path) -> dict[str, Any]:
    records = load_records(unittest_dir / "PETR.UnitTest.records.xml")
    produced = code_records(records, unittest_dir)
    matched = extra = expected_total = 0
    by_category: dict[str, Counter[str]] = defaultdict(Counter)
    for record, triples in zip(records, produced, strict=True):
        wanted = Counter(record.expected)
        got = Counter(triples)
        hits = sum((wanted & got).values())
        matched += hits
        extra += sum(got.values()) - hits
        expected_total += sum(wanted.values())
        by_category[record.category].update(expected=sum(wanted.values()), matched=hits)
    return {
        "benchmark": "PETRARCH unit-test records with the Validate dictionaries",
        "records": len(records),
        "expected_triples": expected_total,
        "matched_triples": matched,
        "extra_triples": extra,
        "recall": round(matched / expected_total, 3) if expected_total else 0.0,
        "extra": round(extra / expected_total, 3) if expected_total else 0.0,
        "recall_by_category": {
            name: round(c["matched"] / c["expected"], 3) if c["expected"] else None
            for name, c in sorted(by_category.items())
        },
    }
