"""The command line: ``build`` (the default), ``check``.

Errors print as ``path:line: message``, one a line, and the exit code is 1; nothing is written
when any input is broken.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from .errors import DossierError, DossierErrors
from .pipeline import Paths, build_site, read_articles
from .registry import load_registry
from .writer import write_pages

log = logging.getLogger("dossier")


def _paths(args: argparse.Namespace) -> Paths:
    return Paths(Path(args.seeds), Path(args.registry), Path(args.templates))


def _report(errors: list[DossierError]) -> None:
    for error in errors:
        print(error, file=sys.stderr)
    print(f"{len(errors)} problem{'s' if len(errors) != 1 else ''} found.", file=sys.stderr)


def cmd_build(args: argparse.Namespace) -> int:
    try:
        site = build_site(_paths(args))
        report = write_pages(site.pages, Path(args.docs), display=Path(args.docs).as_posix())
    except DossierErrors as exc:
        _report(exc.errors)
        print("Nothing was written: fix the problems above and build again.", file=sys.stderr)
        return 1
    except DossierError as exc:
        _report([exc])
        print("Nothing was written.", file=sys.stderr)
        return 1
    kb = site.kb
    print(f"{len(kb.articles)} articles, {len(kb.entities)} entities -> {len(site.pages)} files in {args.docs}/: "
          f"{len(report.written)} written, {report.unchanged} unchanged, {len(report.removed)} removed.")
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
    return 0


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="build_pages.py", description="Build the knowledge-base pages "
                                     "from the articles in seeds/ and the registry in registry/.")
    parser.add_argument("--seeds", default="seeds", help="folder of article files (default: seeds)")
    parser.add_argument("--docs", default="docs", help="folder to write the Markdown into (default: docs)")
    parser.add_argument("--registry", default="registry", help="folder of the entity registry (default: registry)")
    parser.add_argument("--templates", default="templates", help="folder of page templates (default: templates)")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("build", help="write the pages into docs/ (the default)")
    sub.add_parser("check", help="validate seeds and registry, write nothing; exit 1 on any problem")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s: %(message)s")
    commands = {"build": cmd_build, "check": cmd_check, None: cmd_build}
    return commands[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
