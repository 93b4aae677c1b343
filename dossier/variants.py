"""Spelling variants of a name: one *key* per person or organization, whatever the spelling.

Two spellings are the same name when their keys are equal. The key folds what news spelling varies
on and nothing else: accents (Orbán/Orban), transliteration (Tokayev/Tokaev, Zelensky/Zelenskyy/
Zelenskiy, Pashinyan/Pashinian, Kassym/Kasym, Zhomart/Jomart), familiar forms of given names
(Stephen/Steve, Muhammad/Mohammad), a Russian patronymic ("Vladimir Vladimirovich Putin"), a
generational suffix ("Jr."), a possessive ("Ruto's") and stray spaces or hyphens. Keys are looked up
in a dict, so matching a variant costs one lookup per capitalised phrase (linear in the text).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: familiar or transliterated forms of one given name; the first is the form keys use
GIVEN_NAMES: tuple[tuple[str, ...], ...] = (
    ("stephen", "steve", "steven", "stephan"),
    ("muhammad", "mohammad", "mohammed", "mohamed", "muhammed", "mohamad", "mohamad", "mehmet"),
    ("ahmed", "ahmad"),
    ("joseph", "joe"),
    ("william", "bill", "billy", "will"),
    ("robert", "bob", "bobby", "rob"),
    ("richard", "rick", "dick"),
    ("michael", "mike"),
    ("james", "jim", "jimmy"),
    ("thomas", "tom"),
    ("alexander", "alex", "aleksandr", "alexandr", "oleksandr"),
    ("anthony", "tony"),
    ("daniel", "dan", "danny"),
    ("edward", "ed", "ted"),
    ("charles", "chuck", "charlie"),
    ("benjamin", "ben", "benny"),
    ("nicholas", "nick"),
    ("christopher", "chris"),
    ("jonathan", "jon"),
    ("elizabeth", "liz", "beth"),
    ("katherine", "catherine", "kate", "kathy"),
    ("yusuf", "yousef", "youssef", "yousuf"),
)
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
PARTICLES = frozenset({"da", "de", "do", "dos", "das", "di", "del", "della", "van", "von", "der", "den", "la",
                       "le", "al", "el", "bin", "ibn", "ben", "y", "e", "du", "ter", "zu"})
_PATRONYMIC = re.compile(r"(?:ovich|evich|ievich|yevich|ovna|evna|ichna|ogly|oglu|kyzy)$")
_POSSESSIVE = re.compile(r"\s*['’]s?$")
_NON_LETTER = re.compile(r"[^a-z]+")


@lru_cache(maxsize=1 << 16)
def fold(word: str) -> str:
    """A word's spelling with accents, case and common transliteration differences folded away."""
    ascii_word = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode("ascii").lower()
    w = _NON_LETTER.sub("", ascii_word)
    w = w.replace("zh", "j").replace("ck", "k").replace("ph", "f").replace("y", "i")
    w = re.sub(r"(.)\1+", r"\1", w)  # Kassym/Kasym, Zelenskyy/Zelensky
    return w.replace("ie", "e")  # Tokayev/Tokaev, Aliyev/Aliev


_GIVEN = {fold(form): fold(forms[0]) for forms in GIVEN_NAMES for form in forms}


def name_tokens(name: str) -> list[str]:
    """The words of a name, possessive and stray spacing removed ("Russia 's" -> ["Russia"])."""
    return _POSSESSIVE.sub("", " ".join(name.split())).split()


@lru_cache(maxsize=1 << 16)  # the same names recur across a corpus
def key(name: str) -> str:
    """The variant key of a name: equal keys, same name. "" when nothing is left to compare."""
    parts = []
    words = name_tokens(name)
    for index, word in enumerate(words):
        plain = word.lower().rstrip(".")
        if plain in SUFFIXES and index:
            continue
        if index and index < len(words) - 1 and _PATRONYMIC.search(fold(plain)):
            continue  # "Vladimir Vladimirovich Putin": a middle patronymic
        for piece in re.split(r"[-‐]", word) if index == 0 else [word]:
            folded = fold(piece)
            parts.append(_GIVEN.get(folded, folded) if index == 0 else folded)
    return "".join(parts)


def short_forms(name: str) -> list[str]:
    """The forms a news story uses once it has given the full name: the surname and the names after the
    given name ("Ferdinand Marcos Jr." -> "Marcos Jr.", "Marcos"; "Luiz Inácio Lula da Silva" -> ...,
    "Lula", "da Silva", "Silva"), and the first word of a two-word name, which is the family name in
    Chinese, Korean or Vietnamese order ("Liu Dezhong" -> "Liu"), or of a three-word Chinese name ("Lim Wei
    Jie" -> "Lim", see :func:`chinese_order`), and the two given names of a longer name ("Nor Azlina Hashim"
    -> "Nor Azlina", "Mohd Faizal bin Abdul Rahman" -> "Mohd Faizal"). These count only in an article that
    has the full name, so a given name alone points at nobody else."""
    words = name_tokens(name)
    core = list(words)
    while len(core) > 1 and core[-1].lower().rstrip(".") in SUFFIXES:
        core.pop()
    forms: list[str] = []
    for i in range(1, len(words)):
        tail = words[i:]
        first = tail[0].lower()
        if first.rstrip(".") in SUFFIXES or (first in PARTICLES and (len(tail) == 1
                                                                     or words[i - 1].lower() in PARTICLES)):
            continue
        forms.append(" ".join(tail))
    for i in range(1, len(core)):
        word = core[i]
        if word.lower() not in PARTICLES and len(word) > 2:
            forms.append(word)
        if i < len(core) - 1 and word.lower() not in PARTICLES:
            forms.append(" ".join(core[i:]))
    if len(words) == 2 and len(core[0]) > 1 and not core[0].endswith("."):
        forms.append(core[0])
    if len(core) >= 3 and chinese_order(core):
        forms.append(core[0])  # "Lim Wei Jie" -> "Lim", "Lee Hsien Loong" -> "Lee"
    if len(core) >= 3 and not any(w.lower() in PARTICLES or w.endswith(".") for w in core[:2]):
        forms.append(" ".join(core[:2]))  # the given names: "Nor Azlina Hashim" -> "Nor Azlina"
    return [f for f in dict.fromkeys(forms) if f != name]


#: one syllable of a romanised Chinese, Korean or Vietnamese name: "Lim", "Wei", "Jie", "Hsien", "Loong"
_SYLLABLE = re.compile(r"[bcdfghjklmnpqrstvwxyz]{0,3}[aeiouy]{1,3}(?:ng|n|m|h|k|p|t)?", re.IGNORECASE)


def chinese_order(words: list[str]) -> bool:
    """Whether a three-word name is a family name and a two-syllable given name written as two words, as
    Chinese names are in Malaysia and Singapore ("Lim Wei Jie", "Tan Mei Ling"): the family name comes
    first and is the one used alone. Every word is one short syllable; "John Paul Jones" is not."""
    return len(words) == 3 and all(len(w) <= 5 and w[:1].isupper() and _SYLLABLE.fullmatch(w) for w in words)
