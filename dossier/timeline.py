"""Dated events in the articles: "in 1992", "in February 2022", "on May 13", "October 7, 2023", "last week".

A date is kept as precise as the text makes it and never more: "May 13" in an article whose own date
has no year stays "May 13, year not stated". Relative phrases ("last week", "last month", "on
Thursday") are resolved against the article's date, and only as far as that date reaches; in an
undated article they are left out, since nothing places them.

An event is one sentence with a date in it, and the entities that sentence names. Several articles
reporting the same event (compatible dates and the same entities, or the same words) make one
:class:`Event` with all its reports.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from . import parallel
from .model import Article, ArticleAnalysis, digest
from .text import sentence_spans

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_MONTH = r"(?P<{g}>January|February|March|April|May|June|July|August|September|October|November|December|" \
         r"Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
_YEAR = r"(?P<{g}>1[6-9]\d\d|20\d\d)"
_PREP = r"(?i:in|since|by|until|till|from|during|through|before|after|early|late|mid-|of|on|this|last|next)"
#: the alternatives, most specific first; one pass of one pattern, leftmost match wins. Every alternative
#: starts at a word boundary: one ``\b`` before them all, so that inside a word the engine gives up on a
#: position after one test, not one test per alternative (a third of the time of a paragraph)
DATE_PATTERN = re.compile(
    r"\b(?:" + "|".join([
        # October 7, 2023 / Oct. 7 2023
        _MONTH.format(g="m1") + r"\s+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?,?\s+" + _YEAR.format(g="y1") + r"\b",
        # 7 October 2023
        r"(?P<d2>[0-3]?\d)\s+" + _MONTH.format(g="m2") + r",?\s+" + _YEAR.format(g="y2") + r"\b",
        # February 2022
        _MONTH.format(g="m3") + r",?\s+" + _YEAR.format(g="y3") + r"\b",
        # (on) May 13 / 13 May
        _MONTH.format(g="m4") + r"\s+(?P<d4>[0-3]?\d)(?:st|nd|rd|th)?\b(?!,?\s*\d)",
        r"(?P<d5>[0-3]?\d)\s+" + _MONTH.format(g="m5") + r"\b",
        # in August last year / in August
        _PREP + r"\s+" + _MONTH.format(g="m6") + r"(?![,.]?\s+\d)(?P<ly6>\s+(?i:last)\s+year)?\b",
        # last week / last month / last year / this year / yesterday / (on) Thursday
        r"(?P<rel>(?i:last\s+(?:week|month|year)|this\s+(?:month|year)|yesterday|a\s+year\s+ago))\b",
        r"(?:(?i:on|last)\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
        # in 1992 / Russia's 2022 invasion (a bare year: not a count, not part of a number)
        r"(?<![\d,.$£€#])" + _YEAR.format(g="y9") + r"\b(?![,.]?\d)(?!\s*(?:%|percent|miles|km|people|troops))",
    ]) + ")")
#: a cheap first test, of a paragraph and then of each sentence: every match of DATE_PATTERN has one of
#: these in it (a month, a weekday, a year, or the word of a relative date), so a text with none has no date.
#: Python's regex engine tries each of DATE_PATTERN's alternatives at every position; this one it runs
#: several times faster, and the full pattern then looks only near its matches (:func:`date_matches`).
#: The lookahead, the first letters of the alternatives in either case, is a set the engine skips to
#: without trying the alternatives (the "(?i:...)" words keep it from finding that set itself): 2.5 times
#: faster again (issue 5)
DATE_CORE = re.compile(
    r"(?=[ADFJLMNOSTWY12alty])(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|1[6-9]\d\d|20\d\d|(?i:last|this|yesterday|ago))")
MERGE_WINDOW = 50  # groups per (year, entity) a report is compared with
_PRONOUN = re.compile(r"\b(it|its|he|his|she|her|they|their)\b", re.IGNORECASE)
_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset((
    "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "for", "from", "had", "has", "have", "in", "is",
    "it", "its", "of", "on", "or", "that", "the", "their", "this", "to", "was", "were", "which", "while", "with",
    "will", "would"))


@dataclass(frozen=True)
class When:
    """A date as precise as the text makes it; ``year`` is None when nothing states it."""

    year: int | None
    month: int | None = None
    day: int | None = None
    week: bool = False  # "last week": the seven days before ``day``

    @property
    def sort_key(self) -> tuple[int, int, int, int]:
        return (self.year is None, self.year or 0, self.month or 0, self.day or 0)

    @property
    def label(self) -> str:
        if self.month is None:
            return str(self.year) if self.year is not None else "date not stated"
        month = calendar.month_name[self.month]
        if self.day is None:
            text = f"{month} {self.year}" if self.year is not None else month
        else:
            text = f"{month} {self.day}, {self.year}" if self.year is not None else f"{month} {self.day}"
            if self.week:
                text = "the week before " + text
        return text if self.year is not None else text + " (year not stated)"

    def compatible(self, other: When) -> bool:
        """True when neither date contradicts the other ("2022" and "February 2022" agree)."""
        if self.week or other.week:
            return self == other
        if (self.year is None) != (other.year is None) or self.year != other.year:
            return False  # both stated and equal, or both unstated
        if self.month is not None and other.month is not None and self.month != other.month:
            return False
        return self.day is None or other.day is None or self.day == other.day

    def merged(self, other: When) -> When:
        """The more precise of two compatible dates."""
        return When(self.year if self.year is not None else other.year, self.month or other.month,
                    self.day or other.day, self.week)


@dataclass(frozen=True)
class Report:
    """One article's sentence about an event."""

    article_id: str
    block: int
    sentence: str
    date_text: str  # the words that date it, as written


