"""A dirty rebuild (``mkdocs build --dirty``, what ``mkdocs serve --dirty`` runs after an edit): MkDocs renders
only the pages the edit changed, and search stays whole. Real ``mkdocs build`` runs on a copy of the seeds."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, run, site_config

from dossier.plugin import DIRTY_HINT_PAGES, DossierPlugin, dirty_hint, merged_search_index
from dossier.search import REFRESH_FOLDERS

pytestmark = pytest.mark.slow
MARKER = "Dirtyrebuildmarker sentence added by the editor."


def mkdocs_build(config: Path, site: Path, *extra: str) -> str:
    result = run([sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site), *extra],
                 cwd=config.parent)
    return result.stderr


def html_times(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*.html")}


def edit_first_seed(seeds: Path) -> Path:
    seed = sorted(seeds.glob("*.txt"))[0]
    text = seed.read_text(encoding="utf-8")
    seed.write_text(text.rstrip("\n") + "\n\n" + MARKER + "\n", encoding="utf-8")
    return seed


def project(tmp_path: Path, **options: str) -> tuple[Path, Path]:
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    return site_config(tmp_path, seeds, **options), seeds


def test_a_dirty_build_renders_the_edited_pages_and_keeps_material_search_whole(tmp_path: Path) -> None:
    config, seeds = project(tmp_path)
    site, clean_site = tmp_path / "site", tmp_path / "clean-site"
    mkdocs_build(config, site, "--strict")
    before = html_times(site)
    edit_first_seed(seeds)
    log = mkdocs_build(config, site, "--dirty", "--no-strict")
    after = html_times(site)
    rendered = sorted(page for page, stamp in after.items() if stamp != before.get(page))
    assert rendered and len(rendered) < len(after) / 4, rendered  # the edited article and the few pages it changed
    edited = [page for page in rendered if MARKER in (site / page).read_text(encoding="utf-8")]
    assert [page for page in edited if page.startswith("articles/")], rendered
    assert "fast build" in log  # the plugin's incremental build rewrote only the changed pages
    # the search index is the one a clean build writes: every page's entries, the edited one's new
    mkdocs_build(config, clean_site, "--strict")
    dirty_index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    clean_index = json.loads((clean_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any(MARKER in entry["text"] for entry in dirty_index["docs"])
    assert dirty_index == clean_index


def test_a_dirty_build_removes_the_html_of_a_page_no_longer_generated(tmp_path: Path) -> None:
    """Naming a country no seed names makes its page; taking the sentence out again drops it. The dirty build
    after that removes the page's HTML (MkDocs would leave it, reachable at its address), so the site has the
    pages a clean build has."""
    config, seeds = project(tmp_path)
    site, clean_site = tmp_path / "site", tmp_path / "clean-site"
    mkdocs_build(config, site, "--strict")
    seed = sorted(seeds.glob("*.txt"))[0]
    original = seed.read_text(encoding="utf-8")
    assert "Norway" not in "".join(s.read_text(encoding="utf-8") for s in seeds.glob("*"))
    seed.write_text(original.rstrip("\n") + "\n\nOfficials in Norway were not consulted.\n", encoding="utf-8")
    mkdocs_build(config, site, "--dirty", "--no-strict")
    norway = site / "countries" / "norway" / "index.html"
    assert norway.is_file()
    seed.write_text(original, encoding="utf-8")
    log = mkdocs_build(config, site, "--dirty", "--no-strict")
    assert "fast build" in log
    assert "removed the HTML of pages the build no longer generates: countries/norway/index.html\n" in log
    assert not norway.exists() and not norway.parent.exists()
    mkdocs_build(config, clean_site, "--strict")
    assert set(html_times(site)) == set(html_times(clean_site))


def test_a_dirty_build_keeps_the_pagefind_index(tmp_path: Path) -> None:
    config, seeds = project(tmp_path, search_backend="pagefind")
    site = tmp_path / "site"
    mkdocs_build(config, site, "--strict")
    bundle = {p.relative_to(site).as_posix(): p.read_bytes() for p in (site / "pagefind").rglob("*") if p.is_file()}
    assert "pagefind/pagefind.js" in bundle
    edit_first_seed(seeds)
    log = mkdocs_build(config, site, "--dirty", "--no-strict")
    assert "kept the Pagefind index of the last full build" in log
    kept = {p.relative_to(site).as_posix(): p.read_bytes() for p in (site / "pagefind").rglob("*") if p.is_file()}
    assert kept == bundle  # not an index of the few pages rendered again
    assert not (site / "search" / "search_index.json").exists()


def test_a_dirty_build_with_no_pagefind_index_yet_makes_one(tmp_path: Path) -> None:
    config, _ = project(tmp_path, search_backend="pagefind")
    site = tmp_path / "site"
    log = mkdocs_build(config, site, "--dirty", "--no-strict")  # an empty site: every page is rendered
    assert "Pagefind indexed" in log
    assert (site / "pagefind" / "pagefind.js").is_file()


def test_a_dirty_build_says_when_its_new_pagefind_index_has_only_the_rendered_pages(tmp_path: Path) -> None:
    config, seeds = project(tmp_path)  # small: Material's search, no Pagefind index
    site = tmp_path / "site"
    mkdocs_build(config, site, "--strict")
    assert not (site / "pagefind").exists()
    project_pagefind = site_config(tmp_path, seeds, search_backend="pagefind")
    edit_first_seed(seeds)
    log = mkdocs_build(project_pagefind, site, "--dirty", "--no-strict")
    assert "search finds only those until a full build" in log


def test_a_dirty_build_says_when_its_new_material_index_has_only_the_rendered_pages(tmp_path: Path) -> None:
    config, seeds = project(tmp_path)
    site = tmp_path / "site"
    mkdocs_build(config, site, "--strict")
    (site / "search" / "search_index.json").unlink()  # as after a site searched with Pagefind
    edit_first_seed(seeds)
    log = mkdocs_build(config, site, "--dirty", "--no-strict")
    assert "found no search index to keep" in log


def test_merged_search_index_takes_each_page_from_the_fresher_index() -> None:
    previous = json.dumps({"config": {"lang": ["en"]}, "docs": [
        {"location": "", "text": "home"}, {"location": "a/", "text": "old a"}, {"location": "a/#part", "text": "old"},
        {"location": "b/", "text": "b"}, {"location": "gone/", "text": "removed page"}]})
    current = json.dumps({"config": {"lang": ["en"]}, "docs": [
        {"location": "a/", "text": "new a"}, {"location": "c/", "text": "new page"}]})
    merged = json.loads(merged_search_index(previous, current, {"a/", "c/"}, ["", "a/", "b/", "c/"]))
    assert merged["docs"] == [{"location": "", "text": "home"}, {"location": "a/", "text": "new a"},
                              {"location": "b/", "text": "b"}, {"location": "c/", "text": "new page"}]
    assert merged["config"] == {"lang": ["en"]}



def test_serve_tells_the_editor_of_a_large_site_about_dirty_rebuilds() -> None:
    assert "mkdocs serve --dirty --no-strict" in dirty_hint("serve", False, DIRTY_HINT_PAGES)
    assert dirty_hint("serve", False, DIRTY_HINT_PAGES - 1) == ""  # small: a full rebuild takes seconds
    assert dirty_hint("serve", True, 10 * DIRTY_HINT_PAGES) == ""  # already dirty
    assert dirty_hint("build", False, 10 * DIRTY_HINT_PAGES) == ""  # a build is no preview


@pytest.mark.parametrize("stage", ["indexing", "swapping"])
def test_a_new_rebuild_stops_the_pagefind_refresh_and_keeps_the_live_index(tmp_path: Path, stage: str) -> None:
    """What ``mkdocs serve --dirty`` does to a background refresh still running when the next rebuild starts:
    the process group ends, the refresh's folders go, and the site keeps a whole index, the one it had if the
    refresh was stopped between taking the old index away and putting its own in."""
    site = tmp_path / "site"
    scratch, fresh, old = (site / name for name in REFRESH_FOLDERS)
    for folder in (scratch, fresh, old if stage == "swapping" else site / "pagefind"):
        folder.mkdir(parents=True)
        (folder / "pagefind.js").write_text(folder.name, encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"], start_new_session=True)
    DossierPlugin.refresh = (process, site)
    DossierPlugin._stop_refresh()
    assert process.poll() is not None and DossierPlugin.refresh is None
    assert not any(folder.exists() for folder in (scratch, fresh, old))
    expected = REFRESH_FOLDERS[2] if stage == "swapping" else "pagefind"
    assert (site / "pagefind" / "pagefind.js").read_text(encoding="utf-8") == expected
