"""Ranking: phrases that only extend an actor already chosen give way to distinct concepts."""

from __future__ import annotations

from sitrep import nlp
from sitrep.keywords import KeywordExtractor, Weights, keywords_from_doc
from sitrep.records import Actor, ActorMention

TEXT = (
    "The Black Banner Brigade withdrew from Qaryatayn. Black Banner Brigade violations had angered "
    "residents, and the Black Banner Brigade withdrawal followed talks with tribal elders. The Black "
    "Banner Brigade denied abuses. Tribal elders said the water supply of Qaryatayn was cut."
)


def ranked(weights: Weights) -> list[str]:
    doc = nlp.parse(TEXT)
    name = "Black Banner Brigade"
    mentions = [
        ActorMention(start, start + len(name), name, "bbb")
        for start in (i for i in range(len(TEXT)) if TEXT.startswith(name, i))
    ]
    actors = {"bbb": Actor(id="bbb", name=name)}
    extractor = KeywordExtractor(top_n=4, weights=weights)
    return [
        kw.text for kw in keywords_from_doc(doc, actor_mentions=mentions, actors=actors, extractor=extractor)
    ]


def test_extensions_of_a_chosen_actor_give_way_to_other_concepts() -> None:
    plain, diverse = ranked(Weights(extension_discount=1.0)), ranked(Weights())
    extension = "Black Banner Brigade violations"
    assert plain[0] == diverse[0] == "Black Banner Brigade"
    assert plain.index(extension) < plain.index("Qaryatayn")
    assert diverse.index("Qaryatayn") < diverse.index(extension)
