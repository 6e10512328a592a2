"""The CAMEO dictionary readers and the pattern coder, on small dictionaries written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep import nlp
from sitrep.events.arguments import ActorIndex, ArgumentReader
from sitrep.events.cameo import Code, parse_cameo_to_plover, parse_verb_dictionary, plover_for
from sitrep.events.lexicon import default_lexicon
from sitrep.events.patterns import PatternCoder, regular_forms
from tests.events.helpers import mentions_for

VERBS = """
# a test dictionary in the CAMEO verb-pattern format
&TIES_
+RELATIONS
+DIPLOMATIC TIES

--- RESTORE  [050]  ---
RESTORE
- * &TIES [064]
- NOT * &TIES [128]

--- VISIT  [042:043]  ---
VISIT {VISITED}

--- BREAK  [---]  ---
BREAK {BROKE BROKEN}
+BREAK_OFF {+BROKE_OFF} [161]
- * WITH + [160]
"""

TABLE = """
# CAMEO to PLOVER
04: CONSULT
042: CONSULT, visit,   # Make a visit
16: SANCTION
161: SANCTION, withdraw,   diplomatic      # Reduce or break diplomatic relations
"""

ACTORS = {"north": ["Northland"], "south": ["Southland"], "east": ["Eastland"]}


def test_verb_dictionary_reader() -> None:
    dictionary = parse_verb_dictionary(VERBS)
    assert [b.name for b in dictionary.blocks] == ["restore", "visit", "break"]
    assert dictionary.members("TIES") == ("relations", "diplomatic ties")
    visit = dictionary.blocks[1]
    assert visit.code == Code("042", "043") and visit.verbs[0].forms == ("visited",)
    phrasal = dictionary.blocks[2].verbs[1]
    assert (phrasal.lemma, phrasal.after, phrasal.forms, phrasal.code) == (
        "break",
        ("off",),
        ("broke",),
        Code("161"),
    )
    longest = dictionary.blocks[0].patterns[0]
    assert longest.text == "NOT * &TIES" and longest.code == Code("128")
    assert not dictionary.blocks[2].code.is_event


def test_cameo_to_plover_table() -> None:
    table = parse_cameo_to_plover(TABLE)
    assert plover_for("042", table) is not None and plover_for("042", table).mode == "visit"  # type: ignore[union-attr]
    assert plover_for("1612", table).type == "SANCTION"  # type: ignore[union-attr]  # closest parent
    assert plover_for("023", table).type == "REQUEST"  # type: ignore[union-attr]  # appeals
    assert plover_for("999", table) is None


def test_regular_forms() -> None:
    assert regular_forms("depart") == {"departs", "departed", "departing"}
    assert {"stops", "stopped", "stopping"} <= regular_forms("stop")
    assert "departes" not in regular_forms("depart")
    assert {"carries", "carried"} <= regular_forms("carry")


@pytest.fixture(scope="module")
def coder() -> PatternCoder:
    return PatternCoder(parse_verb_dictionary(VERBS))


def code(coder: PatternCoder, text: str) -> list[tuple[str, str, str]]:
    doc = nlp.parse(text)
    grammar = default_lexicon().grammar
    reader = ArgumentReader(ActorIndex(doc, mentions_for(text, ACTORS), grammar), grammar)
    return [t for sentence in doc.sents for c in coder.code_sentence(sentence, reader) for t in c.triples()]


def test_pattern_beats_the_block_default(coder: PatternCoder) -> None:
    assert code(coder, "Northland restored diplomatic ties with Southland.") == [("north", "south", "064")]
    assert code(coder, "Northland restored order in Southland.") == [("north", "south", "050")]


def test_reverse_codes_and_compound_subjects(coder: PatternCoder) -> None:
    assert code(coder, "Northland visited Southland.") == [
        ("north", "south", "042"),
        ("south", "north", "043"),
    ]
    mutual = code(coder, "Northland and Southland restored relations.")
    assert sorted(mutual) == [("north", "south", "064"), ("south", "north", "064")]


def test_negation_needs_its_own_pattern(coder: PatternCoder) -> None:
    assert code(coder, "Northland did not visit Southland.") == []
    assert code(coder, "Northland did not restore relations with Southland.") == [("north", "south", "128")]


def test_phrasal_verbs_and_target_markers(coder: PatternCoder) -> None:
    # a verb's own code is its default; the block's patterns still apply to it, as in PETRARCH
    assert code(coder, "Northland broke off Southland's membership.") == [("north", "south", "161")]
    assert code(coder, "Northland broke off relations with Southland.") == [("north", "south", "160")]
    assert code(coder, "Northland broke with Eastland over trade.") == [("north", "east", "160")]
    assert code(coder, "Northland broke the record.") == []


def test_petrarch_unit_tests_meet_the_targets(shared_dir: Path) -> None:
    from sitrep.evaluation.petrarch import evaluate

    result = evaluate(shared_dir / "bench" / "events" / "petrarch-unittest")
    assert result["recall"] >= 0.80
    assert result["extra"] < 0.10


def test_dictionary_verbs_serve_where_the_lexicon_has_none(tmp_path: Path) -> None:
    from sitrep.events import EventCoder
    from tests.events.helpers import analyse

    verbs = "--- SCOLD  [111]  ---\nSCOLD\nUPBRAID\n\n--- WALTZ  [---]  ---\nWALTZ\n"
    (tmp_path / "CAMEO.test.txt").write_text(verbs, encoding="utf-8")
    (tmp_path / "CAMEO2PLOVER-test.txt").write_text("11: ACCUSE\n111: ACCUSE, disapprove, # Criticize\n")
    text = "Northland upbraided Southland and waltzed with Eastland."
    plain = analyse(text, ACTORS, EventCoder())
    assert plain.events == []
    with_dictionary = analyse(text, ACTORS, EventCoder(dictionaries=tmp_path))
    assert [(e.type, e.mode, e.cameo, e.actors, e.recipients) for e in with_dictionary.events] == [
        ("ACCUSE", "disapprove", "111", ["north"], ["south"])
    ]
