"""The scale benchmark: ``python benchmarks/run.py --articles N [--incremental]``.

Generates a synthetic corpus of N articles (``benchmarks/generate.py``) in ``build/bench-N/``, then times,
each in its own process (wall time, and peak RSS from ``wait4``):

- the generator: ``build_pages.py`` writing the Markdown into the corpus' ``docs/``, from a cold cache,
  with as many worker processes as the machine has cores (``DOSSIER_WORKERS`` overrides);
- ``mkdocs build``: the real site with the project's ``mkdocs.yml``. The dossier plugin runs the same
  pipeline inside it, with a cache of its own: cold the first time (a whole generator run, then Material
  renders), warm the second (the pipeline's fast path: Material's own time, nearly all of it);
- with ``--incremental``: ``mkdocs build --dirty`` (a live preview's rebuild) after two of the edits and
  after undoing them; then each kind of edit in ``EDITS`` made to one article, and the generator run again
  (warm cache); then once more with nothing changed. ``--generator-only`` leaves out mkdocs.

Peak memory is that of the largest process (``wait4``'s ``ru_maxrss``); forked workers share the
parent's pages until they write to them.

and prints the pages written, the site's size, and the bytes a reader's browser downloads for the first
search query (Debian's chromium through Playwright; skipped when it is missing).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import SEED, Corpus, generate  # noqa: E402

MANIFEST = ".dossier-manifest.json"


@dataclass(frozen=True)
class Run:
    seconds: float
    cpu_seconds: float  # user + system, the process and its children: what the machine's load does not inflate
    peak_mb: float
    stdout: str

    def __str__(self) -> str:
        return f"{self.seconds:.1f} s wall, {self.cpu_seconds:.1f} s CPU, peak {self.peak_mb:.0f} MB"


def timed(cmd: list[str], cwd: Path = ROOT) -> Run:
    """Run ``cmd``; its wall time and its own peak RSS (not the benchmark's), via ``os.wait4``."""
    # Python's bytecode cache as it is by default: an environment that turns it off (PYTHONDONTWRITEBYTECODE,
    # as this project's sandbox does) makes every run compile the package again, a third of a second
    env = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    out = proc.stdout.read() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{out}")
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out)


class _KeepTags(yaml.SafeLoader):
    """Loads mkdocs.yml, keeping ``!!python/name:...`` tags as they are so they can be written back."""


class _Tagged(str):
    tag = ""


def _tagged(loader: yaml.Loader, suffix: str, node: yaml.Node) -> _Tagged:
    value = _Tagged(loader.construct_scalar(node) if isinstance(node, yaml.ScalarNode) else "")
    value.tag = node.tag
    return value


_KeepTags.add_multi_constructor("tag:yaml.org,2002:python/", _tagged)
yaml.SafeDumper.add_representer(_Tagged, lambda dumper, data: dumper.represent_scalar(data.tag, str(data)))


def site_config(work: Path, search_backend: str | None) -> Path:
    """The project's mkdocs.yml with every folder pointed at the corpus (absolute paths)."""
    config: dict[str, Any] = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_KeepTags)  # noqa: S506
    config["docs_dir"] = str(work / "docs")
    config["site_dir"] = str(work / "site")
    theme = config.get("theme", {})
    if isinstance(theme, dict) and theme.get("custom_dir"):
        theme["custom_dir"] = str(ROOT / theme["custom_dir"])
    for i, plugin in enumerate(config.get("plugins", [])):
        name = plugin if isinstance(plugin, str) else next(iter(plugin))
        if name != "dossier":
            continue
        options = {} if isinstance(plugin, str) else dict(plugin[name] or {})
        options.update(seeds_dir=str(work / "seeds"), registry_dir=str(work / "registry"),
                       templates_dir=str(ROOT / options.get("templates_dir", "templates")))
        if search_backend:
            options["search_backend"] = search_backend
        config["plugins"][i] = {"dossier": options}
    path = work / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def hand_written_docs(work: Path) -> None:
    """Copy the project's hand-written pages (not its generated ones) into the corpus' docs/."""
    docs = ROOT / "docs"
    generated: set[str] = set()
    if (docs / MANIFEST).exists():
        generated = set(json.loads((docs / MANIFEST).read_text(encoding="utf-8"))["generated"])
    for path in sorted(docs.rglob("*")):
        rel = path.relative_to(docs).as_posix()
        if path.is_file() and rel not in generated and rel != MANIFEST:
            target = work / "docs" / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)


