"""The seed page: the actors and places a reader of the story would look for are in the top 10."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sitrep import nlp
from sitrep.extract import extract
from sitrep.keywords import KeywordExtractor
from sitrep.records import Analysis, Document


def seed_keywords(seed_path: Path) -> list[str]:
    document = Document(str(seed_path), seed_path.read_bytes(), "text", datetime.now(UTC))
    article = extract(document)
    analysis = Analysis(article=article, doc=nlp.parse(article.body))
    KeywordExtractor(top_n=10)(analysis)
    return [kw.text for kw in analysis.keywords]


def test_seed_top_ten_holds_the_story_s_actors_and_place(seed_path: Path) -> None:
    top = seed_keywords(seed_path)
    assert "ISIS" in top or "Islamic State" in top
    assert {"Eastern Ghouta", "Army of Islam", "Unified Judicial Body"} <= set(top)


def test_seed_keywords_have_no_duplicate_variants(seed_path: Path) -> None:
    top = [text.lower() for text in seed_keywords(seed_path)]
    assert len(top) == len(set(top))
    assert "islamic state of iraq and syria" not in top
    assert "ghouta" not in top


def test_seed_with_the_actor_stage_merges_each_actor_s_names(seed_path: Path) -> None:
    from sitrep.pipeline import Pipeline

    document = Document(str(seed_path), seed_path.read_bytes(), "text", datetime.now(UTC))
    analysis = Pipeline(["actors", "keywords"]).analyze_one(extract(document))
    top = [kw.text for kw in analysis.keywords]
    assert {"ISIS", "Eastern Ghouta", "Army of Islam", "Unified Judicial Body"} <= set(top)
    assert not {"Islamic State of Iraq and Syria", "Islamic Army"} & set(top)
