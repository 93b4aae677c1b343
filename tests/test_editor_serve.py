"""``mkdocs serve`` live preview: an edited seed shows on the served article page, then the server stops; the
same with ``--dirty``, which renders only the pages the edit changed (see tests/test_editor_dirty.py), and
indexes a Pagefind site again in the background."""

from __future__ import annotations

import contextlib
import gzip
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest
from conftest import ROOT, site_config

from dossier.pipeline import Paths, build_site
from dossier.search import REFRESH_FOLDERS

pytestmark = pytest.mark.slow
MARKER = "Livepreviewmarker sentence added by the editor."


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback only
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def poll(url: str, wanted: str, seconds: float, server: subprocess.Popen[bytes]) -> bool:
    """Fetch ``url`` until it contains ``wanted``; gives up after ``seconds`` (a deadline, not a timing
    assertion: the test only fails when the change never shows)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert server.poll() is None, "mkdocs serve exited"
        if wanted in fetch(url):
            return True
        time.sleep(0.3)
    return False


class Served(NamedTuple):
    server: subprocess.Popen[bytes]
    seed: Path  # the first seed, whose article ``url`` shows
    url: str
    log: Path


@contextlib.contextmanager
def served(tmp_path: Path, mode: list[str], env: dict[str, str] | None = None,
           **options: str) -> Iterator[Served]:
    """``mkdocs serve`` of a copy of the seeds (``mode``: its extra arguments, ``options``: the plugin's),
    until the first seed's article page answers; stopped when the block ends."""
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    config = site_config(tmp_path, seeds, **options)
    seed = sorted(seeds.glob("*.txt"))[0]
    article = next(a for a in build_site(Paths(seeds, ROOT / "registry", ROOT / "templates")).kb.articles
                   if a.src_uri == seed.name)
    port = free_port()
    url = f"http://127.0.0.1:{port}/{article.path[:-3]}/"
    log = tmp_path / "serve.log"
    with open(log, "wb") as out:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f",
                                   str(config), *mode], cwd=tmp_path, stdout=out, stderr=subprocess.STDOUT,
                                  env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})
    try:
        assert poll(url, article.title.split()[0], 60, server), log.read_text(encoding="utf-8")
        yield Served(server, seed, url, log)
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.mark.parametrize("mode", [[], ["--dirty", "--no-strict"]], ids=["full", "dirty"])
def test_serve_shows_an_edited_seed(tmp_path: Path, mode: list[str]) -> None:
    with served(tmp_path, mode) as (server, seed, url, log):
        assert MARKER not in fetch(url)
        text = seed.read_text(encoding="utf-8")
        first_line = text.index("\n---\n", 3) + 5 if text.startswith("---\n") else text.index("\n") + 1
        seed.write_text(text[:first_line] + "\n" + MARKER + "\n\n" + text[first_line:], encoding="utf-8")
        assert poll(url, MARKER, 20, server), log.read_text(encoding="utf-8")
    assert server.returncode is not None
    assert fetch(url) == ""  # stopped: nothing answers on the port any more
    assert "Traceback" not in log.read_text(encoding="utf-8")


def _indexed_text(site: Path) -> list[bytes]:
    """The text of every page in Pagefind's index of a built site (its fragments: gzip, then JSON)."""
    return [gzip.decompress(f.read_bytes()) for f in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment"))]


def test_a_dirty_server_indexes_pagefind_again_after_an_edit(tmp_path: Path) -> None:
    """``mkdocs serve --dirty`` of a Pagefind site: the rebuild after an edit is served at once, and Pagefind
    indexes every page again in the background, so that search finds the edit's new word once the new index is
    swapped in (``mkdocs build --dirty`` keeps the last full build's index: tests/test_editor_dirty.py)."""
    temp = tmp_path / "tmp"  # where mkdocs serve makes its site folder
    temp.mkdir()
    with served(tmp_path, ["--dirty", "--no-strict"], {"TMPDIR": str(temp)},
                search_backend="pagefind") as (server, seed, url, log):
        (site,) = temp.glob("mkdocs_*")
        before = _indexed_text(site)
        assert before and not any(b"Livepreviewmarker" in text for text in before)
        text = seed.read_text(encoding="utf-8")
        seed.write_text(text.rstrip("\n") + "\n\n" + MARKER + "\n", encoding="utf-8")
        assert poll(url, MARKER, 20, server), log.read_text(encoding="utf-8")
        deadline = time.monotonic() + 60
        while "search finds the last edit" not in log.read_text(encoding="utf-8"):
            assert time.monotonic() < deadline, log.read_text(encoding="utf-8")
            time.sleep(0.3)
        after = _indexed_text(site)
        assert len(after) == len(before)  # every page again, not the few this rebuild rendered
        assert sum(b"Livepreviewmarker" in text for text in after) == 1  # the edited article's page
        assert not any((site / name).exists() for name in REFRESH_FOLDERS)  # swapped in, scratch removed
    output = log.read_text(encoding="utf-8")
    assert "Pagefind is indexing the" in output and "search finds the last edit" in output, output
    assert "Traceback" not in output
