"""Running parsed queries against the PostgreSQL store: a tsquery built from the parsed query (ranked with
ts_rank, shown with ts_headline); the filters are the same SQL the SQLite search runs.

Text and queries are folded alike (the search column by `sitrep_fold`, queries and headlines here), so
that "Duma" finds "Dūmā" as the SQLite index's remove_diacritics does; PostgreSQL's own `unaccent` is an
extension a server may not have.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, Any

from sitrep.search.query import Node, Or, Phrase, Query, Term, split_and
from sitrep.search.results import (
    HIT_END,
    HIT_START,
    LEAD,
    SearchHit,
    SearchPage,
    filter_sql,
    text_match,
)
from sitrep.store.base import POSTGRES

if TYPE_CHECKING:
    from sitrep.store.base import Store

# Words split as PostgreSQL's parser splits them and only lower-cased (no stemming, no stop words), as the
# SQLite store's FTS5 index does; the stored search vector is built with the same configuration.
TEXT_SEARCH_CONFIG = "simple"
# Weights for {D, C, B, A} (body, unused, standfirst, title): the 1 : 4 : 10 of the SQLite store's bm25.
# Normalisation 1 divides by the log of the length, as bm25 discounts long articles.
RANK = "ts_rank('{{0.1, 0.2, 0.4, 1.0}}', a.search, {}, 1)"
HEADLINE_OPTIONS = (
    f"StartSel={HIT_START}, StopSel={HIT_END}, MaxWords=24, MinWords=12, MaxFragments=1, FragmentDelimiter=…"
)


def _latin_diacritics() -> tuple[str, str]:
    """(Latin letters with diacritics, their bare letters), one for one: Latin-1, Extended-A and -B, and
    Latin Extended Additional (Vietnamese, transliterations such as "ḥ" and "ṣ")."""
    accented, bare = [], []
    for code in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        decomposed = unicodedata.normalize("NFD", chr(code))
        base, marks = decomposed[0], decomposed[1:]
        if marks and base.isascii() and base.isalpha() and all(unicodedata.combining(m) for m in marks):
            accented.append(chr(code))
            bare.append(base)
    return "".join(accented), "".join(bare)


# One letter for one, so that a folded text keeps the offsets of the text it came from.
ACCENTED, BARE = _latin_diacritics()
FOLDED = str.maketrans(ACCENTED, BARE)

# Orders of a page, valid inside the query choosing it (over `articles a`) and outside (over its rows).
ORDER_BY = {"relevance": "score DESC, id", "date": "published DESC NULLS LAST, id"}


def match_sql(query: Query) -> tuple[str, list[Any]]:
    """(WHERE clause, parameters) selecting the articles `a` a query finds."""
    where, params = filter_sql(query, POSTGRES)
    matched, excluded = text_match(query)
    if excluded is not None:
        sql, excluded_params = to_tsquery(excluded)
        where.append(f"NOT a.search @@ {sql}")
        params += excluded_params
    if matched is not None:
        match, match_params = to_tsquery(matched)
        where.insert(0, f"a.search @@ {match}")
        params = match_params + params
    return " AND ".join(where) or "TRUE", params


def run(store: Store, query: Query, order: str = "relevance", limit: int = 20, offset: int = 0) -> SearchPage:
    """One page of results and the total; snippets are made for the page's rows only."""
    clause, params = match_sql(query)
    matched, _ = text_match(query)
    if matched is None:
        return _unranked(store, clause, params, limit, offset)
    match, match_params = to_tsquery(matched)
    total = _count(store, clause, params)
    rows = list(
        store.execute(
            f"""SELECT a.id, a.title, a.published, {RANK.format(match)} AS score,
                       concat_ws(' ', a.title, NULLIF(a.standfirst, ''), a.body) AS text
                FROM articles a WHERE {clause} ORDER BY {ORDER_BY[order]} LIMIT ? OFFSET ?""",
            [*match_params, *params, limit, offset],
        )
    )
    snippets = _headlines(store, [row["text"] for row in rows], match, match_params)
    return SearchPage(total, [_hit(row, snippet) for row, snippet in zip(rows, snippets, strict=True)])