@dataclass(frozen=True)
class Event:
    when: When
    reports: tuple[Report, ...]
    entity_ids: tuple[str, ...]


def reference_date(article: Article) -> When | None:
    """The article's own date as a :class:`When` (a month and day without a year keep ``year=None``)."""
    if article.date is None:
        return None
    if article.date.value is not None:
        value = article.date.value
        return When(value.year, value.month, value.day)
    words = re.findall(r"[A-Za-z]+\.?|\d+", article.date.text)
    month = next((MONTHS[w.lower().rstrip(".")] for w in words if w.lower().rstrip(".") in MONTHS), None)
    day = next((int(w) for w in words if w.isdigit() and 1 <= int(w) <= 31), None)
    year = next((int(w) for w in words if w.isdigit() and len(w) == 4), None)
    return When(year, month, day) if month else None


def _month(value: str) -> int:
    return MONTHS[value.lower().rstrip(".")]


def _day_ok(month: int, day: int) -> bool:
    return 1 <= day <= calendar.monthrange(2000, month)[1]  # 2000 is a leap year: Feb 29 is allowed


def resolve(match: re.Match[str], ref: When | None) -> When | None:
    """The date a match states, resolved against the article's date ``ref``; None if it cannot be placed."""
    g = match.groupdict()
    for m, d, y in (("m1", "d1", "y1"), ("m2", "d2", "y2")):
        if g[m]:
            month, day = _month(g[m]), int(g[d])
            return When(int(g[y]), month, day) if _day_ok(month, day) else None
    if g["m3"]:
        return When(int(g["y3"]), _month(g["m3"]))
    for m, d in (("m4", "d4"), ("m5", "d5")):
        if g[m]:
            month, day = _month(g[m]), int(g[d])
            if not _day_ok(month, day):
                return None
            return When(ref.year if ref else None, month, day)
    if g["m6"]:
        year = ref.year if ref else None
        if g["ly6"] and year is not None:
            year -= 1
        return When(year, _month(g["m6"]))
    if g["y9"]:
        return When(int(g["y9"]))
    if ref is None:
        return None
    if g["rel"]:
        rel = " ".join(g["rel"].lower().split())
        if rel in ("last year", "a year ago"):
            return When(ref.year - 1) if ref.year is not None else None
        if rel == "this year":
            return When(ref.year) if ref.year is not None else None
        if ref.month is None:
            return None
        if rel == "this month":
            return When(ref.year, ref.month)
        if rel == "last month":
            if ref.month == 1:
                return When(ref.year - 1, 12) if ref.year is not None else When(None, 12)
            return When(ref.year, ref.month - 1)
        if ref.day is None:
            return None
        if rel == "last week":
            return When(ref.year, ref.month, ref.day, week=True)
        if rel != "yesterday":
            return None
        # 2000 stands in for an unknown year (a leap year, so February 29 exists); the year is dropped again
        before = dt.date(ref.year if ref.year is not None else 2000, ref.month, ref.day) - dt.timedelta(days=1)
        return When(before.year if ref.year is not None else None, before.month, before.day)
    if g["wd"] and ref.year is not None and ref.month and ref.day:
        base = dt.date(ref.year, ref.month, ref.day)
        back = (base.weekday() - WEEKDAYS[g["wd"].lower()]) % 7
        weekday = base - dt.timedelta(days=back)
        return When(weekday.year, weekday.month, weekday.day)
    return None


