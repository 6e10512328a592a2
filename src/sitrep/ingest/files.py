"""Reading files into Documents: discovery, format detection, and validation of the bytes."""

from __future__ import annotations

import glob
import gzip
import io
import json
import os
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from sitrep.errors import InputError
from sitrep.ingest.feeds import FEED_SUFFIXES, feed_documents, looks_like_feed
from sitrep.records import Document

#: Larger inputs are refused: no single news article is this big, and reading one would stall a run.
MAX_BYTES = int(os.environ.get("SITREP_MAX_BYTES", 10 * 1024 * 1024))

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES
GZIP_MAGIC = b"\x1f\x8b"


def expand_paths(specs: Iterable[str]) -> Iterator[Path | InputError]:
    """Files named by paths, folders (recursively, known formats only) and glob patterns, sorted."""
    for spec in specs:
        if any(ch in spec for ch in "*?[") and not os.path.exists(spec):
            matches = sorted(glob.glob(spec, recursive=True))
            if not matches:
                yield InputError(spec, "no file matches this pattern")
            for match in matches:
                yield from _expand_one(Path(match))
        else:
            yield from _expand_one(Path(spec))


def _expand_one(path: Path) -> Iterator[Path | InputError]:
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            if child.is_file() and _format_of_name(child) is not None and not child.name.startswith("."):
                yield child
    elif path.is_file():
        yield path
    else:
        yield InputError(str(path), "no such file or folder")


def _format_of_name(path: Path) -> str | None:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    last = suffixes[-1] if suffixes else ""
    if last in TEXT_SUFFIXES:
        return "text"
    if last in HTML_SUFFIXES:
        return "html"
    if last in JSONL_SUFFIXES:
        return "jsonl"
    if last in FEED_SUFFIXES:
        return "feed"
    return None


def read_path(path: Path) -> Iterator[Document | InputError]:
    """Documents in one file (several for JSONL), each bad part as an InputError."""
    origin = str(path)
    try:
        data = _read_bytes(path)
        fmt = _format_of_name(path) or sniff_format(data)
        if fmt == "jsonl":
            yield from _jsonl_documents(origin, data)
            return
        if fmt == "feed":
            yield from feed_documents(origin, data, _now())
            return
        text = _decode(origin, data)
        if fmt == "text" and _looks_like_html(text):
            fmt = "html"
        yield Document(origin=origin, content=text.encode("utf-8"), format=fmt, fetched=_now())
    except InputError as error:
        yield error


def _read_bytes(path: Path) -> bytes:
    origin = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(origin, f"file is {size / 1e6:.1f} MB, over the {MAX_BYTES / 1e6:.0f} MB limit")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(origin, f"cannot read: {exc.strerror or exc}") from exc
    if data.startswith(GZIP_MAGIC):
        data = gunzip(origin, data, MAX_BYTES)
    if not data.strip():
        raise InputError(origin, "file is empty")
    return data


def gunzip(origin: str, data: bytes, limit: int) -> bytes:
    """Decompressed gzip data, refused when corrupt or larger than `limit` bytes."""
    try:
        # Bounded read so that a small compressed bomb cannot exhaust memory.
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            out = stream.read(limit + 1)
    except (OSError, EOFError) as exc:
        raise InputError(origin, f"corrupt gzip data: {exc}") from exc
    if len(out) > limit:
        raise InputError(origin, f"decompresses to over the {limit / 1e6:.0f} MB limit")
    return out


def sniff_format(data: bytes) -> str:
    """The format the bytes look like: "feed", "html", "jsonl" or "text"."""
    if looks_like_feed(data):
        return "feed"
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "html"
    if head.startswith(b"{"):
        return "jsonl"
    return "text"


def _looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html"))


def _decode(origin: str, data: bytes) -> str:
    """UTF-8 text, refusing binary data and invalid encodings with the byte offset of the problem."""
    if b"\x00" in data[:65536] or _control_ratio(data[:65536]) > 0.05:
        raise InputError(origin, "binary data, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(origin, f"invalid UTF-8 at byte {exc.start} (re-encode the file as UTF-8)") from exc
    return text.removeprefix("\ufeff")


def _control_ratio(data: bytes) -> float:
    if not data:
        return 0.0
    controls = sum(1 for b in data if b < 32 and b not in (9, 10, 12, 13))
    return controls / len(data)


def _jsonl_documents(origin: str, data: bytes) -> Iterator[Document | InputError]:
    text = _decode(origin, data)
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        line_origin = f"{origin}:{number}"
        try:
            yield _record_document(line_origin, line)
        except InputError as error:
            yield error


def _record_document(origin: str, line: str) -> Document:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(origin, f"not valid JSON: {exc.msg} at column {exc.colno}") from exc
    if not isinstance(record, dict):
        raise InputError(origin, "a JSONL line must be an object")
    html, text = record.get("html"), record.get("text")
    content = html if isinstance(html, str) and html.strip() else text
    if not isinstance(content, str) or not content.strip():
        raise InputError(origin, 'record has neither "text" nor "html"')
    metadata = {key: str(record[key]) for key in ("url", "title", "published", "source") if record.get(key)}
    return Document(
        origin=metadata.get("url", origin),
        content=content.encode("utf-8"),
        format="html" if content is html else "text",
        fetched=_now(),
        metadata=metadata,
    )


def _now() -> datetime:
    return datetime.now(UTC)
