"""Ingest: turn paths (files, folders, globs) into Documents, or clear errors naming the input.

Formats are detected from the name and checked against the content: `.txt` plain text (a scraped page),
`.html`/`.htm` (optionally `.gz`), `.jsonl` (one article per line). Each bad input yields an
`InputError` in the stream so that the rest of a run goes on.
"""

from __future__ import annotations

from sitrep.ingest.files import MAX_BYTES, expand_paths, read_path

__all__ = ["MAX_BYTES", "expand_paths", "read_path"]