def find_reports(analysis: ArticleAnalysis) -> list[tuple[When, Report, tuple[str, ...]]]:
    """Every dated sentence of one article: (date, report, entities the sentence names). Computed once
    per analysis: the timeline and the incremental cache both need them."""
    if analysis.reports is None:
        analysis.reports = _find_reports(analysis)
    return analysis.reports


def _find_reports(analysis: ArticleAnalysis) -> list[tuple[When, Report, tuple[str, ...]]]:
    article = analysis.article
    ref = reference_date(article)
    by_block: dict[int, list] = {}
    for mention in analysis.mentions:
        by_block.setdefault(mention.block, []).append(mention)
    found: list[tuple[When, Report, tuple[str, ...]]] = []
    reported: set[tuple[str, str]] = set()  # (sentence, date): an article that repeats a sentence reports it once
    for index, block in enumerate(article.blocks):
        if block.kind != "paragraph":
            continue
        hits = [hit.start() for hit in DATE_CORE.finditer(block.text)]
        if not hits:
            continue
        mentions = by_block.get(index, [])
        focus: Counter[str] = Counter()
        first: dict[str, int] = {}
        for m in mentions:
            if not m.entity_id.startswith("theme:"):
                focus[m.entity_id] += 1
                first.setdefault(m.entity_id, m.start)
        top = max(focus, key=lambda e: (focus[e], -first[e]), default=None)
        for start, end in sentence_spans(block.text) or [(0, len(block.text))]:
            first_hit = bisect_left(hits, start)
            if first_hit == len(hits) or hits[first_hit] >= end:
                continue
            sentence = ""
            ids: list[str] = []
            seen: set[When] = set()
            for match in date_matches(block.text, start, end, hits, first_hit):
                when = resolve(match, ref)
                if when is None or when in seen:
                    continue
                if not seen:
                    sentence = block.text[start:end].strip()
                    ids = [m.entity_id for m in mentions if start <= m.start < end]
                    # "it", "he": the paragraph's most-named entity stands in for the pronoun (an approximation)
                    if top and top not in ids and _PRONOUN.search(sentence):
                        ids.append(top)
                seen.add(when)
                date_text = match.group(0).strip()
                if (sentence, date_text) in reported:
                    continue
                reported.add((sentence, date_text))
                entity_ids = tuple(sorted(set(ids)))
                found.append((when, Report(article.id, index, sentence, date_text), entity_ids))
    return found


def date_matches(text: str, start: int, end: int, hits: Sequence[int], first: int = 0) -> Iterator[re.Match[str]]:
    """``DATE_PATTERN.finditer(text, start, end)``, the same matches, tried only where one can begin.

    ``hits`` are the starts of DATE_CORE's matches in ``text``, sorted; ``first`` the index of the first
    that may lie in the range. Every date has one of them in it, and before the first only what the
    alternatives put in front of a month, weekday or "ago": at most two words each followed by spaces
    ("7 ", "in ", "a year "). So a date is looked for only at the positions from two words before a hit up
    to the hit, with ``match``: the scan from one date to the next, through text that has none, is what
    finditer spent its time on (half of finding the dates, issue 5)."""
    pos = start
    for k in range(first, len(hits)):
        hit = hits[k]
        if hit >= end:
            return
        if hit < pos:
            continue
        back = hit
        for _ in range(2):  # two words back: a run of spaces, then a run of anything else
            i = back
            while i > pos and text[i - 1].isspace():
                i -= 1
            if i == back:
                break
            while i > pos and not text[i - 1].isspace():
                i -= 1
            back = i
        for at in range(back, hit + 1):  # leftmost first, as finditer; DATE_PATTERN's \b turns most away at once
            match = DATE_PATTERN.match(text, at, end)
            if match:
                yield match
                pos = match.end()
                break


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP and not w.isdigit()}


