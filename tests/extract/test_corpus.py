"""The extractor over the example corpus: every document gives an article without site chrome."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.extract import extract, lines
from sitrep.ingest.files import read_path
from sitrep.records import Document

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"
CHROME = (
    "Share this",
    "Related articles",
    "Tags:",
    "Topics:",
    "Keywords:",
    "©",
    "Search",
    "Menu",
    "* * *",
    "....",
)


def corpus_documents() -> list[Document]:
    if not CORPUS.is_dir():
        return []
    paths = sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.name != "README.md")
    return [d for path in paths for d in read_path(path) if isinstance(d, Document)]


@pytest.mark.parametrize("doc", corpus_documents(), ids=lambda d: Path(d.origin).name)
def test_corpus_document(doc: Document) -> None:
    article = extract(doc)
    assert lines.is_title_like(article.title)
    assert len(article.paragraphs) >= 3
    assert all(lines.is_prose(p) or lines.is_title_like(p) for p in article.paragraphs)
    body = article.body
    assert article.title not in body
    assert not any(chrome in body for chrome in CHROME)
    assert "Translated" not in body
    assert article.language == "en"