def _headlines(store: Store, texts: list[str], match: str, match_params: list[Any]) -> list[str]:
    """Each text's best fragment with the query's hits marked. The texts are folded here rather than by
    sitrep_fold(), which costs more over whole articles than the search itself."""
    if not texts:
        return []
    rows = store.execute(
        f"""SELECT ts_headline('{TEXT_SEARCH_CONFIG}', t.text, {match}, ?) AS snippet
            FROM unnest(?::text[]) WITH ORDINALITY AS t(text, n) ORDER BY n""",
        [*match_params, HEADLINE_OPTIONS, [text.translate(FOLDED) for text in texts]],
    )
    return [unfolded(row["snippet"] or "", text) for row, text in zip(rows, texts, strict=True)]


def unfolded(snippet: str, text: str) -> str:
    """A headline made from the folded text, shown in the text's own letters: the fragment sits at the same
    offsets in both texts."""
    plain = snippet.replace(HIT_START, "").replace(HIT_END, "")
    start = text.translate(FOLDED).find(plain)
    if start < 0:  # not a fragment of the text as it stands: show the headline as made
        return snippet
    letters = iter(text[start : start + len(plain)])
    return "".join(c if c in (HIT_START, HIT_END) else next(letters) for c in snippet)


def _unranked(store: Store, clause: str, params: list[Any], limit: int, offset: int) -> SearchPage:
    """Articles found by filters (or a lone NOT) alone: newest first, each shown by its lead."""
    rows = store.execute(
        f"""SELECT a.id, a.title, a.published, 0.0 AS score, {LEAD} AS snippet FROM articles a
            WHERE {clause} ORDER BY {ORDER_BY["date"]} LIMIT ? OFFSET ?""",
        [*params, limit, offset],
    )
    return SearchPage(_count(store, clause, params), [_hit(row, row["snippet"] or "") for row in rows])


def _count(store: Store, clause: str, params: list[Any]) -> int:
    row = store.one(f"SELECT COUNT(*) AS n FROM articles a WHERE {clause}", params)
    return int(row["n"]) if row else 0


def _hit(row: Any, snippet: str) -> SearchHit:
    return SearchHit(row["id"], row["title"], snippet, round(float(row["score"]), 4), row["published"])


def to_tsquery(node: Node) -> tuple[str, list[Any]]:
    """A tsquery SQL expression for a parsed query, and its parameters.

    Each term goes through the parser that built the stored vectors, so a hyphenated word or an apostrophe
    splits the same way in the query as in the text; a prefix term matches every word it starts.
    """
    if isinstance(node, Term) and node.prefix:
        return f"to_tsquery('{TEXT_SEARCH_CONFIG}', ?)", [_quoted_prefix(node.text.translate(FOLDED))]
    if isinstance(node, Term | Phrase):
        return f"phraseto_tsquery('{TEXT_SEARCH_CONFIG}', ?)", [node.text.translate(FOLDED)]
    if isinstance(node, Or):
        return _joined(list(node.parts), " || ")
    positives, negatives = split_and(node)
    sql, params = _joined(positives, " && ")
    for negative in negatives:
        part, more = to_tsquery(negative)
        sql, params = f"({sql} && !!{part})", params + more
    return sql, params


def _joined(nodes: list[Node], operator: str) -> tuple[str, list[Any]]:
    parts = [to_tsquery(n) for n in nodes]
    return "(" + operator.join(sql for sql, _ in parts) + ")", [p for _, params in parts for p in params]


def _quoted_prefix(text: str) -> str:
    """A word as tsquery syntax, quoted so that its punctuation is text, marked as a prefix."""
    return "'" + text.replace("\\", "\\\\").replace("'", "''") + "':*"
