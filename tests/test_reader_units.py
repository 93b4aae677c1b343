"""The reader's pages from the inside: dates, merged events and quotes, feeds, graph and map (issue 6)."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import frontmatter
import pytest
from conftest import ROOT

from dossier import feeds, graph, parallel, timeline, worldmap
from dossier.model import Article, ArticleAnalysis, ArticleDate, Block
from dossier.pipeline import Paths, build_site
from dossier.remarks import remarks_by_speaker, same_remark


@pytest.fixture(scope="module")
def site():
    return build_site(Paths.from_root(ROOT))


def _dates(text: str, date: ArticleDate | None = None) -> list[str]:
    article = Article("a", "a.txt", "A", (Block("paragraph", text, 1),), date=date)
    return [when.label for when, _, _ in timeline.find_reports(ArticleAnalysis(article))]


FULL = ArticleDate("2025-11-14", dt.date(2025, 11, 14))  # a Friday
PARTIAL = ArticleDate("November 14")


@pytest.mark.parametrize(("text", "date", "expected"), [
    ("Ties date from 1992.", None, ["1992"]),
    ("Russia's 2022 invasion of Ukraine.", None, ["2022"]),
    ("Russia invaded in February 2022.", None, ["February 2022"]),
    ("Hamas attacked on October 7, 2023.", None, ["October 7, 2023"]),
    ("They met on 7 October 2023.", None, ["October 7, 2023"]),
    ("His first stop was on May 13.", None, ["May 13 (year not stated)"]),
    ("His first stop was on May 13.", FULL, ["May 13, 2025"]),
    ("His first stop was on May 13.", PARTIAL, ["May 13 (year not stated)"]),
    ("A ceremony in August.", None, ["August (year not stated)"]),
    ("A ceremony in August.", FULL, ["August 2025"]),
    ("At last week's summit.", FULL, ["the week before November 14, 2025"]),
    ("At last week's summit.", PARTIAL, ["the week before November 14 (year not stated)"]),
    ("At last week's summit.", None, []),  # nothing to resolve it against
    ("Just last month, he visited.", FULL, ["October 2025"]),
    ("Just last month, he visited.", PARTIAL, ["October (year not stated)"]),
    ("It happened last year.", PARTIAL, []),  # never invent a year
    ("It happened last year.", FULL, ["2024"]),
    ("The news Thursday surprised.", FULL, ["November 13, 2025"]),
    ("The news Thursday surprised.", None, []),
    ("Some 4,750 miles and 1,000 miles; 2000 troops.", None, []),
    ("It may rain; we may 13 times.", None, []),  # "may" is not May
])
def test_dates_are_as_precise_as_the_text(text: str, date: ArticleDate | None, expected: list[str]) -> None:
    assert _dates(text, date) == expected


@pytest.mark.parametrize("text", [
    "Signed 7 May 2023, ratified  a   year ago, due in August last year (and mid- May).",
    "(7 May) on Monday, last Monday, this May, Mayor May 13th 2024, Sept. 2023; 12020 May 2.",
    "Since\tJanuary 2020,\n2021 and 2022: 4,750 miles, 2000 troops, $2019, early  March, yesterday.",
    "No date here at all, only maybe and mayhem.",
    "THIS YEAR, Last Week, two years Ago, YESTERDAY and this month.",
    "",
])
def test_dates_are_looked_for_only_near_a_core_word_yet_all_found(text: str) -> None:
    """timeline.date_matches tries DATE_PATTERN only up to two words before each DATE_CORE hit: it must give
    exactly what a scan of every position gives, in any range of the text."""
    hits = [m.start() for m in timeline.DATE_CORE.finditer(text)]
    plain = re.compile(timeline.DATE_CORE.pattern.split(")", 1)[1])  # the same words, with no lookahead first
    assert hits == [m.start() for m in plain.finditer(text)]
    spans = lambda ms: [(m.start(), m.end(), m.group()) for m in ms]  # noqa: E731
    for start, end in ((0, len(text)), (3, len(text)), (0, len(text) // 2), (len(text) // 3, len(text) - 2)):
        assert spans(timeline.date_matches(text, start, end, hits)) == spans(
            timeline.DATE_PATTERN.finditer(text, start, end)), (start, end)


def test_event_reported_twice_is_listed_once_with_both_sources(site) -> None:
    events = timeline.build_timeline(list(site.kb.analyses.values()), [a.id for a in site.kb.articles])
    by_label = {e.when.label: e for e in events}
    ties = by_label["1992"]
    assert len({r.article_id for r in ties.reports}) == 2
    assert {"country:israel", "country:kazakhstan"} <= set(ties.entity_ids)
    invasion = by_label["February 2022"]  # "2022 invasion" and "February 2022 invasion": one event, the finer date
    assert len(invasion.reports) == 2 and "2022" not in by_label
    # two articles' "in August" without a year are not assumed to be the same August
    assert len([e for e in events if e.when.label == "August (year not stated)"]) == 2
    keys = [e.when.sort_key for e in events]
    assert keys == sorted(keys)


def test_a_timeline_merged_by_workers_is_the_one_merged_here(site, monkeypatch: pytest.MonkeyPatch) -> None:
    """Forked workers merge the years and send back only which group each report joined: the events are
    the same, made of this process' own report objects (the incremental cache tells reports apart by
    identity), and this process replays every year rather than merging it again."""
    analyses, order = list(site.kb.analyses.values()), [a.id for a in site.kb.articles]
    here = timeline.build_timeline(analyses, order)
    assert parallel.processes(len({timeline.year_key(e.when) for e in here}), 2, min_items=1) == 2
    merge, replayed = timeline.merge_year, []

    def spy(candidates: list, replay: list[int] | tuple = ()) -> list[timeline.Event]:
        replayed.append(len(replay) == len(candidates))
        return merge(candidates, replay)

    monkeypatch.setattr(timeline, "merge_year", spy)
    forked = timeline.build_timeline(analyses, order, workers=2)
    assert forked == here and len(here) > 10
    assert replayed and all(replayed)  # the workers' own calls are not seen here
    own = {id(report) for analysis in analyses for _, report, _ in timeline.find_reports(analysis)}
    assert all(id(report) in own for event in forked for report in event.reports)


def test_timeline_pages(site) -> None:
    page = site.pages["explore/timeline.md"]
    assert frontmatter.loads(page).metadata["title"] == "Timeline"
    assert page.index("## 1992") < page.index("## 2017") < page.index("## Year not stated")
    assert "Also reported:" in page
    kazakhstan = site.pages["countries/kazakhstan.md"]
    assert "## Timeline" in kazakhstan and "**1992**" in kazakhstan
    assert kazakhstan.index("## Appears with") < kazakhstan.index("## Neighbourhood") < kazakhstan.index("## Timeline")


def test_translations_of_one_remark_are_merged() -> None:
    assert same_remark("Nothing serious or terrible is going to happen that will make us change our decision",
                       "Nothing serious or terrible will happen; let us change our decision.")
    assert same_remark("modest contribution", "modest contribution to what is happening in the Middle East")
    assert not same_remark("Joining the Abraham Accords is a smart pragmatic step to get positive attention",
                           "Joining the Abraham Accords is a low-cost, high-yield signal to the US")


def test_quotes_page_shows_a_shared_remark_once_with_each_wording(site) -> None:
    tokayev = remarks_by_speaker(site.kb)["person:kassym-jomart-tokayev"]
    nothing = [r for r in tokayev if "Nothing serious" in r.text]
    assert len(nothing) == 1 and len({q.article_id for q in nothing[0].wordings}) == 2
    page = site.pages["explore/quotes.md"]
    assert page.count("Nothing serious or terrible is going to happen") == 2  # the remark, then its wording
    assert page.count("Nothing serious or terrible will happen; let us change our decision") == 1


def test_sources_page_and_provenance_say_not_stated(site) -> None:
    page = site.pages["explore/sources.md"]
    assert "| not stated |" in page  # the article with no outlet, author or date
    # one table and no heading: no table of contents beside it, whose room the table's seven columns take
    assert page.startswith("---\ntitle: Sources\n") and "\nhide:\n- toc\n---\n" in page
    assert "[www.toutiao.com](https://www.toutiao.com/article/7573110291962036782/)" in page
    undated = next(a for a in site.kb.articles if a.src_uri.startswith("003"))
    article_page = site.pages[undated.path]
    assert "**Where this text comes from:** the seed file `003_74afef47574d2c0e.txt`" in article_page
    assert "outlet the file does not state" in article_page and "original link not stated" in article_page


def test_feeds_are_valid_rss_without_build_times(site) -> None:
    text = site.pages[feeds.ALL_ARTICLES]
    root = ET.fromstring(text)
    items = root.findall("./channel/item")
    assert len(items) == len(site.kb.articles)
    assert items[0].findtext("link").startswith("articles/")
    assert "lastBuildDate" not in text and "pubDate" not in text  # no seed has a full date
    assert feeds.theme_feed_path("abraham-accords") in site.pages
    assert build_site(Paths.from_root(ROOT)).pages[feeds.ALL_ARTICLES] == text


def test_graph_is_deterministic_and_links_entity_pages(site) -> None:
    svg, edges = graph.kb_graph(site.kb, "explore/graph.md")
    again, _ = graph.kb_graph(site.kb, "explore/graph.md")
    assert svg == again and edges
    assert 'href="../../countries/kazakhstan/"' in svg
    assert "<svg" in site.pages["people/kassym-jomart-tokayev.md"]


@pytest.mark.parametrize(("src", "dest", "expected"), [
    ("explore/graph.md", "people/x.md", "../../people/x/"),
    ("people/y.md", "people/x.md", "../x/"),
    ("countries/index.md", "countries/kazakhstan.md", "kazakhstan/"),
    ("people/x.md", "people/x.md", "./"),
    ("index.md", "people/x.md", "people/x/"),
])
def test_raw_html_links(src: str, dest: str, expected: str) -> None:
    assert graph.href(src, dest) == expected


def test_world_map_shades_and_links_countries(site) -> None:
    svg, missing = worldmap.world_map(site.kb, "countries/index.md")
    assert 'href="kazakhstan/"' in svg and 'aria-label="Kazakhstan: 3 articles"' in svg
    assert [e.name for e in missing] == ["Soviet Union"]  # a former country has no shape
    assert worldmap.shade(0, 3) == 0 and worldmap.shade(3, 3) == worldmap.SHADES
    assert "dossier-map" in site.pages["countries/index.md"]
