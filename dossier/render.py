"""Markdown pages from the knowledge base, through Jinja2 templates in ``templates/``.

Article text is data: it reaches templates as values and is escaped by :func:`md_text` (Markdown and
HTML alike), never rendered as a template itself. Front matter is written with ``yaml.safe_dump``.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
import yaml

from . import feeds, graph, remarks, timeline, worldmap
from .classify import of_no_one
from .index import KnowledgeBase
from .model import TYPE_FOLDERS, Article, ArticleAnalysis, Entity
from .text import initial, relative_path

if TYPE_CHECKING:
    from .chapters import Chapter, Chaptering

_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}|!])")
_LINE_START = re.compile(r"^(\s*)([#>+\-=:]|\d+[.)])")
TYPE_LABELS = {"country": "Country", "person": "Person", "organization": "Organization", "theme": "Theme"}
#: the timeline pages list at most this many events, those reported by the most articles first
TIMELINE_EVENTS = 500
ENTITY_EVENTS = 40
#: an event on an entity's page names the articles of its first this many reports (the timeline, all)
EVENT_SOURCES = 5
#: the line before the list of a long page's chapters (:mod:`dossier.chapters`)
CHAPTERS_MARKER = "<!-- dossier:chapters -->"
#: a person's page shows this many of their quotes, and links to the quotes page (or its chapter) for the rest
ENTITY_QUOTES = 30
QUOTES_PAGE = "explore/quotes.md"
TIMELINE_PAGE = "explore/timeline.md"
PLURAL_LABELS = {"country": "Countries", "person": "People", "organization": "Organizations", "theme": "Themes"}


@functools.lru_cache(maxsize=1 << 16)  # names and titles are escaped again on every page that lists them
def md_text(text: str, line_start: bool = True) -> str:
    """Plain text as inert Markdown: HTML characters become entities, Markdown punctuation is escaped.
    ``line_start=False`` for a piece that continues a line (after a link), where line-start syntax
    such as "#" or "===" means nothing and must not be escaped."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    escaped = _MD_SPECIAL.sub(r"\\\1", escaped)
    if not line_start:
        return escaped.replace("\n", " ")
    escaped = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2) if not m.group(2)[0].isdigit()
                              else m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], escaped)
    return escaped.replace("\n", " ")


def safe_url(url: str) -> str:
    """An http(s) URL fit for a Markdown link target; anything else (javascript:, data:) becomes "#"."""
    url = url.strip()
    if not re.match(r"^https?://[^\s]+$", url, re.IGNORECASE):
        return "#"
    return url.replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")


def rel(from_page: str, to_page: str) -> str:
    """The relative link from one page's source path to another's (how MkDocs wants links). Both are
    generated paths under docs/, so :func:`dossier.text.relative_path` serves, after the common cases of a
    page in the same folder or below it and of one in another top folder."""
    from_dir, _, _ = from_page.rpartition("/")
    if not from_dir:
        return to_page
    if to_page.startswith(from_dir) and to_page[len(from_dir): len(from_dir) + 1] == "/":
        return to_page[len(from_dir) + 1:]
    if to_page.partition("/")[0] != from_dir.partition("/")[0]:
        # no folder in common (an entity page's link to an article, most links): up to the root, then down
        return "../" * (from_dir.count("/") + 1) + to_page
    return relative_path(to_page, from_dir)


def annotate(text: str, links: Iterable[tuple[int, int, str]]) -> str:
    """Escape ``text`` and turn the given (start, end, url) spans into Markdown links; of two overlapping
    spans the one that starts first wins, and of two that start together the longer ("U.S. Agency for
    International Development" over the "U.S." inside it)."""
    out = []
    cursor = 0
    for start, end, url in sorted(links, key=lambda link: (link[0], -link[1], link[2])):
        if start < cursor:
            continue
        out.append(md_text(text[cursor:start], line_start=cursor == 0))
        out.append(f"[{md_text(text[start:end], line_start=False)}]({url})")
        cursor = end
    out.append(md_text(text[cursor:], line_start=cursor == 0))
    return "".join(out)


