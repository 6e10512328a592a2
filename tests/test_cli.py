"""The CLI end to end: the seed page's contract, bad inputs, idempotence, and a kill mid-run."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sitrep.cli import main

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "examples" / "corpus"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def lines(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory: pytest.TempPathFactory, seed_path: Path) -> tuple[str, str]:
    db = str(tmp_path_factory.mktemp("seed") / "seed.db")
    assert main(["ingest", str(seed_path), "--db", db, "--json"]) == 0
    conn = sqlite3.connect(db)
    [(article_id,)] = conn.execute("SELECT id FROM articles").fetchall()
    return db, article_id


def test_seed_article_is_extracted_and_analysed(
    capsys: pytest.CaptureFixture[str], seed_db: tuple[str, str]
) -> None:
    db, article_id = seed_db
    code, out, _ = run(capsys, "show", article_id, "--db", db, "--json")
    assert code == 0
    article = json.loads(out)
    assert article["title"] == "ISIS Negotiates With Rebels in Eastern Ghouta"
    assert article["standfirst"].startswith("ISIS has retreated slightly in Eastern Ghouta")
    assert article["body"].startswith("The Islamic State of Iraq and Syria (ISIS) has been shown")
    assert article["body"].endswith("Hezbollah mercenaries.")
    for chrome in ("Logo Wide", "Helpful keywords", "......", "ISIS Negotiates With Rebels"):
        assert chrome not in article["body"]
    assert article["translator"] == "The Syrian Observer"
    assert article["original_source"] == "Zaman al-Wasl"
    assert article["language"] == "en"
    entity_texts = " | ".join(e["text"] for e in article["entities"])
    for name in (
        "ISIS",
        "Free Syrian Army",
        "Army of Islam",
        "Islamic Front",
        "Hezbollah",
        "Duma",
        "Damascus",
    ):
        assert name in entity_texts
    places = {p["name"]: p for p in article["places"]}
    for name in ("Damascus",):
        assert 32 < places[name]["lat"] < 34.5 and 35.5 < places[name]["lon"] < 37.5


def _actor_id(article: dict, alias: str) -> str | None:
    for actor in article["actors"]:
        if alias.lower() in [a.lower() for a in [actor["name"], *actor["aliases"]]]:
            return actor["id"]
    return None


def test_seed_actors_events_and_keywords(
    capsys: pytest.CaptureFixture[str], seed_db: tuple[str, str]
) -> None:
    db, article_id = seed_db
    article = json.loads(run(capsys, "show", article_id, "--db", db, "--json")[1])
    isis = _actor_id(article, "ISIS")
    assert isis and isis == _actor_id(article, "Islamic State of Iraq and Syria")
    assert _actor_id(article, "Army of Islam") == _actor_id(article, "Islamic Army") is not None
    events = article["events"]
    by_type: dict[str, list[dict]] = {}
    for event in events:
        by_type.setdefault(event["type"], []).append(event)
    assert any(isis in e["actor_ids"] for e in by_type["RETREAT"])
    aoi = _actor_id(article, "Army of Islam")
    assert any({isis, aoi} <= set(e["actor_ids"] + e["recipient_ids"]) for e in by_type["ASSAULT"])
    assert any(isis in e["recipient_ids"] for e in by_type["ACCUSE"])
    judicial = _actor_id(article, "Unified Judicial Body")
    assert any(judicial in e["actor_ids"] and isis in e["recipient_ids"] for e in by_type["REQUEST"])
    regime_assaults = [
        e
        for e in by_type["ASSAULT"]
        if isis in e["actor_ids"] + e["recipient_ids"] and "regime" in e["sentence"]
    ]
    assert all(e["negated"] for e in regime_assaults if "not engaged" in e["sentence"])
    keywords = " | ".join(article["keywords"]).lower()
    for keyword in ("isis", "eastern ghouta", "army of islam", "unified judicial body"):
        assert keyword in keywords


def test_seed_searches(capsys: pytest.CaptureFixture[str], seed_db: tuple[str, str]) -> None:
    db, article_id = seed_db
    for query in ('"Army of Islam" AND Duma', "actor:ISIS type:RETREAT"):
        code, out, _ = run(capsys, "search", query, "--db", db, "--json")
        assert code == 0
        assert [r["id"] for r in json.loads(out)["results"]] == [article_id]
    code, out, err = run(capsys, "search", 'AND OR "', "--db", db, "--json")
    assert code == 2 and "unclosed quote" in err and "Traceback" not in err + out


def test_reingest_adds_nothing_and_bad_inputs_do_not_stop_the_run(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, seed_db: tuple[str, str], seed_path: Path
) -> None:
    db, article_id = seed_db
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.html").write_bytes(os.urandom(4096))
    (bad / "latin.txt").write_bytes(b"Caf\xe9 \xff\xfe broken \x80 bytes\n" * 20)
    with open(bad / "huge.txt", "wb") as huge:
        huge.truncate(50 * 1024 * 1024)
    before = json.loads(run(capsys, "stats", "--db", db, "--json")[1])
    code, out, err = run(capsys, "ingest", str(bad), str(seed_path), "--db", db, "--json")
    assert code == 1 and "Traceback" not in err
    results = {Path(r["path"]).name: r for r in lines(out)}
    assert results[seed_path.name]["status"] == "unchanged" and results[seed_path.name]["id"] == article_id
    assert "empty" in results["empty.txt"]["error"]
    assert "binary" in results["binary.html"]["error"]
    assert "invalid UTF-8" in results["latin.txt"]["error"]
    assert "MB limit" in results["huge.txt"]["error"]
    assert json.loads(run(capsys, "stats", "--db", db, "--json")[1]) == before


def test_workers_must_be_a_whole_number_of_at_least_one(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["ingest", "--workers", "0", "x.txt"])
    assert exit_info.value.code == 2 and "--workers" in capsys.readouterr().err
    monkeypatch.setenv("SITREP_WORKERS", "two")
    with pytest.raises(SystemExit):
        main(["ingest", "x.txt"])
    assert "'two'" in capsys.readouterr().err


def test_code_command_codes_jsonl(capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch) -> None:
    records = tmp_path / "in.jsonl"
    records.write_text(
        json.dumps(
            {"id": "a", "text": "Syrian rebels attacked government troops in Aleppo.", "date": "2024-01-02"}
        )
        + "\n{broken\n"
        + json.dumps({"id": "b", "text": ""})
        + "\n"
    )
    code, out, _ = run(capsys, "code", str(records))
    assert code == 1
    first, broken, empty = lines(out)
    assert first["id"] == "a" and any(e["type"] == "ASSAULT" for e in first["events"])
    assert "error" in broken
    assert empty["id"] == "b" and empty["events"] == []


def test_export_formats(capsys: pytest.CaptureFixture[str], tmp_path: Path, seed_db: tuple[str, str]) -> None:
    db, _ = seed_db
    for fmt in ("csv", "jsonl", "geojson"):
        out_path = tmp_path / f"events.{fmt}"
        assert run(capsys, "export", "--format", fmt, "--out", str(out_path), "--db", db)[0] == 0
        text = out_path.read_text()
        assert text.strip()
        if fmt == "geojson":
            collection = json.loads(text)
            assert collection["type"] == "FeatureCollection"
            assert all(f["geometry"]["type"] == "Point" for f in collection["features"])
        if fmt == "jsonl":
            assert all("type" in json.loads(line) for line in text.splitlines())
    code, _, err = run(capsys, "export", "--format", "parquet", "--db", db)
    assert code == 2 and "--out" in err


def test_a_killed_ingest_resumes_without_duplicates(tmp_path: Path) -> None:
    db = tmp_path / "killed.db"
    command = [sys.executable, "-m", "sitrep.cli", "ingest", str(CORPUS), "--db", str(db), "--json"]
    # Batches of two articles spread the commits over the run, so the kill lands between commits.
    env = {**os.environ, "SITREP_BATCH_SIZE": "2"}
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    deadline = time.monotonic() + 240
    committed = 0
    while time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.2)
        committed = _article_count(db)
        if committed >= 2:
            break
    process.send_signal(signal.SIGKILL)
    assert process.wait() == -signal.SIGKILL, "the run ended before it could be killed mid-way"
    assert committed >= 2
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=600, env=env)
    statuses = [json.loads(line)["status"] for line in rerun.stdout.splitlines()]
    assert rerun.returncode == 0, rerun.stderr
    assert statuses.count("unchanged") >= committed
    full = tmp_path / "full.db"
    subprocess.run([*command[:-3], "--db", str(full)], check=True, capture_output=True, timeout=600)
    assert _counts(db) == _counts(full)


def _article_count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=1) as conn:
            return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def _counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        tables = (
            "articles",
            "events",
            "actors",
            "places",
            "keywords",
            "entities",
            "documents",
            "event_actors",
        )
        return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}
