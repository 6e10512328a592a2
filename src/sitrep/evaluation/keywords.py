"""Keyphrase extraction measured on DUC-2001 against the peers YAKE and TextRank.

DUC-2001 (Wan and Xiao, 2008): 308 news documents annotated with key phrases; the copy in
../shared has 307 documents in SGML (text inside <TEXT>) and `annotations.txt` lines of the form
`DOCID@phrase;phrase;...`. A predicted phrase matches a gold one when their Porter-stemmed,
lower-cased words are equal. Precision, recall and F1 are computed per document at each cutoff and
averaged over documents (precision divides by the cutoff). Each system sees the same text.

Tuning was done on the dev half (documents whose number ends in an odd digit); the test half is the
rest. `evaluate` reports all three splits.

Run: python -m sitrep.evaluation.keywords ../shared/bench/keywords/DUC2001
The peers need the evaluation extra: yake, pytextrank and nltk.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from sitrep import nlp
from sitrep.keywords import KeywordExtractor, keywords_from_doc

TEXT_BLOCK = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
TAG = re.compile(r"<[^>]+>")
# A new paragraph starts at a blank line, at an indented line (AP) or at a <P> tag (LA Times).
PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n(?=[ \t])|<P>")
WORD = re.compile(r"\w+")
SPLITS = ("all", "dev", "test")

Ranker = Callable[[Doc, str], list[str]]


@dataclass(frozen=True)
class DucDocument:
    id: str
    text: str
    gold: list[str]

    @property
    def split(self) -> str:
        """ "dev" when the document number ends in an odd digit, else "test"."""
        return "dev" if int(self.id[-1]) % 2 else "test"


def load_duc(duc_dir: Path) -> list[DucDocument]:
    """Annotated documents that have a text, sorted by id."""
    gold = _read_annotations(duc_dir / "annotations.txt")
    docs = []
    for path in sorted((duc_dir / "docs").iterdir()):
        if path.name in gold:
            docs.append(
                DucDocument(path.name, _document_text(path.read_text(errors="replace")), gold[path.name])
            )
    return docs


def _read_annotations(path: Path) -> dict[str, list[str]]:
    gold = {}
    for line in path.read_text().splitlines():
        doc_id, _, phrases = line.partition("@")
        if phrases:
            gold[doc_id.strip()] = [p.strip() for p in phrases.split(";") if p.strip()]
    return gold


def _document_text(sgml: str) -> str:
    """The <TEXT> blocks as paragraphs separated by blank lines, line wrapping undone."""
    paragraphs = []
    for block in TEXT_BLOCK.findall(sgml):
        for piece in PARAGRAPH_BREAK.split(block):
            paragraph = " ".join(TAG.sub(" ", piece).split())
            if paragraph:
                paragraphs.append(paragraph)
    return "\n\n".join(paragraphs)


class PhraseNormalizer:
    """Lower-cased, Porter-stemmed words joined by spaces: the unit of an exact match."""

    def __init__(self) -> None:
        from nltk.stem.porter import PorterStemmer

        self._stemmer = PorterStemmer()

    def __call__(self, phrase: str) -> str:
        return " ".join(self._stemmer.stem(word) for word in WORD.findall(phrase.lower()))


def _distinct_top(phrases: Iterable[str], normalize: PhraseNormalizer, k: int) -> list[str]:
    """The first k phrases that differ after normalisation (peers can return case variants)."""
    seen: list[str] = []
    for phrase in phrases:
        normal = normalize(phrase)
        if normal and normal not in seen:
            seen.append(normal)
        if len(seen) == k:
            break
    return seen


def precision_recall_f1(predicted: list[str], gold: set[str], k: int) -> tuple[float, float, float]:
    """Scores of the first k normalised predictions against normalised gold phrases."""
    hits = sum(1 for phrase in predicted[:k] if phrase in gold)
    precision = hits / k
    recall = hits / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
    return precision, recall, f1


def score_system(
    predictions: dict[str, list[str]], docs: list[DucDocument], cutoffs: Iterable[int]
) -> dict[str, dict[str, float]]:
    """Per split, mean P/R/F1 at each cutoff; `predictions` hold normalised phrases by document id."""
    normalize = PhraseNormalizer()
    gold = {doc.id: {normalize(p) for p in doc.gold} for doc in docs}
    result: dict[str, dict[str, float]] = {}
    for split in SPLITS:
        chosen = [doc for doc in docs if split in ("all", doc.split)]
        if not chosen:
            continue
        metrics: dict[str, float] = {"documents": len(chosen)}
        for k in cutoffs:
            rows = [precision_recall_f1(predictions[doc.id], gold[doc.id], k) for doc in chosen]
            for name, column in zip(("P", "R", "F1"), zip(*rows, strict=True), strict=True):
                metrics[f"{name}@{k}"] = round(sum(column) / len(rows), 4)
        result[split] = metrics
    return result


def sitrep_ranker(wanted: int) -> Ranker:
    extractor = KeywordExtractor(top_n=wanted)
    return lambda doc, text: [kw.text for kw in keywords_from_doc(doc, extractor=extractor)]


def yake_ranker(wanted: int) -> Ranker:
    """YAKE with its default settings (phrases of up to 3 words, deduplication at 0.9) on the raw text."""
    import yake

    extractor = yake.KeywordExtractor(lan="en", n=3, top=wanted)
    return lambda doc, text: [phrase for phrase, _ in extractor.extract_keywords(text)]


def textrank_ranker(wanted: int) -> Ranker:
    """pytextrank's TextRank over the same parse as Sitrep's, from its own copy of the spaCy pipeline."""
    import spacy

    with contextlib.redirect_stdout(io.StringIO()):  # pytextrank 3.3.0 prints a path on import
        import pytextrank  # noqa: F401  (registers the "textrank" factory)

    textrank = spacy.load(nlp.MODEL).add_pipe("textrank")
    return lambda doc, text: [phrase.text for phrase in textrank(doc)._.phrases[:wanted]]


RANKERS: dict[str, Callable[[int], Ranker]] = {
    "sitrep": sitrep_ranker,
    "yake": yake_ranker,
    "textrank": textrank_ranker,
}


def predict(ranker: Ranker, docs: list[DucDocument], parsed: list[Doc], top_n: int) -> dict[str, list[str]]:
    """The first `top_n` distinct normalised phrases of the ranker, by document id."""
    normalize = PhraseNormalizer()
    return {
        doc.id: _distinct_top(ranker(parsed_doc, doc.text), normalize, top_n)
        for doc, parsed_doc in zip(docs, parsed, strict=True)
    }


def evaluate(duc_dir: Path, top_n: int = 10, systems: Iterable[str] = tuple(RANKERS)) -> dict[str, Any]:
    """P/R/F1 of each system at 5 and `top_n` on all documents and on each half, with timings.

    Every system is asked for twice `top_n` phrases, so that dropping variants that normalise alike
    still leaves `top_n`.
    """
    docs = load_duc(duc_dir)
    started = time.perf_counter()
    parsed = list(nlp.parse_many(doc.text for doc in docs))
    report: dict[str, Any] = {
        "documents": len(docs),
        "parse_seconds": round(time.perf_counter() - started, 1),
        "systems": {},
    }
    cutoffs = sorted({5, top_n})
    for name in systems:
        started = time.perf_counter()
        predictions = predict(RANKERS[name](2 * top_n), docs, parsed, top_n)
        seconds = round(time.perf_counter() - started, 1)
        report["systems"][name] = {"scores": score_system(predictions, docs, cutoffs), "seconds": seconds}
    return report


def format_table(report: dict[str, Any]) -> str:
    """One line per system and split, with every metric."""
    lines = []
    for name, result in report["systems"].items():
        for split, metrics in result["scores"].items():
            cells = " ".join(f"{metric}={value}" for metric, value in metrics.items())
            lines.append(f"{name:9} {split:5} {cells}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("duc_dir", type=Path, help="the DUC2001 folder (docs/ and annotations.txt)")
    parser.add_argument("--top-n", type=int, default=10)
    parser.add_argument("--systems", nargs="+", choices=sorted(RANKERS), default=list(RANKERS))
    parser.add_argument("--json", type=Path, help="also write the full report here")
    args = parser.parse_args(argv)
    report = evaluate(args.duc_dir, args.top_n, args.systems)
    print(format_table(report))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
