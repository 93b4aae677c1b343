"""Shared fixtures: the real generator, a real ``mkdocs build --strict``, and a real browser."""

from __future__ import annotations

import contextlib
import functools
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
#: the reference annotation of the seeds, copied from shared/gold/ so the suite runs anywhere (a test
#: checks the copy is identical wherever shared/ is beside the repository)
GOLD = ROOT / "tests" / "gold_seeds" / "seeds.yml"
sys.path.insert(0, str(ROOT))

from dossier.evaluate import Evaluation, evaluate, knowledge_base, load_gold  # noqa: E402
from dossier.model import Article, ArticleAnalysis, Block, Entity  # noqa: E402
from dossier.pipeline import analyse  # noqa: E402
from dossier.registry import Registry, load_registry  # noqa: E402


def run(cmd: list[str], cwd: Path = ROOT, check: bool = True, **kw: object) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env, **kw)  # type: ignore[call-overload]
    if check and result.returncode != 0:
        raise AssertionError(f"{' '.join(cmd)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds built by a real ``mkdocs build --strict`` into a temporary folder."""
    site = tmp_path_factory.mktemp("site")
    result = run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)])
    assert "WARNING" not in result.stderr, result.stderr
    return site


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextlib.contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """A static site served on a free loopback port for the duration of the block; yields its URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    with serve_folder(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    return {**browser_type_launch_args, "executable_path": chromium}


def copy_hand_written_docs(dest: Path) -> Path:
    """Copy the repository's hand-written docs/ pages to ``dest``: files the generator wrote (its manifest)
    and dot-files are left out, whatever a developer's last ``build_pages.py`` run put there."""
    import json

    manifest_path = ROOT / "docs" / ".dossier-manifest.json"
    generated = set(json.loads(manifest_path.read_text(encoding="utf-8"))["generated"]) if manifest_path.exists() \
        else set()
    for path in sorted((ROOT / "docs").rglob("*")):
        rel = path.relative_to(ROOT / "docs").as_posix()
        if path.is_file() and rel not in generated and not rel.startswith("."):
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, dest / rel)
    return dest


#: an event's block on a timeline or entity page (_events.md.j2): its first line, and its lines below (the
#: other sources, the names)
EVENT_BLOCK = re.compile(r"^- \*\*.+\n(?:    .*\n)*", re.MULTILINE)


def event_limits(mp: pytest.MonkeyPatch, timeline_events: int | None = None, event_sources: int | None = None) -> None:
    """How many events the timeline page shows (render.TIMELINE_EVENTS) and how many sources of an event an
    entity's page names (render.EVENT_SOURCES), set in every module that imports them, for the full build and
    the incremental build alike."""
    if timeline_events is not None:
        for module in ("render", "timeline_delta", "incremental"):
            mp.setattr(f"dossier.{module}.TIMELINE_EVENTS", timeline_events)
    if event_sources is not None:
        for module in ("render", "timeline_delta"):
            mp.setattr(f"dossier.{module}.EVENT_SOURCES", event_sources)


def build_without_plugin(pages: dict[str, str | bytes], work: Path) -> Path:
    """Generated pages as the CLI writes them, built by ``mkdocs build --strict`` without our plugin (plain
    Markdown that MkDocs renders with every link and anchor found) into ``work/site``, which is returned."""
    import yaml

    from dossier.writer import write_pages

    docs = copy_hand_written_docs(work / "docs")
    write_pages(pages, docs)
    (docs / ".dossier-manifest.json").unlink()
    shutil.copytree(ROOT / "docs" / "stylesheets", docs / "stylesheets", dirs_exist_ok=True)
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(docs)
    config["theme"]["custom_dir"] = str(ROOT / "overrides")
    config["plugins"] = [p for p in config["plugins"] if not (isinstance(p, dict) and "dossier" in p)]
    config["validation"]["omitted_files"] = "info"  # the plugin keeps generated pages out of the nav itself
    (work / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    result = run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(work / "mkdocs.yml"),
                  "-d", str(work / "site")])
    assert "WARNING" not in result.stderr, result.stderr
    return work / "site"


def site_config(folder: Path, seeds_dir: Path, **plugin_options: str) -> Path:
    """A copy of mkdocs.yml in ``folder`` whose site is built from ``seeds_dir``: the hand-written pages
    of docs/ are copied into ``folder/docs`` (generated ones left out); registry, templates and theme
    overrides are the repository's own; ``plugin_options`` override the dossier plugin's settings."""

    import yaml

    docs = copy_hand_written_docs(folder / "docs")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(docs)
    config["theme"]["custom_dir"] = str(ROOT / "overrides")
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "dossier" in plugin:
            plugin["dossier"] = {**(plugin["dossier"] or {}), "seeds_dir": str(seeds_dir),
                                 "registry_dir": str(ROOT / "registry"), "templates_dir": str(ROOT / "templates"),
                                 **plugin_options}
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


# -- extraction on invented text: the table-driven tests of discovery and quotes share these --

@pytest.fixture(scope="session")
def registry() -> Registry:
    """The project's registry, loaded once."""
    return load_registry(ROOT / "registry")


def analyse_paragraphs(registry: Registry, *paragraphs: str) -> tuple[list[ArticleAnalysis], dict[str, Entity]]:
    """One article made of the given paragraphs (two lines apart, as in a seed), analysed."""
    blocks = tuple(Block("paragraph", text, 1 + 2 * i) for i, text in enumerate(paragraphs))
    return analyse([Article("a", "a.txt", "A", blocks)], registry)


def discovered(registry: Registry, *paragraphs: str) -> dict[str, Entity]:
    """name -> entity of everyone and everything the build discovered (not in the registry)."""
    _, entities = analyse_paragraphs(registry, *paragraphs)
    return {e.name: e for e in entities.values() if not e.reviewed}


def speakers(registry: Registry, *paragraphs: str) -> list[tuple[str, str]]:
    """(first word of the quote, the speaker's name or "") of every quote, in order."""
    analyses, entities = analyse_paragraphs(registry, *paragraphs)
    return [(q.text.split()[0], entities[q.speaker_id].name if q.speaker_id else "") for q in analyses[0].quotes]


def gold_figures(folder: Path, heading: str) -> Evaluation:
    """A gold corpus (``folder/articles``, ``folder/gold.yml``) scored, its table and misses printed."""
    result = evaluate(knowledge_base(folder / "articles", ROOT / "registry"), load_gold(folder / "gold.yml"))
    print(f"\n{heading} ({folder.relative_to(ROOT).as_posix()}):\n" + result.table())
    for line in result.errors:
        print("  ", line)
    return result
