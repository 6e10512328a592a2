"""Resolution uses the article's context: apposition, co-occurring places, datelines."""

import re

from sitrep.geo import Gazetteer, Geoparser
from sitrep.geo.gazetteer import precision_of


def _resolve(gazetteer: Gazetteer, text: str, names: list[str]) -> list[str | None]:
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    places = Geoparser(gazetteer).resolve_spans(text, spans)
    return [f"{p.country}/{p.admin1}" if p else None for p in places]


def test_apposition_picks_the_town_in_the_named_state(gazetteer: Gazetteer) -> None:
    resolved = _resolve(gazetteer, "A fire in Alexandria, La., destroyed a home.", ["Alexandria", "La."])
    assert resolved[0] == "US/Louisiana"


def test_co_occurring_places_pull_an_ambiguous_name_to_their_country(gazetteer: Gazetteer) -> None:
    text = "Police in Damascus, Maryland, and in nearby Gaithersburg, Montgomery County, said."
    resolved = _resolve(gazetteer, text, ["Damascus", "Gaithersburg", "Montgomery County"])
    assert resolved[0] == "US/Maryland"
    assert _resolve(gazetteer, "Shelling hit Damascus.", ["Damascus"]) == ["SY/Dimashq"]


def test_a_toponym_the_gazetteer_lacks_gets_the_article_focus(gazetteer: Gazetteer) -> None:
    text = "In Duma, a car bomb hit Qwxzzyv Square. Duma was shelled again."
    resolved = _resolve(gazetteer, text, ["Duma", "Qwxzzyv Square"])
    assert resolved[1] == resolved[0] == "SY/Rīf Dimashq"


def test_two_ambiguous_names_take_the_readings_that_lie_near_each_other(gazetteer: Gazetteer) -> None:
    # Each name alone means another place (Springfield, Missouri; Cambridge, England); together they
    # mean the pair of neighbouring towns.
    springfield, decatur = _resolve(
        gazetteer, "Rallies in Springfield and Decatur.", ["Springfield", "Decatur"]
    )
    assert springfield == decatur == "US/Illinois"
    resolved = _resolve(gazetteer, "Roads between Cambridge and Waterloo closed.", ["Cambridge", "Waterloo"])
    assert resolved == ["CA/Ontario", "CA/Ontario"]


def test_a_village_abroad_that_nothing_else_points_to_gives_way_to_the_focus(gazetteer: Gazetteer) -> None:
    # Elkhorn is only a few small US towns: in a Ukrainian story it is more likely a local place the
    # gazetteer lacks; among Nebraska's towns it is Nebraska's.
    ukraine = "Crowds gathered in Kyiv, Lviv and Odesa; more met at Elkhorn. Kyiv police said."
    assert _resolve(gazetteer, ukraine, ["Kyiv", "Lviv", "Odesa", "Elkhorn"])[3] == "UA/Kyiv"
    nebraska = "Storms hit Omaha and Lincoln, and Elkhorn flooded."
    assert _resolve(gazetteer, nebraska, ["Omaha", "Lincoln", "Elkhorn"])[2] == "US/Nebraska"


def test_a_building_is_placed_in_the_country_its_name_opens_with_by_acronym(gazetteer: Gazetteer) -> None:
    text = "Shares fell in Aberdeen after the US Federal Reserve spoke, and Penn Park Library reopened."
    resolved = _resolve(gazetteer, text, ["Aberdeen", "US Federal Reserve", "Penn Park Library"])
    assert resolved[1] == "US/None"
    assert resolved[2] == "GB/Scotland"  # "Penn" is a short form of Pennsylvania, not an acronym


def test_a_town_closing_an_institutions_name_places_it(gazetteer: Gazetteer) -> None:
    text = "Scholars met in Aberdeen; a fellow of Robinson College Cambridge spoke at Penn Park Library."
    resolved = _names(gazetteer, text, ["Aberdeen", "Robinson College Cambridge", "Penn Park Library"])
    assert resolved[1] == "Cambridge"
    assert resolved[2] == "Aberdeen"  # "Park" is no institution: the nearest town stands


def _names(gazetteer: Gazetteer, text: str, names: list[str]) -> list[str | None]:
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    return [p.name if p else None for p in Geoparser(gazetteer).resolve_spans(text, spans)]


