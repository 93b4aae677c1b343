"""``mkdocs serve`` live preview: an edited seed shows on the served article page, then the server stops; the
same with ``--dirty``, which renders only the pages the edit changed (see tests/test_editor_dirty.py)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT, site_config

from dossier.pipeline import Paths, build_site

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


@pytest.mark.parametrize("mode", [[], ["--dirty", "--no-strict"]], ids=["full", "dirty"])
def test_serve_shows_an_edited_seed(tmp_path: Path, mode: list[str]) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    config = site_config(tmp_path, seeds)
    seed = sorted(seeds.glob("*.txt"))[0]
    article = next(a for a in build_site(Paths(seeds, ROOT / "registry", ROOT / "templates")).kb.articles
                   if a.src_uri == seed.name)
    port = free_port()
    url = f"http://127.0.0.1:{port}/{article.path[:-3]}/"
    log = tmp_path / "serve.log"
    with open(log, "wb") as out:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f",
                                   str(config), *mode], cwd=tmp_path, stdout=out, stderr=subprocess.STDOUT,
                                  env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        assert poll(url, article.title.split()[0], 60, server), log.read_text(encoding="utf-8")
        assert MARKER not in fetch(url)
        text = seed.read_text(encoding="utf-8")
        first_line = text.index("\n---\n", 3) + 5 if text.startswith("---\n") else text.index("\n") + 1
        seed.write_text(text[:first_line] + "\n" + MARKER + "\n\n" + text[first_line:], encoding="utf-8")
        assert poll(url, MARKER, 20, server), log.read_text(encoding="utf-8")
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    assert server.returncode is not None
    assert fetch(url) == ""  # stopped: nothing answers on the port any more
    assert "Traceback" not in log.read_text(encoding="utf-8")
