"""Nothing is lost: the manifest, hand-written pages, stale pages, write aside then swap, and
byte-identical rebuilds that leave unchanged files (and their mtimes) alone."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest
from conftest import ROOT, run, site_config

from dossier import writer
from dossier.errors import DossierError, DossierErrors
from dossier.pipeline import Paths, build_site
from dossier.writer import MANIFEST, write_pages

CLI = str(ROOT / "build_pages.py")
HAND_WRITTEN = {"index.md": "# Home\n", "about.md": "# About\n", "articles/notes.md": "# Editors' notes\n",
                "people/how-we-name-people.md": "# How we name people\n"}


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "registry", tmp_path / "registry")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    for rel, text in HAND_WRITTEN.items():
        (tmp_path / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / rel).write_text(text, encoding="utf-8")
    return tmp_path


def build(workspace: Path) -> tuple[int, str, str]:
    result = run([sys.executable, CLI, "build"], cwd=workspace, check=False, timeout=120)
    return result.returncode, result.stdout, result.stderr


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file and folder under ``folder``: content and mtime (folders: b"/" and 0)."""
    out: dict[str, tuple[bytes, int]] = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        out[rel] = (b"/", 0) if path.is_dir() else (path.read_bytes(), path.stat().st_mtime_ns)
    return out


def test_hand_written_pages_survive_and_rebuild_is_identical(workspace: Path) -> None:
    code, out, err = build(workspace)
    assert code == 0, err
    docs = workspace / "docs"
    generated = json.loads((docs / MANIFEST).read_text(encoding="utf-8"))["generated"]
    assert "knowledge.json" in generated and any(p.startswith("articles/") for p in generated)
    for rel, text in HAND_WRITTEN.items():
        assert (docs / rel).read_text(encoding="utf-8") == text
        assert rel not in generated
    first = snapshot(docs)
    code, out, err = build(workspace)
    assert code == 0, err
    assert "0 written" in out and "0 removed" in out
    assert snapshot(docs) == first  # same bytes, and not one file rewritten (mtimes kept)


def test_only_changed_files_are_rewritten(workspace: Path) -> None:
    assert build(workspace)[0] == 0
    docs = workspace / "docs"
    before = snapshot(docs)
    seed = next((workspace / "seeds").glob("000_*.txt"))
    seed.write_text(seed.read_text(encoding="utf-8") + "\nOne more closing sentence for the record.\n",
                    encoding="utf-8")
    code, out, err = build(workspace)
    assert code == 0, err
    after = snapshot(docs)
    changed = sorted(rel for rel in after if after[rel] != before.get(rel))
    assert changed and all(rel.startswith("articles/") or rel == "knowledge.json" for rel in changed), changed
    assert any(b"One more closing sentence" in after[rel][0] for rel in changed)


def test_name_clash_with_hand_written_page_is_an_error(workspace: Path) -> None:
    site = build_site(Paths.from_root(workspace))
    article_page = next(p for p in site.pages if p.startswith("articles/") and p != "articles/index.md")
    docs = workspace / "docs"
    (docs / article_page).write_text("# My own page\n", encoding="utf-8")
    before = snapshot(docs)
    code, out, err = build(workspace)
    assert code == 1
    assert f"docs/{article_page}: this hand-written file is at a path the generator needs" in err
    assert "Nothing was written" in err
    assert snapshot(docs) == before
    # also after a first successful build: a new clash is still refused
    (docs / article_page).unlink()
    assert build(workspace)[0] == 0
    (docs / "countries" / "index.md").unlink()
    (docs / "countries" / "index.md").write_text("# hand-made after all\n", encoding="utf-8")  # same path, on
    assert build(workspace)[0] == 0  # the manifest: it is the generator's own file, so it is restored
    assert (docs / "countries" / "index.md").read_text(encoding="utf-8") != "# hand-made after all\n"


def test_deleted_and_renamed_seeds_leave_no_stale_pages(workspace: Path) -> None:
    assert build(workspace)[0] == 0
    docs = workspace / "docs"
    seeds = sorted((workspace / "seeds").glob("*.txt"))
    kb = build_site(Paths.from_root(workspace)).kb
    page_of = {a.src_uri: a.path for a in kb.articles}
    deleted, renamed = seeds[0], seeds[1]
    deleted.unlink()
    renamed.rename(renamed.with_name("renamed.md"))
    (renamed.with_name("renamed.md")).write_text("---\ntitle: A New Headline For It\n---\n" + renamed.with_name(
        "renamed.md").read_text(encoding="utf-8"), encoding="utf-8")
    code, out, err = build(workspace)
    assert code == 0, err
    assert not (docs / page_of[deleted.name]).exists()
    assert not (docs / page_of[renamed.name]).exists()
    assert (docs / "articles" / "a-new-headline-for-it.md").exists()
    assert " 0 removed" not in out  # their entity pages may go too, when no other article mentions them
    for rel, text in HAND_WRITTEN.items():
        assert (docs / rel).read_text(encoding="utf-8") == text


