"""Write generated pages into ``docs/`` without ever losing a file the build did not make.

- A manifest (``docs/.dossier-manifest.json``) lists every file the generator wrote; only those are
  ever changed or removed, so hand-written pages anywhere under ``docs/`` survive every build.
- A generated path that a hand-written file already holds is an error, not an overwrite.
- A file whose content is unchanged is not rewritten (its mtime stays, so ``mkdocs serve`` reloads
  only what changed).
- Write aside, then swap: every changed file is first written next to its target under a temporary
  name; only when all of them are written are they renamed into place (``os.replace`` is atomic), then
  stale pages are removed and the manifest written last. A failure before the swap leaves ``docs/``
  exactly as it was.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .errors import DossierError, DossierErrors
from .model import SourceLocation

MANIFEST = ".dossier-manifest.json"
_TMP_SUFFIX = ".dossier-tmp"


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


def _target(docs_dir: Path, rel_path: str) -> Path:
    """The absolute destination of a generated page, refusing anything that would leave ``docs/``."""
    pure = PurePosixPath(rel_path)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts:
        raise DossierError(SourceLocation(rel_path), "a generated path may not leave the docs folder")
    target = docs_dir.joinpath(*pure.parts)
    root = docs_dir.resolve()
    parent = target.parent
    while not parent.exists():
        parent = parent.parent
    if not parent.resolve().is_relative_to(root) or (target.is_symlink()):
        raise DossierError(SourceLocation(str(target)), "this path leads outside the docs folder (a link?); "
                           "refusing to write through it")
    return target


def write_pages(pages: dict[str, str], docs_dir: Path, display: str = "docs") -> WriteReport:
    docs_dir.mkdir(parents=True, exist_ok=True)
    previous = read_manifest(docs_dir)
    errors = []
    plan: list[tuple[Path, str, str]] = []
    unchanged = 0
    for rel_path, content in sorted(pages.items()):
        target = _target(docs_dir, rel_path)
        if target.exists():
            if rel_path not in previous:
                errors.append(DossierError(SourceLocation(f"{display}/{rel_path}"), "this hand-written file is at "
                                           "a path the generator needs for a generated page; rename or move it "
                                           "(nothing was written)"))
                continue
            if target.read_bytes() == content.encode("utf-8"):
                unchanged += 1
                continue
        plan.append((target, rel_path, content))
    if errors:
        raise DossierErrors(errors)
    staged: list[tuple[Path, Path, str]] = []
    try:
        for target, rel_path, content in plan:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(target.name + _TMP_SUFFIX)
            with open(tmp, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(content)
            staged.append((tmp, target, rel_path))
    except BaseException:
        for tmp, _, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    for tmp, target, _ in staged:  # the swap
        os.replace(tmp, target)
    removed = []
    for rel_path in sorted(previous - set(pages)):
        stale = docs_dir.joinpath(*PurePosixPath(rel_path).parts)
        if stale.is_file() and not stale.is_symlink():
            stale.unlink()
            removed.append(rel_path)
            _prune_empty_dirs(stale.parent, docs_dir)
    manifest = json.dumps({"generated": sorted(pages)}, indent=1) + "\n"
    manifest_path = docs_dir / MANIFEST
    if not manifest_path.exists() or manifest_path.read_text(encoding="utf-8") != manifest:
        tmp = manifest_path.with_name(MANIFEST + _TMP_SUFFIX)
        tmp.write_text(manifest, encoding="utf-8")
        os.replace(tmp, manifest_path)
    return WriteReport(tuple(rel for _, _, rel in staged), unchanged, tuple(removed))


def _prune_empty_dirs(folder: Path, docs_dir: Path) -> None:
    while folder != docs_dir and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
