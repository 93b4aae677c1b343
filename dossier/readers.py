"""Seed files -> :class:`RawArticle` (metadata + body lines), one reader for every file kind.

Every problem an editor can cause is raised as a :class:`DossierError` naming the file and line;
``check`` collects them across all seeds instead of stopping at the first.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .cues import MONTHS
from .errors import DossierError, did_you_mean
from .model import ArticleDate, SourceLocation

#: the seed kinds we read, by file extension
SEED_SUFFIXES = (".txt", ".md")
#: front-matter keys an editor may set; anything else is a typo until proven otherwise
KNOWN_KEYS = ("title", "source", "author", "date", "url", "translated", "slug")
#: a seed larger than this is refused with a clear message rather than slowing every build
MAX_SEED_BYTES = 2_000_000

_DATE_FORMATS = ("%Y-%m-%d", "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y", "%Y/%m/%d",
                 "%d %B, %Y", "%d %b, %Y", "%d.%m.%Y")
#: a dateline's weekday before the date, and its time after it ("Friday, Nov. 7, 2025, 10:32 a.m. GMT",
#: "2025-11-07T10:32:00Z"): the date is read without them
_WEEKDAY = re.compile(r"^(?:(?:(?:last\s+)?updated|(?:first\s+)?published|posted)(?:\s+on)?:?\s+)?"
                      r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday|sday)?\.?,?\s+)?",
                      re.IGNORECASE)
_TIME = re.compile(r"(?:,?\s*(?:at\s+)?(?<![\d.])\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?"
                   r"|T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)"
                   r"(?:\s*(?:Z|UTC|GMT|[A-Z]{2,4}T|ET|CT|PT)?\s*(?:[+-]\d{1,2}(?::?\d{2})?)?)?\s*$", re.IGNORECASE)
#: "Nov." and "Sept." as strptime's "%b" reads them ("Nov", "Sep")
_MONTH_ABBREVIATION = re.compile(r"\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?(?=\s)")
_SLASHED = re.compile(r"^\d{1,2}[/-]\d{1,2}[/-]\d{2,4}$")
_ORDINAL = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b")
_PARTIAL_DATE = re.compile(r"^(?:[A-Z][a-z]+ \d{1,2}|\d{1,2} [A-Z][a-z]+|[A-Z][a-z]+ \d{4})$")
#: footer lines some sources print under the text: "Sources: The National Interest"
_FOOTER = re.compile(r"^(Sources?|Author|By|Date|Published|Original|Original URL|Link|Translated)\s*:\s*(.+)$",
                     re.IGNORECASE)
_FOOTER_KEYS = {"source": "source", "sources": "source", "author": "author", "by": "author",
                "date": "date", "published": "date", "original": "url", "original url": "url",
                "link": "url", "translated": "translated"}
_DISCLAIMER = re.compile(r"^(Disclaimer|Editor'?s note)\s*:", re.IGNORECASE)


@dataclass(frozen=True)
class RawArticle:
    src_uri: str
    lines: tuple[str, ...]  # body lines, without their newlines
    first_line: int  # the file line number of lines[0]
    meta: dict[str, Any]
    has_front_matter: bool


#: libyaml's parser when PyYAML was built with it (several times faster on a large registry); the
#: constructors, which refuse duplicate keys and record lines, are Python either way
_BASE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _UniqueKeyLoader(_BASE_LOADER):
    """SafeLoader that refuses duplicate keys (PyYAML silently keeps the last)."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> Any:
    seen: dict[Any, yaml.Mark] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if isinstance(key, list | dict):  # "? [a]": PyYAML would fail with a bare TypeError
            raise yaml.constructor.ConstructorError(None, None, f"a key must be a single word or value, not a "
                                                    f"{type(key).__name__}", key_node.start_mark)
        if key in seen:  # load_yaml turns the first key's mark into "first given on line N"
            raise yaml.constructor.ConstructorError(
                "while constructing a mapping", seen[key], f"duplicate key '{key}'", key_node.start_mark)
        seen[key] = key_node.start_mark
    return _BASE_LOADER.construct_mapping(loader, node, deep)


#: the start of the problem :func:`_construct_timestamp` reports, which :func:`yaml_error` words for an editor
NO_SUCH_DAY = "there is no such date as"


