"""Article text is data, never markup: hostile seeds render as visible text and run nothing in a real
browser; seeds cannot reach outside seeds/; a 20 MB article is refused with a clear message."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, run, serve_folder, site_config
from playwright.sync_api import Page, expect

from dossier.pipeline import Paths, build_site

CLI = str(ROOT / "build_pages.py")

#: every payload would set window.__pwned (or open a dialog) if it ran
HOSTILE_MD = """\
---
title: 'Hostile "><img src=x onerror="window.__pwned=11"> </title><script>window.__pwned=12</script> {{ 7*7 }}'
source: '"><script>window.__pwned=13</script>'
author: "<b onmouseover=alert(1)>Mallory</b>"
url: "javascript:window.__pwned=14"
---
Intro <script>window.__pwned = 1; alert(1)</script> end of intro.

<img src=x onerror="window.__pwned=2;alert(2)">

Click [here](javascript:window.__pwned=3) please.

<div onclick="alert(3)">raw html block</div>

Jinja {{ 7*7 }} and {% if true %}yes{% endif %} done.

```html
<script>window.__pwned=4</script>
```

!!! danger "Escaped admonition"

    indented <script>window.__pwned=5</script>

[x]: javascript:alert(1)

See [x] and ![pic](javascript:alert(9)) now.

<!-- comment starts here

Trailing paragraph. {: onclick="alert(6)" }

<svg onload="window.__pwned=7">

&lt;script&gt;window.__pwned=8&lt;/script&gt;
"""
HOSTILE_TXT = """\
Plain hostile <script>window.__pwned=21</script>

    four-space <img src=x onerror=window.__pwned=22>

<iframe src="javascript:window.__pwned=23"></iframe>

Final line <a href="javascript:alert(24)">link</a>.
"""
#: text that must be visible, verbatim, on the rendered pages (of the .md seed, Markdown's marks are taken
#: out and their words kept: a link's words without its address, no code fence, no link reference)
VISIBLE = [
    "<script>window.__pwned = 1; alert(1)</script>",
    '<img src=x onerror="window.__pwned=2;alert(2)">',
    "Click here please.",
    '<div onclick="alert(3)">raw html block</div>',
    "Jinja {{ 7*7 }} and {% if true %}yes{% endif %} done.",
    "<script>window.__pwned=4</script>",
    '!!! danger "Escaped admonition"',
    "indented <script>window.__pwned=5</script>",
    "See [x] and pic now.",
    "<!-- comment starts here",
    '<svg onload="window.__pwned=7">',
    "&lt;script&gt;window.__pwned=8&lt;/script&gt;",
]
CHECK_DOM = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (attr.name.startsWith('on')) bad.push(el.tagName + ' ' + attr.name);
      if (/^\\s*javascript:/i.test(attr.value)) bad.push(el.tagName + ' ' + attr.name + '=' + attr.value);
    }
  }
  for (const el of document.querySelectorAll('article script, article iframe, article img, article svg'))
    bad.push('element ' + el.tagName);
  return {pwned: typeof window.__pwned, bad};
}"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real ``mkdocs build --strict`` of hostile seeds, served on loopback."""
    work = tmp_path_factory.mktemp("hostile")
    seeds = work / "seeds"
    seeds.mkdir()
    (seeds / "hostile.md").write_text(HOSTILE_MD, encoding="utf-8")
    (seeds / "hostile.txt").write_text(HOSTILE_TXT, encoding="utf-8")
    config = site_config(work, seeds)
    result = run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(work / "site")])
    assert "WARNING" not in result.stderr, result.stderr
    with serve_folder(work / "site") as url:
        yield url


def _article_paths(tmp: Path) -> list[str]:
    return sorted(p for p in build_site(Paths(tmp, ROOT / "registry", ROOT / "templates")).pages
                  if p.startswith("articles/") and p != "articles/index.md")


@pytest.mark.browser
def test_hostile_seeds_render_as_text_and_run_nothing(page: Page, hostile_site: str, tmp_path: Path) -> None:
    (tmp_path / "hostile.md").write_text(HOSTILE_MD, encoding="utf-8")
    (tmp_path / "hostile.txt").write_text(HOSTILE_TXT, encoding="utf-8")
    articles = _article_paths(tmp_path)
    assert len(articles) == 2
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.set_viewport_size({"width": 1280, "height": 900})
    urls = [f"/{p[:-3]}/" for p in articles] + ["/articles/", "/tags/", "/"]
    for url in urls:
        page.goto(hostile_site + url)
        page.wait_for_load_state("load")
        state = page.evaluate(CHECK_DOM)
        assert state == {"pwned": "undefined", "bad": []}, (url, state)
    page.goto(hostile_site + f"/{articles[0][:-3]}/")
    article = page.locator("article")
    text = article.inner_text()
    for visible in VISIBLE:
        assert visible in text, visible
    expect(page.locator("h1")).to_contain_text('"><img src=x onerror="window.__pwned=11">')
    assert "{{ 7*7 }}" in page.title() and "49" not in page.title()
    assert article.get_by_role("link", name="Original").get_attribute("href") == "#"
    page.goto(hostile_site + f"/{articles[1][:-3]}/")
    text = page.locator("article").inner_text()
    for visible in ("four-space <img src=x onerror=window.__pwned=22>",
                    '<iframe src="javascript:window.__pwned=23"></iframe>',
                    'Final line <a href="javascript:alert(24)">link</a>.'):
        assert visible in text, visible
    # search shows the titles as text too
    page.goto(hostile_site + "/")
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("Hostile", delay=30)
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=10000)
    assert page.evaluate(CHECK_DOM) == {"pwned": "undefined", "bad": []}
    assert dialogs == []


def test_symlinks_out_of_seeds_are_refused(tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text("A secret outside the seeds folder.\n", encoding="utf-8")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "ok.txt").write_text("An ordinary article.\n", encoding="utf-8")
    (seeds / "leak.txt").symlink_to(tmp_path / "secret.txt")
    (seeds / "folder").symlink_to(tmp_path, target_is_directory=True)
    result = run([sys.executable, CLI, "--seeds", str(seeds), "--registry", str(ROOT / "registry"), "check"],
                 cwd=tmp_path, check=False)
    assert result.returncode == 1
    assert "seeds/leak.txt: this link points outside the seeds folder; copy the file in instead" in result.stderr
    assert "secret" not in result.stdout


def test_a_20_mb_article_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    sentence = "Kazakhstan joined the Abraham Accords, said Tokayev in Astana. "
    (seeds / "huge.txt").write_text(sentence * (20_000_000 // len(sentence)), encoding="utf-8")
    assert os.path.getsize(seeds / "huge.txt") > 19_000_000
    result = run([sys.executable, CLI, "--seeds", str(seeds), "--registry", str(ROOT / "registry"), "check"],
                 cwd=tmp_path, check=False, timeout=60)  # a hang fails here instead of stalling the suite
    assert result.returncode == 1
    assert "seeds/huge.txt:1: the file is 20.0 MB; seeds are limited to 2 MB each: split it into several " \
           "articles" in result.stderr