@dataclass
class _Group:
    """An event being assembled (mutable while the reports are merged)."""

    when: When
    reports: list[Report]
    entity_ids: set[str]
    #: the first report's (comparing with a growing union would let one group swallow a year); None until a
    #: comparison needs them (a replayed merge forms thousands of groups that no report is compared with)
    words: set[str] | None
    seed_ids: frozenset[str] = frozenset()
    articles: set[str] = field(default_factory=set)  # of its reports: a big event's list is long to scan


def _same_event(group: _Group, when: When, report: Report, ids: tuple[str, ...], words: set[str]) -> bool:
    if report.article_id in group.articles:
        return False
    shared = len(group.seed_ids.intersection(ids))
    if not shared or not group.when.compatible(when):
        return False
    if group.when.year is None:  # two articles' "in August" may be different Augusts: only the same words tell
        return _overlap(_group_words(group), words) >= 0.6
    if group.when.day is not None and when.day is not None:
        return True
    return shared >= 2 or _overlap(_group_words(group), words) >= 0.3


def _group_words(group: _Group) -> set[str]:
    if group.words is None:
        group.words = _words(group.reports[0].sentence)
    return group.words


def _overlap(first: set[str], second: set[str]) -> float:
    """The share of the shorter word set that the other has too (computed only where a rule needs it)."""
    return len(first & second) / max(1, min(len(first), len(second)))


T = TypeVar("T")
#: one dated sentence: its date, the report, the entities it names
Candidate = tuple[When, Report, tuple[str, ...]]


def year_key(when: When) -> str:
    """The partition a dated sentence is merged in: compatible dates share their year (or both lack one)."""
    return "" if when.year is None else str(when.year)


def year_label(key: str) -> str:
    """A year of the timeline page as its heading reads."""
    return key or "Year not stated"


def year_order(key: str) -> tuple[bool, int]:
    """Years in timeline order, "year not stated" ("") last."""
    return key == "", int(key) if key else 0


def build_timeline(analyses: list[ArticleAnalysis], order: list[str], workers: int = 1,
                   meanwhile: Callable[[], object] | None = None) -> list[Event]:
    """Events of the whole knowledge base, in date order (year not stated last); reports of one event
    by several articles are merged. ``order`` is the article order, which makes the merge deterministic.
    Two reports of different years are never one event, so each year is merged on its own (which lets an
    incremental build merge again just the years an edit touched, and ``workers`` processes merge the
    years side by side: each sends back only which group each report joined, :func:`assignments`, and
    the year is put together here from those, with no comparison made again, of this process' own report
    objects, whose identity the incremental cache relies on). ``meanwhile``: see :func:`parallel.map_in_order`."""
    rank = {aid: i for i, aid in enumerate(order)}
    by_year: dict[str, list[Candidate]] = {}
    for analysis in sorted(analyses, key=lambda a: rank[a.article.id]):
        for candidate in find_reports(analysis):
            by_year.setdefault(year_key(candidate[0]), []).append(candidate)
    years = list(by_year.values())
    if parallel.processes(len(years), workers, min_items=1) > 1:
        largest = sorted(range(len(years)), key=lambda i: -len(years[i]))  # the longest merges first
        joined = dict(zip(largest, parallel.map_in_order(_merged_assignments, [years[i] for i in largest],
                                                         workers, min_items=1, meanwhile=meanwhile), strict=True))
        merged = [merge_year(candidates, joined[i] or ()) for i, candidates in enumerate(years)]
    else:
        if meanwhile is not None:
            meanwhile()
        merged = [merge_year(candidates) for candidates in years]
    return sorted((event for events in merged for event in events), key=event_order(rank))


