"""Scale, without a browser: the synthetic corpus, paginated entity lists, the search backend choice, and
which pages one edited article rewrites."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest
import yaml

from dossier.pipeline import Paths, build_site
from dossier.render import ARTICLES_PER_PAGE, ArticleListing
from dossier.search import choose_backend
from dossier.writer import write_pages

ROOT = Path(__file__).resolve().parent.parent


def _load(name: str):  # noqa: ANN202 - a module loaded from benchmarks/
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "benchmarks" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


generate = _load("generate").generate
ARTICLES = 120  # enough for the most mentioned country to pass ARTICLES_PER_PAGE


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("corpus")
    generate(work, ARTICLES)
    return work


@pytest.fixture(scope="module")
def site(corpus: Path):  # noqa: ANN201
    return build_site(Paths(corpus / "seeds", corpus / "registry"))


def test_generator_is_deterministic_and_each_article_stands_alone(corpus: Path, tmp_path: Path) -> None:
    generate(tmp_path / "small", 10)
    for path in sorted((tmp_path / "small" / "seeds").iterdir()):
        assert path.read_bytes() == (corpus / "seeds" / path.name).read_bytes(), path.name
    assert (tmp_path / "small" / "registry" / "people.yml").read_bytes() == \
        (corpus / "registry" / "people.yml").read_bytes()
    people = yaml.safe_load((corpus / "registry" / "people.yml").read_text(encoding="utf-8"))
    assert len(people) == 2000 and len({p["name"] for p in people}) == 2000
    sizes = [p.stat().st_size for p in (corpus / "seeds").iterdir()]
    assert len(sizes) == ARTICLES and 7000 < sum(sizes) / len(sizes) < 10000


def test_long_article_lists_are_paginated(site) -> None:  # noqa: ANN001
    kb = site.kb
    long = [e for e in kb.entities.values() if len(kb.entity_articles.get(e.id, [])) > ARTICLES_PER_PAGE]
    assert long, "the corpus should have an entity in more articles than one page holds"
    for entity in long:
        total = len(kb.entity_articles[entity.id])
        base = entity.path.removesuffix(".md")
        numbered = sorted(p for p in site.pages if re.fullmatch(re.escape(base) + r"/\d+\.md", p))
        assert len(numbered) == (total - 1) // ARTICLES_PER_PAGE  # page 1 is the entity page itself
        listed = []
        for path in [entity.path, *numbered]:
            text = site.pages[path]
            listed += re.findall(r"^### \[.*\]\((?:\.\./)+articles/([^)]+)\.md\)", text, re.MULTILINE)
            assert f"**All {total} articles" in text
            assert text.count("\n### [") <= ARTICLES_PER_PAGE
        assert listed == kb.entity_articles[entity.id]  # every article once, newest first
        page_two = yaml.safe_load(site.pages[numbered[0]].split("---\n")[1])
        assert page_two["search"] == {"exclude": True}
        assert f"]({Path(base).name}/2.md)" in site.pages[entity.path]


def test_short_lists_stay_on_one_page(site) -> None:  # noqa: ANN001
    kb = site.kb
    short = next(e for e in kb.entities.values() if 1 < len(kb.entity_articles.get(e.id, [])) <= ARTICLES_PER_PAGE)
    assert "**All" not in site.pages[short.path]
    assert not any(p.startswith(short.path.removesuffix(".md") + "/") for p in site.pages)


@pytest.mark.parametrize(("setting", "size", "expected"), [
    ("auto", 1_000_000, "material"), ("auto", 6_000_000, "pagefind"), ("material", 60_000_000, "material"),
    ("pagefind", 10, "pagefind")])
def test_search_backend_choice(setting: str, size: int, expected: str) -> None:
    assert choose_backend(setting, [size], threshold_mb=5).backend == expected


def test_one_edited_article_rewrites_only_its_pages(tmp_path: Path) -> None:
    generate(tmp_path, 20)
    seeds, registry, docs = tmp_path / "seeds", tmp_path / "registry", tmp_path / "docs"
    write_pages(build_site(Paths(seeds, registry)).pages, docs)
    edited = sorted(seeds.iterdir())[10]
    edited.write_text(edited.read_text(encoding="utf-8").rstrip("\n")
                      + " An editor added this sentence after publication.\n", encoding="utf-8")
    again = build_site(Paths(seeds, registry))
    report = write_pages(again.pages, docs)
    article = next(a for a in again.kb.articles if a.src_uri == edited.name)
    assert article.path in report.written
    entity_pages = {again.kb.entities[e].path.removesuffix(".md") for ids in
                    again.kb.article_entities[article.id].values() for e in ids}
    for path in report.written:
        assert (path == article.path or path.removesuffix(".md") in entity_pages
                or path.rsplit("/", 1)[0] in entity_pages or "/" not in path or path.endswith("index.md")
                or path.startswith(("explore/", "feeds/")) or path.endswith(".xml")), path
    assert len(report.written) < len(again.pages) // 10


def test_a_year_merged_again_from_any_point_is_the_same(site) -> None:  # noqa: ANN001
    """The incremental build merges a year's dated sentences again from the edited article on, replaying the
    groups the earlier ones joined (timeline.merge_year's ``replay``): from any point, the events are those
    of the merge in full. An article reports a sentence it repeats once (timeline.find_reports), but the replay
    does not rely on it: an equal copy of one report, another object, joins the year, and identity, not
    equality, tells the two apart."""
    from collections import Counter

    from dossier import timeline

    rank = {a.id: i for i, a in enumerate(site.kb.articles)}
    years: dict[str, list[timeline.Candidate]] = {}
    for analysis in sorted(site.kb.analyses.values(), key=lambda a: rank[a.article.id]):
        for candidate in timeline.find_reports(analysis):
            years.setdefault(timeline.year_key(candidate[0]), []).append(candidate)
    candidates = max(years.values(), key=len)
    assert len(candidates) > 100
    assert not any(n > 1 for n in Counter(c[1] for c in candidates).values())
    when, report, ids = candidates[len(candidates) // 2]
    candidates.insert(len(candidates) // 2 + 1, (when, timeline.Report(**vars(report)), ids))
    events = timeline.merge_year(candidates)
    assert len(events) < len(candidates)  # some reports were merged, so replaying them means something
    joined = timeline.assignments(candidates, reversed(events))  # in any order
    assert joined is not None and len(set(joined)) == len(events)
    for point in (0, 1, len(candidates) // 3, len(candidates) // 2, len(candidates) - 1, len(candidates)):
        assert timeline.merge_year(candidates, joined[:point]) == events, point
    # candidates that are not those events' (copies of the reports): no replay, the merge is done in full
    copies = [(when, timeline.Report(**vars(report)), ids) for when, report, ids in candidates]
    assert timeline.assignments(copies, events) is None


def test_a_year_section_is_its_events_in_turn(site) -> None:  # noqa: ANN001
    """The incremental build keeps the text of a timeline year's unchanged events and renders only the others
    (timeline_delta.split_events): each section of the page must be its heading and then each event's own
    text, whatever its place in the year."""
    from dossier import timeline
    from dossier.chapters import split_sections
    from dossier.timeline_delta import TIMELINE_PAGE, split_items

    renderer = site.renderer
    _, sections = split_sections(site.pages[TIMELINE_PAGE])
    years: dict[str, list[timeline.Event]] = {}
    for event in timeline.most_reported(renderer.kb_events, 500):
        years.setdefault(timeline.year_label(timeline.year_key(event.when)), []).append(event)
    assert len(sections) == len(years) > 3
    assert max(map(len, years.values())) > 3
    for section, (year, events) in zip(sections, years.items(), strict=True):
        frame = renderer.timeline_year(TIMELINE_PAGE, year, [])  # the section's text around its events
        parts = split_items(section, frame, "- **", len(events))
        assert parts is not None, year
        head, texts, tail = parts
        assert head == f"## {year}\n\n" and head + "".join(texts) + tail == section
        assert texts == [renderer.timeline_events(TIMELINE_PAGE, [event]) for event in events], year
        assert "".join(texts[::-1]) == renderer.timeline_events(TIMELINE_PAGE, events[::-1]), year
        assert split_items(section, frame, "- **", len(events) + 1) is None


def test_a_speaker_section_is_its_remarks_in_turn(site) -> None:  # noqa: ANN001
    """The incremental build renders again only the remarks of a retitled article's speakers that quote it
    (delta._remarks_again): each speaker's section of the quotes page must be its heading and then each of
    its remarks' own text."""
    from dossier.chapters import split_sections
    from dossier.delta import QUOTES_PAGE
    from dossier.timeline_delta import split_items

    renderer = site.renderer
    _, sections = split_sections(site.pages[QUOTES_PAGE])
    speakers = list(renderer.remarks.items())
    assert len(sections) == len(speakers) > 3
    assert max(len(found) for _, found in speakers) > 3
    for section, (speaker, found) in zip(sections, speakers, strict=True):
        frame = renderer.speaker_quotes(QUOTES_PAGE, speaker, [])
        parts = split_items(section, frame, "> “", len(found))
        assert parts is not None, speaker
        head, texts, tail = parts
        for remark, text in zip(found, texts, strict=True):
            assert head + text + tail == renderer.speaker_quotes(QUOTES_PAGE, speaker, [remark]), speaker


@pytest.mark.parametrize(("number", "last", "expected"), [
    (1, 92, [1, 2, 3, None, 92]), (6, 92, [1, None, 4, 5, 6, 7, 8, None, 92]), (92, 92, [1, None, 90, 91, 92]),
    (5, 9, [1, 2, 3, 4, 5, 6, 7, 8, 9]), (4, 7, [1, 2, 3, 4, 5, 6, 7]), (1, 1, [1])])
def test_a_long_list_pager_links_the_pages_near_it_the_first_and_the_last(number: int, last: int,
                                                                          expected: list[int | None]) -> None:
    """Not every page: a country in 9,000 articles has 90 pages, and a line of 90 links on each of them cost
    Python-Markdown time in the square of its length. A gap of one page shows its number, not "…"."""
    pages = tuple((n, f"countries/x/{n}.md") for n in range(1, last + 1))
    listing = ArticleListing(number, pages[number - 1][1], (), 0, 0, 0, ARTICLES_PER_PAGE, pages, ())
    assert [item and item[0] for item in listing.pager] == expected
    assert all(item is None or item == pages[item[0] - 1] for item in listing.pager)
