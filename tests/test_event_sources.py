"""An entity's page names the first EVENT_SOURCES articles that report an event; for the others it sends the
reader to the timeline page, which lists every source, only if the timeline page shows the event (it shows
the TIMELINE_EVENTS most reported). Otherwise the entity's page lists them all itself. A synthetic corpus of
30 articles, with a timeline page of five events and entity pages that name two sources, built whole and cut
into chapters; ``mkdocs build --strict`` (which checks every link's anchor) and the browser are real. The
incremental build's side is in test_incremental.py."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import EVENT_BLOCK, ROOT, build_without_plugin, event_limits, serve_folder
from playwright.sync_api import Page, expect

from dossier.pipeline import Paths, Site, build_site
from dossier.timeline import Event

ENTITY_FOLDERS = ("countries", "people", "organizations", "themes")
_PLACE = re.compile(r"every source is on the \[timeline, under (.+?)\]\((.+?)\)")


def _site(work: Path, cut: bool) -> Site:
    with pytest.MonkeyPatch.context() as mp:
        event_limits(mp, timeline_events=5, event_sources=2)
        if cut:
            mp.setattr("dossier.chapters.CHAPTER_BYTES", 3000)
        return build_site(Paths(work / "seeds", work / "registry", ROOT / "templates"))


@pytest.fixture(scope="module", params=["whole", "cut"])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Site:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    work = tmp_path_factory.mktemp("corpus")
    generate(work, 30)
    return _site(work, request.param == "cut")


def _resolve(page: str, link: str) -> tuple[str, str]:
    """A relative link from a page: (the page it opens, its anchor)."""
    target, _, anchor = link.partition("#")
    parts = page.split("/")[:-1]
    for part in target.split("/"):
        if part == "..":
            parts.pop()
        else:
            parts.append(part)
    return "/".join(parts), anchor


def _anchored(text: str, anchor: str) -> tuple[str, str]:
    """The page's event of this anchor, with its anchor taken out, and the heading of its year."""
    for section in re.split(r"^(?=## )", text, flags=re.MULTILINE):
        for block in EVENT_BLOCK.findall(section):
            if f'<span id="{anchor}"></span>' in block.split("\n", 1)[0]:
                return block.replace(f'<span id="{anchor}"></span>', ""), section.split("\n", 1)[0]
    raise AssertionError(f"no event #{anchor}")


def test_every_event_an_entity_page_lists_in_part_has_all_its_sources_one_link_away(site: Site) -> None:
    timeline = "".join(text for path, text in site.pages.items() if re.fullmatch(r"explore/timeline(-.+)?\.md", path))
    linked = listed = 0
    for path, text in site.pages.items():
        if path.split("/")[0] not in ENTITY_FOLDERS or path.count("/") != 1:
            continue
        for block in EVENT_BLOCK.findall(text):
            first = block.split("\n", 1)[0]
            place = _PLACE.search(block)
            if place:  # the timeline page lists it, in that year, with every source
                linked += 1
                target, anchor = _resolve(path, place[2])
                shown, heading = _anchored(site.pages[target], anchor)
                assert heading == f"## {place[1]}" and shown.split("\n", 1)[0] == first
                assert "Also reported by" in shown and "more articles" not in shown
            elif "    - Also reported by:\n" in block:  # it is not on the timeline page: every source is here
                listed += 1
                assert first not in timeline.split("\n"), f"{path}: {first} is on the timeline, not linked"
                assert "more articles" not in block
    assert linked and listed, (linked, listed)


def test_the_timeline_page_shows_the_events_it_is_linked_for(site: Site) -> None:
    """In chapters, a link goes to the event's line on its year's chapter; whole, on the page. Each of the
    timeline's events has an anchor, none twice on a page."""
    cut = any(p.startswith("explore/timeline-") for p in site.pages)
    links = {m[2] for text in site.pages.values() for m in _PLACE.finditer(text)}
    assert links
    page = r"timeline-[\w-]+" if cut else "timeline"
    assert all(re.fullmatch(rf"\.\./explore/{page}\.md#e-[0-9a-f]{{12}}(-\d+)?", link) for link in links), links
    for path, text in site.pages.items():
        if path.startswith("explore/timeline"):
            anchors = re.findall(r'<span id="(e-[^"]+)"></span>', text)
            assert len(anchors) == len(set(anchors)) == text.count("\n- **"), path