def _merged_assignments(candidates: list[Candidate]) -> list[int] | None:
    """Which group each of a year's candidates joins (a worker's part of :func:`build_timeline`)."""
    return assignments(candidates, merge_year(candidates))


def event_order(rank: dict[str, int]) -> Callable[[Event], tuple[Any, ...]]:
    """The timeline's order: by date, then by the article order of the first report."""
    return lambda e: (e.when.sort_key, rank[e.reports[0].article_id], e.reports[0].block, e.reports[0].sentence)


def merge_year(candidates: list[Candidate], replay: Sequence[int] = ()) -> list[Event]:
    """One year's dated sentences, in article order, merged into events (in the order they were formed).

    Candidates: a merge needs a shared entity, so each report is compared only with the groups that name
    one of its entities, and of those only the latest MERGE_WINDOW per entity: articles are in date order,
    and reports of one event are published close together. This keeps the merge near-linear.

    ``replay``: for the first ``len(replay)`` candidates, the group each joined (by the order the groups
    were formed) when the same candidates were merged before (:func:`assignments`): they are put there
    without being compared again, and the merge goes on from the first candidate that differs (what an
    incremental build does after an edit in the middle of a year)."""
    if replay and len(replay) == len(candidates):
        return _replayed(candidates, replay)
    groups: list[_Group] = []
    by_key: dict[str, list[int]] = {}
    by_date: dict[tuple[int | None, int | None, bool], set[int]] = {}  # (month, day, week) -> its groups
    for position, (when, report, ids) in enumerate(candidates):
        if position < len(replay):
            index = replay[position]
            words: set[str] | None = None  # a new group's, when a comparison needs them
        else:
            words = _words(report.sentence)
            seen: set[int] = set()
            for entity_id in ids:
                seen.update(by_key.get(entity_id, [])[-MERGE_WINDOW:])
            if when.month is not None and when.day is not None and not when.week and seen:
                # a day's date agrees only with groups of that day, of its month without a day, or of no month
                # (the year's are all of this year): most of the groups compared are set aside here, in C
                month, day = when.month, when.day
                seen = set().union(*(seen.intersection(by_date.get(key, ())) for key in (
                    (month, day, False), (month, None, False), (None, day, False), (None, None, False))))
            index = next((i for i in sorted(seen) if _same_event(groups[i], when, report, ids, words)), len(groups))
        if index == len(groups):
            groups.append(_Group(when, [report], set(ids), words, frozenset(ids), {report.article_id}))
        else:
            group = groups[index]
            by_date[(group.when.month, group.when.day, group.when.week)].discard(index)
            group.when = group.when.merged(when)
            group.reports.append(report)
            group.articles.add(report.article_id)
        merged = groups[index].when
        by_date.setdefault((merged.month, merged.day, merged.week), set()).add(index)
        for entity_id in ids:
            postings = by_key.setdefault(entity_id, [])
            if not postings or postings[-1] != index:
                postings.append(index)
        groups[index].entity_ids |= set(ids)
    return [Event(g.when, tuple(g.reports), tuple(sorted(g.entity_ids))) for g in groups]


def _replayed(candidates: list[Candidate], replay: Sequence[int]) -> list[Event]:
    """:func:`merge_year` when every candidate is replayed: the groups put together as they were formed,
    with none of the bookkeeping a comparison would need (the full build's years, merged by workers)."""
    groups: list[tuple[list[When], list[Report], set[str]]] = []
    for (when, report, ids), index in zip(candidates, replay, strict=True):
        if index == len(groups):
            groups.append(([when], [report], set(ids)))
        else:
            dates, reports, entity_ids = groups[index]
            dates[0] = dates[0].merged(when)
            reports.append(report)
            entity_ids.update(ids)
    return [Event(dates[0], tuple(reports), tuple(sorted(entity_ids))) for dates, reports, entity_ids in groups]


