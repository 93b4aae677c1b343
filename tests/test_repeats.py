"""What a scraped article repeats word for word (a block of the page picked up twice, a pull quote, a
standfirst that repeats the lede) is read once: the article page shows the paragraph once, a person's page
the quote once, the timeline the dated sentence once."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from conftest import ROOT, analyse_paragraphs, run, speakers

from dossier.clean import clean
from dossier.registry import Registry
from dossier.timeline import find_reports

SEED = "001_0bb7261515ed437a.txt"


def test_a_repeated_paragraph_is_dropped_and_a_short_one_kept() -> None:
    long = "Officials from Kazakhstan and Uzbekistan met in Astana to talk about water and trade."
    short = "Officials declined to comment."
    blocks = clean([long, "", short, "", "Something else happened.", "", long, "", short])
    assert [b.text for b in blocks] == [long, short, "Something else happened.", short]
    assert [b.line for b in blocks] == [1, 3, 5, 9]  # the line numbers of what is kept stay the file's


def test_seeds_with_paragraphs_scraped_twice_build_as_the_seeds(tmp_path: Path) -> None:
    """The real generator on the seeds, and on the seeds with a quoted paragraph and a dated one of an
    article each picked up twice: every page is byte for byte the same."""
    for name in ("plain", "doubled"):
        shutil.copytree(ROOT / "seeds", tmp_path / name / "seeds")
    seed = tmp_path / "doubled" / "seeds" / SEED
    lines = seed.read_text(encoding="utf-8").split("\n")
    quoted = next(i for i, line in enumerate(lines) if "stated in an interview with RFE/RL" in line)
    dated = next(i for i, line in enumerate(lines) if "diplomatic relations with Israel in 1992" in line)
    for i in sorted((quoted, dated), reverse=True):
        lines[i + 1:i + 1] = ["", lines[i]]
    seed.write_text("\n".join(lines), encoding="utf-8")
    for name in ("plain", "doubled"):
        run([sys.executable, str(ROOT / "build_pages.py"), "--seeds", str(tmp_path / name / "seeds"),
             "--registry", str(ROOT / "registry"), "--templates", str(ROOT / "templates"),
             "--docs", str(tmp_path / name / "docs"), "build"])
    plain, doubled = (_pages(tmp_path / name / "docs") for name in ("plain", "doubled"))
    assert plain.keys() == doubled.keys()
    assert [p for p in plain if plain[p] != doubled[p]] == []
    assert "Nothing serious or terrible will happen" in plain["people/kassym-jomart-tokayev.md"].decode()


def _pages(docs: Path) -> dict[str, bytes]:
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*.md"))}


def test_a_pull_quote_is_one_quote(registry: Registry) -> None:
    """The quote, attributed, and then the same words as a paragraph of their own (a pull quote, which the
    rule that a paragraph of only a quote goes on with the last speaker would attribute again); and the
    words first, unattributed, then attributed: once each, with the speaker."""
    quote = "“We will not accept this plan under any circumstances,”"
    said = f"{quote} said Foreign Minister Aigerim Bekova on Monday."
    assert speakers(registry, said, quote.replace(",”", ".”")) == [("We", "Aigerim Bekova")]
    assert speakers(registry, quote.replace(",”", ".”"), "The talks went on.", said) == [("We", "Aigerim Bekova")]
    # two speakers' same words stay two quotes
    other = f"{quote} said Deputy Minister Zarina Tokbayeva."
    assert speakers(registry, said, other) == [("We", "Aigerim Bekova"), ("We", "Zarina Tokbayeva")]


def test_a_pull_quote_of_part_of_a_quote_is_left_out(registry: Registry) -> None:
    """A pull quote that is part of a quote, in its words and order: the fuller quote stays, once. Words of
    one speaker within another's stay both."""
    said = "“We will not accept this plan under any circumstances,” said Foreign Minister Aigerim Bekova."
    assert speakers(registry, said, "“We will not accept this plan.”") == [("We", "Aigerim Bekova")]
    assert speakers(registry, "“We will not accept this plan.”", "The talks went on.", said) == \
        [("We", "Aigerim Bekova")]
    other = "“We will not accept this plan,” said Deputy Minister Zarina Tokbayeva."
    assert speakers(registry, said, other) == [("We", "Aigerim Bekova"), ("We", "Zarina Tokbayeva")]


def test_a_dated_sentence_repeated_is_one_report(registry: Registry) -> None:
    """A standfirst that repeats the lede's first sentence: one report of it on the timeline."""
    lede = "Kazakhstan established diplomatic relations with Israel in 1992."
    analyses, _ = analyse_paragraphs(registry, lede, f"{lede} Trade has grown since then.")
    reports = find_reports(analyses[0])
    assert [(r.sentence, r.block) for _, r, _ in reports] == [(lede, 0)]


def test_check_tells_the_editor_which_paragraph_it_dropped(tmp_path: Path) -> None:
    """``build_pages.py check``'s editor's report names the repeat and the line it repeats."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    long = "Officials from Kazakhstan and Uzbekistan met in Astana to talk about water and trade."
    (seeds / "talks.md").write_text(f"---\ntitle: Talks\n---\n\n{long}\n\nThey met again.\n\n{long}\n",
                                    encoding="utf-8")
    result = run([sys.executable, str(ROOT / "build_pages.py"), "--seeds", str(seeds), "--registry",
                  str(ROOT / "registry"), "check"], cwd=tmp_path)
    assert result.stdout.strip() == "No problems found."
    assert "seeds/talks.md:9: this paragraph repeats line 5 word for word; the site shows it once" in result.stderr
