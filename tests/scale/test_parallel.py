"""The pipeline in worker processes gives what the in-process pipeline gives, in input order."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sitrep.api import Sitrep
from sitrep.errors import InputError
from sitrep.pipeline import Pipeline
from sitrep.records import Analysis, Document
from sitrep.scale import DaskPipeline, ProcessPipeline

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
    workers = ProcessPipeline(2, COMPONENTS, chunk_size=1)
    try:
        found = [_comparable(o) for o in workers.analyze_documents(DOCUMENTS)]
    finally:
        workers.close()
    assert found == expected
    # The empty page comes back as its error, naming the input, from the worker that met it.
    assert isinstance(expected[1], tuple) and expected[1][0] == "empty.txt"
    assert any(isinstance(o, Analysis) and o.events for o in found)


def test_a_dask_cluster_gives_the_in_process_results_in_input_order() -> None:
    distributed = pytest.importorskip("distributed")
    expected = [_comparable(o) for o in Pipeline(COMPONENTS, batch_size=2).analyze_documents(DOCUMENTS)]
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None)
    with cluster, distributed.Client(cluster) as client:
        on_cluster = DaskPipeline(client, COMPONENTS, chunk_size=1)
        assert on_cluster.workers() == 2
        found = [_comparable(o) for o in on_cluster.analyze_documents(DOCUMENTS)]
        on_cluster.close()
        assert client.status == "running", "a client passed in belongs to the caller"
    assert found == expected


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


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="finds the workers in /proc (Linux)")
def test_a_killed_ingest_with_workers_leaves_no_workers_and_resumes(tmp_path: Path) -> None:
    db = tmp_path / "killed.db"
    command = [sys.executable, "-m", "sitrep.cli", "ingest", str(CORPUS), "--db", str(db), "--workers", "2"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and process.poll() is None and _articles(db) < 1:
        time.sleep(0.2)
    workers = _children(process.pid)
    process.send_signal(signal.SIGKILL)
    assert process.wait() == -signal.SIGKILL, "the run ended before it could be killed mid-way"
    assert workers, "no worker process was running"
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(_running(pid) for pid in workers):
        time.sleep(0.2)
    assert not any(_running(pid) for pid in workers)
    with Sitrep(db) as app:
        statuses = [r.status for r in app.ingest([str(CORPUS)])]
    assert "error" not in statuses and "unchanged" in statuses
    with Sitrep(tmp_path / "clean.db") as app:
        list(app.ingest([str(CORPUS)]))
    assert _dump(db) == _dump(tmp_path / "clean.db")


def _articles(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=1) as conn:
            return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def _children(pid: int) -> list[int]:
    """Every process started by `pid`, with their own children (Linux /proc)."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        for child in (task / "children").read_text().split():
            found += [int(child), *_children(int(child))]
    return found


def _running(pid: int) -> bool:
    """Alive and not a zombie waiting to be reaped."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


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
