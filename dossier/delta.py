"""The incremental build's delta: edited articles fitted back into the knowledge base the cache keeps, and
only the pages the edit changed rendered again.

What an edited article gives other pages is compared part by part (:func:`dossier.cache.seed_row`),
and each changed part reaches only the pages that show it:

- the entities it names: those entities' pages (their article lists, the entities they appear with,
  their neighbourhood), the type indexes, the related articles of the articles that share an entity with
  it, the feeds and knowledge.json;
- its quotes: the speakers' pages, the quotes page and knowledge.json;
- the paragraphs its entities share: those entities' neighbourhoods and the graph page;
- its dated sentences, and its title and date if it has any: the timeline's years they are in, merged
  again (:mod:`dossier.timeline_delta`), and the pages of the entities whose events changed;
- its title, date and source: every list that shows them (its entities' pages, the articles index, the
  sources page, the feeds, the quotes page if it has quotes, its related articles' pages); its author,
  link and translation (and its first paragraph, the feeds' summary): the sources page, the feeds and
  knowledge.json alone;
- the sentences its entities' pages quote: those pages alone.

An article page whose related articles changed is not rendered again: its end (the related articles and
the source line, ``templates/_article_end.md.j2``) is replaced in the page as written, and likewise a
speaker's section of the quotes page, a year's section of the timeline page and a record of
knowledge.json. The names discovery introduces are the caller's (:mod:`dossier.incremental`): a
discovered name is matched in every article, so the articles it can reach (:mod:`dossier.terms`) come
to the delta as edits too.
"""

from __future__ import annotations

import bisect
import itertools
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import chapters, feeds, render
from .cache import (
    Cache,
    EntityContext,
    GraphState,
    Index,
    KnowledgeSpans,
    SeedRow,
    excerpt_key,
    pair_key,
    quote_key,
    stub,
)
from .graph import graph_nodes, neighbours
from .index import Excerpt, KnowledgeBase, Relatedness, article_excerpts, article_order, top_cooccurring
from .model import ENTITY_TYPES, TYPE_FOLDERS, ArticleAnalysis, Entity
from .pipeline import (
    KNOWLEDGE_FILE,
    article_record,
    entity_record,
    json_line,
    knowledge_bytes,
    record_of,
)
from .remarks import Remark, remarks_by_speaker
from .render import QUOTES_PAGE, Renderer, listing_paths, make_environment, timeline_places
from .text import initial
from .timeline import Event, event_anchor
from .timeline_delta import (
    TIMELINE_PAGE,
    TimelineChange,
    TimelineRefused,
    linked_from_entities,
    merge_again,
    split_items,
    timeline_page,
    years_to_merge,
)

GRAPH_PAGE = "explore/graph.md"
SOURCES_PAGE = "explore/sources.md"
ARTICLES_PAGE = "articles/index.md"
#: the parts of a contribution that the lists of articles show (entity pages, the articles index, quotes)
LISTED = frozenset({"title", "source"})
#: and those that the sources page, the feeds and knowledge.json show besides: the author, link, translation
CREDITED = LISTED | {"byline"}


class Refused(Exception):
    """The edit reaches something only the full build computes; the message says what."""


@dataclass
class Edit:
    """One edited article: its new analysis, what the cache kept of it, and what it keeps now."""

    analysis: ArticleAnalysis
    old: SeedRow
    new: SeedRow
    lists: dict[str, list[str]]  # the entities it names, by type (index.entity_lists)
    removed: bool = False  # its seed is gone: the edit leaves it nothing, and the article is taken out

    @property
    def id(self) -> str:
        return self.analysis.article.id

    @property
    def parts(self) -> set[str]:
        old, new = self.old.components, self.new.components  # (an added or removed article has none on one side)
        return {name for name in old.keys() | new.keys() if old.get(name) != new.get(name)}


@dataclass
class Outcome:
    pages: dict[str, str | bytes]  # what to write
    removed: set[str]  # generated files that are no longer generated
    contexts: dict[str, EntityContext]  # the touched entities' new contexts
    dropped: set[str]  # entities no article names or quotes any more
    graph: GraphState | None = None  # the graph's new degrees and layout, when they changed
    pairs: dict[str, int] = field(default_factory=dict)  # pair rows (cache.pair_key) to write (0: to delete)
    timeline: TimelineChange | None = None  # the years merged again, when an edit reached the timeline
    events: dict[str, Event] = field(default_factory=dict)  # events of those years that pages now show
    excerpts: dict[str, tuple[str, ...]] = field(default_factory=dict)  # excerpt rows to write (() to delete)
    knowledge: KnowledgeSpans | None = None  # where knowledge.json's records are, when it was written again
    articles_changed: bool = True  # whether the order of the index's articles is not as cached
    articles_touched: set[str] = field(default_factory=set)  # the articles whose per-article fields may have changed
    index_changed: bool = True  # whether the rest of the index is not as the cache keeps it