def folder_size(folder: Path) -> tuple[int, int]:
    """(bytes, HTML pages) under a folder."""
    total = pages = 0
    for path in folder.rglob("*"):
        if path.is_file():
            total += path.stat().st_size
            pages += path.suffix == ".html"
    return total, pages


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextlib.contextmanager
def _browsing(site: Path) -> Iterator[tuple[Any, str]]:
    """Debian's chromium (through Playwright) and the site served on a free loopback port: (browser, URL)."""
    from playwright.sync_api import sync_playwright

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), headless=True)
            try:
                yield browser, f"http://127.0.0.1:{server.server_address[1]}/"
            finally:
                browser.close()
    finally:
        server.shutdown()


def search_download(site: Path, query: str) -> dict[str, Any] | None:
    """Bytes the browser fetches for search, from opening the home page to the first results shown."""
    if not shutil.which("chromium"):
        return None
    fetched: list[tuple[str, bytes]] = []
    with _browsing(site) as (browser, url):
        page = browser.new_page(viewport={"width": 1280, "height": 900})

        def record(response: Any) -> None:
            if "search" in response.url or "pagefind" in response.url:
                with contextlib.suppress(Exception):  # a redirect or an aborted request has no body
                    fetched.append((response.url, response.body()))

        page.on("response", record)
        page.goto(url)
        start = time.perf_counter()
        box = page.locator("input.md-search__input")
        box.click()
        box.press_sequentially(query, delay=30)
        page.locator(".md-search-result__item").first.wait_for(timeout=120_000)
        seconds = time.perf_counter() - start
        page.wait_for_load_state("networkidle")
    raw = sum(len(body) for _, body in fetched)
    zipped = sum(len(gzip.compress(body, 6)) for _, body in fetched)
    return {"requests": len(fetched), "raw": raw, "gzip": zipped, "seconds": seconds}


#: a phone, roughly: chromium's CPU slowed fourfold, 1.5 MB/s with 40 ms of latency, a reader typing a key
#: every 150 ms on a 390 x 844 screen
PHONE_CPU_SLOWDOWN = 4
PHONE_NETWORK = {"offline": False, "latency": 40, "downloadThroughput": 1_500_000, "uploadThroughput": 750_000}
PHONE_KEY_MS = 150


def search_on_phone(site: Path, query: str) -> float | None:
    """Seconds from the reader's last key to the last change of the result list (the results of the whole
    query) on an emulated phone; 0 when the list had its final results before the last key."""
    if not shutil.which("chromium"):
        return None
    with _browsing(site) as (browser, url):
        context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=3,
                                      is_mobile=True, has_touch=True)
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": PHONE_CPU_SLOWDOWN})
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", PHONE_NETWORK)
        page.goto(url)
        page.evaluate("""() => {
          window.benchmarkChanges = [];
          window.benchmarkKeys = [];
          document.addEventListener("keydown", () => window.benchmarkKeys.push(performance.now()), true);
          new MutationObserver(() => window.benchmarkChanges.push(performance.now()))
            .observe(document.querySelector(".md-search-result__list"), { childList: true });
        }""")
        page.locator("label[for='__search']").first.click()
        page.locator("input.md-search__input").press_sequentially(query, delay=PHONE_KEY_MS)
        page.locator(".md-search-result__item").first.wait_for(timeout=120_000)
        while True:  # settled: no change for three seconds
            changes, keys, now = page.evaluate("[window.benchmarkChanges, window.benchmarkKeys, performance.now()]")
            if changes and now - changes[-1] > 3000:
                break
            time.sleep(0.25)
    return max(0.0, (changes[-1] - keys[-1]) / 1000)


