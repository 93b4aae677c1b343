"""Scraped text -> paragraphs, headings and photo captions; page debris dropped.

Curly quotes and dashes are kept as typed: cleaning removes what the scraper added, it does not
rewrite what the author wrote.
"""

from __future__ import annotations

import re

from .model import Block

#: lines a scraper picks up from the page around the article
DEBRIS_LINES = frozenset({
    "recommended", "advertisement", "related", "read more", "share", "share this article",
    "continue reading", "subscribe", "sign up", "story continues below advertisement", "|",
})
_CELL_DEBRIS = re.compile(r"\s+\|\s*$")  # " |" table-cell marks at line ends
_IMAGE = re.compile(r"^!\[(?P<alt>.*)\]\((?P<target>[^)]*)\)\s*$")
#: a photo credit closing a caption: "(AP Photo/Jacquelyn Martin)", "(Nathan Howard/Reuters)"
_CREDIT = re.compile(r"\s*\((?P<credit>(?:AP Photo|Photo|[A-Z][\w.'’\- ]{1,40})/[^()]{2,60}|Photo: [^()]{2,60})\)\s*$")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_TERMINAL = ('.', '!', '?', '"', '”', '’', "'", ':', ';', ',', ')', '…')
_SPACES = re.compile(r"[ \t\u00a0]+")
HEADING_MAX_CHARS = 80
#: a paragraph of at least this many words that an article repeats word for word is the scrape's doing (a
#: block of the page picked up twice), and is dropped; a shorter one ("Officials declined to comment.")
#: may be the author's
REPEAT_MIN_WORDS = 8


def clean(lines: tuple[str, ...] | list[str], first_line: int = 1, markdown: bool = False,
          repeats: list[tuple[int, int]] | None = None) -> list[Block]:
    """Turn raw body lines into blocks. ``first_line`` is the file line number of ``lines[0]``. Each
    paragraph dropped as a repeat is added to ``repeats``, if given: (its line, the line it repeats)."""
    if markdown:
        lines = [markdown_plain(line) for line in lines]
    logical = _join_wrapped(_strip_debris(lines, first_line))
    blocks: list[Block] = []
    paragraphs: dict[str, int] = {}  # a paragraph of REPEAT_MIN_WORDS words or more -> its line
    for number, text in logical:
        image = _IMAGE.match(text)
        if image:
            caption, credit = split_credit(image.group("alt").strip())
            if caption or credit:
                blocks.append(Block("caption", caption, number, credit))
            continue
        if blocks and blocks[-1].kind == "caption" and _same_caption(text, blocks[-1]):
            continue  # the scraper repeats each caption as a line of its own after the image
        heading = _MD_HEADING.match(text) if markdown else None
        if heading:
            blocks.append(Block("heading", heading.group(2).strip(), number))
            continue
        caption, credit = split_credit(text)
        if credit:
            blocks.append(Block("caption", caption, number, credit))
        elif looks_like_heading(text, number, logical):
            blocks.append(Block("heading", text.rstrip(), number))
        elif text in paragraphs:
            if repeats is not None:
                repeats.append((number, paragraphs[text]))
        else:
            blocks.append(Block("paragraph", text, number))
            if len(text.split()) >= REPEAT_MIN_WORDS:
                paragraphs[text] = number
    return blocks


#: Markdown's marks around text, each taken out with the text kept (a .md seed's link shows its words; the
#: site never renders an article's own Markdown or follows its links)
_MD_LINE_MARKS = re.compile(r"^\s{0,3}(?:>\s?)+|^\s{0,3}(?:[-*+]|\d{1,3}[.)])\s+(?=\S)")
_MD_RULE_OR_FENCE = re.compile(r"^\s{0,3}(?:(?:[-*_]\s*){3,}|`{3,}[\w+-]*|~{3,}[\w+-]*)\s*$")
_MD_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+")
_MD_INLINE = (
    (re.compile(r"!\[([^\]]*)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)"), r"\1"),  # an image in a line
    (re.compile(r"\[([^\]]+)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)"), r"\1"),  # [words](address)
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # [words][reference]
    (re.compile(r"<((?:https?|mailto):[^>\s]+)>"), r"\1"),  # <https://...>
    (re.compile(r"`([^`]+)`"), r"\1"),
    (re.compile(r"(?<![\w*\\])\*\*(?=\S)([^*]+?)(?<=\S)\*\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_\\])__(?=\S)([^_]+?)(?<=\S)__(?![\w_])"), r"\1"),
    (re.compile(r"(?<![\w*\\])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_\\])_(?=\S)([^_]+?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"~~(?=\S)([^~]+?)(?<=\S)~~"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])"), r"\1"),  # a backslash escape: the mark itself
)


