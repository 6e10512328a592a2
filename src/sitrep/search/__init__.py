"""Search: the query language (query.py) and its execution against a store (sqlite.py)."""

from sitrep.search.query import Query, parse
from sitrep.search.sqlite import SearchHit, SearchPage, snippet_html, snippet_text

__all__ = ["Query", "SearchHit", "SearchPage", "parse", "snippet_html", "snippet_text"]
