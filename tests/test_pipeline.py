from datetime import UTC, datetime

import pytest

from sitrep.errors import InputError
from sitrep.pipeline import Pipeline
from sitrep.records import Analysis, Article, Document


def _article(text: str, language: str | None = "en") -> Article:
    return Article(id="x", url="", title="", paragraphs=[text], language=language)


def test_unknown_components_are_named() -> None:
    with pytest.raises(ValueError, match="unknown pipeline components \\['coref'\\]"):
        Pipeline(["actors", "coref"])


def test_a_partial_pipeline_runs_only_its_components() -> None:
    analysis = Pipeline(["actors"]).analyze_one(
        _article("Syrian rebels attacked government troops in Aleppo.")
    )
    assert analysis.doc is not None and analysis.entities
    assert analysis.actor_mentions
    assert analysis.events == [] and analysis.keywords == []


def test_articles_in_other_languages_are_kept_unanalysed_with_a_warning() -> None:
    analysis = Pipeline(["actors", "events"]).analyze_one(
        _article("Les rebelles ont attaqué les troupes gouvernementales à Alep.", language="fr")
    )
    assert analysis.doc is None and analysis.events == []
    assert "not English" in analysis.warnings[0]


def test_batches_keep_input_order() -> None:
    texts = [f"Article number {i} says rebels shelled Duma." for i in range(5)]
    articles = [
        Article(id=str(i), url="", title="", paragraphs=[t], language="en") for i, t in enumerate(texts)
    ]
    analyses = list(Pipeline(["actors"], batch_size=2).analyze(articles))
    assert [a.article.id for a in analyses] == ["0", "1", "2", "3", "4"]
    assert [a.doc.text for a in analyses] == texts


def test_a_stage_that_fails_on_one_document_fails_only_that_document() -> None:
    def fails_on_duma(analysis: Analysis) -> None:
        if "Duma" in analysis.article.body:
            raise KeyError("duma")

    pipeline = Pipeline([])
    pipeline.components.append(("fails_on_duma", fails_on_duma))
    documents = [
        Document(origin=name, content=text.encode(), format="text", fetched=datetime(2024, 1, 1, tzinfo=UTC))
        for name, text in [
            ("a.txt", "Rebels shelled Aleppo on Tuesday, activists said."),
            ("b.txt", "Rebels shelled Duma on Tuesday, activists said."),
        ]
    ]
    first, second = pipeline.analyze_documents(documents)
    assert isinstance(first, Analysis) and first.doc is not None
    assert isinstance(second, InputError) and second.origin == "b.txt"
    assert "KeyError" in second.problem and "bug" in second.problem


def test_a_copy_ingested_after_its_original_is_stored_is_remembered_as_a_duplicate(tmp_path) -> None:
    from sitrep.api import Sitrep

    text = b"Rebels shelled Aleppo on Tuesday, activists said."
    documents = [
        Document(origin=name, content=text, format="text", fetched=datetime(2024, 1, 1, tzinfo=UTC))
        for name in ("original.txt", "mirror.txt")
    ]
    with Sitrep(tmp_path / "dup.db", pipeline=Pipeline([], batch_size=1)) as app:
        statuses = [r.status for r in app.ingest_documents(documents)]
        origins = {r[0] for r in app.store.db.execute("SELECT origin FROM documents")}
    assert statuses == ["added", "unchanged"]
    assert origins == {"original.txt", "mirror.txt"}
