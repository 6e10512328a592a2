"""Readers for the CAMEO verb-pattern dictionary format (TABARI/PETRARCH, e.g. `CAMEO.2.0.txt`) and the
CAMEO to PLOVER conversion table (`CAMEO2PLOVER-2021.txt`).

Verb dictionary format, as read here:

    &SYNSET                         a synonym set: following `+WORD` lines are its members (a member
    +MEMBER_WORDS                   may itself be `&OTHER`)
    --- BLOCK [code] ---            a verb block; its code applies to its verbs when no pattern matches
    VERB                            a verb of the block (lemma); `{FORMS}` lists irregular forms and
    VERB {FORMS} [code]             `[code]` gives the verb its own default code
    +PHRASAL_VERB {FORMS} [code]    multi-word verbs: the word after `+` is the verb, the other words
    WORD_+VERB                      must stand next to it in that order ("wire tap", "break down")
    - PATTERN [code] # comment      a pattern: words before `*` stand before the verb, words after it
                                    after it; `_` joins words that must be adjacent; `&NAME` is any
                                    synset member; `{A B}` a phrase; `(PREP X)` a prepositional phrase;
                                    `+` marks the target, `$` the source, `%` a compound, `^` skips a
                                    noun phrase.

Codes: `[040]`; `[042:043]` (the second code goes from target to source, as for a visit and its
hosting); `[:173]` (only the reverse); `[---]` (no event). Comments run from `#`; `<!-- -->` lines are
skipped. Nothing of the dictionaries is shipped with Sitrep: users point to their own files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from sitrep.events.lexicon import PloverType, Sense

CODE = re.compile(r"\[([^\]]*)\]")
COMMENT = re.compile(r"#.*$")
BLOCK = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")
FORMS = re.compile(r"\{([^}]*)\}")


@dataclass(frozen=True)
class Code:
    """A CAMEO code pair: `forward` from source to target, `reverse` from target to source."""

    forward: str | None
    reverse: str | None = None

    @classmethod
    def parse(cls, text: str) -> Code:
        forward, _, reverse = text.strip().partition(":")

        def clean(value: str) -> str | None:
            value = value.strip()
            return value if value and re.fullmatch(r"\d{2,4}[A-Za-z]?", value) else None

        return cls(clean(forward), clean(reverse))

    @property
    def is_event(self) -> bool:
        return self.forward is not None or self.reverse is not None


@dataclass(frozen=True)
class Element:
    """One element of a pattern: a word, a synset, a phrase, a prepositional phrase or a marker."""

    kind: str  # word, synset, phrase, prep, target, source, compound, skip
    value: str = ""
    parts: tuple[Element, ...] = ()  # the words of a phrase or prepositional phrase
    joined: bool = False  # must follow the previous element directly ("_")


@dataclass(frozen=True)
class Pattern:
    before: tuple[Element, ...]
    after: tuple[Element, ...]
    code: Code
    text: str
    before_joined: bool = False  # the last element before `*` stands right before the verb

    @property
    def length(self) -> int:
        """How much a pattern asks for; longer patterns are tried first."""

        def size(elements: tuple[Element, ...]) -> int:
            return sum(len(e.parts) if e.parts else 1 for e in elements)

        return size(self.before) + size(self.after)


@dataclass(frozen=True)
class Verb:
    """A verb of a block: its lemma, irregular forms, the words it needs around it, its own code."""

    lemma: str
    forms: tuple[str, ...]
    before: tuple[str, ...] = ()  # "wire" in WIRE_+TAP
    after: tuple[str, ...] = ()  # "down" in +BREAK_DOWN
    code: Code | None = None


@dataclass
class Block:
    name: str
    code: Code
    verbs: list[Verb] = field(default_factory=list)
    patterns: list[Pattern] = field(default_factory=list)


@dataclass
class VerbDictionary:
    blocks: list[Block]
    synsets: dict[str, tuple[str, ...]]

    def __post_init__(self) -> None:
        self.by_word: dict[str, list[tuple[Block, Verb]]] = {}
        for block in self.blocks:
            block.patterns.sort(key=lambda p: -p.length)
            for verb in block.verbs:
                for word in {verb.lemma, *verb.forms}:
                    self.by_word.setdefault(word, []).append((block, verb))

    def entries(self, *words: str) -> list[tuple[Block, Verb]]:
        """Blocks and verbs for the first of the given words (lemma, form) the dictionary knows."""
        for word in words:
            found = self.by_word.get(word.lower())
            if found:
                return found
        return []

    def members(self, synset: str) -> tuple[str, ...]:
        """A synset's members as lower-case phrases, nested synsets expanded."""
        return expand_synset(synset, self.synsets, depth=0)


