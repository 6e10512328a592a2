"""Fetching http(s) URLs into Documents, with the standard library only.

A fetch has a deadline (10 s for the whole response), a size limit (`MAX_BYTES`, after gzip), a
User-Agent naming Sitrep, and follows redirects to http(s) only. An HTML or text response becomes one
Document whose origin is the final URL; an RSS/Atom response is read as a feed, one Document per item
(the items' links are not fetched). Every failure is an InputError naming the URL.
"""

from __future__ import annotations

import http.client
import re
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import Message
from urllib.parse import urlsplit

from sitrep.errors import InputError
from sitrep.ingest import files
from sitrep.ingest.feeds import feed_documents, looks_like_feed
from sitrep.records import Document

FETCH_TIMEOUT = 10.0
USER_AGENT = "Sitrep (conflict-news monitor; Python urllib)"
URL_SCHEMES = ("http", "https")
HTML_TYPES = {"text/html", "application/xhtml+xml"}
_ACCEPT = (
    "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, text/xml;q=0.9, */*;q=0.5"
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class UrlInput:
    """An http(s) URL given where a path could be."""

    url: str


@dataclass(frozen=True)
class Response:
    """What a fetch brought back: the final URL (after redirects), the body (gunzipped) and its type."""

    url: str
    body: bytes
    content_type: str
    charset: str | None
    fetched: datetime


def is_url(spec: str) -> bool:
    return spec.lower().startswith(("http://", "https://"))


def read_url(
    url: str, timeout: float = FETCH_TIMEOUT, max_bytes: int | None = None
) -> Iterator[Document | InputError]:
    """The Document at `url`, or one per item when it is a feed; failures as InputErrors naming it."""
    try:
        response = fetch(url, timeout, files.MAX_BYTES if max_bytes is None else max_bytes)
        kind = response_format(response)
        if kind == "feed":
            yield from feed_documents(response.url, response.body, response.fetched)
            return
        yield _page_document(response, kind)
    except InputError as error:
        yield error


def fetch_page(url: str) -> tuple[bytes, str]:
    """UTF-8 content and format ("html" or "text") of a single page; a feed is refused."""
    response = fetch(url, FETCH_TIMEOUT, files.MAX_BYTES)
    kind = response_format(response)
    if kind == "feed":
        raise InputError(url, "is an RSS/Atom feed, not a page (ingest feeds with `sitrep ingest URL`)")
    return _decode(response), kind


def fetch(url: str, timeout: float, max_bytes: int) -> Response:
    """GET `url` within `timeout` seconds in all, refusing bodies over `max_bytes`."""
    if urlsplit(url).scheme.lower() not in URL_SCHEMES:
        raise InputError(url, "only http and https URLs can be fetched")
    request = urllib.request.Request(
        url, headers={"User-Agent": USER_AGENT, "Accept": _ACCEPT, "Accept-Encoding": "gzip"}
    )
    deadline = time.monotonic() + timeout
    try:
        with _opener().open(request, timeout=timeout) as reply:
            body = _read_capped(url, reply, max_bytes, deadline)
            headers: Message = reply.headers
            final_url = reply.geturl()
    except urllib.error.HTTPError as exc:
        raise InputError(url, f"HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise InputError(url, _network_problem(exc.reason, timeout)) from None
    except (OSError, ValueError) as exc:
        raise InputError(url, _network_problem(exc, timeout)) from None
    if headers.get("Content-Encoding", "").strip().lower() == "gzip":
        body = files.gunzip(url, body, max_bytes)
    if not body.strip():
        raise InputError(url, "empty response")
    return Response(final_url, body, headers.get_content_type(), headers.get_content_charset(), _now())


def response_format(response: Response) -> str:
    """The Document format: a feed by its bytes (servers label feeds many ways), else by the declared type."""
    declared = response.content_type
    if looks_like_feed(response.body):
        return "feed"
    if declared in HTML_TYPES:
        return "html"
    if declared.endswith(("/xml", "+xml")):
        raise InputError(response.url, "XML that is not an RSS or Atom feed")
    if declared == "text/plain":
        return "html" if files.sniff_format(response.body) == "html" else "text"
    raise InputError(response.url, f"response is {declared}, not HTML, text or a feed")


def _opener() -> urllib.request.OpenerDirector:
    # Built per fetch so that proxy settings from the environment are read when they are used.
    return urllib.request.build_opener(_HttpOnlyRedirects())


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follows redirects to http(s) only (urllib would also follow one to ftp)."""

    def redirect_request(
        self, req: urllib.request.Request, fp: object, code: int, msg: str, headers: Message, newurl: str
    ) -> urllib.request.Request | None:
        if urlsplit(newurl).scheme.lower() not in URL_SCHEMES:
            raise InputError(req.full_url, f"redirects to a non-http URL: {newurl}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)  # type: ignore[arg-type]


def _read_capped(url: str, reply: http.client.HTTPResponse, max_bytes: int, deadline: float) -> bytes:
    declared = reply.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise InputError(url, f"response is {int(declared) / 1e6:.1f} MB, over the {_mb(max_bytes)} limit")
    chunks: list[bytes] = []
    size = 0
    while chunk := reply.read(_CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise InputError(url, f"response is over the {_mb(max_bytes)} limit")
        if time.monotonic() > deadline:
            raise TimeoutError
        chunks.append(chunk)
    return b"".join(chunks)


def _network_problem(reason: object, timeout: float) -> str:
    if isinstance(reason, TimeoutError):
        return f"timed out after {timeout:g} s"
    if isinstance(reason, socket.gaierror):
        return f"cannot resolve the host name ({reason.strerror})"
    return f"could not fetch: {reason}"


def _page_document(response: Response, kind: str) -> Document:
    return Document(
        origin=response.url,
        content=_decode(response),
        format=kind,
        fetched=response.fetched,
        metadata={"url": response.url},
    )


def _decode(response: Response) -> bytes:
    """The body re-encoded as UTF-8, read in the charset the headers (or an HTML meta tag) declare."""
    charset = response.charset or _meta_charset(response.body) or "utf-8"
    try:
        text = response.body.decode(charset)
    except LookupError:
        raise InputError(response.url, f"unknown charset {charset!r}") from None
    except UnicodeDecodeError as exc:
        raise InputError(response.url, f"invalid {charset} at byte {exc.start}") from None
    return text.removeprefix("\ufeff").encode("utf-8")


def _meta_charset(body: bytes) -> str | None:
    found = _META_CHARSET.search(body[:4096])
    return found.group(1).decode("ascii") if found else None


def _mb(limit: int) -> str:
    return f"{limit / 1e6:.0f} MB" if limit >= 1e6 else f"{limit} bytes"


def _now() -> datetime:
    return datetime.now(UTC)
