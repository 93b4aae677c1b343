"""Long reader's pages cut into chapters (dossier.chapters): the timeline a page a year, who said what a page
per initial. The seeds' pages are short, so the tests lower the limit; the generator, ``mkdocs build
--strict`` and the browser are real. The incremental build's side is in test_incremental.py."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, build_without_plugin, serve_folder
from playwright.sync_api import Page, expect

from dossier import chapters
from dossier.pipeline import Paths, build_site
from dossier.writer import write_pages

LIMIT = 1000  # bytes: the seeds' timeline (8 KB) and quotes page (7 KB) are cut


@pytest.fixture(scope="module")
def cut_site():  # noqa: ANN201
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(chapters, "CHAPTER_BYTES", LIMIT)
        mp.setattr("dossier.render.ENTITY_QUOTES", 1)  # a person quoted twice links to "Who said what"
        return build_site(Paths(ROOT / "seeds", ROOT / "registry", ROOT / "templates"))


def _whole(site, page: str) -> str:  # noqa: ANN001
    """The page as the renderer makes it, before it is cut."""
    renderer = site.renderer
    if page == "articles/index.md":
        return renderer.articles_index()
    return {"explore/timeline.md": renderer.timeline_page, "explore/quotes.md": renderer.quotes_page,
            "explore/sources.md": renderer.sources_page}[page](page)


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    """A synthetic corpus of 40 articles (years apart, unlike the seeds, which have no full dates), cut."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    work = tmp_path_factory.mktemp("corpus")
    generate(work, 40)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(chapters, "CHAPTER_BYTES", 3000)
        return build_site(Paths(work / "seeds", work / "registry", ROOT / "templates"))


@pytest.mark.parametrize("page", sorted(chapters.CHAPTERED))
def test_a_long_page_is_its_chapters_and_reads_back_whole(cut_site, corpus_site, page: str,  # noqa: ANN001
                                                          tmp_path: Path) -> None:
    if page in ("articles/index.md", "explore/sources.md"):
        cut_site = corpus_site  # noqa: PLW2901 - the seeds have no year to cut these by
    whole = _whole(cut_site, page)
    head, found = chapters.chapters_of(page, whole)
    assert len(found) > 2
    paths = [c.path for c in found]
    assert all(p.startswith(page[:-3] + "-") and p in cut_site.pages for p in paths)
    assert len(set(paths)) == len(paths)
    index = cut_site.pages[page]
    assert index.startswith(head) and chapters.MARKER in index and "## " not in index[len(head):]
    assert head + "".join(c.text for c in found) == whole
    assert [f"{Path(p).name}" for p in re.findall(r"\]\(([^)]+)\)", index[len(head):])] == \
        [Path(p).name for p in paths]
    for chapter in found:  # each chapter: its own opening, then its sections as the whole page has them
        text = cut_site.pages[chapter.path]
        assert text.startswith("---\ntitle: ") and f"\n# {chapters.CHAPTERED[page].title}: {chapter.label}\n" in text
        assert text.endswith(chapter.text) and chapter.text.startswith("## ") and chapter.text in whole
        assert "\n## " not in text[: len(text) - len(chapter.text)]
    write_pages(cut_site.pages, tmp_path / "docs")
    assert chapters.read(tmp_path / "docs", page) == (whole, paths)
    assert chapters.read_paths(tmp_path / "docs", page) == paths


def test_the_timeline_is_cut_by_year_and_counts_its_events(cut_site) -> None:  # noqa: ANN001
    page = "explore/timeline.md"
    _, found = chapters.chapters_of(page, cut_site.renderer.timeline_page(page))
    assert [c.label for c in found] == [c.text[3:].split("\n", 1)[0] for c in found]
    assert all(c.text.count("\n## ") == 0 for c in found)  # a year each
    assert sum(c.count for c in found) == cut_site.renderer.timeline_page(page).count("\n- **")
    assert "explore/timeline-year-not-stated.md" in cut_site.pages


def test_short_pages_stay_whole() -> None:
    site = build_site(Paths(ROOT / "seeds", ROOT / "registry", ROOT / "templates"))
    for page in chapters.CHAPTERED:
        assert chapters.MARKER not in site.pages[page]
        assert not [p for p in site.pages if p.startswith(page[:-3] + "-")]
        assert chapters.split(page, site.pages[page], site.renderer) == {page: site.pages[page]}


def test_initials_of_one_slug_get_their_own_paths(cut_site) -> None:  # noqa: ANN001
    """Speakers sort by their names case-folded, so "Ömer" comes after "Zhou": two chapters whose initials
    make one slug, each with a path of its own."""
    text = "# Who said what\n\n" + "".join(f"## {name}\n\nx\n\n" for name in ("Olga A", "Otto B", "Zhou C", "Ömer D"))
    head, found = chapters.chapters_of("explore/quotes.md", text)
    assert head == "# Who said what\n\n"
    assert [(c.label, c.path, c.count) for c in found] == [
        ("O", "explore/quotes-o.md", 2), ("Z", "explore/quotes-z.md", 1), ("Ö", "explore/quotes-o-2.md", 1)]


@pytest.fixture(scope="module")
def cut_html(cut_site, tmp_path_factory: pytest.TempPathFactory) -> Path:  # noqa: ANN001
    """The cut pages as the CLI writes them, built by ``mkdocs build --strict`` without our plugin: plain
    Markdown that MkDocs renders with every link found."""
    return build_without_plugin(cut_site.pages, tmp_path_factory.mktemp("chapters"))


