"""The incremental build (issue 5): after an edit, the rerun writes exactly what a full build from scratch
writes, takes the fast path only when it can prove that, and rewrites only the files that changed.

Each case builds a corpus (the seeds and a small synthetic corpus from benchmarks/generate.py) in full,
edits it as an editor would, reruns the build with the cache, and compares the docs folder byte for byte
with a fresh full build of the edited corpus."""

from __future__ import annotations

import re
import shutil
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import EVENT_BLOCK, ROOT, event_limits, run

from dossier import incremental, parallel
from dossier.cache import Cache
from dossier.errors import DossierErrors
from dossier.model import Entity
from dossier.pipeline import Paths
from dossier.render import Renderer

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate  # noqa: E402

ARTICLES = 30


@pytest.fixture(autouse=True)
def short_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Entity lists of four articles a page, so that the corpus' entities have numbered list pages and the
    incremental build's choice among them is compared with the full build too; and feeds of the newest
    four articles, so that an edit of an older article leaves some feeds alone."""
    monkeypatch.setattr("dossier.render.ARTICLES_PER_PAGE", 4)
    monkeypatch.setattr("dossier.feeds.FEED_ITEMS", 4)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Seeds, registry and a full build with its cache, made once and copied for each case."""
    root = tmp_path_factory.mktemp("corpus")
    generate(root, ARTICLES)
    for seed in sorted((ROOT / "seeds").iterdir()):
        shutil.copyfile(seed, root / "seeds" / seed.name)
    (root / "seeds" / PLAIN).write_text(PLAIN_TEXT, encoding="utf-8")
    (root / "seeds" / OTHER).write_text(OTHER_TEXT, encoding="utf-8")
    return root


#: an article with no dated sentence, so that nothing of it is on the timeline: every edit of it but a
#: new discovered name takes the delta
PLAIN = "plain-talks.md"
PLAIN_TEXT = """---
title: Talks go on in Astana
source: Example Wire
author: Dana Writer
date: 2025-03-01
slug: talks-in-astana
---

Officials from Kazakhstan and Uzbekistan met in Astana to talk about trade and water.

“We will keep talking until there is a deal,” said Miriam Chaudhry.

Diplomats from Turkmenistan followed the meeting closely.

“We have time,” said Foreign Minister Nurlan Abenov, and Abenov left.
"""

#: an article that names, without a cue, a person only the plain article's edit discovers, and finds a name
#: from a cue that the edit then finds too
OTHER = "other-talks.md"
OTHER_TEXT = """---
title: Water talks in Tashkent
source: Example Wire
date: 2025-02-01
slug: water-in-tashkent
---

Zarina Tokbayeva and Ulan Dosbol attended the talks in Tashkent on water.

“We will see,” said Ulan Dosbol, a diplomat from Bishkek.
"""


def _edit_plain(old: str, new: str) -> Callable[[Path], Path]:
    def edit(root: Path) -> Path:
        seed = root / "seeds" / PLAIN
        text = seed.read_text(encoding="utf-8")
        assert old in text
        seed.write_text(text.replace(old, new, 1), encoding="utf-8")
        return seed
    return edit


def _paths(root: Path) -> Paths:
    return Paths(root / "seeds", root / "registry", ROOT / "templates")


def _build(root: Path, full: bool = False) -> incremental.BuildResult:
    return incremental.build(_paths(root), root / "docs", root / ".dossier-cache", full=full)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _full_build(work: Path, tmp_path: Path, name: str = "fresh") -> dict[str, bytes]:
    """The docs a full build from scratch makes of the work folder's seeds and registry (in a copy of it)."""
    fresh = tmp_path / name
    shutil.copytree(work, fresh, ignore=shutil.ignore_patterns("docs", ".dossier-cache"))
    _build(fresh, full=True)
    return _snapshot(fresh / "docs")