def _construct_timestamp(loader: _UniqueKeyLoader, node: yaml.ScalarNode) -> Any:
    """A YAML date, or an error at its line when the calendar has no such day (``2025-13-45``, ``2025-02-30``):
    PyYAML raises a bare ValueError there, which names neither the file nor the line."""
    try:
        return _BASE_LOADER.construct_yaml_timestamp(loader, node)
    except ValueError as exc:
        raise yaml.constructor.ConstructorError(None, None, f"{NO_SUCH_DAY} '{node.value}' ({exc})",
                                                node.start_mark) from None


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_UniqueKeyLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def load_yaml(text: str, path: str, line_offset: int = 0, loader: type[Any] = _UniqueKeyLoader) -> Any:
    """Parse YAML, re-raising PyYAML's errors (which name ``<unicode string>``) as ``path:line``.

    ``line_offset`` is the file line just before ``text`` starts (1 for front matter after ``---``).
    """
    try:
        return yaml.load(text, Loader=loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise yaml_error(exc, path, line_offset) from None


def yaml_error(exc: yaml.YAMLError, path: str, line_offset: int = 0) -> DossierError:
    """A PyYAML error as an editor reads it: the file, the line, the problem and, for the usual
    mistakes, how to fix it."""
    problem_mark = getattr(exc, "problem_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    problem = str(getattr(exc, "problem", None) or exc).strip()
    problem = problem.replace("not allowed in this context", "not allowed here")  # libyaml's wording, as PyYAML's
    context = str(getattr(exc, "context", None) or "").strip()
    mark = problem_mark or context_mark
    # an unclosed quote or bracket (libyaml says so without "end of stream"): point at where it was opened
    unclosed = context_mark is not None and ("end of stream" in problem or context.startswith("while parsing a flow"))
    if unclosed:
        mark = context_mark
    line = line_offset + (mark.line + 1 if mark is not None else 1)
    message = f"malformed YAML: {problem}"
    if problem.startswith(NO_SUCH_DAY):
        message = f"{problem}; write a real date as YYYY-MM-DD (e.g. 2025-11-14)"
    elif problem.startswith("duplicate key") and context_mark is not None:
        message += f" (first given on line {line_offset + context_mark.line + 1}); give each key once"
    elif context and unclosed:
        message += f" {context}: a quote or bracket is opened on this line and never closed"
    elif "mapping values are not allowed" in problem:
        message += "; a value that contains ': ' must be in quotes, like title: \"Kazakhstan: the deal\""
    elif context:
        message += f" ({context})"
    return DossierError(SourceLocation(path, line), message)


def decode(data: bytes, path: str) -> str:
    """UTF-8 text or a clear error; we never guess an encoding."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DossierError(SourceLocation(path, 1), "this file is saved as UTF-16 (Windows 'Unicode'); save it "
                           "as UTF-8")
    if b"\x00" in data[:8192]:
        raise DossierError(SourceLocation(path, 1), "this is a binary file, not text; seeds must be UTF-8 "
                           ".txt or .md files")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DossierError(SourceLocation(path, line),
                           f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                           "save the file as UTF-8") from None
    return text.removeprefix("\ufeff")


def parse_date(value: Any, location: SourceLocation) -> ArticleDate:
    """A date from front matter or a footer; a month and day without a year is kept as text."""
    if isinstance(value, dt.datetime):
        return ArticleDate(value.date().isoformat(), value.date())
    if isinstance(value, dt.date):
        return ArticleDate(value.isoformat(), value)
    text = str(value).strip()
    core = _TIME.sub("", _WEEKDAY.sub("", text, count=1), count=1).strip().rstrip(",").strip() or text
    plain = " ".join(_ORDINAL.sub(r"\1", _MONTH_ABBREVIATION.sub(lambda m: m.group(1)[:3], core)).split())
    for fmt in _DATE_FORMATS:
        try:
            day = dt.datetime.strptime(plain, fmt).date()
        except ValueError:
            continue
        return ArticleDate(core, day)
    text = core
    if _PARTIAL_DATE.match(text) and any(w.lower() in MONTHS for w in text.split()):
        return ArticleDate(text, None)
    if _SLASHED.match(text):
        raise DossierError(location, f"the date '{text}' could be read day first or month first; write it as "
                           "YYYY-MM-DD (e.g. 2025-11-14) or like 'November 14, 2025'")
    raise DossierError(location, f"cannot read the date '{text}'; write it as YYYY-MM-DD (e.g. 2025-11-14) "
                       "or like 'November 14, 2025'")


def read_seed(abs_path: Path, src_uri: str, display_path: str | None = None) -> RawArticle:
    """Read one seed file; ``display_path`` is how errors name it (defaults to ``src_uri``)."""
    where = display_path or src_uri
    size = abs_path.stat().st_size
    if size > MAX_SEED_BYTES:
        raise DossierError(SourceLocation(where, 1), f"the file is {size / 1e6:.1f} MB; seeds are limited to "
                           f"{MAX_SEED_BYTES / 1e6:.0f} MB each: split it into several articles")
    return parse_seed(decode(abs_path.read_bytes(), where), src_uri, where)


def parse_seed(text: str, src_uri: str, where: str | None = None) -> RawArticle:
    where = where or src_uri
    if not text.strip():
        raise DossierError(SourceLocation(where, 1), "the file is empty; paste the article text into it")
    meta: dict[str, Any] = {}
    first_line = 1
    has_fm = False
    if text.startswith("---") and text.split("\n", 1)[0].strip() == "---":
        all_lines = text.split("\n")
        close = next((i for i in range(1, len(all_lines)) if all_lines[i].strip() in ("---", "...")), None)
        if close is None:
            raise DossierError(SourceLocation(where, 1), "front matter opened with '---' on line 1 is never "
                               "closed; add a line '---' after the last key")
        has_fm = True
        fm_text = "\n".join(all_lines[1:close])
        loaded = load_yaml(fm_text, where, line_offset=1)
        if loaded is None:
            loaded = {}
        if not isinstance(loaded, dict):
            raise DossierError(SourceLocation(where, 2), "front matter must be a mapping of keys to values "
                               f"(like 'title: ...'), not a {type(loaded).__name__}")
        meta = _check_keys(loaded, fm_text, where)
        first_line = close + 2
        text = "\n".join(all_lines[close + 1:])
    lines = tuple(text.split("\n"))
    lines, footer = _lift_footer(lines, first_line, where)
    footer_lines = footer.pop("_lines", {})
    meta.setdefault("_lines", {})
    for key, value in footer.items():
        meta.setdefault(key, value)
        meta["_lines"].setdefault(key, footer_lines[key])
    if "date" in meta and meta["date"] not in (None, ""):
        meta["date"] = parse_date(meta["date"], SourceLocation(where, _key_line(meta, "date")))
    if has_fm and "title" in meta and not str(meta.get("title") or "").strip():
        raise DossierError(SourceLocation(where, _key_line(meta, "title")), "the title is empty; give the "
                           "article a title, or remove the key to have one inferred from the text")
    if has_fm and "title" not in meta:
        raise DossierError(SourceLocation(where, 2), "the front matter has no title; add 'title: ...'")
    if not any(line.strip() for line in lines):
        raise DossierError(SourceLocation(where, first_line), "the article has no text after its front matter; "
                           "paste the article text below the closing '---'")
    meta.pop("_lines", None)
    return RawArticle(src_uri, lines, first_line, meta, has_fm)


def new_seed_text(title: str, source: str = "", author: str = "", date: str = "", url: str = "") -> str:
    """The front matter of a new seed, written by ``yaml.safe_dump`` (never by interpolation: a colon or
    a quote in a title must survive), followed by an empty body for the editor to paste the text into.
    The values are checked the way ``check`` will check them."""
    if not title.strip():
        raise DossierError(SourceLocation("title"), "the title is empty; give the article a title")
    meta = {"title": title.strip(), "source": source.strip(), "author": author.strip(), "date": date.strip(),
            "url": url.strip()}
    if meta["date"]:
        parse_date(meta["date"], SourceLocation("--date"))
    dumped = yaml.safe_dump({k: v for k, v in meta.items() if v}, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{dumped}---\n\n"


def _key_line(meta: dict[str, Any], key: str) -> int:
    return int(meta.get("_lines", {}).get(key, 0))


def _check_keys(loaded: dict[Any, Any], fm_text: str, where: str) -> dict[str, Any]:
    lines = {}
    typed = {}  # key -> its value as typed, for a message that tells the editor to quote it
    for i, line in enumerate(fm_text.split("\n")):
        match = re.match(r"^([^\s:#][^:]*):", line)
        if match:
            lines[match.group(1).strip()] = i + 2
            typed[match.group(1).strip()] = line[match.end():].strip()
    meta: dict[str, Any] = {"_lines": lines}
    for key, value in loaded.items():
        key_s = str(key)
        at = SourceLocation(where, lines.get(key_s, 2))
        if key_s not in KNOWN_KEYS:
            raise DossierError(at, f"unknown front-matter key '{key_s}'.{did_you_mean(key_s, KNOWN_KEYS)} "
                               f"Known keys: {', '.join(KNOWN_KEYS)}")
        if isinstance(value, dict | list):
            raise DossierError(at, f"'{key_s}' must be a single value, not a {type(value).__name__}")
        if key_s == "translated":
            if not isinstance(value, bool):
                raise DossierError(at, f"'translated' must be true or false, not '{value}'")
        elif isinstance(value, bool):  # YAML reads yes, no, on, off, true and false as true or false
            raise DossierError(at, f"'{key_s}' is read as {str(value).lower()} here; put the value in quotes, "
                               f"like {key_s}: \"{typed.get(key_s, '')}\"")
        elif isinstance(value, bytes):
            raise DossierError(at, f"'{key_s}' must be text, not binary data")
        meta[key_s] = value
    return meta


def _lift_footer(lines: tuple[str, ...], first_line: int, where: str) -> tuple[tuple[str, ...], dict[str, Any]]:
    """Remove a trailing block of "Key: value" lines (and a disclaimer) and return it as metadata."""
    found: dict[str, Any] = {}
    end = len(lines)
    cut = end
    i = end - 1
    while i >= 0:
        line = lines[i].strip()
        if not line:
            i -= 1
            continue
        match = _FOOTER.match(line)
        if match:
            key = _FOOTER_KEYS[match.group(1).lower()]
            found.setdefault(key, match.group(2).strip())
            found.setdefault("_lines", {}).setdefault(key, first_line + i)
            cut = i
        elif _DISCLAIMER.match(line) and not found:
            cut = i
        else:
            break
        i -= 1
    if not found:
        return lines, {}
    lines_map = found.pop("_lines")
    if "translated" in found:
        found["translated"] = str(found["translated"]).strip().lower() not in ("no", "false", "0")
    found["_lines"] = lines_map
    return lines[:cut], found
