"""The pipeline component and the standalone function."""

from __future__ import annotations

from sitrep import nlp
from sitrep.keywords import KeywordExtractor, extract_keywords
from sitrep.records import Analysis, Article

STORY = [
    "Hurricane Andrew struck southern Florida on Monday, destroying thousands of homes.",
    "Insurers expect record insurance losses from the hurricane.",
    "The storm then moved into the Gulf of Mexico and towards Louisiana, where emergency relief was ready.",
    "President George Bush declared a federal emergency. The insurance losses could top $10bn.",
]


def test_component_fills_keywords_best_first() -> None:
    article = Article(id="a1", url="", title="Hurricane Andrew hits Florida", paragraphs=STORY)
    analysis = Analysis(article=article, doc=nlp.parse(article.body))
    KeywordExtractor(top_n=5)(analysis)
    texts = [kw.text for kw in analysis.keywords]
    scores = [kw.score for kw in analysis.keywords]
    assert len(texts) == 5
    assert scores == sorted(scores, reverse=True)
    assert "Hurricane Andrew" in texts
    assert any("insurance losses" in text for text in texts)


def test_component_parses_the_body_when_no_doc_is_given() -> None:
    analysis = Analysis(article=Article(id="a2", url="", title="", paragraphs=STORY))
    KeywordExtractor()(analysis)
    assert analysis.keywords


def test_a_phrase_in_the_title_scores_higher() -> None:
    def louisiana_score(title: str) -> float:
        keywords = extract_keywords("\n\n".join(STORY), title=title, top_n=30)
        return next(kw.score for kw in keywords if kw.text == "Louisiana")

    assert louisiana_score("Louisiana braces for the storm") > 1.5 * louisiana_score("")


def test_a_phrase_inside_a_chosen_one_must_earn_its_own_place() -> None:
    text = "Eastern Ghouta was shelled. Fighting in Eastern Ghouta went on. Eastern Ghouta is besieged."
    texts = [kw.text for kw in extract_keywords(text)]
    assert "Eastern Ghouta" in texts
    assert "Ghouta" not in texts


def test_empty_text_has_no_keywords() -> None:
    assert extract_keywords("") == []
    assert extract_keywords("It is.") == []