def _flat(lists: dict[str, list[str]]) -> set[str]:
    return {eid for ids in lists.values() for eid in ids}


def _pairs(paragraphs: Iterable[list[str]]) -> Iterable[tuple[str, str]]:
    """Every pair of entities a paragraph names, in order: what graph.paragraph_weights counts."""
    return itertools.chain.from_iterable(itertools.combinations(ordered, 2) for ordered in paragraphs)


class Delta:
    """One delta over the cache's index (changed in place; saved by the caller when the delta succeeds)."""

    def __init__(self, edits: list[Edit], index: Index, cache: Cache, templates_dir: Path, docs_dir: Path,
                 known: dict[str, Entity]) -> None:
        self.edits = {edit.id: edit for edit in edits}
        self.index = index
        self.cache = cache
        self.templates_dir = templates_dir
        self.docs_dir = docs_dir
        self.known = known  # the registry's and the discovered entities, by id
        self.old_stubs = dict(index.stubs)
        self.old_entities = dict(index.entities)
        self.old_related = dict(index.related)
        self.old_lists = {aid: index.article_entities.get(aid, {}) for aid in self.edits}  # {}: a new article
        self.old_speakers = set(index.speakers)
        self.parts = set().union(*(edit.parts for edit in edits))
        self.names = {eid: entity.name.casefold() for eid, entity in known.items()}
        self.knowledge: KnowledgeSpans | None = None
        self.old: Renderer | None = None  # see _old_renderer
        self.chapter_paths: dict[str, list[str]] = {}  # a cut page made again -> the paths of all its chapters

    def run(self) -> Outcome:
        touched, self.alongside = self._touched()
        old_postings = {eid: list(self.index.entity_articles.get(eid, [])) for eid in touched}
        self._update_articles(touched)
        self.timeline = self._merge_timeline()
        shown_only: set[str] = set()  # entities whose events changed: their lists did not
        if self.timeline is not None:
            shown_only = self.timeline.entities - touched
            for eid in shown_only:
                old_postings[eid] = list(self.index.entity_articles.get(eid, []))
            touched |= self.timeline.entities
        contexts = self._contexts(touched)
        # touched only through the entities named with it or an event: its context changed, its page did not
        self.unseen = (self.alongside | shown_only) - self.redrawn - self.shown_again
        dropped = {eid for eid in touched if not self.index.entity_articles.get(eid) and not contexts[eid].quotes}
        self._update_entities(touched, dropped)
        for eid in dropped:
            del contexts[eid]
        self.index.speakers = (self.old_speakers - touched) | {eid for eid, c in contexts.items() if c.quotes}
        return self._pages(touched, old_postings, contexts, dropped)

    # -- fitting the edits in --

    def _touched(self) -> tuple[set[str], set[str]]:
        """The entities whose pages the edits may change, and those of them whose pages can change only in
        what they show of the entities named with them (its "Appears with" list and neighbourhood drawing):
        an article that still names them names others, or names them in other paragraphs."""
        touched: set[str] = set()
        alongside: set[str] = set()
        for edit in self.edits.values():
            parts = edit.parts
            old, new = _flat(self.old_lists[edit.id]), _flat(edit.lists)
            touched |= {eid for eid in {*edit.old.excerpts, *edit.new.excerpts}
                        if edit.old.excerpts.get(eid) != edit.new.excerpts.get(eid)}
            if LISTED & parts:  # every list of articles shows the article's title and source
                touched |= old | new
            elif "entities" in parts:  # the article is in other lists now: their counts, pages and years
                touched |= old ^ new
                alongside |= old & new
            if "quotes" in parts or LISTED & parts:
                touched |= {*edit.old.speakers, *edit.new.speakers}
            if "shared" in parts:
                alongside |= {eid for paragraph in (*edit.old.paragraphs, *edit.new.paragraphs) for eid in paragraph}
        return touched | alongside, alongside - touched

    def _update_articles(self, touched: set[str]) -> None:
        index = self.index
        for aid, edit in self.edits.items():
            if edit.removed:
                del index.stubs[aid], index.article_entities[aid]
                index.related.pop(aid, None)
                continue
            index.stubs[aid] = stub(edit.analysis.article)
            index.article_entities[aid] = edit.lists
        if "title" in self.parts:  # a new title or date moves the article in every list: put it back in place
            stubs = index.stubs
            moved = [aid for aid, edit in self.edits.items() if "title" in edit.parts and not edit.removed]
            order = [aid for aid in stubs if aid not in moved]
            for aid in moved:
                at = bisect.bisect_left(order, article_order(stubs[aid]), key=lambda a: article_order(stubs[a]))
                order.insert(at, aid)
            index.stubs = {aid: stubs[aid] for aid in order}
        self.rank = {aid: i for i, aid in enumerate(index.stubs)}
        for eid in touched:
            articles = [a for a in index.entity_articles.get(eid, []) if a not in self.edits]
            articles += [aid for aid, edit in self.edits.items() if eid in _flat(edit.lists)]
            if articles:
                index.entity_articles[eid] = sorted(articles, key=self.rank.__getitem__)
            else:
                index.entity_articles.pop(eid, None)

    def _drawn(self, eid: str, context: EntityContext) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
        """What the entity's page shows of the entities named with it, from its context: its "Appears with"
        list, and its neighbourhood drawing."""
        cooccurring = top_cooccurring(context.together, self.names)
        return cooccurring, neighbours(context.adjacency, cooccurring, self.known)

    def _contexts(self, touched: set[str]) -> dict[str, EntityContext]:
        self.redrawn: set[str] = set()  # of the entities touched only alongside others, those shown otherwise now
        contexts: dict[str, EntityContext] = self.cache.rows("entity", touched)
        for eid in sorted(touched):
            context = contexts.get(eid)
            if context is None:
                if eid in self.old_entities:
                    raise Refused(f"the cache has no context for {eid}")
                context = contexts[eid] = EntityContext([], [], 0, Counter(), {})
            quotes = context.quotes
            drawn = self._drawn(eid, context) if eid in self.alongside else None
            for aid, edit in self.edits.items():
                context.quotes = [q for q in context.quotes if q.article_id != aid] + [
                    q for q in edit.analysis.quotes if q.speaker_id == eid]
                _shift(context.adjacency, eid, edit.old.paragraphs, -1)
                _shift(context.adjacency, eid, edit.new.paragraphs, +1)
                old, new = _flat(self.old_lists[aid]), _flat(edit.lists)
                if eid in old:
                    context.together.subtract(old - {eid})
                if eid in new:
                    context.together.update(new - {eid})
            context.quotes.sort(key=lambda q: self.rank[q.article_id])  # stable: an article's quotes keep their order
            if context.quotes != quotes:  # other quotes, or in another order: grouped into remarks again
                context.remarks = None
            context.together = +context.together
            if drawn is not None and self._drawn(eid, context) != drawn:
                self.redrawn.add(eid)
        self.shown_again: set[str] = set()  # entities whose page shows other events, or a retitled one's
        if self.timeline is not None:
            for eid in self.timeline.entities:
                events, total = self.timeline.shown[eid]
                context = contexts[eid]
                if list(context.events) != events or context.all_events != total or \
                        not self.timeline.titled.isdisjoint(events) or not self.timeline.flipped.isdisjoint(events):
                    self.shown_again.add(eid)
                context.events, context.all_events = events, total
        return contexts

    def _merge_timeline(self) -> TimelineChange | None:
        changed, retitled_years = years_to_merge((e.parts, e.old.years, e.new.years) for e in self.edits.values())
        if not changed and not retitled_years:
            return None
        retitled = {aid for aid, edit in self.edits.items() if "title" in edit.parts}
        old_rank = {aid: i for i, aid in enumerate(self.old_stubs)}
        try:
            return merge_again(changed, retitled_years, {aid: e.analysis for aid, e in self.edits.items()},
                               self.rank, old_rank, self.cache, retitled)
        except TimelineRefused as refused:
            raise Refused(str(refused)) from refused

    def _update_entities(self, touched: set[str], dropped: set[str]) -> None:
        entities = self.index.entities
        added = False
        for eid in touched - dropped:
            if eid not in entities:
                entities[eid] = self.known[eid]
                added = True
        for eid in dropped:
            entities.pop(eid, None)
        if added:
            self.index.entities = dict(sorted(entities.items()))

    def _related(self, touched: set[str], old_postings: dict[str, list[str]]) -> set[str]:
        """Recompute the related articles of every article an edit can reach; the ids whose list changed."""
        index = self.index
        relate = Relatedness(index.article_entities, index.entity_articles, len(index.stubs))
        reached = set(self.edits)
        for aid, edit in self.edits.items():
            for eid in _flat(self.old_lists[aid]) ^ _flat(edit.lists):  # its articles' scores all move
                new_postings = index.entity_articles.get(eid, [])
                if min(len(old_postings[eid]), len(new_postings)) <= relate.cap:
                    reached.update(old_postings[eid], new_postings)
        changed = set()
        for aid in sorted(reached & index.stubs.keys()):  # (not a removed article's)
            related = relate.related(aid)
            if related != index.related.get(aid):
                index.related[aid] = related
                changed.add(aid)
        return changed

    # -- the pages --

    def _pages(self, touched: set[str], old_postings: dict[str, list[str]], contexts: dict[str, EntityContext],
               dropped: set[str]) -> Outcome:
        index, parts = self.index, self.parts
        # the entities an article names moved: counts, related articles, the feeds' categories, the graph's nodes
        moved = "entities" in parts or set(index.entities) != set(self.old_entities)
        related = self._related(touched, old_postings) if moved else set()
        articles = [self.edits[aid].analysis.article if aid in self.edits else article
                    for aid, article in index.stubs.items()]
        list_pages = {eid: self._list_pages(old_postings[eid], index.entity_articles.get(eid, []))
                      for eid in touched - dropped - self.unseen}
        first_pages = {eid for eid, numbers in list_pages.items() if self._first_page(eid, numbers, contexts[eid])}
        rendering = {eid: c for eid, c in contexts.items() if eid not in self.unseen}  # whose pages are rendered
        kb = KnowledgeBase(
            articles=articles, analyses={aid: edit.analysis for aid, edit in self.edits.items() if not edit.removed},
            entities=index.entities, article_entities=index.article_entities, entity_articles=index.entity_articles,
            excerpts=self._excerpts(list_pages, first_pages),
            cooccurring={eid: top_cooccurring(c.together, self.names) for eid, c in rendering.items()},
            related=index.related,
            quotes_by_speaker={eid: c.quotes for eid, c in contexts.items() if c.quotes})
        self.env = make_environment(self.templates_dir, self.cache.folder / "templates")
        renderer = Renderer(kb, self.templates_dir, self.env)
        wanted = {d for c in rendering.values() for d in c.events}
        events = self._events(wanted)
        renderer.fixed_events = {eid: ([events[d] for d in c.events], c.all_events) for eid, c in rendering.items()}
        renderer.adjacency = {eid: c.adjacency for eid, c in rendering.items()}
        # the quotes and timeline pages before the entity pages, which link to their chapters
        cut = self._quotes_cut(renderer, touched, contexts)
        on_page: set[str] = set()
        if self.timeline is not None:
            try:
                cut[TIMELINE_PAGE], self.chapter_paths[TIMELINE_PAGE], on_page = timeline_page(
                    self.timeline, renderer, self.docs_dir, self.cache)
            except TimelineRefused as refused:
                raise Refused(str(refused)) from refused
        renderer.on_timeline = self._timeline_places(events, cut.get(TIMELINE_PAGE))

        pages: dict[str, str | bytes] = {kb.article_by_id[aid].path: renderer.article_page(kb.article_by_id[aid])
                                         for aid, edit in self.edits.items() if not edit.removed}
        pages.update(self._article_ends(renderer, related))
        removed: set[str] = {edit.analysis.article.path for edit in self.edits.values() if edit.removed}
        for eid in sorted(touched - self.unseen):
            entity = self.known[eid]
            old_paths = set(listing_paths(entity, len(old_postings[eid]))) if eid in self.old_entities else set()
            if eid in dropped:
                removed |= old_paths
                continue
            new_postings = index.entity_articles.get(eid, [])
            rendered = renderer.entity_pages(index.entities[eid], list_pages[eid], first=eid in first_pages)
            pages.update(rendered)
            removed |= old_paths - set(listing_paths(entity, len(new_postings)))
        if moved:
            for kind in ENTITY_TYPES:
                pages[f"{TYPE_FOLDERS[kind]}/index.md"] = renderer.index_page(kind)
        themes = {eid for eid in index.entities if eid.startswith("theme:")}
        themes_changed = themes != {eid for eid in self.old_entities if eid.startswith("theme:")}
        if moved or CREDITED & parts:  # the feeds' items show their articles' titles, credits and themes
            pages.update(feeds.feeds(kb, only=None if themes_changed else self._feeds_changed(old_postings)))
            old_feeds = {feeds.theme_feed_path(e.slug) for e in self.old_entities.values() if e.type == "theme"}
            removed |= old_feeds - {feeds.theme_feed_path(index.entities[eid].slug) for eid in themes}
        if themes_changed:
            pages[SOURCES_PAGE] = renderer.sources_page(SOURCES_PAGE)  # every article, and the themes' feeds
        elif CREDITED & parts:
            pages[SOURCES_PAGE] = self._rows(renderer, SOURCES_PAGE, "_source_row.md.j2")
        if LISTED & parts:
            pages[ARTICLES_PAGE] = self._rows(renderer, ARTICLES_PAGE, "_article_item.md.j2")
        if moved or {*CREDITED, "quotes"} & parts:
            pages[KNOWLEDGE_FILE] = self._knowledge(kb, touched, dropped)
        shown: set[str] = {d for eid in (self.timeline.entities if self.timeline else ()) if eid in contexts
                           for d in contexts[eid].events}
        shown |= on_page
        graph: GraphState | None = None
        pairs: dict[str, int] = {}
        if moved or "shared" in parts:
            graph, pairs, weights = self._graph(kb)
            renderer.paragraph_weights = weights  # fills in the cached property: the pairs the page needs
            renderer.graph_degree = graph.degree
            renderer.graph_layouts = graph.layouts
            pages[GRAPH_PAGE] = renderer.graph_page(GRAPH_PAGE)
        for page in chapters.CHAPTERED:  # a long one as written: its chapters, each a page
            if page in pages:
                whole = pages.pop(page)
                assert isinstance(whole, str)
                cut[page] = chapters.split(page, whole, renderer)
        for page, written in cut.items():
            pages.update(written)
            kept = self.chapter_paths.get(page, ())  # chapters as written, left out of ``written``
            removed |= set(chapters.read_paths(self.docs_dir, page)) - set(written) - set(kept)
        fresh = {d: e for d, e in self.timeline.events.items() if d in shown} if self.timeline else {}
        articles_changed = list(index.stubs) != list(self.old_stubs)
        index_changed = bool(related) or set(index.entities) != set(self.old_entities) or any(
            index.article_entities.get(aid) != self.old_lists[aid] for aid in self.edits) or any(
            index.entity_articles.get(eid, []) != old_postings[eid] for eid in touched)
        return Outcome(pages, removed - set(pages), contexts, dropped, graph=graph, timeline=self.timeline,
                       events=fresh, excerpts=self.excerpt_rows(), knowledge=self.knowledge, pairs=pairs,
                       articles_changed=articles_changed, articles_touched=set(self.edits) | related,
                       index_changed=index_changed or index.speakers != self.old_speakers)

    def _timeline_places(self, events: dict[str, Event], cut: dict[str, str] | None) -> dict[int, tuple[str, str]]:
        """:attr:`Renderer.on_timeline` for these events (digest -> event) of the entity pages: those the
        timeline page shows, in their year's chapter (``cut``: the timeline page as the edit makes it, if it
        does; else as written). An entity page not rendered again links to a chapter as written: an edit that
        moves one (the page cut now, or whole, or a chapter renamed) takes the full build."""
        written = chapters.written_chapters(self.docs_dir, TIMELINE_PAGE) if events or cut else {}
        now = written if cut is None else chapters.listed(TIMELINE_PAGE, cut[TIMELINE_PAGE])
        if cut is not None and self.timeline is not None and chapters.moved(written, now) and \
                linked_from_entities(self.timeline):
            raise Refused(f"the chapters of {TIMELINE_PAGE} changed, and entity pages link to them")
        if not events:
            return {}
        if self.timeline is not None:
            sections = self.timeline.state.sections
        else:
            state = self.cache.load("timeline")
            if state is None:
                raise Refused("the cache has no timeline")
            sections = state.sections
        year_of = {d: year for year, digests in sections for d in digests}
        return timeline_places({id(e): (year_of[d], event_anchor(d)) for d, e in events.items() if d in year_of}, now)

    def _feeds_changed(self, old_postings: dict[str, list[str]]) -> set[str]:
        """The feeds whose items can have changed: those that list an edited article among their newest
        FEED_ITEMS, before the edits or after, or another set of articles there. (An entity the edits did
        not touch lists the articles it listed.)"""
        edited = set(self.edits)

        def changed(old: list[str], new: list[str]) -> bool:
            old, new = old[:feeds.FEED_ITEMS], new[:feeds.FEED_ITEMS]
            return old != new or not edited.isdisjoint(new)

        wanted = {feeds.ALL_ARTICLES} if changed(list(self.old_stubs), list(self.index.stubs)) else set()
        for eid, entity in self.index.entities.items():
            if entity.type == "theme":
                new = self.index.entity_articles.get(eid, [])
                if changed(old_postings.get(eid, new), new):
                    wanted.add(feeds.theme_feed_path(entity.slug))
        return wanted

    def _events(self, digests: set[str]) -> dict[str, Event]:
        if self.timeline is not None:
            try:
                return self.timeline.lookup(digests, self.cache)
            except TimelineRefused as refused:
                raise Refused(str(refused)) from refused
        events: dict[str, Event] = self.cache.rows("event", digests)
        if len(events) != len(digests):
            raise Refused("the cache lacks some of the timeline's events")
        return events

    def _excerpts(self, shown: dict[str, set[int] | None], first: set[str]) -> dict[tuple[str, str], list[Excerpt]]:
        """The sentences the rendered list pages quote (``shown``: entity -> its numbered pages rendered, or
        None for all; ``first``: the entities whose own page is rendered): the edited articles' from their
        analyses, the others' from the cache."""
        per_page = render.ARTICLES_PER_PAGE
        wanted: set[tuple[str, str]] = set()
        for eid, numbers in shown.items():
            for position, aid in enumerate(self.index.entity_articles.get(eid, [])):
                if (eid in first if position < per_page else numbers is None or position // per_page + 1 in numbers):
                    wanted.add((eid, aid))
        stored = self.cache.rows("excerpt", (excerpt_key(eid, aid) for eid, aid in wanted if aid not in self.edits))
        out = {}
        for eid, aid in wanted:
            if aid in self.edits:
                found = article_excerpts(self.edits[aid].analysis).get(eid)
                if found:
                    out[(eid, aid)] = found
            elif (texts := stored.get(excerpt_key(eid, aid))) is not None:
                out[(eid, aid)] = [Excerpt(aid, text) for text in texts]
        return out

    def excerpt_rows(self) -> dict[str, tuple[str, ...]]:
        """What the excerpt table gets for the edited articles: their sentences on each entity's pages, or
        () where an entity's pages no longer quote them (the row goes)."""
        rows: dict[str, tuple[str, ...]] = {}
        for aid, edit in self.edits.items():
            found = article_excerpts(edit.analysis)
            for eid in {*edit.old.excerpts, *edit.new.excerpts}:
                rows[excerpt_key(eid, aid)] = tuple(e.text for e in found.get(eid, ()))
        return rows

    def _first_page(self, eid: str, numbers: set[int] | None, context: EntityContext) -> bool:
        """Whether the entity's own page can have changed, when its list of articles did not (``numbers``:
        :meth:`_list_pages`). An edit of titles and credits alone (a country's thousands of articles are
        retitled one at a time) shows on it only through an edited article among the newest it lists, or
        among the sources of an event it shows (the timeline's change names those entities), or quoted on
        it; a title further down the list is on a numbered page."""
        if numbers is None or 1 in numbers or not self.parts <= CREDITED:
            return True
        if self.timeline is not None and eid in self.timeline.entities:
            return True
        return any(quote.article_id in self.edits for quote in context.quotes)

    def _list_pages(self, old: list[str], new: list[str]) -> set[int] | None:
        """The numbered pages of an entity's article list that can have changed: all of them (None) when the
        list itself changed (every page shows the count and each year's), else those of the edited
        articles (their titles, their sentences)."""
        year = render.listed_year
        if old != new or any(aid in self.old_stubs and aid in self.index.stubs and
                             year(self.old_stubs[aid]) != year(self.index.stubs[aid])
                             for aid in self.edits):  # (one new or removed is in only one of them: not in these)
            return None
        return {position // render.ARTICLES_PER_PAGE + 1 for position, aid in enumerate(new) if aid in self.edits}

    def _old_renderer(self) -> Renderer:
        """A renderer of the articles as they were before the edits: what the pages as written show."""
        if self.old is None:
            self.old = Renderer(KnowledgeBase(articles=list(self.old_stubs.values()), analyses={},
                                              entities={**self.old_entities, **self.index.entities}),
                                self.templates_dir, self.env)
        return self.old

    def _article_ends(self, renderer: Renderer, related: set[str]) -> dict[str, str]:
        """The pages of unedited articles whose related articles changed, or show an edited article whose
        title changed: the end of the page as written replaced."""
        retitled = {aid for aid, edit in self.edits.items() if "title" in edit.parts}
        showing = {aid for aid, items in self.index.related.items() if retitled & {o for o, _ in items}}
        old_renderer = self._old_renderer()
        pages = {}
        for aid in sorted((related | showing) - set(self.edits)):
            article = self.index.stubs[aid]
            path = self.docs_dir / article.path
            text = path.read_text(encoding="utf-8")
            old_end = old_renderer.article_end(
                article, [(self.old_stubs[o], shared) for o, shared in self.old_related.get(aid, [])])
            if not text.endswith(old_end):
                raise Refused(f"{article.path} does not end as the cache says it should")
            new_end = renderer.article_end(article, [(renderer.articles[o], s) for o, s in self.index.related[aid]])
            pages[article.path] = text[: len(text) - len(old_end)] + new_end
        return pages

    def _rows(self, renderer: Renderer, page: str, template: str) -> str:
        """A page that lists every article a line each, in the article order (the articles index, the
        sources page), with the edited articles' lines rendered again in their new places, the others as
        written."""
        text = chapters.read(self.docs_dir, page)[0]
        old = self._old_renderer()
        prefix = old.article_row(template, page, next(iter(self.old_stubs.values())))[:3]  # "- [", "| ["
        parts = text.split("\n")  # lines as the templates end them (str.splitlines also cuts at \u2028)
        rows = [part + "\n" for part in parts if part.startswith(prefix)]
        order = list(self.old_stubs)
        position = {aid: i for i, aid in enumerate(order)}
        if len(rows) != len(order) or any(rows[position[aid]] != old.article_row(template, page, self.old_stubs[aid])
                                          for aid in {*self.edits, order[0], order[-1]} if aid in position):
            raise Refused(f"{page} does not list the articles as the cache says it should")
        kept = {aid: row for aid, row in zip(order, rows, strict=True) if aid not in self.edits}
        if page == ARTICLES_PAGE:
            return renderer.articles_index(kept)
        return renderer.sources_page(page, kept)

    def _knowledge(self, kb: KnowledgeBase, touched: set[str], dropped: set[str]) -> bytes:
        """knowledge.json with the records of the edited articles and touched entities replaced: the others
        are cut from the file as written (unchanged since, as every generated file the fast path starts
        from), where the cache says each record is, in the order the index says they are in."""
        spans = self.cache.load("knowledge")
        try:
            data = (self.docs_dir / KNOWLEDGE_FILE).read_bytes()
        except OSError as exc:
            raise Refused(f"{KNOWLEDGE_FILE} cannot be read back ({exc})") from exc
        written: list[dict[str, bytes]] = []
        for ids, offsets in zip((list(self.old_stubs), list(self.old_entities)),
                                (spans.articles, spans.entities) if spans else ((), ()), strict=True):
            if spans is None or len(offsets) != 2 * len(ids) or (offsets and offsets[-1] > len(data)):
                raise Refused(f"{KNOWLEDGE_FILE} does not have the records the cache expects")
            records = {i: data[offsets[2 * n]:offsets[2 * n + 1]] for n, i in enumerate(ids)}
            for record_id in (*self.edits, *touched):
                record = records.get(record_id)
                if record is not None and not record_of(record.decode("utf-8"), record_id):
                    raise Refused(f"{KNOWLEDGE_FILE} does not have the records the cache expects")
            written.append(records)
        articles, entities = written
        for aid, edit in self.edits.items():
            if edit.removed:
                del articles[aid]
            else:
                articles[aid] = json_line(article_record(kb, kb.article_by_id[aid])).encode("utf-8")
        for eid in touched:
            if eid in dropped:
                entities.pop(eid, None)
            else:
                entities[eid] = json_line(entity_record(kb, kb.entities[eid])).encode("utf-8")
        text, new_spans = knowledge_bytes([articles[aid] for aid in self.index.stubs],
                                          [entities[eid] for eid in self.index.entities])
        self.knowledge = KnowledgeSpans(*new_spans)
        return text

    def _quotes_cut(self, renderer: Renderer, touched: set[str],
                    contexts: dict[str, EntityContext]) -> dict[str, dict[str, str]]:
        """The quotes page made again and cut, if the edit changed it ({} if not), with the renderer told its
        chapters: a person's page links to the chapter of its initial. An edit that moves a chapter another
        person's page links to (the page cut or whole now, or a chapter renamed) takes the full build."""
        written = chapters.written_chapters(self.docs_dir, QUOTES_PAGE)
        renderer.quotes_chapters = written
        quoted = any(edit.old.speakers or edit.new.speakers for edit in self.edits.values())
        if not ("quotes" in self.parts or (LISTED & self.parts and quoted)):
            return {}
        try:
            cut, self.chapter_paths[QUOTES_PAGE] = self._quotes_page(renderer, touched, contexts)
        except chapters.Misread as misread:
            raise Refused(str(misread)) from misread
        now = chapters.listed(QUOTES_PAGE, cut[QUOTES_PAGE])
        if chapters.moved(written, now):
            raise Refused(f"the chapters of {QUOTES_PAGE} changed, and a person's page links to its own")
        renderer.quotes_chapters = now
        return {QUOTES_PAGE: cut}

    def _quotes_page(self, renderer: Renderer, touched: set[str],
                     contexts: dict[str, EntityContext]) -> tuple[dict[str, str], list[str]]:
        """The quotes page with the sections of the touched speakers rendered again, the others as written, cut
        as :func:`chapters.split` cuts it: the pages to write (a chapter none of whose speakers changed is left
        out, as written), and the paths of all its chapters."""
        old_speakers = sorted(self.old_speakers, key=lambda s: (self.old_entities[s].name.casefold(), s))
        labels = [initial(self.old_entities[s].name) for s in old_speakers]  # each section's chapter
        sections = chapters.Written(self.docs_dir, QUOTES_PAGE, labels)
        if len(sections) != len(old_speakers):
            raise Refused(f"{QUOTES_PAGE} does not have the sections the cache expects")
        written = {eid: i for i, eid in enumerate(old_speakers)}
        speakers = self.index.speakers
        regroup = {eid for eid in touched & speakers if contexts[eid].remarks is None or not {
            k for keys in contexts[eid].remarks or [] for k in keys} <= set(map(quote_key, contexts[eid].quotes))}
        fresh = remarks_by_speaker(KnowledgeBase(
            articles=renderer.kb.articles, analyses={}, entities=self.index.entities,
            quotes_by_speaker={eid: contexts[eid].quotes for eid in regroup}))
        for eid, found in fresh.items():
            contexts[eid].remarks = [[quote_key(q) for q in remark.wordings] for remark in found]
        listed = bool(LISTED & self.parts)  # the sections name each quote's article, its source and date
        again: dict[str, str] = {}  # speaker -> the section as written, with some remarks rendered again
        for eid in touched & speakers - regroup:  # the same quotes in the same order: the same remarks
            if eid in written and not (listed and any(q.article_id in self.edits for q in contexts[eid].quotes)):
                continue  # and none from an article whose title or source changed: the section as written
            by_key = {quote_key(q): q for q in contexts[eid].quotes}
            same = [Remark(eid, tuple(map(by_key.__getitem__, keys))) for keys in contexts[eid].remarks or []]
            spliced = self._remarks_again(renderer, eid, sections[written[eid]], same) if eid in written else None
            if spliced is None:
                fresh[eid] = same
            else:
                again[eid] = spliced
        out: list[str | int] = []
        for speaker in sorted(speakers, key=lambda s: (self.index.entities[s].name.casefold(), s)):
            out.append(renderer.speaker_quotes(QUOTES_PAGE, speaker, fresh[speaker]) if speaker in fresh
                       else again.get(speaker, written[speaker]))
        return sections.cut(renderer, sections.header, out)

    def _remarks_again(self, renderer: Renderer, eid: str, section: str, same: list[Remark]) -> str | None:
        """A speaker's section with the same remarks as written, those quoted from an edited article rendered
        again (they name its new title or source), the others as written; None if it is not as expected."""
        frame = renderer.speaker_quotes(QUOTES_PAGE, eid, [])  # the section with no remarks
        parts = split_items(section, frame, "> “", len(same))
        if parts is None:
            return None
        head, texts, tail = parts
        out = [head]
        for remark, text in zip(same, texts, strict=True):
            if any(q.article_id in self.edits for q in remark.wordings):
                one = renderer.speaker_quotes(QUOTES_PAGE, eid, [remark])
                if not (one.startswith(head) and one.endswith(tail)):
                    return None
                text = one[len(head): len(one) - len(tail)]
            out.append(text)
        out.append(tail)
        return "".join(out)

    def _graph(self, kb: KnowledgeBase) -> tuple[GraphState, dict[str, int], Counter[tuple[str, str]]]:
        """The graph's state with the edits' paragraph pairs counted again; the pair rows that changed (their
        new weights, 0 for none); and the weights of the pairs of the entities the graph may show."""
        graph = self.cache.load("graph")
        if graph is None:
            raise Refused("the cache has no graph state")
        change: Counter[tuple[str, str]] = Counter()
        for edit in self.edits.values():
            change.subtract(_pairs(edit.old.paragraphs))
            change.update(_pairs(edit.new.paragraphs))
        change = Counter({pair: n for pair, n in change.items() if n})
        stored: dict[str, int] = self.cache.rows("pair", (pair_key(a, b) for a, b in change))
        pairs = {}
        for (a, b), n in change.items():
            weight = stored.get(pair_key(a, b), 0) + n
            if weight < 0:
                raise Refused("the cache's paragraph weights do not match the articles")
            pairs[pair_key(a, b)] = weight
            graph.degree[a] += n
            graph.degree[b] += n
        graph.degree = +graph.degree  # an entity no paragraph pairs with another any more
        nodes = sorted(graph_nodes(kb, graph.degree))
        wanted = {pair_key(a, b): (a, b) for i, a in enumerate(nodes) for b in nodes[i + 1:]}
        weights = Counter({wanted[k]: w for k, w in self.cache.rows("pair", set(wanted) - set(pairs)).items()})
        weights.update({wanted[k]: w for k, w in pairs.items() if k in wanted and w})
        return graph, pairs, weights


def _shift(adjacency: dict[str, int], entity_id: str, paragraphs: list[list[str]], step: int) -> None:
    """Add ``step`` to the entity's links for every paragraph pair it is in (dropping links that reach 0)."""
    for a, b in _pairs(paragraphs):
        other = b if a == entity_id else a if b == entity_id else None
        if other is not None:
            weight = adjacency.get(other, 0) + step
            if weight:
                adjacency[other] = weight
            else:
                adjacency.pop(other, None)