@pytest.fixture(scope="module")
def cut_url(cut_html: Path) -> Iterator[str]:
    with serve_folder(cut_html) as url:
        yield url


@pytest.mark.browser
def test_a_reader_walks_the_timeline_year_by_year(page: Page, cut_url: str) -> None:
    page.goto(f"{cut_url}/explore/timeline/")
    years = page.locator("article li a[href^='../timeline-']")
    assert years.count() > 2
    labels = years.all_inner_texts()
    years.first.click()
    expect(page.locator("h1")).to_have_text(re.compile(rf"^Timeline: {labels[0]}"))
    expect(page.locator("article h2").first).to_contain_text(labels[0])
    article = page.locator("article")
    article.get_by_role("link", name=labels[1], exact=True).click()  # the next year's page
    expect(page.locator("h1")).to_have_text(re.compile(rf"^Timeline: {labels[1]}"))
    article.get_by_role("link", name=labels[0], exact=True).click()  # and back
    expect(page.locator("h1")).to_have_text(re.compile(rf"^Timeline: {labels[0]}"))
    article.get_by_role("link", name="Timeline", exact=True).click()
    expect(page).to_have_url(f"{cut_url}/explore/timeline/")


@pytest.mark.browser
def test_a_reader_finds_a_speaker_under_an_initial(page: Page, cut_url: str) -> None:
    page.goto(f"{cut_url}/explore/quotes/")
    page.locator("article li a", has_text=re.compile(r"^K$")).click()
    expect(page.locator("h1")).to_have_text(re.compile(r"^Who said what: K"))
    speaker = page.locator("article h2", has_text="Kassym-Jomart Tokayev")
    expect(speaker).to_have_count(1)
    page.locator("article a", has_text="Person page").first.click()
    expect(page.locator("h1")).to_contain_text("Kassym-Jomart Tokayev")


def test_the_articles_index_and_sources_are_cut_by_year(corpus_site) -> None:  # noqa: ANN001
    for page, stem in (("articles/index.md", "articles/index-"), ("explore/sources.md", "explore/sources-")):
        _, found = chapters.chapters_of(page, _whole(corpus_site, page))
        years = [c.label for c in found]
        assert sum(c.count for c in found) == len(corpus_site.kb.articles) == 40, page
        assert years == sorted(years, reverse=True) and all(y.isdigit() for y in years), years
        assert [c.path for c in found] == [f"{stem}{y}.md" for y in years]


def test_an_article_cannot_take_the_page_of_a_chapter(tmp_path: Path) -> None:
    from dossier.errors import DossierErrors

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.md").write_text("---\ntitle: Index 2025\n---\n\nOfficials in Kazakhstan met.\n", encoding="utf-8")
    (seeds / "b.md").write_text("---\ntitle: Index-linked bonds\n---\n\nOfficials in Kazakhstan met.\n",
                                encoding="utf-8")
    with pytest.raises(DossierErrors) as raised:
        build_site(Paths(seeds, ROOT / "registry", ROOT / "templates"))
    errors = [str(e) for e in raised.value.errors]
    assert len(errors) == 1 and errors[0].startswith("seeds/a.md:1") and "articles/index-2025.md" in errors[0]


@pytest.mark.browser
@pytest.mark.parametrize("path", ["explore/timeline/", "explore/quotes-k/", "explore/timeline-year-not-stated/"])
def test_no_serious_axe_violation_on_a_cut_page(page: Page, cut_url: str, path: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(f"{cut_url}/{path}")
    violations = Axe().run(page).response["violations"]
    serious = [(v["id"], v["impact"]) for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == [] and errors == [], (serious, errors)


def test_a_page_with_no_sections_has_no_chapters(cut_site) -> None:  # noqa: ANN001
    text = "# Who said what\n\n" + "x" * (LIMIT * 2) + "\n"
    assert chapters.chapters_of("explore/quotes.md", text) == (text, [])
    assert chapters.split("explore/quotes.md", text, cut_site.renderer) == {"explore/quotes.md": text}


def test_a_person_page_links_to_the_chapter_of_its_quotes(cut_site) -> None:  # noqa: ANN001
    from dossier.text import initial, slugify

    linking = {e: cut_site.pages[e.path] for e in cut_site.kb.entities.values()
               if e.path in cut_site.pages and "has them all" in cut_site.pages[e.path]}
    assert len(linking) > 1
    for entity, text in linking.items():
        assert f"[Who said what](../explore/quotes-{slugify(initial(entity.name))}.md) has them all" in text


@pytest.mark.browser
def test_a_reader_goes_from_a_person_to_all_their_quotes(page: Page, cut_url: str) -> None:
    page.goto(f"{cut_url}/people/kassym-jomart-tokayev/")
    page.locator("article").get_by_role("link", name="Who said what", exact=True).click()
    expect(page.locator("h1")).to_have_text(re.compile(r"^Who said what: K"))
    expect(page.locator("article h2", has_text="Kassym-Jomart Tokayev")).to_have_count(1)


def test_the_sources_page_of_several_years_lists_them_beside_it(corpus_site) -> None:  # noqa: ANN001
    """A heading a year, which the table of contents lists (the seeds' one table hides it instead)."""
    whole = _whole(corpus_site, "explore/sources.md")
    assert "\n## " in whole and "hide:" not in whole.split("\n---\n", 1)[0]