def expand_synset(name: str, synsets: dict[str, tuple[str, ...]], depth: int) -> tuple[str, ...]:
    if depth > 5:
        return ()
    found: list[str] = []
    for member in synsets.get(name, ()):
        if member.startswith("&"):
            found.extend(expand_synset(member[1:], synsets, depth + 1))
        else:
            found.append(member)
    return tuple(found)


def words_of(text: str) -> str:
    """Dictionary spelling to plain lower-case words: `WIRE_TAP_` -> "wire tap"."""
    return " ".join(w.strip("+") for w in re.split(r"[_\s]+", text.lower()) if w.strip("+"))


def read_verb_dictionary(path: str | Path) -> VerbDictionary:
    return parse_verb_dictionary(Path(path).read_text(encoding="utf-8", errors="replace"))


def parse_verb_dictionary(text: str) -> VerbDictionary:
    blocks: list[Block] = []
    synsets: dict[str, list[str]] = {}
    current_synset: str | None = None
    for raw in text.splitlines():
        if raw.lstrip().startswith("<!--") or raw.lstrip().startswith("#"):
            continue
        line = COMMENT.sub("", raw).strip()
        if not line:
            continue
        header = BLOCK.match(line)
        if header:
            blocks.append(Block(header.group(1).rstrip("_").lower(), Code.parse(header.group(2))))
            current_synset = None
        elif line.startswith("&"):
            current_synset = line.split()[0][1:].rstrip("_")
            synsets[current_synset] = []
        elif line.startswith("+") and current_synset is not None:
            synsets[current_synset].append(parse_member(line[1:]))
        elif line.startswith("-") and blocks:
            pattern = parse_pattern(line[1:])
            if pattern is not None:
                blocks[-1].patterns.append(pattern)
        elif blocks:
            current_synset = None
            blocks[-1].verbs.append(parse_verb(line))
    return VerbDictionary(blocks, {name: tuple(members) for name, members in synsets.items()})


def parse_member(text: str) -> str:
    text = text.strip()
    return text.rstrip("_") if text.startswith("&") else words_of(text)


def parse_verb(line: str) -> Verb:
    code_match = CODE.search(line)
    code = Code.parse(code_match.group(1)) if code_match else None
    forms_match = FORMS.search(line)
    head = line[
        : min(m.start() for m in (forms_match, code_match) if m) if (forms_match or code_match) else None
    ]
    words = [w for w in re.split(r"_", head.strip().split()[0]) if w] if head.strip() else []
    verb_index = next((i for i, w in enumerate(words) if w.startswith("+")), 0)
    words = [w.lstrip("+") for w in words]
    forms: tuple[str, ...] = ()
    if forms_match:
        spelled = [words_of(f).split() for f in forms_match.group(1).split()]
        forms = tuple(s[verb_index] if len(s) > verb_index else "" for s in spelled)
    return Verb(
        lemma=words[verb_index].lower() if words else "",
        forms=tuple(f for f in forms if f),
        before=tuple(w.lower() for w in words[:verb_index]),
        after=tuple(w.lower() for w in words[verb_index + 1 :]),
        code=code,
    )


def parse_pattern(text: str) -> Pattern | None:
    code_match = CODE.search(text)
    if code_match is None or "*" not in text:
        return None
    body = text[: code_match.start()]
    before_text, _, after_text = body.partition("*")
    before = parse_elements(before_text, joined_to_verb=False)
    after = parse_elements(after_text, joined_to_verb=after_text.startswith("_"))
    before_joined = before_text.rstrip().endswith("_")
    return Pattern(tuple(before), tuple(after), Code.parse(code_match.group(1)), body.strip(), before_joined)


def parse_elements(text: str, joined_to_verb: bool) -> list[Element]:
    """Elements of one side of a pattern, in order; `_` marks adjacency to the previous element."""
    elements: list[Element] = []
    for chunk, joined in tokens_of(text, joined_to_verb):
        if chunk.startswith("("):
            parts = tuple(e for e, _ in ((element_of(w), j) for w, j in tokens_of(chunk.strip("()"), False)))
            elements.append(Element("prep", parts=parts, joined=joined))
        elif chunk.startswith("{"):
            parts = tuple(element_of(w) for w, _ in tokens_of(chunk.strip("{}"), False))
            elements.append(Element("phrase", parts=parts, joined=joined))
        else:
            element = element_of(chunk)
            elements.append(Element(element.kind, element.value, joined=joined))
    return elements