def assignments(candidates: list[Candidate], events: Iterable[Event]) -> list[int] | None:
    """For each candidate, the event it joined, numbered in the order :func:`merge_year` formed them: what
    ``replay`` takes. ``events`` are those merge_year made of these very candidates (in any order): their
    reports are the candidates' report objects, told apart by identity, as one article may report the same
    sentence twice (the cache keeps a year's candidates and events in one pickle, which keeps that). None
    when a report is not found once among them: then the merge is done in full."""
    position: dict[int, int] = {}
    for i, (_, report, _) in enumerate(candidates):
        if position.setdefault(id(report), i) != i:
            return None
    formed = sorted(events, key=lambda e: position.get(id(e.reports[0]), -1))
    joined = [-1] * len(candidates)
    for number, event in enumerate(formed):
        for report in event.reports:
            at = position.get(id(report))
            if at is None or joined[at] != -1:
                return None
            joined[at] = number
    return None if -1 in joined else joined


#: hex digits of an event's :func:`event_founder`: what its anchor is made of, and how its digest starts
FOUNDER = 12


def founding_report(event: Event) -> tuple[str, str, str]:
    """The article and words of an event's earliest report: its reports come newest first, in the articles'
    order, so this is its last, and an article added to a corpus is seldom older than every report of an
    event. An article reports a sentence once (:func:`find_reports`), so no two events have the same; the
    numbering of :func:`event_anchors` and ``cache.summarise`` is a guard."""
    earliest = event.reports[-1]
    return earliest.article_id, earliest.sentence, earliest.date_text


def event_founder(event: Event) -> str:
    """The part of an event's identity that a new report of it does not change, from its
    :func:`founding_report`. An event's anchor is made of it, so that a link to the event's line on the
    timeline, an entity page's or a reader's, holds as more articles report the event."""
    return digest(founding_report(event))[:FOUNDER]


def event_digest(event: Event) -> str:
    """An event's identity: its :func:`event_founder`, then a digest of its date, its reports' articles and
    words, and its entities (the incremental cache keys its events by it; any change to the event changes it)."""
    return event_founder(event) + digest(
        (event.when, [(r.article_id, r.sentence, r.date_text) for r in event.reports], event.entity_ids))


def event_anchor(digest: str) -> str:
    """The id of an event's line on the timeline page, from its digest as the cache numbers it within its
    year ("<digest>#2" for the second event of the year with the same :func:`founding_report`)."""
    base, _, number = digest.partition("#")
    return f"e-{base[:FOUNDER]}" + (f"-{number}" if number else "")


def event_anchors(events: list[Event], shown: list[Event]) -> dict[int, str]:
    """id(event) -> :func:`event_anchor` of the ``shown`` events (those the timeline page shows) among
    ``events`` (all of them, in the timeline's order): two of a year with the same founding report are
    numbered in that order, as the cache numbers their digests (:func:`cache.summarise`)."""
    wanted = {id(event) for event in shown}
    seen: Counter[tuple[str, str, str]] = Counter()  # (one report dates its event: the same report, the same year)
    out = {}
    for event in events:
        key = founding_report(event)
        seen[key] += 1
        if id(event) in wanted:
            founder, number = event_founder(event), seen[key]
            out[id(event)] = event_anchor(founder if number == 1 else f"{founder}#{number}")
    return out


def prominence(event: Event) -> tuple[int, bool, bool]:
    """What :func:`most_reported` ranks events by: how many articles report it, and how precise its date is."""
    return len(event.reports), event.when.day is None, event.when.month is None


def most_reported(events: list[T], limit: int, measure: Callable[[T], tuple[int, bool, bool]] = prominence) -> list[T]:  # type: ignore[assignment]
    """At most ``limit`` events, those with the most reports first (then the most precise date), kept in
    date order: what a page shows when an entity has more events than a reader will scroll through.
    ``measure`` gives an event's :func:`prominence` (the incremental build ranks summaries of events)."""
    if len(events) <= limit:
        return events
    ranked = sorted([(-reports, no_day, no_month, i)
                     for i, (reports, no_day, no_month) in enumerate(map(measure, events))])
    return [events[i] for i in sorted(r[3] for r in ranked[:limit])]