def _html_safe(value: Any) -> Any:
    """Front-matter strings as HTML text: the theme prints ``page.meta.title`` and ``description``
    unescaped (MkDocs' Jinja2 has no autoescape), into ``<title>`` and a ``content="..."`` attribute."""
    if isinstance(value, str):
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    if isinstance(value, list):
        return [_html_safe(v) for v in value]
    if isinstance(value, dict):
        return {k: _html_safe(v) for k, v in value.items()}
    return value


#: libyaml's emitter when PyYAML has it (about 10x faster); the output is the same safe YAML
_YAML_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def front_matter(meta: dict[str, Any]) -> str:
    dumped = yaml.dump(_html_safe(meta), Dumper=_YAML_DUMPER, allow_unicode=True, sort_keys=False, width=1000,
                       default_flow_style=False)
    return f"---\n{dumped}---\n"


def make_environment(templates_dir: Path, bytecode_dir: Path | None = None) -> jinja2.Environment:
    """The templates' environment; ``bytecode_dir`` keeps compiled templates between runs (the incremental
    build's, for which compiling them was a tenth of its time). Jinja2 checks each against its source when it
    first loads it."""
    if bytecode_dir is not None:
        bytecode_dir.mkdir(parents=True, exist_ok=True)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        bytecode_cache=jinja2.FileSystemBytecodeCache(str(bytecode_dir)) if bytecode_dir is not None else None,
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # the output is Markdown; escaping is md_text's job, applied by the templates
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        # one environment serves one build: with auto_reload, every template and include looked up again
        # asked the file system for its modification time (thousands of times a build)
        auto_reload=False,
    )
    env.filters["md"] = md_text
    env.filters["front_matter"] = front_matter
    env.filters["url"] = safe_url
    env.globals["rel"] = rel
    env.globals["TYPE_LABELS"] = TYPE_LABELS
    env.globals["PLURAL_LABELS"] = PLURAL_LABELS
    env.globals["EVENT_SOURCES"] = EVENT_SOURCES
    env.globals["ENTITY_QUOTES"] = ENTITY_QUOTES
    return env


#: an entity page lists this many articles; more go on numbered pages (countries/united-states/2.md), so
#: a country in 5,000 articles does not get one 5,000-item page (and its search entry stays a summary)
ARTICLES_PER_PAGE = 100
#: a numbered page's pager links to this many pages either side of it (and to the first and the last)
PAGER_NEAR = 2


@dataclass(frozen=True)
class ArticleListing:
    """One page of an entity's article list, with what it needs to link to the others."""

    number: int  # 1 is the entity page itself
    path: str
    articles: tuple[Article, ...]
    first: int  # 1-based position of its first article in the whole list
    last: int
    total: int
    per_page: int
    pages: tuple[tuple[int, str], ...]  # (number, path) of every page of the list
    years: tuple[tuple[str, int, str], ...]  # (year, articles that year, path of the page where it starts)

    @property
    def pager(self) -> list[tuple[int, str] | None]:
        """The pages this page's pager links to: the first, the last, and the PAGER_NEAR either side of this one,
        with None where numbers are left out ("1 · … · 4 · 5 · 6 · 7 · 8 · … · 92"; a gap of one number shows
        it). Every page linking every other made a line of a hundred links on each of a large country's
        hundred pages, which Python-Markdown renders in time that grows with the square of the line."""
        last = len(self.pages)
        shown = {1, last, *range(self.number - PAGER_NEAR, self.number + PAGER_NEAR + 1)}
        shown |= {n for n in range(2, last) if n - 1 in shown and n + 1 in shown}
        out: list[tuple[int, str] | None] = []
        previous = 0
        for number, path in self.pages:
            if number in shown:
                if number != previous + 1:
                    out.append(None)
                out.append((number, path))
                previous = number
        return out


