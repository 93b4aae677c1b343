"""The reader's pages in Debian's chromium: axe-core finds no serious or critical violation, the map and
the graph are clickable, and nothing is logged to the console (issue 6).

Lighthouse is slower (about 10 s a page), so it is ``scripts/lighthouse.py``, with its scores in the README.
"""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

PAGES = [
    "",
    "articles/kazakhstan-joins-the-abraham-accords-a-gesture-to-trump/",
    "people/kassym-jomart-tokayev/",
    "countries/kazakhstan/",
    "countries/",
    "explore/timeline/",
    "explore/graph/",
    "explore/quotes/",
    "explore/sources/",
]


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_no_serious_axe_violation(page: Page, site_url: str, axe: Axe, path: str, scheme: str) -> None:
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    page.goto(f"{site_url}/{path}")
    violations = axe.run(page).response["violations"]
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]]) for v in violations
               if v["impact"] in ("serious", "critical")]
    assert serious == [], serious
    assert errors == [], errors


def test_map_country_opens_its_page(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/countries/")
    country = page.locator('svg.dossier-map a[aria-label^="Kazakhstan:"]')
    expect(country).to_have_count(1)
    country.click()
    expect(page).to_have_url(f"{site_url}/countries/kazakhstan/")
    expect(page.locator("h1")).to_contain_text("Kazakhstan")


def test_graph_node_opens_its_page(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/explore/graph/")
    node = page.locator("svg.dossier-graph a", has_text="Kassym-Jomart Tokayev")
    node.click()
    expect(page).to_have_url(f"{site_url}/people/kassym-jomart-tokayev/")
    # the neighbourhood graph on the entity page links onwards too
    neighbour = page.locator("svg.dossier-graph a.dg-country").first
    href = neighbour.get_attribute("href") or ""
    assert re.fullmatch(r"\.\./\.\./countries/[a-z0-9-]+/", href), href


def test_graph_follows_the_colour_scheme(page: Page, site_url: str) -> None:
    fills = {}
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
        page.goto(f"{site_url}/explore/graph/")
        page.evaluate("localStorage.clear()")  # Material remembers the first scheme it chose
        page.reload()
        fills[scheme] = page.locator("svg.dossier-graph a.dg-country circle").first.evaluate(
            "el => getComputedStyle(el).fill")
    assert fills["light"] != fills["dark"], fills


def test_feed_is_linked_from_every_page(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/explore/timeline/")
    link = page.locator('link[rel="alternate"][type="application/rss+xml"]')
    expect(link).to_have_attribute("href", "../../feed.xml")
    response = page.request.get(f"{site_url}/feed.xml")
    assert response.ok and "<rss" in response.text()