@pytest.fixture(scope="module")
def html(site: Site, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The pages built by ``mkdocs build --strict`` without our plugin: every link and anchor found."""
    return build_without_plugin(site.pages, tmp_path_factory.mktemp("events"))


@pytest.fixture(scope="module")
def url(html: Path) -> Iterator[str]:
    with serve_folder(html) as served:
        yield served


@pytest.mark.browser
def test_a_reader_follows_an_event_to_its_every_source(page: Page, site: Site, url: str) -> None:
    path, text = next((p, t) for p, t in sorted(site.pages.items()) if p.startswith("countries/") and _PLACE.search(t))
    block = next(b for b in EVENT_BLOCK.findall(text) if _PLACE.search(b))
    year = _PLACE.search(block)[1]  # type: ignore[index]
    sentence = re.sub(r"\\(.)", r"\1", block.split("**: ", 1)[1].split(" ([", 1)[0])
    page.goto(f"{url}/{path.removesuffix('.md')}/")
    link = page.get_by_role("link", name=f"timeline, under {year}", exact=True).first
    anchor = link.get_attribute("href").split("#")[1]  # type: ignore[union-attr]
    link.click()
    expect(page.locator("article h2", has_text=re.compile(rf"^{year}"))).to_have_count(1)
    item = page.locator(f"article li:has(> p > strong > [id='{anchor}']), article li:has(> strong > [id='{anchor}'])")
    expect(item).to_have_count(1)
    expect(item).to_contain_text(sentence)
    expect(item).to_contain_text("Also reported by")
    # the sources, a list of one link an item (for Markdown's sake), read as one line after the label
    sources = item.locator("li.dossier-inline", has_text="Also reported by")
    titles = sources.locator("> ul > li")
    assert titles.count() >= 1 and titles.first.evaluate("e => getComputedStyle(e).display") == "inline"
    label = sources.evaluate("e => { const r = document.createRange(); r.selectNodeContents(e.firstChild); "
                             "const b = r.getBoundingClientRect(); return [b.top, b.right] }")
    first = titles.first.evaluate("e => { const b = e.getClientRects()[0]; return [b.top, b.left] }")  # its first line
    assert abs(label[0] - first[0]) < 4  # on the label's line
    assert 0 <= first[1] - label[1] < 10, (label, first)  # a space after it: no list margin
    # and marked (docs/stylesheets/reader.css): the target of the link among the year's events
    assert item.evaluate("e => getComputedStyle(e).backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")
    # the event's line is on screen, below the sticky header: the link opened the event, not the top of the page
    expect(page).to_have_url(re.compile(rf"#{anchor}$"))
    box = page.locator(f"[id='{anchor}']").bounding_box()
    header = page.locator("header.md-header").bounding_box()
    assert box is not None and header is not None
    assert header["y"] + header["height"] <= box["y"] < page.viewport_size["height"] - box["height"], box  # type: ignore[index]


def test_the_lists_of_sources_by_title_are_left_out_of_search(site: Site, html: Path) -> None:
    """Each title is searchable on its article's page; on the timeline and entity pages a list of them
    would make a search for a word of a title return every page that lists that article."""
    import json

    docs = json.loads((html / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    listing = {path.removesuffix(".md") + "/" for path, text in site.pages.items()
               if "    - Also reported by:\n" in text}
    assert listing
    indexed = [d for d in docs if d["location"].split("#")[0] in listing]
    assert indexed  # the pages are searchable, but for their lists of sources
    assert not [d["location"] for d in indexed if "Also reported by" in d["text"]]
    page = (html / sorted(listing)[0] / "index.html").read_text(encoding="utf-8")
    assert '<li class="dossier-inline" data-search-exclude>Also reported by:' in page


def test_an_event_anchor_is_the_one_the_incremental_build_makes_of_its_digest(site: Site) -> None:
    """The full build numbers two events of a year with the same earliest report (find_reports reports a
    sentence once, so this is made here: a copy of one event that a newer article reports too) as the cache
    numbers their digests, so that the
    incremental build gives each line the same anchor; an event the page does not show still counts."""
    import dataclasses

    from dossier.cache import summarise
    from dossier.timeline import event_anchor, event_anchors, year_key

    events = site.renderer.kb_events
    year = year_key(events[0].when)
    same_year = [e for e in events if year_key(e.when) == year]
    other = next(r for e in events for r in e.reports if r.article_id != same_year[0].reports[0].article_id)
    # ends as the first does (the same earliest report), and a newer article reports it too
    twice = [*same_year[:2], dataclasses.replace(same_year[0], reports=(other, *same_year[0].reports))]
    anchors = event_anchors(twice, twice)
    assert len(set(anchors.values())) == 3 and anchors[id(twice[2])] == anchors[id(twice[0])] + "-2"
    by_digest = {id(e): event_anchor(s[0]) for e, s in zip(twice, summarise(twice), strict=True)}
    assert anchors == by_digest
    assert event_anchors(twice, twice[1:]) == {id(e): anchors[id(e)] for e in twice[1:]}


def test_an_event_anchor_holds_when_a_newer_article_reports_it(site: Site) -> None:
    """An event's anchor is made of its earliest report, so a new report of it, from a newer article, leaves
    the anchor (and a reader's link to the line) as it was, and changes its digest."""
    import dataclasses

    from dossier.timeline import event_anchors, event_digest

    def anchor(event: Event) -> str:
        return event_anchors([event], [event])[id(event)]

    event = next(e for e in site.renderer.kb_events if len(e.reports) > 1)
    before = dataclasses.replace(event, reports=event.reports[1:])  # before its newest article was added
    assert anchor(before) == anchor(event) and event_digest(before) != event_digest(event)
    assert anchor(dataclasses.replace(event, reports=event.reports[:-1])) != anchor(event)


@pytest.mark.parametrize("folder", ["explore", "countries"])
def test_every_source_is_listed_under_its_event(html: Path, folder: str) -> None:
    """In the HTML, an event's "Also reported" and "Names" lines are items of a list nested in the event's
    item, never items beside it (Python-Markdown flattens the lists after a blank line in a nested list)."""
    nested = re.compile(r"<li>\s*(?:<p>)?<strong>(?:<span id=\"[^\"]+\"></span>)?[^<]+</strong>: [^\n]*\n?<ul>\n<li>")
    beside = re.compile(r"\n<li>\s*(?:<p>)?(?:Also reported|Names: )")
    checked = 0
    for page in sorted((html / folder).glob("*/index.html")):
        text = page.read_text(encoding="utf-8")
        for item in re.split(r"(?=<li>\s*(?:<p>)?<strong>)", text)[1:]:
            if re.search(r"</strong>: ", item.split("\n", 1)[0]) and beside.search(item):
                checked += 1
                assert nested.match(item), f"{page}: {item[:300]}"
    assert checked
