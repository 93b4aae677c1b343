"""``build_pages.py check``: every problem an editor can cause, reported at once as ``path:line: message``.

The command runs for real, as a subprocess, on temporary seeds/ and a copy of the registry.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest
from conftest import ROOT, run

from dossier import parallel
from dossier.cli import main
from dossier.errors import DossierError
from dossier.model import SourceLocation
from dossier.pipeline import read_seeds, seed_files
from dossier.readers import parse_date

CLI = str(ROOT / "build_pages.py")

#: (file name, content, the line check must print for it)
BAD_SEEDS: list[tuple[str, bytes, str]] = [
    ("malformed.md", b'---\ntitle: "Half quoted\nauthor: A\n---\nText.\n',
     "seeds/malformed.md:2: malformed YAML: found unexpected end of stream"),
    ("colon.md", b"---\ntitle: Kazakhstan: the deal\n---\nText.\n",
     "seeds/colon.md:2: malformed YAML: mapping values are not allowed here; a value that contains ': ' must be "
     "in quotes"),
    ("a-list.md", b"---\n- title\n- author\n---\nText.\n",
     "seeds/a-list.md:2: front matter must be a mapping of keys to values (like 'title: ...'), not a list"),
    ("typo.md", b"---\ntitle: Typo\nauhtor: Jane Roe\n---\nText.\n",
     "seeds/typo.md:3: unknown front-matter key 'auhtor'. Did you mean 'author'?"),
    ("bad-date.md", b"---\ntitle: Bad date\ndate: the day before yesterday\n---\nText.\n",
     "seeds/bad-date.md:3: cannot read the date 'the day before yesterday'; write it as YYYY-MM-DD"),
    ("no-such-day.md", b"---\ntitle: No such day\ndate: 2025-02-30\n---\nText.\n",
     "seeds/no-such-day.md:3: there is no such date as '2025-02-30' (day is out of range for month); write a "
     "real date as YYYY-MM-DD"),
    ("month-13.md", b"---\ntitle: Month 13\nsource: A\ndate: 2025-13-01\n---\nText.\n",
     "seeds/month-13.md:4: there is no such date as '2025-13-01' (month must be in 1..12)"),
    ("maybe.md", b"---\ntitle: Maybe\ntranslated: maybe\n---\nText.\n",
     "seeds/maybe.md:3: 'translated' must be true or false, not 'maybe'"),
    ("norway.md", b"---\ntitle: Norway\nsource: NO\n---\nText.\n",
     "seeds/norway.md:3: 'source' is read as false here; put the value in quotes, like source: \"NO\""),
    ("binary-title.md", b"---\ntitle: !!binary aGVsbG8=\n---\nText.\n",
     "seeds/binary-title.md:2: 'title' must be text, not binary data"),
    ("list-key.md", b"---\ntitle: A list as a key\n? [a, b]\n: c\n---\nText.\n",
     "seeds/list-key.md:3: malformed YAML: a key must be a single word or value, not a list"),
    ("debris.txt", b"|\nAdvertisement\n![]()\n|\n", "seeds/debris.txt:1: the article has no text: once its "
     "headline, headings and the scraper's leftovers (a lone '|', 'Advertisement', an empty image link) are taken "
     "out, nothing is left"),
    ("headings-only.md", b"---\ntitle: Headings only\n---\n\n## Background\n", "seeds/headings-only.md:4: the "
     "article has no text"),
    ("empty-title.md", b"---\ntitle: ''\nauthor: A\n---\nText.\n",
     "seeds/empty-title.md:2: the title is empty"),
    ("no-title.md", b"---\nauthor: A\n---\nText.\n",
     "seeds/no-title.md:2: the front matter has no title; add 'title: ...'"),
    ("empty.txt", b"", "seeds/empty.txt:1: the file is empty"),
    ("blank.md", b"  \n\n \n", "seeds/blank.md:1: the file is empty"),
    ("latin1.txt", "First line.\nCafé au lait.\n".encode("latin-1"),
     "seeds/latin1.txt:2: not valid UTF-8 (byte 0xe9 at offset 15); save the file as UTF-8"),
    ("notepad.txt", "Saved by Notepad.\n".encode("utf-16"), "seeds/notepad.txt:1: this file is saved as UTF-16 "
     "(Windows 'Unicode'); save it as UTF-8"),
    ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "seeds/photo.txt:1: this is a binary file, not text"),
    ("twice.md", b"---\ntitle: Twice\ntitle: Again\n---\nText.\n",
     "seeds/twice.md:3: malformed YAML: duplicate key 'title' (first given on line 2)"),
    ("unclosed.md", b"---\ntitle: Unclosed\n\nText.\n", "seeds/unclosed.md:1: front matter opened with '---' on "
     "line 1 is never closed"),
    ("no-body.md", b"---\ntitle: No body\n---\n\n", "seeds/no-body.md:4: the article has no text after its front "
     "matter; paste the article text below the closing '---'"),
    ("notes.docx", b"PK\x03\x04", "seeds/notes.docx: '.docx' is not a seed kind; seeds are .txt or .md files"),
    ("same-b.md", b"---\ntitle: Same Headline\n---\nSecond text.\n",
     "seeds/same-b.md:1: this article would get the page articles/same-headline.md, which seeds/same-a.md "
     "already gets"),
]
GOOD_SEEDS = {"same-a.md": b"---\ntitle: Same Headline\n---\nFirst text.\n"}
REGISTRY_ERRORS = [
    "registry/people.yml:{line}: 'Tokayev' is given to both Kassym-Jomart Tokayev (person",
    "registry/zz-extra.yml:1: unknown entity type 'persn'. Did you mean 'person'?",
]


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """seeds/, docs/ and copies of the repository's registry/ and templates/ in a temporary folder."""
    shutil.copytree(ROOT / "registry", tmp_path / "registry")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    (tmp_path / "seeds").mkdir()
    return tmp_path