def test_australian_state_abbreviations_follow_the_article(gazetteer: Gazetteer) -> None:
    perth = _names(gazetteer, "Fires near Perth, WA, spread to Bunbury.", ["Perth", "WA", "Bunbury"])
    assert perth[1] == "Western Australia"
    text = "Rain fell on Adelaide, Port Augusta and Mount Gambier, and SA farmers cheered."
    adelaide = _names(gazetteer, text, ["Adelaide", "Port Augusta", "Mount Gambier", "SA"])
    assert adelaide[3] == "South Australia"
    johannesburg = _names(gazetteer, "Johannesburg and Soweto: SA votes.", ["Johannesburg", "Soweto", "SA"])
    assert johannesburg[2] == "South Africa"


def test_every_mention_of_a_name_follows_the_reading_its_apposition_settled(gazetteer: Gazetteer) -> None:
    # Alone, the later "Portland" would join the Pacific Northwest names; the article already said which.
    text = (
        "A mill closed in Portland, Maine. Buyers from Seattle, Tacoma and Eugene left, and Portland waits."
    )
    names = ["Portland", "Maine", "Seattle", "Tacoma", "Eugene"]
    later = text.rindex("Portland")
    spans = [(text.index(n), text.index(n) + len(n)) for n in names] + [(later, later + len("Portland"))]
    places = Geoparser(gazetteer).resolve_spans(text, spans)
    assert [p.admin1 if p else None for p in places][::5] == ["Maine", "Maine"]


def test_a_toponym_the_gazetteer_lacks_takes_the_town_named_next_to_it(gazetteer: Gazetteer) -> None:
    text = "London talks went on; London markets fell. Later fans filled Qwxzzyv Stadium in Manchester."
    stadium, town = text.index("Qwxzzyv Stadium"), text.index("Manchester")
    spans = [(0, 6), (22, 28), (stadium, stadium + 15), (town, town + 10)]
    places = Geoparser(gazetteer).resolve_spans(text, spans)
    assert [p.name if p else None for p in places] == ["London", "London", "Manchester", "Manchester"]
    # Far from any town named, it still takes the article's focus.
    far = "London talks went on. " + "Nothing happened. " * 30 + "Fans filled Qwxzzyv Stadium."
    spans = [(0, 6), (far.index("Qwxzzyv"), len(far) - 1)]
    assert [p.name if p else None for p in Geoparser(gazetteer).resolve_spans(far, spans)][1] == "London"


def test_a_capital_gets_no_bonus_under_a_former_name(gazetteer: Gazetteer) -> None:
    # Harare was once called Salisbury: that name alone does not make it the capital.
    text = "A former spy was poisoned in Salisbury. Britain blamed Russia."
    assert _names(gazetteer, text, ["Salisbury", "Britain", "Russia"])[0] == "Salisbury"


def test_a_village_far_smaller_than_the_nation_of_its_name_needs_more_than_its_province(
    gazetteer: Gazetteer,
) -> None:
    # Wales is also a village in England: a few English names around it do not make "Wales" that village.
    text = "Wales. England. London, London, London. Britain."
    spans = [(m.start(), m.end()) for m in re.finditer(r"Wales|England|London|Britain", text)]
    places = Geoparser(gazetteer).resolve_spans(text, spans)
    assert places[0] is not None and places[0].feature == "admin1"


def test_a_landmark_stands_for_its_town_over_a_small_namesake(gazetteer: Gazetteer) -> None:
    # Heathrow and Congress are also small US towns; as landmarks they are London and Washington.
    assert _resolve(gazetteer, "The minister flew into Heathrow.", ["Heathrow"]) == ["GB/England"]
    assert _resolve(gazetteer, "Senators in Congress voted.", ["Congress"]) == ["US/District of Columbia"]
    assert _resolve(gazetteer, "Fans left Anfield happy.", ["Anfield"]) == ["GB/England"]


def test_former_states_and_collective_names_resolve_to_a_region_or_successor(gazetteer: Gazetteer) -> None:
    text = "Veterans of the Soviet Union met Arab envoys and Gulf diplomats in Riyadh."
    names = ["Soviet Union", "Arab", "Gulf", "Riyadh"]
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    soviet, arab, gulf, _ = Geoparser(gazetteer).resolve_spans(text, spans)
    assert soviet is not None and soviet.country == "RU"
    assert arab is not None and arab.name == "Arabian Peninsula"
    assert gulf is not None and gulf.name == "Persian Gulf"


