from pathlib import Path

import pytest

from sitrep.records import PlaceMention
from sitrep.search import parse
from sitrep.search.sqlite import run, snippet_html
from sitrep.store import Store
from tests.store.test_sqlite import DUMA, make


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "search.db")
    for origin, body, title in [
        ("a.txt", "ISIS fought the Army of Islam in Duma. Bombings shook the town.", "Clashes in Duma"),
        ("b.txt", "ISIS retreated from Harasta. Aid reached Douma on Monday.", "ISIS pulls back"),
        ("c.txt", "Talks on a truce in Saqba stalled as ISIS <b>watched</b>.", "Saqba talks stall"),
    ]:
        store.save(*make(origin, body, title))
    return store


def _ids(store: Store, query: str, **kw: object) -> list[str]:
    return [h.title for h in run(store.db, parse(query), **kw).hits]  # type: ignore[arg-type]


def test_phrases_booleans_and_prefixes(store: Store) -> None:
    assert _ids(store, '"Army of Islam" AND Duma') == ["Clashes in Duma"]
    assert sorted(_ids(store, "Harasta OR Saqba")) == ["ISIS pulls back", "Saqba talks stall"]
    assert _ids(store, "ISIS NOT Duma NOT Saqba") == ["ISIS pulls back"]
    assert _ids(store, "bomb*") == ["Clashes in Duma"]
    assert sorted(_ids(store, "NOT Duma")) == ["ISIS pulls back", "Saqba talks stall"]


def test_title_hits_rank_above_body_hits(store: Store) -> None:
    assert _ids(store, "Duma")[0] == "Clashes in Duma"


def test_filters_narrow_results(store: Store) -> None:
    assert len(_ids(store, "actor:ISIS")) == 3
    # actor: with type: needs an event of that type involving the actor, in either role, not negated.
    assert len(_ids(store, "actor:daesh type:ASSAULT")) == 3
    assert len(_ids(store, "actor:Nobody type:ASSAULT")) == 0
    assert len(_ids(store, "actor:ISIS type:RETREAT")) == 0
    assert _ids(store, "place:duma") == ["Clashes in Duma"]
    assert _ids(store, "place:duma truce") == []
    assert _ids(store, "since:2015") == []
    assert len(_ids(store, "until:2014-02-03 lang:en")) == 0  # no language set in these fixtures


def test_snippets_escape_markup_and_mark_hits(store: Store) -> None:
    [hit] = run(store.db, parse("watched")).hits
    html = snippet_html(hit.snippet)
    assert "&lt;b&gt;<mark>watched</mark>&lt;/b&gt;" in html


def test_date_order(store: Store) -> None:
    page = run(store.db, parse("ISIS"), order="date", limit=2)
    assert page.total == 3 and len(page.hits) == 2


def test_scores_and_snippets_do_not_depend_on_the_order(store: Store) -> None:
    # Relevance takes its scores from the ranking, date order computes them beside the snippets.
    by_relevance = run(store.db, parse("Harasta OR Saqba OR bomb*")).hits
    by_date = run(store.db, parse("Harasta OR Saqba OR bomb*"), order="date").hits
    assert [h.score for h in by_relevance] == sorted((h.score for h in by_relevance), reverse=True)
    assert {h.id: (h.score, h.snippet) for h in by_relevance} == {h.id: (h.score, h.snippet) for h in by_date}
    assert len(by_relevance) == 3 and all(h.score > 0 and "\x02" in h.snippet for h in by_relevance)


def test_place_filter_takes_an_id_a_name_or_the_words_as_written(store: Store) -> None:
    document, analysis = make("d.txt", "ISIS shelled Douma at dawn.", "Dawn shelling")
    start = analysis.article.body.index("Douma")
    analysis.places = [PlaceMention(start, start + 5, "Douma", DUMA)]
    store.save(document, analysis)
    both = ["Clashes in Duma", "Dawn shelling"]
    assert sorted(_ids(store, f"place:{DUMA.id}")) == both
    assert sorted(_ids(store, "place:DUMA")) == both
    assert _ids(store, "place:douma") == ["Dawn shelling"]
    assert _ids(store, "place:Harasta") == []