def _changed_pages(workspace: Path) -> dict[str, str]:
    """A next build that changes pages, adds one in a new folder and drops one (a stale page)."""
    pages = dict(build_site(Paths.from_root(workspace)).pages)
    changed = {p: text + "\nchanged\n" for p, text in pages.items() if p.startswith("people/")}
    dropped = next(p for p in pages if p.startswith("themes/") and p != "themes/index.md")
    pages.update(changed)
    pages.pop(dropped)
    pages["brand-new/deep/page.md"] = "# New\n"
    return pages


def _patch(monkeypatch: pytest.MonkeyPatch, stage: str, calls: dict[str, int], fail_at: int) -> None:
    """Make the ``fail_at``-th write (or rename) fail, as a full disk or an interrupt would."""
    real = Path.write_bytes if stage == "write_bytes" else os.replace

    def wrapper(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == fail_at:
            raise OSError(28, "No space left on device (simulated)")
        return real(*args, **kwargs)

    if stage == "write_bytes":
        monkeypatch.setattr(Path, "write_bytes", wrapper)
    else:
        monkeypatch.setattr(writer.os, "replace", wrapper)


@pytest.mark.parametrize("where", ["first", "middle", "last"])
@pytest.mark.parametrize("stage", ["write_bytes", "replace"])
def test_failure_half_way_leaves_docs_as_it_was(workspace: Path, monkeypatch: pytest.MonkeyPatch, stage: str,
                                                where: str) -> None:
    docs = workspace / "docs"
    write_pages(build_site(Paths.from_root(workspace)).pages, docs)
    pages = _changed_pages(workspace)
    before = snapshot(docs)
    shutil.copytree(docs, workspace / "rehearsal")  # count the calls a successful run makes
    counted = {"n": 0}
    with monkeypatch.context() as m:
        _patch(m, stage, counted, fail_at=-1)
        write_pages(pages, workspace / "rehearsal")
    total = counted["n"]
    assert total > 10
    fail_at = {"first": 1, "middle": total // 2, "last": total}[where]
    calls = {"n": 0}
    with monkeypatch.context() as m:
        _patch(m, stage, calls, fail_at)
        with pytest.raises(OSError, match="simulated"):
            write_pages(pages, docs)
    assert snapshot(docs) == before
    assert not any(p.name.endswith((".dossier-tmp", ".dossier-old")) for p in docs.rglob("*"))
    report = write_pages(pages, docs)  # and the next build goes through
    assert "brand-new/deep/page.md" in report.written and len(report.removed) == 1


def test_generated_paths_cannot_leave_docs(tmp_path: Path) -> None:
    docs, outside = tmp_path / "docs", tmp_path / "outside"
    docs.mkdir()
    outside.mkdir()
    for bad in ("../evil.md", "/tmp/evil.md", "articles/../../evil.md", ""):
        with pytest.raises(DossierError, match="may not leave the docs folder"):
            write_pages({bad: "x"}, docs)
    (docs / "articles").symlink_to(outside, target_is_directory=True)
    with pytest.raises(DossierError, match="outside the docs folder"):
        write_pages({"articles/evil.md": "x"}, docs)
    (docs / "people").mkdir()
    (docs / "people" / "x.md").symlink_to(outside / "x.md")
    with pytest.raises((DossierError, DossierErrors)):
        write_pages({"people/x.md": "x"}, docs)
    assert list(outside.iterdir()) == []


def test_a_tampered_manifest_never_removes_files_outside_docs(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me", encoding="utf-8")
    (docs / MANIFEST).write_text(json.dumps({"generated": ["../precious.txt", str(precious)]}), encoding="utf-8")
    write_pages({"index.md": "# Home\n"}, docs)
    assert precious.read_text(encoding="utf-8") == "keep me"


def test_slug_and_file_names_stay_inside_docs(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "registry", tmp_path / "registry")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.md").write_text("---\ntitle: A\nslug: ../../../etc/evil\n---\nText.\n", encoding="utf-8")
    (seeds / "b.md").write_text("---\ntitle: /etc/passwd\n---\nText.\n", encoding="utf-8")
    (seeds / "..hidden..md").write_text("---\ntitle: Hidden\n---\nText.\n", encoding="utf-8")
    pages = build_site(Paths.from_root(tmp_path)).pages
    assert "articles/etc-evil.md" in pages and "articles/etc-passwd.md" in pages
    for rel in pages:
        assert not rel.startswith("/") and ".." not in rel.split("/"), rel


def test_mkdocs_build_also_refuses_a_clash_with_a_hand_written_page(tmp_path: Path) -> None:
    """The plugin serves generated pages virtually; a hand-written page at one of their paths stops the
    build with a message instead of being replaced."""
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    config = site_config(tmp_path, seeds)
    article_page = next(p for p in build_site(Paths(seeds, ROOT / "registry", ROOT / "templates")).pages
                        if p.startswith("articles/") and p != "articles/index.md")
    (tmp_path / "docs" / article_page).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / "docs" / article_page).write_text("# Mine\n", encoding="utf-8")
    result = run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d",
                  str(tmp_path / "site")], check=False)
    assert result.returncode != 0
    assert f"docs/{article_page} is hand-written, but Dossier generates a page at that path" in result.stderr
    assert (tmp_path / "docs" / article_page).read_text(encoding="utf-8") == "# Mine\n"
