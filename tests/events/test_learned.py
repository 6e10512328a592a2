"""The learned type model: features, scoring, the shipped weights, how the coder uses it, training."""

from __future__ import annotations

import json

import pytest

from sitrep import nlp
from sitrep.events import EventCoder
from sitrep.events.learned import (
    TypeModel,
    default_type_model,
    main_predicate,
    reporting_verbs,
    sentence_features,
)
from sitrep.events.lexicon import default_lexicon
from tests.events.helpers import analyse

ACTORS = {"front": ["Northern Front"], "brigade": ["Hill Brigade"]}
# A model that knows one made-up verb, so that no rule can fire on it
TOY = TypeModel(
    classes=("ASSAULT", "NONE"),
    intercepts=(0.0, 1.0),
    weights={"w:frobnicate": (4.0, 0.0)}
    | {f"w:{w}": (0.0, 0.0) for w in ("brigade", "miner", "mediator", "bridge", "shell", "video")},
)


def features_of(text: str) -> list[str]:
    return sentence_features(next(iter(nlp.parse(text).sents)), default_lexicon())


def test_features_are_lemmas_arcs_and_lexicon_types_without_names() -> None:
    features = features_of("The Northern Front did not attack the villages near Homs.")
    assert "w:attack" in features and "w:village" in features
    assert "attack>dobj>village" in features and "not>attack" in features
    assert "lex:ASSAULT" in features and "main:attack" in features
    assert not any("homs" in f.lower() or "northern" in f.lower() for f in features)


def test_the_main_predicate_of_reported_speech_is_what_was_reported() -> None:
    sentence = next(iter(nlp.parse("Officials said the rebels seized the airport.").sents))
    assert main_predicate(sentence, reporting_verbs(default_lexicon())).lemma_ == "seize"


def test_probabilities_are_a_softmax_over_the_classes() -> None:
    found = TOY.probabilities(["w:frobnicate", "w:unknown"])
    assert set(found) == {"ASSAULT", "NONE"}
    assert sum(found.values()) == pytest.approx(1.0)
    assert found["ASSAULT"] > 0.9
    assert TOY.probabilities([])["NONE"] > 0.7


def test_known_share_counts_words_only() -> None:
    assert TOY.knows(["w:frobnicate", "w:zzz", "main:frobnicate"]) == 0.5
    assert TOY.knows(["main:frobnicate"]) == 0.0


def test_weights_must_match_the_classes() -> None:
    with pytest.raises(ValueError):
        TypeModel.from_json({"classes": ["A", "B"], "intercepts": [0, 0], "weights": {"w:x": [1]}})


def test_the_shipped_model_has_every_type_and_none() -> None:
    model = default_type_model()
    assert len(model.classes) == 17 and "NONE" in model.classes
    found = model.probabilities(features_of("Militants attacked an army convoy, killing eight soldiers."))
    assert max(found, key=found.__getitem__) == "ASSAULT"


def test_the_model_proposes_an_event_only_where_no_rule_fires_and_an_actor_is_named() -> None:
    coder = EventCoder(type_model=TOY)
    (event,) = analyse("The Northern Front frobnicated the Hill Brigade.", ACTORS, coder).events
    assert (event.type, event.actors, event.recipients) == ("ASSAULT", ["front"], ["brigade"])
    assert event.confidence <= 0.5
    assert analyse("Someone frobnicated the old bridge.", ACTORS, coder).events == []
    (rule,) = analyse("The Northern Front attacked the Hill Brigade.", ACTORS, coder).events
    assert rule.confidence > 0.5  # the rules' event, not a proposal


def test_the_model_proposes_an_event_of_people_the_registry_does_not_know_but_not_of_things() -> None:
    coder = EventCoder(type_model=TOY)
    for text in (
        "Miners frobnicated the bridge.",
        "The mediator frobnicated the bridge.",
        "John Smith frobnicated the bridge.",
        "The hackers frobnicated the bridge.",
    ):
        assert [e.type for e in analyse(text, ACTORS, coder).events] == ["ASSAULT"], text
    for text in (
        "One shell frobnicated the bridge.",
        "Videos frobnicated the bridge.",
        "The border frobnicated the bridge.",  # a thing, though it is spelt like a doer
    ):
        assert analyse(text, ACTORS, coder).events == [], text


def test_the_model_proposes_nothing_on_a_negated_predicate() -> None:
    coder = EventCoder(type_model=TOY)
    assert analyse("The Northern Front never frobnicated the Hill Brigade.", ACTORS, coder).events == []
    assert analyse("The Northern Front frobnicated no bridges.", ACTORS, coder).events == []


def test_without_the_model_the_rules_stand_alone() -> None:
    coder = EventCoder(type_model=TOY, learned=False)
    assert analyse("The Northern Front frobnicated the Hill Brigade.", ACTORS, coder).events == []


def test_training_writes_a_model_that_loads() -> None:
    pytest.importorskip("sklearn")
    from sitrep.events.train import as_text, train

    examples = [
        {"type": kind, "text": f"The {who} {verb} the {what}."}
        for kind, verb in (("ASSAULT", "attacked"), ("PROTEST", "marched against"), ("NONE", "described"))
        for who in ("army", "rebels", "police", "students")
        for what in ("town", "village", "decision")
    ]
    data, accuracy = train(examples, folds=3)
    model = TypeModel.from_json(json.loads(as_text(data)))
    assert set(model.classes) == {"ASSAULT", "PROTEST", "NONE"}
    assert accuracy > 0.6
    found = model.probabilities(features_of("The police attacked the camp."))
    assert max(found, key=found.__getitem__) == "ASSAULT"


# A model that has learned that "need" usually comes with a demand
NEED_AS_DEMAND = TypeModel(
    classes=("COERCE", "NONE"),
    intercepts=(0.0, 1.0),
    weights={"w:need": (4.0, 0.0), **{f"w:{word}": (0.0, 0.0) for word in ("supply", "town")}},
)


def test_the_model_proposes_no_event_on_a_need() -> None:
    # a need, like an attempt or a wish, is no event of its own, whatever the model learned of the word
    coder = EventCoder(type_model=NEED_AS_DEMAND)
    text = "The Northern Front needs regular supply to every town, the Hill Brigade said."
    assert analyse(text, ACTORS, coder).events == []
