"""The generator's output: pages that parse back, knowledge.json, determinism, write-if-changed."""

from __future__ import annotations

import itertools
import json
import posixpath
import sys
from pathlib import Path

import frontmatter
import pytest
from conftest import ROOT, copy_hand_written_docs, run

from dossier.pipeline import Paths, build_site, knowledge_records, record_of
from dossier.render import annotate, md_text, rel


@pytest.fixture(scope="module")
def site():
    return build_site(Paths.from_root(ROOT))


def test_every_page_parses_back_with_its_metadata(site) -> None:
    """MkDocs swallows front-matter errors, so read every generated page back ourselves."""
    for path, text in site.pages.items():
        if not path.endswith(".md"):
            continue
        post = frontmatter.loads(text)
        assert post.metadata.get("title"), path
        assert post.content.lstrip().startswith("# "), path


def test_article_page_shape(site) -> None:
    article = next(a for a in site.kb.articles if a.src_uri.startswith("000"))
    page = site.pages[article.path]
    assert "**Source:** The Washington Post" in page
    assert "**Author:** Ishaan Tharoor" in page
    assert "**Date:** not stated" in page  # missing metadata says so, never invented
    assert '!!! abstract "In this article"' in page
    assert "[Kassym-Jomart Tokayev](../people/kassym-jomart-tokayev.md)" in page
    assert "## Related articles" in page
    body = page.split("!!! abstract", 1)[1]
    # first mention per section is linked, not every one
    assert body.count("](../countries/kazakhstan.md)") == 2  # the panel, then the body's first mention
    assert page.count("AP Photo/Jacquelyn Martin") == 1  # each caption once, with its credit


def test_the_in_this_article_box_ends_before_the_text(site, tmp_path: Path) -> None:
    """A blank line after the box's last item, so that no engine reads the first paragraph on as part of it;
    an article that names no one says so in the box rather than leaving it empty."""
    article = next(a for a in site.kb.articles if a.src_uri.startswith("000"))
    box = site.pages[article.path].split('!!! abstract "In this article"\n\n', 1)[1]
    items, rest = box.split("\n\n", 1)
    assert all(line.startswith("    - **") for line in items.split("\n")), items
    assert rest.startswith("*[Kazakhstan]("), rest[:80]  # the photo caption that opens the article
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "quiet.txt").write_text("A quiet day\n\nThe weather was fine and all went home.\n",
                                                  encoding="utf-8")
    quiet = build_site(Paths(tmp_path / "seeds", ROOT / "registry", ROOT / "templates"))
    page = quiet.pages["articles/a-quiet-day.md"]
    assert ('!!! abstract "In this article"\n\n    No country, person, organization or theme that the knowledge '
            "base knows is named.\n\nThe weather was fine") in page


def test_entity_page_shape(site) -> None:
    page = site.pages["people/kassym-jomart-tokayev.md"]
    assert "President of Kazakhstan" in page
    assert "## Quoted saying" in page and "absolutely firm and irreversible" in page
    assert "## In the articles" in page and page.count("](../articles/") >= 3
    assert "## Appears with" in page
    russia = site.pages["countries/russia.md"]
    assert "Kremlin" in russia  # aliases are on the page, so search finds Russia by "Kremlin"


def test_knowledge_json(site) -> None:
    data = json.loads(site.pages["knowledge.json"])
    assert len(data["articles"]) == 3
    # one record a line, read back by id (the incremental build replaces single records)
    articles, entities = knowledge_records(site.pages["knowledge.json"])
    assert [json.loads(line) for line in articles] == data["articles"]
    assert [json.loads(line) for line in entities] == data["entities"]
    assert all(record_of(line, record["id"]) for line, record in zip(entities, data["entities"], strict=True))
    for article in data["articles"]:
        assert set(article) >= {"id", "title", "path", "source_file", "source", "author", "date", "entities"}
        assert set(article["entities"]) >= {"country", "person", "theme"}
        assert site.pages[article["path"]]
    ids = {e["id"] for e in data["entities"]}
    for entity in data["entities"]:
        assert set(entity) >= {"id", "type", "name", "aliases", "path", "articles"}
        assert entity["path"] in site.pages
    for article in data["articles"]:
        for kind_ids in article["entities"].values():
            assert set(kind_ids) <= ids
    # the same data the pages come from: every linked entity of an article page is in its entities
    first = data["articles"][0]
    page = site.pages[first["path"]]
    for kind_ids in first["entities"].values():
        for eid in kind_ids:
            path = next(e["path"] for e in data["entities"] if e["id"] == eid)
            assert f"(../{path})" in page


@pytest.mark.parametrize(("text", "expected"), [
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("# not a heading", "\\# not a heading"),
    ("a *b* [c](d) {{ x }}", "a \\*b\\* \\[c\\](d) \\{\\{ x \\}\\}"),
    ("1. not a list", "1\\. not a list"),
])
def test_md_text_makes_text_inert(text: str, expected: str) -> None:
    assert md_text(text) == expected


GENERATED_PATHS = ["index.md", "articles/x.md", "articles/index.md", "countries/us.md", "countries/us/2.md",
                   "countries/usa.md", "feeds/themes/energy.xml", "feed.xml", "explore/quotes.md", "a/b/c.md",
                   "countries", "a/b.md", "articles/x/y.md"]


@pytest.mark.parametrize(("page", "target"), itertools.product(GENERATED_PATHS, repeat=2))
def test_rel_is_relpath(page: str, target: str) -> None:
    """render.rel skips posixpath.relpath's abspath calls; for generated paths it gives the same links."""
    assert rel(page, target) == posixpath.relpath(target, posixpath.dirname(page) or ".")


def test_annotate_links_spans() -> None:
    assert annotate("Hello Tokayev!", [(6, 13, "../people/t.md")]) == "Hello [Tokayev](../people/t.md)\\!"


def test_cli_build_is_deterministic_and_writes_only_changes(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    copy_hand_written_docs(docs)
    run([sys.executable, "build_pages.py", "--docs", str(docs)])
    first = {p: p.read_bytes() for p in sorted(docs.rglob("*")) if p.is_file()}
    mtimes = {p: p.stat().st_mtime_ns for p in first}
    second_run = run([sys.executable, "build_pages.py", "--docs", str(docs)])
    assert " 0 written" in second_run.stdout
    second = {p: p.read_bytes() for p in sorted(docs.rglob("*")) if p.is_file()}
    assert first == second
    assert mtimes == {p: p.stat().st_mtime_ns for p in first}
    assert (docs / "index.md").read_text() == (ROOT / "docs" / "index.md").read_text()  # hand-written survives
    assert (docs / "knowledge.json").exists()