def tokens_of(text: str, first_joined: bool) -> list[tuple[str, bool]]:
    """Chunks of a pattern side: words, `(...)` and `{...}` groups, each with whether it is joined by
    `_` to the chunk before it."""
    found: list[tuple[str, bool]] = []
    joined = first_joined
    position = 0
    while position < len(text):
        char = text[position]
        if char in " \t":
            joined = False
            position += 1
        elif char == "_":
            joined = True
            position += 1
        elif char in "({":
            close = text.find(")" if char == "(" else "}", position)
            close = len(text) - 1 if close < 0 else close
            found.append((text[position : close + 1], joined))
            joined = False
            position = close + 1
        else:
            end = position
            while end < len(text) and text[end] not in " \t_({":
                end += 1
            found.append((text[position:end], joined))
            joined = False
            position = end
    return found


def element_of(word: str) -> Element:
    markers = {"+": "target", "$": "source", "%": "compound", "^": "skip"}
    if word in markers:
        return Element(markers[word])
    if word.startswith("&"):
        return Element("synset", word[1:].rstrip("_"))
    if word.startswith("+") and len(word) > 1:
        return Element("word", word[1:].lower())
    return Element("word", word.lower())


def verb_senses(
    dictionary: VerbDictionary, table: dict[str, PloverCode], types: dict[str, PloverType]
) -> dict[str, tuple[Sense, ...]]:
    """Senses for the dictionary's verbs whose code the CAMEO-to-PLOVER table reads as a PLOVER type:
    the verb's own code or its block's, phrasal verbs ("call off") with their particles. Patterns are
    not carried over; they need the pattern coder."""
    senses: dict[str, list[Sense]] = {}
    for block in dictionary.blocks:
        for verb in block.verbs:
            code = (verb.code or block.code).forward
            reading = plover_for(code, table) if code and verb.lemma and not verb.before else None
            if reading is None or reading.type not in types:
                continue
            mode = reading.mode if reading.mode in types[reading.type].modes else None
            pattern = " ".join((verb.lemma, *verb.after))
            sense = Sense(pattern, verb.lemma, verb.after, reading.type, mode, code)
            senses.setdefault(verb.lemma, []).append(sense)
    return {lemma: tuple(sorted(found, key=lambda s: -s.specificity)) for lemma, found in senses.items()}


@dataclass(frozen=True)
class PloverCode:
    type: str
    mode: str | None
    context: str | None


def read_cameo_to_plover(path: str | Path) -> dict[str, PloverCode]:
    return parse_cameo_to_plover(Path(path).read_text(encoding="utf-8", errors="replace"))


def parse_cameo_to_plover(text: str) -> dict[str, PloverCode]:
    """`CODE: TYPE, mode, context # description` lines; a two-digit line names the root's type."""
    table: dict[str, PloverCode] = {}
    for raw in text.splitlines():
        line = COMMENT.sub("", raw).strip()
        match = re.match(r"^(\d{2,4}):\s*(.*)$", line)
        if not match:
            continue
        fields = [f.strip() for f in match.group(2).split(",")]
        if not fields or not fields[0]:
            continue
        mode = fields[1] if len(fields) > 1 and fields[1] else None
        context = fields[2].replace(";", " ").split()[0] if len(fields) > 2 and fields[2].strip() else None
        table.setdefault(match.group(1), PloverCode(fields[0].upper(), mode, context))
    return table


# The 2021 table has no rows for CAMEO 01 (public statements: no PLOVER event) nor 02 (appeals), which
# the PLOVER manual files under REQUEST ("all requests, demands, and orders").
APPEALS = PloverCode("REQUEST", None, None)


def plover_for(code: str, table: dict[str, PloverCode]) -> PloverCode | None:
    """The PLOVER reading of a CAMEO code: its own entry, else its closest parent's."""
    digits = re.sub(r"\D", "", code)
    for length in range(len(digits), 1, -1):
        found = table.get(digits[:length])
        if found is not None:
            return found
    return APPEALS if digits.startswith("02") else None