def article_listings(entity: Entity, articles: list[Article], per_page: int = 0) -> list[ArticleListing]:
    """The article list of an entity cut into pages of ``per_page`` (ARTICLES_PER_PAGE), in article order
    (:func:`index.article_order`: newest first, undated last)."""
    per_page = per_page or ARTICLES_PER_PAGE
    chunks = [articles[i: i + per_page] for i in range(0, len(articles), per_page)] or [[]]
    paths = listing_paths(entity, len(articles), per_page)
    year_links = []
    start = 0
    while start < len(articles):  # in article order a year's articles come together: find where each ends
        year = listed_year(articles[start])
        end = bisect.bisect_right(articles, year, lo=start, key=listed_year)
        year_links.append((str(-year) if year < 0 else "no date", end - start, paths[start // per_page]))
        start = end
    pages = tuple(enumerate(paths, start=1))
    return [ArticleListing(n, paths[n - 1], tuple(chunk), (n - 1) * per_page + 1, (n - 1) * per_page + len(chunk),
                           len(articles), per_page, pages, tuple(year_links))
            for n, chunk in enumerate(chunks, start=1)]


def listed_year(article: Article) -> int:
    """What the year links of an article list go by, increasing along the list: minus the year, or 1 for an
    article with no full date (:func:`index.article_order` puts those last)."""
    return -article.date.value.year if article.date and article.date.value else 1


def listing_paths(entity: Entity, articles: int, per_page: int = 0) -> list[str]:
    """The pages an entity's list of ``articles`` articles takes: its own page, then the numbered ones."""
    per_page = per_page or ARTICLES_PER_PAGE
    base = entity.path.removesuffix(".md")
    return [entity.path] + [f"{base}/{n}.md" for n in range(2, -(-articles // per_page) + 1)]


def timeline_places(events: dict[Any, tuple[str, str]], chapters: dict[str, str]) -> dict[Any, tuple[str, str]]:
    """For each event the timeline page shows (key -> its year, :func:`timeline.year_key`, and its anchor,
    :func:`timeline.event_anchor`), its year's heading and where it is: its line on the year's chapter of the
    page (``chapters``: label -> path), or on the page whole."""
    out = {}
    for key, (year, anchor) in events.items():
        label = timeline.year_label(year)
        out[key] = (label, f"{chapters[label] if chapters else TIMELINE_PAGE}#{anchor}")
    return out


class Renderer:
    def __init__(self, kb: KnowledgeBase, templates_dir: Path, env: jinja2.Environment | None = None) -> None:
        self.kb = kb
        self.env = env or make_environment(templates_dir)
        self.articles = kb.article_by_id
        self.fixed_events: dict[str, tuple[list[timeline.Event], int]] | None = None
        self.graph_layouts: dict[str, dict[str, tuple[float, float]]] = {}  # see graph.kb_graph
        self.graph_degree: Counter[str] | None = None  # graph.degrees, when paragraph_weights has only some pairs
        self.workers = 1  # processes that may share the shared data's making (see prepare)
        #: the quotes page's chapters (initial -> path) when it is cut: a person's page links to its own
        self.quotes_chapters: dict[str, str] = {}
        self.cut_ahead: dict[str, dict[str, str]] = {}  # pages made and cut before the entity pages (prepare)
        #: id(event) -> (its year's heading, where the timeline page lists it), for the events the timeline page
        #: shows: an entity's page sends a reader there for every source of an event it lists only in part
        self.on_timeline: dict[int, tuple[str, str]] = {}
        #: id(event) -> the id of its line on the timeline page (timeline.event_anchor), for the events it shows
        self.event_anchors: dict[int, str] = {}

    def _render(self, template: str, **values: Any) -> str:
        return self.env.get_template(template).render(kb=self.kb, **values)

    def body_blocks(self, analysis: ArticleAnalysis) -> list[dict[str, str]]:
        """The article's blocks as escaped Markdown, each entity linked at its first mention in each
        section (a heading starts a new section)."""
        article = analysis.article
        by_block: dict[int, list[tuple[int, int, str]]] = {}
        linked: set[str] = set()
        section_of = self._sections(article)
        for mention in analysis.mentions:  # sorted by block, then position
            if article.blocks[mention.block].kind == "heading":
                continue
            section_key = f"{section_of[mention.block]}:{mention.entity_id}"
            if section_key in linked or mention.entity_id not in self.kb.entities:
                continue
            linked.add(section_key)
            url = rel(article.path, self.kb.entities[mention.entity_id].path)
            by_block.setdefault(mention.block, []).append((mention.start, mention.end, url))
        blocks = []
        for index, block in enumerate(article.blocks):
            blocks.append({"kind": block.kind, "markdown": annotate(block.text, by_block.get(index, [])),
                           "credit": md_text(block.credit)})
        return blocks

    @staticmethod
    def _sections(article: Article) -> list[int]:
        """For each block, the index of the heading that opens its section (0 before the first)."""
        section, out = 0, []
        for i, block in enumerate(article.blocks):
            if block.kind == "heading":
                section = i
            out.append(section)
        return out

    def article_page(self, article: Article) -> str:
        analysis = self.kb.analyses[article.id]
        return self._render(
            "article.md.j2", article=article, page=article.path, blocks=self.body_blocks(analysis),
            entities=self.kb.article_entities[article.id], quotes=analysis.quotes,
            tags=[self.kb.entities[t].name for t in self.kb.article_entities[article.id]["theme"]],
            related=[(self.articles[o], shared) for o, shared in self.kb.related[article.id]])

    def article_end(self, article: Article, related: list[tuple[Article, list[str]]]) -> str:
        """The end of an article's page (its related articles, its source file), as :meth:`article_page`
        renders it: the incremental build puts a new one into a page whose article did not change."""
        return self._render("_article_end.md.j2", article=article, page=article.path, related=related)

    def speaker_quotes(self, page: str, speaker_id: str, speaker_remarks: list[remarks.Remark]) -> str:
        """One speaker's section of the quotes page, as :meth:`quotes_page` renders it."""
        return self._render("_speaker_quotes.md.j2", page=page, speaker_id=speaker_id, speaker_remarks=speaker_remarks)

    def entity_pages(self, entity: Entity, numbers: set[int] | None = None, first: bool = True) -> dict[str, str]:
        """The entity's page, and the numbered pages of a long article list (page 1 is the entity page);
        of the numbered pages only those in ``numbers``, when given, and the entity's page only if ``first``
        (the incremental build's)."""
        articles = [self.articles[a] for a in self.kb.entity_articles.get(entity.id, [])]
        listings = article_listings(entity, articles)
        pages = {}
        if first:
            events, all_events = self.entity_events(entity.id)
            pages[entity.path] = self._render(
                "entity.md.j2", entity=entity, page=entity.path, articles=articles, listing=listings[0],
                quotes=self.kb.quotes_by_speaker.get(entity.id, []), quotes_page=self.quotes_path(entity),
                events=events, all_events=all_events, timeline_place=self.timeline_place,
                neighbourhood=graph.neighbourhood(self.kb, entity.id, entity.path, self.adjacency),
                feed=feeds.theme_feed_path(entity.slug) if entity.type == "theme" else "",
                of_no_one=of_no_one(entity))
        for listing in listings[1:]:
            if numbers is not None and listing.number not in numbers:
                continue
            pages[listing.path] = self._render("entity_list.md.j2", entity=entity, page=listing.path, listing=listing)
        return pages

    def index_page(self, kind: str) -> str:
        folder = TYPE_FOLDERS[kind]
        world_map, unmapped = worldmap.world_map(self.kb, f"{folder}/index.md") if kind == "country" else ("", [])
        return self._render("entity_index.md.j2", kind=kind, page=f"{folder}/index.md",
                            entities=self.kb.of_type(kind), world_map=world_map, unmapped=unmapped,
                            map_legend=worldmap.legend(self.kb) if world_map else [])

    def articles_index(self, rows: dict[str, str] | None = None) -> str:
        """Every article, newest first, a section a year; ``rows``: article id -> its line as written, for
        the lines the incremental build keeps (the others are rendered)."""
        return self._render("articles_index.md.j2", page="articles/index.md", years=self._by_year(), rows=rows or {})

    def _by_year(self) -> list[tuple[str, list[Article]]]:
        """The articles in their order (newest first, undated last), in runs of one year (:func:`listed_year`,
        which the entity pages' year links go by), each with its heading as the timeline's reads."""
        return [(timeline.year_label(str(-year) if year < 0 else ""), list(run))
                for year, run in itertools.groupby(self.kb.articles, key=listed_year)]

    def article_row(self, template: str, page: str, article: Article) -> str:
        """One article's line of a page that lists every article a line each (``_article_item.md.j2`` on the
        articles index, ``_source_row.md.j2`` on the sources page), as that page renders it."""
        return self._render(template, page=page, article=article)

    def overview(self, page: str = "index.md") -> str:
        most = []
        for kind in ("person", "country", "theme"):
            ranked = sorted(self.kb.of_type(kind), key=lambda e: -len(self.kb.entity_articles.get(e.id, [])))
            most.append((kind, ranked[:5]))
        return self._render("overview.md.j2", page=page, most_mentioned=most)

    def entity_events(self, entity_id: str) -> tuple[list[timeline.Event], int]:
        """The events an entity's page shows (the ENTITY_EVENTS most reported), and how many it has;
        ``fixed_events`` (set by the incremental build) answers instead of the whole timeline."""
        if self.fixed_events is not None:
            return self.fixed_events.get(entity_id, ([], 0))
        events = self.events_by_entity.get(entity_id, [])
        return timeline.most_reported(events, ENTITY_EVENTS), len(events)

    def prepare(self, workers: int = 1) -> None:
        """Compute the shared data entity pages read, so that forked renderers inherit it; ``workers``
        processes merge the timeline's years."""
        self.workers = workers
        if "kb_events" not in vars(self):
            # the workers merge the timeline's years while this process weighs the graph's links, lays the graph
            # out (here, not in the worker that draws it: the cache keeps the layout), gathers the remarks
            # (kept as the cached property would keep it) and makes the quotes page
            def meanwhile() -> None:
                _ = self.adjacency, self.remarks
                graph.kb_layout(self.kb, self.paragraph_weights, self.graph_layouts, self.graph_degree)
                self._cut_quotes()

            vars(self)["kb_events"] = self._build_timeline(meanwhile=meanwhile)
        _ = self.events_by_entity, self.adjacency, self.kb.article_by_id, self.remarks
        self._cut_quotes()
        self._cut_timeline()

    def _cut_quotes(self) -> None:
        """Make the quotes page and cut it (:func:`chapters.split`) before any entity page, which links to its
        speaker's chapter."""
        if QUOTES_PAGE in self.cut_ahead:
            return
        from . import chapters  # it cuts pages with this module's renderer

        self.cut_ahead[QUOTES_PAGE] = cut = chapters.split(QUOTES_PAGE, self.quotes_page(QUOTES_PAGE), self)
        self.quotes_chapters = chapters.listed(QUOTES_PAGE, cut[QUOTES_PAGE])

    def _cut_timeline(self) -> None:
        """Make the timeline page and cut it before any entity page, which sends a reader to the line of the
        timeline that lists an event's every source (:meth:`timeline_place`), in its year's chapter."""
        if TIMELINE_PAGE in self.cut_ahead:
            return
        from . import chapters

        shown = timeline.most_reported(self.kb_events, TIMELINE_EVENTS)
        self.event_anchors = timeline.event_anchors(self.kb_events, shown)
        self.cut_ahead[TIMELINE_PAGE] = cut = chapters.split(TIMELINE_PAGE, self.timeline_page(TIMELINE_PAGE, shown),
                                                             self)
        self.on_timeline = timeline_places({id(e): (timeline.year_key(e.when), self.event_anchors[id(e)])
                                            for e in shown}, chapters.listed(TIMELINE_PAGE, cut[TIMELINE_PAGE]))

    def anchor_of(self, event: timeline.Event) -> str:
        """The id of the event's line on the timeline page ("" for an event the page does not show)."""
        return self.event_anchors.get(id(event), "")

    def timeline_place(self, event: timeline.Event) -> tuple[str, str] | None:
        """Where the timeline page lists every source of the event: (its year's heading, the page or chapter and
        the event's anchor), or None when the page does not show it (it shows the TIMELINE_EVENTS most reported)."""
        return self.on_timeline.get(id(event))

    def quotes_path(self, entity: Entity) -> str:
        """Where all of a speaker's quotes are: the quotes page, or its chapter of the speaker's initial."""
        return self.quotes_chapters.get(initial(entity.name), QUOTES_PAGE)

    # -- the reader's pages: timeline, graph, quotes, sources (issue 6) --

    @functools.cached_property
    def kb_events(self) -> list[timeline.Event]:
        return self._build_timeline()

    def _build_timeline(self, meanwhile: Callable[[], object] | None = None) -> list[timeline.Event]:
        return timeline.build_timeline(list(self.kb.analyses.values()), [a.id for a in self.kb.articles],
                                       self.workers, meanwhile)

    @functools.cached_property
    def events_by_entity(self) -> dict[str, list[timeline.Event]]:
        out: dict[str, list[timeline.Event]] = {}
        for event in self.kb_events:
            for entity_id in event.entity_ids:
                out.setdefault(entity_id, []).append(event)
        return out

    @functools.cached_property
    def remarks(self) -> dict[str, list[remarks.Remark]]:
        """Each speaker's remarks (:func:`remarks.remarks_by_speaker`), for the quotes page and the cache."""
        return remarks.remarks_by_speaker(self.kb)

    @functools.cached_property
    def adjacency(self) -> dict[str, dict[str, int]]:
        return graph.adjacency(self.paragraph_weights)

    @functools.cached_property
    def paragraph_weights(self) -> Counter[tuple[str, str]]:
        return graph.paragraph_weights(self.kb)

    def timeline_page(self, page: str, shown: list[timeline.Event] | None = None) -> str:
        """The timeline page; ``shown``: its events (the TIMELINE_EVENTS most reported), if known."""
        years: list[tuple[str, list[timeline.Event]]] = []
        if shown is None:
            shown = timeline.most_reported(self.kb_events, TIMELINE_EVENTS)
        for event in shown:
            year = timeline.year_label(timeline.year_key(event.when))
            if not years or years[-1][0] != year:
                years.append((year, []))
            years[-1][1].append(event)
        return self._render("timeline.md.j2", page=page, years=years, events=shown, all_events=len(self.kb_events),
                            anchor_of=self.anchor_of)

    def timeline_year(self, page: str, year: str, year_events: list[timeline.Event]) -> str:
        """One year's section of the timeline page, as :meth:`timeline_page` renders it."""
        return self._render("_timeline_year.md.j2", page=page, year=year, year_events=year_events,
                            anchor_of=self.anchor_of)

    def timeline_events(self, page: str, events: list[timeline.Event]) -> str:
        """Events as a year's section of the timeline page lists them (the section's text after its heading is
        each of its events' text in turn: the incremental build renders only the events an edit changed)."""
        return self._render("_events.md.j2", page=page, events=events, show_entities=True, anchor_of=self.anchor_of)

    def timeline_head(self, page: str, shown: int, all_events: int) -> str:
        """The timeline page before its first year: the page with no year in it."""
        return self._render("timeline.md.j2", page=page, years=[], events=range(shown), all_events=all_events)

    def graph_page(self, page: str) -> str:
        svg, edges = graph.kb_graph(self.kb, page, self.paragraph_weights, self.graph_layouts, self.graph_degree)
        return self._render("graph.md.j2", page=page, svg=svg, edges=edges)

    def quotes_page(self, page: str) -> str:
        return self._render("quotes.md.j2", page=page, speakers=list(self.remarks.items()))

    def chapter_list(self, page: str, chaptering: Chaptering, chapters: list[Chapter]) -> str:
        """The list of a long page's chapters, after its opening text (:func:`chapters.split`)."""
        return self._render("_chapters.md.j2", page=page, marker=CHAPTERS_MARKER, chaptering=chaptering,
                            chapters=chapters)

    def chapter_head(self, page: str, parent: str, chaptering: Chaptering, chapter: Chapter, before: Chapter | None,
                     after: Chapter | None) -> str:
        """A chapter's page before its sections (:func:`chapters.split`)."""
        return self._render("chapter.md.j2", page=page, parent=parent, chaptering=chaptering, chapter=chapter,
                            before=before, after=after)

    def sources_page(self, page: str, rows: dict[str, str] | None = None) -> str:
        """Every article's provenance, a table a year; ``rows`` as for :meth:`articles_index`."""
        return self._render("sources.md.j2", page=page, feed=feeds.ALL_ARTICLES, years=self._by_year(),
                            rows=rows or {},
                            theme_feeds=[(t, feeds.theme_feed_path(t.slug)) for t in self.kb.of_type("theme")])
