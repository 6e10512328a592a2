"""Language detection (py3langid, offline)."""

from __future__ import annotations

import pytest

from sitrep.extract.language import detect_language


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The army shelled the town on Monday, killing six civilians, activists said.", "en"),
        ("L'armée a bombardé la ville lundi, tuant six civils, selon des militants sur place.", "fr"),
        ("قصف الجيش المدينة يوم الاثنين مما أدى إلى مقتل ستة مدنيين بحسب ناشطين", "ar"),
        ("Die Armee beschoss die Stadt am Montag und tötete sechs Zivilisten, sagten Aktivisten.", "de"),
    ],
)
def test_languages(text: str, code: str) -> None:
    assert detect_language(text) == code


def test_too_little_text_has_no_language() -> None:
    assert detect_language("Duma") is None
    assert detect_language("") is None
    assert detect_language("12 345 — 6") is None


def test_english_about_nigeria_is_english_and_pidgin_is_pidgin() -> None:
    assert detect_language("Nigeria's army rescued 100 hostages held by Boko Haram militants.") == "en"
    pidgin = "Police for Kano State don arrest pipo wey dey sell fake drugs, na so dem tok for statement."
    assert detect_language(pidgin) == "pcm"
