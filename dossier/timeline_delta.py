"""The incremental build's timeline: only the years an edit's dated sentences are in are merged again.

Two reports of different years are never one event (:func:`timeline.merge_year`), so an edit that adds,
removes or rewords a dated sentence, or retitles or redates an article that has one, changes only the
events of those years. They are merged again from every article's dated sentences of those years, which
the cache keeps (:class:`cache.YearState`); the events that changed name the entities whose pages may show
other events, and the timeline page gets those years' sections rendered again, the others as written.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .cache import Cache, EventSummary, TimelineState, YearState, digests_known, summarise
from .chapters import Misread, Written, cut_before
from .model import ArticleAnalysis
from .render import ENTITY_EVENTS, EVENT_SOURCES, TIMELINE_EVENTS, TIMELINE_PAGE, Renderer
from .timeline import (
    Candidate,
    Event,
    assignments,
    event_anchor,
    event_order,
    find_reports,
    merge_year,
    most_reported,
    year_key,
    year_label,
    year_order,
)


class TimelineRefused(Exception):
    """The cache cannot tell what the edit did to the timeline; the message says why."""


@dataclass
class TimelineChange:
    state: TimelineState  # every event's summary, updated
    years: dict[str, YearState]  # the years merged again
    events: dict[str, Event]  # digest -> event, of the years merged again
    entities: set[str] = field(default_factory=set)  # the entities whose events changed
    redraw: set[str] = field(default_factory=set)  # the years whose section of the timeline page is redrawn
    titled: set[str] = field(default_factory=set)  # events (by digest) that report a retitled article, any year
    old_sections: list[tuple[str, list[str]]] = field(default_factory=list)  # the timeline page's, as written
    #: events (by digest) with more than EVENT_SOURCES reports that came onto the timeline page or left it: an
    #: entity's page links to the page for their every source, or lists them all
    flipped: set[str] = field(default_factory=set)
    #: :func:`shown_events` of the entities (and more), made in the one pass over every summary it takes
    shown: dict[str, tuple[list[str], int]] = field(default_factory=dict)

    def lookup(self, digests: Iterable[str], cache: Cache) -> dict[str, Event]:
        """The events of these digests: merged now, or stored in the cache's event table, or (an event no page
        showed before) found in its year's state."""
        wanted = set(digests)
        found = {d: self.events[d] for d in wanted if d in self.events}
        found.update(cache.rows("event", wanted - set(found)))
        missing = wanted - set(found)
        if missing:
            years = {year for year, summaries in self.state.years.items() for s in summaries if s[0] in missing}
            for state in cache.rows("year", years).values():
                found.update((s[0], e) for s, e in zip(summarise(state.events), state.events, strict=True)
                             if s[0] in missing)
        if set(found) != wanted:
            raise TimelineRefused("the cache lacks some of the timeline's events")
        return found


def years_to_merge(edits: Iterable[tuple[set[str], dict[str, str], dict[str, str]]]) -> tuple[set[str], set[str]]:
    """For each edited article's (changed parts, old year digests, new year digests): the years whose dated
    sentences changed, and the years of a retitled or redated article (its place in the article order,
    which orders the merge, may have moved)."""
    changed: set[str] = set()
    retitled: set[str] = set()
    for parts, old, new in edits:
        changed |= {year for year in {*old, *new} if old.get(year) != new.get(year)}
        if "title" in parts:
            retitled |= {*old, *new}
    return changed, retitled - changed


