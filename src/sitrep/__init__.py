"""Sitrep: a conflict-news monitor. `sitrep.open(path)` is the library's entry point."""

from sitrep.api import IngestResult, NotFound, Sitrep, open

__version__ = "0.1.0"
__all__ = ["IngestResult", "NotFound", "Sitrep", "__version__", "open"]
