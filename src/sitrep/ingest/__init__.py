"""Ingest: turn paths (files, folders, globs) and http(s) URLs into Documents, or clear errors naming the input.

Formats are detected from the name and checked against the content: `.txt` plain text (a scraped page),
`.html`/`.htm` (optionally `.gz`), `.jsonl` (one article per line), `.rss`/`.atom`/`.xml` feeds (one
article per item). A URL is fetched (`sitrep.ingest.urls`); a feed's item links are not. Each bad input
yields an `InputError` in the stream so that the rest of a run goes on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from sitrep.errors import InputError
from sitrep.ingest import files
from sitrep.ingest.files import MAX_BYTES
from sitrep.ingest.urls import UrlInput, is_url, read_url
from sitrep.records import Document

__all__ = ["MAX_BYTES", "Input", "UrlInput", "expand_paths", "read_path"]

#: One input to read: a file found on disk, or a URL to fetch.
Input = Path | UrlInput


def expand_paths(specs: Iterable[str]) -> Iterator[Input | InputError]:
    """URLs as given, then files named by paths, folders and glob patterns (see `files.expand_paths`)."""
    for spec in specs:
        if is_url(spec):
            yield UrlInput(spec)
        else:
            yield from files.expand_paths([spec])


def read_path(source: Input) -> Iterator[Document | InputError]:
    """Documents in one file or at one URL, each bad part as an InputError."""
    if isinstance(source, UrlInput):
        return read_url(source.url)
    return files.read_path(source)
