"""The shipped knowledge loads, is consistent with PLOVER, and refuses duplicate patterns."""

from __future__ import annotations

import pytest
import yaml

from sitrep.events.lexicon import UniqueKeyLoader, default_lexicon, load_data, parse_grammar

PLOVER_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST"}
PLOVER_TYPES |= {"ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def test_the_sixteen_plover_types() -> None:
    lexicon = default_lexicon()
    assert set(lexicon.types) == PLOVER_TYPES
    assert {t.quad_class for t in lexicon.types.values()} == {1, 2, 3, 4}
    assert lexicon.types["ASSAULT"].quad_class == 4 and "targeted" in lexicon.types["ASSAULT"].modes


def test_every_sense_has_a_known_type_mode_and_code() -> None:
    lexicon = default_lexicon()
    for table in (lexicon.verbs, lexicon.nouns):
        for senses in table.values():
            for sense in senses:
                modes = lexicon.types[sense.type].modes
                assert sense.mode is None or sense.mode in modes, sense.pattern
                assert sense.cameo is not None and sense.cameo.isdigit(), sense.pattern


def test_nominal_triggers_the_issue_names() -> None:
    lexicon = default_lexicon()
    for noun in ("clash", "bombing", "assassination", "withdrawal", "war", "ceasefire", "negotiation"):
        assert lexicon.noun_senses(noun), noun


def test_duplicate_patterns_are_refused() -> None:
    with pytest.raises(ValueError, match="duplicate"):
        yaml.load("verbs:\n  attack: 1\n  attack: 2\n", Loader=UniqueKeyLoader)  # noqa: S506


def test_word_lists_hold_words_and_refuse_what_yaml_reads_as_booleans() -> None:
    grammar = default_lexicon().grammar
    assert "no" in grammar.negative_determiners and "on" in grammar.recipient_preps
    data = load_data("grammar.yaml")
    data["negative_determiners"] = yaml.safe_load("[no]")
    with pytest.raises(ValueError, match="quote"):
        parse_grammar(data)


def test_british_spellings_find_the_senses_listed_under_the_american_one() -> None:
    lexicon = default_lexicon()
    assert "demobilisation" not in lexicon.nouns
    assert [s.type for s in lexicon.noun_senses("demobilisation")] == ["RETREAT"]
    assert lexicon.noun_senses("praise") == lexicon.nouns["praise"]  # an -ise word of its own stays itself
