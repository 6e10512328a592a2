"""The actor registry: canonical actors with aliases, dated roles, countries and agent words.

A registry is built once (`ActorRegistry.default()`, `from_yaml`, `from_petrarch`) and shared by every
article: its phrase matcher is compiled on first use. Formats are described in docs/actors.md.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from sitrep.actors.matcher import PhraseMatcher, phrase_keys
from sitrep.actors.sectors import KINDS, parse_actor_code
from sitrep.records import Actor

DATA = resources.files("sitrep") / "data" / "actors"
ACTOR_TYPES = ("organization", "person", "state", "group")
# Sectors of the state apparatus: composites of a country with them are state actors.
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY", "JUD", "LEG"})
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Role:
    """What an actor is during a period: `since`/`until` are inclusive; None means open-ended."""

    kind: str | None = None
    code: str | None = None
    country: str | None = None
    since: date | None = None
    until: date | None = None

    def covers(self, day: date) -> bool:
        return (self.since is None or self.since <= day) and (self.until is None or day <= self.until)


@dataclass
class ActorEntry:
    """A registry actor: names, its default role and the dated roles that override it."""

    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    default: Role = field(default_factory=Role)
    roles: list[Role] = field(default_factory=list)
    type: str = "organization"

    def role_on(self, day: date | None = None) -> Role:
        """The role on `day` (today when None): the first dated role covering it, else the default."""
        day = day or date.today()
        return next((role for role in self.roles if role.covers(day)), self.default)

    def actor(self, day: date | None = None) -> Actor:
        role = self.role_on(day)
        return Actor(self.id, self.name, list(self.aliases), role.kind, role.country, role.code)


@dataclass(frozen=True)
class Agent:
    """A generic noun for a kind of actor ("rebels", "judge"), with its PLOVER sector.

    `member`: names members of an organisation ("ISIS fighters" are ISIS); `leader`: a role that takes
    the sector of the organisation it serves; `person`: names one person in a role ("judge"); `anaphor`: "organization" for nouns that refer back to a
    named organisation ("the group"), "armed" for nouns that refer back to an armed group ("the
    militants"). `plurals`: None for the regular plural, else the plural forms (none: `()`).
    """

    phrase: str
    sector: str | None
    code: str = ""
    member: bool = False
    leader: bool = False
    person: bool = False
    anaphor: str | None = None
    plurals: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    adjectives: tuple[str, ...]
    names: tuple[str, ...]
    capital: str
    people: tuple[str, ...] = ()  # the population: "Greeks", and "Syrians" from the adjective

    @property
    def population_names(self) -> list[str]:
        plurals = [plural(adjective) for adjective in self.adjectives if adjective.endswith(("an", "i"))]
        return _unique([*self.people, *plurals])


@dataclass(frozen=True)
class NameHit:
    actor_id: str


@dataclass(frozen=True)
class AgentHit:
    agent: Agent


Hit = NameHit | AgentHit


_NON_SLUG = re.compile(r"[^a-z0-9]+")
_CONSONANT_Y = re.compile(r"[^aeiou]y$")
_SIBILANT = re.compile(r"(?:s|x|z|ch|sh)$")


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NON_SLUG.sub("-", ascii_text.lower().replace("'", "")).strip("-")


def plural(word: str) -> str:
    """The regular English plural of a phrase's last word."""
    if _CONSONANT_Y.search(word):
        return word[:-1] + "ies"
    if _SIBILANT.search(word):
        return word + "es"
    return word + "s"


def strip_article(phrase: str) -> str:
    return re.sub(r"^(?:the)\s+", "", phrase.strip(), flags=re.IGNORECASE)


def combine_codes(actor_code: str, agent_code: str) -> str:
    """An actor code qualified by an agent code, as PETRARCH does: `~X` is appended, `X~` prepended."""
    if agent_code.endswith("~"):
        return agent_code[:-1] + actor_code
    return actor_code + agent_code.lstrip("~")


def as_date(value: object) -> date | None:
    """A date from a YAML date, a datetime or an ISO string (only the date part is read)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and len(value) >= 10:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


class ActorRegistry:
    """Canonical actors, countries and agent words, with a compiled phrase matcher."""

    def __init__(
        self,
        entries: Iterable[ActorEntry] = (),
        agents: Iterable[Agent] = (),
        countries: Iterable[Country] = (),
        sector_names: dict[str, str] | None = None,
        caseless: bool = False,
    ) -> None:
        self._entries: dict[str, ActorEntry] = {}
        self._agents: dict[str, Agent] = {}
        self._countries: dict[str, Country] = {}
        self._country_ids: dict[str, str] = {}
        self._capitals: dict[str, str] = {}
        self._caseless_ids: set[str] = set()
        self.sector_names: dict[str, str] = dict(sector_names or {})
        self.name_words: dict[str, str] = {}
        self._matcher: PhraseMatcher[Hit] | None = None
        for country in countries:
            self.add_country(country)
        for entry in entries:
            self.add(entry, caseless=caseless)
        for agent in agents:
            self.add_agent(agent)

    # --- loaders -------------------------------------------------------------------------------
    @classmethod
    def default(cls) -> ActorRegistry:
        """Sitrep's shipped registry (countries, actors.yaml, agents.yaml); built once per process."""
        return _default_registry()

    @classmethod
    def from_yaml(cls, *paths: str | Path) -> ActorRegistry:
        """A registry from Sitrep YAML files, each holding `actors:`, `agents:` sections or both."""
        registry = cls()
        for path in paths:
            registry.load_yaml(Path(path).read_text(encoding="utf-8"))
        return registry

    @classmethod
    def from_petrarch(
        cls,
        actors: Iterable[str | Path] | str | Path = (),
        agents: Iterable[str | Path] | str | Path = (),
    ) -> ActorRegistry:
        """A registry from PETRARCH/Phoenix `.actors` and `.agents` dictionary files."""
        from sitrep.actors import petrarch

        registry = cls(sector_names=_shipped_sector_names())
        for path in _paths(actors):
            for entry in petrarch.read_actors(Path(path).read_text(encoding="utf-8", errors="replace")):
                registry.add(entry, caseless=True)
        for path in _paths(agents):
            for agent in petrarch.read_agents(Path(path).read_text(encoding="utf-8", errors="replace")):
                registry.add_agent(agent)
        return registry

    def load_yaml(self, text: str) -> None:
        data = yaml.load(text, Loader=_LOADER) or {}
        for record in data.get("actors") or []:
            self.add(entry_from_yaml(record))
        self.sector_names.update(data.get("sector_names") or {})
        for sector, words in (data.get("name_words") or {}).items():
            self.name_words.update({str(word).lower(): sector for word in words})
        for agent in agents_from_yaml(data):
            self.add_agent(agent)

    def load_countries(self, text: str) -> None:
        for country in countries_from_tsv(text):
            self.add_country(country)

    # --- building ------------------------------------------------------------------------------
    def add(self, entry: ActorEntry, caseless: bool = False) -> None:
        """Add an actor; an entry with an id already present extends it (aliases, roles, fields)."""
        existing = self._entries.get(entry.id)
        if existing is not None:
            entry = _merge_entries(existing, entry)
        self._entries[entry.id] = entry
        if caseless:
            self._caseless_ids.add(entry.id)
        self._matcher = None

    def add_agent(self, agent: Agent) -> None:
        plurals = (plural(agent.phrase),) if agent.plurals is None else agent.plurals
        # "the group" refers back to one organisation; "the groups" to none in particular.
        plural_agent = replace(agent, anaphor=None) if agent.anaphor == "organization" else agent
        for form, variant in ((agent.phrase, agent), *((p, plural_agent) for p in plurals)):
            key = " ".join(phrase_keys(form))
            if key and key not in self._agents:
                self._agents[key] = replace(variant, phrase=form)
        self._matcher = None

    def add_country(self, country: Country) -> None:
        self._countries[country.iso3] = country
        if country.capital:
            self._capitals[country.capital] = country.iso3
        entry = ActorEntry(
            id=slugify(country.name),
            name=country.name,
            aliases=_unique([*country.names, *country.adjectives]),
            default=Role(kind=None, code=country.iso3, country=country.iso3),
            type="state",
        )
        self._country_ids[country.iso3] = entry.id
        self.add(entry)

    def merge(self, other: ActorRegistry) -> ActorRegistry:
        """A new registry holding this one's actors and agents extended by `other`'s."""
        merged = ActorRegistry(sector_names={**self.sector_names, **other.sector_names})
        merged.name_words = {**self.name_words, **other.name_words}
        for source in (self, other):
            for country in source._countries.values():
                merged.add_country(country)
            for entry in source._entries.values():
                merged.add(entry, caseless=entry.id in source._caseless_ids)
            for agent in source._agents.values():
                merged.add_agent(agent)
        return merged

    # --- queries -------------------------------------------------------------------------------
    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[ActorEntry]:
        return iter(self._entries.values())

    def entry(self, actor_id: str) -> ActorEntry:
        return self._entries[actor_id]

    def get(self, actor_id: str, on: date | None = None) -> Actor | None:
        """The actor with its role on date `on` (today when None), or None if unknown."""
        entry = self._entries.get(actor_id)
        return entry.actor(on) if entry else None

    def lookup(self, name: str, on: date | None = None) -> Actor | None:
        """The actor a whole name or alias refers to ("ISIS", "the Syrian regime"), or None."""
        text = strip_article(name)
        matches = self.matcher.find(text)
        if len(matches) == 1 and matches[0].text == text and isinstance(matches[0].value, NameHit):
            return self.get(matches[0].value.actor_id, on)
        return self.get(text, on)

    def agent(self, phrase: str) -> Agent | None:
        return self._agents.get(" ".join(phrase_keys(phrase)))

    @property
    def agents(self) -> list[Agent]:
        return list(self._agents.values())

    def country(self, iso3: str) -> Country | None:
        return self._countries.get(iso3)

    def country_id(self, iso3: str) -> str | None:
        return self._country_ids.get(iso3)

    def capitals(self) -> dict[str, str]:
        """Capital city name -> ISO alpha-3: a signal of the article's country, and a metonym for
        the state ("Tehran said")."""
        return self._capitals

    def sector_name(self, sector: str) -> str:
        return self.sector_names.get(sector, sector.lower())

    # --- composite actors ----------------------------------------------------------------------
    def compose(
        self, base: str | ActorEntry | None, sector: str | None, on: date | None = None, agent_code: str = ""
    ) -> ActorEntry:
        """The actor for `sector` within `base` (an id or an entry): "syria" + MIL -> syria-military,
        "isis" + JUD -> isis-judiciary; the generic sector actor when `base` is None. A registry entry
        with the composite's id (syria-government in actors.yaml) is returned when there is one;
        otherwise a new entry that the registry does not keep, so that articles never leak into each
        other. `agent_code` (PETRARCH's `~GOVMED` or `NGO~`) shapes the composite's code; with no
        sector, it also names the composite."""
        noun = self.sector_name(sector) if sector else agent_code.strip("~").lower()
        owner = self._entries.get(base) if isinstance(base, str) else base
        if owner is None:
            return self._existing_or(ActorEntry(slugify(noun), noun, [], Role(kind=sector), type="group"))
        role = owner.role_on(on)
        country = self._countries.get(role.country or "") if owner.type == "state" else None
        if country is not None:
            adjective = country.adjectives[0] if country.adjectives else country.name
            entry = ActorEntry(
                id=f"{self._country_ids[country.iso3]}-{slugify(noun)}",
                name=f"{adjective} {noun}",
                default=Role(
                    kind=sector,
                    code=combine_codes(country.iso3, agent_code or sector or ""),
                    country=country.iso3,
                ),
                type="state" if sector in STATE_SECTORS else "group",
            )
        else:
            entry = ActorEntry(
                id=f"{owner.id}-{slugify(noun)}",
                name=f"{owner.name} {noun}",
                default=Role(
                    kind=sector,
                    code=combine_codes(role.code, agent_code or sector or "") if role.code else None,
                    country=role.country,
                ),
                type="group",
            )
        return self._existing_or(entry)

    def _add_populations(self) -> None:
        """ "Syrians", "Greeks": a country's people are its civilians (CVL), not its state."""
        for country in self._countries.values():
            names = country.population_names
            if names:
                civilians = self.compose(self._country_ids[country.iso3], "CVL")
                self._entries[civilians.id] = replace(
                    civilians, aliases=_unique([*civilians.aliases, *names])
                )

    def _existing_or(self, entry: ActorEntry) -> ActorEntry:
        return self._entries.get(entry.id, entry)

    # --- matching ------------------------------------------------------------------------------
    @property
    def matcher(self) -> PhraseMatcher[Hit]:
        """Names, aliases and agent words in one longest-match matcher; names win ties."""
        if self._matcher is None:
            self._matcher = self._compile()
        return self._matcher

    def _compile(self) -> PhraseMatcher[Hit]:
        self._add_populations()
        matcher: PhraseMatcher[Hit] = PhraseMatcher()
        for entry in self._entries.values():
            caseless = entry.id in self._caseless_ids
            for form in _unique([entry.name, *entry.aliases]):
                matcher.add(strip_article(form), NameHit(entry.id), caseless=caseless, priority=1)
        for agent in self._agents.values():
            matcher.add(agent.phrase.lower(), AgentHit(agent), priority=0)
        return matcher


# --- YAML and TSV readers --------------------------------------------------------------------------
def entry_from_yaml(record: dict[str, Any]) -> ActorEntry:
    """An ActorEntry from one `actors:` item; unknown kinds and types are rejected with the id named."""
    actor_id = str(record.get("id") or slugify(str(record["name"])))
    kind = record.get("kind")
    if kind is not None and kind not in KINDS:
        raise ValueError(f"actor {actor_id}: unknown kind {kind!r} (use a PLOVER sector code)")
    actor_type = record.get("type", "organization")
    if actor_type not in ACTOR_TYPES:
        raise ValueError(f"actor {actor_id}: unknown type {actor_type!r} (one of {', '.join(ACTOR_TYPES)})")
    code = record.get("code")
    country = record.get("country")
    if code and not country and not kind:
        country, kind = parse_actor_code(str(code))
    default = Role(kind=kind, code=code, country=country)
    roles = [
        Role(
            kind=item.get("kind", default.kind),
            code=item.get("code", default.code),
            country=item.get("country", default.country),
            since=as_date(item.get("since")),
            until=as_date(item.get("until")),
        )
        for item in record.get("roles") or []
    ]
    aliases = [str(alias) for alias in record.get("aliases") or []]
    return ActorEntry(actor_id, str(record["name"]), aliases, default, roles, actor_type)


def agents_from_yaml(data: dict[str, Any]) -> list[Agent]:
    flags = _AgentFlags(
        members=frozenset(data.get("members") or []),
        leaders=frozenset(data.get("leaders") or []),
        people=frozenset(data.get("people") or []),
        anaphors={word: "organization" for word in data.get("anaphors") or []}
        | {word: "armed" for word in data.get("armed_anaphors") or []},
    )
    agents = []
    for sector, phrases in (data.get("sectors") or {}).items():
        if sector not in KINDS:
            raise ValueError(f"agents: unknown sector {sector!r}")
        agents += [flags.agent(str(phrase), sector) for phrase in phrases]
    listed = {agent.phrase for agent in agents}
    unlisted = (flags.members | flags.leaders | flags.people | set(flags.anaphors)) - listed
    return agents + [flags.agent(word, None) for word in sorted(unlisted)]


@dataclass(frozen=True)
class _AgentFlags:
    """The word lists of agents.yaml that mark agents as members, leaders, people or anaphors."""

    members: frozenset[str]
    leaders: frozenset[str]
    people: frozenset[str]
    anaphors: dict[str, str]

    def agent(self, phrase: str, sector: str | None) -> Agent:
        forms = {phrase, plural(phrase)}
        return Agent(
            phrase=phrase,
            sector=sector,
            code=f"~{sector}" if sector else "",
            member=bool(forms & self.members),
            leader=bool(forms & self.leaders),
            person=phrase in self.people,
            anaphor=next((self.anaphors[form] for form in sorted(forms) if form in self.anaphors), None),
        )


def countries_from_tsv(text: str) -> list[Country]:
    rows = csv.reader(
        (line for line in text.splitlines() if line and not line.startswith("#")), delimiter="\t"
    )
    countries = []
    for iso3, name, adjectives, names, capital, people in rows:
        countries.append(Country(iso3, name, _split(adjectives), _split(names), capital, _split(people)))
    return countries


def _split(field_text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in field_text.split(",") if part.strip())


def _unique(items: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)


def _merge_entries(old: ActorEntry, new: ActorEntry) -> ActorEntry:
    default = Role(
        kind=new.default.kind or old.default.kind,
        code=new.default.code or old.default.code,
        country=new.default.country or old.default.country,
    )
    return ActorEntry(
        id=old.id,
        name=new.name or old.name,
        aliases=_unique([*old.aliases, *new.aliases, *([old.name] if new.name != old.name else [])]),
        default=default,
        roles=[*new.roles, *old.roles],
        type=new.type if new.type != "organization" else old.type,
    )


def _paths(value: Iterable[str | Path] | str | Path) -> list[str | Path]:
    return [value] if isinstance(value, str | Path) else list(value)


def _read_data(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def _shipped_sector_names() -> dict[str, str]:
    data = yaml.load(_read_data("agents.yaml"), Loader=_LOADER) or {}
    return dict(data.get("sector_names") or {})


@lru_cache(maxsize=1)
def _default_registry() -> ActorRegistry:
    registry = ActorRegistry()
    registry.load_countries(_read_data("countries.tsv"))
    registry.load_yaml(_read_data("actors.yaml"))
    registry.load_yaml(_read_data("agents.yaml"))
    registry.matcher  # noqa: B018 -- compile once, at load time, not on the first article
    return registry