def test_a_small_town_in_a_province_nothing_else_points_to_gives_way_to_the_focus(
    gazetteer: Gazetteer,
) -> None:
    # Elkhorn is only a few small towns elsewhere in the US: in a Louisiana story it is more likely a
    # local place the gazetteer lacks.
    text = "Parades filled New Orleans and Baton Rouge, Louisiana; a float from Elkhorn followed them."
    resolved = _resolve(gazetteer, text, ["New Orleans", "Baton Rouge", "Louisiana", "Elkhorn"])
    assert resolved[3] == "US/Louisiana"


def test_a_capital_named_for_its_government_does_not_vouch_for_towns_near_it(gazetteer: Gazetteer) -> None:
    # Cambridge, Maryland lies near Washington; "Washington said" does not make Cambridge that town.
    text = "Officials in Washington said a fire broke out in Cambridge."
    assert _resolve(gazetteer, text, ["Washington", "Cambridge"])[1] == "US/Massachusetts"


def test_a_city_fifty_times_larger_than_its_namesake_outweighs_a_province_named_beside_it(
    gazetteer: Gazetteer,
) -> None:
    # Louisville, Ohio is a village: a story that names Ohio beside Louisville still means Kentucky's city.
    text = "Schools in Ohio and Texas closed; Louisville stayed open."
    assert _resolve(gazetteer, text, ["Ohio", "Texas", "Louisville"])[2] == "US/Kentucky"


def test_a_river_named_alone_wins_over_a_small_namesake_but_not_over_a_country(gazetteer: Gazetteer) -> None:
    text = "Boats on the Thames were moored as the Euphrates rose in Iraq and troops crossed into Niger."
    names = ["Thames", "Euphrates", "Iraq", "Niger"]
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    thames, euphrates, _, niger = Geoparser(gazetteer).resolve_spans(text, spans)
    assert thames is not None and (thames.feature, thames.country) == ("river", "GB")  # not Thames, NZ
    assert euphrates is not None and euphrates.feature == "river"
    assert niger is not None and niger.feature == "country"


def test_a_small_namesake_far_from_the_other_towns_of_its_country_gives_way_to_the_focus(
    gazetteer: Gazetteer,
) -> None:
    # "Washington Square" is a Pennsylvania town in the gazetteer; in a New Orleans story it is a square
    # there, though the story's other names are mostly demonyms of countries.
    text = "Irish, German and French families settled the French Quarter, then moved to Washington Square."
    resolved = _resolve(gazetteer, text, ["Irish", "German", "French", "French Quarter", "Washington Square"])
    assert resolved[-1] == "US/Louisiana"


def test_a_sizeable_town_that_is_its_names_only_reading_is_no_stray(gazetteer: Gazetteer) -> None:
    text = "Fans in Fresno and Oakland, Calif., cheered before the team flew to Miami Beach."
    resolved = _resolve(gazetteer, text, ["Fresno", "Oakland", "Calif.", "Miami Beach"])
    assert resolved[-1] == "US/Florida"


def test_a_sizeable_town_and_the_district_that_holds_it_are_one_reading_at_home_only(
    gazetteer: Gazetteer,
) -> None:
    # Ayodhya is a town and the district around it: in an Indian story it is still the only Ayodhya.
    text = "NEW DELHI - The Delhi court heard the case, and Ayodhya waited."
    assert _resolve(gazetteer, text, ["NEW DELHI", "Delhi", "Ayodhya"])[-1] == "IN/Uttar Pradesh"
    # Delft (a Dutch town and its municipality) in a Cape Town story is a township the gazetteer lacks.
    text = "Residents of Cape Town, South Africa, and of Delft marched."
    assert _resolve(gazetteer, text, ["Cape Town", "South Africa", "Delft"])[-1].startswith("ZA/")


def test_a_list_of_states_makes_a_states_name_a_state_but_not_over_the_capital(gazetteer: Gazetteer) -> None:
    # Guam and Thailand leave the US too small a share to outweigh the country; the states tip it.
    text = "Guard units from Florida and Alaska joined troops in Guam, Thailand; Georgia's stayed."
    resolved = _resolve(gazetteer, text, ["Florida", "Alaska", "Guam", "Thailand", "Georgia"])
    assert resolved[-1] == "US/Georgia"
    text = "Governors of Virginia and Maryland met in Washington."
    assert _resolve(gazetteer, text, ["Virginia", "Maryland", "Washington"])[-1] == "US/District of Columbia"


