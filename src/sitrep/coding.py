"""Batch event coding of arbitrary text: JSONL records (`id`, `text`, optional `date`) in, events out."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from sitrep import nlp
from sitrep.errors import InputError
from sitrep.extract.language import detect_language
from sitrep.pipeline import Pipeline
from sitrep.records import Analysis, Article

CODING_COMPONENTS = ("actors", "places", "events", "event_places")


def article_from_record(record: dict[str, Any], number: int) -> Article:
    """An Article whose body is the record's text; `date` anchors relative dates ("on Tuesday")."""
    record_id = str(record.get("id", number))
    text = record.get("text")
    if not isinstance(text, str):
        raise InputError(f"record {record_id}", 'needs a "text" string')
    date = record.get("date")
    if date is not None and not isinstance(date, str):
        raise InputError(f"record {record_id}", '"date" must be an ISO date string')
    return Article(
        id=record_id, url="", title="", paragraphs=[text], published=date, language=detect_language(text)
    )


def code_records(
    pipeline: Pipeline, records: Iterable[dict[str, Any] | InputError]
) -> Iterator[tuple[dict[str, Any], Analysis | InputError]]:
    """Each record with its analysis (events in `analysis.events`) or the error that stopped it, in order.

    A record that could not even be read arrives as an InputError and is passed through with `{}`.
    """
    numbered = enumerate(records, start=1)
    while chunk := list(islice(numbered, nlp.BATCH_SIZE)):
        prepared: list[tuple[dict[str, Any], Article | InputError]] = []
        for number, record in chunk:
            if isinstance(record, InputError):
                prepared.append(({}, record))
                continue
            try:
                prepared.append((record, article_from_record(record, number)))
            except InputError as error:
                prepared.append((record, error))
        articles = [a for _, a in prepared if isinstance(a, Article)]
        analyses = iter(pipeline.analyze(articles))
        for record, item in prepared:
            yield record, next(analyses) if isinstance(item, Article) else item
