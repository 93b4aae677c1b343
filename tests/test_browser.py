"""The site as a reader's browser sees it: Debian's chromium driven by Playwright."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_search_tokayev_opens_person_page(page: Page, site_url: str) -> None:
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url + "/")
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("Tokayev", delay=40)
    result = page.locator(".md-search-result__link", has_text="Kassym-Jomart Tokayev").first
    expect(result).to_be_visible(timeout=10000)
    result.click()
    expect(page).to_have_url(re.compile(re.escape(f"{site_url}/people/kassym-jomart-tokayev/") + r"(\?h=.*)?$"))
    expect(page.locator("h1")).to_contain_text("Kassym-Jomart Tokayev")
    assert errors == [], errors


def test_alias_search_finds_entity(page: Page, site_url: str) -> None:
    page.goto(site_url + "/")
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("Kremlin", delay=40)
    expect(page.locator(".md-search-result__link", has_text="Russia").first).to_be_visible(timeout=10000)
