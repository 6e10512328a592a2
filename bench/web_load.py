"""Load benchmark for the web workbench: search page latency and concurrent clients, 10,000 articles.

    .venv/bin/python bench/web_load.py                      # builds bench/results/web.db once, then measures
    .venv/bin/python bench/web_load.py --articles 2000 --requests 100 --clients 20 --per-client 10
    .venv/bin/python bench/web_load.py --stages             # CPU per search page by stage, in this process
    .venv/bin/python bench/web_load.py --db postgresql://user@host/bench --articles 2000   # PostgreSQL

It writes synthetic articles (with actors, places, events and keywords) through `sitrep.store.Store`,
serves the database with uvicorn in a separate process on 127.0.0.1 and a free port, then
1. latency: sends `--requests` sequential GETs of /search pages (varied queries, facets included) and
   reports p50, p95 and the maximum;
2. concurrency: runs `--clients` clients at once, each sending `--per-client` GETs across the main pages
   and the API, and reports errors, p95 under load and throughput.
Traffic stays on the loopback interface; every loop is bounded in count and time. With `--stages` it
serves nothing and instead times, in this process, the stages of the same search pages: the library's
search (count, ranked page, snippets), the facets, and the whole page function (the rest is the template).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

from sitrep.records import (
    Actor,
    ActorMention,
    Analysis,
    Article,
    Document,
    Event,
    Keyword,
    Mention,
    Place,
    PlaceMention,
)
from sitrep.search import parse
from sitrep.search.query import PLOVER_TYPES
from sitrep.store import Store, is_postgres_url

HERE = Path(__file__).resolve().parent
DEADLINE_SECONDS = 600  # the whole measurement stops by then, whatever is left
CLIENT_TIMEOUT = 60.0  # a request unanswered by then counts as an error
QUAD = {t: 1 + i * 4 // len(PLOVER_TYPES) for i, t in enumerate(PLOVER_TYPES)}
VOCABULARY = (
    "fighters clashes convoy checkpoint truce ceasefire shelling mortar airstrike negotiations council "
    "displaced civilians hospital siege supplies offensive withdrawal front village district bombing "
    "prisoners exchange delegation statement court judge commander brigade faction militia government "
    "army rebels protest market school bridge road water electricity wheat fuel border crossing "
    "reinforcements ambush drone patrol curfew arrest release evacuation medical aid observers monitors"
)
WORDS = VOCABULARY.split()
# Word frequencies fall off as in real text (Zipf): the first words are in nearly every article, the last
# in about one in five, so queries range from broad to selective.
ZIPF = [1 / rank for rank in range(1, len(WORDS) + 1)]
ACTORS = [
    Actor(f"actor-{i}", name, [alias], kind, "SYR")
    for i, (name, alias, kind) in enumerate(
        [("Army of Islam", "Jaysh al-Islam", "REB"), ("Islamic State", "ISIS", "REB"),
         ("Syrian government", "the regime", "GOV"), ("Syrian military", "the army", "MIL"),
         ("Faylaq al-Rahman", "al-Rahman Legion", "REB"), ("Hezbollah", "Hizballah", "REB"),
         ("Russia", "Moscow", "GOV"), ("Turkey", "Ankara", "GOV"), ("United Nations", "UN", "IGO"),
         ("Syrian Red Crescent", "SARC", "NGO"), ("Unified Judicial Body", "the judicial body", "JUD"),
         ("Free Syrian Army", "FSA", "REB"), ("Tahrir al-Sham", "HTS", "REB"), ("Kurdish forces", "SDF", "REB")]
    )
]  # fmt: skip
PLACES = [
    Place(str(9000 + i), name, lat, lon, "SY", None, "city", 10_000)
    for i, (name, lat, lon) in enumerate(
        [("Duma", 33.572, 36.402), ("Harasta", 33.559, 36.365), ("Damascus", 33.510, 36.291),
         ("Saqba", 33.522, 36.383), ("Jobar", 33.528, 36.331), ("Misraba", 33.545, 36.387),
         ("Aleppo", 36.202, 37.134), ("Idlib", 35.931, 36.633), ("Homs", 34.731, 36.710),
         ("Deir ez-Zor", 35.336, 40.141), ("Raqqa", 35.952, 39.009), ("Daraa", 32.625, 36.106)]
    )
]  # fmt: skip
SEARCHES = [
    "duma", "truce", "clashes AND convoy", '"Army of Islam"', "bomb* OR shell*", "actor:ISIS",
    "type:ASSAULT", "actor:Hezbollah type:ASSAULT", "place:Harasta since:2024-03", "siege -hospital",
    "negotiations delegation", "evacuation OR medical", "court judge", "source:Wire since:2024-06",
]  # fmt: skip


def synthetic(index: int, rng: random.Random) -> tuple[Document, Analysis]:
    """One article: three paragraphs of vocabulary with actors and places in them, and 2-4 events."""
    actors = rng.sample(ACTORS, 3)
    places = rng.sample(PLACES, 2)
    pieces = [
        " ".join(rng.choices(WORDS, ZIPF, k=18)) + f" {actors[p].name} " + " ".join(rng.choices(WORDS, ZIPF, k=14))
        + f" near {places[p % 2].name}. " + " ".join(rng.choices(WORDS, ZIPF, k=20)) + "."
        for p in range(3)
    ]  # fmt: skip
    body = "\n\n".join(pieces)
    day = datetime(2024, 1, 1).toordinal() + index % 365
    published = datetime.fromordinal(day).date().isoformat()
    title = f"{actors[0].name} and {actors[1].name}: {' '.join(rng.choices(WORDS, ZIPF, k=5))} in {places[0].name}"
    document = Document(f"synthetic/{index}.txt", f"{index}\n{body}".encode(), "text", datetime.now(UTC))
    article = Article(
        document.id, document.origin, title, paragraphs=pieces, published=published, language="en",
        outlet=rng.choice(["Wire Service", "Ghouta Monitor", "Northern Line"]),
    )  # fmt: skip
    mentions = [(body.index(a.name), a) for a in actors]
    located = [(body.index(p.name), p) for p in places]
    events = []
    for _ in range(rng.randint(2, 4)):
        kind = rng.choice(PLOVER_TYPES)
        source, target = rng.sample(actors, 2)
        events.append(
            Event(kind, [source.id], [target.id], quad_class=QUAD[kind], place=rng.choice(places),
                  date=published, date_precision="day", sentence=pieces[0][:200], trigger="synthetic")
        )  # fmt: skip
    analysis = Analysis(
        article=article,
        entities=[Mention(s, s + len(a.name), "ORG", a.name) for s, a in mentions],
        actor_mentions=[ActorMention(s, s + len(a.name), a.name, a.id) for s, a in mentions],
        actors={a.id: a for a in actors},
        places=[PlaceMention(s, s + len(p.name), p.name, p) for s, p in located],
        events=events,
        keywords=[Keyword(w, 1.0) for w in rng.sample(WORDS, 5)],
    )
    return document, analysis


def build(path: str, articles: int) -> float:
    """Fill a database with `articles` synthetic articles (kept for reruns); returns seconds spent."""
    started = time.perf_counter()
    store = Store(path)
    have = store.count("articles")
    rng = random.Random(1)
    for index in range(articles):
        made = synthetic(index, rng)  # always drawn, so that a resumed build makes the same articles
        if index >= have:
            store.save(*made)
    store.close()
    return time.perf_counter() - started


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(db: str, port: int) -> subprocess.Popen[bytes]:
    code = (
        "import sys, uvicorn; from sitrep.web import create_app; "
        "uvicorn.run(create_app(sys.argv[1]), host='127.0.0.1', port=int(sys.argv[2]), "
        "log_level='warning', access_log=False)"
    )
    server = subprocess.Popen([sys.executable, "-c", code, db, str(port)])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            get(http.client.HTTPConnection("127.0.0.1", port, timeout=5), "/api/v1/stats")
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("the server did not start within 60 s")


def get(connection: http.client.HTTPConnection, path: str) -> tuple[int, float]:
    """One GET on a kept-alive connection: (status, seconds)."""
    started = time.perf_counter()
    connection.request("GET", path)
    response = connection.getresponse()
    response.read()
    return response.status, time.perf_counter() - started


def search_paths(count: int, rng: random.Random) -> list[str]:
    return [
        "/search?" + urlencode({"q": rng.choice(SEARCHES), "page": rng.choice([1, 1, 1, 2, 5])})
        for _ in range(count)
    ]


def mixed_paths(count: int, rng: random.Random) -> list[str]:
    pages = ["/", "/events", "/events?type=ASSAULT", "/timeline", "/actors", "/actors/actor-1", "/network",
             "/api/v1/events?limit=50", "/api/v1/search?q=duma", "/articles/{id}"]  # fmt: skip
    return [rng.choice(pages) for _ in range(count // 2)] + search_paths(count - count // 2, rng)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def summary(timings: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(1000 * statistics.median(timings), 1),
        "p95_ms": round(1000 * percentile(timings, 0.95), 1),
        "max_ms": round(1000 * max(timings), 1),
    }


def cpu_seconds(pid: int) -> float:
    """User and system CPU time a process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def latency(port: int, paths: list[str], stop: float, server_pid: int) -> dict[str, float]:
    """Sequential requests; also the server's CPU time per request, which a busy machine does not inflate
    as much as wall-clock latency."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=CLIENT_TIMEOUT)
    timings, errors = [], 0
    cpu_before = cpu_seconds(server_pid)
    for path in paths:
        if time.monotonic() > stop:
            break
        status, seconds = get(connection, path)
        errors += status != 200
        timings.append(seconds)
    cpu_ms = 1000 * (cpu_seconds(server_pid) - cpu_before) / max(1, len(timings))
    return (
        {"requests": len(timings), "errors": errors}
        | summary(timings)
        | {"server_cpu_ms_mean": round(cpu_ms, 1)}
    )


def client_run(port: int, paths: list[str], stop: float) -> tuple[list[float], list[str]]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=CLIENT_TIMEOUT)
    timings, errors = [], []
    for path in paths:
        if time.monotonic() > stop:
            break
        try:
            status, seconds = get(connection, path)
        except (OSError, http.client.HTTPException) as exc:
            errors.append(f"{path}: {exc!r}")
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=CLIENT_TIMEOUT)
            continue
        timings.append(seconds)
        if status != 200:
            errors.append(f"{path}: HTTP {status}")
    return timings, errors


def concurrency(port: int, clients: int, per_client: int, article_id: str, stop: float) -> dict[str, object]:
    rng = random.Random(2)
    plans = [[p.replace("{id}", article_id) for p in mixed_paths(per_client, rng)] for _ in range(clients)]
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        results = list(pool.map(lambda plan: client_run(port, plan, stop), plans))
    elapsed = time.perf_counter() - started
    timings = [t for ts, _ in results for t in ts]
    errors = [e for _, es in results for e in es]
    return {
        "clients": clients, "requests": len(timings) + len(errors), "errors": len(errors),
        "first_errors": errors[:5], "seconds": round(elapsed, 2),
        "requests_per_second": round((len(timings) + len(errors)) / elapsed, 1),
    } | summary(timings)  # fmt: skip


def stage_profile(db: str, rounds: int) -> dict[str, float]:
    """Mean CPU milliseconds per search page by stage, over the latency run's mix of queries and pages."""
    from starlette.requests import Request

    from sitrep.web import create_app, pages, queries

    app = create_app(db)
    reader = app.state.sitrep.databases.reader()  # the connection a server thread would use
    scope = {
        "type": "http",
        "method": "GET",
        "path": "/search",
        "query_string": b"",
        "headers": [],
        "app": app,
    }
    spent = {"search": 0.0, "facets": 0.0, "page": 0.0}
    plan = [(q, page) for q in SEARCHES for page in (1, 1, 1, 2, 5)]
    for q in SEARCHES:  # warm the connection's statement cache and the page cache
        pages.search(Request(scope), reader, q=q)
    for _ in range(rounds):
        for q, page in plan:
            started = time.process_time()
            reader.search(q, limit=pages.SEARCH_PAGE_SIZE, offset=(page - 1) * pages.SEARCH_PAGE_SIZE)
            searched = time.process_time()
            queries.facets(reader.store, parse(q))
            faceted = time.process_time()
            pages.search(Request(scope), reader, q=q, page=page)
            spent["search"] += searched - started
            spent["facets"] += faceted - searched
            spent["page"] += time.process_time() - faceted
    mean = {stage: round(1000 * seconds / (rounds * len(plan)), 1) for stage, seconds in spent.items()}
    return mean | {"template_and_rest": round(mean["page"] - mean["search"] - mean["facets"], 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument(
        "--db", default=str(HERE / "results" / "web.db"), help="a SQLite file or a postgresql:// URL"
    )
    parser.add_argument("--requests", type=int, default=300, help="sequential search page requests")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--per-client", type=int, default=20)
    parser.add_argument(
        "--stages",
        type=int,
        nargs="?",
        const=3,
        metavar="ROUNDS",
        help="time the search page's stages in this process instead (default 3 rounds)",
    )
    args = parser.parse_args()
    if not is_postgres_url(args.db):
        Path(args.db).parent.mkdir(parents=True, exist_ok=True)
    build_seconds = build(args.db, args.articles)
    if args.stages:
        stages = {"cpu_ms_per_search_page": stage_profile(args.db, args.stages)}
        print(json.dumps(stages | {"load_average_after": [round(x, 2) for x in os.getloadavg()]}, indent=2))
        return 0
    store = Store(args.db)
    total = store.count("articles")
    first = store.one("SELECT id FROM articles LIMIT 1")
    assert first is not None, "the build wrote no articles"
    article_id = first["id"]
    store.close()
    port = free_port()
    server = start_server(args.db, port)
    stop = time.monotonic() + DEADLINE_SECONDS
    try:
        rng = random.Random(3)
        latency(port, search_paths(20, rng), stop, server.pid)  # warm the page cache and the app's threads
        result = {
            "articles": total, "build_seconds": round(build_seconds, 1),
            "search_page": latency(port, search_paths(args.requests, rng), stop, server.pid),
            "concurrent": concurrency(port, args.clients, args.per_client, article_id, stop),
            # Other work on the machine slows every number above; this says how busy it was (1, 5, 15 min).
            "load_average_after": [round(x, 2) for x in os.getloadavg()],
            "cpus": os.cpu_count(),
        }  # fmt: skip
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(json.dumps(result, indent=2))
    failed = result["search_page"]["errors"] or result["concurrent"]["errors"]  # type: ignore[index]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
