"""Capitalised phrases: the candidate names every later stage looks at.

One left-to-right scan of a block splits it into runs of capitalised words, keeping name particles
inside a run ("Lula da Silva", "von der Leyen") and dropping a word that merely starts a sentence and
is used in lower case elsewhere in the corpus ("The", "Speaking", "Analysts"), days and months.
Discovery, variant matching and the editor's report all scan the same blocks, so the scan is cached.
:class:`SpanIndex` answers "which known names overlap this span" by bisection.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import NamedTuple

from .cues import ABBREVIATIONS, DAYS_MONTHS, DEPARTMENTS, FUNCTION_WORDS, MONTHS, NAME_TITLES, TITLES
from .model import Article
from .variants import PARTICLES

_SENTENCE_BREAK = re.compile(r"(?:^|[.!?:;]\s*[“\"‘']?|^\s*[“\"‘'(]|[“\"]\s*)\s*$")
_TOKEN = re.compile(r"[^\W\d_][\w'’‐-]*")
#: a word that ends a phrase: lower case, not "al-" or "el-" before a name ("al-Sisi"), and, as the first of
#: a run, not a particle either (after a capitalised word it may join the phrase: "Lula da Silva"; once the
#: phrase has ended, one adds nothing)
_PLAIN = r"(?![ae]l-[^\W\d_])[a-z][\w'’‐-]*"
_PARTICLE = r"(?:" + "|".join(sorted(PARTICLES, key=len, reverse=True)) + r")(?![\w'’‐-])"
#: the words of :data:`_TOKEN`, except that a run of plain words (with whatever is between them) is one match,
#: ``plain``: the scan loops once a run, not once a word. Three words in four are plain, and the loop, in
#: Python, was the scan's time (issue 5)
_TOKENS_OR_PLAIN = re.compile(rf"(?P<plain>(?!{_PARTICLE}){_PLAIN}(?:[\W\d_]+{_PLAIN})*)|[^\W\d_][\w'’‐-]*")


class Token(NamedTuple):
    """A word of a phrase (a named tuple: a block has many, and they are made in the inner loop)."""

    start: int
    end: int
    text: str
    possessive: bool = False  # "Ruto's" (text is "Ruto")


_new = tuple.__new__


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


@contextmanager
def scans_kept() -> Iterator[None]:
    """Every scan kept while inside (not just the last few thousand blocks'): a full build's discovery and
    matching scan each block with the same vocabulary, so the second scan is a lookup (a forked worker
    keeps its own articles' scans, see :class:`dossier.parallel.Crew`)."""
    global _scan
    bounded = _scan
    _scan = lru_cache(maxsize=None)(_scan_text)
    try:
        yield
    finally:
        _scan = bounded


def _scan_text(text: str, vocab: frozenset[str]) -> tuple[Phrase, ...]:
    phrases: list[Phrase] = []
    current: list[Token] = []
    pending: list[Token] = []  # particles waiting for the capitalised word that keeps them
    size = len(text)
    for match in _TOKENS_OR_PLAIN.finditer(text):
        if match.lastgroup:  # plain words: the phrase, if any, ends before them
            if current:
                phrases.append(Phrase(current[0].start, current[-1].end, tuple(current)))
                current, pending = [], []
            continue
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
        start = match.start()
        end = start + len(word)
        possessive = False
        if len(word) > 2 and word.endswith(("'s", "’s")):
            word, end, possessive = word[:-2], end - 2, True
        if end < size and text[end] == "." and (word in ABBREVIATIONS or (len(word) == 1 and word.isupper())
                                                or _given_abbreviation(text, word, end, current)):
            word, end = word + ".", end + 1
        lower = word.lower()
        if lower.rstrip(".") in DAYS_MONTHS and not _month_as_surname(text, current, lower, start, end) or (
                (lower in vocab or lower in FUNCTION_WORDS) and _sentence_initial(text, start)
                and not _after_title(text, current, start) and not (
                    lower not in FUNCTION_WORDS and (_after_initialism(text, current, start)
                                                     or NAME_GOES_ON.match(text, end)))):
            if current:
                phrases.append(Phrase(current[0].start, current[-1].end, tuple(current)))
                current, pending = [], []
            continue
        token = _new(Token, (start, end, word, possessive))  # NamedTuple's own __new__ is a Python call
        previous = pending[-1] if pending else (current[-1] if current else None)
        if previous is not None and not previous.possessive and not (gap := text[previous.end: start]).strip() \
                and "\n" not in gap:
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


_scan = lru_cache(maxsize=4096)(_scan_text)

#: a capitalised preposition that goes on with a name: "Doctors Without Borders", "Campaign Against Arms Trade"
#: (a sentence's first word before it is the name's, though used in lower case elsewhere)
NAME_GOES_ON = re.compile(r" (?:Without|Against|Beyond) [A-Z]")

#: abbreviated titles: their full stop ends no sentence ("Dr. Nor Hisham", "Gen. Rose Mwangi")
_TITLE_ABBREVIATIONS = frozenset(a + "." for a in ABBREVIATIONS - {"Jr", "Sr", "Inc", "Ltd", "Corp", "St"})


def _after_title(text: str, current: list[Token], start: int) -> bool:
    """Whether a word comes right after an abbreviated title or given name in the same phrase ("Dr. Nor
    Hisham", "Ma. Cristina Reyes")."""
    return bool(current) and (current[-1].text in _TITLE_ABBREVIATIONS or current[-1].text[:-1] in GIVEN_ABBREVIATIONS
                              and current[-1].text.endswith(".")) and not text[current[-1].end: start].strip()


#: what follows a month in a date or a title-case headline, not a surname: a day or year ("May 13"), a
#: capitalised word ("Kazakhstan May Join Accords")
_NOT_A_SURNAME_AFTER = re.compile(r"[\s,]*[\d\w]")
_LOWER_AFTER = re.compile(r"[\s,]*[^\W\d_A-Z]")


def _month_as_surname(text: str, current: list[Token], lower: str, start: int, end: int) -> bool:
    """Whether a month's name is the surname of the name before it: "Theresa May said", "Maria March, a
    spokeswoman" (right after a capitalised word, and before a lower-case word or punctuation, not a day, a year
    or another capitalised word: "Brussels, May 13", "Kazakhstan May Join Accords")."""
    if lower not in MONTHS or not current or current[-1].possessive or text[current[-1].end: start] != " ":
        return False
    after = _NOT_A_SURNAME_AFTER.match(text, end)
    return after is None or bool(_LOWER_AFTER.match(text, end))


_INITIALISM = re.compile(r"(?<![\w.])(?:[A-Z]\.){2,}$")


def _after_initialism(text: str, current: list[Token], start: int) -> bool:
    """Whether a word comes right after "U.S." or "U.N." in the same phrase: that full stop ends no sentence
    ("the U.S. State Department"), as :func:`dossier.text.sentence_spans` has it too."""
    return (len(current) >= 2 and len(current[-1].text) == 2 and text[current[-1].end: start] == " "
            and bool(_INITIALISM.search(text, max(0, current[-1].end - 8), current[-1].end)))


#: abbreviated given names, written with a full stop before the rest of the name: "Ma. Cristina" (Maria),
#: "Md. Rafiqul" (Mohammad), "Wm." (William)
GIVEN_ABBREVIATIONS = frozenset(("Ma", "Md", "Mohd", "Muhd", "Wm", "Jas", "Chas", "Thos", "Geo"))
_NAME_AFTER = re.compile(r"\.\s[A-Z][a-z]+\s[A-Z]")


def _given_abbreviation(text: str, word: str, end: int, current: list[Token]) -> bool:
    """Whether "Ma." is an abbreviated given name: it starts a phrase (after "Jack", "Ma." ends a sentence) and
    two capitalised words follow ("Ma. Cristina Santos-Villanueva")."""
    return word in GIVEN_ABBREVIATIONS and (not current or bool(text[current[-1].end: end - len(word)].strip())) \
        and bool(_NAME_AFTER.match(text, end))


def _sentence_initial(text: str, start: int) -> bool:
    return bool(_SENTENCE_BREAK.search(text[max(0, start - 4): start])) if start else True


def words_of(article: Article) -> set[str]:
    """Every word an article uses, as written (an incremental build keeps each article's words, since the
    corpus vocabulary decides whether a capitalised word that starts a sentence can be a name)."""
    return {w for block in article.blocks for w in _TOKEN.findall(block.text)}


def packed_words(article: Article) -> str:
    """:func:`words_of`, one word a line: how a worker sends an article's words back (one string pickles far
    faster than a set of hundreds)."""
    return packed(words_of(article))


def packed(words: Iterable[str]) -> str:
    """Words one a line (:func:`unpacked_words` reads them back)."""
    return "\n".join(words)


def unpacked_words(packed: str) -> list[str]:
    return packed.split("\n") if packed else []


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

    def covering(self, start: int, end: int) -> bool:
        """Whether one span holds all of start..end."""
        i = bisect_right(self.starts, start) - 1
        return i >= 0 and self.spans[i][1] >= end


def title_index(tokens: tuple[Token, ...] | list[Token]) -> int:
    """The index of the last title word of a phrase ("Hungarian Prime Minister Viktor Orbán": 2), -1 if none.
    A title that is also a name's first word ("Sheikh") counts as part of the name when another title stands
    right before it and one name word after it: "former Prime Minister Sheikh Hasina" (1)."""
    at = len(tokens) - 1
    while at >= 0 and tokens[at].text.lower() not in TITLES:  # from the end: the last title
        at -= 1
    if at >= 1 and tokens[at].text.lower() in NAME_TITLES and len(tokens) - at == 2 and \
            tokens[at - 1].text.lower() in TITLES:
        return at - 1
    return at


def name_part(tokens: tuple[Token, ...] | list[Token]) -> list[Token]:
    """A phrase without its leading title words: "Hungarian Prime Minister Viktor Orbán" -> "Viktor Orbán"."""
    words = list(tokens)
    title_at = title_index(words)
    if title_at >= 0:
        words = words[title_at + 1:]
        while words and words[0].text.lower() in DEPARTMENTS:
            words = words[1:]
    while words and words[0].text in ("The", "A", "An"):
        words = words[1:]
    return words

