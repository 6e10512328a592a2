"""The pipeline in worker processes gives what the in-process pipeline gives, in input order."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sitrep.api import Sitrep
from sitrep.errors import InputError
from sitrep.pipeline import Pipeline
from sitrep.records import Analysis, Document
from sitrep.scale import ProcessPipeline

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"
COMPONENTS = ("actors", "events", "keywords")


def _document(name: str, text: str) -> Document:
    return Document(
        origin=name, content=text.encode(), format="text", fetched=datetime(2024, 1, 1, tzinfo=UTC)
    )


DOCUMENTS = [
    _document(
        "a.txt", "Syrian rebels shelled government positions in Douma on Tuesday, killing three soldiers."
    ),
    _document("empty.txt", "   \n"),
    _document("b.txt", "The Army of Islam accused ISIS of the car bombings in Duma."),
    _document("c.txt", "Turkey and Russia agreed on a ceasefire in Idlib, officials said."),
]


def _comparable(outcome: Analysis | InputError) -> object:
    if isinstance(outcome, InputError):
        return (outcome.origin, outcome.problem)
    return replace(outcome, doc=None)


def test_workers_give_the_in_process_results_in_input_order() -> None:
    expected = [_comparable(o) for o in Pipeline(COMPONENTS, batch_size=2).analyze_documents(DOCUMENTS)]
    workers = ProcessPipeline(2, COMPONENTS, batch_size=1)
    try:
        found = [_comparable(o) for o in workers.analyze_documents(DOCUMENTS)]
    finally:
        workers.close()
    assert found == expected
    # The empty page comes back as its error, naming the input, from the worker that met it.
    assert isinstance(expected[1], tuple) and expected[1][0] == "empty.txt"
    assert any(isinstance(o, Analysis) and o.events for o in found)


def test_at_least_one_worker() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        ProcessPipeline(0)


def test_ingest_with_workers_stores_what_a_single_process_stores(tmp_path: Path) -> None:
    folder = str(CORPUS / "html")
    with Sitrep(tmp_path / "one.db") as app:
        single = [(r.status, r.id) for r in app.ingest([folder])]
    with Sitrep(tmp_path / "two.db", workers=2) as app:
        parallel = [(r.status, r.id) for r in app.ingest([folder])]
        again = {r.status for r in app.ingest([folder])}
    assert parallel == single and {status for status, _ in single} == {"added"}
    assert again == {"unchanged"}
    assert _dump(tmp_path / "two.db") == _dump(tmp_path / "one.db")


def _dump(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table except times of ingestion, which differ between runs."""
    with sqlite3.connect(db) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {
            t: sorted(_rows(conn, t), key=repr)
            for t in tables
            if not t.startswith(("articles_fts", "sqlite"))
        }


def _rows(conn: sqlite3.Connection, table: str) -> list[tuple[object, ...]]:
    columns = [
        r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] not in {"fetched", "ingested"}
    ]
    return conn.execute(f"SELECT {', '.join(map(_quoted, columns))} FROM {table}").fetchall()


def _quoted(column: str) -> str:
    return '"' + column + '"'
