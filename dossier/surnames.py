"""A person the article names in full with no cue, then quotes by surname alone.

"Marvin Ajanel stepped off a deportation flight ..." gives no cue, but "“...,” said Ajanel, 34, who ..."
and "Ajanel said he would ..." do: the lone surname is the subject of a reporting verb, either before it
("Ajanel said", "Cruz told") or inverted after a quote or a comma ("“...,” said Ajanel, 34,", ", says
Ruiz."). Such a *lead* links the surname to the one full name of the same article that ends with it (in
Korean order, where the given name is hyphenated, that starts with it: "Han" for "Han Seung-woo"), if
that name is itself found with no cue and not after a place word ("in Puerto Barrios"). That full name is
discovered as a person. A surname that two such names share, or that belongs to a person the article
names with a cue, links nothing.

Leads and uncued names are collected during discovery's one scan of each block and matched in a dict at
the article's end, so this stays linear in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .classify import is_person_name, name_initial, name_start
from .cues import (
    DAYS_MONTHS,
    FUNCTION_WORDS,
    INVERTED_AFTER,
    NEAR,
    ORG_HEADS,
    SAID_AFTER,
    SAID_BEFORE,
    TITLES,
    WINDOW,
)
from .phrases import Phrase, SpanIndex, name_part
from .variants import PARTICLES, SUFFIXES, chinese_order, key

#: a place word before a name: "in Puerto Barrios", "near San Marcos" name a place, not a person
_PLACE_BEFORE = re.compile(r"\b(?:in|at|near|from|to|into|across|outside|inside|toward|towards|via|through)\s+$",
                           re.IGNORECASE)
#: a Korean given name ("Seung-woo", "Mi-sook"): the family name comes first and is used alone
_KOREAN_GIVEN = re.compile(r"[A-Z][a-z]+-[a-z]+")


def surname_cue(text: str, phrase: Phrase) -> bool:
    """Whether a one-word phrase is a surname that a reporting verb is about: "Ajanel said", "“...,” said
    Ajanel, 34,". Not "said Monday" (no phrase), "said Lima, Peru" (a capitalised word after the comma),
    "said the Foreign Ministry" (two words), an acronym or a title."""
    if len(phrase.tokens) != 1 or phrase.tokens[0].possessive:
        return False
    word = phrase.tokens[0].text
    lower = word.lower()
    if (len(word) < 2 or word.endswith(".") or (word.isupper() and len(word) > 1) or lower in TITLES
            or lower in ORG_HEADS or lower in DAYS_MONTHS or lower in FUNCTION_WORDS or lower in PARTICLES):
        return False
    after = text[phrase.end: phrase.end + WINDOW]
    if SAID_AFTER.match(after):
        return True
    before = text[max(0, phrase.start - NEAR): phrase.start]
    return bool(SAID_BEFORE.search(before) and INVERTED_AFTER.match(after))


def surname_keys(words: list[str]) -> list[str]:
    """The keys a lone surname of this full name would have: its last word (a generational suffix aside),
    and its first word when the given name is Korean ("Han Seung-woo")."""
    core = [w for w in words if w.lower().rstrip(".") not in SUFFIXES]
    if len(core) < 2:
        return []
    keys = [key(core[-1])]
    if (len(core) == 2 and _KOREAN_GIVEN.fullmatch(core[1])) or chinese_order(core):
        keys.append(key(core[0]))  # "Han Seung-woo", "Lim Wei Jie": the family name first
    return [k for k in keys if k]


@dataclass
class Leads:
    """What one article offers for surname linking: its surname leads and its uncued full names."""

    surnames: dict[str, str] = field(default_factory=dict)  # key of the surname -> the surname as written
    #: key of a surname -> key of each full name it ends -> (the full name, its line)
    names: dict[str, dict[str, tuple[str, int]]] = field(default_factory=dict)

    def note(self, text: str, phrase: Phrase, known: SpanIndex, line: int) -> None:
        """Record a phrase that no cue classified: a lead if it is a reported surname, a candidate if it
        is a full name. A phrase that overlaps a registered name is neither."""
        if known.overlapping(phrase.start, phrase.end):
            return
        if surname_cue(text, phrase):
            k = key(phrase.tokens[0].text)
            if k:
                self.surnames.setdefault(k, phrase.tokens[0].text)
            return
        words = name_start(text, name_part(phrase.tokens))
        if not is_person_name(words, name_initial(text, words)) or _PLACE_BEFORE.search(
                text, max(0, words[0].start - NEAR), words[0].start):
            return
        name = " ".join(text[words[0].start: words[-1].end].split())
        for surname in surname_keys([w.text for w in words]):
            self.names.setdefault(surname, {}).setdefault(key(name), (name, line))

    def resolve(self, taken: set[str]) -> list[tuple[str, int, str]]:
        """(full name, line, surname) for each lead with exactly one full name; ``taken`` holds the keys of
        surnames that already belong to someone (a registered or cue-discovered person)."""
        out = []
        for surname_key, surname in self.surnames.items():
            names = self.names.get(surname_key, {})
            if surname_key in taken or len(names) != 1:
                continue
            name, line = next(iter(names.values()))
            out.append((name, line, surname))
        return out
