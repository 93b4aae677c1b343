"""Search at scale, in the real browser: the seeds site forced into ``search_backend: pagefind`` answers in
Material's own search box, from Pagefind's chunked index, without Material's search_index.json."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, run, serve_folder, site_config
from playwright.sync_api import Page, Route, expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def pagefind_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's mkdocs.yml with absolute folders and the search backend forced to Pagefind."""
    work = tmp_path_factory.mktemp("pagefind")
    site_config(work, ROOT / "seeds", search_backend="pagefind")
    site = work / "site"
    result = run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(work / "mkdocs.yml"), "-d", str(site)])
    assert "WARNING" not in result.stderr, result.stderr
    assert "search by Pagefind" in result.stderr
    return site


@pytest.fixture(scope="module")
def pagefind_url(pagefind_site: Path) -> Iterator[str]:
    with serve_folder(pagefind_site) as url:
        yield url


def test_pagefind_bundle_replaces_material_index(pagefind_site: Path) -> None:
    assert (pagefind_site / "pagefind" / "pagefind.js").is_file()
    assert not (pagefind_site / "search" / "search_index.json").exists()
    home = (pagefind_site / "index.html").read_text(encoding="utf-8")
    assert 'name="dossier-search"' in home and "dossier-pagefind.js" in home


def test_search_box_answers_from_pagefind(page: Page, pagefind_url: str) -> None:
    errors: list[str] = []
    requested: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("request", lambda request: requested.append(request.url))
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(pagefind_url + "/countries/")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("Tokayev", delay=40)
    result = page.locator(".md-search-result__link", has_text="Kassym-Jomart Tokayev").first
    expect(result).to_be_visible(timeout=15000)
    expect(page.locator(".md-search-result__meta")).to_contain_text("matching document")
    assert page.locator(".md-search-result__item mark").count() > 0  # the hits are highlighted
    result.click()
    expect(page).to_have_url(re.compile(re.escape(f"{pagefind_url}/people/kassym-jomart-tokayev/") + "$"))
    expect(page.locator("h1")).to_contain_text("Kassym-Jomart Tokayev")
    assert any("/pagefind/" in url for url in requested)
    assert not any("search_index.json" in url for url in requested)
    assert errors == [], errors


def test_keyboard_opens_first_result_and_escape_closes(page: Page, pagefind_url: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(pagefind_url + "/")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("Kremlin", delay=40)
    expect(page.locator(".md-search-result__link", has_text="Russia").first).to_be_visible(timeout=15000)
    box.press("Escape")
    expect(page.locator("#__search")).not_to_be_checked()
    box.click()
    expect(page.locator("#__search")).to_be_checked()
    box.press("ArrowDown")
    expect(page.locator(".md-search-result__link").first).to_be_focused()


def _counting_searches(page: Page) -> None:
    """Serve pagefind.js wrapped so that the page counts its calls of ``search`` (window.dossierSearches)."""
    def wrapped(route: Route) -> None:
        route.fulfill(content_type="text/javascript", body=(
            'import * as real from "./pagefind.js?unwrapped";\n'
            'export * from "./pagefind.js?unwrapped";\n'
            "export async function search(...args) {\n"
            "  window.dossierSearches = (window.dossierSearches || 0) + 1;\n"
            "  return real.search(...args);\n"
            "}\n"))
    page.route("**/pagefind/pagefind.js", wrapped)


def test_typing_runs_one_search_not_one_a_keystroke(page: Page, pagefind_url: str) -> None:
    """A query typed fast is searched once typing pauses, not once per key: at 10,000 articles each search
    of a country's name took a third of a second and the keystrokes' searches queued up (issue 5)."""
    _counting_searches(page)
    page.goto(pagefind_url + "/")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("Tokayev", delay=20)
    expect(page.locator(".md-search-result__link", has_text="Kassym-Jomart Tokayev").first).to_be_visible(
        timeout=15000)
    assert page.evaluate("window.dossierSearches") == 1
    box.press_sequentially(" Astana", delay=20)  # more words: searched again, once
    expect(page.locator(".md-search-result__meta")).to_contain_text("matching document")
    page.wait_for_function("window.dossierSearches >= 2")
    page.wait_for_timeout(500)  # room for any search still queued to start
    assert page.evaluate("window.dossierSearches") == 2


def test_enter_right_after_typing_opens_the_query_s_first_result(page: Page, pagefind_url: str) -> None:
    """Enter pressed before typing pauses searches at once and opens the first result of the whole query."""
    page.goto(pagefind_url + "/")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("Tokayev", delay=20)
    box.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(f"{pagefind_url}/people/kassym-jomart-tokayev/") + "$"))