def merge_again(changed: set[str], retitled_years: set[str], analyses: dict[str, ArticleAnalysis],
                rank: dict[str, int], old_rank: dict[str, int], cache: Cache, retitled: set[str]) -> TimelineChange:
    """Merge the ``changed`` years again with the edited articles' new dated sentences (``analyses``: article
    id -> its new analysis), and the ``retitled_years`` too if a ``retitled`` article moved among the
    articles with dated sentences in them; otherwise their events stand, and only show the new title."""
    state = cache.timeline()
    if state is None:
        raise TimelineRefused("the cache has no timeline")
    change = TimelineChange(state, {}, {}, old_sections=state.sections)
    titled: set[str] = set()  # digests of the events whose entities' pages name a retitled article
    merging = set(changed)
    for year in retitled_years:
        summaries = state.years.get(year, [])
        reporting = {aid for s in summaries for aid in s[5]}  # the articles with dated sentences in the year
        if sorted(reporting, key=rank.__getitem__) != sorted(reporting, key=old_rank.__getitem__):
            merging.add(year)  # the retitled article moved among them: the merge may differ
            continue
        titled |= _reporting(summaries, retitled, EVENT_SOURCES)  # the same merge: only a new title
        change.titled |= _reporting(summaries, retitled)
    stored: dict[str, YearState] = cache.rows("year", merging)
    for year in sorted(merging, key=year_order):
        merged = stored.get(year) or YearState({}, [])
        change.redraw.add(year)
        before_edit = [c for aid in sorted(merged.reports, key=old_rank.__getitem__) for c in merged.reports[aid]]
        for article_id, analysis in analyses.items():
            merged.reports.pop(article_id, None)
            mine = [c for c in find_reports(analysis) if year_key(c[0]) == year]
            if mine:
                merged.reports[article_id] = mine
        candidates = [c for aid in sorted(merged.reports, key=rank.__getitem__) for c in merged.reports[aid]]
        before = state.years.get(year, [])
        old_events = merged.events  # alive until summarised: `known` goes by their reports' identity
        known = digests_known(old_events, before)
        merged.events = sorted(merge_year(candidates, _unchanged(before_edit, old_events, candidates)),
                               key=event_order(rank))
        after = summarise(merged.events, known)
        del old_events
        change.events.update((s[0], e) for s, e in zip(after, merged.events, strict=True))
        change.entities |= _moved(before, after)
        titled |= _reporting(after, retitled, EVENT_SOURCES)
        change.titled |= _reporting(after, retitled)  # their text as written has the old title
        if after:
            state.years[year] = after
        else:
            state.years.pop(year, None)
        change.years[year] = merged
    state.years = dict(sorted(state.years.items(), key=lambda item: year_order(item[0])))
    if change.years:  # the timeline page may show other events now
        state.sections = page_sections(state)
        change.flipped = {d for year, summaries in state.years.items() for d in _long(summaries)} & (
            _digests(change.old_sections) ^ _digests(state.sections))
    # an entity's page names the first EVENT_SOURCES articles of an event the timeline page shows, and every
    # article of one it does not (the others are on the timeline page)
    titled |= change.titled - _digests(state.sections)
    showing: set[str] = set()  # the entities named by those events: do their pages show them?
    if titled or change.flipped:
        showing = {eid for summaries in state.years.values() for s in summaries if s[0] in titled | change.flipped
                   for eid in s[4]} - change.entities
    change.shown = shown_events(state, change.entities | showing)
    change.entities |= {eid for eid in showing if not (titled | change.flipped).isdisjoint(change.shown[eid][0])}
    return change


def linked_from_entities(change: TimelineChange) -> bool:
    """Whether an entity's page may link to the timeline page, before the edit or after: it shows an event
    with more than EVENT_SOURCES reports (:func:`_long`)."""
    long = {d for summaries in change.state.years.values() for d in _long(summaries)}
    return not long.isdisjoint(_digests(change.old_sections) | _digests(change.state.sections)) or bool(
        change.flipped)


def _digests(sections: list[tuple[str, list[str]]]) -> set[str]:
    return {d for _, digests in sections for d in digests}


def _long(summaries: list[EventSummary]) -> list[str]:
    """The digests of the events an entity's page lists only in part (more than EVENT_SOURCES reports)."""
    return [s[0] for s in summaries if len(s[5]) > EVENT_SOURCES]


def _unchanged(before: list[Candidate], events: list[Event], after: list[Candidate]) -> list[int]:
    """What :func:`merge_year` may replay of the year's merge before the edit (``before``: its candidates,
    ``events``: what they merged into): the groups its candidates joined, up to the first candidate that
    the edit changed (the same object in both lists, or not: the unedited articles' are kept as loaded)."""
    shorter = min(len(before), len(after))
    common = next((i for i in range(shorter) if before[i] is not after[i]), shorter)
    if not common:
        return []
    joined = assignments(before, events)
    return joined[:common] if joined is not None else []


def _reporting(summaries: list[EventSummary], articles: set[str], first: int | None = None) -> set[str]:
    """The digests of the events that one of these articles reports (among their ``first`` reports: an
    entity's page names the articles of the first EVENT_SOURCES of an event the timeline page shows, and
    links to the timeline page for the others)."""
    return {s[0] for s in summaries if not articles.isdisjoint(s[5][:first])}


def _moved(before: list[EventSummary], after: list[EventSummary]) -> set[str]:
    """The entities whose events of the year changed: one of them is new or gone, or they come in another
    order (an entity's page shows its events in timeline order, chosen by their summaries)."""
    old: dict[str, list[str]] = {}
    new: dict[str, list[str]] = {}
    for summaries, out in ((before, old), (after, new)):
        for s in summaries:
            for eid in s[4]:
                out.setdefault(eid, []).append(s[0])
    return {eid for eid in old.keys() | new.keys() if old.get(eid) != new.get(eid)}


def _measure(item: tuple[str, EventSummary]) -> tuple[int, bool, bool]:
    return item[1][1], item[1][2], item[1][3]


