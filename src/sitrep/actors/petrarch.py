"""Readers for the PETRARCH / Phoenix (TABARI-descended) actor and agent dictionary formats.

Actors (`*.actors.txt`): a primary phrase, optionally with codes in brackets, then synonym lines that
start with `+`, then indented code lines with optional date restrictions:

    GOLLUM            # comments run from '#' (or the old ';') to the end of the line
    +SMEAGOL
        [HOB <950601]                 before (or on) 1995-06-01
        [HOBGOV 19950601-19990815]    between, inclusive
        [HOBREB >990816]              from 1999-08-16
        [HOB]                         the default code when no restriction applies

Words are joined by `_` or spaces; a trailing `_` (TABARI's "no stemming" mark) is ignored. Primary
phrases given without a code share the codes that follow with the primaries before them, as in
PETRARCH. Dates are YYYYMMDD or YYMMDD (YY up to 30 is 20YY).

Agents (`*.agents.txt`): `PHRASE {PLURAL} [~CODE]`, where `{}` means no plural, `{X}` an irregular
plural, and none a regular plural; `~CODE` is added after an actor's code, `CODE~` before it.
`!NAME! = A, B, C` defines a substitution set used as `CONGRESS!PERSON!`. Lines starting with `#` or
`<` are skipped. Agent codes are CAMEO-spelled (MED = media) unless the file uses PLOVER's JRN, in
which case MED means health, as in PLOVER_agents.txt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from sitrep.actors.registry import ActorEntry, Agent, Role, slugify
from sitrep.actors.sectors import NULL_CODES, parse_actor_code, sector_of_agent_code

_BRACKETS = re.compile(r"\[([^\]]*)\]")
_MARKER = re.compile(r"!([^!\s]+)!")
_COMMENT = re.compile(r"[#;]")
_SEPARATORS = re.compile(r"[_\s]+")
_VOWEL = re.compile(r"[aeiouy]")
_LOWER_WORDS = frozenset(
    [
        "of",
        "and",
        "the",
        "for",
        "in",
        "on",
        "at",
        "to",
        "al",
        "el",
        "de",
        "du",
        "la",
        "le",
        "bin",
        "ben",
        "wa",
        "wal",
        "fi",
        "min",
    ]
)


@dataclass
class _Group:
    """Consecutive primaries that share one list of codes."""

    actors: list[tuple[str, list[str]]] = field(default_factory=list)  # (primary, synonyms)
    codes: list[Role] = field(default_factory=list)
    default: Role | None = None


def read_actors(text: str) -> list[ActorEntry]:
    """ActorEntries from the text of a PETRARCH actor dictionary."""
    groups: list[_Group] = [_Group()]
    for raw in text.splitlines():
        line = _strip_comment(raw).strip()
        if not line or raw.lstrip().startswith(("#", "<")):
            continue
        if "---STOP---" in line:
            break
        group = groups[-1]
        if line.startswith("["):
            _add_codes(group, line)
        elif line.startswith("+"):
            if group.actors:
                group.actors[-1][1].extend(_synonyms(line))
        else:
            if group.codes or group.default:
                group = _Group()
                groups.append(group)
            phrase, _, rest = line.partition("[")
            group.actors.append((phrase, []))
            if rest:
                _add_codes(group, "[" + rest)
    return [entry for group in groups for entry in _entries(group)]


def read_agents(text: str) -> list[Agent]:
    """Agents from the text of a PETRARCH agent dictionary."""
    cameo_names = not re.search(r"\[[^\]]*JRN", text)
    markers: dict[str, list[str]] = {}
    agents: list[Agent] = []
    for raw in text.splitlines():
        line = _strip_comment(raw).strip()
        if not line or line.startswith(("#", "<")):
            continue
        marker = _MARKER.search(line.partition("=")[0]) if "=" in line else None
        if marker:
            markers[marker.group(1)] = [
                item.strip() for item in line.partition("=")[2].split(",") if item.strip()
            ]
            continue
        found = _BRACKETS.search(line)
        if not found:
            continue
        code = found.group(1).replace(" ", "")
        sector = sector_of_agent_code(code, cameo_names)
        head = line[: found.start()]
        phrase, brace, plural_part = head.partition("{")
        plurals = tuple(_phrase(p) for p in plural_part.rstrip("} ").split()) if brace else None
        for form in _expand_markers(phrase.strip(), markers):
            # Substituted forms are complete words already ("CONGRESSMEN"): no plural is made.
            form_plurals = () if _MARKER.search(phrase) else plurals
            agents.append(Agent(phrase=_phrase(form), sector=sector, code=code, plurals=form_plurals))
    return agents


def _strip_comment(line: str) -> str:
    return _COMMENT.split(line, maxsplit=1)[0]


def _synonyms(line: str) -> list[str]:
    return [part for part in re.split(r"\s*\+", line) if part.strip()]


def _add_codes(group: _Group, line: str) -> None:
    for content in _BRACKETS.findall(line):
        role, dated = _role(content)
        if role is None:
            continue
        if dated:
            group.codes.append(role)
        else:
            group.default = role


def _role(content: str) -> tuple[Role | None, bool]:
    """The role a bracket holds and whether it is date-restricted; (None, _) when unreadable."""
    code, _, restriction = content.strip().partition(" ")
    code = code.strip().upper()
    country, kind = parse_actor_code(code)
    stored_code = None if code in NULL_CODES else code
    restriction = restriction.replace(" ", "")
    if not restriction:
        return Role(kind, stored_code, country), False
    since = until = None
    if restriction[0] in "<>":
        day = _date(restriction[1:])
        if day is None:
            return None, True
        since, until = (None, day) if restriction[0] == "<" else (day, None)
    elif "-" in restriction:
        start, _, end = restriction.partition("-")
        since, until = _date(start), _date(end)
        if since is None or until is None or until < since:
            return None, True
    else:
        return None, True
    return Role(kind, stored_code, country, since, until), True


def _date(text: str) -> date | None:
    digits = text.strip()
    if not digits.isdigit() or len(digits) not in (6, 8):
        return None
    if len(digits) == 6:
        year = int(digits[:2])
        digits = str(2000 + year if year <= 30 else 1900 + year) + digits[2:]
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None


def _entries(group: _Group) -> list[ActorEntry]:
    default = group.default or Role()
    entries = []
    for primary, synonyms in group.actors:
        name = _display(primary)
        if not name:
            continue
        aliases = [alias for alias in (_display(s) for s in synonyms) if alias and alias != name]
        actor_type = "state" if default.country and not default.kind and not group.codes else "organization"
        entries.append(ActorEntry(slugify(name), name, aliases, default, list(group.codes), actor_type))
    return entries


def _phrase(text: str) -> str:
    return _SEPARATORS.sub(" ", text).strip().lower()


def _display(phrase: str) -> str:
    """A readable name from an upper-case dictionary phrase: "ISLAMIC_STATE_OF_IRAQ_" ->
    "Islamic State of Iraq", "JABHAT_AL-NUSRA" -> "Jabhat al-Nusra"; vowel-less acronyms stay upper."""
    words = _phrase(phrase).split()
    return " ".join(_display_word(word, first=i == 0) for i, word in enumerate(words))


def _display_word(word: str, first: bool) -> str:
    if "." in word or not _VOWEL.search(word):
        return word.upper()
    parts = word.split("-")
    shown = [p if (p in _LOWER_WORDS and (k or not first)) else p.capitalize() for k, p in enumerate(parts)]
    return "-".join(shown)


def _expand_markers(phrase: str, markers: dict[str, list[str]]) -> list[str]:
    found = _MARKER.search(phrase)
    if not found:
        return [phrase]
    if found.group(1) not in markers:
        return []
    expanded = []
    for item in markers[found.group(1)]:
        expanded.extend(_expand_markers(phrase[: found.start()] + item + phrase[found.end() :], markers))
    return expanded
