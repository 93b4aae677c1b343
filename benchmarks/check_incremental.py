"""Random edits against full builds: ``python benchmarks/check_incremental.py --work build/bench-1000``.

The tests compare each kind of edit with a full build on a 30-article corpus, with the limits that decide
what a page shows (five events on the timeline page, two sources named per event) made small enough for it
to reach them. This check does the same on a benchmark corpus (``benchmarks/run.py`` makes one), with the
real limits: it makes ``--edits`` random edits to random articles (a title, a date, a source, a byline, a
country named, a registered person quoted, a dated sentence, a sentence removed, a seed removed, a seed
renamed to a random place in the seed order (its front matter's slug keeps the article's id), or a new
seed: an article the corpus' generator makes past its own, at a random place in the seed order), each
followed by the incremental build; after every ``--every``-th edit a full build of the same seeds must
write nothing (every file the incremental builds wrote is the full build's, byte for byte). Edits
accumulate, so with ``--every`` above 1 an incremental build starts from a cache that another incremental
build left. The seeds are put back (the renamed ones under their names, the new ones removed) at the end,
however the run ends, and the incremental build run once more.

Exit status 1 if a full build wrote or removed a file. The same comparison, made by hand at 10,000
articles, found the stale titles that 6374dab fixed: the tests' corpus did not reach them then.
"""

from __future__ import annotations

import argparse
import random
import re
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import SEED, Corpus  # noqa: E402  (the benchmark corpus' articles)
from run import _appending  # noqa: E402  (the benchmark's own edits append the same way)

COUNTRIES = ("Norway", "Kazakhstan", "Israel", "Brazil", "Japan", "Chile")
SOURCES = ("Reuters", "Eurasianet", "The Diplomat", "A source no article had")
MONTHS = ("January", "March", "May", "July", "October")

Edit = Callable[[str], str]


def _front_matter(field: str, value: str) -> Edit:
    return lambda text: re.sub(rf"^{field}: .*$", lambda _: f"{field}: {value}", text, count=1, flags=re.MULTILINE)


def _dropping(rng: random.Random) -> Edit:
    def edit(text: str) -> str:
        head, body = text.split("\n---\n", 1)
        sentences = body.split(". ")
        if len(sentences) > 3:
            del sentences[rng.randrange(1, len(sentences) - 1)]
        return head + "\n---\n" + ". ".join(sentences)
    return edit


def random_edit(rng: random.Random, people: list[str]) -> tuple[str, Edit]:
    """One kind of edit, with random values."""
    year, day, person = rng.randint(1995, 2025), rng.randint(1, 28), rng.choice(people)
    kinds: list[tuple[str, Edit]] = [
        ("title", _front_matter("title", f"Revised headline {rng.randint(0, 99)}")),
        ("date", _front_matter("date", f"'{year}-{rng.randint(1, 12):02d}-{day:02d}'")),
        ("source", _front_matter("source", rng.choice(SOURCES))),
        ("byline", _front_matter("author", rng.choice(["Staff reporter", "Jane Roe", person]))),
        ("country", _appending(f"Officials in {rng.choice(COUNTRIES)} were not consulted.")),
        ("quote", _appending(f"“Trade matters,” said {person}.")),
        ("dated", _appending(f"Talks resumed on {rng.choice(MONTHS)} {day}, {year}, officials said.")),
        ("removed", _dropping(rng)),
    ]
    return rng.choice(kinds)


def _last_line(run: subprocess.CompletedProcess[str]) -> str:
    lines = run.stdout.strip().splitlines()
    return lines[-1].split(": ", 1)[-1].rstrip(".") if lines else f"failed: {run.stderr.strip()[-300:]}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, required=True, help="a benchmark corpus: seeds/, registry/, docs/")
    parser.add_argument("--edits", type=int, default=24)
    parser.add_argument("--every", type=int, default=1, help="a full build after every N-th edit")
    parser.add_argument("--seed", type=int, default=1, help="of the random choices")
    args = parser.parse_args(argv)
    work: Path = args.work
    rng = random.Random(args.seed)
    build = [sys.executable, str(ROOT / "build_pages.py"), "--seeds", str(work / "seeds"), "--registry",
             str(work / "registry"), "--templates", str(ROOT / "templates"), "--docs", str(work / "docs")]
    seeds = sorted((work / "seeds").iterdir())
    people = [p["name"] for p in yaml.safe_load((work / "registry" / "people.yml").read_text(encoding="utf-8"))]
    print("before:", _last_line(subprocess.run(build, capture_output=True, text=True, check=False)), flush=True)
    corpus = Corpus(ROOT / "registry", SEED)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stopped: the seeds are put back all the same
    originals: dict[Path, str] = {}
    added: list[Path] = []
    renamed: dict[Path, Path] = {}  # new name -> the seed's own
    failed = 0
    try:
        for i in range(args.edits):
            seed = rng.choice(seeds)
            draw = rng.randrange(10)
            if draw == 0:
                kind = "added"
                added.append(corpus.added_beside(seed, len(seeds) + i))
                seed = added[-1]
            elif draw == 1 and seed.exists():
                kind = "gone"
                originals.setdefault(seed, seed.read_text(encoding="utf-8"))
                seed.unlink()
            elif draw == 2 and seed.exists():
                kind = "renamed"
                # a random place in the seed order: the names are numbered (00042_...), and the one before sorts
                # first; the slug in its front matter keeps the article's id
                new = seed.with_name(f"{rng.choice(seeds).name.split('_', 1)[0]}_renamed-{seed.name}")
                renamed[new] = seed
                seed = seed.rename(new)
            elif not seed.exists():
                continue
            else:
                originals.setdefault(seed, seed.read_text(encoding="utf-8"))
                kind, edit = random_edit(rng, people)
                seed.write_text(edit(seed.read_text(encoding="utf-8")), encoding="utf-8")
            line = f"{i + 1:3d} {kind:8s} {seed.name[:40]:40s} incremental: " + _last_line(
                subprocess.run(build, capture_output=True, text=True, check=False))
            if (i + 1) % args.every == 0:
                full = _last_line(subprocess.run([*build, "build", "--full"], capture_output=True, text=True,
                                                 check=False))
                same = full.startswith("0 written") and " 0 removed" in full
                failed += not same
                line += "; full: " + ("the same" if same else f"DIFFERENT ({full})")
            print(line, flush=True)
    finally:
        for new, seed in renamed.items():
            new.rename(seed)
        for seed, text in originals.items():
            seed.write_text(text, encoding="utf-8")
        for seed in added:
            seed.unlink(missing_ok=True)
        print("seeds put back:", _last_line(subprocess.run(build, capture_output=True, text=True, check=False)))
    print(f"{failed} of {args.edits // args.every} full builds differed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
