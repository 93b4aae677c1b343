"""An entity's page names the first EVENT_SOURCES articles that report an event; for the others it sends the
reader to the timeline page, which lists every source, only if the timeline page shows the event (it shows
the TIMELINE_EVENTS most reported). Otherwise the entity's page lists them all itself. A synthetic corpus of
30 articles, with a timeline page of five events and entity pages that name two sources, built whole and cut
into chapters; ``mkdocs build --strict`` (which checks every link's anchor) and the browser are real. The
incremental build's side is in test_incremental.py."""

from __future__ import annotations

import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, copy_hand_written_docs, run, serve_folder
from playwright.sync_api import Page, expect

from dossier.pipeline import Paths, Site, build_site
from dossier.writer import write_pages

ENTITY_FOLDERS = ("countries", "people", "organizations", "themes")
#: an event's block on a page: its first line, and its lines below (the other sources, the names)
_EVENT = re.compile(r"^- \*\*.+\n(?:    .*\n)*", re.MULTILINE)
_PLACE = re.compile(r"every source is on the \[timeline, under (.+?)\]\((.+?)\)")


def _site(work: Path, cut: bool) -> Site:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("dossier.render.TIMELINE_EVENTS", 5)
        mp.setattr("dossier.render.EVENT_SOURCES", 2)
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


def _year_section(text: str, anchor: str) -> str:
    """The page's section under the heading of this anchor ("2016"; "year-not-stated"), or all of it."""
    if not anchor:
        return text
    for section in re.split(r"^(?=## )", text, flags=re.MULTILINE):
        if section.startswith("## ") and section[3:].split("\n", 1)[0].lower().replace(" ", "-") == anchor:
            return section
    raise AssertionError(f"no section #{anchor}")


def test_every_event_an_entity_page_lists_in_part_has_all_its_sources_one_link_away(site: Site) -> None:
    timeline = "".join(text for path, text in site.pages.items() if re.fullmatch(r"explore/timeline(-.+)?\.md", path))
    linked = listed = 0
    for path, text in site.pages.items():
        if path.split("/")[0] not in ENTITY_FOLDERS or path.count("/") != 1:
            continue
        for block in _EVENT.findall(text):
            first = block.split("\n", 1)[0]
            place = _PLACE.search(block)
            if place:  # the timeline page lists it, in that year, with every source
                linked += 1
                target, anchor = _resolve(path, place[2])
                assert bool(anchor) is (target == "explore/timeline.md")  # a year's heading, or its chapter
                section = _year_section(site.pages[target], anchor or place[1].lower().replace(" ", "-"))
                assert section.startswith(f"## {place[1]}\n")
                shown = next(b for b in _EVENT.findall(section) if b.split("\n", 1)[0] == first)
                assert "Also reported by" in shown and "more articles" not in shown
            elif "Also reported by: " in block:  # it is not on the timeline page: every source is here
                listed += 1
                assert first not in timeline.split("\n"), f"{path}: {first} is on the timeline, not linked"
                assert "more articles" not in block
    assert linked and listed, (linked, listed)


def test_the_timeline_page_shows_the_events_it_is_linked_for(site: Site) -> None:
    """In chapters, a link goes to the year's chapter; whole, to the year's heading on the page."""
    cut = any(p.startswith("explore/timeline-") for p in site.pages)
    links = {m[2] for text in site.pages.values() for m in _PLACE.finditer(text)}
    assert links
    if cut:
        assert all(re.fullmatch(r"\.\./explore/timeline-[\w-]+\.md", link) for link in links), links
    else:
        assert all(re.fullmatch(r"\.\./explore/timeline\.md#[\w-]+", link) for link in links), links


@pytest.fixture(scope="module")
def html(site: Site, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The pages built by ``mkdocs build --strict`` without our plugin: every link and anchor found."""
    work = tmp_path_factory.mktemp("events")
    docs = copy_hand_written_docs(work / "docs")
    write_pages(site.pages, docs)
    (docs / ".dossier-manifest.json").unlink()
    shutil.copytree(ROOT / "docs" / "stylesheets", docs / "stylesheets", dirs_exist_ok=True)
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(docs)
    config["theme"]["custom_dir"] = str(ROOT / "overrides")
    config["plugins"] = [p for p in config["plugins"] if not (isinstance(p, dict) and "dossier" in p)]
    config["validation"]["omitted_files"] = "info"  # the plugin keeps generated pages out of the nav itself
    (work / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    result = run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(work / "mkdocs.yml"),
                  "-d", str(work / "site")])
    assert "WARNING" not in result.stderr, result.stderr
    return work / "site"


@pytest.fixture(scope="module")
def url(html: Path) -> Iterator[str]:
    with serve_folder(html) as served:
        yield served


@pytest.mark.browser
def test_a_reader_follows_an_event_to_its_every_source(page: Page, site: Site, url: str) -> None:
    path, text = next((p, t) for p, t in sorted(site.pages.items()) if p.startswith("countries/") and _PLACE.search(t))
    block = next(b for b in _EVENT.findall(text) if _PLACE.search(b))
    year = _PLACE.search(block)[1]  # type: ignore[index]
    sentence = re.sub(r"\\(.)", r"\1", block.split("**: ", 1)[1].split(" ([", 1)[0])
    page.goto(f"{url}/{path.removesuffix('.md')}/")
    page.get_by_role("link", name=f"timeline, under {year}", exact=True).first.click()
    heading = page.locator("article h2", has_text=re.compile(rf"^{year}"))
    expect(heading).to_have_count(1)
    item = page.locator("article li", has_text=sentence).first
    expect(item).to_be_visible()
    expect(item).to_contain_text("Also reported by")
    # the year's heading is on screen: the link opened the year, not the top of a long page
    box = heading.bounding_box()
    assert box is not None and 0 <= box["y"] < page.viewport_size["height"]  # type: ignore[index]


def test_the_lists_of_sources_by_title_are_left_out_of_search(html: Path) -> None:
    """Each title is searchable on its article's page; on the timeline and entity pages a list of them
    would make a search for a word of a title return every page that lists that article."""
    import json

    docs = json.loads((html / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    listing = [d for d in docs if "Also reported by:" in d["text"]]
    assert listing
    for doc in listing:
        for after in doc["text"].split("Also reported by:")[1:]:
            listed = after.split("</li>", 1)[0]
            assert not re.sub(r"<[^>]+>", "", listed).strip(), listed[:200]
