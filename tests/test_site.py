"""A real ``mkdocs build --strict`` of the seeds, its HTML read back."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from conftest import ROOT

from dossier.pipeline import Paths, build_site


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.in_article = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.in_article += 1
        if tag == "a" and self.in_article:
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.in_article -= 1


def page_links(site: Path, page_path: str) -> set[str]:
    """Site paths (e.g. "people/x/") that the page's content links to."""
    url_dir = page_path[:-3] + "/" if not page_path.endswith("index.md") else page_path[:-8]
    html = (site / url_dir / "index.html").read_text(encoding="utf-8")
    parser = _Links()
    parser.feed(html)
    base = "http://x/" + url_dir
    return {urlparse(urljoin(base, h)).path.lstrip("/") for h in parser.hrefs if not h.startswith(("http", "#"))}


@pytest.fixture(scope="module")
def kb():
    return build_site(Paths.from_root(ROOT)).kb


def to_url(path: str) -> str:
    return path[:-3] + "/"


def test_articles_and_entities_link_both_ways(built_site: Path, kb) -> None:
    for article in kb.articles:
        links = page_links(built_site, article.path)
        for kind_ids in kb.article_entities[article.id].values():
            for eid in kind_ids:
                entity = kb.entities[eid]
                assert to_url(entity.path) in links, f"{article.path} does not link {entity.path}"
                assert to_url(article.path) in page_links(built_site, entity.path), \
                    f"{entity.path} does not link back to {article.path}"


def test_index_pages_and_home(built_site: Path) -> None:
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert re.search(r"holds <strong>3 articles</strong>", home)
    for folder in ("articles", "countries", "people", "organizations", "themes"):
        assert (built_site / folder / "index.html").exists()
    people = (built_site / "people" / "index.html").read_text(encoding="utf-8")
    assert "Kassym-Jomart Tokayev" in people
    assert (built_site / "knowledge.json").exists()
    json.loads((built_site / "knowledge.json").read_text(encoding="utf-8"))


def test_search_index_finds_aliases(built_site: Path) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    russia = [d for d in index["docs"] if d["location"].startswith("countries/russia/")]
    assert any("Kremlin" in d["text"] for d in russia)


def test_theme_tags_rendered(built_site: Path) -> None:
    tags = (built_site / "tags" / "index.html").read_text(encoding="utf-8")
    assert "Abraham Accords" in tags


def test_generated_pages_not_in_nav(built_site: Path) -> None:
    home = (built_site / "index.html").read_text(encoding="utf-8")
    nav = home.split('class="md-nav__list"', 1)[1].split("</nav>", 1)[0]
    assert "kassym-jomart-tokayev" not in nav
    assert Path(ROOT / "mkdocs.yml").exists()


def test_each_quote_of_an_article_is_a_paragraph_of_its_own(built_site: Path, kb) -> None:
    """"Quoted in this article": one paragraph a quote (the quotes ran together into one before)."""
    for article in kb.articles:
        quotes = kb.analyses[article.id].quotes
        if not quotes:
            continue
        html = (built_site / to_url(article.path) / "index.html").read_text(encoding="utf-8")
        section = html.split('id="quoted-in-this-article"', 1)[1].split("<h2", 1)[0]
        paragraphs = re.findall(r"<p>“(.*?)</p>", section, flags=re.S)
        assert len(paragraphs) == len(quotes), article.path
        assert all("\n“" not in p for p in paragraphs), article.path