def test_the_republic_is_no_village_to_pull_a_namesake_near_it(gazetteer: Gazetteer) -> None:
    # Republic and Derry, two Pennsylvania villages, would vouch for each other.
    text = "A campus opened at Derry's hospital for patients from the Republic and Northern Ireland."
    assert _resolve(gazetteer, text, ["Derry", "Republic", "Northern Ireland"])[0] == "GB/Northern Ireland"


def test_a_local_namesake_ranked_low_among_many_is_still_weighed(gazetteer: Gazetteer) -> None:
    # Ireland's Newport comes after twenty larger Newports in Britain, the US and Australia.
    text = "Applicants wait in Nenagh, Ballina, Cloughjordan and Newport."
    assert _resolve(gazetteer, text, ["Nenagh", "Ballina", "Cloughjordan", "Newport"])[-1].startswith("IE/")


def test_a_township_named_after_a_city_is_not_placed_in_that_city(gazetteer: Gazetteer) -> None:
    text = "The Paterson charity holds its dinner at a restaurant in Washington Township."
    assert _resolve(gazetteer, text, ["Paterson", "Washington Township"])[-1] == "US/New Jersey"


def test_a_place_the_gazetteer_lacks_lies_in_the_datelines_country(gazetteer: Gazetteer) -> None:
    # The town named next to it is a football club's: the village is Egyptian, as the dateline says.
    text = "CAIRO - Boys in the village of Qwxzzyv dream of playing for Liverpool."
    assert _resolve(gazetteer, text, ["CAIRO", "Qwxzzyv", "Liverpool"])[1].startswith("EG/")


def test_a_name_listed_with_places_of_one_kind_is_one_of_them(gazetteer: Gazetteer) -> None:
    # Beside Hawaii's many mentions, "Washington" alone is the capital; listed with a state it is one.
    text = "Hawaii lost jobs to states such as California or Washington, and to Utah; Hawaii's rate fell."
    resolved = _resolve(gazetteer, text, ["Hawaii", "California", "Washington", "Utah"])
    assert resolved[2] == "US/Washington"


def test_a_landmark_settles_its_towns_namesakes(gazetteer: Gazetteer) -> None:
    text = "Passes for the Birmingham festival at Sloss Furnaces are on sale."
    assert _resolve(gazetteer, text, ["Birmingham", "Sloss Furnaces"]) == ["US/Alabama", "US/Alabama"]


def test_a_lake_is_resolved_as_the_lake_and_does_not_pull_a_town_near_it(gazetteer: Gazetteer) -> None:
    text = "Fishermen on Lake Victoria and divers in Lake Ontario were warned, officials in Kampala said."
    names = ["Lake Victoria", "Lake Ontario", "Kampala"]
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    victoria, ontario, kampala = Geoparser(gazetteer).resolve_spans(text, spans)
    assert victoria is not None and (victoria.feature, precision_of(victoria)) == ("lake", 3)
    assert ontario is not None and ontario.feature == "lake"  # not the province of Ontario
    assert kampala is not None and kampala.country == "UG"


def test_a_town_opening_an_organisations_name_is_the_town_it_is_named_after(gazetteer: Gazetteer) -> None:
    # The article's country (the US, Ukraine) says nothing about which namesake a firm or a body is named after.
    text = (
        "Senators in Washington asked Facebook about Cambridge Analytica, a firm active in Arizona and Texas."
    )
    assert _resolve(gazetteer, text, ["Washington", "Cambridge", "Arizona", "Texas"])[1] == "GB/England"
    text = "Kyiv must heed the Venice Commission, officials in the United States and Ukraine said."
    assert _resolve(gazetteer, text, ["Kyiv", "Venice", "United States", "Ukraine"])[1] == "IT/Veneto"


def test_an_organisation_of_a_town_the_article_places_locally_is_that_towns(gazetteer: Gazetteer) -> None:
    # Beside Californian places, Venice is the one in Los Angeles.
    text = "The Venice Commission met as Los Angeles and California officials watched."
    assert _resolve(gazetteer, text, ["Venice", "Los Angeles", "California"])[0] == "US/California"
    # A town the article also names alone is a place of the story, and so is its school.
    text = "Across the United States, pupils in Alexandria join Alexandria Country Day School."
    spans = [(m.start(), m.end()) for m in re.finditer("United States|Alexandria", text)]
    places = Geoparser(gazetteer).resolve_spans(text, spans)
    assert [(p.country, p.admin1) for p in places if p][1:] == [("US", "Virginia")] * 2