def markdown_plain(line: str) -> str:
    """A line of a .md seed as its reader reads it: no emphasis, code or strike-through marks, a link's
    words without its address, no list or quote marker, and no rule or code fence at all. A heading's
    "#" and an image on a line of its own stay (the cleaner makes them a heading and a caption)."""
    if _IMAGE.match(line.strip()):
        return line
    if _MD_RULE_OR_FENCE.match(line) or _MD_REFERENCE.match(line):
        return ""
    if not any(mark in line for mark in "*_`[<~\\>-+0123456789"):
        return line  # most lines: nothing to take out
    line = _MD_LINE_MARKS.sub("", line, count=1)
    for pattern, words in _MD_INLINE:
        line = pattern.sub(words, line)
    return line


def split_credit(text: str) -> tuple[str, str]:
    """("caption", "credit") when the text ends with a photo credit, else (text, "")."""
    match = _CREDIT.search(text) if "(" in text else None  # the search is slow, and a credit is in brackets
    if not match:
        return text, ""
    return text[: match.start()].rstrip(), match.group("credit").strip()


def _same_caption(text: str, block: Block) -> bool:
    caption, credit = split_credit(text)
    return caption == block.text and credit == block.credit


def _strip_debris(lines: tuple[str, ...] | list[str], first_line: int) -> list[tuple[int, str]]:
    """Numbered, trimmed lines with cell marks, lone pipes and known page debris removed; blank lines kept
    as "" so paragraph breaks survive."""
    out: list[tuple[int, str]] = []
    for offset, raw in enumerate(lines):
        line = _tidy(raw)
        if line.lower().rstrip(":") in DEBRIS_LINES:
            line = ""
        out.append((first_line + offset, line))
    return out


def _tidy(raw: str) -> str:
    """One line without carriage returns, a trailing cell mark or runs of spaces, trimmed. Each regex runs
    only on a line that has what it removes: most lines have none, and ten thousand articles have half a
    million lines."""
    line = raw.replace("\r", "")
    if "|" in line:
        line = _CELL_DEBRIS.sub("", line)
    if "  " in line or "\t" in line or "\u00a0" in line:
        line = _SPACES.sub(" ", line)
    return line.strip()


def _join_wrapped(numbered: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Re-join hard-wrapped lines: a line continues the previous one when that one stops mid-sentence
    and is long enough to have been wrapped (or this one starts in lower case)."""
    logical: list[tuple[int, str]] = []
    previous_blank = True
    for number, line in numbered:
        if not line:
            previous_blank = True
            continue
        if logical and not previous_blank and _continues(logical[-1][1], line):
            logical[-1] = (logical[-1][0], logical[-1][1] + " " + line)
        else:
            logical.append((number, line))
        previous_blank = False
    return logical


def _continues(previous: str, line: str) -> bool:
    if previous.endswith(_TERMINAL) or _IMAGE.match(previous) or _IMAGE.match(line):
        return False
    if line.startswith(("#", "![")):
        return False
    return line[:1].islower() or len(previous) > HEADING_MAX_CHARS


def looks_like_heading(text: str, number: int, logical: list[tuple[int, str]]) -> bool:
    """A short title-like line between paragraphs: "The real audience: Washington and Moscow"."""
    words = text.split()
    if not 2 <= len(words) <= 12 or len(text) > HEADING_MAX_CHARS:
        return False
    if text.endswith(_TERMINAL) or not text[0].isupper():
        return False
    if text.count("“") != text.count("”") or text.count('"') % 2:
        return False
    # not the first or last line: a heading introduces text that follows it
    return logical[0][0] != number and logical[-1][0] != number
