"""What every request handler shares: settings, database connections, the writer and the templates."""

from __future__ import annotations

import hmac
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import Depends, Header, HTTPException, Request
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from sitrep.api import NotFound, Sitrep
from sitrep.pipeline import Pipeline
from sitrep.records import Actor
from sitrep.store import ArticleDetail
from sitrep.web.ingest import Fetch, fetch_url

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]


def default_node_modules() -> Path:
    """Where `npm ci` put the front-end libraries: $SITREP_NODE_MODULES, ./node_modules, or the repo's."""
    configured = os.environ.get("SITREP_NODE_MODULES")
    if configured:
        return Path(configured)
    local = Path.cwd() / "node_modules"
    return local if local.is_dir() else REPO / "node_modules"


@dataclass(frozen=True)
class Settings:
    db_path: str
    token: str | None = None  # SITREP_TOKEN: when set, write endpoints accept this bearer token
    tiles: str | None = None  # SITREP_TILES: a tile URL template for online users; offline basemap otherwise
    tiles_attribution: str = ""
    node_modules: Path = field(default_factory=default_node_modules)

    @classmethod
    def from_env(cls, db_path: str) -> Settings:
        return cls(
            db_path=db_path,
            token=os.environ.get("SITREP_TOKEN") or None,
            tiles=os.environ.get("SITREP_TILES") or None,
            tiles_attribution=os.environ.get("SITREP_TILES_ATTRIBUTION", ""),
        )

    @property
    def tiles_origin(self) -> str | None:
        if not self.tiles:
            return None
        parts = urlsplit(self.tiles)
        # A subdomain template such as {s}.tile.example.org becomes a wildcard source for the CSP.
        return f"{parts.scheme}://{parts.netloc.replace('{s}', '*')}"


class Databases:
    """One Sitrep per worker thread for reads (a connection, SQLite's or PostgreSQL's, serves one thread at
    a time), and one writer behind a lock, whose NLP pipeline loads on the first write."""

    def __init__(self, path: str, pipeline: Pipeline | None = None) -> None:
        self.path = path
        self._pipeline = pipeline
        self._local = threading.local()
        self._opened: list[Sitrep] = []
        self._lock = threading.Lock()
        self._writer: Sitrep | None = None
        self.write_lock = threading.Lock()

    def reader(self) -> Sitrep:
        sitrep = self._still_usable(getattr(self._local, "sitrep", None))
        if sitrep is None:
            sitrep = Sitrep(self.path)
            sitrep.store.tune_for_reading()
            self._local.sitrep = sitrep
            with self._lock:
                self._opened.append(sitrep)
        return sitrep

    def writer(self) -> Sitrep:
        """The writing Sitrep; callers hold `write_lock` while they use it."""
        self._writer = self._still_usable(self._writer)
        if self._writer is None:
            self._writer = Sitrep(self.path, pipeline=self._pipeline)
            with self._lock:
                self._opened.append(self._writer)
        return self._writer

    def _still_usable(self, sitrep: Sitrep | None) -> Sitrep | None:
        """`sitrep`, unless its connection broke (the server restarted, the network dropped): then it is
        closed, and the caller opens a new one."""
        if sitrep is None or sitrep.store.usable():
            return sitrep
        with self._lock:
            self._opened.remove(sitrep)
        sitrep.close()
        return None

    def close(self) -> None:
        with self._lock:
            for sitrep in self._opened:
                sitrep.close()
            self._opened.clear()


@dataclass
class AppState:
    settings: Settings
    databases: Databases
    templates: Jinja2Templates
    fetch: Fetch = fetch_url


def make_templates() -> Jinja2Templates:
    # Autoescape every template: titles, bodies, names and URLs all come from scraped pages. Templates
    # ship with the package, so they are compiled once and never checked for changes.
    environment = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        auto_reload=False,
    )
    return Jinja2Templates(env=environment)


def state(request: Request) -> AppState:
    app_state: AppState = request.app.state.sitrep
    return app_state


def reader(request: Request) -> Sitrep:
    return state(request).databases.reader()


def require_token(
    request: Request, authorization: Annotated[str | None, Header(description="Bearer SITREP_TOKEN")] = None
) -> None:
    """Writes need SITREP_TOKEN to be set on the server and given as a bearer token."""
    token = state(request).settings.token
    if not token:
        raise HTTPException(403, "this server is read-only: start it with SITREP_TOKEN set to allow writes")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise HTTPException(401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"})


Reader = Annotated[Sitrep, Depends(reader)]


def article_or_404(sitrep: Sitrep, article_id: str) -> ArticleDetail:
    try:
        return sitrep.show(article_id)
    except NotFound as exc:
        raise HTTPException(404, str(exc)) from exc


def actor_or_404(sitrep: Sitrep, actor_id: str) -> Actor:
    found = sitrep.store.actors_by_ids([actor_id])
    if not found:
        raise HTTPException(404, f"no actor with id {actor_id!r}")
    return found[0]
