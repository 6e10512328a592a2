"""Exports of events or articles as CSV, JSONL, GeoJSON or Parquet."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from sitrep.errors import SitrepError
from sitrep.serialize import article_json, event_row_json, place_json
from sitrep.store.queries import EventQuery

if TYPE_CHECKING:
    from sitrep.api import Sitrep

FORMATS = ("csv", "jsonl", "geojson", "parquet")
WHAT = ("events", "articles")
PAGE = 1000

EVENT_COLUMNS = [
    "id", "article_id", "date", "date_precision", "type", "mode", "context", "cameo", "quad_class",
    "actors", "recipients", "actor_ids", "recipient_ids", "place", "lat", "lon", "country", "precision",
    "negated", "alleged", "hypothetical", "confidence", "fatalities", "fatalities_lower_bound", "trigger", "sentence",
]  # fmt: skip
ARTICLE_COLUMNS = [
    "id", "url", "title", "standfirst", "published", "byline", "language", "outlet", "original_source",
    "translator", "keywords", "places", "body",
]  # fmt: skip


def write(app: Sitrep, out: Any, fmt: str, what: str) -> int:
    """Write every event (or article) to `out`; returns how many were written."""
    if fmt not in FORMATS:
        raise SitrepError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if what not in WHAT:
        raise SitrepError(f"can export {' or '.join(WHAT)}, not {what!r}")
    return write_rows(out, _event_rows(app) if what == "events" else _article_rows(app), fmt, what)


def write_rows(out: Any, rows: Iterable[dict[str, Any]], fmt: str, what: str = "events") -> int:
    """Write JSON-shaped rows (see sitrep.serialize) in a format; returns how many were written."""
    writers: dict[str, Callable[[Any, Iterator[dict[str, Any]], str], int]] = {
        "csv": _write_csv, "jsonl": _write_jsonl, "geojson": _write_geojson, "parquet": _write_parquet,
    }  # fmt: skip
    return writers[fmt](out, iter(rows), what)


def _event_rows(app: Sitrep) -> Iterator[dict[str, Any]]:
    offset = 0
    while page := app.events(EventQuery(include_negated=True, limit=PAGE, offset=offset)):
        yield from (event_row_json(row) for row in page)
        offset += PAGE


def _article_rows(app: Sitrep) -> Iterator[dict[str, Any]]:
    ids = [r[0] for r in app.store.db.execute("SELECT id FROM articles ORDER BY published NULLS FIRST, id")]
    for article_id in ids:
        detail = app.show(article_id)
        data = article_json(detail.article)
        data["places"] = [place_json(p) for p in detail.places]
        yield data


def _flat(row: dict[str, Any], what: str) -> dict[str, Any]:
    """One level of values for tables: lists joined with "; ", the place split into columns."""
    flat = dict(row)
    if what == "events":
        place = flat.pop("place") or {}
        flat |= {
            "place": place.get("name"), "lat": place.get("lat"), "lon": place.get("lon"),
            "country": place.get("country"), "precision": place.get("precision"),
        }  # fmt: skip
    else:
        flat["places"] = [p["name"] for p in flat["places"]]
    return {k: "; ".join(map(str, v)) if isinstance(v, list) else v for k, v in flat.items()}


def _columns(what: str) -> list[str]:
    return EVENT_COLUMNS if what == "events" else ARTICLE_COLUMNS


def _write_csv(out: Any, rows: Iterator[dict[str, Any]], what: str) -> int:
    writer = csv.DictWriter(out, fieldnames=_columns(what), extrasaction="ignore")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow(_flat(row, what))
        count += 1
    return count


def _write_jsonl(out: Any, rows: Iterator[dict[str, Any]], what: str) -> int:
    count = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count


def _write_geojson(out: Any, rows: Iterator[dict[str, Any]], what: str) -> int:
    """A FeatureCollection: events as points at their place; articles as multipoints of their places."""
    out.write('{"type": "FeatureCollection", "features": [\n')
    count = 0
    for row in rows:
        geometry = _geometry(row, what)
        if geometry is None:
            continue
        properties = {k: v for k, v in row.items() if k not in ("place", "places", "body")}
        if what == "events":
            properties["place"] = row["place"]["name"]
        feature = {"type": "Feature", "geometry": geometry, "properties": properties}
        out.write((",\n" if count else "") + json.dumps(feature, ensure_ascii=False))
        count += 1
    out.write("\n]}\n")
    return count


def _geometry(row: dict[str, Any], what: str) -> dict[str, Any] | None:
    if what == "events":
        place = row.get("place")
        return {"type": "Point", "coordinates": [place["lon"], place["lat"]]} if place else None
    points = [[p["lon"], p["lat"]] for p in row["places"]]
    return {"type": "MultiPoint", "coordinates": points} if points else None


def _write_parquet(out: Any, rows: Iterator[dict[str, Any]], what: str) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise SitrepError("Parquet export needs pyarrow: pip install 'sitrep[parquet]'") from exc
    records = [{k: r.get(k) for k in _columns(what)} for r in (_flat(row, what) for row in rows)]
    table = pa.Table.from_pylist(records) if records else pa.table({k: [] for k in _columns(what)})
    pq.write_table(table, out)
    return len(records)