def shown_events(state: TimelineState, entity_ids: set[str]) -> dict[str, tuple[list[str], int]]:
    """entity id -> (digests of the events its page shows, how many events it has), as
    :meth:`Renderer.entity_events` chooses them."""
    if not entity_ids:
        return {}
    found: dict[str, list[tuple[str, EventSummary]]] = {eid: [] for eid in entity_ids}
    for year, summaries in state.years.items():
        for summary in summaries:
            for eid in summary[4]:
                events = found.get(eid)
                if events is not None:
                    events.append((year, summary))
    return {eid: ([s[0] for _, s in most_reported(events, ENTITY_EVENTS, _measure)], len(events))
            for eid, events in found.items()}


def page_sections(state: TimelineState) -> list[tuple[str, list[str]]]:
    """The timeline page's years and the digests of the events it shows in each."""
    flat = [(year, s) for year, summaries in state.years.items() for s in summaries]
    out: list[tuple[str, list[str]]] = []
    for year, summary in most_reported(flat, TIMELINE_EVENTS, _measure):
        if not out or out[-1][0] != year:
            out.append((year, []))
        out[-1][1].append(summary[0])
    return out


def timeline_page(change: TimelineChange, renderer: Renderer, docs_dir: Path,
                  cache: Cache) -> tuple[dict[str, str], list[str], set[str]]:
    """The timeline page with the sections of the years merged again (or whose shown events changed) rendered
    again, the others as written, cut as :func:`chapters.split` cuts it: the pages to write (a chapter none of
    whose years changed is left out, as written), the paths of all its chapters, and the digests of the events
    it shows."""
    before = change.old_sections
    written = Written(docs_dir, TIMELINE_PAGE, [year_label(year) for year, _ in before])
    if len(written) != len(before):
        raise TimelineRefused(f"{TIMELINE_PAGE} does not have the sections the cache expects")
    at = {year: (digests, i) for i, (year, digests) in enumerate(before)}
    after = change.state.sections  # merge_again's (no year merged again: the same events as before)
    shown = {d for _, digests in after for d in digests}
    try:
        fresh = [(year, digests) for year, digests in after if _fresh(year, digests, at, change)]
        kept = {year: _kept_events(year, at, written, change, renderer) for year, _ in fresh}
        events = change.lookup((d for year, digests in fresh for d in digests if d not in kept[year][1]), cache)
        renderer.event_anchors.update((id(event), event_anchor(d)) for d, event in events.items())
        head = renderer.timeline_head(TIMELINE_PAGE, sum(len(digests) for _, digests in after),
                                      sum(map(len, change.state.years.values())))
        sections: list[str | int] = []
        for year, digests in after:
            if year not in kept:
                sections.append(at[year][1])
                continue
            first, texts, tail = kept[year]
            if not texts:
                sections.append(renderer.timeline_year(TIMELINE_PAGE, year_label(year), [events[d] for d in digests]))
                continue
            # the events written before, as written; the others rendered, each where it now comes
            sections.append("".join([first, *(texts.get(d) or renderer.timeline_events(TIMELINE_PAGE, [events[d]])
                                              for d in digests), tail]))
        pages, paths = written.cut(renderer, head, sections)
    except Misread as misread:
        raise TimelineRefused(str(misread)) from misread
    return pages, paths, shown


def _kept_events(year: str, at: dict[str, tuple[list[str], int]], written: Written, change: TimelineChange,
                 renderer: Renderer) -> tuple[str, dict[str, str], str]:
    """A year's section as written, taken apart: the text before its events, digest -> the text of each
    event that reads the same now (the edit left it alone, since an event's digest is its date, reports and
    entities, and it names no retitled article), and the text after them. No events kept: rendered whole."""
    if year not in at:
        return "", {}, ""
    digests, i = at[year]
    frame = renderer.timeline_year(TIMELINE_PAGE, year_label(year), [])  # a year with no events
    parts = split_items(written[i], frame, "- **", len(digests))
    if parts is None:
        return "", {}, ""  # not a section this version writes: rendered whole
    head, texts, tail = parts
    return head, {d: text for d, text in zip(digests, texts, strict=True) if d not in change.titled}, tail


def split_items(section: str, frame: str, marker: str, count: int) -> tuple[str, list[str], str] | None:
    """A section of a page that lists items (a year's events, a speaker's remarks), cut into the text before
    its items, each item's text, and the text after them; ``frame``: the section rendered with no items (its
    text before and after them), ``marker``: how each item's first line starts (no other line of the section
    starts so). None when the section does not have ``count`` items in that frame."""
    head, texts = cut_before(section, marker)
    tail = frame[len(head):]
    if len(texts) != count or not count or not frame.startswith(head) or not texts[-1].endswith(tail):
        return None
    texts[-1] = texts[-1][: len(texts[-1]) - len(tail)]
    return head, texts, tail


def _fresh(year: str, digests: list[str], at: dict[str, tuple[list[str], int]], change: TimelineChange) -> bool:
    return (year in change.redraw or year not in at or at[year][0] != digests
            or not change.titled.isdisjoint(digests))
