"""Shared fixtures. Tests that need ../shared (benchmarks, the seed page) skip cleanly without it.

A PostgreSQL server for the store and web tests: pgserver's embedded binaries, started once per session
in a temporary data directory, stopped and deleted after. Each test gets a database of its own.
"""

from __future__ import annotations

import itertools
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "seed" / "000_98117f67f363eafe.txt"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not present (a user's clone has none)")
    return SHARED


@pytest.fixture(scope="session")
def seed_path(shared_dir: Path) -> Path:
    if not SEED.is_file():
        pytest.skip("the seed page is not in ../shared")
    return SEED


_databases = itertools.count()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[Any]:
    pgserver = pytest.importorskip("pgserver", reason="pgserver (embedded PostgreSQL) is not installed")
    pytest.importorskip("psycopg", reason="psycopg is not installed")
    # Not under pytest's temporary folder: as root, the server runs as another user, which must reach the
    # data directory, and every pytest session closes /tmp/pytest-of-root to others again when it starts.
    parent = Path(tempfile.mkdtemp(prefix="sitrep-postgres-"))
    try:
        server = pgserver.get_server(parent / "data", cleanup_mode="delete")
    except Exception as exc:  # noqa: BLE001 - any failure to start means this platform cannot run it
        shutil.rmtree(parent, ignore_errors=True)
        pytest.skip(f"pgserver cannot start PostgreSQL on this platform: {exc}")
    yield server
    server.cleanup()
    shutil.rmtree(parent, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server: Any) -> str:
    """The URL of a new, empty database."""
    return new_database(postgres_server)


def new_database(server: Any) -> str:
    import psycopg

    name = f"sitrep_test_{next(_databases)}"
    with psycopg.connect(server.get_uri(), autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    return str(server.get_uri(name))
