import pytest

from sitrep.errors import QueryError
from sitrep.search.query import And, Filter, Not, Or, Phrase, Term, parse, to_fts5


def test_words_phrases_and_operators() -> None:
    query = parse('"Army of Islam" AND (Duma OR Douma) NOT bomb*')
    assert query.text == And(
        (Phrase("Army of Islam"), Or((Term("Duma"), Term("Douma"))), Not(Term("bomb", prefix=True)))
    )
    assert to_fts5(query.text) == '("Army of Islam" AND ("Duma" OR "Douma")) NOT "bomb"*'


def test_adjacent_words_are_anded_and_minus_negates() -> None:
    query = parse("ghouta siege -aid")
    assert query.text == And((Term("ghouta"), Term("siege"), Not(Term("aid"))))


def test_filters_are_separated_from_text() -> None:
    query = parse('actor:ISIS type:retreat,assault place:"Eastern Ghouta" lang:EN since:2014-02 until:2014')
    assert query.text is None
    assert query.filters == [
        Filter("actor", ("ISIS",)),
        Filter("type", ("RETREAT", "ASSAULT")),
        Filter("place", ("Eastern Ghouta",)),
        Filter("lang", ("en",)),
        Filter("since", ("2014-02",)),
        Filter("until", ("2014",)),
    ]


def test_fts5_syntax_in_user_words_is_inert() -> None:
    query = parse("NEAR ^x 10:30")  # FTS5 operators, column filters and initial-token markers
    assert query.text is not None
    assert to_fts5(query.text) == '("NEAR" AND "^x" AND "10:30")'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('AND OR "', "unclosed quote"),
        ("AND duma", "needs a term before"),
        ("duma OR", "needs a term after"),
        ("(duma", "unclosed parenthesis"),
        ("duma)", r"unexpected '\)'"),
        ("type:WAR", "not a PLOVER event type"),
        ("since:yesterday", "not a date"),
        ("actors:ISIS", "unknown filter"),
        ("", "empty query"),
        ("***", "no letters"),
        ('""', "empty phrase"),
        ("lang:english", "language code"),
    ],
)
def test_malformed_queries_explain_themselves(text: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        parse(text)


def test_not_alone_inside_or_is_refused_for_fts() -> None:
    query = parse("duma OR NOT aid")
    assert query.text is not None
    with pytest.raises(QueryError, match="NOT needs a positive term"):
        to_fts5(query.text)
