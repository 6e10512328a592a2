import gzip
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sitrep.errors import InputError
from sitrep.ingest import expand_paths, read_path
from sitrep.ingest.feeds import feed_documents, looks_like_feed
from sitrep.records import Document

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Valley Gazette</title>
  <link>https://gazette.example/</link>
  <item>
    <title>Shelling hits the market town</title>
    <link>https://gazette.example/shelling</link>
    <pubDate>Tue, 03 Mar 2020 14:05:00 +0200</pubDate>
    <description>Short teaser.</description>
    <content:encoded><![CDATA[<p>Artillery struck the market on Tuesday.</p><p>Two shops burned.</p>]]></content:encoded>
  </item>
  <item>
    <title>Talks resume &amp; stall</title>
    <guid isPermaLink="true">https://gazette.example/talks</guid>
    <description>&lt;p&gt;Negotiators met in the capital.&lt;/p&gt;&lt;p&gt;No deal was reached.&lt;/p&gt;</description>
  </item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Border Watch</title>
  <entry>
    <title>Convoy stopped at the crossing</title>
    <link rel="self" href="https://watch.example/api/1"/>
    <link rel="alternate" href="https://watch.example/convoy"/>
    <updated>2021-06-01T08:00:00Z</updated>
    <content type="html">&lt;p&gt;Guards stopped an aid convoy.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Curfew lifted</title>
    <link href="https://watch.example/curfew"/>
    <published>2021-06-02T09:30:00+03:00</published>
    <summary>The curfew ended at dawn.</summary>
  </entry>
  <entry>
    <title>Bridge reopened</title>
    <link href="https://watch.example/bridge"/>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Engineers reopened the bridge.</p></div></content>
  </entry>
</feed>
"""

RDF = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://old.example/"><title>Old Wire</title></channel>
  <item rdf:about="https://old.example/1">
    <title>Ceasefire holds</title>
    <link>https://old.example/1</link>
    <description>The ceasefire held overnight.</description>
    <dc:date>2019-01-05</dc:date>
  </item>
</rdf:RDF>
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _documents(items: list) -> list[Document]:
    assert all(isinstance(item, Document) for item in items), items
    return items


def test_rss_items_become_documents_with_metadata(tmp_path: Path) -> None:
    feed = _write(tmp_path, "gazette.rss", RSS)
    full, teaser = _documents(list(read_path(feed)))
    assert full.format == "html"
    assert full.content.decode().startswith("<p>Artillery struck")
    assert full.origin == "https://gazette.example/shelling"
    assert full.metadata == {
        "url": "https://gazette.example/shelling",
        "title": "Shelling hits the market town",
        "published": "2020-03-03T14:05:00+02:00",
        "source": "Valley Gazette",
    }
    # Without full content, the description's HTML is flattened to text, one paragraph per block.
    assert teaser.format == "text"
    assert teaser.content.decode() == "Negotiators met in the capital.\n\nNo deal was reached."
    assert teaser.metadata["url"] == "https://gazette.example/talks"
    assert teaser.metadata["title"] == "Talks resume & stall"
    assert "published" not in teaser.metadata


def test_atom_entries_use_content_else_summary(tmp_path: Path) -> None:
    feed = _write(tmp_path, "watch.atom", ATOM)
    convoy, curfew, bridge = _documents(list(read_path(feed)))
    assert (convoy.format, convoy.content) == ("html", b"<p>Guards stopped an aid convoy.</p>")
    assert convoy.origin == "https://watch.example/convoy"  # the alternate link, not rel="self"
    assert convoy.metadata["published"] == "2021-06-01T08:00:00+00:00"
    assert convoy.metadata["source"] == "Border Watch"
    assert (curfew.format, curfew.content) == ("text", b"The curfew ended at dawn.")
    assert curfew.metadata["published"] == "2021-06-02T09:30:00+03:00"
    assert bridge.format == "html"
    assert b"Engineers reopened the bridge." in bridge.content


def test_rss1_rdf_feed_is_read(tmp_path: Path) -> None:
    [doc] = _documents(list(read_path(_write(tmp_path, "wire.xml", RDF))))
    assert doc.content == b"The ceasefire held overnight."
    assert doc.metadata == {
        "url": "https://old.example/1",
        "title": "Ceasefire holds",
        "published": "2019-01-05T00:00:00",
        "source": "Old Wire",
    }


def test_feed_is_sniffed_under_an_unknown_name_and_gunzipped(tmp_path: Path) -> None:
    (tmp_path / "download").write_text(ATOM, encoding="utf-8")
    (tmp_path / "gazette.rss.gz").write_bytes(gzip.compress(RSS.encode()))
    assert len(_documents(list(read_path(tmp_path / "download")))) == 3
    assert len(_documents(list(read_path(tmp_path / "gazette.rss.gz")))) == 2


def test_folders_include_feeds(tmp_path: Path) -> None:
    _write(tmp_path, "a.rss", RSS)
    _write(tmp_path, "b.atom", ATOM)
    _write(tmp_path, "notes.md", "ignored")
    assert sorted(p.name for p in expand_paths([str(tmp_path)]) if isinstance(p, Path)) == ["a.rss", "b.atom"]


def test_malformed_feed_is_one_error_naming_the_file(tmp_path: Path) -> None:
    feed = _write(tmp_path, "broken.rss", RSS.replace("</channel>", ""))
    [error] = list(read_path(feed))
    assert isinstance(error, InputError)
    assert error.origin == str(feed)
    assert "malformed feed" in error.problem


def test_xml_that_is_not_a_feed_is_refused(tmp_path: Path) -> None:
    [error] = list(read_path(_write(tmp_path, "sitemap.xml", "<urlset><url/></urlset>")))
    assert isinstance(error, InputError)
    assert "not an RSS or Atom feed" in error.problem


def test_bad_item_is_named_and_the_rest_go_on(tmp_path: Path) -> None:
    empty_item = "<item><title>No body</title><link>https://gazette.example/empty</link></item>"
    feed = _write(tmp_path, "gazette.rss", RSS.replace("<item>", empty_item + "<item>", 1))
    error, first, second = list(read_path(feed))
    assert isinstance(error, InputError)
    assert error.origin == f"{feed}#item-1"
    assert "no content" in error.problem
    assert isinstance(first, Document) and isinstance(second, Document)


def test_entity_declarations_are_refused() -> None:
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
        "<rss><channel><title>&b;</title><item><description>&b;</description></item></channel></rss>"
    )
    [error] = list(feed_documents("bomb.rss", bomb.encode(), datetime.now(UTC)))
    assert isinstance(error, InputError)
    assert "entities" in error.problem


def test_unreadable_dates_are_left_out_not_fatal() -> None:
    feed = RSS.replace("Tue, 03 Mar 2020 14:05:00 +0200", "last Tuesday")
    first = next(feed_documents("x.rss", feed.encode(), datetime.now(UTC)))
    assert isinstance(first, Document)
    assert "published" not in first.metadata


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (RSS.encode(), True),
        (ATOM.encode(), True),
        (RDF.encode(), True),
        (b"\xef\xbb\xbf<!-- generated --><feed xmlns='x'>", True),
        (b"<html><body>rss feed</body></html>", False),
        (b"<rssfeed/>", False),
        (b"plain text mentioning <rss>", False),
    ],
)
def test_looks_like_feed(data: bytes, expected: bool) -> None:
    assert looks_like_feed(data) is expected
