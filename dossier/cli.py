"""The command line: ``build`` (the default), ``check``, ``new``, ``evaluate``.

Errors print as ``path:line: message``, one a line, and the exit code is 1; nothing is written
when any input is broken.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from . import incremental, parallel
from .discover import editor_report
from .errors import DossierError, DossierErrors
from .evaluate import evaluate, knowledge_base, load_gold
from .model import SourceLocation
from .pipeline import Paths, analyse, read_articles
from .readers import new_seed_text
from .registry import load_registry
from .text import slugify

log = logging.getLogger("dossier")
CACHE_DIR = ".dossier-cache"
#: the builds' results, kept to the end of a process that :func:`run` ends (None: main() called as a function)
_kept: list[object] | None = None


def _paths(args: argparse.Namespace) -> Paths:
    return Paths(Path(args.seeds), Path(args.registry), Path(args.templates))


def _report(errors: list[DossierError]) -> None:
    for error in errors:
        print(error, file=sys.stderr)
    print(f"{len(errors)} problem{'s' if len(errors) != 1 else ''} found.", file=sys.stderr)


def cmd_build(args: argparse.Namespace) -> int:
    paths = _paths(args)
    cache = Path(args.cache) if args.cache else paths.seeds_dir.parent / CACHE_DIR
    try:
        result = incremental.build(paths, Path(args.docs), cache, display=Path(args.docs).as_posix(),
                                   full=args.full, workers=parallel.default_workers(), waiting=log.info)
    except DossierErrors as exc:
        _report(exc.errors)
        print("Nothing was written: fix the problems above and build again.", file=sys.stderr)
        return 1
    except DossierError as exc:
        _report([exc])
        print("Nothing was written.", file=sys.stderr)
        return 1
    if _kept is not None:
        _kept.append(result)
    report = result.report
    print(f"{result.articles} articles, {result.entities} entities -> {result.files} files in {args.docs}/: "
          f"{len(report.written)} written, {report.unchanged} unchanged, {len(report.removed)} removed "
          f"({result.path} build{': ' + result.reason if result.reason else ''}).")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    paths = _paths(args)
    errors: list[DossierError] = []
    for step in (lambda: load_registry(paths.registry_dir, paths.registry_dir.name), lambda: read_articles(paths)):
        try:
            step()
        except DossierErrors as exc:
            errors.extend(exc.errors)
    if errors:
        _report(errors)
        return 1
    print("No problems found.")
    _print_editor_report(paths)
    return 0


def _print_editor_report(paths: Paths) -> None:
    """What the build found on its own or could not place, for the editor: notes, never errors, so they
    go to stderr like a compiler's warnings and stdout keeps the one-line verdict."""
    registry = load_registry(paths.registry_dir, paths.registry_dir.name)
    analyses, entities = analyse(read_articles(paths), registry)
    lines = editor_report(analyses, entities, paths.seeds_dir.as_posix())
    if lines:
        print(f"Editor's report ({len(lines)} note{'s' if len(lines) != 1 else ''}: discovered names, variant "
              "matches, unplaced phrases, repeated paragraphs):", file=sys.stderr)
        print("\n".join(lines), file=sys.stderr)


def cmd_evaluate(args: argparse.Namespace) -> int:
    """Precision, recall and F1 per entity type, and quote attribution, against a gold file."""
    try:
        gold = load_gold(Path(args.gold))
        kb = knowledge_base(Path(args.seeds), Path(args.registry))
    except DossierErrors as exc:
        _report(exc.errors)
        return 1
    except (OSError, ValueError) as exc:
        _report([DossierError(SourceLocation(args.gold), str(exc))])
        return 1
    result = evaluate(kb, gold)
    print(result.table())
    if result.errors:
        print("\n" + "\n".join(result.errors))
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    """Write ``seeds/<slug>.md`` with the article's front matter; never overwrite a file."""
    seeds_dir = Path(args.seeds)
    try:
        text = new_seed_text(args.title, args.source, args.author, args.date, args.url)
        slug = slugify(args.slug or args.title)
        if not slug:
            raise DossierError(SourceLocation("title"), "cannot make a file name from this title; "
                               "give one with --slug (Latin letters, digits and hyphens)")
        target = seeds_dir / f"{slug}.md"
        existing = [p for p in (target, target.with_suffix(".txt")) if p.exists() or p.is_symlink()]
        if existing:
            raise DossierError(SourceLocation(existing[0].as_posix()), "this file already exists and was left "
                               "as it is; choose another title or give a --slug")
        seeds_dir.mkdir(parents=True, exist_ok=True)
        with open(target, "x", encoding="utf-8", newline="\n") as handle:  # "x": never overwrite
            handle.write(text)
    except DossierError as exc:
        _report([exc])
        return 1
    except FileExistsError as exc:
        _report([DossierError(SourceLocation(str(exc.filename)), "this file already exists and was left as it is")])
        return 1
    print(f"Wrote {target.as_posix()}: paste the article text below the closing '---', then run "
          "`python build_pages.py check` and preview with `mkdocs serve`.")
    return 0


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="build_pages.py", description="Build the knowledge-base pages "
                                     "from the articles in seeds/ and the registry in registry/.")
    parser.add_argument("--seeds", default="seeds", help="folder of article files (default: seeds)")
    parser.add_argument("--docs", default="docs", help="folder to write the Markdown into (default: docs)")
    parser.add_argument("--registry", default="registry", help="folder of the entity registry (default: registry)")
    parser.add_argument("--templates", default="templates", help="folder of page templates (default: templates)")
    parser.set_defaults(full=False, cache="")  # build's options, when build is the default command
    sub = parser.add_subparsers(dest="command")
    build = sub.add_parser("build", help="write the pages into docs/ (the default)")
    build.add_argument("--full", action="store_true", help="ignore the cache: analyse every article again")
    build.add_argument("--cache", default="", help=f"the incremental build's cache folder (default: {CACHE_DIR} "
                       "beside the seeds folder)")
    sub.add_parser("check", help="validate seeds and registry, write nothing; exit 1 on any problem")
    new = sub.add_parser("new", help="start a new article: write seeds/<slug>.md with its front matter")
    new.add_argument("title", help="the article's headline")
    new.add_argument("--source", default="", help="the publication, e.g. 'The Washington Post'")
    new.add_argument("--author", default="", help="the byline")
    new.add_argument("--date", default="", help="the publication date, YYYY-MM-DD")
    new.add_argument("--url", default="", help="the original article's address")
    new.add_argument("--slug", default="", help="the file and page name (default: made from the title)")
    new.add_argument("--seeds", default=argparse.SUPPRESS, help="folder of article files (default: seeds)")
    ev = sub.add_parser("evaluate", help="precision, recall and F1 per entity type and quote attribution "
                        "against a gold file (the format of shared/gold/seeds.yml)")
    ev.add_argument("gold", help="the gold annotation, e.g. tests/gold_unseen/gold.yml")
    ev.add_argument("--seeds", default=argparse.SUPPRESS, help="folder of the gold file's articles (default: seeds)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s: %(message)s")
    commands = {"build": cmd_build, "check": cmd_check, "new": cmd_new, "evaluate": cmd_evaluate, None: cmd_build}
    return commands[args.command](args)


def run() -> None:
    """The command's entry point (``build_pages.py``, ``dossier``): :func:`main`, then the process ends at
    once, its output flushed. A fast build unpickles a million objects from the cache; freeing them one by
    one, as the interpreter would on the way out, adds a tenth of a second to a one-second rebuild, for
    memory the process hands back whole as it ends (mypy ends the same way)."""
    global _kept
    _kept = []
    code = main()
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