def _middle_article(work: Path) -> Path:
    seeds = sorted((work / "seeds").iterdir())
    return seeds[len(seeds) // 2]


def _appending(sentence: str) -> Callable[[str], str]:
    return lambda text: text.rstrip("\n") + " " + sentence + "\n"


def _front_matter(field: str) -> Callable[[str], str]:
    return lambda text: text.replace(f"\n{field}: ", f"\n{field}: Revised ", 1)


#: what an editor might change in one article, from what no other page shows to what only a full build takes
EDITS: list[tuple[str, Callable[[str], str]]] = [
    ("a sentence no other page shows", _appending("An editor added this sentence after publication.")),
    ("a country named", _appending("Officials in Norway were not consulted.")),
    ("a registered person quoted", _appending("“Trade matters,” said {person}.")),
    ("a dated sentence", _appending("Talks resumed on May 4, 2019, officials said.")),
    ("the title (a dated article)", _front_matter("title")),
    ("the byline", _front_matter("author")),
    ("a new person quoted (a discovered name)", _appending("“We will not accept this plan,” said Foreign "
                                                           "Minister Aigerim Bekova.")),
]


def time_edits(work: Path, generator_cmd: list[str], rows: list[tuple[str, str]], repeat: int = 3,
               seed: int = SEED) -> None:
    """Each kind of edit made to the middle article, the generator rerun, and the article put back (and the
    generator run again, untimed, so that the next edit starts from the same cache); ``repeat`` times each,
    the median shown with the range (a shared machine's timings move by a third from one run to the next).
    Then a new article (the next the corpus' generator, of random ``seed``, makes) added beside the middle
    one, the generator rerun, and the article taken away again, the generator rerun."""
    target = _middle_article(work)
    original = target.read_text(encoding="utf-8")
    person = yaml.safe_load((work / "registry" / "people.yml").read_text(encoding="utf-8"))[0]["name"]
    for name, edit in EDITS:
        runs = []
        for _ in range(repeat):
            target.write_text(edit(original).replace("{person}", person), encoding="utf-8")
            runs.append(timed(generator_cmd))
            target.write_text(original, encoding="utf-8")
            timed(generator_cmd)
        rows.append((f"incremental: {name}", _median(runs)))
    adding, removing = [], []
    corpus, number = Corpus(ROOT / "registry", seed), len(list((work / "seeds").iterdir()))
    for _ in range(repeat):
        added = corpus.added_beside(target, number)  # beside the middle article
        adding.append(timed(generator_cmd))
        added.unlink()
        removing.append(timed(generator_cmd))
    rows.append(("incremental: a new article (the corpus generator's next)", _median(adding)))
    rows.append(("incremental: that article removed again", _median(removing)))
    rows.append(("incremental: nothing changed", _median([timed(generator_cmd) for _ in range(repeat)])))


def _median(runs: list[Run]) -> str:
    """The median run, with the range of wall times when there are several, and what it wrote."""
    ordered = sorted(runs, key=lambda r: r.seconds)
    middle = ordered[len(ordered) // 2]
    spread = ""
    if len(runs) > 1:
        spread = f" (median of {len(runs)}: {ordered[0].seconds:.1f} to {ordered[-1].seconds:.1f} s)"
    return f"{middle}{spread}: {_outcome(middle)}"


def _outcome(run: Run) -> str:
    """What the generator's last line says it wrote, and by which path ("9 written, ... (fast build)")."""
    return run.stdout.strip().splitlines()[-1].split(": ", 1)[-1]


def mb(n: float) -> str:
    return f"{n / 1e6:.1f} MB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--work", type=Path, help="corpus folder (default: build/bench-N)")
    parser.add_argument("--incremental", action="store_true", help="also time a rerun after editing one article")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each incremental edit (the median is shown)")
    parser.add_argument("--search-backend", choices=("auto", "material", "pagefind"),
                        help="override the plugin's search_backend")
    parser.add_argument("--no-browser", action="store_true", help="skip the search download measurement")
    parser.add_argument("--generator-only", action="store_true", help="skip mkdocs build and the search download")
    parser.add_argument("--query", default="Kazakhstan")
    args = parser.parse_args(argv)
    work = (args.work or ROOT / "build" / f"bench-{args.articles}").resolve()
    for stale in ("docs", "site", ".dossier-cache"):
        shutil.rmtree(work / stale, ignore_errors=True)

    start = time.perf_counter()
    generate(work, args.articles, args.seed)
    corpus_seconds = time.perf_counter() - start
    corpus_bytes = sum(p.stat().st_size for p in (work / "seeds").iterdir())
    hand_written_docs(work)
    config = site_config(work, args.search_backend)
    py = sys.executable
    generator_cmd = [py, str(ROOT / "build_pages.py"), "--seeds", str(work / "seeds"), "--registry",
                     str(work / "registry"), "--templates", str(ROOT / "templates"), "--docs", str(work / "docs")]
    rows = Table()
    rows += [
        ("machine", f"{os.cpu_count()} cores, {_memory_gb()} GB RAM, {platform.python_implementation()} "
                    f"{platform.python_version()}"),
        ("articles", f"{args.articles:,} ({mb(corpus_bytes)} of text; corpus written in {corpus_seconds:.1f} s)"),
    ]
    gen = timed(generator_cmd)
    per_article = gen.cpu_seconds / args.articles * 1000
    rows.append(("generator (build_pages.py)", f"{gen} ({per_article:.1f} ms CPU an article)"))
    if args.generator_only:
        if args.incremental:
            time_edits(work, generator_cmd, rows, args.repeat, args.seed)
        return 0
    site = timed([py, "-m", "mkdocs", "build", "-f", str(config)])
    site_bytes, pages = folder_size(work / "site")
    index = work / "site" / "search" / "search_index.json"
    rows += [("mkdocs build (plugin's cache cold)", str(site))]
    warm_site = timed([py, "-m", "mkdocs", "build", "-f", str(config)])
    rows += [
        ("mkdocs build again (cache warm)", f"{warm_site}: the pipeline's fast path, then Material"),
        ("generator / mkdocs build", f"{gen.seconds / site.seconds:.0%} of its wall time cold, "
                                     f"{gen.seconds / warm_site.seconds:.0%} of it warm"),
        ("pages written", f"{pages:,} HTML pages"),
        ("site size", mb(site_bytes)),
    ]
    if index.exists():
        data = index.read_bytes()
        rows.append(("Material search_index.json", f"{mb(len(data))} (gzip {mb(len(gzip.compress(data, 6)))})"))
    chosen = re.search(r"search by Pagefind \((.*)\)", site.stdout)
    if chosen:  # Material then builds no index (its size at 1,000 and 10,000 articles: --search-backend material)
        rows.append(("Material search_index.json", f"not built: {chosen.group(1)}"))
    if (work / "site" / "pagefind").is_dir():
        rows.append(("search backend", "Pagefind (pagefind/ bundle: "
                                       f"{mb(folder_size(work / 'site' / 'pagefind')[0])})"))
    if not args.no_browser:
        found = search_download(work / "site", args.query)
        if found:
            rows.append((f"first search query ('{args.query}')",
                         f"{found['raw'] / 1e3:,.0f} KB downloaded (gzip {found['gzip'] / 1e3:,.0f} KB) in "
                         f"{found['requests']} requests; results after {found['seconds']:.1f} s"))
        phone = search_on_phone(work / "site", args.query)
        if phone is not None:
            rows.append(("the same query on an emulated phone", f"final results {phone:.1f} s after the last key "
                         f"(CPU slowed {PHONE_CPU_SLOWDOWN}x, 1.5 MB/s, a key every {PHONE_KEY_MS} ms)"))
    if args.incremental:
        time_dirty_rebuilds(work, [py, "-m", "mkdocs", "build", "--dirty", "--no-strict", "-f", str(config)], rows)
        time_edits(work, generator_cmd, rows, args.repeat, args.seed)
    return 0


#: the edits whose dirty rebuild is timed: one that changes a few pages, one that changes the timeline page
DIRTY_EDITS = (1, 3)


def time_dirty_rebuilds(work: Path, dirty_cmd: list[str], rows: list[tuple[str, str]]) -> None:
    """What a live preview (``mkdocs serve --dirty``) costs after an edit: ``mkdocs build --dirty``, which
    renders only the pages whose file is newer than their HTML, after the edit and again after undoing it."""
    target = _middle_article(work)
    original = target.read_text(encoding="utf-8")
    for name, edit in (EDITS[i] for i in DIRTY_EDITS):
        target.write_text(edit(original), encoding="utf-8")
        changed = timed(dirty_cmd)
        target.write_text(original, encoding="utf-8")
        undone = timed(dirty_cmd)
        rendered = re.search(r"\((\d+) pages rendered again", changed.stdout)
        pages = f", {rendered.group(1)} pages rendered" if rendered else ""
        rows.append((f"mkdocs build --dirty: {name}", f"{changed}{pages}; {undone.seconds:.1f} s undoing it"))


class Table(list):
    """Rows printed as they are measured (a 10,000-article run takes a while), as a Markdown table."""

    WIDTH = 34

    def __init__(self) -> None:
        super().__init__()
        print(f"| {'measure'.ljust(self.WIDTH)} | value |\n|{'-' * (self.WIDTH + 2)}|---|", flush=True)

    def append(self, row: tuple[str, str]) -> None:
        super().append(row)
        print(f"| {row[0].ljust(self.WIDTH)} | {row[1]} |", flush=True)

    def __iadd__(self, rows: list[tuple[str, str]]) -> Table:  # type: ignore[override,misc]
        for row in rows:
            self.append(row)
        return self


def _memory_gb() -> int:
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        return round(pages / 2**30)
    except (ValueError, OSError):
        return 0


if __name__ == "__main__":
    sys.exit(main())
