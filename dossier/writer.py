"""Write generated pages into ``docs/`` without ever losing a file the build did not make.

- A manifest (``docs/.dossier-manifest.json``) lists every file the generator wrote; only those are
  ever changed or removed, so hand-written pages anywhere under ``docs/`` survive every build.
- A generated path that a hand-written file already holds is an error, not an overwrite.
- A file whose content is unchanged is not rewritten (its mtime stays, so ``mkdocs serve`` reloads
  only what changed).
- Write aside, then swap: every changed file is first written next to its target under a temporary
  name; only when all of them are written are they renamed into place (``os.replace`` is atomic),
  the replaced and stale files set aside until the swap is complete, and the manifest swapped last.
  A failure at any point is rolled back and leaves ``docs/`` exactly as it was.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .errors import DossierError, DossierErrors
from .model import SourceLocation

MANIFEST = ".dossier-manifest.json"
_TMP_SUFFIX = ".dossier-tmp"
_OLD_SUFFIX = ".dossier-old"


@dataclass(frozen=True)
class WriteReport:
    written: tuple[str, ...]
    unchanged: int
    removed: tuple[str, ...]


def read_manifest(docs_dir: Path) -> set[str]:
    path = docs_dir / MANIFEST
    if not path.exists():
        return set()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {str(p) for p in data["generated"]}
    except (ValueError, KeyError, TypeError) as exc:
        raise DossierError(SourceLocation(str(path)), f"the manifest of generated files is unreadable ({exc}); "
                           "delete it only if you are sure no hand-written page shares a generated path") from None


class _Targets:
    """Each generated page's absolute destination, refusing anything that would leave ``docs/``. A folder is
    checked once (does its nearest existing ancestor resolve inside ``docs/``?): ten thousand pages share a
    handful of folders, and resolving every page's folder again was most of the writer's time."""

    def __init__(self, docs_dir: Path) -> None:
        self.docs_dir = docs_dir
        self.root = docs_dir.resolve()
        self.inside: dict[Path, bool] = {}

    def __call__(self, rel_path: str) -> Path:
        pure = PurePosixPath(rel_path)
        if pure.is_absolute() or ".." in pure.parts or not pure.parts:
            raise DossierError(SourceLocation(rel_path), "a generated path may not leave the docs folder")
        target = self.docs_dir.joinpath(*pure.parts)
        if not self._inside(target.parent) or target.is_symlink():
            raise DossierError(SourceLocation(str(target)), "this path leads outside the docs folder (a link?); "
                               "refusing to write through it")
        return target

    def _inside(self, folder: Path) -> bool:
        inside = self.inside.get(folder)
        if inside is None:
            existing = folder
            while not existing.exists():
                existing = existing.parent
            inside = self.inside[folder] = existing.resolve().is_relative_to(self.root)
        return inside


def write_pages(pages: Mapping[str, str | bytes], docs_dir: Path, display: str = "docs",
                keep: frozenset[str] = frozenset()) -> WriteReport:
    """Bring ``docs/`` in line with ``pages``, touching only files on the manifest. ``keep`` names generated
    files that stay as they are (an incremental build knows them unchanged): neither rewritten nor removed.

    Everything is checked before anything is written; then changed files are written aside, then
    swapped in, keeping the old files aside until the swap has finished, so that a failure at any
    point (a full disk, an interrupt) is rolled back and leaves ``docs/`` exactly as it was.
    """
    docs_dir.mkdir(parents=True, exist_ok=True)
    previous = read_manifest(docs_dir)
    errors: list[DossierError] = []
    plan: list[tuple[Path, str, bytes]] = []
    unchanged = len(keep & previous)
    target_of = _Targets(docs_dir)
    for rel_path, content in sorted(pages.items()):
        target = target_of(rel_path)
        data = content.encode("utf-8") if isinstance(content, str) else content
        if target.exists() or target.is_symlink():
            if rel_path not in previous:
                errors.append(DossierError(SourceLocation(f"{display}/{rel_path}"), "this hand-written file is at "
                                           "a path the generator needs for a generated page; rename or move it "
                                           "(nothing was written)"))
                continue
            if target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data:
                unchanged += 1
                continue
        plan.append((target, rel_path, data))
    stale_paths = []
    for rel_path in sorted(previous - set(pages) - keep):
        try:
            stale = target_of(rel_path)
        except DossierError:
            continue  # a manifest entry that leads outside docs/ is never acted on
        if stale.is_file() and not stale.is_symlink():
            stale_paths.append((stale, rel_path))
    if errors:
        raise DossierErrors(errors)
    manifest_data = (json.dumps({"generated": sorted({*pages, *(keep & previous)})}, indent=1) + "\n").encode("utf-8")
    manifest_path = docs_dir / MANIFEST
    if not manifest_path.is_file() or manifest_path.read_bytes() != manifest_data:
        plan.append((manifest_path, MANIFEST, manifest_data))  # last: it describes the finished state
    if not plan and not stale_paths:
        return WriteReport((), unchanged, ())
    made_dirs: list[Path] = []
    staged: list[tuple[Path, Path]] = []  # (temporary file, target)
    swapped: list[tuple[Path, Path | None]] = []  # (target, its previous version set aside, if any)
    try:
        for target, _, data in plan:  # 1. write aside
            _mkdirs(target.parent, made_dirs)
            tmp = target.with_name(target.name + _TMP_SUFFIX)
            tmp.write_bytes(data)
            staged.append((tmp, target))
        for tmp, target in staged:  # 2. swap, keeping each old version until every swap is done
            backup = None
            if target.exists():
                backup = target.with_name(target.name + _OLD_SUFFIX)
                os.replace(target, backup)
            swapped.append((target, backup))
            os.replace(tmp, target)
        for stale, _ in stale_paths:
            backup = stale.with_name(stale.name + _OLD_SUFFIX)
            os.replace(stale, backup)
            swapped.append((stale, backup))
    except BaseException:
        _roll_back(staged, swapped, made_dirs)
        raise
    for _, backup in swapped:  # 3. the new state is complete: drop the old versions
        if backup is not None:
            backup.unlink(missing_ok=True)
    for stale, _ in stale_paths:
        prune_empty_dirs(stale.parent, docs_dir)
    written = tuple(rel for _, rel, _ in plan if rel != MANIFEST)
    return WriteReport(written, unchanged, tuple(rel for _, rel in stale_paths))


def _mkdirs(folder: Path, made: list[Path]) -> None:
    """``mkdir -p`` that records every folder it creates, so a rollback can remove them."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        path.mkdir()
        made.append(path)


def _roll_back(staged: list[tuple[Path, Path]], swapped: list[tuple[Path, Path | None]], made_dirs: list[Path]) -> None:
    for target, backup in reversed(swapped):
        if backup is not None:
            os.replace(backup, target)
        else:
            target.unlink(missing_ok=True)
    for tmp, _ in staged:
        tmp.unlink(missing_ok=True)
    for folder in reversed(made_dirs):
        with contextlib.suppress(OSError):
            folder.rmdir()


def prune_empty_dirs(folder: Path, root: Path) -> None:
    """Remove ``folder`` if it is empty, then its parents as they become empty, up to ``root`` (kept)."""
    while folder != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
