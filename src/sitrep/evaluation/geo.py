"""Geoparsing evaluation on GeoWebNews, LGL and TR-News, scored as in the Pragmatic Guide to Geoparsing
Evaluation (Gritta et al.), so that Sitrep and the published system outputs share one scorer.

- Gold mode resolves the gold toponym spans: accuracy within 161 km (`acc161`), the area under the
  curve of log errors (`auc`, lower is better), mean and median error in km, and `exact`, the share of
  toponyms with a gold GeoNames id that resolve to that id.
- End-to-end mode also detects: a predicted toponym matches a gold one when both name the same text
  (case-insensitive) and their span centres lie less than 10 characters apart (the guide's inexact
  match, forgiving offset drift); `precision`, `recall` and `f1` count those matches, and the error
  metrics are computed over the matched toponyms.
- `gold_errors` lists the gold toponyms that gold mode misses, with where they resolved, for study.
"""

from __future__ import annotations

import math
import statistics
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sitrep import nlp
from sitrep.geo import Gazetteer, Geoparser
from sitrep.geo.resolve import distance_km
from sitrep.records import Analysis, Place
from sitrep.records import Article as BodyArticle

CORPORA = {"gwn": "GWN.xml", "lgl": "lgl.xml", "trnews": "TR-News.xml"}
MODES = ("gold", "end-to-end")
GWN_GOLD = "baselines/gwn_full.txt"
LGL_GOLD = "baselines/lgl_gold.txt"
BASELINES = {
    "gwn": ("gwn_edin", "gwn_yahoo", "gwn_emm"),
    "lgl": ("lgl_clavin", "lgl_edin", "lgl_yahoo", "lgl_topo", "lgl_palladian_ml"),
}
ACCURACY_KM = 161.0
MAX_ERROR_KM = 20039.0  # half the Earth's circumference: the worst possible error
MATCH_WINDOW = 10  # characters between span centres for an inexact match
# Topocluster's published offsets do not index the text; the guide matches its output by name alone.
NAME_ONLY = {"lgl_topo"}


@dataclass(frozen=True)
class Toponym:
    """A gold or predicted toponym: its span, its text and where it is."""

    start: int
    end: int
    text: str
    lat: float | None
    lon: float | None
    geonames_id: int | None = None


@dataclass
class Article:
    text: str
    toponyms: list[Toponym] = field(default_factory=list)


def load_corpus(corpus: str, bench_dir: Path) -> list[Article]:
    """The articles of a corpus with their gold toponyms (those that have coordinates)."""
    if corpus not in CORPORA:
        raise ValueError(f"unknown corpus {corpus!r}; choose one of {', '.join(CORPORA)}")
    root = ET.parse(bench_dir / CORPORA[corpus]).getroot()
    articles = root.findall("article")
    if corpus == "gwn":
        return _gwn_articles(articles, bench_dir)
    return [_gaztag_article(article) for article in articles]


def _gwn_articles(articles: list[ET.Element], bench_dir: Path) -> list[Article]:
    """GeoWebNews texts with the guide's geocoding gold (gwn_full.txt), GeoNames ids from the XML."""
    gold_lines = read_system_output(bench_dir / GWN_GOLD)
    result = []
    for article, gold in zip(articles, gold_lines, strict=True):
        ids = {
            (int(t.findtext("start") or 0), int(t.findtext("end") or 0)): int(t.findtext("geonamesID") or 0)
            for t in article.iter("toponym")
            if (t.findtext("geonamesID") or "").isdigit()
        }
        toponyms = [Toponym(t.start, t.end, t.text, t.lat, t.lon, ids.get((t.start, t.end))) for t in gold]
        result.append(Article(article.findtext("text") or "", toponyms))
    return result


