"""``build_pages.py new``: a new seed with safe front matter, named from the title, never overwriting."""

from __future__ import annotations

import sys
from pathlib import Path

import frontmatter
from conftest import ROOT, run

from dossier.readers import parse_seed

CLI = str(ROOT / "build_pages.py")
TITLE = "Kazakhstan: the deal's \"real\" cost # not a comment"


def new(tmp_path: Path, *args: str) -> tuple[int, str, str]:
    result = run([sys.executable, CLI, "new", *args], cwd=tmp_path, check=False)
    return result.returncode, result.stdout, result.stderr


def test_new_writes_front_matter_that_survives_colons_and_quotes(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    code, out, err = new(tmp_path, TITLE, "--source", "The Post: Weekend", "--author", "Jane Roe",
                         "--date", "2025-11-14", "--url", "https://example.org/a?b=c#d")
    assert code == 0, err
    seed = tmp_path / "seeds" / "kazakhstan-the-deals-real-cost-not-a-comment.md"
    assert f"Wrote seeds/{seed.name}" in out and "paste the article text" in out
    post = frontmatter.loads(seed.read_text(encoding="utf-8"))
    assert post.metadata == {"title": TITLE, "source": "The Post: Weekend", "author": "Jane Roe",
                             "date": "2025-11-14", "url": "https://example.org/a?b=c#d"}
    raw = parse_seed(seed.read_text(encoding="utf-8") + "The text, pasted in.\n", seed.name)
    assert raw.meta["title"] == TITLE and raw.meta["date"].value.isoformat() == "2025-11-14"


def test_new_refuses_to_overwrite(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a-headline.md").write_text("the editor's work\n", encoding="utf-8")
    code, out, err = new(tmp_path, "A Headline")
    assert code == 1
    assert "seeds/a-headline.md: this file already exists and was left as it is" in err
    assert (seeds / "a-headline.md").read_text(encoding="utf-8") == "the editor's work\n"
    (seeds / "other.txt").write_text("plain text article\n", encoding="utf-8")
    assert new(tmp_path, "Other")[0] == 1  # the same name as a .txt seed is refused too
    assert sorted(p.name for p in seeds.iterdir()) == ["a-headline.md", "other.txt"]


def test_new_rejects_bad_values_and_the_seed_passes_check_once_filled(tmp_path: Path) -> None:
    code, _, err = new(tmp_path, "Dated", "--date", "someday")
    assert code == 1 and "--date: cannot read the date 'someday'" in err
    code, _, err = new(tmp_path, "Имя по-русски")
    assert code == 1 and "give one with --slug" in err
    assert not (tmp_path / "seeds").exists()
    code, out, err = new(tmp_path, "Имя по-русски", "--slug", "russian-name", "--date", "November 14, 2025")
    assert code == 0, err
    seed = tmp_path / "seeds" / "russian-name.md"
    check = [sys.executable, CLI, "--registry", str(ROOT / "registry"), "check"]
    result = run(check, cwd=tmp_path, check=False)
    assert result.returncode == 1
    assert "seeds/russian-name.md:5: the article has no text after its front matter; paste the article text " \
           "below the closing '---'" in result.stderr
    seed.write_text(seed.read_text(encoding="utf-8") + "Текст статьи.\n", encoding="utf-8")
    result = run(check, cwd=tmp_path, check=False)
    assert result.returncode == 0, result.stderr
