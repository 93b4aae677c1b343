"""Search at scale: choose between Material's built-in search and Pagefind, and build Pagefind's index.

Material's search downloads one ``search_index.json`` whole before it shows the first result: 10 MB at
1,000 articles, 50 MB at 5,000. Pagefind splits its index into chunks and a reader downloads only the
chunks a query needs (200-300 KB a query at any of these sizes). Small sites keep Material's default;
``search_backend: auto`` switches to Pagefind when the text to index passes ``search_threshold_mb``.
The search box stays Material's (``overrides/partials/search.html`` and
``overrides/assets/javascripts/dossier-pagefind.js`` render Pagefind's results in Material's list).
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .errors import DossierError

BACKENDS = ("auto", "material", "pagefind")
DEFAULT_THRESHOLD_MB = 5.0
PAGEFIND_FOLDER = "pagefind"
SCRATCH_FOLDER = ".dossier-pagefind-pages"  # inside site_dir while Pagefind runs, so hard links work
#: a refresh's (:func:`refresh_pagefind`) scratch folder, and the index it makes before swapping it in
REFRESH_FOLDERS = (".dossier-pagefind-refresh-pages", ".dossier-pagefind-next", ".dossier-pagefind-old")
#: the content of a Material page; the header, navigation and footer are the same on every page
ROOT_SELECTOR = "article.md-content__inner"
#: permalink marks, edit buttons, figures, and sections marked ``{ data-search-exclude }`` for Material
EXCLUDE_SELECTORS = (".headerlink", ".md-content__button", ".md-source-file", ".dossier-figure", "svg",
                     "[data-search-exclude]")


@dataclass(frozen=True)
class SearchChoice:
    backend: str  # "material" or "pagefind"
    indexed_mb: float  # the estimate the choice was made on
    reason: str


def choose_backend(setting: str, page_sizes: Iterable[int], threshold_mb: float = DEFAULT_THRESHOLD_MB) -> SearchChoice:
    """Material or Pagefind. For ``auto``, the size of the pages' Markdown (in bytes) stands in for Material's
    index, which holds the text of every page once (measured: 10.5 MB of index for 1,000 articles of ~8 KB)."""
    if setting not in BACKENDS:
        raise DossierError("mkdocs.yml", f"search_backend: '{setting}' is not one of {', '.join(BACKENDS)}")
    size_mb = sum(page_sizes) / 1e6
    if setting != "auto":
        return SearchChoice(setting, size_mb, f"search_backend: {setting}")
    if size_mb > threshold_mb:
        return SearchChoice("pagefind", size_mb, f"{size_mb:.1f} MB of text to index is over "
                            f"search_threshold_mb ({threshold_mb:g} MB)")
    return SearchChoice("material", size_mb, f"{size_mb:.1f} MB of text to index is under "
                        f"search_threshold_mb ({threshold_mb:g} MB)")


def build_pagefind(site_dir: Path, pages: Iterable[tuple[str, str]], output: Path | None = None,
                   scratch: Path | None = None) -> int:
    """Index the given built pages, (``dest_uri`` under ``site_dir``, site-relative URL), into
    ``output`` (``site_dir/pagefind/``). Returns the number of pages indexed.

    Pagefind indexes a whole folder at native speed, but handing it pages one by one through its Python
    API costs about 0.1 s a page (measured: 298 s for 2,915 pages, against 7 s for the folder). So the
    pages to index are hard-linked into a scratch folder with the same layout (the URLs come out the
    same), Pagefind indexes that folder in one call, and the scratch folder is removed."""
    try:
        from pagefind.index import IndexConfig, PagefindIndex
    except ImportError:  # pragma: no cover - a missing dependency, reported as such
        raise DossierError("mkdocs.yml", "search_backend pagefind needs Pagefind: "
                           "pip install 'pagefind[bin]'") from None
    dest_uris = sorted({dest_uri for dest_uri, _ in pages if dest_uri.endswith(".html")})
    output = output or site_dir / PAGEFIND_FOLDER
    scratch = scratch or site_dir / SCRATCH_FOLDER
    shutil.rmtree(scratch, ignore_errors=True)
    try:
        for dest_uri in dest_uris:
            target = scratch / dest_uri
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(site_dir / dest_uri, target)
            except OSError:  # a file system without hard links
                shutil.copyfile(site_dir / dest_uri, target)

        async def run() -> None:
            config = IndexConfig(root_selector=ROOT_SELECTOR, exclude_selectors=list(EXCLUDE_SELECTORS),
                                 force_language="en", output_path=str(output))
            async with PagefindIndex(config=config) as index:
                await index.add_directory(str(scratch))

        asyncio.run(run())
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return len(dest_uris)


def refresh_pagefind(site_dir: Path, pages: Iterable[tuple[str, str]]) -> int:
    """Index the pages again beside the live index, then swap the new one in: the site answers from the old
    index until the new one is whole (what ``mkdocs serve --dirty`` runs in the background after an edit,
    see :mod:`dossier.plugin`, which lists the pages whose HTML is there). Returns the number of pages indexed."""
    scratch, fresh, old = (site_dir / name for name in REFRESH_FOLDERS)
    for folder in (fresh, old):
        shutil.rmtree(folder, ignore_errors=True)
    count = build_pagefind(site_dir, pages, fresh, scratch)
    live = site_dir / PAGEFIND_FOLDER
    if live.exists():
        live.rename(old)
    fresh.rename(live)
    shutil.rmtree(old, ignore_errors=True)
    return count


def main(argv: list[str]) -> int:
    """``python -m dossier.search SITE_DIR PAGES_JSON``: :func:`refresh_pagefind` of the pages listed, as
    [dest_uri, url] pairs, in the JSON file; logs as MkDocs does, to the terminal of the server that ran it."""
    site_dir, listed = Path(argv[0]), Path(argv[1])
    if hasattr(os, "nice"):
        os.nice(10)  # Pagefind's binary too: the server and the editor's next rebuild come first
    pages = [(str(d), str(u)) for d, u in json.loads(listed.read_text(encoding="utf-8"))]
    start = time.monotonic()
    try:
        count = refresh_pagefind(site_dir, pages)
    except Exception as exc:  # noqa: BLE001 - the server goes on with the index it had; say why
        print(f"WARNING -  Dossier: Pagefind could not index the site again ({exc}); search answers from "
              "the index it had", file=sys.stderr, flush=True)
        return 1
    print(f"INFO    -  Dossier: Pagefind indexed {count} pages again in {time.monotonic() - start:.1f} s: "
          "search finds the last edit", file=sys.stderr, flush=True)
    return 0


if __name__ == "__main__":  # pragma: no cover - run by the plugin as a process of its own
    sys.exit(main(sys.argv[1:]))
