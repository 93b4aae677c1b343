"""The MkDocs outlet: the same pipeline as the CLI, served as virtual files. Every MkDocs import of
the project is in this module.

The plugin never writes into ``docs_dir`` (that is what sends ``mkdocs serve`` into endless
rebuilds): the incremental build (:mod:`dossier.incremental`) keeps its pages in the cache folder, and
each is added with ``File.generated`` read from there, so a rebuild after an edit re-renders only what
the edit changed. It asks the server to watch the seeds, the registry and the templates. Per-build state
is made in ``on_config``, because ``mkdocs serve`` reuses the plugin object across rebuilds.

A *dirty* build (``mkdocs serve --dirty``, ``mkdocs build --dirty``) has MkDocs render only the pages whose
file is newer than its HTML: the pages the edit changed, since the incremental build rewrites no other.
Search then stays whole: Material's index, which such a build would write with the rebuilt pages alone,
gets the other pages' entries back from the index it replaces. Pagefind cannot add pages to an index, and
indexing every page again is most of a large site's rebuild: ``mkdocs build --dirty`` keeps the index
the last full build made, and ``mkdocs serve --dirty`` keeps it too but indexes the whole site again in a
process of its own once the rebuild is served, swapping the new index in when it is whole (a next rebuild
stops it first). The HTML of a page no longer generated is removed, as a clean build would not write it.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from . import incremental
from .errors import DossierError, DossierErrors
from .index import KnowledgeBase
from .parallel import default_workers
from .pipeline import Paths
from .render import Renderer
from .search import (
    BACKENDS,
    DEFAULT_THRESHOLD_MB,
    PAGEFIND_FOLDER,
    REFRESH_FOLDERS,
    SearchChoice,
    build_pagefind,
    choose_backend,
)
from .writer import prune_empty_dirs, read_manifest

log = logging.getLogger("mkdocs.plugins.dossier")
OVERVIEW_MARKER = "<!-- dossier:overview -->"
MATERIAL_INDEX = "search/search_index.json"
DIRTY_HINT_PAGES = 2000  # a site this large takes a minute or more for MkDocs to render again
#: generated index pages stay in the nav; article and entity pages are linked from them instead,
#: because listing thousands of pages in MkDocs' nav is quadratic
NAV_PAGES = {"articles/index.md", "countries/index.md", "people/index.md", "organizations/index.md",
             "themes/index.md", "explore/timeline.md", "explore/graph.md", "explore/quotes.md",
             "explore/sources.md"}


class DossierConfig(base.Config):
    seeds_dir = c.Type(str, default="seeds")
    registry_dir = c.Type(str, default="registry")
    templates_dir = c.Type(str, default="templates")
    #: the incremental build's cache; the plugin keeps its pages in ``<cache_dir>/mkdocs/pages``
    cache_dir = c.Type(str, default=".dossier-cache")
    #: auto: Material's search for small sites, Pagefind (index loaded in chunks) past the threshold
    search_backend = c.Choice(BACKENDS, default="auto")
    search_threshold_mb = c.Type((int, float), default=DEFAULT_THRESHOLD_MB)
    #: ``mkdocs serve --dirty`` of a Pagefind site indexes it again in the background after each rebuild
    #: (80 s and 7 GB at 10,000 articles); false keeps the index of the server's first build
    refresh_pagefind = c.Type(bool, default=True)


class DossierPlugin(BasePlugin[DossierConfig]):
    command = "build"
    dirty = False
    hinted = False
    #: a server's (``mkdocs serve --dirty``) Pagefind refresh running in the background, and the folder it writes in
    refresh: tuple[subprocess.Popen[bytes], Path] | None = None
    #: what a server's Pagefind index holds (dest_uri -> url): every searchable page of its last build
    indexed: dict[str, str] | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command  # "serve" runs a server's threads: no forked workers there
        self.dirty = dirty

    def on_shutdown(self) -> None:
        self._stop_refresh()

    def on_config(self, config: Any) -> None:
        root = Path(config.config_file_path or ".").resolve().parent
        self.paths = Paths(root / self.config.seeds_dir, root / self.config.registry_dir,
                           root / self.config.templates_dir)
        self.cache_dir = root / self.config.cache_dir / "mkdocs"
        self.pages_dir = self.cache_dir / "pages"
        self.kb: KnowledgeBase | None = None
        self.search = SearchChoice("material", 0.0, "")
        self.searchable: list[tuple[str, str]] = []  # (dest_uri, url) of the pages Pagefind indexes
        self.rendered: set[str] = set()  # the url of every page this build rendered
        self.page_urls: list[str] = []  # every page's url, in the order MkDocs renders them (dirty builds)
        self.previous_index: str | None = None  # Material's search index before a dirty build

    def on_pre_build(self, config: Any) -> None:
        self._stop_refresh()  # it reads the HTML this build writes again
        if not self.dirty:
            return
        index = Path(config.site_dir) / MATERIAL_INDEX
        self.previous_index = index.read_text(encoding="utf-8") if index.is_file() else None
        material = _material_search_plugin(config)
        if hasattr(material, "search_index_prev"):
            material.search_index_prev = None  # its own merge keeps one rebuilt page's entries apart: see on_post_build

    def on_files(self, files: Files, config: Any) -> Files:
        """The pipeline writes its pages, incrementally, into a folder of the cache (never into docs_dir:
        that is what sends ``mkdocs serve`` into endless rebuilds), and each is added as a generated file
        read from there."""
        workers = 1 if self.command == "serve" else default_workers()
        try:
            result = incremental.build(self.paths, self.pages_dir, self.cache_dir, display=str(self.pages_dir),
                                       workers=workers, waiting=lambda message: log.info("Dossier: %s", message))
            self.kb = incremental.summary(result, self.cache_dir)
            generated = sorted(read_manifest(self.pages_dir))
            manifest = read_manifest(Path(config.docs_dir))
        except DossierErrors as exc:
            raise PluginError("Dossier: the articles or the registry have problems:\n"
                              + "\n".join(f"  {e}" for e in exc.errors)) from None
        except DossierError as exc:
            raise PluginError(f"Dossier: {exc}") from None
        sizes = []
        for uri in generated:
            existing = files.get_file_from_path(uri)
            if existing is not None:
                if existing.generated_by is None and uri not in manifest:
                    raise PluginError(f"Dossier: docs/{uri} is hand-written, but Dossier generates a page at that "
                                      "path; rename or move the hand-written file")
                files.remove(existing)
            inclusion = (InclusionLevel.INCLUDED if uri in NAV_PAGES or not uri.endswith(".md")
                         else InclusionLevel.NOT_IN_NAV)
            source = self.pages_dir / uri
            files.append(File.generated(config, uri, abs_src_path=str(source), inclusion=inclusion))
            if uri.endswith(".md"):
                sizes.append(source.stat().st_size)
        log.info("Dossier: %d articles, %d entities, %d generated files (%s build%s, %d rewritten)", result.articles,
                 result.entities, len(generated), result.path, f": {result.reason}" if result.reason else "",
                 len(result.report.written))
        if self.dirty:
            _render_overviews_again(files)
            gone = _remove_stale_html(result.report.removed, files, config)
            if gone:
                more = f" and {len(gone) - 3} more" if len(gone) > 3 else ""
                log.info("Dossier: this dirty build removed the HTML of pages the build no longer generates: %s%s",
                         ", ".join(gone[:3]), more)
        hint = dirty_hint(self.command, self.dirty, len(generated))
        if hint and not self.hinted:
            log.info(hint)
            self.hinted = True  # once a server: the plugin object lives through its rebuilds
        self.search = choose_backend(self.config.search_backend, sizes, self.config.search_threshold_mb)
        config.extra["dossier_search"] = self.search.backend  # read by overrides/partials/search.html
        if self.search.backend == "pagefind":
            log.info("Dossier: search by Pagefind (%s)", self.search.reason)
        self._material_search(config)
        return files

    def _material_search(self, config: Any) -> None:
        """With Pagefind, Material's search plugin keeps its search box but builds no index: it would parse
        every page's HTML for an index no page loads (about what Pagefind's own indexing costs: a warm
        ``mkdocs build`` of 1,000 articles took 64 s before and 55 s after, in one pair of runs on a noisy
        machine). Its index object is swapped for one that takes no entries."""
        material = _material_search_plugin(config)
        index = getattr(material, "search_index", None)
        if self.search.backend == "pagefind" and all(
                callable(getattr(index, name, None)) for name in ("add_entry_from_context", "generate_search_index")):
            material.search_index = _NoSearchIndex()

    def on_nav(self, nav: Any, config: Any, files: Files) -> Any:
        if self.dirty:  # only a dirty build's search indexes need every page's url
            self.page_urls = [file.page.url if file.page is not None else file.url
                              for file in files.documentation_pages()]
        return nav

    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        self.rendered.add(page.url)
        search_meta = page.meta.get("search")
        if not (isinstance(search_meta, dict) and search_meta.get("exclude")):
            self.searchable.append((page.file.dest_uri, page.url))
        elif self.indexed is not None:
            self.indexed.pop(page.file.dest_uri, None)  # excluded now
        return output

    @event_priority(-100)  # after Material's search plugin has written its index
    def on_post_build(self, config: Any) -> None:
        site_dir = Path(config.site_dir)
        material_index = site_dir / MATERIAL_INDEX
        if self.search.backend != "pagefind":
            if self.dirty and self.previous_index is not None and material_index.is_file():
                material_index.write_text(merged_search_index(
                    self.previous_index, material_index.read_text(encoding="utf-8"), self.rendered,
                    self.page_urls), encoding="utf-8")
            elif self.dirty:
                self._partial_index_note("search index")
            return
        if material_index.exists():  # not loaded in this mode (and empty, unless Material's plugin changed)
            material_index.unlink()
        if self.dirty and (site_dir / PAGEFIND_FOLDER / "pagefind.js").is_file():
            if self.command == "serve" and self.indexed is not None and self.config.refresh_pagefind:
                self._start_refresh(site_dir)
                return
            log.info("Dossier: this dirty build kept the Pagefind index of the last full build (%d pages "
                     "rendered again, their search entries as they were)", len(self.rendered))
            return
        try:
            count = build_pagefind(site_dir, self.searchable)
        except DossierError as exc:
            raise PluginError(f"Dossier: {exc}") from None
        log.info("Dossier: Pagefind indexed %d pages into %s/", count, PAGEFIND_FOLDER)
        # what a server's later refreshes index: every page, when this build rendered them all
        self.indexed = dict(self.searchable) if len(self.rendered) >= len(self.page_urls) else None
        if self.dirty:
            self._partial_index_note("Pagefind index")

    def _start_refresh(self, site_dir: Path) -> None:
        """A server's dirty rebuild: the pages it kept and those it rendered again, indexed by Pagefind in a
        process of its own (``python -m dossier.search``), which swaps the new index in when it is whole. The
        server answers from the index it has until then; the next rebuild stops a refresh still running."""
        assert self.indexed is not None
        self.indexed.update(self.searchable)
        self.indexed = {dest: url for dest, url in self.indexed.items() if (site_dir / dest).is_file()}  # not gone
        listed = self.cache_dir / "pagefind-pages.json"
        listed.parent.mkdir(parents=True, exist_ok=True)
        listed.write_text(json.dumps(sorted(self.indexed.items())), encoding="utf-8")
        process = subprocess.Popen([sys.executable, "-m", "dossier.search", str(site_dir), str(listed)],
                                   start_new_session=True)  # its own process group: stopped with Pagefind's binary
        DossierPlugin.refresh = (process, site_dir)
        log.info("Dossier: Pagefind is indexing the %d pages again in the background (%d rendered by this "
                 "build); until it is done, search answers from the index it had", len(self.indexed),
                 len(self.rendered))

    @staticmethod
    def _stop_refresh() -> None:
        """Stop a Pagefind refresh still running, and remove what it wrote (the live index is untouched
        until a refresh swaps its own in whole)."""
        if DossierPlugin.refresh is None:
            return
        process, site_dir = DossierPlugin.refresh
        DossierPlugin.refresh = None
        if process.poll() is None:
            try:
                if hasattr(os, "killpg"):
                    os.killpg(process.pid, signal.SIGTERM)
                else:  # pragma: no cover - not POSIX
                    process.terminate()
                process.wait(timeout=10)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                process.kill()
                process.wait()
        scratch, fresh, old = (site_dir / name for name in REFRESH_FOLDERS)
        for folder in (scratch, fresh):
            shutil.rmtree(folder, ignore_errors=True)
        if old.exists():  # stopped in the middle of its swap: the index it had is the live one again
            live = site_dir / PAGEFIND_FOLDER
            if live.exists():
                shutil.rmtree(old, ignore_errors=True)
            else:
                old.rename(live)

    def _partial_index_note(self, index: str) -> None:
        """A dirty build with no index of the site's to keep makes one of the pages it rendered alone."""
        if len(self.rendered) < len(self.page_urls):
            log.info("Dossier: this dirty build found no %s to keep, and rendered %d of the %d pages: search "
                     "finds only those until a full build (without --dirty) indexes every page", index,
                     len(self.rendered), len(self.page_urls))

    def on_page_markdown(self, markdown: str, page: Any, config: Any, files: Files) -> str:
        if OVERVIEW_MARKER in markdown and self.kb is not None:
            overview = Renderer(self.kb, self.paths.templates_dir).overview(page.file.src_uri)
            markdown = markdown.replace(OVERVIEW_MARKER, overview)
        return markdown

    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        for folder in (self.paths.seeds_dir, self.paths.registry_dir, self.paths.templates_dir):
            if folder.exists():
                server.watch(str(folder))
        return server


