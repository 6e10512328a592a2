"""Word lists shipped under `sitrep/data/extract/` (plain text, one entry a line, `#` comments)."""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def word_list(name: str) -> frozenset[str]:
    """The entries of a shipped list, lower-cased."""
    text = resources.files("sitrep").joinpath("data", "extract", name).read_text(encoding="utf-8")
    lines = (line.strip() for line in text.splitlines())
    return frozenset(line.lower() for line in lines if line and not line.startswith("#"))
