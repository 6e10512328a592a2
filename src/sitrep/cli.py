"""The `sitrep` command: a thin layer over the library API (`sitrep.open`).

Exit codes: 0 ok, 1 some inputs failed (the others were still processed), 2 usage or query error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from sitrep import __version__
from sitrep.api import DEFAULT_DB, NotFound, Sitrep, default_db_path
from sitrep.errors import InputError, QueryError, SitrepError, UsageError
from sitrep.export import FORMATS, WHAT
from sitrep.search import snippet_text
from sitrep.search.query import PLOVER_TYPES
from sitrep.serialize import actor_json, detail_json, event_json, event_row_json, place_json, search_json
from sitrep.store.queries import EventQuery

OK, SOME_FAILED, USAGE = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return USAGE
    try:
        return int(args.handler(args))
    except (QueryError, UsageError) as error:
        print(f"sitrep: {error}", file=sys.stderr)
        return USAGE
    except NotFound as error:
        print(f"sitrep: {error}", file=sys.stderr)
        return SOME_FAILED
    except SitrepError as error:
        print(f"sitrep: {error}", file=sys.stderr)
        return SOME_FAILED
    except KeyboardInterrupt:
        print("sitrep: interrupted; everything committed before now is kept", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return OK


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        help=f"database: a SQLite file or a postgresql://user@host/db URL (default: $SITREP_DB or ./{DEFAULT_DB})",
    )
    common.add_argument("--json", action="store_true", help="machine-readable JSON output")
    parser = argparse.ArgumentParser(prog="sitrep", description="Conflict-news monitor.")
    parser.add_argument("--version", action="version", version=f"sitrep {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    def command(
        name: str, handler: Callable[[argparse.Namespace], int], help: str
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, parents=[common], help=help, description=help)
        sub.set_defaults(handler=handler)
        return sub

    p = command(
        "ingest",
        cmd_ingest,
        "ingest files, folders, globs and URLs (.txt, .html[.gz], .jsonl, RSS/Atom feeds)",
    )
    p.add_argument("paths", nargs="+", metavar="PATH|URL")
    p.add_argument(
        "--workers",
        type=_positive_int,
        default=os.environ.get("SITREP_WORKERS", "1"),  # argparse checks a string default like an argument
        help="processes that extract and analyse in parallel (default $SITREP_WORKERS or 1)",
    )
    p.add_argument(
        "--scheduler",
        default=os.environ.get("SITREP_SCHEDULER"),
        metavar="ADDRESS",
        help="extract and analyse on a Dask cluster, e.g. tcp://host:8786 (needs the dask extra)",
    )
    p = command("show", cmd_show, "show one article with its entities, actors, places, events and keywords")
    p.add_argument("id")
    p = command("search", cmd_search, 'full-text search: words, "phrases", AND/OR/NOT, prefix*, filters')
    p.add_argument("query")
    p.add_argument("--order", choices=("relevance", "date"), default="relevance")
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--offset", type=int, default=0)
    p = command("events", cmd_events, "list coded events, newest first, with filters")
    p.add_argument(
        "--type", action="append", default=[], type=str.upper, choices=PLOVER_TYPES, metavar="TYPE"
    )
    p.add_argument("--mode")
    p.add_argument("--quad-class", type=int, choices=(1, 2, 3, 4))
    p.add_argument("--actor", help="actor id, name or alias")
    p.add_argument("--recipient", help="recipient id, name or alias")
    p.add_argument("--place", help="place id or name")
    p.add_argument("--since", help="YYYY[-MM[-DD]]")
    p.add_argument("--until", help="YYYY[-MM[-DD]]")
    p.add_argument("--article", help="article id")
    p.add_argument("--include-negated", action="store_true", help="also list negated events")
    p.add_argument("--limit", type=int, default=100)
    p.add_argument("--offset", type=int, default=0)
    p = command("actors", cmd_actors, "list actors by activity")
    p.add_argument("name", nargs="?", help="substring of a name or alias")
    p.add_argument("--limit", type=int, default=50)
    p = command("places", cmd_places, "list places by activity")
    p.add_argument("name", nargs="?", help="substring of a place name")
    p.add_argument("--limit", type=int, default=50)
    p = command("code", cmd_code, "code events in JSONL records (id, text, date) from FILE or stdin")
    p.add_argument("file", nargs="?", default="-", metavar="FILE|-")
    p = command("export", cmd_export, "export events (or articles) as csv, jsonl, geojson or parquet")
    p.add_argument("--format", choices=FORMATS, default="jsonl")
    p.add_argument("--what", choices=WHAT, default="events")
    p.add_argument("--out", help="output file (default: standard output)")
    command("stats", cmd_stats, "counts of articles, events, actors, places and keywords")
    p = command("serve", cmd_serve, "serve the web UI and JSON API (read-only unless SITREP_TOKEN is set)")
    p.add_argument(
        "--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1, this machine only)"
    )
    p.add_argument("--port", type=int, default=8000)
    _add_eval(commands, common)
    return parser


def _add_eval(commands: Any, common: argparse.ArgumentParser) -> None:
    evaluation = commands.add_parser("eval", help="measure quality against benchmark data")
    kinds = evaluation.add_subparsers(title="benchmarks", metavar="BENCHMARK")
    p = kinds.add_parser("events", parents=[common], help="PLOVER gold records: event type, mode, actors")
    p.add_argument("--plover", required=True, type=Path, help="PLOVER_GSR_CAMEO.txt")
    p.add_argument("--dictionaries", type=Path, help="a folder with CAMEO.*.txt and CAMEO2PLOVER*.txt to add")
    p.add_argument(
        "--type-model",
        choices=("light", "embeddings", "none"),
        default="light",
        help="learned event-type model: light (default), embeddings (needs sitrep[embeddings]) or none",
    )
    p.set_defaults(handler=cmd_eval, evaluation="events")
    p = kinds.add_parser("petrarch", parents=[common], help="PETRARCH's unit-test records and dictionaries")
    p.add_argument("directory", type=Path)
    p.set_defaults(handler=cmd_eval, evaluation="petrarch")
    p = kinds.add_parser("geo", parents=[common], help="geoparsing corpora (GeoWebNews, LGL, TR-News)")
    p.add_argument("--corpus", choices=("gwn", "lgl", "trnews"))
    p.add_argument("--baselines", action="store_true", help="score the published systems' outputs instead")
    p.add_argument("--mode", choices=("gold", "end-to-end"), default="gold")
    p.add_argument("--bench", type=Path, default=Path("../shared/bench/geo"), help="folder of the corpora")
    p.set_defaults(handler=cmd_eval, evaluation="geo")
    p = kinds.add_parser("extraction", parents=[common], help="article bodies from HTML, beside trafilatura")
    p.add_argument("directory", type=Path, nargs="?", default=Path("../shared/bench/extraction"))
    p.set_defaults(handler=cmd_eval, evaluation="extraction")
    p = kinds.add_parser("keywords", parents=[common], help="DUC-2001 keyphrases against YAKE and TextRank")
    p.add_argument("directory", type=Path, nargs="?", default=Path("../shared/bench/keywords/DUC2001"))
    p.add_argument("--top", type=int, default=10)
    p.set_defaults(handler=cmd_eval, evaluation="keywords")


def _open(args: argparse.Namespace) -> Sitrep:
    return Sitrep(args.db)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, not {text!r}")
    return value


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=None))


def cmd_ingest(args: argparse.Namespace) -> int:
    failed = False
    with Sitrep(args.db, workers=args.workers, scheduler=args.scheduler) as app:
        for result in app.ingest(args.paths, progress=not args.json and sys.stderr.isatty()):
            failed |= result.status == "error"
            if args.json:
                data: dict[str, Any] = {"path": result.path, "status": result.status, "id": result.id}
                if result.error:
                    data["error"] = result.error
                if result.warnings:
                    data["warnings"] = result.warnings
                _print_json(data)
            else:
                detail = f"{result.id}" if result.id else f"error: {result.error}"
                print(f"{result.status:9} {detail}  {result.path}")
                for warning in result.warnings:
                    print(f"          warning: {warning}", file=sys.stderr)
    return SOME_FAILED if failed else OK


def cmd_show(args: argparse.Namespace) -> int:
    with _open(args) as app:
        data = detail_json(app.show(args.id))
    if args.json:
        _print_json(data)
        return OK
    print(data["title"])
    if data["standfirst"]:
        print(data["standfirst"])
    credits = [f"{k}: {data[k]}" for k in ("published", "outlet", "original_source", "translator") if data[k]]
    print(" | ".join(credits))
    print()
    print(data["body"])
    print()
    print("Keywords:", ", ".join(data["keywords"]))
    print("Actors:", ", ".join(a["name"] for a in data["actors"]))
    print("Places:", ", ".join(p["name"] for p in data["places"]))
    print("Events:")
    for event in data["events"]:
        print("  " + _event_line(event))
    return OK


def _event_line(event: dict[str, Any]) -> str:
    flags = [f for f in ("negated", "alleged", "hypothetical") if event[f]]
    who = ", ".join(event["actors"]) or "?"
    whom = ", ".join(event["recipients"])
    place = (event["place"] or {}).get("name")
    parts = [event.get("date") or "", event["type"] + (f"/{event['mode']}" if event["mode"] else ""), who]
    parts += [
        f"-> {whom}" if whom else "",
        f"@ {place}" if place else "",
        f"[{', '.join(flags)}]" if flags else "",
    ]
    return "  ".join(p for p in parts if p)


def cmd_search(args: argparse.Namespace) -> int:
    with _open(args) as app:
        page = app.search(args.query, order=args.order, limit=args.limit, offset=args.offset)
    if args.json:
        _print_json(search_json(page))
        return OK
    print(f"{page.total} articles")
    for hit in page.hits:
        print(f"{hit.id}  {hit.published or '':10}  {hit.title}")
        print(f"    {snippet_text(hit.snippet)}")
    return OK


def cmd_events(args: argparse.Namespace) -> int:
    query = EventQuery(
        type=tuple(args.type), mode=args.mode, quad_class=args.quad_class, actor=args.actor,
        recipient=args.recipient, place=args.place, since=args.since, until=args.until, article=args.article,
        include_negated=args.include_negated, limit=args.limit, offset=args.offset,
    )  # fmt: skip
    with _open(args) as app:
        rows = [event_row_json(row) for row in app.events(query)]
    if args.json:
        _print_json(rows)
    else:
        for row in rows:
            print(_event_line(row))
    return OK


def cmd_actors(args: argparse.Namespace) -> int:
    with _open(args) as app:
        summaries = app.actors(args.name, limit=args.limit)
    _print_summaries(
        args,
        [(actor_json(s.actor), s.articles, s.events) for s in summaries],
        lambda a: f"{a['name']}  ({a['kind'] or '?'})",
    )
    return OK


def cmd_places(args: argparse.Namespace) -> int:
    with _open(args) as app:
        summaries = app.places(args.name, limit=args.limit)
    _print_summaries(
        args,
        [(place_json(s.place), s.articles, s.events) for s in summaries],
        lambda p: f"{p['name']}, {p['country']}  ({p['lat']:.3f}, {p['lon']:.3f})",
    )
    return OK


def _print_summaries(
    args: argparse.Namespace,
    rows: list[tuple[dict[str, Any], int, int]],
    describe: Callable[[dict[str, Any]], str],
) -> None:
    """Actors or places with their activity: JSON objects, or one line each."""
    if args.json:
        _print_json([item | {"articles": articles, "events": events} for item, articles, events in rows])
        return
    for item, articles, events in rows:
        print(f"{events:5} events {articles:4} articles  {describe(item)}")


def cmd_code(args: argparse.Namespace) -> int:
    stream = sys.stdin if args.file == "-" else _open_text(args.file)
    failed = False
    # Coding stores nothing; an in-memory database keeps `code` from creating files.
    with Sitrep(":memory:") as app:
        for record, outcome in app.code(_jsonl_records(stream, args.file)):
            if isinstance(outcome, InputError):
                failed = True
                print(f"sitrep: {outcome}", file=sys.stderr)
                _print_json({"id": record.get("id"), "error": outcome.problem, "events": []})
                continue
            names = {a.id: a.name for a in outcome.actors.values()}
            line = {"id": record.get("id"), "events": [event_json(e, names) for e in outcome.events]}
            if outcome.warnings:
                line["warnings"] = outcome.warnings
            _print_json(line)
    return SOME_FAILED if failed else OK


def _open_text(path: str) -> Any:
    try:
        return open(path, encoding="utf-8")  # noqa: SIM115 - closed when the process ends
    except OSError as exc:
        raise UsageError(f"{path}: cannot read: {exc.strerror}") from exc


def _jsonl_records(stream: Any, name: str) -> Any:
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(f"{name}:{number}", f"not valid JSON: {exc.msg}")
            continue
        yield (
            record if isinstance(record, dict) else InputError(f"{name}:{number}", "a line must be an object")
        )


def cmd_export(args: argparse.Namespace) -> int:
    if args.format == "parquet" and not args.out:
        raise UsageError("parquet is binary: give --out FILE")
    with _open(args) as app:
        if args.out and args.format == "parquet":
            with open(args.out, "wb") as binary:
                count = app.export(binary, args.format, args.what)
        elif args.out:
            with open(args.out, "w", encoding="utf-8", newline="") as text:
                count = app.export(text, args.format, args.what)
        else:
            count = app.export(sys.stdout, args.format, args.what)
    if args.out:
        message = {"format": args.format, "what": args.what, "count": count, "out": args.out}
        print(
            json.dumps(message) if args.json else f"wrote {count} {args.what} to {args.out}", file=sys.stderr
        )
    return OK


def cmd_stats(args: argparse.Namespace) -> int:
    with _open(args) as app:
        counts = app.stats()
    if args.json:
        _print_json(counts)
    else:
        for key, value in counts.items():
            print(f"{key:10} {value}")
    return OK


def cmd_serve(args: argparse.Namespace) -> int:
    from sitrep.web import serve

    serve(args.db or default_db_path(), host=args.host, port=args.port)
    return OK


def cmd_eval(args: argparse.Namespace) -> int:
    from sitrep.evaluation import run_evaluation

    result = run_evaluation(args)
    if args.json:
        _print_json(result)
    else:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    return OK


if __name__ == "__main__":
    sys.exit(main())
