"""The application: pages, the JSON API, static files, front-end libraries from node_modules, and the
security headers every response carries."""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

import sitrep
from sitrep.api import Sitrep
from sitrep.errors import DatabaseUnavailable, SitrepError
from sitrep.pipeline import Pipeline
from sitrep.web import api, pages
from sitrep.web.context import HERE, AppState, Databases, Settings, make_templates
from sitrep.web.ingest import Fetch, fetch_url

log = logging.getLogger("sitrep.web")

# Front-end libraries, served from where `npm ci` installed them: URL prefix -> folder in node_modules.
VENDOR = {
    "leaflet": "leaflet/dist",
    "markercluster": "leaflet.markercluster/dist",
    "topojson": "topojson-client/dist",
    "world-atlas": "world-atlas",
    "cytoscape": "cytoscape/dist",
    "chartjs": "chart.js/dist",
}


def create_app(
    db_path: str,
    settings: Settings | None = None,
    fetch: Fetch = fetch_url,
    pipeline: Pipeline | None = None,
) -> FastAPI:
    """The web app over the database at `db_path` (a SQLite file or a PostgreSQL URL); settings default to
    the environment (SITREP_*). Connections open on the first request, one per worker thread."""
    settings = settings or Settings.from_env(db_path)
    databases = Databases(db_path, pipeline)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        databases.close()

    app = FastAPI(
        title="Sitrep",
        version=sitrep.__version__,
        description="Articles, events, actors and places found in conflict news. Read-only unless the "
        "server runs with SITREP_TOKEN set; then POST /api/v1/articles takes that bearer token.",
        docs_url=None,  # FastAPI's docs pages load scripts from a CDN; /api renders the schema instead
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.sitrep = AppState(settings, databases, make_templates(), fetch)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    _mount_vendor(app, settings)
    _add_error_handlers(app)
    app.add_middleware(SecurityHeaders, headers=security_headers(settings))
    return app


def _mount_vendor(app: FastAPI, settings: Settings) -> None:
    missing = []
    for prefix, folder in VENDOR.items():
        directory = settings.node_modules / folder
        if directory.is_dir():
            app.mount(f"/vendor/{prefix}", StaticFiles(directory=directory), name=f"vendor-{prefix}")
        else:
            missing.append(folder)
    if missing:
        log.warning(
            "front-end libraries missing in %s (%s): run `make install`", settings.node_modules, missing
        )


def content_security_policy(settings: Settings) -> str:
    """Scripts, styles and data only from this server: no inline code, so injected markup cannot run."""
    images = "'self' data:" + (f" {settings.tiles_origin}" if settings.tiles_origin else "")
    return (
        "default-src 'none'; script-src 'self'; style-src 'self'; "
        f"img-src {images}; connect-src 'self'; font-src 'self'; form-action 'self'; "
        "base-uri 'none'; frame-ancestors 'none'"
    )


class SecurityHeaders:
    """ASGI middleware adding the security headers to every HTTP response, errors and files included."""

    def __init__(self, app: ASGIApp, headers: dict[str, str]) -> None:
        self.app = app
        self.headers = headers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message).update(self.headers)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def security_headers(settings: Settings) -> dict[str, str]:
    return {
        "Content-Security-Policy": content_security_policy(settings),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",  # links to sources must not tell them what the analyst read
        "X-Frame-Options": "DENY",
    }


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path.startswith("/openapi")


def _add_error_handlers(app: FastAPI) -> None:
    async def error_page(request: Request, status: int, message: str) -> Response:
        if _wants_json(request):
            return JSONResponse({"error": message}, status_code=status)
        return pages.render(request, "error.html", status=status, status_code=status, message=message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        response = await error_page(request, exc.status_code, str(exc.detail))
        response.headers.update(exc.headers or {})
        return response

    @app.exception_handler(SitrepError)
    async def sitrep_error(request: Request, exc: SitrepError) -> Response:
        # Query and input errors are the caller's to fix: one line, 400.
        return await error_page(request, 400, str(exc))

    @app.exception_handler(DatabaseUnavailable)
    async def database_unavailable(request: Request, exc: DatabaseUnavailable) -> Response:
        # The server's fault, not the caller's; the next request opens a new connection.
        log.warning("%s", exc)
        return await error_page(request, 503, f"{exc}; try again")

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'][1:]))}: {e['msg']}" for e in exc.errors())
        return await error_page(request, 422 if _wants_json(request) else 400, problems)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(db_path: str, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the database with uvicorn until interrupted (the CLI's `sitrep serve`)."""
    import uvicorn

    settings = Settings.from_env(db_path)
    # Open the database once before serving, so an unreachable server or a newer schema stops here with
    # one clear message rather than failing every request.
    Sitrep(db_path).close()
    if not is_loopback(host):
        access = "read-write with SITREP_TOKEN" if settings.token else "read-only"
        log.warning("serving on %s: other machines can reach it (%s)", host, access)
    uvicorn.run(create_app(db_path, settings), host=host, port=port, server_header=False)
