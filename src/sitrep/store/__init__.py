"""Storage: one SQLite file (WAL, versioned migrations, FTS5), one transaction per article."""

from sitrep.store.sqlite import ArticleDetail, EventRow, Store

__all__ = ["ArticleDetail", "EventRow", "Store"]