def _gaztag_article(article: ET.Element) -> Article:
    text = article.findtext("text") or ""
    toponyms = []
    for toponym in article.iter("toponym"):
        tag = toponym.find("gaztag")
        if tag is None or not tag.findtext("lat"):
            continue
        phrase = toponym.findtext("phrase") or ""
        start = _realigned(text, phrase, int(toponym.findtext("start") or 0))
        toponyms.append(
            Toponym(
                start,
                start + len(phrase),
                phrase,
                float(tag.findtext("lat") or 0),
                float(tag.findtext("lon") or 0),
                int(tag.get("geonameid") or 0) or None,
            )
        )
    return Article(text, toponyms)


def _realigned(text: str, phrase: str, start: int) -> int:
    """TR-News offsets drift by a few characters in some articles: take the nearest occurrence."""
    if text[start : start + len(phrase)] == phrase:
        return start
    occurrences = [i for i in _find_all(text, phrase)]
    return min(occurrences, key=lambda i: abs(i - start)) if occurrences else start


def _find_all(text: str, phrase: str) -> Iterable[int]:
    index = text.find(phrase)
    while phrase and index >= 0:
        yield index
        index = text.find(phrase, index + 1)


def read_system_output(path: Path) -> list[list[Toponym]]:
    """The guide's line format: one article a line, `name,,phrase,,lat,,lon,,start,,end||...`."""
    articles = []
    for line in path.read_text(encoding="utf-8").split("\n")[: _article_count(path)]:
        toponyms = []
        for item in line.split("||"):
            fields = item.split(",,")
            if len(fields) < 6:
                continue
            lat, lon = _coordinate(fields[2]), _coordinate(fields[3])
            toponyms.append(Toponym(int(fields[4]), int(fields[5]), fields[1], lat, lon))
        articles.append(toponyms)
    return articles


def _article_count(path: Path) -> int:
    lines = path.read_text(encoding="utf-8").split("\n")
    return len(lines) - 1 if lines and lines[-1] == "" else len(lines)


def _coordinate(value: str) -> float | None:
    try:
        return float(value)
    except ValueError:
        return None


def error_metrics(errors: Sequence[float]) -> dict[str, float]:
    """acc161, auc, mean_km and median_km over errors in km (AUC: trapezoid over sorted log errors,
    scaled by the worst case, as the guide computes it)."""
    if not errors:
        return {"acc161": 0.0, "auc": 1.0, "mean_km": 0.0, "median_km": 0.0}
    logs = sorted(math.log(1 + e) for e in errors)
    area = sum((a + b) / 2 for a, b in zip(logs, logs[1:], strict=False))
    auc = (
        area / (math.log(MAX_ERROR_KM) * (len(logs) - 1))
        if len(logs) > 1
        else logs[0] / math.log(MAX_ERROR_KM)
    )
    return {
        "acc161": sum(e < ACCURACY_KM for e in errors) / len(errors),
        "auc": auc,
        "mean_km": statistics.fmean(errors),
        "median_km": statistics.median(errors),
    }


def _error(gold: Toponym, lat: float | None, lon: float | None) -> float:
    if gold.lat is None or gold.lon is None or lat is None or lon is None:
        return MAX_ERROR_KM
    return distance_km(gold.lat, gold.lon, lat, lon)


def match(
    predicted: Sequence[Toponym], gold: Sequence[Toponym], window: float = MATCH_WINDOW
) -> tuple[list[tuple[Toponym, Toponym]], int, int]:
    """Inexact matches (same text, span centres under 10 characters apart), with the unmatched counts
    (false positives, false negatives)."""
    remaining = list(predicted)
    pairs = []
    for gold_toponym in gold:
        centre = (gold_toponym.start + gold_toponym.end) / 2
        for candidate in remaining:
            close = abs((candidate.start + candidate.end) / 2 - centre) < window
            if close and candidate.text.lower() == gold_toponym.text.lower():
                pairs.append((gold_toponym, candidate))
                remaining.remove(candidate)
                break
    return pairs, len(remaining), len(gold) - len(pairs)


