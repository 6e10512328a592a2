"""Input that is not news prose: the coder neither crashes nor invents events, with the actors stage
running before it as in the pipeline (and the learned model on, as by default)."""

from __future__ import annotations

import time

import pytest

from sitrep.evaluation.events import pipeline_coder
from tests.events.helpers import code

ODD_INPUTS = {
    "empty": "",
    "blank": "   \n\n \t ",
    "markup": "<div><script>x</script>|||&nbsp;&amp;",
    "page chrome": "Home | News | World | Contact us | Privacy policy | Cookie settings | © 2024 | Share: f t in",
    "template": "{{ article.title }} {% for tag in tags %}<a href='/tag/{{ tag }}'>{{ tag }}</a>{% endfor %}",
    "german": "Die Regierung hat am Montag in Berlin neue Gesetze gegen die Opposition beschlossen.",
    "spanish": "Los rebeldes atacaron la ciudad y el ejército respondió con bombardeos durante la noche.",
    "arabic": "قالت الحكومة إن القوات انسحبت من المدينة بعد اشتباكات عنيفة مع المسلحين",
    "chinese": "政府军周二在北部地区与反政府武装发生冲突，造成多人死亡。",
    "punctuation": "!!! ??? ... --- *** ### @@@ $$$ %%% ^^^ &&& ((( ))) ;;; ::: ,,, ... !!!",
    "numbers": "12 34 56 78 90 11 22 33 44 55 66 77 88 99 100 200 300 400 500 600 700 800 900 1000",
    "controls": "\x00\x01\x02 text \x1b[31m red \x1b[0m \ufeff \u200b \u202e reversed",
    "emoji": "🔥🔥🔥 💣 🚀 🙏 👍 ✅ ❌ 🇺🇸 🇷🇺",
}


@pytest.mark.parametrize("text", ODD_INPUTS.values(), ids=ODD_INPUTS.keys())
def test_odd_input_codes_no_event(text: str) -> None:
    (analysis,) = pipeline_coder([text])
    assert analysis.events == []


def test_a_ten_thousand_word_sentence_of_filler_codes_nothing_and_finishes() -> None:
    words = ["the", "old", "committee", "of", "the", "regional", "council", "and", "its", "members"]
    text = " ".join(words * 1000) + "."
    started = time.perf_counter()
    analysis = code(text)
    assert analysis.events == []
    assert time.perf_counter() - started < 60


def test_sentences_too_long_to_be_prose_are_skipped_with_a_warning() -> None:
    text = " ".join(["Rebels", "attacked", "the", "town", "and"] * 2000) + " left."
    analysis = code(text)
    assert any("longer than" in w for w in analysis.warnings)
    assert all(e.type in {"ASSAULT", "RETREAT"} for e in analysis.events)
