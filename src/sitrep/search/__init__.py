"""Search: the query language (query.py), run by each store backend (sqlite.py: FTS5; postgres.py: tsvector)."""

from sitrep.search.query import Query, parse
from sitrep.search.results import SearchHit, SearchPage, snippet_html, snippet_text

__all__ = ["Query", "SearchHit", "SearchPage", "parse", "snippet_html", "snippet_text"]
