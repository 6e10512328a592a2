"""The store tests' corpus: the example corpus is analysed once per session, stored in SQLite, and
replayed into PostgreSQL (the server is the root conftest's), for the tests comparing the backends (the
library's reads in test_backends.py, the web app's in test_web.py)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from sitrep.api import Sitrep
from sitrep.errors import InputError
from sitrep.records import Analysis, Document, Keyword
from tests.conftest import new_database


def corpus_dir() -> Path:
    return Path(__file__).resolve().parents[2] / "examples" / "corpus"


class Recorder:
    """Analyses documents with a real pipeline and keeps each outcome by origin."""

    def __init__(self) -> None:
        from sitrep.pipeline import Pipeline

        self.pipeline = Pipeline()
        self.outcomes: dict[str, Analysis | InputError] = {}

    def analyze_documents(self, documents: Iterable[Document]) -> Iterator[Analysis | InputError]:
        pulled: list[Document] = []

        def tap() -> Iterator[Document]:
            for document in documents:
                pulled.append(document)
                yield document

        for number, outcome in enumerate(self.pipeline.analyze_documents(tap())):
            self.outcomes[pulled[number].origin] = outcome
            yield outcome

    def close(self) -> None:
        self.pipeline.close()


class Replay:
    """Gives back recorded outcomes; from the `break_at`-th document on, one that the store cannot save."""

    def __init__(self, outcomes: dict[str, Analysis | InputError], break_at: int | None = None) -> None:
        self.outcomes = outcomes
        self.break_at = break_at

    def analyze_documents(self, documents: Iterable[Document]) -> Iterator[Analysis | InputError]:
        for number, document in enumerate(documents):
            outcome = self.outcomes[document.origin]
            if number == self.break_at and isinstance(outcome, Analysis):
                # PostgreSQL refuses a NUL in text: the save fails at its last step, the keywords.
                outcome = dataclasses.replace(outcome, keywords=[*outcome.keywords, Keyword("bad\x00", 1.0)])
            yield outcome

    def close(self) -> None:
        pass


@pytest.fixture(scope="session")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Analysis | InputError]]:
    """The corpus ingested into SQLite, and the analyses that went in."""
    recorder = Recorder()
    path = tmp_path_factory.mktemp("backends") / "corpus.db"
    with Sitrep(path, pipeline=recorder) as app:
        results = list(app.ingest([str(corpus_dir())]))
    recorder.close()
    assert [r.path for r in results if r.status == "error"] == []
    return path, recorder.outcomes


@pytest.fixture(scope="session")
def corpus_url(postgres_server: Any, recorded: tuple[Path, dict[str, Analysis | InputError]]) -> str:
    """The same corpus ingested into a PostgreSQL database."""
    url = new_database(postgres_server)
    with Sitrep(url, pipeline=Replay(recorded[1])) as app:
        assert [r.status for r in app.ingest([str(corpus_dir())])] == ["added"] * len(recorded[1])
    return url