def _middle_seed(root: Path) -> Path:
    seeds = sorted(p for p in (root / "seeds").iterdir() if p.name[:5].isdigit())  # the synthetic ones
    return seeds[len(seeds) // 2]


def _append(text: str) -> Callable[[Path], Path]:
    def edit(root: Path) -> Path:
        seed = _middle_seed(root)
        seed.write_text(seed.read_text(encoding="utf-8").rstrip("\n") + text + "\n", encoding="utf-8")
        return seed
    return edit


def _retitle(root: Path) -> Path:
    seed = _middle_seed(root)
    lines = seed.read_text(encoding="utf-8").splitlines()
    lines = [line.replace("title: ", "title: Revised ", 1) if line.startswith("title: ") else line for line in lines]
    seed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return seed


def _redate(root: Path) -> Path:
    """Move the article a month earlier: its place in every list, and its "last year" and "on Tuesday"."""
    seed = _middle_seed(root)
    text = seed.read_text(encoding="utf-8")
    date = next(line for line in text.splitlines() if line.startswith("date: "))
    year, month = int(date[7:11]), int(date[12:14])
    earlier = f"date: '{year - (month == 1)}-{(month - 2) % 12 + 1:02d}-15'"
    seed.write_text(text.replace(date, earlier, 1), encoding="utf-8")
    return seed


def _rebyline(root: Path) -> Path:
    seed = _middle_seed(root)
    text = seed.read_text(encoding="utf-8")
    assert "\nauthor: " in text
    seed.write_text(text.replace("\nauthor: ", "\nauthor: Revised ", 1), encoding="utf-8")
    return seed


def _reword_excerpt(root: Path) -> Path:
    """Reword a sentence that names a country (no date, no quote), outside the first paragraph (the feeds'
    summary): only the article's page and the pages quoting that sentence change."""
    seeds = sorted(p for p in (root / "seeds").iterdir() if p.name[:5].isdigit())
    for seed in seeds[len(seeds) // 2:] + seeds:
        _, front, body = seed.read_text(encoding="utf-8").split("---\n", 2)
        first, gap, later = body.partition("\n\n")
        if "remain central to the economy of" in later:
            later = later.replace("remain central to the economy of", "remain vital to the economy of")
            seed.write_text("---\n" + front + "---\n" + first + gap + later, encoding="utf-8")
            return seed
    raise AssertionError("no seed has the sentence to reword")


def _touch(root: Path) -> Path:
    seed = _middle_seed(root)
    seed.write_bytes(seed.read_bytes())  # a new mtime, the same bytes
    return seed


def _new_seed(name: str, text: str) -> Callable[[Path], Path]:
    def add(root: Path) -> Path:
        seed = root / "seeds" / name
        seed.write_text(text, encoding="utf-8")
        return seed
    return add


_add_seed = _new_seed("zz-new.md", "---\ntitle: A new article about Norway\ndate: 2025-01-02\n---\n\nOfficials in "
                      "Oslo said Norway would review the plan, Prime Minister Jonas Gahr Støre said on Tuesday.\n")

#: a new seed that sorts first (every other seed's place in the seed order moves), with a name discovered
#: from a cue, a registered person quoted, and dated sentences on the timeline
_FIRST_SEED = _new_seed("aa-first.md", """---
title: Ministers meet in Astana
source: Example Wire
author: Dana Writer
date: 2025-01-03
---

Officials from Kazakhstan and Uzbekistan met in Astana on January 2, 2025, to talk about water.

“We will not accept this plan,” said Foreign Minister Aigerim Bekova.

“Trade matters,” said Ibrahim Sultanov. The next round is due on March 3, 2025.
""")


def _owned_after_alone(root: Path) -> Path:
    """A seed that names a body alone ("the Foreign Ministry", a body of no one's), built; then one that
    names it as a country's and alone (there, the country's)."""
    _new_seed("mm-alone.md", "---\ntitle: No comment\n---\n\nThe Foreign Ministry said it would not comment.\n")(root)
    _build(root)
    return _new_seed("mm-owned.md", "---\ntitle: Ministry\ndate: 2025-02-04\n---\n\nRussia's Foreign Ministry "
                                    "said talks would go on, and the Foreign Ministry said more.\n")(root)


def _remove_seed(root: Path) -> Path:
    seed = _middle_seed(root)
    seed.unlink()
    return seed


def _edit_registry(root: Path) -> Path:
    people = root / "registry" / "people.yml"
    people.write_text(people.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    return people


def _hand_edit_page(root: Path) -> Path:
    page = next((root / "docs" / "countries").glob("*.md"))
    page.write_text(page.read_text(encoding="utf-8") + "\nA stray hand edit.\n", encoding="utf-8")
    return page


CASES = {
    # an edit no other page shows: the fast path, and only the article's own page is written
    "neutral sentence": (_append(" An editor added this sentence after publication."), "fast", 1),
    "same bytes, new mtime": (_touch, "fast", 0),
    # a sentence quoted on entity pages: the fast path re-renders the article and those entities' pages
    "a sentence on entity pages reworded": (_reword_excerpt, "fast", None),
    # edits that other pages show: the full build, with the same result as a build from scratch
    # edits that change what other pages show: the delta, which renders just those pages
    "a country named": (_append(" Officials in Norway were not consulted."), "fast", None),
    "a country named in an undated article": (_edit_plain("closely.", "closely, as did Mongolia."), "fast", None),
    "a country no other article names": (_edit_plain("closely.", "closely.\n\nTuvalu sent an observer."), "fast",
                                         None),
    "a registered person quoted": (_edit_plain("closely.", "closely.\n\n“Trade matters,” said Ibrahim Sultanov."),
                                   "fast", None),
    "a quote removed": (_edit_plain("“We will keep talking until there is a deal,” said Miriam Chaudhry.",
                                    "Miriam Chaudhry spoke to reporters."), "fast", None),
    "a quote reworded": (_edit_plain("until there is a deal", "until we agree"), "fast", None),
    "two entities now share a paragraph": (_edit_plain("Diplomats from Turkmenistan",
                                                       "Diplomats from Turkmenistan and Uzbekistan"), "fast", None),
    "a name dropped": (_edit_plain("Diplomats from Turkmenistan", "Diplomats"), "fast", None),
    "title of an undated article": (_edit_plain("title: Talks go on in Astana", "title: Talks stall in Astana"),
                                    "fast", None),
    "byline of an article on the timeline": (_rebyline, "fast", None),
    "date of an article on the timeline": (_redate, "fast", None),
    "byline": (_edit_plain("author: Dana Writer", "author: Dana Writer and Sam Other"), "fast", None),
    "source": (_edit_plain("source: Example Wire", "source: Example Daily"), "fast", None),
    "a new date": (_append(" The next round is due on March 3, 2031."), "fast", None),
    "a dated sentence reworded": (_edit_plain("closely.", "closely on March 3, 2025."), "fast", None),
    # a name discovered from a cue that no other article has: the delta, with every article that may match it
    "a new person quoted": (_append(" “We will not accept this plan,” said Foreign Minister Aigerim Bekova."),
                            "fast", None),
    "a new person another article names without a cue": (
        _edit_plain("closely.", "closely.\n\n“We are ready,” said Deputy Minister Zarina Tokbayeva."), "fast", None),
    "a new organization": (_edit_plain("closely.", "closely, said the Caspian Water Council, a regional body."),
                           "fast", None),
    # a country's body: its other names and its bare name are patterns of the automaton too
    "a country's body named three ways": (
        _edit_plain("closely.", "closely.\n\nKazakhstan's Foreign Ministry said nothing. The Kazakh Foreign "
                                "Ministry left, and the Foreign Ministry closed."), "fast", None),
    "seed added naming a country's body that another article names alone": (_owned_after_alone, "fast", None),
    "a discovered name dropped": (_edit_plain("said Foreign Minister Nurlan Abenov", "said an official"), "fast",
                                  None),
    # ... or one that other articles find too, when its entity stands: found first by an article the edit left
    # alone, with no new spelling and no new role
    "a discovered name another article finds": (_edit_plain("closely.", "closely.\n\n“No,” said Ulan Dosbol, "
                                                            "a diplomat."), "fast", None),
    "a discovered name another article finds, in a new spelling": (
        _edit_plain("closely.", "closely.\n\n“No,” said Ulan Dosböl, a diplomat."), "full", None),
    # edits that only the full build can take
    "a word another article capitalises": (_append(" the word kazakhstan in lower case."), "full", None),
    "title of an article on the timeline": (_retitle, "fast", None),
    "seed added": (_add_seed, "fast", None),
    "seed added first, with a new name, quotes and dates": (_FIRST_SEED, "fast", None),
    "seed added with a new person another article names without a cue": (
        _new_seed("mm-new.md", "---\ntitle: Ready\ndate: 2025-02-03\n---\n\n“We are ready,” said Deputy Minister "
                               "Zarina Tokbayeva.\n"), "fast", None),
    "seed added last, quoting a discovered person another article quotes": (
        _new_seed("zz-new.md", "---\ntitle: Bishkek again\ndate: 2025-02-05\n---\n\n“Yes,” said Ulan Dosbol, a "
                               "diplomat.\n"), "fast", None),
    "seed added that finds a name another article finds": (_new_seed("mm-new.md", "---\ntitle: Bishkek\n---\n\n"
                                                                    "“Yes,” said Ulan Dosbol, a diplomat.\n"),
                                                           "full", None),
    "seed added with a word another article capitalises": (_new_seed("mm-new.md", "---\ntitle: Lower case\n---\n\n"
                                                                     "Officials wrote kazakhstan in lower case.\n"),
                                                           "full", None),
    "seed removed": (_remove_seed, "fast", None),
    "seed removed that quotes people and names places": (lambda root: (root / "seeds" / PLAIN).unlink(), "fast",
                                                          None),
    "seed renamed": (lambda root: _middle_seed(root).rename(root / "seeds" / "zz-renamed.txt"), "fast", None),
    "seed renamed first in the seed order": (lambda root: (root / "seeds" / PLAIN).rename(root / "seeds" / "aa.md"),
                                             "fast", None),
    "seed renamed that finds a name first": (lambda root: (root / "seeds" / OTHER).rename(root / "seeds" / "zz.md"),
                                             "fast", None),
    "registry": (_edit_registry, "full", None),
    "generated page edited by hand": (_hand_edit_page, "full", None),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_incremental_equals_full(case: str, corpus: Path, tmp_path: Path) -> None:
    edit, expected_path, written = CASES[case]
    work = tmp_path / "work"
    shutil.copytree(corpus, work)
    first = _build(work)
    assert first.path == "full"
    edited = edit(work)
    result = _build(work)
    assert result.path == expected_path, result.reason
    if case == "a sentence on entity pages reworded":  # the article's page and at least one entity's
        assert f"articles/{_article_id(first, edited)}.md" in result.report.written
        assert any(not w.startswith("articles/") for w in result.report.written), result.report.written
    if written is not None:
        assert len(result.report.written) == written, result.report.written
        if written:
            assert result.report.written == (f"articles/{_article_id(first, edited)}.md",)

    assert _snapshot(work / "docs") == _full_build(work, tmp_path), f"{case}: incremental and full builds differ"
    again = _build(work)  # and the cache left behind is right too: nothing more to do
    assert again.path == "fast" and again.report.written == (), again.reason


#: the edits that reach the timeline's or the quotes page's sections (and the whole builds), taken again with
#: those pages cut into chapters (dossier.chapters): the chapters as written are what the delta edits
CHAPTERED_CASES = ("a registered person quoted", "a quote removed", "a quote reworded", "a new date",
                   "a dated sentence reworded", "date of an article on the timeline",
                   "title of an article on the timeline", "source", "a new person quoted", "seed removed",
                   "seed added first, with a new name, quotes and dates",
                   "title of an undated article", "byline")


@pytest.mark.parametrize("case", CHAPTERED_CASES)
def test_incremental_equals_full_with_chapters(case: str, corpus: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("dossier.chapters.CHAPTER_BYTES", 3000)
    monkeypatch.setattr("dossier.render.ENTITY_QUOTES", 1)  # a person quoted twice links to the quotes' chapter
    edit, expected_path, _ = CASES[case]
    work = tmp_path / "work"
    shutil.copytree(corpus, work)
    _build(work)
    chaptered = sorted(p.name for folder in ("explore", "articles") for p in (work / "docs" / folder).glob("*-*.md")
                       if p.name.split("-")[0] in ("timeline", "quotes", "sources", "index"))
    assert {n.split("-")[0] for n in chaptered} == {"timeline", "quotes", "sources", "index"}
    edit(work)
    result = _build(work)
    assert result.path == expected_path, result.reason
    assert _snapshot(work / "docs") == _full_build(work, tmp_path), f"{case}: incremental and full builds differ"
    assert _build(work).report.written == ()


@pytest.mark.parametrize("linked", [True, False])
@pytest.mark.parametrize("cuts", [True, False])
def test_an_edit_that_takes_a_page_past_the_limit_cuts_it(cuts: bool, linked: bool, corpus: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The timeline whole before an edit and in chapters after it, or the other way round: the incremental
    build removes the chapters it no longer writes, as the full build does. The edit is a new dated sentence,
    or that edit undone; which of the two makes the longer page depends on the events it displaces. An
    entity's page links to the timeline's year for the sources of an event it lists only in part: when some
    do (``linked``), their links change, on pages the edit does not otherwise reach, so it takes the full
    build; when no event has more than EVENT_SOURCES reports, the delta."""
    from dossier import chapters
    from dossier.timeline_delta import TIMELINE_PAGE

    if not linked:
        event_limits(monkeypatch, event_sources=1000)
    work = tmp_path / "work"
    shutil.copytree(corpus, work)
    seed = _middle_seed(work)
    original = seed.read_text(encoding="utf-8")
    edit = CASES["a new date"][0]
    sizes = []
    for _ in range(2):
        _build(work)
        sizes.append(len(chapters.read(work / "docs", TIMELINE_PAGE)[0].encode("utf-8")))
        edit(work)
    seed.write_text(original, encoding="utf-8")
    assert sizes[0] != sizes[1]
    monkeypatch.setattr("dossier.chapters.CHAPTER_BYTES", min(sizes))  # the longer of the two is cut
    edited_first = (sizes[1] < sizes[0]) is cuts  # start from the shorter page to cut it, else the longer
    if edited_first:
        edit(work)
    _build(work, full=True)
    assert bool(chapters.read_paths(work / "docs", TIMELINE_PAGE)) is not cuts
    if edited_first:
        seed.write_text(original, encoding="utf-8")
    else:
        edit(work)
    result = _build(work)
    if linked:
        assert result.path == "full" and "chapters of explore/timeline.md changed" in result.reason, result.reason
    else:
        assert result.path == "fast", result.reason
    assert bool(chapters.read_paths(work / "docs", TIMELINE_PAGE)) is cuts
    links = [p for p in (work / "docs").glob("*/*.md") if "every source is on the [timeline" in p.read_text("utf-8")]
    assert bool(links) is linked
    assert all(("timeline-" in p.read_text("utf-8")) is cuts for p in links)
    assert _snapshot(work / "docs") == _full_build(work, tmp_path), "incremental and full builds differ"


@pytest.mark.parametrize(("case", "grows"), [("a registered person quoted", True), ("a quote removed", False)])
def test_the_quotes_page_cut_or_made_whole_takes_the_full_build(case: str, grows: bool, corpus: Path, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A person's page links to its chapter of the quotes page: an edit that cuts the page, or makes it whole
    again, changes those links on pages the edit does not otherwise reach, so it takes the full build."""
    from dossier import chapters
    from dossier.render import QUOTES_PAGE

    monkeypatch.setattr("dossier.render.ENTITY_QUOTES", 1)
    work = tmp_path / "work"
    shutil.copytree(corpus, work)
    _build(work)
    size = len(chapters.read(work / "docs", QUOTES_PAGE)[0].encode("utf-8"))
    monkeypatch.setattr("dossier.chapters.CHAPTER_BYTES", size if grows else size - 1)
    _build(work, full=True)
    linking = [p for p in (work / "docs" / "people").glob("*.md") if "has them all" in p.read_text(encoding="utf-8")]
    assert linking and all(("quotes-" in p.read_text(encoding="utf-8")) is not grows for p in linking)
    CASES[case][0](work)
    result = _build(work)
    assert result.path == "full" and "chapters of explore/quotes.md changed" in result.reason, result.reason
    assert _snapshot(work / "docs") == _full_build(work, tmp_path), f"{case}: incremental and full builds differ"


def _few_on_the_timeline(monkeypatch: pytest.MonkeyPatch) -> None:
    """A timeline page of five events, and entity pages that name two sources of an event: of the events with
    more, the timeline page lists some (an entity's page links to their lines there) and not others (an entity's
    page lists every source itself)."""
    event_limits(monkeypatch, timeline_events=5, event_sources=2)


@pytest.mark.parametrize(("case", "page"), [("a quote reworded", "explore/quotes.md"),
                                          ("a dated sentence reworded", "explore/timeline.md")])
def test_an_edit_reads_only_the_chapters_it_changes(case: str, page: str, corpus: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The delta makes a cut quotes or timeline page again from the chapters the edit changed: it reads no
    other chapter of the page, does not cut the page again whole, and leaves the other chapters as written;
    a full build writes the same bytes."""
    from dossier import chapters

    monkeypatch.setattr("dossier.chapters.CHAPTER_BYTES", 3000)
    edit, _, _ = CASES[case]
    work = tmp_path / "work"
    shutil.copytree(corpus, work)
    _build(work)
    all_chapters = chapters.read_paths(work / "docs", page)
    assert len(all_chapters) > 3
    before = _snapshot(work / "docs")
    read, cut_whole = [], []
    real_chapter, real_split = chapters.Written._chapter, chapters.split

    def chapter(self: chapters.Written, k: int) -> list[str]:
        read.append((self.page, self.runs[k][1]))
        return real_chapter(self, k)

    def split(page_: str, text: str, renderer: object) -> dict[str, str]:
        cut_whole.append(page_)
        return real_split(page_, text, renderer)  # type: ignore[arg-type]

    monkeypatch.setattr(chapters.Written, "_chapter", chapter)
    monkeypatch.setattr(chapters, "split", split)
    edit(work)
    result = _build(work)
    assert result.path == "fast", result.reason
    assert page not in cut_whole
    mine = [path for p, path in read if p == page]
    assert mine and len(mine) < len(all_chapters) // 2, mine
    changed = {name for name, data in _snapshot(work / "docs").items() if before.get(name) != data}
    assert changed & set(all_chapters) == set(mine)  # the chapter read is the one written
    monkeypatch.setattr(chapters, "split", real_split)
    assert _snapshot(work / "docs") == _full_build(work, tmp_path), f"{case}: incremental and full builds differ"


#: edits that reach events (their reports, titles, dates) or the entity pages that show them
OFF_TIMELINE_CASES = ("a new date", "a dated sentence reworded", "title of an article on the timeline",
                      "date of an article on the timeline", "a country named", "source", "seed removed")


def _sources_listed(text: str) -> list[str]:
    """The lines of a page's lists of an event's every source (_events.md.j2): one link a line."""
    found, inside = [], False
    for line in text.splitlines():
        if line == "    - Also reported by:":
            inside = True
        elif inside and line.startswith("        - ["):
            found.append(line)
        elif not (inside and line.startswith("      { ")):
            inside = False
    return found


@pytest.mark.parametrize("case", OFF_TIMELINE_CASES)
def test_incremental_equals_full_with_events_off_the_timeline(case: str, corpus: Path, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    _few_on_the_timeline(monkeypatch)
    edit, expected_path, _ = CASES[case]
    work = tmp_path / "work"
    shutil.copytree(corpus, work)
    _build(work)
    entity_pages = [p.read_text("utf-8") for p in (work / "docs").glob("*/*.md") if p.parent.name in
                    ("countries", "people", "organizations", "themes")]
    assert any("every source is on the [timeline, under " in text for text in entity_pages)
    assert any("    - Also reported by:\n" in text for text in entity_pages)
    edit(work)
    result = _build(work)
    assert result.path == expected_path, result.reason
    assert _snapshot(work / "docs") == _full_build(work, tmp_path), f"{case}: incremental and full builds differ"


def test_an_event_that_comes_onto_the_timeline_page_changes_its_entities_links(corpus: Path, tmp_path: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """An article that reports the event just short of the timeline page's five brings it onto the page, and
    takes another off: the pages of both events' entities link to the timeline for the one, and list every
    source of the other, also those the edit does not otherwise reach."""
    from dossier import timeline
    from dossier.pipeline import build_site

    _few_on_the_timeline(monkeypatch)
    work = tmp_path / "work"
    shutil.copytree(corpus, work)
    _build(work)
    site = build_site(_paths(work))
    # as timeline.most_reported ranks them: the most reported first, then the most precise date, then date order
    ranked = sorted(site.renderer.kb_events, key=lambda e: (-len(e.reports), *timeline.prominence(e)[1:]))
    shown = ranked[:5]
    # an event one more report brings onto the page, dated in so many words ("since 2013"), so that its sentence
    # copied into another article dates the same (not "last year")
    coming = next(e for e in ranked[5:] if len(e.reports) > 2 and len(e.reports) + 1 > len(shown[-1].reports)
                  and any(c.isdigit() for c in e.reports[0].date_text))
    reporting = {site.kb.article_by_id[r.article_id].src_uri for r in coming.reports}
    seed = next(p for p in sorted((work / "seeds").iterdir()) if p.name[:5].isdigit() and p.name not in reporting)
    seed.write_text(seed.read_text(encoding="utf-8") + "\n\n" + coming.reports[0].sentence + "\n", encoding="utf-8")
    result = _build(work)
    assert result.path == "fast", result.reason
    firsts = {e.reports[0].sentence for e in timeline.most_reported(build_site(_paths(work)).renderer.kb_events, 5)}
    assert coming.reports[0].sentence in firsts, "the edit brought the event onto the timeline page"
    assert not {e.reports[0].sentence for e in shown} <= firsts, "and took another off"
    assert _snapshot(work / "docs") == _full_build(work, tmp_path), "incremental and full builds differ"


def _timeline_line(docs: Path, sentence: str) -> tuple[str, str]:
    """The anchor of the timeline page's line of the event that this sentence reports first, and the line
    with the lines under it (its other sources), from the page or its chapters."""
    for page in sorted((docs / "explore").glob("timeline*.md")):
        for block in EVENT_BLOCK.findall(page.read_text(encoding="utf-8")):
            found = re.match(r'- \*\*<span id="(e-[^"]+)"></span>[^*]+\*\*: (.*)', block)
            if found and found[2].startswith(sentence[:60]):
                return found[1], block
    raise AssertionError(f"no line on the timeline for {sentence!r}")


def test_an_event_keeps_its_anchor_when_a_new_article_reports_it(corpus: Path, tmp_path: Path) -> None:
    """A new article, newer than the others, that reports an event the timeline page shows: its line there
    keeps its anchor (a reader's saved link, and the entity pages' links, still reach it), names the new
    article, and the incremental build writes what a full build writes."""
    from dossier.pipeline import build_site

    work = tmp_path / "work"
    shutil.copytree(corpus, work)
    _build(work)
    site = build_site(_paths(work))
    site.renderer.prepare()
    event = next(e for e in site.renderer.kb_events if site.renderer.anchor_of(e) and len(e.reports) > 1 and
                 any(c.isdigit() for c in e.reports[0].date_text))  # dated in so many words: it dates the same
    anchor, _ = _timeline_line(work / "docs", event.reports[0].sentence)
    assert anchor == site.renderer.anchor_of(event)
    (work / "seeds" / "zz-newest.md").write_text(
        f"---\ntitle: The newest report\ndate: 2099-01-01\n---\n\n{event.reports[0].sentence}\n", encoding="utf-8")
    result = _build(work)
    assert result.path == "fast", result.reason
    anchor_after, line = _timeline_line(work / "docs", event.reports[0].sentence)
    assert anchor_after == anchor
    assert "The newest report" in line
    assert _snapshot(work / "docs") == _full_build(work, tmp_path), "incremental and full builds differ"


def test_the_related_cap_moves_once_in_fifty_articles() -> None:
    from dossier.index import related_cap

    assert [related_cap(n) for n in (0, 264, 265, 299, 300, 349, 350, 999, 1000, 10000)] == \
        [50, 50, 50, 50, 60, 60, 70, 190, 200, 200]
    assert sum(related_cap(n) != related_cap(n + 1) for n in range(20000)) == 15  # at 300, 350, ..., 1,000


def test_a_seed_added_where_a_fifth_of_the_corpus_moves_takes_the_fast_path(tmp_path: Path) -> None:
    """264 articles and one more: a fifth of the corpus goes from 52 to 53, and the cap of related articles
    stays at 50, so the new seed takes the fast path and writes what a full build writes."""
    from dossier.index import related_cap

    work = tmp_path / "work"
    generate(work, 264)
    assert (264 // 5, 265 // 5) == (52, 53) and related_cap(264) == related_cap(265)
    _build(work)
    _add_seed(work)
    result = _build(work)
    assert result.path == "fast", result.reason
    assert _snapshot(work / "docs") == _full_build(work, tmp_path), "incremental and full builds differ"


def test_retitling_a_source_an_entity_page_lists_in_full(corpus: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """An entity's page lists every source of an event the timeline page does not show, past the first
    EVENT_SOURCES too: retitling an article that reports such an event only past them renders those pages
    again. The delta once rendered only the pages that named a retitled article among the first sources, which
    left the old title on nine person pages of the 10,000-article benchmark."""
    from dossier import timeline
    from dossier.pipeline import build_site

    _few_on_the_timeline(monkeypatch)
    work = tmp_path / "work"
    shutil.copytree(corpus, work)
    _build(work)
    site = build_site(_paths(work))
    events = site.renderer.kb_events
    shown = {id(e) for e in timeline.most_reported(events, 5)}

    def listing(article_id: str, event: timeline.Event) -> list[Path]:
        """The pages of the event's entities that the article names not, which list it among the sources."""
        named = {eid for ids in site.kb.article_entities[article_id].values() for eid in ids}
        title = site.kb.article_by_id[article_id].title
        pages = [work / "docs" / site.kb.entities[eid].path for eid in event.entity_ids if eid not in named]
        return [p for p in pages if any(f"[{title}](" in line for line in _sources_listed(p.read_text("utf-8")))]

    article_id, listed = next((r.article_id, found) for e in events if id(e) not in shown for r in e.reports[2:]
                              if (found := listing(r.article_id, e)))
    article = site.kb.article_by_id[article_id]
    seed = work / "seeds" / article.src_uri
    text = seed.read_text(encoding="utf-8")
    seed.write_text(text.replace("\ntitle: ", "\ntitle: Retitled ", 1), encoding="utf-8")
    result = _build(work)
    assert result.path == "fast", result.reason
    assert all(f"[Retitled {article.title}](" in p.read_text("utf-8") for p in listed)
    assert _snapshot(work / "docs") == _full_build(work, tmp_path), "incremental and full builds differ"


def _article_id(result: incremental.BuildResult, seed: Path) -> str:
    assert result.site is not None
    return next(a.id for a in result.site.kb.articles if a.src_uri == seed.name)


def _cli(work: Path) -> list[str]:
    """build_pages.py on the work folder's seeds, registry and docs."""
    return [sys.executable, str(ROOT / "build_pages.py"), "--seeds", str(work / "seeds"), "--registry",
            str(work / "registry"), "--templates", str(ROOT / "templates"), "--docs", str(work / "docs")]


def test_cli_reports_the_path_and_refuses_broken_edits(corpus: Path, tmp_path: Path) -> None:
    """Through build_pages.py: a bad edit is an error naming the file and line, and docs/ stays as it was."""
    work = tmp_path / "work"
    shutil.copytree(corpus, work)
    cmd = _cli(work)
    assert "(full build: no cache yet)" in run(cmd).stdout
    before = _snapshot(work / "docs")
    seed = _middle_seed(work)
    seed.write_text("---\ntitle: [unclosed\n---\n" + seed.read_text(encoding="utf-8"), encoding="utf-8")
    broken = run(cmd, check=False)
    assert broken.returncode == 1
    assert f"seeds/{seed.name}:2" in broken.stderr
    assert _snapshot(work / "docs") == before
    seed.write_text(seed.read_text(encoding="utf-8").split("---\n", 2)[2], encoding="utf-8")
    fixed = run(cmd)
    assert "0 written" in fixed.stdout and "(fast build)" in fixed.stdout, fixed.stdout


def test_a_second_build_on_the_same_cache_waits_for_the_first(corpus: Path, tmp_path: Path) -> None:
    """Two builds on one cache folder (two terminals; ``mkdocs build`` beside ``mkdocs serve``, whose plugins
    share a cache): while one holds the cache's lock, the other says it waits, writes nothing, and builds once
    the lock is let go. Two at once used to fail, each moving the other's new cache file."""
    import fcntl
    import subprocess

    work = tmp_path / "work"
    shutil.copytree(corpus, work)
    cache = work / ".dossier-cache"
    cache.mkdir()
    cmd = _cli(work)
    with (cache / incremental.LOCK_FILE).open("ab") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # as another build, in another process, holds it
        second = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert second.stderr is not None
        said = second.stderr.readline()  # "" if it ends without waiting
        assert "another build is using" in said and "waiting for it to finish" in said, said
        assert second.poll() is None
        assert not (work / "docs").exists()
        fcntl.flock(held, fcntl.LOCK_UN)
        out, err = second.communicate(timeout=600)
    assert second.returncode == 0, err
    assert "(full build: no cache yet)" in out
    assert "0 written" in run(cmd).stdout  # and the lock is let go: the next build does not wait


def test_a_renamed_seed_that_found_a_shared_name_first_takes_the_full_build(corpus: Path, tmp_path: Path) -> None:
    """A discovered name two articles find: its entity's name and origin come from the first in seed order. When
    that seed is renamed to sort after the other, the other finds it first: the full build takes it (and both
    steps equal a fresh full build)."""
    work = tmp_path / "work"
    shutil.copytree(corpus, work)
    _build(work)
    CASES["a discovered name another article finds"][0](work)
    assert _build(work).path == "fast"
    (work / "seeds" / OTHER).rename(work / "seeds" / "zz-other.md")
    result = _build(work)
    assert result.path == "full", result.reason
    assert "other articles find it too" in result.reason
    assert _snapshot(work / "docs") == _full_build(work, tmp_path)


def test_two_new_seeds_that_would_make_one_page_are_refused(corpus: Path, tmp_path: Path) -> None:
    """Two seeds added at once with the same title: the fast path does not take them (they would be one
    article to it), and the full build names the clash, as for any seeds."""
    work = tmp_path / "work"
    shutil.copytree(corpus, work)
    _build(work)
    for name in ("mm-one.md", "mm-two.md"):
        (work / "seeds" / name).write_text("---\ntitle: The same title\n---\n\nOfficials met in Oslo.\n",
                                           encoding="utf-8")
    with pytest.raises(DossierErrors, match="already gets"):
        _build(work)


def test_a_sequence_of_edits_each_equals_full(corpus: Path, tmp_path: Path) -> None:
    """Deltas one after another, each on the cache the last one left: a name and a year that no other article
    has come and go, a dated article is retitled, a discovered name comes (another article names it) and
    goes, seeds are added (one first in the seed order, one last), the first edited and then removed, and so
    is one of the corpus, and every step is compared with a fresh full build."""
    work = tmp_path / "work"
    shutil.copytree(corpus, work)
    assert _build(work).path == "full"
    seed = _middle_seed(work)
    original_seed = seed.read_text(encoding="utf-8")
    original_plain = (work / "seeds" / PLAIN).read_text(encoding="utf-8")

    def restore(root: Path) -> None:
        seed.write_text(original_seed, encoding="utf-8")
        (root / "seeds" / PLAIN).write_text(original_plain, encoding="utf-8")

    steps: list[tuple[str, Callable[[Path], object]]] = [
        ("a country no other article names", CASES["a country no other article names"][0]),
        ("a year no other article has", _append(" Talks resumed on May 4, 2039, in Astana and Tashkent.")),
        ("a dated sentence in the undated article", CASES["a dated sentence reworded"][0]),
        ("title of an article on the timeline", _retitle),
        ("a registered person quoted", _edit_plain("observer.", "observer.\n\n“Trade matters,” said Ibrahim Sultanov")),
        ("a new person another article names", _edit_plain("observer.", "observer. “We are ready,” said Deputy "
                                                           "Minister Zarina Tokbayeva.")),
        ("a seed added first", _FIRST_SEED),
        ("the added seed's discovered name taken out", lambda root: (root / "seeds" / "aa-first.md").write_text(
            (root / "seeds" / "aa-first.md").read_text(encoding="utf-8").replace(
                "“We will not accept this plan,” said Foreign Minister Aigerim Bekova.", "Officials did not comment."),
            encoding="utf-8")),
        ("a seed added last", _add_seed),
        ("the seed added first removed", lambda root: (root / "seeds" / "aa-first.md").unlink()),
        ("back to the first text", restore),
        ("a seed removed", _remove_seed),
    ]
    for step, (name, edit) in enumerate(steps):
        edit(work)
        result = _build(work)
        assert result.path == "fast", f"{name}: {result.reason}"
        assert _snapshot(work / "docs") == _full_build(work, tmp_path, f"fresh{step}"), \
            f"after '{name}': incremental and full differ"


def test_a_cache_of_another_layout_is_emptied(corpus: Path, tmp_path: Path) -> None:
    """A cache an older version wrote (its event table keyed by number) does not break the build: it is
    emptied, the build is full, and the next one fast."""
    work = tmp_path / "work"
    shutil.copytree(corpus, work)
    (work / ".dossier-cache").mkdir()
    db = sqlite3.connect(work / ".dossier-cache" / "cache.sqlite")
    db.execute("CREATE TABLE event (number INTEGER PRIMARY KEY, data BLOB)")
    db.execute("INSERT INTO event VALUES (1, x'00')")
    db.commit()
    db.close()
    assert _build(work).path == "full"
    assert _build(work).path == "fast"


def test_a_full_build_replaces_a_cache_whose_log_a_crash_left(corpus: Path, tmp_path: Path) -> None:
    """A full build writes its cache to a new file and renames it over the old one. A write-ahead log that a
    crashed connection left beside the old file holds the old file's pages: it is folded back into the old
    file and removed before the rename, or SQLite would apply it to the new file and break it."""
    work = tmp_path / "work"
    shutil.copytree(corpus, work)
    assert _build(work).path == "full"
    path = work / ".dossier-cache" / "cache.sqlite"
    wal, shm = path.with_name("cache.sqlite-wal"), path.with_name("cache.sqlite-shm")
    db = sqlite3.connect(path)
    db.execute("PRAGMA wal_autocheckpoint = 0")  # the pages stay in the log
    db.execute("DELETE FROM seed")
    db.execute("INSERT OR REPLACE INTO part VALUES ('stale', zeroblob(100000))")
    db.commit()
    left = wal.read_bytes(), shm.read_bytes()  # what a crash leaves: the log of a connection never closed
    db.close()
    wal.write_bytes(left[0])
    shm.write_bytes(left[1])
    assert _build(work, full=True).path == "full"
    check = sqlite3.connect(path)
    assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert check.execute("SELECT count(*) FROM part WHERE name = 'stale'").fetchone() == (0,)
    check.close()
    assert Cache(work / ".dossier-cache").rows("seed")
    assert _build(work).path == "fast"
    assert not wal.exists()


def test_a_full_save_that_fails_leaves_the_old_cache(corpus: Path, tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    cache.save({"status": "old"}, {"seed": {"a.md": 1}}, replace=True)

    def failing() -> dict[str, object]:
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        cache.save({}, {"seed": {"b.md": 2}}, replace=True, last=failing)
    assert cache.rows("seed") == {"a.md": 1}
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == ["cache.sqlite"]


BYLINED = "bylined-talks.md"
BYLINED_TEXT = """---
title: Grain talks in Almaty
source: Example Wire
author: Aigerim Sadykova
date: 2025-01-20
slug: grain-in-almaty
---

Traders from Kazakhstan met in Almaty to talk about grain.
"""


@pytest.mark.parametrize(("name", "reaches"), [("Aigerim Bekova", False), ("Aigerim Sadykova", True)])
def test_a_new_name_reaches_a_byline_only_by_its_full_name(name: str, reaches: bool, corpus: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """A byline is matched on full names only: a new person's short form ("Aigerim") leaves alone an article
    whose byline has it, which a full build at 10,000 articles would otherwise take (an Aigerim signs
    hundreds of them), while the same person's full name in a byline brings that article in."""
    work = tmp_path / "work"
    shutil.copytree(corpus, work)
    (work / "seeds" / BYLINED).write_text(BYLINED_TEXT, encoding="utf-8")
    assert _build(work).path == "full"
    seen: list[set[str]] = []
    real = incremental.terms.reached

    def spy(*args: object) -> set[str]:
        seen.append(real(*args))  # type: ignore[arg-type]
        return seen[-1]

    monkeypatch.setattr(incremental.terms, "reached", spy)
    _edit_plain("closely.", f"closely.\n\n“We will not accept this plan,” said Foreign Minister {name}.")(work)
    result = _build(work)
    assert result.path == "fast", result.reason
    assert seen and (BYLINED in seen[-1]) is reaches, seen
    assert _snapshot(work / "docs") == _full_build(work, tmp_path)


def _entity_pages_rendered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths of the entity pages (own and numbered) the builds render from now on, as they render them."""
    rendered: list[str] = []
    real = Renderer.entity_pages

    def spy(self: Renderer, entity: Entity, numbers: set[int] | None = None, first: bool = True) -> dict[str, str]:
        pages = real(self, entity, numbers, first)
        rendered.extend(pages)
        return pages

    monkeypatch.setattr(Renderer, "entity_pages", spy)
    return rendered


@pytest.mark.parametrize(("old", "new", "entity_pages"), [
    ("author: Dana Writer", "author: Dana Writer and Sam Other", False),
    ("source: Example Wire", "source: Example Daily", True)])
def test_an_author_reaches_only_the_pages_that_credit_it(old: str, new: str, entity_pages: bool, corpus: Path,
                                                         tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An entity's page lists each article with its source and date, not its author: a new author (who is no
    registered person) renders the article, the sources page, the feeds and knowledge.json again, and no
    entity page; a new source renders the pages of the entities the article names too."""
    work = tmp_path / "work"
    shutil.copytree(corpus, work)
    assert _build(work).path == "full"
    rendered = _entity_pages_rendered(monkeypatch)
    _edit_plain(old, new)(work)
    result = _build(work)
    assert result.path == "fast", result.reason
    assert bool(rendered) is entity_pages, rendered
    assert "explore/sources.md" in result.report.written


OLD = "old-talks.md"
OLD_TEXT = """---
title: Talks long ago
source: Example Wire
date: 2001-05-01
slug: talks-long-ago
---

Officials from the United States, Russia and China met to talk about trade.

“Trade matters,” said Miriam Chaudhry.

On May 4, 2001, Mongolia sent an observer.
"""
#: newer articles that name the person the old article quotes, so that it is listed on her second page
NEWER = """---
title: Water talks, part {n}
source: Example Wire
date: 2024-0{n}-01
slug: water-talks-{n}
---

Miriam Chaudhry spoke about water in Mongolia.
"""


def test_a_retitled_article_deep_in_a_list_leaves_the_entity_page_alone(corpus: Path, tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A new title shows on the numbered list page that lists the article, not on an entity's own page when the
    article is not among the newest it lists (nor quoted on it, nor a source of an event it shows): at four
    articles a page, an old article is on the last page of the countries it names, and on the second page
    of the person it quotes, whose own page shows the quote and so the new title, as the page of a country
    shows the article as the source of an event. The result is the full build's, byte for byte."""
    work = tmp_path / "work"
    shutil.copytree(corpus, work)
    seed = work / "seeds" / OLD
    seed.write_text(OLD_TEXT, encoding="utf-8")
    for n in range(1, 6):
        (work / "seeds" / f"newer-{n}.md").write_text(NEWER.format(n=n), encoding="utf-8")
    assert _build(work).path == "full"
    rendered = _entity_pages_rendered(monkeypatch)
    seed.write_text(OLD_TEXT.replace("title: Talks long ago", "title: Trade talks long ago"), encoding="utf-8")
    result = _build(work)
    assert result.path == "fast", result.reason
    for country in ("united-states", "russia", "china"):
        assert f"countries/{country}.md" not in rendered, rendered
        assert any(path.startswith(f"countries/{country}/") for path in rendered), rendered
    assert any(path.startswith("countries/china/") for path in result.report.written), result.report.written
    # but the page of the person it quotes shows its title with the quote, on her own page
    assert "people/miriam-chaudhry.md" in result.report.written, result.report.written
    # and so does the page of the country whose event it reports (the only one it has)
    assert "countries/mongolia.md" in result.report.written, result.report.written
    assert _snapshot(work / "docs") == _full_build(work, tmp_path)


HUB = """---
title: Central Asia summit, day {n}
source: Example Wire
date: 2024-05-0{n}
slug: summit-{n}
---

Kazakhstan, Uzbekistan, Kyrgyzstan, Tajikistan, Turkmenistan, Mongolia, China, Russia, Iran, Turkey, India, Pakistan
and Afghanistan met.
"""
WATCHER = """---
title: Armenia watches the summit
source: Example Wire
date: 2024-06-01
slug: armenia-watches
---

Kazakhstan sent a delegation to the summit.

Armenia watched from afar.
"""


@pytest.mark.parametrize(("old", "new"), [
    ("summit.\n\nArmenia", "summit. Armenia"),  # its two paragraphs made one, with the same sentences
    ("afar.\n", "afar.\n\nJapan sent a note.\n")])  # a country named in a paragraph of its own
def test_an_entity_named_alongside_is_rendered_only_if_its_page_shows_it(
        old: str, new: str, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An article that still names two entities names them in one paragraph now, or names another entity:
    their pages change only in what they show of the entities named with them ("Appears with", the
    neighbourhood drawing). Kazakhstan shares three articles and paragraphs with each of twelve other
    countries, so one more with Armenia or Japan leaves what its page shows as it was, and the page is not
    rendered; Armenia's page shows Kazakhstan's paragraph, or Japan, and it is."""
    work = tmp_path / "work"
    (work / "seeds").mkdir(parents=True)
    shutil.copytree(corpus / "registry", work / "registry")
    for n in range(1, 4):
        (work / "seeds" / f"summit-{n}.md").write_text(HUB.format(n=n), encoding="utf-8")
    watcher = work / "seeds" / "watcher.md"
    watcher.write_text(WATCHER, encoding="utf-8")
    assert _build(work).path == "full"
    rendered = _entity_pages_rendered(monkeypatch)
    watcher.write_text(WATCHER.replace(old, new), encoding="utf-8")
    result = _build(work)
    assert result.path == "fast", result.reason
    assert "countries/armenia.md" in rendered and "countries/armenia.md" in result.report.written, rendered
    assert "countries/kazakhstan.md" not in rendered, rendered
    assert _snapshot(work / "docs") == _full_build(work, tmp_path)
    again = _build(work)  # the cache kept Kazakhstan's new paragraph count, though its page was not rendered
    assert again.path == "fast" and again.report.written == (), again.reason


@pytest.mark.parametrize(("newest", "feed_written"), [(False, False), (True, True)])
def test_a_retitled_article_rewrites_the_feeds_that_list_it(newest: bool, feed_written: bool, corpus: Path,
                                                              tmp_path: Path) -> None:
    """A feed lists the newest FEED_ITEMS articles (four here): a new title of an older article leaves the
    feed of every article alone, and of the newest rewrites it; either way the result is the full build's."""
    work = tmp_path / "work"
    shutil.copytree(corpus, work)
    assert _build(work).path == "full"
    feed = (work / "docs" / "feed.xml").read_text(encoding="utf-8")
    stubs = incremental.Cache(work / ".dossier-cache").index().stubs
    ordered = list(stubs.values())
    article = ordered[0] if newest else ordered[len(ordered) // 2]
    assert (f"dossier:{article.id}<" in feed) == newest
    seed = work / "seeds" / article.src_uri
    text = seed.read_text(encoding="utf-8")
    retitled = text.replace(f"title: {article.title}", f"title: {article.title}, again", 1)
    assert retitled != text
    seed.write_text(retitled, encoding="utf-8")
    result = _build(work)
    assert result.path == "fast", result.reason
    assert ("feed.xml" in result.report.written) == feed_written, result.report.written
    assert _snapshot(work / "docs") == _full_build(work, tmp_path)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_write_that_fails_leaves_no_cache_the_fast_path_trusts(workers: int, corpus: Path, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """When writing the pages fails, the cache has no status the fast path could trust, so the next build is
    full (and the one after it fast). With workers, the cache is saved by a forked process while the pages
    are written: it must save nothing, not even the rows it had written before the failure."""
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)
    work = tmp_path / "work"
    shutil.copytree(corpus, work)

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    with monkeypatch.context() as patch:
        patch.setattr(incremental, "write_pages", broken)
        with pytest.raises(OSError, match="disk full"):
            incremental.build(_paths(work), work / "docs", work / ".dossier-cache", workers=workers)
    assert Cache(work / ".dossier-cache").load("status") is None
    assert Cache(work / ".dossier-cache").rows("seed") == {}
    assert _build(work).path == "full"
    assert _build(work).path == "fast"


def test_a_build_with_workers_equals_one_without(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Forked workers discovering, analysing and rendering: the same docs as one process, and a cache the next
    build (after an edit) takes the fast path with, to the same docs as a full build."""
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)
    one, two = tmp_path / "one", tmp_path / "two"
    for folder in (one, two):
        shutil.copytree(corpus, folder)
    incremental.build(_paths(one), one / "docs", one / ".dossier-cache", workers=1)
    incremental.build(_paths(two), two / "docs", two / ".dossier-cache", workers=2)
    assert _snapshot(two / "docs") == _snapshot(one / "docs")
    # the graph's layout is kept by the cache whichever process drew the graph page (a worker, with two)
    graph_state = Cache(two / ".dossier-cache").load("graph")
    assert graph_state.layouts and graph_state == Cache(one / ".dossier-cache").load("graph")
    seed = sorted((two / "seeds").glob("*.md"))[-1]
    seed.write_text(seed.read_text(encoding="utf-8").rstrip("\n") + " Kazakhstan said so.\n", encoding="utf-8")
    assert _build(two).path == "fast"
    assert _snapshot(two / "docs") == _full_build(two, tmp_path)


def test_acronym_edits_each_equal_full(corpus: Path, tmp_path: Path) -> None:
    """An organization's acronym (:func:`dossier.discover.acronyms_merged`) reaches articles that name it alone:
    a seed that gives it, one that names it alone, the acronym taken back, and an edit that leaves acronyms alone.
    Each step equals a fresh full build. An edit that gives an acronym, or names one alone, takes the full build
    where another article gives it or names it alone too, and the fast path where none does (the acronym then
    reaches, as any new name does, the articles that have it without a cue)."""
    work = tmp_path / "work"
    shutil.copytree(corpus, work)
    assert _build(work).path == "full"
    giving = work / "seeds" / "mm-water.md"
    alone = work / "seeds" / "zz-water.md"
    council = "../organizations/caspian-water-council.md"
    steps: list[tuple[str, Callable[[Path], object], str]] = [
        ("a seed that names the acronym alone", lambda root: alone.write_text(
            "---\ntitle: Water again\ndate: 2025-03-02\n---\n\nThe CWC said on Tuesday that talks would go on.\n",
            encoding="utf-8"), "fast"),
        ("a seed that gives the acronym", lambda root: giving.write_text(
            "---\ntitle: Water\ndate: 2025-03-01\n---\n\nThe Caspian Water Council (CWC) met in Astana.\n",
            encoding="utf-8"), "full"),
        ("another article names it alone", _edit_plain("closely.", "closely, and the CWC said so."), "full"),
        ("an edit that leaves acronyms alone", _edit_plain("from Turkmenistan", "from Mongolia and Turkmenistan"),
         "fast"),
        ("the acronym taken back", lambda root: giving.write_text(
            "---\ntitle: Water\ndate: 2025-03-01\n---\n\nThe Caspian Water Council met in Astana.\n",
            encoding="utf-8"), "full"),
        ("an acronym without a cue", _edit_plain("from Mongolia", "from Mongolia, with ASF money,"), "fast"),
        ("a seed that gives it, which no other article gives or names alone", lambda root: (
            root / "seeds" / "mm-aral.md").write_text(
            "---\ntitle: Aral\ndate: 2025-03-03\n---\n\nThe Aral Sea Fund (ASF) met in Nukus.\n", encoding="utf-8"),
         "fast"),
    ]
    for step, (name, edit, path) in enumerate(steps):
        edit(work)
        result = _build(work)
        assert result.path == path, f"{name}: {result.reason}"
        assert _snapshot(work / "docs") == _full_build(work, tmp_path, f"fresh{step}"), \
            f"after '{name}': incremental and full differ"
        page = (work / "docs" / "articles" / "water-again.md").read_text(encoding="utf-8")
        assert (f"The [CWC]({council}) said" in page) == (1 <= step <= 3), name
    page = (work / "docs" / "articles" / "talks-in-astana.md").read_text(encoding="utf-8")
    assert "with [ASF](../organizations/aral-sea-fund.md) money" in page
