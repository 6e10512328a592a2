"""RSS and Atom feeds: each item becomes one Document, each bad item an InputError naming `feed#item-N`.

RSS 2.0, RSS 1.0 (RDF) and Atom 1.0 are read with lxml, never resolving entities nor touching the
network; a feed that declares entities is refused outright. An item's full content (`content:encoded`,
Atom `content`) becomes an "html" Document; without it, its description or summary becomes "text".
Item links are recorded as metadata, never fetched.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from email.utils import parsedate_to_datetime

from lxml import etree
from lxml import html as lxml_html

from sitrep.errors import InputError
from sitrep.records import Document

ATOM = "{http://www.w3.org/2005/Atom}"
RSS1 = "{http://purl.org/rss/1.0/}"
RDF_ROOT = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}RDF"
CONTENT_ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"
DC_DATE = "{http://purl.org/dc/elements/1.1/}date"

FEED_SUFFIXES = {".rss", ".atom", ".xml"}

# The root start tag after an optional BOM, XML declaration, comments, processing instructions or DOCTYPE.
_FEED_ROOT = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:(?:<\?[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>]*>)\s*)*<(?:rss|feed|rdf:RDF)[\s>/]",
    re.DOTALL,
)
# Block elements whose end starts a new paragraph when an HTML description is flattened to text.
_BLOCKS = {"p", "div", "br", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "tr"}


def looks_like_feed(data: bytes) -> bool:
    """Whether the bytes start like an RSS, RDF or Atom document."""
    return _FEED_ROOT.match(data[:4096]) is not None


def feed_documents(origin: str, data: bytes, fetched: datetime) -> Iterator[Document | InputError]:
    """One Document per item of the feed in `data`; the feed itself is named by `origin` in errors."""
    try:
        root = _parse(origin, data)
        channel, items = _channel_and_items(origin, root)
    except InputError as error:
        yield error
        return
    source = _text(channel, "title", f"{ATOM}title", f"{RSS1}title")
    for number, item in enumerate(items, start=1):
        item_origin = f"{origin}#item-{number}"
        try:
            yield _item_document(item_origin, item, source, fetched)
        except InputError as error:
            yield error


def _parse(origin: str, data: bytes) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(origin, f"malformed feed: {exc}") from exc
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise InputError(origin, "feed declares XML entities; refused (entity expansion is unsafe)")
    return root


def _channel_and_items(origin: str, root: etree._Element) -> tuple[etree._Element, list[etree._Element]]:
    if root.tag == "rss":
        channel = root.find("channel")
        if channel is None:
            raise InputError(origin, "malformed feed: RSS without a <channel>")
        return channel, channel.findall("item")
    if root.tag == f"{ATOM}feed":
        return root, root.findall(f"{ATOM}entry")
    if root.tag == RDF_ROOT:
        channel = root.find(f"{RSS1}channel")
        return (channel if channel is not None else root), root.findall(f"{RSS1}item")
    raise InputError(origin, f"not an RSS or Atom feed (root element <{etree.QName(root).localname}>)")


def _item_document(origin: str, item: etree._Element, source: str, fetched: datetime) -> Document:
    body, fmt = _item_body(item)
    if not body.strip():
        raise InputError(origin, "item has no content, description or summary")
    fields = {
        "url": _item_link(item),
        "title": _flatten_html(_text(item, "title", f"{ATOM}title", f"{RSS1}title")),
        "published": _item_published(item),
        "source": source,
    }
    metadata = {key: value for key, value in fields.items() if value}
    return Document(
        origin=metadata.get("url", origin),
        content=body.encode("utf-8"),
        format=fmt,
        fetched=fetched,
        metadata=metadata,
    )


def _item_body(item: etree._Element) -> tuple[str, str]:
    """The item's full HTML content if it has one, else its description or summary as text."""
    encoded = _text(item, CONTENT_ENCODED)
    if encoded.strip():
        return encoded, "html"
    content = item.find(f"{ATOM}content")
    if content is not None:
        kind = content.get("type", "text")
        if kind == "xhtml":
            return "".join(etree.tostring(child, encoding="unicode") for child in content), "html"
        if kind == "html":
            return content.text or "", "html"
        if kind == "text" and (content.text or "").strip():
            return content.text or "", "text"
    summary = _text(item, "description", f"{ATOM}summary", f"{RSS1}description")
    return _flatten_html(summary), "text"


def _item_link(item: etree._Element) -> str:
    for link in item.findall(f"{ATOM}link"):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link.get("href", "").strip()
    link_text = _text(item, "link", f"{RSS1}link")
    if link_text:
        return link_text
    guid = item.find("guid")
    if (
        guid is not None
        and guid.get("isPermaLink", "true") == "true"
        and (guid.text or "").startswith("http")
    ):
        return (guid.text or "").strip()
    return ""


def _item_published(item: etree._Element) -> str:
    """The item's date as ISO 8601, or "" when it has none that can be read."""
    rfc822 = _text(item, "pubDate")
    if rfc822:
        try:
            return parsedate_to_datetime(rfc822).isoformat()
        except (TypeError, ValueError):
            return ""
    iso = _text(item, f"{ATOM}published", f"{ATOM}updated", DC_DATE)
    try:
        return datetime.fromisoformat(iso).isoformat() if iso else ""
    except ValueError:
        return ""


def _text(element: etree._Element, *tags: str) -> str:
    """The stripped text of the first of `tags` that `element` has as a child with text."""
    for tag in tags:
        child = element.find(tag)
        if child is not None and (child.text or "").strip():
            return (child.text or "").strip()
    return ""


def _flatten_html(value: str) -> str:
    """Plain text of a value that may hold escaped HTML, one paragraph per block element."""
    if "<" not in value:
        return value
    fragment = lxml_html.fragment_fromstring(value, create_parent="div")
    for block in fragment.iter(*_BLOCKS):
        block.text = "\n\n" + (block.text or "")
        block.tail = "\n\n" + (block.tail or "")
    paragraphs = (" ".join(part.split()) for part in fragment.text_content().split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)