def _material_search_plugin(config: Any) -> Any:
    """Material's search plugin (or MkDocs' own), None when the site has none."""
    return config.plugins.get("material/search") or config.plugins.get("search")


def dirty_hint(command: str, dirty: bool, pages: int) -> str:
    """What ``mkdocs serve`` tells the editor of a large site: each rebuild renders every page's HTML again
    (minutes at ten thousand articles), where ``--dirty`` renders only the pages an edit changed."""
    if command != "serve" or dirty or pages < DIRTY_HINT_PAGES:
        return ""
    return (f"Dossier: {pages} generated files, and each rebuild renders every page again; "
            "'mkdocs serve --dirty --no-strict' renders only the pages an edit changes (see CONTRIBUTING.md)")


def _render_overviews_again(files: Files) -> None:
    """A dirty build renders a page only when its file changed, but a hand-written page with the overview
    marker (the home page) shows the knowledge base, which any edit may change: such pages are rendered
    every time."""
    for file in files.documentation_pages():
        if file.generated_by is None and file.abs_src_path and OVERVIEW_MARKER in Path(file.abs_src_path).read_text(
                encoding="utf-8", errors="replace"):
            file.is_modified = lambda: True  # type: ignore[method-assign]


def _remove_stale_html(removed: Iterable[str], files: Files, config: Any) -> list[str]:
    """A dirty build leaves the site folder as the last build left it, but for the pages it renders: the HTML of
    a page the incremental build no longer generates (an entity no article names any more, a list page or a
    chapter gone) would stay, at its address, until a build without ``--dirty``. It is removed here (with
    the folders it leaves empty), unless a file of the site now has that address. The site's paths removed."""
    paths = sorted(removed)
    if not paths:
        return []
    site_dir = Path(config.site_dir).resolve()
    taken = {file.dest_uri for file in files}
    gone = []
    for uri in paths:
        dest_uri = File(uri, None, str(site_dir), config.use_directory_urls).dest_uri
        target = (site_dir / dest_uri).resolve()
        if dest_uri in taken or site_dir not in target.parents or not target.is_file():
            continue
        target.unlink()
        gone.append(dest_uri)
        prune_empty_dirs(target.parent, site_dir)
    return gone


def merged_search_index(previous: str, current: str, rendered: set[str], page_urls: list[str]) -> str:
    """Material's search index after a dirty build: ``current`` holds the entries of the ``rendered`` pages
    alone, ``previous`` (the index it replaced) every page's as they were. The entries of each page of the
    site (``page_urls``, in MkDocs' order) come from the one that has them fresh, so the index is the one a
    full build would write, where only the rendered pages changed."""
    old, new = json.loads(previous), json.loads(current)
    by_page: dict[str, list[Any]] = {}
    for source, fresh in ((old, False), (new, True)):
        for entry in source.get("docs", []):
            page = str(entry.get("location", "")).split("#", 1)[0]
            if (page in rendered) == fresh:
                by_page.setdefault(page, []).append(entry)
    new["docs"] = [entry for url in page_urls for entry in by_page.get(url, [])]
    return json.dumps(new, separators=(",", ":"), default=str)


class _NoSearchIndex:
    """Material's search index while Pagefind answers: it takes no page, and what it writes is empty (the
    plugin's ``on_post_build`` then removes it)."""

    def add_entry_from_context(self, page: Any) -> None:
        pass

    def generate_search_index(self, prev: Any) -> str:
        return '{"config": {}, "docs": []}'
