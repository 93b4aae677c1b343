"""Long pages cut into chapters: the timeline, the sources page and the articles index a page a year, who
said what a page per initial.

At 10,000 articles the timeline page is 10 MB of Markdown and the quotes page 13 MB: too much for a phone
to load, or for MkDocs to render again in a live preview. A page past :data:`CHAPTER_BYTES` keeps its
opening text and lists its chapters; each chapter is a page of its own beside it (explore/timeline-2017.md),
holding the page's sections of that year or initial as they are. Beside it, so that every relative link in
the sections stays right as written; and split by a pure function of the page's text, so the full build
and the incremental build, which edits the page whole (:func:`read` puts it back together), cut it the same
way. Smaller pages stay whole: the seeds' timeline has a dozen events.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .render import CHAPTERS_MARKER, Renderer
from .text import initial, slugify

#: a page whose Markdown is longer than this is cut into chapters (its HTML is about half as long again)
CHAPTER_BYTES = 500_000
#: the line before the list of chapters on the page that was cut; the list's links are the chapters, in order
MARKER = CHAPTERS_MARKER
_LISTED = re.compile(r"^- \[(.+?)\]\(([^)\s]+\.md)\)", re.MULTILINE)


def split_sections(text: str) -> tuple[str, list[str]]:
    """A page cut before each "## " heading: what comes before the first, and each section. Generated text
    never starts a line with "## " (render.md_text escapes it), so only headings do."""
    return cut_before(text, "## ")


def cut_before(text: str, marker: str) -> tuple[str, list[str]]:
    """A text cut before each line that starts with ``marker``: what comes before the first, and each piece."""
    starts = [0, *_line_starts(text, marker)]
    pieces = [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]
    return pieces[0], pieces[1:]


def _line_starts(text: str, marker: str) -> list[int]:
    """Where each line that starts with ``marker`` starts, but the first line."""
    starts, at = [], text.find("\n" + marker)
    while at >= 0:
        starts.append(at + 1)
        at = text.find("\n" + marker, at + 1)
    return starts


def _heading(heading: str) -> str:
    """A year's chapter: the section's heading itself."""
    return heading


@dataclass(frozen=True)
class Chaptering:
    """How one page is cut: its title, what its chapters are (for the page's list), the chapter of a
    section (from its heading's text), and what each chapter counts (lines that start with ``item``, or its
    sections)."""

    title: str
    by: str
    chapter_of: Callable[[str], str]
    noun: tuple[str, str]
    item: str | None = None

    def count(self, text: str, sections: int) -> int:
        return sections if self.item is None else text.count("\n" + self.item)


CHAPTERED = {
    "articles/index.md": Chaptering("Articles", "year", _heading, ("article", "articles"), item="- ["),
    "explore/sources.md": Chaptering("Sources", "year", _heading, ("article", "articles"), item="| ["),
    "explore/timeline.md": Chaptering("Timeline", "year", _heading, ("event", "events"), item="- **"),
    "explore/quotes.md": Chaptering("Who said what", "initial of the speaker's name", initial,
                                    ("speaker", "speakers")),
}


@dataclass(frozen=True)
class Chapter:
    label: str
    path: str
    count: int
    text: str  # its sections, as the page has them


def chapters_of(page: str, text: str) -> tuple[str, list[Chapter]]:
    """The page's text before its first section, and its chapters: runs of consecutive sections of one
    chapter (a year; an initial), each with a path beside the page that no other chapter has."""
    chaptering = CHAPTERED[page]
    starts = _line_starts(text, "## ")
    runs: list[tuple[str, list[int]]] = []  # (label, where each of its sections starts)
    for start in starts:
        label = chaptering.chapter_of(text[start + 3:text.find("\n", start)].strip())
        if not runs or runs[-1][0] != label:
            runs.append((label, []))
        runs[-1][1].append(start)
    ends = [run[1][0] for run in runs[1:]] + [len(text)] * bool(runs)
    stem = PurePosixPath(page)
    taken: set[str] = set()
    chapters = []
    for (label, run), end in zip(runs, ends, strict=True):
        base = f"{stem.stem}-{slugify(label) or 'other'}"
        name, n = base, 1
        while name in taken:  # two chapters of one slug ("O" and "Ö"): numbered
            n += 1
            name = f"{base}-{n}"
        taken.add(name)
        path = str(stem.with_name(name + ".md"))
        chunk = text[run[0]:end]
        chapters.append(Chapter(label, path, chaptering.count(chunk, len(run)), chunk))
    return text[:starts[0]] if starts else text, chapters


def split(page: str, text: str, renderer: Renderer) -> dict[str, str]:
    """The page as written: whole if it is short or not one of :data:`CHAPTERED`, else its opening text with
    the list of its chapters, and each chapter's page."""
    chaptering = CHAPTERED.get(page)
    if chaptering is None or (len(text) <= CHAPTER_BYTES and len(text.encode("utf-8")) <= CHAPTER_BYTES):
        return {page: text}
    head, chapters = chapters_of(page, text)
    if len(chapters) < 2:
        return {page: text}
    pages = {page: head + renderer.chapter_list(page, chaptering, chapters)}
    for i, chapter in enumerate(chapters):
        before = chapters[i - 1] if i else None
        after = chapters[i + 1] if i + 1 < len(chapters) else None
        pages[chapter.path] = renderer.chapter_head(chapter.path, page, chaptering, chapter, before, after) + \
            chapter.text
    return pages


def read(docs_dir: Path, page: str) -> tuple[str, list[str]]:
    """The page's text as :func:`split` had it, put back together from what is written in ``docs_dir``, and
    the chapters' paths (none when the page is whole)."""
    text = (docs_dir / page).read_text(encoding="utf-8")
    at = text.rfind("\n" + MARKER + "\n")
    if at < 0:
        return text, []
    paths = list(listed(page, text).values())
    out = [text[:at + 1]]
    for path in paths:
        chapter = (docs_dir / path).read_text(encoding="utf-8")
        first = chapter.find("\n## ")  # its sections, after its own opening
        out.append(chapter[first + 1:] if first >= 0 else "")
    return "".join(out), paths


def read_paths(docs_dir: Path, page: str) -> list[str]:
    """The paths of the page's chapters as written (none when it is whole or not written)."""
    return list(written_chapters(docs_dir, page).values())


def listed(page: str, text: str) -> dict[str, str]:
    """A cut page's chapters as its list names them: label -> path (none when ``text`` is the page whole)."""
    at = text.rfind("\n" + MARKER + "\n")
    folder = PurePosixPath(page).parent
    return {} if at < 0 else {label: str(folder / link) for label, link in _LISTED.findall(text[at:])}


def moved(written: dict[str, str], now: dict[str, str]) -> bool:
    """Whether a page's chapters (:func:`listed`, as written and as an edit makes them) moved for a link made to
    them before: the page cut now and whole before, or the other way round, or a chapter of the same label at
    another path. A chapter added or gone moves none of the others."""
    return bool(now) != bool(written) or any(now[label] != path for label, path in written.items() if label in now)


def written_chapters(docs_dir: Path, page: str) -> dict[str, str]:
    """:func:`listed` of the page as written in ``docs_dir`` (none when it is not written)."""
    path = docs_dir / page
    return listed(page, path.read_text(encoding="utf-8")) if path.is_file() else {}
