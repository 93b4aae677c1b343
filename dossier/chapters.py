"""Long pages cut into chapters: the timeline, the sources page and the articles index a page a year, who
said what a page per initial.

At 10,000 articles the timeline page is 10 MB of Markdown and the quotes page 13 MB: too much for a phone
to load, or for MkDocs to render again in a live preview. A page past :data:`CHAPTER_BYTES` keeps its
opening text and lists its chapters; each chapter is a page of its own beside it (explore/timeline-2017.md),
holding the page's sections of that year or initial as they are. Beside it, so that every relative link in
the sections stays right as written; and split by a pure function of the page's text, so the full build
and the incremental build cut it the same way. The incremental build reads back only the chapters that hold
the sections an edit changed, and writes only those (:class:`Written`), while the page keeps its chapters;
else it puts the page back together (:func:`read`) and cuts it again whole. Smaller pages stay whole: the
seeds' timeline has a dozen events.
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
#: a line of a cut page's list of chapters: its label, its link, and what the chapter counts (_chapters.md.j2)
_LISTED = re.compile(r"^- \[(.+?)\]\(([^)\s]+\.md)\): ([0-9]+) ", re.MULTILINE)


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
    labels = [chaptering.chapter_of(text[start + 3:text.find("\n", start)].strip()) for start in starts]
    ends = [*starts[1:], len(text)]
    chapters = []
    for label, path, run in _runs(page, labels):
        chunk = text[starts[run[0]]:ends[run[-1]]]
        chapters.append(Chapter(label, path, chaptering.count(chunk, len(run)), chunk))
    return text[:starts[0]] if starts else text, chapters


def _runs(page: str, labels: list[str]) -> list[tuple[str, str, list[int]]]:
    """The chapters of a page whose sections belong to these chapters (labels), in order: each run of
    consecutive sections of one label, with a path beside the page that no other chapter has and the
    indexes of its sections."""
    stem = PurePosixPath(page)
    taken: set[str] = set()
    runs: list[tuple[str, str, list[int]]] = []
    for i, label in enumerate(labels):
        if not runs or runs[-1][0] != label:
            base = f"{stem.stem}-{slugify(label) or 'other'}"
            name, n = base, 1
            while name in taken:  # two chapters of one slug ("O" and "Ö"): numbered
                n += 1
                name = f"{base}-{n}"
            taken.add(name)
            runs.append((label, str(stem.with_name(name + ".md")), []))
        runs[-1][2].append(i)
    return runs


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
    return _joined(docs_dir, page, (docs_dir / page).read_text(encoding="utf-8"))


def _joined(docs_dir: Path, page: str, text: str) -> tuple[str, list[str]]:
    """:func:`read`, with the page's own file already read (``text``)."""
    at = text.rfind("\n" + MARKER + "\n")
    if at < 0:
        return text, []
    paths = list(listed(page, text).values())
    out = [text[:at + 1]]
    out.extend(_sections_of((docs_dir / path).read_text(encoding="utf-8")) for path in paths)
    return "".join(out), paths


def _sections_of(chapter: str) -> str:
    """A chapter's page without its own opening: its sections, as the page had them."""
    first = chapter.find("\n## ")
    return chapter[first + 1:] if first >= 0 else ""


def read_paths(docs_dir: Path, page: str) -> list[str]:
    """The paths of the page's chapters as written (none when it is whole or not written)."""
    return list(written_chapters(docs_dir, page).values())


def listed(page: str, text: str) -> dict[str, str]:
    """A cut page's chapters as its list names them: label -> path (none when ``text`` is the page whole)."""
    return {label: path for label, path, _ in _chapter_list(page, text)[1]}


def _chapter_list(page: str, text: str) -> tuple[int, list[tuple[str, str, int]]]:
    """Where a cut page's list of chapters starts (-1 when ``text`` is the page whole), and its lines: (label,
    path, what the chapter counts), as _chapters.md.j2 writes them."""
    at = text.rfind("\n" + MARKER + "\n")
    folder = PurePosixPath(page).parent
    return at, [] if at < 0 else [(label, str(folder / link), int(count))
                                  for label, link, count in _LISTED.findall(text[at:])]


def moved(written: dict[str, str], now: dict[str, str]) -> bool:
    """Whether a page's chapters (:func:`listed`, as written and as an edit makes them) moved for a link made to
    them before: the page cut now and whole before, or the other way round, or a chapter of the same label at
    another path. A chapter added or gone moves none of the others."""
    return bool(now) != bool(written) or any(now[label] != path for label, path in written.items() if label in now)


def written_chapters(docs_dir: Path, page: str) -> dict[str, str]:
    """:func:`listed` of the page as written in ``docs_dir`` (none when it is not written)."""
    path = docs_dir / page
    return listed(page, path.read_text(encoding="utf-8")) if path.is_file() else {}


class Misread(Exception):
    """A chapter as written does not hold the sections its page's list says it does."""


