"""Capitalised phrases: the candidate names every later stage looks at.

One left-to-right scan of a block splits it into runs of capitalised words, keeping name particles
inside a run ("Lula da Silva", "von der Leyen") and dropping a word that merely starts a sentence and
is used in lower case elsewhere in the corpus ("The", "Speaking", "Analysts"), days and months.
Discovery, variant matching and the editor's report all scan the same blocks, so the scan is cached.
:class:`SpanIndex` answers "which known names overlap this span" by bisection.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

from .cues import ABBREVIATIONS, DAYS_MONTHS, DEPARTMENTS, FUNCTION_WORDS, TITLES
from .model import Article
from .variants import PARTICLES

_SENTENCE_BREAK = re.compile(r"(?:^|[.!?:;]\s*[“\"‘']?|^\s*[“\"‘'(]|[“\"]\s*)\s*$")
_TOKEN = re.compile(r"[^\W\d_][\w'’‐-]*")


class Token(NamedTuple):
    """A word of a phrase (a named tuple: a block has many, and they are made in the inner loop)."""

    start: int
    end: int
    text: str
    possessive: bool = False  # "Ruto's" (text is "Ruto")


class Phrase(NamedTuple):
    """A run of capitalised words (with name particles inside) in one block."""

    start: int
    end: int
    tokens: tuple[Token, ...]

    def text_of(self, text: str) -> str:
        return text[self.start: self.end]


def scan_phrases(text: str, vocabulary: frozenset[str] = frozenset()) -> tuple[Phrase, ...]:
    """The capitalised phrases of a text, left to right. A word that starts a sentence and is also used
    in lower case ("The", "Speaking", "Analysts") is not part of a phrase; nor are days and months.
    Discovery, variant matching and the editor's report all scan each block: the result is cached."""
    return _scan(text, frozenset(vocabulary))


@lru_cache(maxsize=4096)
def _scan(text: str, vocab: frozenset[str]) -> tuple[Phrase, ...]:
    phrases: list[Phrase] = []
    current: list[Token] = []
    pending: list[Token] = []  # particles waiting for the capitalised word that keeps them
    size = len(text)
    for match in _TOKEN.finditer(text):
        word = match.group()
        first = word[0]
        if not first.isupper() and not (word[:3] in ("al-", "el-") and len(word) > 3 and word[3].isupper()):
            if current and word in PARTICLES:
                last = pending[-1] if pending else current[-1]
                if not text[last.end: match.start()].strip() and not last.possessive:
                    pending.append(Token(match.start(), match.end(), word))
                    continue
            if current:
                phrases.append(Phrase(current[0].start, current[-1].end, tuple(current)))
                current, pending = [], []
            continue
        word = word.rstrip("'’‐-")
        start, end = match.start(), match.start() + len(word)
        possessive = False
        if len(word) > 2 and (word.endswith("'s") or word.endswith("’s")):
            word, end, possessive = word[:-2], end - 2, True
        if end < size and text[end] == "." and (word in ABBREVIATIONS or (len(word) == 1 and word.isupper())):
            word, end = word + ".", end + 1
        lower = word.lower()
        if lower.rstrip(".") in DAYS_MONTHS or (
                (lower in vocab or lower in FUNCTION_WORDS) and _sentence_initial(text, start)
                and not _after_title(text, current, start)):
            if current:
                phrases.append(Phrase(current[0].start, current[-1].end, tuple(current)))
                current, pending = [], []
            continue
        token = Token(start, end, word, possessive)
        previous = pending[-1] if pending else (current[-1] if current else None)
        if previous is not None and not previous.possessive and not text[previous.end: start].strip() \
                and "\n" not in text[previous.end: start]:
            current.extend(pending)
            current.append(token)
        else:
            if current:
                phrases.append(Phrase(current[0].start, current[-1].end, tuple(current)))
            current = [token]
        pending = []
    if current:
        phrases.append(Phrase(current[0].start, current[-1].end, tuple(current)))
    return tuple(phrases)


#: abbreviated titles: their full stop ends no sentence ("Dr. Nor Hisham", "Gen. Rose Mwangi")
_TITLE_ABBREVIATIONS = frozenset(a + "." for a in ABBREVIATIONS - {"Jr", "Sr", "Inc", "Ltd", "Corp", "St"})


def _after_title(text: str, current: list[Token], start: int) -> bool:
    """Whether a word comes right after an abbreviated title in the same phrase ("Dr. Nor Hisham")."""
    return bool(current) and current[-1].text in _TITLE_ABBREVIATIONS and not text[current[-1].end: start].strip()


def _sentence_initial(text: str, start: int) -> bool:
    return bool(_SENTENCE_BREAK.search(text[max(0, start - 4): start])) if start else True


def words_of(article: Article) -> set[str]:
    """Every word an article uses, as written (an incremental build keeps each article's words, since the
    corpus vocabulary decides whether a capitalised word that starts a sentence can be a name)."""
    return {w for block in article.blocks for w in _TOKEN.findall(block.text)}


def vocabulary_of(articles: Iterable[Article]) -> frozenset[str]:
    """Every word the corpus uses in lower case (one pass): such a word starting a sentence is no name."""
    return frozenset(w for article in articles for w in words_of(article) if w[0].islower())


class SpanIndex:
    """Sorted, non-overlapping spans (an automaton's leftmost-longest matches) and the ones that overlap a
    given span, found by bisection: each lookup is logarithmic, so a block's lookups stay near-linear."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        found = []
        i = bisect_left(self.starts, end) - 1
        while i >= 0 and self.spans[i][1] > start:
            found.append(self.spans[i])
            i -= 1
        return found


def name_part(tokens: tuple[Token, ...] | list[Token]) -> list[Token]:
    """A phrase without its leading title words: "Hungarian Prime Minister Viktor Orbán" -> "Viktor Orbán"."""
    words = list(tokens)
    title_at = max((i for i, t in enumerate(words) if t.text.lower() in TITLES), default=-1)
    if title_at >= 0:
        words = words[title_at + 1:]
        while words and words[0].text.lower() in DEPARTMENTS:
            words = words[1:]
    while words and words[0].text in ("The", "A", "An"):
        words = words[1:]
    return words

