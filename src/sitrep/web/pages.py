"""Server-rendered pages. Each works without JavaScript; maps and charts add to a table, never replace it."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from sitrep.api import Sitrep
from sitrep.errors import QueryError
from sitrep.export import write_rows
from sitrep.records import Mention
from sitrep.search import parse, snippet_html
from sitrep.search.query import PLOVER_TYPES
from sitrep.search.sqlite import ORDERS
from sitrep.serialize import event_row_json
from sitrep.web import highlight, queries
from sitrep.web.api import timeline_json
from sitrep.web.context import Reader, actor_or_404, article_or_404, state
from sitrep.web.filters import (
    PAGE_SIZE,
    QUAD_CLASSES,
    EventFilters,
    event_filters,
    event_sort,
    filter_term,
    phrase_query,
)

router = APIRouter(include_in_schema=False)
Filters = Annotated[EventFilters, Depends(event_filters)]
Sort = Annotated[str, Depends(event_sort)]
PageNumber = Annotated[int, Query(ge=1, le=10_000)]
SEARCH_PAGE_SIZE = 20
EXPORT_LIMIT = 50_000  # the most events one export or one map carries
MAP_LIMIT = 5_000
NAV = [
    ("/", "Home"), ("/search", "Search"), ("/events", "Events"), ("/map", "Map"), ("/timeline", "Timeline"),
    ("/actors", "Actors"), ("/network", "Network"), ("/api", "API"),
]  # fmt: skip


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    shared = {
        "nav": NAV, "path": request.url.path, "settings": state(request).settings,
        "plover_types": PLOVER_TYPES, "quad_classes": QUAD_CLASSES,
    }  # fmt: skip
    response: HTMLResponse = state(request).templates.TemplateResponse(
        request, template, shared | context, status_code=status
    )
    return response


@dataclass(frozen=True)
class Pager:
    page: int
    previous: str | None
    next: str | None
    numbers: list[tuple[int, str]]  # a window of page numbers around the current one, with their URLs


def pager(page: int, size: int, total: int | None, url: Callable[[int], str], shown: int = 5) -> Pager:
    """Links to neighbouring pages; with no total, a next link whenever the page was full."""
    last = max(1, -(-total // size)) if total is not None else page + 1
    first_shown = max(1, min(page - shown // 2, last - shown + 1))
    numbers = [(n, url(n)) for n in range(first_shown, min(last, first_shown + shown - 1) + 1)]
    return Pager(page, url(page - 1) if page > 1 else None, url(page + 1) if page < last else None, numbers)


def safe_link(url: str | None) -> str | None:
    """A scraped URL as a link target only when it is http(s): never javascript: or data:."""
    return url if url and urlsplit(url).scheme in ("http", "https") else None


def search_href(query: str) -> str:
    return "/search?" + urlencode({"q": query})


@router.get("/", response_class=HTMLResponse)
def home(request: Request, sitrep: Reader) -> HTMLResponse:
    store = sitrep.store
    by_type = queries.events_by_type(store)
    return render(
        request, "home.html",
        stats=sitrep.stats(), latest=queries.latest_articles(store, 10), actors=sitrep.actors(limit=10),
        places=sitrep.places(limit=10), by_type=by_type, most=max((n for _, n in by_type), default=1),
    )  # fmt: skip


@router.get("/search", response_class=HTMLResponse)
def search(
    request: Request, sitrep: Reader, q: str = "", order: str = "relevance", page: PageNumber = 1
) -> HTMLResponse:
    context: dict[str, Any] = {"q": q, "order": order, "orders": ORDERS, "found": None, "error": None}
    if not q.strip():
        return render(request, "search.html", **context)
    try:
        parsed = parse(q)
        found = sitrep.search(q, order=order, limit=SEARCH_PAGE_SIZE, offset=(page - 1) * SEARCH_PAGE_SIZE)
    except QueryError as exc:
        # The page itself is fine: it shows the one-line message beside the query to fix (the API says 400).
        return render(request, "search.html", **(context | {"error": str(exc)}))
    facets = queries.facets(sitrep.store, parsed)
    return render(
        request, "search.html",
        **(context | {"found": found}), snippets=[Markup(snippet_html(h.snippet)) for h in found.hits],
        facets={name: _facet_links(q, order, parsed.values(name), values) for name, values in facets.items()},
        facet_sample=queries.FACET_SAMPLE if found.total > queries.FACET_SAMPLE else None,
        pager=pager(page, SEARCH_PAGE_SIZE, found.total, lambda n: _search_url(q, order, n)),
    )  # fmt: skip


def _search_url(q: str, order: str, page: int = 1) -> str:
    params = (
        {"q": q} | ({"order": order} if order != "relevance" else {}) | ({"page": page} if page > 1 else {})
    )
    return "/search?" + urlencode(params)


@dataclass(frozen=True)
class FacetLink:
    label: str
    articles: int
    href: str
    selected: bool


def _facet_links(q: str, order: str, chosen: list[str], values: list[queries.FacetValue]) -> list[FacetLink]:
    links = []
    for value in values:
        term = _facet_term(value)
        if term is None:
            continue
        selected = value.value.casefold() in {c.casefold() for c in chosen}
        href = _search_url(q if selected else f"{q} {term}", order)
        links.append(FacetLink(value.label, value.articles, href, selected))
    return links


def _facet_term(value: queries.FacetValue) -> str | None:
    if value.field == "since":  # a month facet bounds both ends
        return f"since:{value.value} until:{value.value}"
    return filter_term(value.field, value.value)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, sitrep: Reader, article_id: str) -> HTMLResponse:
    detail = article_or_404(sitrep, article_id)
    body = detail.article.body
    linked = queries.linked_spans(sitrep.store, article_id)

    def entity_href(mention: Mention) -> str:
        return search_href(phrase_query(mention.text))

    marks = highlight.highlights(linked, detail.entities, entity_href)
    return render(
        request, "article.html",
        detail=detail, a=detail.article, paragraphs=highlight.paragraphs(body, marks),
        source_url=safe_link(detail.article.url),
        keywords=[(k.text, search_href(phrase_query(k.text))) for k in detail.keywords],
    )  # fmt: skip


@router.get("/events", response_class=HTMLResponse)
def events(
    request: Request, sitrep: Reader, filters: Filters, sort: Sort = "newest", page: PageNumber = 1
) -> HTMLResponse:
    query = filters.query(PAGE_SIZE, (page - 1) * PAGE_SIZE)
    total = queries.count_events(sitrep.store, query)
    extra = {"sort": sort} if sort != "newest" else {}
    return render(
        request, "events.html",
        filters=filters, sort=sort, sorts=list(queries.EVENT_SORTS), total=total,
        rows=queries.list_events(sitrep.store, query, sort),
        pager=pager(page, PAGE_SIZE, total, lambda n: filters.url("/events", **extra, page=n)),
        csv_url=filters.url("/events.csv", **extra), geojson_url=filters.url("/events.geojson", **extra),
    )  # fmt: skip


@router.get("/events.csv")
def events_csv(sitrep: Reader, filters: Filters, sort: Sort = "newest") -> Response:
    return _export(sitrep, filters, sort, "text/csv; charset=utf-8", "csv")


@router.get("/events.geojson")
def events_geojson(
    sitrep: Reader,
    filters: Filters,
    sort: Sort = "newest",
    limit: Annotated[int, Query(ge=1, le=EXPORT_LIMIT)] = EXPORT_LIMIT,
) -> Response:
    return _export(sitrep, filters, sort, "application/geo+json", "geojson", limit, located=True)


def _export(
    sitrep: Sitrep,
    filters: EventFilters,
    sort: str,
    media_type: str,
    suffix: str,
    limit: int = EXPORT_LIMIT,
    located: bool = False,
) -> Response:
    rows = queries.list_events(sitrep.store, filters.query(limit), sort, located=located)
    out = io.StringIO()
    write_rows(out, (event_row_json(r) for r in rows), suffix, "events")
    disposition = f'attachment; filename="sitrep-events.{suffix}"'
    return Response(out.getvalue(), media_type=media_type, headers={"Content-Disposition": disposition})


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, sitrep: Reader, filters: Filters) -> HTMLResponse:
    return render(
        request, "map.html",
        filters=filters, places=sitrep.places(limit=30),
        data_url=filters.url("/events.geojson", limit=MAP_LIMIT), map_limit=MAP_LIMIT,
    )  # fmt: skip


@router.get("/timeline", response_class=HTMLResponse)
def timeline(request: Request, sitrep: Reader, filters: Filters) -> HTMLResponse:
    counts = queries.events_by_period(sitrep.store, filters.query())
    return render(
        request, "timeline.html",
        filters=filters, table=timeline_json(counts), data_url=filters.url("/api/v1/timeline"),
    )  # fmt: skip


@router.get("/actors", response_class=HTMLResponse)
def actors(request: Request, sitrep: Reader, name: str = "", page: PageNumber = 1) -> HTMLResponse:
    rows = sitrep.actors(name.strip() or None, PAGE_SIZE, (page - 1) * PAGE_SIZE)
    total = None if len(rows) == PAGE_SIZE else (page - 1) * PAGE_SIZE + len(rows)

    def url(number: int) -> str:
        return "/actors?" + urlencode({"name": name, "page": number} if name else {"page": number})

    return render(request, "actors.html", name=name, rows=rows, pager=pager(page, PAGE_SIZE, total, url))


@router.get("/actors/{actor_id}", response_class=HTMLResponse)
def actor(request: Request, sitrep: Reader, actor_id: str) -> HTMLResponse:
    found = actor_or_404(sitrep, actor_id)
    store = sitrep.store
    roles = {"actor": EventFilters(actor=actor_id), "recipient": EventFilters(recipient=actor_id)}
    sections = {
        role: (
            f.url("/events"),
            queries.count_events(store, f.query()),
            queries.list_events(sitrep.store, f.query(20)),
        )
        for role, f in roles.items()
    }
    partners = queries.counterparts(store, actor_id)
    names = {a.id: a for a in sitrep.store.actors_by_ids([c.actor_id for c in partners])}
    return render(request, "actor.html", actor=found, sections=sections, partners=partners, names=names)


@router.get("/network", response_class=HTMLResponse)
def network(request: Request, sitrep: Reader, filters: Filters) -> HTMLResponse:
    edges = queries.network_edges(sitrep.store, filters.query(), limit=50)
    ids = sorted({i for e in edges for i in (e.source, e.target)})
    names = {a.id: a.name for a in sitrep.store.actors_by_ids(ids)}
    return render(
        request,
        "network.html",
        filters=filters,
        edges=edges,
        names=names,
        data_url=filters.url("/api/v1/network"),
    )


@router.get("/api", response_class=HTMLResponse)
def api_reference(request: Request) -> HTMLResponse:
    """A readable page of the JSON API, generated from the OpenAPI schema (served at /openapi.json)."""
    schema = request.app.openapi()
    operations = [
        {
            "method": method.upper(),
            "path": path,
            "summary": op.get("summary", ""),
            "parameters": op.get("parameters", []),
        }
        for path, methods in schema["paths"].items()
        for method, op in methods.items()
    ]
    return render(request, "api.html", operations=operations)
