"""PLOVER sector codes and the translation of CAMEO-style actor and agent codes into them.

Sectors follow the PLOVER manual ("Sector Codes" table); IGO and NGO are kept as kinds as CAMEO does,
because an international organisation has no country to carry that information. CAMEO codes are
strings of 3-letter blocks: a country (ISO alpha-3, or an organisation type such as IGO) followed by
sector and attribute blocks, e.g. SYRREBMUS = Syria, rebels, Muslim.
"""

from __future__ import annotations

PLOVER_SECTORS = frozenset(
    [
        "COP",
        "GOV",
        "JUD",
        "LEG",
        "MIL",
        "PRM",
        "PTY",
        "REB",
        "SPY",
        "UAF",
        "UNK",
        "AGR",
        "BUS",
        "CRM",
        "CVL",
        "EDU",
        "ELI",
        "JRN",
        "LAB",
        "MED",
        "REF",
        "OPP",
        "PRE",
        "REL",
        "SOC",
    ]
)
ORGANISATION_KINDS = frozenset({"IGO", "NGO"})
KINDS = PLOVER_SECTORS | ORGANISATION_KINDS

# CAMEO blocks whose PLOVER sector has another name (the manual: CAMEO MED "media" became JRN, HLH
# "health" became MED; INS and SEP were folded into REB). Religious blocks all become REL.
_CAMEO_RENAMED = {
    "MED": "JRN",
    "HLH": "MED",
    "INS": "REB",
    "SEP": "REB",
    "HRI": "SOC",
    "ENV": "SOC",
    "DEV": "SOC",
    "MOD": None,
    "RAD": None,
}
_RELIGIOUS_BLOCKS = frozenset(
    [
        "MUS",
        "CHR",
        "JEW",
        "HIN",
        "BUD",
        "CTH",
        "ORT",
        "PRO",
        "SHI",
        "SUN",
        "SFI",
        "ITH",
        "CON",
        "ATH",
        "JAN",
        "SIK",
        "ZRO",
        "BAH",
        "DOX",
        "MOS",
    ]
)
# First blocks that are organisation types rather than countries; IMG is an international militarised
# group (al-Qaeda, the Islamic State) and MNC a multinational corporation.
_ORGANISATION_BLOCKS = {"IGO": "IGO", "NGO": "NGO", "NGM": "NGO", "IMG": "REB", "MNC": "BUS"}
NULL_CODES = frozenset({"---", "***", "+++"})


def blocks(code: str) -> list[str]:
    """The 3-letter blocks of a CAMEO-style code, upper-cased."""
    code = code.strip().upper()
    return [code[i : i + 3] for i in range(0, len(code), 3)]


def block_to_sector(block: str, cameo_names: bool = True) -> str | None:
    """The PLOVER sector of one block, or None when the block is an attribute (religion aside).

    `cameo_names` says the block is spelled as in CAMEO (MED = media); PLOVER-spelled dictionaries
    (MED = health) pass False.
    """
    block = block.upper()
    if block in _RELIGIOUS_BLOCKS or block == "REL":
        return "REL"
    if cameo_names and block in _CAMEO_RENAMED:
        return _CAMEO_RENAMED[block]
    if block in KINDS:
        return block
    return None


def sector_of_agent_code(code: str, cameo_names: bool = True) -> str | None:
    """The sector of an agent code such as `~GOVMED`, `NGO~` or `~MUSRAD`: its first sector block."""
    for block in blocks(code.replace("~", "")):
        sector = block_to_sector(block, cameo_names)
        if sector:
            return sector
    return None


def parse_actor_code(code: str) -> tuple[str | None, str | None]:
    """(country, kind) of an actor code: `SYRREBMUS` -> ("SYR", "REB"), `IGOUNO` -> (None, "IGO"),
    `ISR` -> ("ISR", None), `ELI` -> (None, "ELI"). Null codes (`---`) give (None, None). No ISO
    country code is spelled like a sector code, so a leading sector block means "no country"."""
    code = code.strip().upper()
    if not code or code in NULL_CODES:
        return None, None
    first, *rest = blocks(code)
    if first in _ORGANISATION_BLOCKS:
        return None, _ORGANISATION_BLOCKS[first]
    if block_to_sector(first):  # a sector with no country: `ELI` for a former official abroad
        return None, block_to_sector(first)
    kind = next((sector for sector in map(block_to_sector, rest) if sector), None)
    return first, kind
