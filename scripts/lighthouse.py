"""Lighthouse scores of the built seeds site: accessibility, best practices, SEO (and performance).

Too slow for the test suite (about 10 s a page), so it is a script whose results go in the README:

    npm i -E lighthouse@12.2.3 --prefix /tmp/lh      # once, outside the repository
    python3 scripts/lighthouse.py --lighthouse /tmp/lh/node_modules/.bin/lighthouse

It builds the site with ``mkdocs build --strict`` into a temporary folder, serves it on 127.0.0.1 and
runs Lighthouse with Debian's chromium on the home, an article, a person, a country, the timeline and
the graph pages. It exits 1 if a score in accessibility, best practices or SEO is below --minimum.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = {
    "home": "",
    "article": "articles/kazakhstan-joins-the-abraham-accords-a-gesture-to-trump/",
    "person": "people/kassym-jomart-tokayev/",
    "country": "countries/kazakhstan/",
    "timeline": "explore/timeline/",
    "graph": "explore/graph/",
}
CATEGORIES = ("accessibility", "best-practices", "seo", "performance")
GATED = ("accessibility", "best-practices", "seo")


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lighthouse", default="node_modules/.bin/lighthouse", help="the lighthouse executable")
    parser.add_argument("--chrome", default="/usr/bin/chromium")
    parser.add_argument("--minimum", type=int, default=95)
    args = parser.parse_args()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CHROME_PATH": args.chrome}
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], cwd=ROOT,
                       env=env, check=True)
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        rows, failed = [], False
        for name, path in PAGES.items():
            out = Path(tmp) / f"{name}.json"
            subprocess.run([args.lighthouse, base + path, "--chrome-flags=--headless=new --no-sandbox",
                            "--output=json", f"--output-path={out}", "--quiet"], env=env, check=True)
            report = json.loads(out.read_text(encoding="utf-8"))
            scores = {c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES}
            failing = [a["id"] for a in report["audits"].values()
                       if a.get("score") is not None and a["score"] < 1 and a.get("scoreDisplayMode") == "binary"]
            failed |= any(scores[c] < args.minimum for c in GATED)
            rows.append((name, path or "/", scores, failing))
        server.shutdown()
    print("| page | accessibility | best practices | SEO | performance |")
    print("|---|---|---|---|---|")
    for name, path, s, _ in rows:
        print(f"| {name} (`{path}`) | {s['accessibility']} | {s['best-practices']} | {s['seo']} | {s['performance']} |")
    for name, _, _, failing in rows:
        if failing:
            print(f"{name}: audits not passed: {', '.join(sorted(failing))}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
