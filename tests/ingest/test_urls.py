import gzip
import http.server
import socket
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sitrep.errors import InputError
from sitrep.ingest import UrlInput, expand_paths, read_path
from sitrep.ingest.urls import fetch_page, read_url
from sitrep.records import Document

PAGE = "<html><head><title>Café siege</title></head><body><p>The café was shelled.</p></body></html>"
FEED = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Local Wire</title>
<item><title>One</title><link>{base}/item-1</link><description>First item.</description></item>
<item><title>Two</title><link>{base}/item-2</link><description>Second item.</description></item>
</channel></rss>
"""
SLOW_SECONDS = 1.0
BIG = 5000


class _Handler(http.server.BaseHTTPRequestHandler):
    requests: list[tuple[str, str]] = []

    def do_GET(self) -> None:  # noqa: N802 - the name http.server dispatches to
        self.requests.append((self.path, self.headers.get("User-Agent", "")))
        base = f"http://{self.headers['Host']}"
        routes = {
            "/page.html": (200, "text/html; charset=utf-8", PAGE.encode()),
            "/latin1.html": (200, "text/html; charset=iso-8859-1", PAGE.encode("latin-1")),
            "/meta.html": (200, "text/html", b'<meta charset="windows-1252">' + PAGE.encode("cp1252")),
            "/notes.txt": (200, "text/plain", b"Plain notes from the front."),
            "/feed": (200, "application/rss+xml", FEED.format(base=base).encode()),
            "/feed.rss": (200, "application/x-rss+xml", FEED.format(base=base).encode()),
            "/sitemap.xml": (200, "application/xml", b"<urlset><url/></urlset>"),
            "/picture.png": (200, "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64)),
            "/huge.html": (200, "text/html", b"<p>" + b"x" * BIG),
        }
        if self.path == "/moved":
            self._reply(302, "text/plain", b"", extra={"Location": "/page.html"})
        elif self.path == "/slow.html":
            time.sleep(SLOW_SECONDS)
            self._reply(200, "text/html", PAGE.encode())
        elif self.path == "/gzip.html":
            self._reply(200, "text/html", gzip.compress(PAGE.encode()), extra={"Content-Encoding": "gzip"})
        elif self.path == "/stream.html":
            # No Content-Length: the body ends when the connection closes, so only the read cap stops it.
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<p>" + b"y" * BIG)
        elif self.path in routes:
            self._reply(*routes[self.path])
        else:
            self._reply(404, "text/plain", b"not here")

    def _reply(self, status: int, kind: str, body: bytes, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="module")
def local_server() -> Iterator[str]:
    """A local HTTP server on a free port for the module's tests; yields its base URL."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture()
def server(local_server: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The local server's base URL, reached without any proxy, with a fresh log of requests."""
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    _Handler.requests = []
    return local_server


def _one(items: list) -> Document | InputError:
    [item] = items
    return item


def test_html_page_becomes_a_document(server: str) -> None:
    before = datetime.now(UTC)
    doc = _one(list(read_path(UrlInput(f"{server}/page.html"))))
    assert isinstance(doc, Document)
    assert (doc.origin, doc.format, doc.content) == (f"{server}/page.html", "html", PAGE.encode())
    assert doc.metadata == {"url": f"{server}/page.html"}
    assert before <= doc.fetched <= datetime.now(UTC)
    assert "Sitrep" in _Handler.requests[0][1]


@pytest.mark.parametrize("path", ["/latin1.html", "/meta.html", "/gzip.html"])
def test_charset_and_gzip_are_decoded_to_utf8(server: str, path: str) -> None:
    doc = _one(list(read_url(server + path)))
    assert isinstance(doc, Document)
    assert "The café was shelled." in doc.content.decode("utf-8")


def test_origin_is_the_final_url_after_a_redirect(server: str) -> None:
    doc = _one(list(read_url(f"{server}/moved")))
    assert isinstance(doc, Document)
    assert doc.origin == f"{server}/page.html"


def test_plain_text_is_a_text_document(server: str) -> None:
    doc = _one(list(read_url(f"{server}/notes.txt")))
    assert isinstance(doc, Document)
    assert (doc.format, doc.content) == ("text", b"Plain notes from the front.")


@pytest.mark.parametrize("path", ["/feed", "/feed.rss"])
def test_feed_items_become_documents_and_their_links_are_not_fetched(server: str, path: str) -> None:
    docs = list(read_url(server + path))
    assert [d.origin for d in docs] == [f"{server}/item-1", f"{server}/item-2"]
    assert all(isinstance(d, Document) and d.metadata["source"] == "Local Wire" for d in docs)
    assert [requested for requested, _ in _Handler.requests] == [path]


def _problem(url: str, **limits: float) -> str:
    error = _one(list(read_url(url, **limits)))  # type: ignore[arg-type]
    assert isinstance(error, InputError)
    assert error.origin == url
    return error.problem


def test_http_error_status_names_the_url(server: str) -> None:
    assert _problem(f"{server}/missing") == "HTTP 404 Not Found"


def test_slow_response_times_out(server: str) -> None:
    started = time.monotonic()
    assert _problem(f"{server}/slow.html", timeout=0.2) == "timed out after 0.2 s"
    assert time.monotonic() - started < SLOW_SECONDS


@pytest.mark.parametrize("path", ["/huge.html", "/stream.html"])
def test_oversized_response_is_refused(server: str, path: str) -> None:
    assert "over the 1000 bytes limit" in _problem(server + path, max_bytes=1000)


def test_unsupported_content_type_is_refused(server: str) -> None:
    assert _problem(f"{server}/picture.png") == "response is image/png, not HTML, text or a feed"


def test_xml_that_is_not_a_feed_is_refused(server: str) -> None:
    assert _problem(f"{server}/sitemap.xml") == "XML that is not an RSS or Atom feed"


def test_unresolvable_host_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_dns(*args: object, **kwargs: object) -> None:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    assert _problem("http://news.invalid/story").startswith("cannot resolve the host name")


def test_only_http_urls_are_fetched() -> None:
    assert _problem("ftp://files.example/story.html") == "only http and https URLs can be fetched"


def test_web_fetch_refuses_a_feed_but_reads_a_page(server: str) -> None:
    assert fetch_page(f"{server}/page.html") == (PAGE.encode(), "html")
    with pytest.raises(InputError, match="feed"):
        fetch_page(f"{server}/feed")


def test_expand_paths_keeps_urls_apart_from_paths(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("text")
    url = "https://news.example/search?q=ghouta&page=2"  # a "?" must not make it a glob
    items = list(expand_paths([url, str(tmp_path / "a.txt")]))
    assert items == [UrlInput(url), tmp_path / "a.txt"]