class Written:
    """A long page's sections as written, for an incremental build that renders some of them again and
    keeps the others as written. ``labels``: the chapter of each section, in order, as the cache knows the
    page. When the page is cut into the chapters those labels make (their names and paths, and, for a page
    that counts sections, their counts), a chapter is read only when one of its sections is asked for, and
    :meth:`cut` writes only the chapters whose sections changed; else the page is read whole (:func:`read`).
    At 10,000 articles the quotes page is 12 MB in 26 chapters, and an edit changes one or two."""

    def __init__(self, docs_dir: Path, page: str, labels: list[str]) -> None:
        self.docs_dir, self.page, self.labels = docs_dir, page, labels
        text = (docs_dir / page).read_text(encoding="utf-8")
        at, self.listed = _chapter_list(page, text)
        self.runs = _runs(page, labels)
        counted = CHAPTERED[page].item is None  # the list gives each chapter's number of sections
        self.lazy = (len(self.listed) >= 2 and "\n## " not in text[:at + 1]
                     and [item[:2] for item in self.listed] == [run[:2] for run in self.runs]
                     and not (counted and any(item[2] != len(run[2])
                                              for item, run in zip(self.listed, self.runs, strict=True))))
        self.sections: list[str] = []
        self._where: dict[int, tuple[int, int]] = {}
        self._read: dict[int, list[str]] = {}
        if self.lazy:
            self.header = text[:at + 1]
            self._where = {i: (k, j) for k, (_, _, run) in enumerate(self.runs) for j, i in enumerate(run)}
        else:
            self.header, self.sections = split_sections(_joined(docs_dir, page, text)[0])

    def __len__(self) -> int:
        return len(self.labels) if self.lazy else len(self.sections)

    def __getitem__(self, i: int) -> str:
        if not self.lazy:
            return self.sections[i]
        k, j = self._where[i]
        return self._chapter(k)[j]

    def _chapter(self, k: int) -> list[str]:
        found = self._read.get(k)
        if found is None:
            body = _sections_of((self.docs_dir / self.runs[k][1]).read_text(encoding="utf-8"))
            first, rest = cut_before(body, "## ")  # the body starts with its first section's heading
            found = [first, *rest] if body else []
            if len(found) != len(self.runs[k][2]):
                raise Misread(f"{self.runs[k][1]} does not hold the sections {self.page} lists")
            self._read[k] = found
        return found

    def cut(self, renderer: Renderer, head: str, sections: list[str | int]) -> tuple[dict[str, str], list[str]]:
        """The page with ``head`` and these sections (each its text, or the index of a written section that
        is unchanged), as :func:`split` cuts it: the pages to write, and the paths of all its chapters. A
        chapter none of whose sections changed is left out of the pages: it is as written, its opening too
        (that names its own count and its neighbours' names and paths, none of which changed)."""
        patched = self._patch(renderer, head, sections) if self.lazy else None
        if patched is not None:
            return patched
        pages = split(self.page, head + "".join(s if isinstance(s, str) else self[s] for s in sections), renderer)
        return pages, [path for path in pages if path != self.page]

    def _patch(self, renderer: Renderer, head: str,
               sections: list[str | int]) -> tuple[dict[str, str], list[str]] | None:
        """:meth:`cut` for the chapters the sections changed alone; None when the page would not be cut into
        the same chapters (one added, gone or renamed; the page short enough to be whole)."""
        chaptering = CHAPTERED[self.page]
        labels = []
        for s in sections:
            if isinstance(s, int):
                labels.append(self.labels[s])
                continue
            if not s.startswith("## ") or "\n## " in s or "\n" not in s:
                return None  # not one section as chapters_of would find it
            labels.append(chaptering.chapter_of(s[3:s.find("\n")].strip()))
        runs = _runs(self.page, labels)
        if [run[:2] for run in runs] != [run[:2] for run in self.runs]:
            return None
        chapters, changed = [], set()
        for k, (label, path, run) in enumerate(runs):
            items = [sections[i] for i in run]
            if items == self.runs[k][2]:  # the written sections of the chapter, in order
                chapters.append(Chapter(label, path, self.listed[k][2], ""))
                continue
            chunk = "".join(s if isinstance(s, str) else self[s] for s in items)
            chapters.append(Chapter(label, path, chaptering.count(chunk, len(run)), chunk))
            changed.add(k)
        size = len(head.encode("utf-8"))  # the page's length whole, until it is known to be cut
        pages = {}
        for k, chapter in enumerate(chapters):
            if k not in changed and size > CHAPTER_BYTES:
                continue
            before = chapters[k - 1] if k else None
            after = chapters[k + 1] if k + 1 < len(chapters) else None
            opening = renderer.chapter_head(chapter.path, self.page, chaptering, chapter, before, after)
            if k in changed:
                pages[chapter.path] = opening + chapter.text
                size += len(chapter.text.encode("utf-8"))
            else:
                size += (self.docs_dir / chapter.path).stat().st_size - len(opening.encode("utf-8"))
        if size <= CHAPTER_BYTES:  # split keeps a page whole when its UTF-8 is this short, so its characters too
            return None
        pages[self.page] = head + renderer.chapter_list(self.page, chaptering, chapters)
        return pages, [chapter.path for chapter in chapters]