def cli(workspace: Path, *args: str) -> tuple[int, str, str]:
    result = run([sys.executable, CLI, *args], cwd=workspace, check=False, timeout=120)
    return result.returncode, result.stdout, result.stderr


def break_registry(registry: Path) -> int:
    """An alias given to a second person, and an entry of an unknown type; returns the alias's line."""
    people = registry / "people.yml"
    text = people.read_text(encoding="utf-8")
    line = text.count("\n") + 1
    people.write_text(text + "- name: Someone Else\n  aliases: [Tokayev]\n", encoding="utf-8")
    (registry / "zz-extra.yml").write_text("- name: A Person\n  type: persn\n", encoding="utf-8")
    return line


def test_check_reports_every_problem_at_once(workspace: Path) -> None:
    for name, data, _ in BAD_SEEDS:
        (workspace / "seeds" / name).write_bytes(data)
    for name, data in GOOD_SEEDS.items():
        (workspace / "seeds" / name).write_bytes(data)
    line = break_registry(workspace / "registry")
    code, out, err = cli(workspace, "check")
    assert code == 1, err
    lines = err.splitlines()
    for _, _, expected in BAD_SEEDS:
        assert sum(x.startswith(expected) for x in lines) == 1, f"{expected!r} not in:\n{err}"
    assert any(x.startswith(REGISTRY_ERRORS[0].format(line=line)) for x in lines), err
    assert any(x.startswith(REGISTRY_ERRORS[1]) for x in lines), err
    assert lines[-1] == f"{len(BAD_SEEDS) + 2} problems found."
    assert not (workspace / "docs").exists()  # check writes nothing


