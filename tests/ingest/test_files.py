import gzip
import json
from pathlib import Path

import pytest

from sitrep.errors import InputError
from sitrep.ingest import expand_paths, read_path
from sitrep.ingest import files as ingest_files


def _read(path: Path) -> list:
    return list(read_path(path))


def test_plain_text_becomes_a_text_document(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("Headline\n\nA body paragraph.\n", encoding="utf-8")
    [doc] = _read(page)
    assert doc.format == "text"
    assert doc.origin == str(page)
    assert doc.content.decode() == "Headline\n\nA body paragraph.\n"
    assert len(doc.id) == 16 and doc.hash.startswith(doc.id)


def test_gzipped_html_is_decompressed(tmp_path: Path) -> None:
    page = tmp_path / "page.html.gz"
    page.write_bytes(gzip.compress(b"<html><body><p>Hello</p></body></html>"))
    [doc] = _read(page)
    assert doc.format == "html"
    assert doc.content.startswith(b"<html>")


def test_text_file_holding_html_is_read_as_html(tmp_path: Path) -> None:
    page = tmp_path / "saved.txt"
    page.write_text("<!DOCTYPE html><html><body><p>x</p></body></html>")
    [doc] = _read(page)
    assert doc.format == "html"


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n ", "empty"),
        ("binary.html", bytes(range(256)) * 16, "binary"),
        ("latin.txt", b"Caf\xe9 \xff\xfe broken \x80 bytes\n" * 20, "invalid UTF-8 at byte 3"),
        ("bad.html.gz", b"\x1f\x8b\x08\x00garbage", "corrupt gzip"),
    ],
)
def test_bad_files_give_errors_naming_the_file_and_problem(
    tmp_path: Path, name: str, content: bytes, problem: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    [error] = _read(path)
    assert isinstance(error, InputError)
    assert error.origin == str(path)
    assert problem in error.problem


def test_oversized_file_is_refused_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest_files, "MAX_BYTES", 1000)
    path = tmp_path / "huge.txt"
    path.write_text("word " * 1000)
    [error] = _read(path)
    assert isinstance(error, InputError) and "over the" in error.problem


def test_jsonl_lines_become_documents_and_bad_lines_errors(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps(
            {"url": "https://example.org/a", "title": "A", "text": "Body A.", "published": "2024-01-02"}
        ),
        "{not json",
        json.dumps({"url": "https://example.org/b", "html": "<html><body><p>B</p></body></html>"}),
        json.dumps({"title": "no content"}),
        json.dumps(["a", "list"]),
    ]
    path.write_text("\n".join(lines) + "\n")
    items = _read(path)
    assert [type(i).__name__ for i in items] == [
        "Document",
        "InputError",
        "Document",
        "InputError",
        "InputError",
    ]
    first, bad_json, second, no_content, not_object = items
    assert first.origin == "https://example.org/a" and first.format == "text"
    assert first.metadata == {"url": "https://example.org/a", "title": "A", "published": "2024-01-02"}
    assert second.format == "html"
    assert bad_json.origin == f"{path}:2" and "not valid JSON" in bad_json.problem
    assert "neither" in no_content.problem
    assert "object" in not_object.problem


def test_folders_and_globs_expand_to_known_formats_sorted(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    for name in ("b.txt", "a.html", "sub/c.jsonl", "notes.md", ".hidden.txt"):
        (tmp_path / name).write_text("x")
    found = [p.name for p in expand_paths([str(tmp_path)]) if isinstance(p, Path)]
    assert found == ["a.html", "b.txt", "c.jsonl"]
    globbed = [p.name for p in expand_paths([str(tmp_path / "*.txt")]) if isinstance(p, Path)]
    assert globbed == ["b.txt"]
    [missing] = list(expand_paths([str(tmp_path / "nope.txt")]))
    assert isinstance(missing, InputError) and "no such file" in missing.problem
    [no_match] = list(expand_paths([str(tmp_path / "*.xml")]))
    assert isinstance(no_match, InputError) and "no file matches" in no_match.problem
