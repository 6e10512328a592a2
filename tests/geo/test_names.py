from sitrep.geo.names import bare_key, exact_key, is_name_like, skeleton_key


def test_diacritics_and_case_fold_to_one_key() -> None:
    assert exact_key("Dūmā") == exact_key("DUMA") == "duma"
    assert exact_key("Ḩarastā") == "harasta"


def test_arabic_article_is_dropped_in_the_bare_key() -> None:
    assert bare_key("al-Yarmouk") == bare_key("Yarmouk") == "yarmouk"
    assert bare_key("Ar Raqqah") == "raqqah"
    assert bare_key("Alabama") == "alabama"  # "al" starting a word is no article


def test_transliteration_variants_share_a_skeleton() -> None:
    assert skeleton_key("Douma") == skeleton_key("Duma") == skeleton_key("Dūmā")
    assert skeleton_key("Irbin") == skeleton_key("Arbin") == skeleton_key("Arbeen")
    assert skeleton_key("Hamouriyah") == skeleton_key("Hammuriyah")
    assert skeleton_key("Duma") != skeleton_key("Adam")  # short skeletons keep their first letter


def test_only_capitalised_latin_or_arabic_names_are_indexed() -> None:
    assert is_name_like("Douma")
    assert is_name_like("دوما")
    assert not is_name_like("dwma")  # a romanisation code, not a name
    assert not is_name_like("Дума")