@pytest.mark.parametrize(("name", "data", "expected"), BAD_SEEDS, ids=[case[0] for case in BAD_SEEDS])
def test_each_problem_alone(workspace: Path, name: str, data: bytes, expected: str,
                            capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Each file on its own gives exactly its own message (in-process, for speed)."""
    for good_name, good in GOOD_SEEDS.items():
        (workspace / "seeds" / good_name).write_bytes(good)
    (workspace / "seeds" / name).write_bytes(data)
    monkeypatch.chdir(workspace)
    assert main(["check"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(expected), err
    assert err[1:] == ["1 problem found."]


def test_registry_problems_alone(workspace: Path, capsys: pytest.CaptureFixture[str],
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    (workspace / "seeds" / "fine.txt").write_text("A fine article about Kazakhstan.\n", encoding="utf-8")
    line = break_registry(workspace / "registry")
    monkeypatch.chdir(workspace)
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    assert REGISTRY_ERRORS[0].format(line=line) in err and "keep it on one" in err
    assert REGISTRY_ERRORS[1] in err and "Allowed here: person, organization, theme" in err


#: (what an entry of registry/people.yml adds, the message check must print at its first line); YAML reads
#: these otherwise than an editor means (PyYAML raised a bare ValueError or TypeError for the last two)
REGISTRY_VALUES = [
    ("- name: A Person\n  aliases: [Person, No]\n",
     "'aliases' has a value that YAML reads as false (a word like No, Off or False); put it in quotes"),
    ("- name: A Person\n  reviewed: 'no'\n", "'reviewed' must be true or false, not 'no'"),
    ("- name: Yes\n", "'name' has a value that YAML reads as true (a word like Yes, On or True)"),
    ("- name: A Person\n  role: [envoy, author]\n", "'role' must be a single value, not a list"),
    ("- name: A Person\n  description: 2025-02-30\n", "there is no such date as '2025-02-30'"),
    ("- name: A Person\n  ? [a]\n  : b\n", "malformed YAML: a key must be a single word or value"),
]


@pytest.mark.parametrize(("entry", "expected"), REGISTRY_VALUES, ids=[e[1][:24] for e in REGISTRY_VALUES])
def test_registry_values_yaml_reads_otherwise(workspace: Path, entry: str, expected: str,
                                              capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    (workspace / "seeds" / "fine.txt").write_text("A fine article about Kazakhstan.\n", encoding="utf-8")
    people = workspace / "registry" / "people.yml"
    text = people.read_text(encoding="utf-8")
    people.write_text(text + entry, encoding="utf-8")
    monkeypatch.chdir(workspace)
    assert main(["check"]) == 1
    err = capsys.readouterr().err.splitlines()
    line = text.count("\n") + 1 + ("2025" in entry or "? [a]" in entry)  # a value's own line, else the entry's
    assert err[0].startswith(f"registry/people.yml:{line}: {expected}"), err
    assert err[1:] == ["1 problem found."]


def test_a_country_flag_must_be_true_or_false(workspace: Path, capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """``ambiguous: "no"`` is text, which Python counts as true: refused, not read as yes."""
    (workspace / "seeds" / "fine.txt").write_text("A fine article about Kazakhstan.\n", encoding="utf-8")
    countries = workspace / "registry" / "countries.yml"
    countries.write_text(countries.read_text(encoding="utf-8").replace("\nKZ:\n", "\nKZ:\n  ambiguous: 'no'\n"),
                         encoding="utf-8")
    monkeypatch.chdir(workspace)
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    assert "registry/countries.yml:" in err and "'ambiguous' must be true or false, not 'no'" in err


def test_a_country_given_a_plain_value(workspace: Path, capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """``TV: Tuvalu`` where the extras go (the registry's loader raised AttributeError on it)."""
    (workspace / "seeds" / "fine.txt").write_text("A fine article about Kazakhstan.\n", encoding="utf-8")
    countries = workspace / "registry" / "countries.yml"
    text, count = re.subn(r"^TV:\n(  .*\n)+", "TV: Tuvalu\n", countries.read_text(encoding="utf-8"), flags=re.M)
    assert count == 1
    countries.write_text(text, encoding="utf-8")
    line = text[:text.index("TV: Tuvalu")].count("\n") + 1
    monkeypatch.chdir(workspace)
    assert main(["check"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == (f"registry/countries.yml:{line}: 'TV' must be followed by the country's extras on indented "
                      "lines (name, aliases, ambiguous, description), not 'Tuvalu'"), err


def test_check_passes_on_good_input(workspace: Path) -> None:
    for path in sorted((ROOT / "seeds").iterdir()):
        shutil.copy2(path, workspace / "seeds" / path.name)
    (workspace / "seeds" / "new.md").write_text(
        "---\ntitle: 'Kazakhstan: a colon in a quoted title'\nauthor: A\ndate: 2025-11-14\n---\nText.\n",
        encoding="utf-8")
    code, out, err = cli(workspace, "check")
    assert (code, out.strip()) == (0, "No problems found."), err
    assert not (workspace / "docs").exists()


def test_a_file_of_one_short_line_is_its_headline_and_its_text(workspace: Path) -> None:
    """The line gives the title and stays the article's text (it was taken out as the headline, which left an
    empty page); a file of headings or leftovers alone is refused (see BAD_SEEDS)."""
    (workspace / "seeds" / "one.txt").write_text("Kazakhstan joins the Abraham Accords.\n", encoding="utf-8")
    (workspace / "seeds" / "two.txt").write_text("Kazakhstan joins\n\nTokayev spoke in Astana.\n", encoding="utf-8")
    articles, errors = read_seeds(seed_files(workspace / "seeds"), workspace / "seeds")
    assert errors == []
    one, two = articles
    assert one.title == "Kazakhstan joins the Abraham Accords"
    assert [(b.kind, b.text) for b in one.blocks] == [("paragraph", "Kazakhstan joins the Abraham Accords.")]
    assert two.title == "Kazakhstan joins"
    assert [b.text for b in two.blocks] == ["Tokayev spoke in Astana."]


def test_build_refuses_to_write_when_check_fails(workspace: Path) -> None:
    shutil.copy2(next((ROOT / "seeds").glob("*.txt")), workspace / "seeds")
    docs = workspace / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    (workspace / "seeds" / "typo.md").write_bytes(BAD_SEEDS[3][1])
    code, out, err = cli(workspace, "build")
    assert code == 1
    assert "seeds/typo.md:3: unknown front-matter key 'auhtor'" in err
    assert "Nothing was written" in err
    assert sorted(p.name for p in docs.rglob("*")) == ["index.md"]


def test_workers_read_the_seeds_as_one_process_does(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A full build reads the seeds in forked workers: every problem comes back named as one process names
    it, and the good seeds as the same articles, in seed order."""
    seeds = workspace / "seeds"
    for name, data, _ in BAD_SEEDS:
        (seeds / name).write_bytes(data)
    for name, data in GOOD_SEEDS.items():
        (seeds / name).write_bytes(data)
    for seed in sorted((ROOT / "seeds").iterdir()):
        shutil.copy(seed, seeds / seed.name)
    files = seed_files(seeds)
    articles, errors = read_seeds(files, seeds, workers=1)
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)
    assert parallel.processes(len(files), 2) == 2
    forked_articles, forked_errors = read_seeds(files, seeds, workers=2)
    assert [str(e) for e in forked_errors] == [str(e) for e in errors]
    assert len(errors) == len(BAD_SEEDS) - 1  # the slug clash is found after reading
    assert forked_articles == articles and len(articles) == len(GOOD_SEEDS) + 1 + 3  # same-b.md reads well


@pytest.mark.parametrize(("given", "shown", "day"), [
    ("2025-11-07", "2025-11-07", "2025-11-07"),
    ("Nov. 7, 2025", "Nov. 7, 2025", "2025-11-07"),
    ("Sept. 5, 2025", "Sept. 5, 2025", "2025-09-05"),
    ("Friday, November 7, 2025", "November 7, 2025", "2025-11-07"),
    ("Fri, 7 Nov 2025 10:32:00 GMT", "7 Nov 2025", "2025-11-07"),
    ("Sunday 9 November 2025 06.00 GMT", "9 November 2025", "2025-11-09"),
    ("Updated Nov. 8, 2025 at 3:15 p.m. EST", "Nov. 8, 2025", "2025-11-08"),
    ("2025-11-07T10:32:00+05:00", "2025-11-07", "2025-11-07"),
    ("November 7th, 2025", "November 7th, 2025", "2025-11-07"),
    ("07.11.2025", "07.11.2025", "2025-11-07"),
    ("Thursday, November 14", "November 14", None),
])
def test_a_dateline_is_read_as_news_sites_print_it(given: str, shown: str, day: str | None) -> None:
    """A footer's date as it was copied from the page: a weekday before it, a time and zone after it, an
    abbreviated month with its full stop, an ordinal. The page shows the date without the weekday and time."""
    date = parse_date(given, SourceLocation("seeds/a.txt", 9))
    assert (date.text, date.value.isoformat() if date.value else None) == (shown, day)


@pytest.mark.parametrize(("given", "message"), [
    ("11/07/2025", "seeds/a.txt:9: the date '11/07/2025' could be read day first or month first; write it as "
     "YYYY-MM-DD"),
    ("Monday", "seeds/a.txt:9: cannot read the date 'Monday'"),
])
def test_a_date_that_cannot_be_told_is_refused(given: str, message: str) -> None:
    with pytest.raises(DossierError) as caught:
        parse_date(given, SourceLocation("seeds/a.txt", 9))
    assert str(caught.value).startswith(message)