def score_outputs(
    predictions: Sequence[Sequence[Toponym]], golds: Sequence[Sequence[Toponym]], window: float = MATCH_WINDOW
) -> dict[str, float]:
    """End-to-end scores of system outputs against gold, article by article."""
    true_positives = false_positives = false_negatives = 0
    errors = []
    for predicted, gold in zip(predictions, golds, strict=True):
        pairs, unmatched_predicted, unmatched_gold = match(predicted, gold, window)
        true_positives += len(pairs)
        false_positives += unmatched_predicted
        false_negatives += unmatched_gold
        errors += [_error(g, p.lat, p.lon) for g, p in pairs if p.lat is not None and p.lon is not None]
    precision = true_positives / max(true_positives + false_positives, 1)
    recall = true_positives / max(true_positives + false_negatives, 1)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "toponyms": true_positives,
        **error_metrics(errors),
    }


def score_baselines(bench_dir: Path) -> dict[str, dict[str, float]]:
    """The published system outputs in `baselines/`, scored end to end with this module's scorer."""
    results = {}
    golds = {"gwn": read_system_output(bench_dir / GWN_GOLD), "lgl": read_system_output(bench_dir / LGL_GOLD)}
    for corpus, systems in BASELINES.items():
        for system in systems:
            predictions = read_system_output(bench_dir / "baselines" / f"{system}.txt")
            window = math.inf if system in NAME_ONLY else MATCH_WINDOW
            results[system] = score_outputs(predictions, golds[corpus][: len(predictions)], window)
    return results


def evaluate(corpus: str, mode: str, bench_dir: Path) -> dict[str, float]:
    """Score Sitrep's geoparser on a corpus in gold-span or end-to-end mode."""
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}; choose gold or end-to-end")
    articles = load_corpus(corpus, bench_dir)
    geoparser = Geoparser(Gazetteer.open())
    if mode == "gold":
        return _gold_scores(geoparser, articles)
    return score_outputs(_detect_all(geoparser, articles), [a.toponyms for a in articles])


def _gold_scores(geoparser: Geoparser, articles: Sequence[Article]) -> dict[str, float]:
    errors: list[float] = []
    exact = with_id = 0
    for _, gold, place in _gold_resolutions(geoparser, articles):
        errors.append(_error(gold, *(_point(place))))
        if gold.geonames_id:
            with_id += 1
            exact += place is not None and place.id == f"gn:{gold.geonames_id}"
    return {**error_metrics(errors), "exact": exact / max(with_id, 1), "toponyms": len(errors)}


def _gold_resolutions(
    geoparser: Geoparser, articles: Sequence[Article]
) -> Iterator[tuple[int, Toponym, Place | None]]:
    """(article index, gold toponym, resolved place) for every gold span of every article."""
    for index, article in enumerate(articles):
        places = geoparser.resolve_spans(article.text, [(t.start, t.end) for t in article.toponyms])
        for gold, place in zip(article.toponyms, places, strict=True):
            yield index, gold, place


@dataclass(frozen=True)
class GoldError:
    """A gold toponym resolved ACCURACY_KM or further from its gold point, for studying the errors."""

    article: int  # index of the article in its corpus
    gold: Toponym
    place: Place | None
    km: float


def gold_errors(corpus: str, bench_dir: Path) -> list[GoldError]:
    """The gold spans of a corpus that resolve ACCURACY_KM or further away, in corpus order."""
    geoparser = Geoparser(Gazetteer.open())
    errors = []
    for index, gold, place in _gold_resolutions(geoparser, load_corpus(corpus, bench_dir)):
        km = _error(gold, *_point(place))
        if km >= ACCURACY_KM:
            errors.append(GoldError(index, gold, place, km))
    return errors


def _point(place: Place | None) -> tuple[float | None, float | None]:
    return (place.lat, place.lon) if place else (None, None)


def _detect_all(geoparser: Geoparser, articles: Sequence[Article]) -> list[list[Toponym]]:
    predictions = []
    docs = nlp.parse_many(a.text for a in articles)
    for article, doc in zip(articles, docs, strict=True):
        analysis = Analysis(BodyArticle(id="", url="", title="", paragraphs=[article.text]), doc=doc)
        geoparser(analysis)
        predictions.append(
            [Toponym(m.start, m.end, m.text, m.place.lat, m.place.lon) for m in analysis.places]
        )
    return predictions
