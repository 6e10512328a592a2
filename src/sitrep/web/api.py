"""The JSON API under /api/v1: the library's operations, shaped as `sitrep.serialize` shapes them."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from sitrep.api import IngestResult, Sitrep
from sitrep.records import Document
from sitrep.search.sqlite import ORDERS
from sitrep.serialize import actor_json, detail_json, event_row_json, place_json, search_json
from sitrep.web import queries
from sitrep.web.context import Databases, Reader, actor_or_404, article_or_404, require_token, state
from sitrep.web.filters import MAX_LIMIT, EventFilters, event_filters, event_sort
from sitrep.web.ingest import ArticleIn, document_from

router = APIRouter(prefix="/api/v1", tags=["api"])

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"page size, at most {MAX_LIMIT}")]
Offset = Annotated[int, Query(ge=0, description="how many results to skip")]
Filters = Annotated[EventFilters, Depends(event_filters)]


def page_json(results: list[Any], limit: int, offset: int, total: int | None = None) -> dict[str, Any]:
    """A page of results with what a client needs to ask for the next one."""
    more = offset + limit < total if total is not None else len(results) == limit
    return {
        "total": total, "limit": limit, "offset": offset,
        "next_offset": offset + limit if more else None, "results": results,
    }  # fmt: skip


@router.get("/articles", summary="Latest articles")
def list_articles(sitrep: Reader, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    rows = [asdict(a) for a in queries.latest_articles(sitrep.store, limit, offset)]
    return page_json(rows, limit, offset, sitrep.store.count("articles"))


@router.get("/articles/{article_id}", summary="One article with its entities, actors, places and events")
def get_article(sitrep: Reader, article_id: str) -> dict[str, Any]:
    return detail_json(article_or_404(sitrep, article_id))


@router.post(
    "/articles",
    status_code=201,
    summary="Ingest an article (text, html, or a url to fetch); needs SITREP_TOKEN",
    dependencies=[Depends(require_token)],
)
async def post_article(request: Request, article: ArticleIn) -> JSONResponse:
    app_state = state(request)
    # Fetching and the NLP pipeline block: run them off the event loop, one write at a time.
    document = await run_in_threadpool(document_from, article, app_state.fetch)
    result = await run_in_threadpool(_ingest_one, app_state.databases, document)
    if result.status == "error":
        return JSONResponse({"error": result.error, "origin": result.path}, status_code=422)
    body = {
        "status": result.status,
        "id": result.id,
        "warnings": result.warnings,
        "url": f"/articles/{result.id}",
    }
    return JSONResponse(body, status_code=201 if result.status != "unchanged" else 200)


def _ingest_one(databases: Databases, document: Document) -> IngestResult:
    with databases.write_lock:
        return next(iter(databases.writer().ingest_documents([document])))


@router.get("/search", summary="Search articles with the CLI's query syntax")
def search(
    sitrep: Reader,
    q: Annotated[str, Query(description='words, "phrases", AND/OR/NOT, prefix*, filters such as actor:ISIS')],
    order: Annotated[str, Query(description=f"one of {', '.join(ORDERS)}")] = "relevance",
    limit: Limit = 20,
    offset: Offset = 0,
) -> dict[str, Any]:
    found = search_json(sitrep.search(q, order=order, limit=limit, offset=offset))
    return page_json(found["results"], limit, offset, found["total"])


@router.get("/events", summary="Events, filtered as `sitrep events` filters them")
def list_events(
    sitrep: Reader,
    filters: Filters,
    sort: Annotated[str, Depends(event_sort)],
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    query = filters.query(limit, offset)
    rows = [event_row_json(r) for r in queries.list_events(sitrep.store, query, sort)]
    return page_json(rows, limit, offset, queries.count_events(sitrep.store, query))


@router.get("/actors", summary="Actors by activity")
def list_actors(
    sitrep: Reader,
    name: Annotated[str | None, Query(description="part of a name or alias")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    rows = [
        actor_json(s.actor) | {"articles": s.articles, "events": s.events}
        for s in sitrep.actors(name, limit, offset)
    ]
    return page_json(rows, limit, offset)


@router.get("/actors/{actor_id}", summary="One actor with its counterparts")
def get_actor(sitrep: Reader, actor_id: str) -> dict[str, Any]:
    actor = actor_or_404(sitrep, actor_id)
    found = queries.counterparts(sitrep.store, actor_id)
    names = {a.id: a.name for a in sitrep.store.actors_by_ids([c.actor_id for c in found])}
    counterparts = [asdict(c) | {"name": names.get(c.actor_id, c.actor_id)} for c in found]
    return actor_json(actor) | {"counterparts": counterparts}


@router.get("/places", summary="Places by activity")
def list_places(
    sitrep: Reader,
    name: Annotated[str | None, Query(description="part of a place name")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    rows = [
        {**(place_json(s.place) or {}), "articles": s.articles, "events": s.events}
        for s in sitrep.places(name, limit, offset)
    ]
    return page_json(rows, limit, offset)


@router.get("/stats", summary="Counts of articles, events, actors, places, keywords and entities")
def stats(sitrep: Reader) -> dict[str, int]:
    return sitrep.stats()


@router.get("/timeline", summary="Events per day (or month) by type")
def timeline(
    sitrep: Reader,
    filters: Filters,
    bucket: Annotated[str, Query(pattern="^(day|month)$", description="day or month")] = "day",
) -> dict[str, Any]:
    counts = queries.events_by_period(sitrep.store, filters.query(), 10 if bucket == "day" else 7)
    return timeline_json(counts)


def timeline_json(counts: list[queries.PeriodCount]) -> dict[str, Any]:
    """Periods in order and, for each event type, its count in every period (zeros included)."""
    periods = sorted({c.period for c in counts})
    position = {p: i for i, p in enumerate(periods)}
    series: dict[str, list[int]] = {}
    for count in counts:
        series.setdefault(count.type, [0] * len(periods))[position[count.period]] = count.events
    return {"periods": periods, "series": [{"type": t, "counts": series[t]} for t in sorted(series)]}


@router.get("/network", summary="Who acts on whom: actors and edges weighted by event count")
def network(
    sitrep: Reader,
    filters: Filters,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="most edges to return")] = 150,
) -> dict[str, Any]:
    edges = queries.network_edges(sitrep.store, filters.query(), limit)
    return network_json(sitrep, edges)


def network_json(sitrep: Sitrep, edges: list[queries.Edge]) -> dict[str, Any]:
    weight: dict[str, int] = {}
    for edge in edges:
        for actor_id in (edge.source, edge.target):
            weight[actor_id] = weight.get(actor_id, 0) + edge.events
    actors = sitrep.store.actors_by_ids(sorted(weight))
    return {
        "nodes": [{"id": a.id, "name": a.name, "kind": a.kind, "events": weight[a.id]} for a in actors],
        "edges": [asdict(e) | {"tone": e.tone} for e in edges],
    }
