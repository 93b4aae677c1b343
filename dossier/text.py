"""Small text utilities shared by the stages: slugs, sentences, word boundaries, relative paths."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SLUG_DROP = re.compile(r"[^a-z0-9]+")
# abbreviations after which a full stop does not end a sentence
_ABBREV = ("U.S", "U.K", "U.N", "U.S.S.R", "U.A.E", "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Sen", "Rep", "St",
           "Jr", "Sr", "Lt", "Col", "Gov", "Pres", "No", "vs", "e.g", "i.e", "etc", "Inc", "Ltd", "Co", "Corp",
           "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec")
_SENTENCE_END = re.compile(r"[.!?…]+[”\"’')\]]*(?=\s+[“\"‘'(\[]?[A-Z0-9])")


def slugify(text: str, max_len: int = 60) -> str:
    """ASCII, lower-case, hyphenated; cut at a word boundary. "" when nothing Latin is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _SLUG_DROP.sub("-", ascii_text.lower().replace("'", "").replace("’", "")).strip("-")
    if len(slug) > max_len:
        slug = slug[:max_len].rsplit("-", 1)[0]
    return slug


def initial(name: str) -> str:
    """A speaker's chapter: the first letter or digit of the name (its section's heading), "#" when it has
    none. Markdown's escapes are neither, so the heading and the name have the same initial."""
    letter = next((ch for ch in name if ch.isalnum()), "#")
    return letter.upper()


def is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def bounded(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is a whole word or phrase (``\\b`` fails after "U.S." and ")")."""
    if start > 0 and is_word_char(text[start - 1]) and is_word_char(text[start]):
        return False
    return not (end < len(text) and is_word_char(text[end]) and is_word_char(text[end - 1]))


@lru_cache(maxsize=1024)
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence; a full stop after a known abbreviation does not split. The timeline,
    the excerpts and the quotes each split the same paragraphs, one article after another: the last
    thousand paragraphs' splits are kept."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        last_word = _last_word(text, start, match.start())
        if match.group().startswith(".") and last_word.rstrip(".").lstrip("(“\"") in _ABBREV:
            continue
        if match.group().startswith(".") and len(last_word) == 1 and last_word.isupper():
            continue  # an initial: "Andrew D. Smith"
        spans.append((start, match.end()))
        start = match.end()
        while start < len(text) and text[start].isspace():
            start += 1
    if start < len(text):
        spans.append((start, len(text.rstrip())))
    return tuple(s for s in spans if s[1] > s[0])


def _last_word(text: str, start: int, end: int) -> str:
    """The last whitespace-separated word of ``text[start:end]`` ("" if none), without slicing the whole
    sentence: that made splitting a long paragraph quadratic."""
    while end > start and text[end - 1].isspace():
        end -= 1
    begin = end
    while begin > start and not text[begin - 1].isspace():
        begin -= 1
    return text[begin:end]


def lower_same_length(text: str) -> str:
    """``text.lower()`` with offsets preserved (a few characters change length when lowered)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def normalize_apostrophes(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'")


def relative_path(path: str, start: str) -> str:
    """``posixpath.relpath(path, start)`` for two generated paths under one root (relative, with no "." or
    ".." segments; ``start`` is a folder, "" for the root, and slashes at either end are ignored), without
    its two ``abspath`` calls, which ask the system for the working directory each time: pages link to
    thousands of others, and those calls were a tenth of rendering time (issue 5)."""
    start_parts = [part for part in start.split("/") if part]
    path_parts = [part for part in path.split("/") if part]
    common = 0
    for a, b in zip(start_parts, path_parts, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(start_parts) - common) + path_parts[common:]) or "."
